# PACT Zoom Group Facilitator Course. Every target bootstraps .venv first (idempotent).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TRAINEE ?=
PORT ?= 8866
HOST ?= 127.0.0.1

.PHONY: install course kiosk trainer test validate build

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

course: $(STAMP)
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/pact-course course $(if $(TRAINEE),--trainee $(TRAINEE))

kiosk: $(STAMP)
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/pact-course kiosk --port $(PORT) --host $(HOST)

trainer: $(STAMP)
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/pact-course trainer

validate: $(STAMP)
	$(BIN)/pact-course validate

build: $(STAMP)
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/pact-course build

test: $(STAMP)
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python -m pytest $(PYTEST_ARGS)
