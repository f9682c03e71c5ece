"""Set-up promises: one source of truth for dependencies, make targets, CI calling `make test`."""

from __future__ import annotations

import re
import subprocess
import sys

import yaml

from conftest import REPO

if sys.version_info >= (3, 11):
    import tomllib
else:  # the lock pins tomli for Python 3.10
    import tomli as tomllib

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def test_environment_yml_installs_the_lock():
    """environment.yml installs requirements.lock (what `make install` installs), then says to add the project."""
    text = (REPO / "environment.yml").read_text(encoding="utf-8")
    env = yaml.safe_load(text)
    pip = next(dep["pip"] for dep in env["dependencies"] if isinstance(dep, dict) and "pip" in dep)
    assert pip == ["-r requirements.lock"]
    assert "pip install --no-deps -e ." in text
    assert "test" in PYPROJECT["project"]["optional-dependencies"]
    python = next(dep for dep in env["dependencies"] if isinstance(dep, str) and dep.startswith("python"))
    minimum = PYPROJECT["project"]["requires-python"].removeprefix(">=")
    assert tuple(map(int, python.split("=")[1].split("."))) >= tuple(map(int, minimum.split(".")))


def test_runtime_dependencies_are_the_real_parts():
    """The runtime dependencies are JupyterLab, ipywidgets, nbgrader, Voila, pydantic and PyYAML."""
    names = {re.split(r"[<>=!~ \[]", d)[0].lower() for d in PYPROJECT["project"]["dependencies"]}
    assert {"jupyterlab", "ipywidgets", "nbgrader", "voila", "pydantic", "pyyaml"} <= names
    assert PYPROJECT["project"]["scripts"]["pact-course"] == "pact_course.commands.cli:main"


def test_makefile_has_the_contract_targets():
    """The Makefile offers install, course, kiosk, trainer and test, each bootstrapping .venv."""
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    for target in ("install", "course", "kiosk", "trainer", "test"):
        assert re.search(rf"^{target}:.*\$\(STAMP\)|^{target}: \$\(STAMP\)", makefile, re.M), target


def test_second_make_install_does_nothing():
    """Once installed, `make install` is up to date (make -q exits 0: nothing to do)."""
    result = subprocess.run(["make", "-q", "install"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ci_runs_the_readme_test_command_with_browsers_required():
    """.ci/run installs Chromium when missing, requires browser tests, and runs `make test`."""
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "make test" in readme and "make course" in readme
    assert readme.index("make course") < readme.index("make install") if "make install" in readme else True
    assert "apt-get install" in ci and "chromium" in ci
    assert "PACT_REQUIRE_BROWSER=1" in ci
    assert re.search(r"^make test", ci, re.M)


def test_generated_and_personal_data_is_ignored():
    """Gradebooks, submissions, grading folders, workspaces and the venv are gitignored."""
    ignored = (REPO / ".gitignore").read_text(encoding="utf-8").split()
    for entry in ("gradebook.db", "submitted/", "autograded/", "/feedback/", "exchange/", "workspace/", ".venv/"):
        assert entry in ignored
