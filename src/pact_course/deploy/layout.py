"""Where a hub deployment keeps things, and the set-up that makes them safe: owners, modes, exchange, public copy."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..engine.content import GUIDELINES_FILE, SCENARIOS_DIR
from ..engine.settings import COURSE_ID, gradebook_url
from .accounts import AccountError, Groups, ensure_group, user_exists
from .workspace import COURSE_MODE, EXCHANGE_ROOT_MODE, INBOUND_MODE

PREFIX = Path("/srv/pact")
COURSE_ROOT_MODE = 0o2750  # course account rwx, trainers r-x, trainees nothing; new files keep the trainers' group
STATE_MODE = 0o700  # the hub's own database, cookie secret and proxy pid: root only
STICKY = 0o1000  # in a folder everyone may write to, only an entry's owner may remove or rename it
KEEP_OWNER = (".git", ".venv")


@dataclass(frozen=True)
class HubLayout:
    """The places and names of one hub deployment (from PACT_* environment variables, with defaults)."""

    course: Path  # the course root: content, source, release, gradebook, submissions (closed to trainees)
    exchange: Path  # nbgrader's shared exchange
    state: Path  # JupyterHub's own files
    public: Path  # what every account may read: guidelines, practice scenarios, practice and kiosk notebooks
    course_home: Path  # home of the course account that runs the formgrader service
    venv: Path  # the Python environment every server runs from (must be readable by every account)
    groups: Groups
    host: str = "127.0.0.1"
    port: int = 8000
    hub_port: int = 8081  # the hub's API (loopback only)
    proxy_api_port: int = 8001  # configurable-http-proxy's API (loopback only)
    service_port: int = 8010  # the course's formgrader service (loopback only)

    @classmethod
    def from_env(cls, course: Path | str | None = None) -> HubLayout:
        env = os.environ
        prefix = Path(env.get("PACT_HUB_PREFIX", str(PREFIX)))
        course = Path(course or env.get("PACT_COURSE_ROOT") or Path.cwd()).resolve()
        groups = Groups.from_env()
        return cls(
            course=course,
            exchange=Path(env.get("PACT_EXCHANGE") or prefix / "exchange"),
            state=Path(env.get("PACT_HUB_STATE") or prefix / "hub"),
            public=Path(env.get("PACT_HUB_PUBLIC") or prefix / "public"),
            course_home=Path(env.get("PACT_COURSE_HOME") or prefix / groups.course_user),
            venv=Path(env.get("PACT_HUB_VENV") or sys.prefix),
            groups=groups,
            host=env.get("PACT_HUB_HOST", cls.host),
            port=int(env.get("PACT_HUB_PORT", cls.port)),
            hub_port=int(env.get("PACT_HUB_API_PORT", cls.hub_port)),
            proxy_api_port=int(env.get("PACT_HUB_PROXY_API_PORT", cls.proxy_api_port)),
            service_port=int(env.get("PACT_HUB_SERVICE_PORT", cls.service_port)),
        )

    @property
    def gradebook_url(self) -> str:
        return gradebook_url(self.course)

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"

    def server_path(self) -> str:
        """PATH for every server: the venv first (nbgrader calls alembic), then the system's."""
        return os.pathsep.join([str(self.venv / "bin"), "/usr/local/bin", "/usr/bin", "/bin"])


def prepare(layout: HubLayout) -> None:
    """Make the deployment safe to start: groups, course account, closed course root, exchange, public copy."""
    if os.geteuid() != 0:
        raise AccountError("the hub runs as root (it starts each person's server as that person)")
    groups = layout.groups
    ensure_group(groups.trainees)
    ensure_group(groups.trainers)
    ensure_course_user(layout)
    close_course_root(layout)
    prepare_exchange(layout)
    publish(layout)
    layout.state.mkdir(parents=True, exist_ok=True)
    os.chmod(layout.state, STATE_MODE)
    check_reachable(layout)


def ensure_course_user(layout: HubLayout) -> None:
    """The course account (owner of the course root, runs the formgrader service), a system account with no login."""
    name = layout.groups.course_user
    if not user_exists(name):
        layout.course_home.parent.mkdir(parents=True, exist_ok=True)
        _run(
            [
                "useradd",
                "--system",
                "--create-home",
                "--home-dir",
                str(layout.course_home),
                "--shell",
                "/usr/sbin/nologin",
                "--gid",
                layout.groups.trainers,
                name,
            ]
        )
    home = Path(pwd.getpwnam(name).pw_dir)
    home.mkdir(parents=True, exist_ok=True)
    _chown(home, name, layout.groups.trainers)
    os.chmod(home, 0o700)


def close_course_root(layout: HubLayout) -> None:
    """The course root 2750: the course account owns the course, trainers read it, nobody else gets in.

    Only the root's own mode keeps trainees out; inside, files get the trainers' group (and group
    read) so trainers read what the course account writes. `.git` and `.venv` keep their owner
    (git refuses a repository owned by another account), closed all the same by the root's mode.
    """
    user, group = layout.groups.course_user, layout.groups.trainers
    for folder, dirs, files in os.walk(layout.course, followlinks=False):
        if Path(folder) == layout.course:
            dirs[:] = [d for d in dirs if d not in KEEP_OWNER]
        for name in dirs + files:
            path = Path(folder) / name
            if path.is_symlink():
                continue
            _chown(path, user, group)
            mode = path.stat().st_mode & 0o757  # trainers read the course, they never write it as themselves
            os.chmod(path, mode | (0o2750 if path.is_dir() else 0o640))
    _chown(layout.course, user, group)
    os.chmod(layout.course, COURSE_ROOT_MODE)


def prepare_exchange(layout: HubLayout) -> None:
    """nbgrader's exchange: root 1777, <course> and outbound 0755 (course account), inbound 3733 (sticky)."""
    root, course = layout.exchange, layout.exchange / COURSE_ID
    for path in (root, course, course / "outbound", course / "inbound"):
        path.mkdir(parents=True, exist_ok=True)
    os.chmod(root, EXCHANGE_ROOT_MODE | STICKY)
    for path in (course, course / "outbound"):
        _chown(path, layout.groups.course_user, layout.groups.trainers)
        os.chmod(path, COURSE_MODE)
    _chown(course / "inbound", layout.groups.course_user, layout.groups.trainers)
    os.chmod(course / "inbound", INBOUND_MODE | STICKY)
    feedback = course / "feedback"
    if feedback.is_dir():
        _chown(feedback, layout.groups.course_user, layout.groups.trainers)


def publish(layout: HubLayout) -> list[str]:
    """Write the public copy: guidelines, practice scenarios only, the notebooks and the kiosk's settings.

    Trainees' servers and the kiosk read the course from here; assessment scenarios (the key)
    never come here. Replaced as a whole, so a scenario moved to assessment disappears too.
    """
    course, target = layout.course, layout.public
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".public-", dir=target.parent))
    scenarios = staging / "content" / SCENARIOS_DIR
    scenarios.mkdir(parents=True)
    shutil.copyfile(course / "content" / GUIDELINES_FILE, staging / "content" / GUIDELINES_FILE)
    copied = []
    for file in sorted((course / "content" / SCENARIOS_DIR).glob("*.y*ml")):
        try:
            use = (yaml.safe_load(file.read_text(encoding="utf-8")) or {}).get("use")
        except (yaml.YAMLError, OSError, AttributeError):
            continue  # `pact-course validate` reports it; a broken file is never published
        if use == "practice":
            shutil.copyfile(file, scenarios / file.name)
            copied.append(file.stem)
    (staging / "notebooks").mkdir()
    for nb in sorted((course / "notebooks").glob("*.ipynb")):  # the kiosk's too: its service serves it from here
        shutil.copyfile(nb, staging / "notebooks" / nb.name)
    if (course / "kiosk").is_dir():
        shutil.copytree(course / "kiosk", staging / "kiosk")
    for folder, _dirs, files in os.walk(staging):
        os.chmod(folder, 0o755)
        for name in files:
            os.chmod(Path(folder) / name, 0o644)
    old = target.with_name(f".{target.name}.old")
    if target.exists():
        shutil.rmtree(old, ignore_errors=True)
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return copied


def check_reachable(layout: HubLayout) -> None:
    """Every server runs from layout.venv as its own account: fail early, in plain words, if that account cannot."""
    probe = [str(layout.python), "-c", "import jupyterhub, nbgrader, pact_course"]
    proc = subprocess.run(["runuser", "-u", "nobody", "--", *probe], capture_output=True, text=True)
    if proc.returncode != 0:
        raise AccountError(
            f"other accounts cannot run {layout.python} (a folder above it is closed, or the course is installed "
            f"editable inside the closed course folder): install the hub's environment outside the course, "
            f"readable by all (`make hub` does: /opt/pact-course/venv). {proc.stderr.strip()[-300:]}"
        )


def _chown(path: Path, user: str, group: str) -> None:
    shutil.chown(path, user, group)


def _run(command: list[str]) -> None:
    proc = subprocess.run(command, capture_output=True, text=True)
    if proc.returncode != 0:
        raise AccountError(f"{command[0]} failed: {(proc.stderr or proc.stdout).strip()}")
