"""Test helpers for the hub: a real PostgreSQL in a temporary folder, the hub's environment, accounts and JupyterHub."""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import CHROMIUM, free_port
from lab import REPO, http_get

PG_USER = "postgres"  # Debian's postgresql package creates it; initdb refuses to run as root
HUB_VENV = Path(os.environ.get("PACT_HUB_TEST_VENV", "/var/tmp/pact-hub-test-venv"))
COURSE_FILES = ("content", "notebooks", "source", "release", "kiosk", "trainer", "deploy", "nbgrader_config.py")


def pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def pg_tool(name: str) -> str:
    """A PostgreSQL server program (initdb, pg_ctl, psql) from Debian's postgresql package."""
    found = pg_bin()
    assert found is not None, "PostgreSQL is not installed (apt-get install postgresql)"
    return str(found / name)


def missing_tools() -> list[str]:
    """What the hub tests need from the machine and cannot find (empty when all is there)."""
    missing = []
    if os.geteuid() != 0:
        missing.append("root (the hub creates system accounts and runs servers as them)")
    if pg_bin() is None:
        missing.append("PostgreSQL's initdb (apt-get install postgresql)")
    try:
        pwd.getpwnam(PG_USER)
    except KeyError:
        missing.append("the postgres system user (apt-get install postgresql)")
    if not shutil.which("configurable-http-proxy"):
        missing.append("configurable-http-proxy (npm install -g configurable-http-proxy)")
    if not CHROMIUM.exists():
        missing.append(f"Chromium at {CHROMIUM} (apt-get install chromium)")
    if not Path("/usr/bin/python3").exists():
        missing.append("/usr/bin/python3 with venv (apt-get install python3-venv)")
    for tool in ("useradd", "runuser", "chpasswd"):
        if not shutil.which(tool):
            missing.append(tool)
    return missing


def require_hub_tools() -> None:
    """Skip with the reason when something is missing, unless PACT_REQUIRE_BROWSER=1 (CI), where that fails."""
    missing = missing_tools()
    if not missing:
        return
    reason = "the hub tests need: " + "; ".join(missing)
    if os.environ.get("PACT_REQUIRE_BROWSER") == "1":
        pytest.fail(f"PACT_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


def as_user(user: str, *command: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run a command as another system account (runuser), capturing its output; `env` is all it gets."""
    if env is not None:
        command = ("env", "-i", *(f"{k}={v}" for k, v in env.items()), *command)
    return subprocess.run(["runuser", "-u", user, "--", *command], cwd=cwd, capture_output=True, text=True, timeout=300)


def open_folder(prefix: str) -> Path:
    """A new folder under /tmp that every account may enter (pytest's own tmp folders are root's only)."""
    path = Path(tempfile.mkdtemp(prefix=prefix, dir="/tmp"))
    os.chmod(path, 0o755)
    return path


@dataclass
class Postgres:
    """A PostgreSQL server of its own: a data folder in /tmp, loopback only, password logins (scram-sha-256)."""

    base: Path
    port: int
    password: str = field(default_factory=lambda: secrets.token_urlsafe(16))
    user: str = "pact"

    def url(self, database: str) -> str:
        return f"postgresql://{self.user}:{self.password}@127.0.0.1:{self.port}/{database}"

    def psql(self, sql: str, database: str = "postgres") -> str:
        """Run SQL as the server's superuser over its socket (peer login), statements on standard input."""
        proc = subprocess.run(
            [
                "runuser",
                "-u",
                PG_USER,
                "--",
                pg_tool("psql"),
                "-h",
                str(self.base),
                "-p",
                str(self.port),
                "-d",
                database,
                "-v",
                "ON_ERROR_STOP=1",
                "-qAt",
                "-f",
                "-",
            ],
            input=sql,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    def create_database(self, name: str) -> str:
        self.psql(f'CREATE DATABASE "{name}" OWNER {self.user};')
        return self.url(name)

    @classmethod
    def start(cls) -> Postgres:
        base = Path(tempfile.mkdtemp(prefix="pact-pg-", dir="/tmp"))
        shutil.chown(base, PG_USER, PG_USER)
        server = cls(base, free_port())
        data, log = base / "data", base / "server.log"
        pg = ["runuser", "-u", PG_USER, "--"]
        subprocess.run(
            [
                *pg,
                pg_tool("initdb"),
                "-D",
                str(data),
                "-U",
                PG_USER,
                "--auth-local=peer",
                "--auth-host=scram-sha-256",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        options = f"-p {server.port} -k {base} -c listen_addresses=127.0.0.1"
        subprocess.run(
            [*pg, pg_tool("pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60", "-o", options, "start"],
            check=True,
            capture_output=True,
            timeout=120,
        )
        server.psql(f"CREATE ROLE {server.user} LOGIN CREATEDB PASSWORD '{server.password}';")
        return server

    def stop(self) -> None:
        subprocess.run(
            [
                "runuser",
                "-u",
                PG_USER,
                "--",
                pg_tool("pg_ctl"),
                "-D",
                str(self.base / "data"),
                "-m",
                "fast",
                "-w",
                "stop",
            ],
            capture_output=True,
            timeout=120,
        )
        shutil.rmtree(self.base, ignore_errors=True)


def hub_env(base: Path, names: dict[str, str], ports: dict[str, int], gradebook_url: str) -> dict[str, str]:
    """The environment `pact-course hub` runs in: this test's places, groups, ports and PostgreSQL gradebook."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PACT_", "JUPYTER", "NBGRADER_", "JPY_"))}
    env.update(
        PATH=f"{HUB_VENV / 'bin'}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}",
        PACT_HUB_PREFIX=str(base),
        PACT_TRAINEES_GROUP=names["trainees"],
        PACT_TRAINERS_GROUP=names["trainers"],
        PACT_COURSE_USER=names["course"],
        PACT_HUB_PORT=str(ports["hub"]),
        PACT_HUB_API_PORT=str(ports["api"]),
        PACT_HUB_PROXY_API_PORT=str(ports["proxy"]),
        PACT_HUB_SERVICE_PORT=str(ports["service"]),
        PACT_GRADEBOOK_URL=gradebook_url,
    )
    return env


@dataclass
class Hub:
    """A running `pact-course hub` for one test session, with its course, accounts and passwords."""

    base: Path
    course: Path
    env: dict[str, str]
    url: str
    names: dict[str, str]
    passwords: dict[str, str]
    proc: subprocess.Popen | None = None
    log: Path | None = None
    facts: dict = field(default_factory=dict)

    @property
    def exchange(self) -> Path:
        return self.base / "exchange"

    def pact(self, *args: str, env: dict | None = None, check: bool = True) -> subprocess.CompletedProcess:
        """`pact-course --root <course> ARGS` from the hub's environment, as root."""
        proc = subprocess.run(
            [str(HUB_VENV / "bin" / "pact-course"), "--root", str(self.course), *args],
            env=env or self.env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if check:
            assert proc.returncode == 0, f"pact-course {' '.join(args)}: {proc.stdout}\n{proc.stderr}"
        return proc

    def add_account(self, user: str, role: str, lang: str, name: str) -> None:
        password = secrets.token_urlsafe(12)
        proc = subprocess.run(
            [
                str(HUB_VENV / "bin" / "pact-course"),
                "--root",
                str(self.course),
                "accounts",
                "add",
                user,
                "--role",
                role,
                "--lang",
                lang,
                "--name",
                name,
                "--password-stdin",
            ],
            input=password + "\n",
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert proc.returncode == 0, proc.stderr
        self.passwords[user] = password

    def start(self) -> None:
        self.log = self.base / "hub.log"
        with open(self.log, "w", encoding="utf-8") as out:
            self.proc = subprocess.Popen(
                [
                    str(HUB_VENV / "bin" / "pact-course"),
                    "--root",
                    str(self.course),
                    "hub",
                    "--venv",
                    str(HUB_VENV),
                    "--no-install",
                ],
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and self.proc.poll() is None:
            if http_get(f"{self.url}/hub/api", timeout=5)[0] == 200 and http_get(
                f"{self.url}/services/pact-facilitator/", timeout=5
            )[0] in (200, 302):
                return
            time.sleep(0.5)
        raise AssertionError(f"the hub did not start:\n{self.log.read_text()[-4000:]}")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # JupyterHub stops every server and the proxy it started
            try:
                self.proc.wait(timeout=90)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def remove_accounts(users: list[str], groups: list[str]) -> None:
    """Delete this session's system accounts (ending any process still running as them, by id) and groups."""
    for user in users:
        try:
            uid = pwd.getpwnam(user).pw_uid
        except KeyError:
            continue
        pids = subprocess.run(["ps", "-u", str(uid), "-o", "pid="], capture_output=True, text=True).stdout.split()
        for pid in pids:
            with contextlib.suppress(ProcessLookupError, ValueError):
                os.kill(int(pid), signal.SIGKILL)
        subprocess.run(["userdel", "--remove", user], capture_output=True)
    for group in groups:
        subprocess.run(["groupdel", group], capture_output=True)


def source_tree(base: Path) -> Path:
    """The course the hub tests install and serve: this working tree, or the commit named in PACT_HUB_TEST_FROM
    (e.g. HEAD), so a shared work tree's unfinished edits by others stay out of a developer's run."""
    rev = os.environ.get("PACT_HUB_TEST_FROM")
    if not rev:
        return REPO
    snapshot = base / "snapshot"
    snapshot.mkdir()
    archive = subprocess.run(["git", "-C", str(REPO), "archive", rev], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(snapshot)], input=archive, check=True)
    return snapshot


def copy_course(base: Path, source: Path = REPO) -> Path:
    """A copy of the course (content, notebooks, assessments, kiosk, hub settings) from `source` under `base`."""
    course = base / "course"
    course.mkdir()
    for name in COURSE_FILES:
        src = source / name
        if src.is_dir():
            shutil.copytree(src, course / name, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        else:
            shutil.copy2(src, course / name)
    return course
