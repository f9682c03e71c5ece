# PACT Zoom Group Facilitator Course. Every target bootstraps .venv first (idempotent).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TRAINEE ?=
PORT ?= 8866
HOST ?= 127.0.0.1
# The application's exact versions, with hashes (`make lock` writes it from pyproject.toml).
LOCK := requirements.lock
UV_VERSION := 0.13.8
UV := $(VENV)/tools/uv-$(UV_VERSION)/bin/uv
# The tree is clean: any lint or type finding fails `make lint` and so `make test` (LINT_STRICT=0 only reports).
LINT_STRICT ?= 1
LINT_IGNORE := $(if $(filter 1,$(LINT_STRICT)),,-)

.PHONY: install lock lint course kiosk trainer hub hub-install test validate build

install: $(STAMP)

$(STAMP): $(LOCK) pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

# Rewrite the lock from pyproject.toml (runtime + test extra), for every OS and Python >= 3.10.
# Keeps the pins it can; `make lock UPGRADE=1` takes the newest versions the ranges allow.
lock: $(UV)
	$(UV) pip compile pyproject.toml --extra test --universal --generate-hashes --quiet \
		--python-version $(shell sed -n 's/^requires-python = ">=\([0-9.]*\)"/\1/p' pyproject.toml) \
		--custom-compile-command 'make lock' $(if $(filter 1,$(UPGRADE)),--upgrade) -o $(LOCK)

# uv, pinned, beside the venv (not in it: the venv holds exactly the lock).
$(UV):
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --target $(VENV)/tools/uv-$(UV_VERSION) 'uv==$(UV_VERSION)'

# ruff (lint, format) and mypy, as configured in pyproject.toml.
lint: $(STAMP)
	$(LINT_IGNORE)$(BIN)/ruff check .
	$(LINT_IGNORE)$(BIN)/ruff format --check .
	$(LINT_IGNORE)$(BIN)/mypy

course: $(STAMP)
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/pact-course course $(if $(TRAINEE),--trainee $(TRAINEE))

kiosk: $(STAMP)
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/pact-course kiosk --port $(PORT) --host $(HOST)

trainer: $(STAMP)
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/pact-course trainer

# JupyterHub for a team (as root; docs/deployment.md). The hub's own environment lives outside the
# course folder, which the hub closes to trainees: HUB_VENV, built with Debian's python3 from the lock.
HUB_VENV ?= /opt/pact-course/venv
HUB_PYTHON ?= /usr/bin/python3
HUB_PORT ?= 8000
CHP := configurable-http-proxy@5

hub: $(STAMP)
	@command -v configurable-http-proxy >/dev/null || npm install --global --silent $(CHP)
	$(BIN)/pact-course hub --venv $(HUB_VENV) --python $(HUB_PYTHON) --host $(HOST) --port $(HUB_PORT)

# Build or update the hub's environment and prepare the deployment, without starting the hub (then
# `systemctl restart pact-hub`).
hub-install: $(STAMP)
	@command -v configurable-http-proxy >/dev/null || npm install --global --silent $(CHP)
	$(BIN)/pact-course hub --venv $(HUB_VENV) --python $(HUB_PYTHON) --prepare-only

# Lists every problem in plain words and ends there: no "make: *** Error 1" line after the list, so the
# status is 0 even with problems. Scripts use `.venv/bin/pact-course validate` (exit 1) or VALIDATE_STRICT=1.
validate: $(STAMP)
	@$(BIN)/pact-course validate || test "$(VALIDATE_STRICT)" != 1

build: $(STAMP)
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/pact-course build

test: $(STAMP) lint
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python -m pytest $(PYTEST_ARGS)
