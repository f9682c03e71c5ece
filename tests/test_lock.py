"""The lock file: it pins pyproject's dependencies within their ranges, and the venv holds exactly it."""

from __future__ import annotations

import importlib.metadata
import re
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

if sys.version_info >= (3, 11):
    import tomllib
else:  # the lock pins tomli for Python 3.10
    import tomli as tomllib

REPO = Path(__file__).resolve().parents[1]
LOCK = REPO / "requirements.lock"
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
# What a venv brings with it, checked only when the lock pins it; the project itself is installed editable.
INSTALLER = {"pip", "setuptools", "wheel"}
PROJECT: str = canonicalize_name(PYPROJECT["project"]["name"])


def parse_lock(text: str) -> list[tuple[Requirement, list[str]]]:
    """Each entry of a hashed lock file: the pin (with its marker, if any) and its hashes."""
    entries = []
    for logical in re.sub(r"\\\n", " ", text).splitlines():
        line = logical.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        assert not line.startswith("-"), f"the lock holds only pins: {line!r}"
        pin, *hashes = line.split(" --hash=")
        entries.append((Requirement(pin), [h.strip() for h in hashes]))
    return entries


ENTRIES = parse_lock(LOCK.read_text(encoding="utf-8"))


def pins(environment: dict[str, str] | None = None) -> dict[str, Version]:
    """The locked version of each package for an environment (markers evaluated), the running one by default."""
    chosen: dict[str, Version] = {}
    for req, _ in ENTRIES:
        if req.marker is None or req.marker.evaluate(environment):
            name = canonicalize_name(req.name)
            assert name not in chosen, f"{name} is pinned twice for the same environment"
            chosen[name] = Version(next(iter(req.specifier)).version)
    return chosen


def declared() -> list[Requirement]:
    """The runtime dependencies and the test extra, as pyproject.toml states them."""
    project = PYPROJECT["project"]
    return [Requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]]


def test_parse_lock_reads_markers_and_hashes():
    """The parser splits a pin, its marker and its hashes, and skips comments."""
    text = (
        "# header\nfoo==1.2 ; python_full_version < '3.11' \\\n    --hash=sha256:aa \\\n"
        "    --hash=sha256:bb\n    # via bar\nbar==2.0 \\\n    --hash=sha256:cc\n"
    )
    (foo, foo_hashes), (bar, bar_hashes) = parse_lock(text)
    assert (foo.name, str(foo.specifier), str(foo.marker)) == ("foo", "==1.2", 'python_full_version < "3.11"')
    assert foo_hashes == ["sha256:aa", "sha256:bb"] and bar_hashes == ["sha256:cc"]
    assert bar.marker is None


def test_every_entry_is_an_exact_pin_with_hashes():
    """Every package in the lock has one exact version and at least one sha256 hash."""
    assert len(ENTRIES) > 50
    for req, hashes in ENTRIES:
        assert len(req.specifier) == 1 and next(iter(req.specifier)).operator == "==", req
        assert hashes and all(h.startswith("sha256:") for h in hashes), req


def test_lock_is_written_by_make_lock():
    """The lock's header says how to regenerate it, and the Makefile installs from it with hashes required."""
    assert "#    make lock\n" in LOCK.read_text(encoding="utf-8")
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes -r $(LOCK)" in makefile and "--no-deps -e ." in makefile
    assert re.search(r"^\$\(STAMP\): \$\(LOCK\) pyproject.toml", makefile, re.M)


@pytest.mark.parametrize("python", ["3.10", "3.11", "3.12", "3.13"])
def test_every_declared_dependency_is_pinned_within_its_range(python):
    """Each dependency of pyproject.toml and its test extra is locked at a version its range allows."""
    environment = {"python_version": python, "python_full_version": f"{python}.0"}
    locked = pins(environment)
    for req in declared():
        if req.marker is not None and not req.marker.evaluate(environment):
            continue
        name = canonicalize_name(req.name)
        assert name in locked, f"{req} is not in the lock: run `make lock`"
        assert req.specifier.contains(locked[name], prereleases=True), (
            f"{name}=={locked[name]} is outside {req}: run `make lock`"
        )


def test_installed_environment_equals_the_lock():
    """The venv running the tests holds exactly the locked versions: nothing missing, different or extra."""
    if sys.prefix == sys.base_prefix and not (Path(sys.prefix) / "conda-meta").is_dir():
        pytest.skip("not running in the project's environment (`make install` or environment.yml)")
    # Only the venv's own site-packages: a process that imported setuptools also sees the copies it vendors.
    where = sorted({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]})
    installed: dict[str, Version] = {
        canonicalize_name(d.metadata["Name"]): Version(d.version) for d in importlib.metadata.distributions(path=where)
    }
    locked = pins()
    installed.pop(PROJECT, None)
    for tool in INSTALLER - locked.keys():
        installed.pop(tool, None)
    missing = sorted(set(locked) - set(installed))
    extra = sorted(set(installed) - set(locked))
    different = sorted(
        f"{n} {installed[n]} (lock: {locked[n]})" for n in locked.keys() & installed.keys() if installed[n] != locked[n]
    )
    hint = "run `make install`, or `rm -rf .venv && make install` for a clean one"
    assert not (missing or extra or different), f"missing {missing}, extra {extra}, different {different}: {hint}"


def test_installed_requirements_are_consistent():
    """pip finds every installed package's requirements satisfied (the lock is complete for this Python)."""
    result = subprocess.run([sys.executable, "-m", "pip", "check"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
