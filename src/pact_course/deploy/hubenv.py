"""The hub's Python environment: a venv outside the course, readable by every account, the course copied in."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

DEFAULT_VENV = Path("/opt/pact-course/venv")
DEFAULT_PYTHON = "/usr/bin/python3"  # the system's Python: every account can run it (a pyenv under /root cannot)
STAMP = ".pact-course-installed"
LOCK = "requirements.lock"
PACKAGE_FILES = ("pyproject.toml", "README.md", "LICENSE", "src")  # what building the package reads


class EnvError(Exception):
    """The hub's environment could not be built; the message names the step and pip's last words."""


def _digest(source: Path, paths: list[Path]) -> str:
    h = hashlib.sha256()
    for path in sorted(paths):
        h.update(path.relative_to(source).as_posix().encode() + b"\0")
        h.update(path.read_bytes())
    return h.hexdigest()


def wanted(source: Path) -> dict[str, str]:
    """What the environment must match: the dependency files and the package's source."""
    deps = [p for p in (source / "pyproject.toml", source / LOCK) if p.is_file()]
    code = [p for p in (source / "src").rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    return {"deps": _digest(source, deps), "code": _digest(source, code)}


def _pip(venv: Path, *args: str) -> None:
    proc = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "--disable-pip-version-check", *args],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise EnvError(f"pip {' '.join(args[:3])} failed:\n{(proc.stderr or proc.stdout).strip()[-2000:]}")


def ensure(venv: Path = DEFAULT_VENV, source: Path | None = None, python: str = DEFAULT_PYTHON, log=print) -> bool:
    """Create or update `venv` from the course checkout `source`; True when something was installed.

    Dependencies come from requirements.lock when the checkout has one (exact versions, hashes),
    else from pyproject.toml; the course itself is installed as a copy, so the checkout can stay
    closed to trainees. Unchanged files: nothing is done.
    """
    venv, source = Path(venv), Path(source or Path.cwd()).resolve()
    if not (source / "pyproject.toml").is_file():
        raise EnvError(f"{source} is not a checkout of the course (no pyproject.toml)")
    want = wanted(source)
    stamp = venv / STAMP
    try:
        have = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        have = {}
    if have == want and (venv / "bin" / "jupyterhub").exists():
        return False
    old = os.umask(0o022)  # every account reads and runs it
    try:
        if not (venv / "bin" / "python").exists():
            log(f"Creating the hub's Python environment in {venv} (with {python})")
            venv.parent.mkdir(parents=True, exist_ok=True)
            proc = subprocess.run([python, "-m", "venv", str(venv)], capture_output=True, text=True)
            if proc.returncode != 0:
                raise EnvError(f"{python} -m venv failed (Debian: apt-get install python3-venv): {proc.stderr.strip()}")
            have = {}
        if have.get("deps") != want["deps"]:
            log("Installing the course's dependencies into the hub's environment (a few minutes the first time)")
            _pip(venv, "install", "--quiet", "--upgrade", "pip")
            if (source / LOCK).is_file():
                _pip(venv, "install", "--quiet", "--require-hashes", "-r", str(source / LOCK))
            else:
                _pip(venv, "install", "--quiet", str(source))
        log("Installing the course package into the hub's environment")
        with tempfile.TemporaryDirectory(prefix="pact-course-build-") as tmp:
            copy = Path(tmp) / "pact-course"  # built from a copy: the checkout gets no build/ folder
            shutil.copytree(
                source,
                copy,
                ignore=lambda folder, names: (
                    [n for n in names if n not in PACKAGE_FILES]
                    if Path(folder) == source
                    else [n for n in names if n == "__pycache__"]
                ),
            )
            _pip(venv, "install", "--quiet", "--no-deps", "--force-reinstall", str(copy))
        stamp.write_text(json.dumps(want), encoding="utf-8")
    finally:
        os.umask(old)
    return True
