"""Issue 16, secrets: no token on any command line of the servers the course starts, or their children."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil  # type: ignore[import-untyped]
import pytest

from conftest import free_port
from pact_course.deploy import kiosk_server

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SECRET_WORDS = re.compile(r"token|secret|password|passwd|api[_-]?key", re.IGNORECASE)


def tree(pid: int) -> list[psutil.Process]:
    """The process and all its descendants."""
    root = psutil.Process(pid)
    return [root, *root.children(recursive=True)]


def command_lines(pid: int) -> dict[int, str]:
    """What any local account reads in /proc/<pid>/cmdline, for the process and each descendant."""
    found = {}
    for process in tree(pid):
        try:
            found[process.pid] = Path(f"/proc/{process.pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
    return found


def assert_no_secret(pid: int, token: str | None) -> dict[int, str]:
    lines = command_lines(pid)
    assert len(lines) >= 2, f"expected the server and a child (a kernel): {lines}"
    for child, line in lines.items():
        assert not (token and token in line), f"the token is on the command line of {child}: {line}"
        names = [part.split("=", 1)[0] for part in line.split() if part.startswith("-") or "=" in part]
        assert not [n for n in names if SECRET_WORDS.search(n)], f"a secret-looking option on {child}: {line}"
    return lines


def readable_by_others(folder: Path, token: str) -> list[str]:
    """Files under `folder` holding the token that another account could read (as if `folder` were open to all:
    the file readable by group or others, and every folder between traversable by them)."""
    bad = []
    for path in folder.rglob("*"):
        try:
            if not path.is_file() or path.is_symlink() or token.encode() not in path.read_bytes():
                continue
            between = [p for p in path.parents if p != folder and folder in p.parents]
            if stat.S_IMODE(path.stat().st_mode) & 0o044 and all(p.stat().st_mode & 0o011 for p in between):
                bad.append(f"{path} {oct(stat.S_IMODE(path.stat().st_mode))}")
        except OSError:
            continue
    return bad


def http(url: str, method: str = "GET", token: str | None = None, timeout: float = 60):
    request = urllib.request.Request(url, method=method, data=b"{}" if method == "POST" else None)  # noqa: S310
    if token:
        request.add_header("Authorization", f"token {token}")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - loopback server
            return response.status, response.read().decode()
    except (urllib.error.URLError, OSError) as exc:
        return getattr(exc, "code", 0), ""


class Server:
    """A `pact-course` command that starts JupyterLab, run as its user runs it, with its own HOME."""

    def __init__(self, args: list[str], home: Path, port: int, cwd: Path):
        self.home, self.port = home, port
        self.log = home.parent / "server.log"  # what the command prints, as a terminal would show it
        self._out = self.log.open("w+")
        env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER_", "PACT_"))}
        env.update(HOME=str(home), PATH=str(BIN) + os.pathsep + env.get("PATH", ""))
        self.proc = subprocess.Popen(
            [str(BIN / "pact-course"), *args], stdout=self._out, stderr=subprocess.STDOUT, env=env, cwd=cwd
        )

    def token(self, timeout: float = 180) -> str:
        """The token from the URL the command prints, once the server answers with it."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.proc.poll() is None:
            found = re.search(r"token=([\w-]+)", self.log.read_text())
            if found and http(f"http://127.0.0.1:{self.port}/api/status", token=found.group(1))[0] == 200:
                return found.group(1)
            time.sleep(0.5)
        raise AssertionError(f"the server did not start:\n{self.log.read_text()[-3000:]}")

    def start_kernel(self, token: str) -> None:
        status, body = http(f"http://127.0.0.1:{self.port}/api/kernels", "POST", token)
        assert status == 201, (status, body)
        kernel = json.loads(body)["id"]
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not any(kernel in line for line in command_lines(self.proc.pid).values()):
            time.sleep(0.5)

    def stop(self) -> None:
        """Stop the command and everything it started (its JupyterLab, their kernels)."""
        processes = tree(self.proc.pid)
        self.proc.terminate()
        _, alive = psutil.wait_procs(processes, timeout=30)
        for process in alive:
            process.kill()
        self.proc.wait()
        self._out.close()


@pytest.fixture
def course_root(course_dir: Path) -> Path:
    shutil.copytree(REPO / "notebooks", course_dir / "notebooks", ignore=shutil.ignore_patterns("kiosk.ipynb"))
    shutil.copy(REPO / "nbgrader_config.py", course_dir / "nbgrader_config.py")
    return course_dir


@pytest.mark.parametrize("command", ["course", "trainer"])
def test_no_token_on_the_command_line_of_jupyterlab_or_its_kernels(course_root, tmp_path, command):
    """`pact-course course` and `pact-course trainer` pass the token in the environment: it is on no command line
    of the server or its kernels, and no file holding it is readable by another account."""
    port = free_port()
    home = tmp_path / "home"
    home.mkdir()
    extra = ["--trainee", "amina"] if command == "course" else []
    server = Server(
        ["--root", str(course_root), command, *extra, "--port", str(port), "--no-browser"], home, port, course_root
    )
    try:
        token = server.token()
        server.start_kernel(token)
        lines = assert_no_secret(server.proc.pid, token)
        print(f"{command}: {len(lines)} processes, none with the token on its command line")
        jupyter = next(
            p for p in tree(server.proc.pid) if "jupyter" in " ".join(p.cmdline()) and "lab" in " ".join(p.cmdline())
        )
        assert jupyter.environ().get("JUPYTER_TOKEN") == token
        for folder in (home, course_root / "workspaces", course_root / ".jupyter"):  # the account's and the course's
            assert not readable_by_others(folder, token), folder
    finally:
        server.stop()


def test_no_secret_on_the_command_line_of_the_kiosk_or_its_kernels(tmp_path):
    """The kiosk's Voila and its kernels carry no token, secret or password on their command lines."""
    port = free_port()
    with (tmp_path / "voila.log").open("w") as log:
        proc = kiosk_server.start(REPO, port=port, log=log)
        try:
            kiosk_server.wait_until_serving("127.0.0.1", port, timeout=120, proc=proc)
            assert http(f"http://127.0.0.1:{port}/", timeout=120)[0] == 200  # a visitor's kernel
            lines = assert_no_secret(proc.pid, None)
            assert any("kernel-" in line for line in lines.values())
        finally:
            kiosk_server.stop(proc)
