"""Test helpers: a temporary trainer course and `pact-course course` JupyterLab servers for trainees."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
COURSE_ID = "pact-facilitator"
# What a trainer's copy of the course holds (nothing generated, personal or local).
COURSE_FILES = ("content", "notebooks", "source", "release", "trainer", "nbgrader_config.py")


def http_get(url: str, timeout: float = 10) -> tuple[int, str]:
    """(status, body) of a GET; status 0 when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:  # noqa: S310 - loopback test server
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as exc:
        return 0, str(exc)


def isolated_env(home: Path, **extra: str) -> dict[str, str]:
    """This process's environment without PACT_/JUPYTER_/NBGRADER_ settings, with its own HOME and .venv/bin first."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PACT_", "JUPYTER_", "NBGRADER_", "JPY_"))}
    home.mkdir(parents=True, exist_ok=True)
    env.update(HOME=str(home), PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    env.update(extra)
    return env


@dataclass
class TrainerCourse:
    """A trainer's copy of the course in a temporary folder, with its own exchange and gradebook."""

    root: Path
    exchange: Path
    gradebook: Path
    home: Path
    outputs: list[subprocess.CompletedProcess] = field(default_factory=list)

    @classmethod
    def copy_of_repo(cls, base: Path) -> TrainerCourse:
        root = base / "course"
        root.mkdir(parents=True)
        for name in COURSE_FILES:
            src = REPO / name
            if src.is_dir():
                shutil.copytree(src, root / name, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
            elif src.is_file():
                shutil.copy2(src, root / name)
        return cls(root, base / "exchange", base / "gradebook.db", base / "trainer-home")

    @property
    def gradebook_url(self) -> str:
        return f"sqlite:///{self.gradebook}"

    def env(self, home: Path | None = None) -> dict[str, str]:
        return isolated_env(home or self.home, PACT_EXCHANGE=str(self.exchange), PACT_GRADEBOOK_URL=self.gradebook_url)

    def pact(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        """`pact-course --root <course> ARGS` as the trainer."""
        return self._run([str(BIN / "pact-course"), "--root", str(self.root), *args], check)

    def nbgrader(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        """`nbgrader ARGS` in the course root, as the trainer."""
        return self._run([str(BIN / "nbgrader"), *args], check)

    def _run(self, command: list[str], check: bool) -> subprocess.CompletedProcess:
        proc = subprocess.run(command, cwd=self.root, env=self.env(), capture_output=True, text=True, timeout=600)
        self.outputs.append(proc)
        if check and proc.returncode != 0:
            raise AssertionError(f"{' '.join(command)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
        return proc


@dataclass
class Lab:
    """A running trainee JupyterLab."""

    base: str
    token: str
    url: str
    workspace: Path
    log: Path

    def url_for(self, path: str) -> str:
        sep = "&" if "?" in path else "?"
        return f"{self.base}{path}{sep}token={self.token}"


class CourseLabProcess:
    """`pact-course course --trainee ID --workspace W --port P --no-browser`, started as a trainee starts it."""

    def __init__(self, course_root: Path, trainee: str, workspace: Path, port: int, env: dict[str, str]):
        workspace.parent.mkdir(parents=True, exist_ok=True)
        self.trainee, self.workspace, self.base = trainee, workspace, f"http://127.0.0.1:{port}"
        self.log_path = workspace.parent / f"lab-{trainee}.log"
        self._log = open(self.log_path, "w+", encoding="utf-8")  # noqa: SIM115 - closed in stop()
        command = [
            str(BIN / "pact-course"),
            "--root",
            str(course_root),
            "course",
            "--trainee",
            trainee,
            "--workspace",
            str(workspace),
            "--port",
            str(port),
            "--no-browser",
        ]
        self.proc = subprocess.Popen(command, stdout=self._log, stderr=subprocess.STDOUT, env=env, cwd=workspace.parent)

    def ready(self, startup: float = 120) -> Lab:
        """Wait until the printed URL answers; the Lab, or AssertionError with the log's tail."""
        deadline = time.monotonic() + startup
        while time.monotonic() < deadline and self.proc.poll() is None:
            self._log.seek(0)
            found = re.search(r"JupyterLab: (http://127\.0\.0\.1:\d+/\S+\?token=(\S+))", self._log.read())
            if found and http_get(f"{self.base}/api/status?token={found.group(2)}")[0] == 200:
                return Lab(self.base, found.group(2), found.group(1), self.workspace, self.log_path)
            time.sleep(0.25)  # polling the server's status, not waiting a fixed time
        self._log.seek(0)
        raise AssertionError(f"JupyterLab for {self.trainee} did not start:\n{self._log.read()[-3000:]}")

    def stop(self) -> None:
        """Stop `pact-course course` (it stops its JupyterLab) and wait until the port is free."""
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._log.close()
        deadline = time.monotonic() + 30
        while http_get(f"{self.base}/api/status", timeout=2)[0] != 0 and time.monotonic() < deadline:
            time.sleep(0.25)


@contextlib.contextmanager
def course_labs(course_root: Path, trainees: dict[str, tuple[Path, dict[str, str]]], ports: list[int]):
    """Several trainees' JupyterLabs started at once ({id: (workspace, env)}); yields {id: Lab}; all stopped on exit."""
    started: list[CourseLabProcess] = []
    try:
        for (trainee, (workspace, env)), port in zip(trainees.items(), ports, strict=True):
            started.append(CourseLabProcess(course_root, trainee, workspace, port, env))
        yield {p.trainee: p.ready() for p in started}
    finally:
        for p in started:
            p.stop()
