"""ruff and mypy as the project configures them: they fail on a bad file, and `make test` runs them first."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

if sys.version_info >= (3, 11):
    import tomllib
else:  # the lock pins tomli for Python 3.10
    import tomli as tomllib

REPO = Path(__file__).resolve().parents[1]
PYPROJECT_PATH = REPO / "pyproject.toml"
PYPROJECT = tomllib.loads(PYPROJECT_PATH.read_text(encoding="utf-8"))
BIN = Path(sys.executable).parent
LONG = "x" * 108  # a line of 121 characters below: too long at 120, the project's limit

BAD = f'''"""A module with the mistakes the checks exist for."""
from typing import List
import os


def add(item, items=[]):
    items.append(item)
    return items


def total(values: List[int]) -> int:
    result: int = "zero"
    return result


def untyped():
    return 1 + "one"


fine_at_120 = "{"y" * 104}"
too_long = "{LONG}"
spaced  =  {{ 'a':1 }}
'''

GOOD = '''"""A module the checks accept."""


def total(values: list[int]) -> int:
    """The sum of the values."""
    return sum(values)
'''


def tool(name: str) -> str:
    """The venv's copy of a checker (the version the lock pins)."""
    path = BIN / name
    if not path.exists():
        pytest.fail(f"{path} is missing: run `make install`")
    return str(path)


def ruff(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """ruff with the project's configuration."""
    command = [tool("ruff"), *args, "--config", str(PYPROJECT_PATH), "--no-cache"]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


def mypy(path: Path) -> subprocess.CompletedProcess[str]:
    """mypy with the project's configuration."""
    command = [tool("mypy"), "--config-file", str(PYPROJECT_PATH), "--cache-dir", str(path.parent / ".mypy")]
    return subprocess.run([*command, str(path)], cwd=path.parent, capture_output=True, text=True, check=False)


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    """A deliberately bad module in a temporary folder."""
    (tmp_path / "bad.py").write_text(BAD, encoding="utf-8")
    return tmp_path / "bad.py"


def test_project_configures_the_agreed_rules():
    """ruff selects at least E, F, W, I, B, UP, SIM and RUF at 120 columns; mypy checks src, tests and benchmarks."""
    ruff_config = PYPROJECT["tool"]["ruff"]
    assert ruff_config["line-length"] == 120
    assert {"E", "F", "W", "I", "B", "UP", "SIM", "RUF"} <= set(ruff_config["lint"]["select"])
    mypy_config = PYPROJECT["tool"]["mypy"]
    assert {"src", "tests", "benchmarks"} <= set(mypy_config["files"])
    assert mypy_config["check_untyped_defs"] is True


def test_ruff_fails_on_the_bad_file(bad):
    """ruff check reports the bad file's mistakes, by the project's rules and line length."""
    result = ruff("check", "--output-format", "concise", bad.name, cwd=bad.parent)
    assert result.returncode == 1, result.stdout + result.stderr
    found = {(int(line), code) for line, code in re.findall(r"bad\.py:(\d+):\d+: ([A-Z]+\d+)", result.stdout)}
    codes = {code for _, code in found}
    assert {"F401", "B006", "UP035", "I001"} <= codes, result.stdout
    too_long = BAD.splitlines().index(f'too_long = "{LONG}"') + 1
    assert (too_long, "E501") in found and (too_long - 1, "E501") not in found, result.stdout


def test_ruff_format_fails_on_the_bad_file(bad):
    """ruff format --check refuses the badly spaced file without changing it."""
    result = ruff("format", "--check", bad.name, cwd=bad.parent)
    assert result.returncode == 1 and "1 file would be reformatted" in result.stdout, result.stdout + result.stderr
    assert bad.read_text(encoding="utf-8") == BAD


def test_mypy_fails_on_the_bad_file(bad):
    """mypy reports the wrong assignment, and the error inside an unannotated function (check_untyped_defs)."""
    result = mypy(bad)
    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(r"bad\.py:12: error: Incompatible types in assignment .*\[assignment\]", result.stdout)
    assert re.search(r"bad\.py:17: error: Unsupported operand types .*\[operator\]", result.stdout), result.stdout


def test_checks_pass_on_a_good_file(tmp_path):
    """The same three checks accept a clean module, so their failures above come from the mistakes."""
    good = tmp_path / "good.py"
    good.write_text(GOOD, encoding="utf-8")
    assert ruff("check", good.name, cwd=tmp_path).returncode == 0
    assert ruff("format", "--check", good.name, cwd=tmp_path).returncode == 0
    result = mypy(good)
    assert result.returncode == 0, result.stdout


def test_make_test_runs_the_checks_before_pytest():
    """`make test` (what CI runs) runs ruff check, ruff format --check and mypy, then pytest."""
    result = subprocess.run(["make", "-n", "test"], cwd=REPO, capture_output=True, text=True, check=True)
    lines = result.stdout.splitlines()

    def first(pattern: str) -> int:
        return next(i for i, line in enumerate(lines) if re.search(pattern, line))

    assert first(r"bin/ruff check") < first(r"bin/ruff format --check") < first(r"bin/mypy") < first(r"-m pytest")
    # A finding fails the run: by default the checks carry no `-` (make's "ignore errors") prefix.
    database = subprocess.run(["make", "-pn", "lint"], cwd=REPO, capture_output=True, text=True).stdout
    assert re.search(r"^LINT_IGNORE :=\s*$", database, flags=re.M), "make lint ignores findings by default"
    relaxed = subprocess.run(["make", "-pn", "lint", "LINT_STRICT=0"], cwd=REPO, capture_output=True, text=True).stdout
    assert re.search(r"^LINT_IGNORE := -$", relaxed, flags=re.M)


def test_pre_commit_runs_the_same_checks():
    """The pre-commit hooks run the venv's ruff and mypy, so their versions are the lock's."""
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert all(repo["repo"] == "local" for repo in config["repos"])
    assert hooks["ruff-check"]["entry"].startswith(".venv/bin/ruff check")
    assert hooks["ruff-format"]["entry"].startswith(".venv/bin/ruff format")
    assert hooks["mypy"]["entry"] == ".venv/bin/mypy" and hooks["mypy"]["pass_filenames"] is False
