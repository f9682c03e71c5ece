"""The `course` command: a trainee's workspace (notebooks, nbgrader settings) and its JupyterLab."""

from __future__ import annotations

import getpass
import json
import os
import re
import shutil
import socket
import sys
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_IRGRP, S_IROTH, S_IRUSR, S_ISGID, S_IWGRP, S_IWOTH, S_IWUSR, S_IXGRP, S_IXOTH, S_IXUSR

from ..engine.content import course_root
from ..engine.settings import COURSE_ID, exchange_dir
from .trainee_lab import TRAINEE_CSS, page_template_path, write_trainee_settings

NOT_FOR_TRAINEES = ("kiosk.ipynb",)
CONFIG_DIR = ".jupyter"  # the workspace's own Jupyter config dir (isolated from the account's)
TRAINEE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")

# nbgrader's JupyterLab plugins a trainee does not get (the Assignments panel stays).
DISABLED_LAB_PLUGINS = (
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:create-assignment",
    "@jupyter/nbgrader:validate-assignment",
    "@jupyterlab/apputils-extension:announcements",  # no "Jupyter news?" pop-up (and no network call)
)
# nbgrader's server extensions for a trainee: no formgrader, no validate (it would report a
# failure on correct work: the grading cells need the hidden tests), the Assignments panel on.
SERVER_EXTENSIONS = {
    "nbgrader.server_extensions.formgrader": False,
    "nbgrader.server_extensions.validate_assignment": False,
    "nbgrader.server_extensions.assignment_list": True,
    "nbgrader.server_extensions.course_list": True,
}
# nbgrader's own exchange permissions (see nbgrader.exchange.default.release_assignment).
EXCHANGE_ROOT_MODE = 0o777
COURSE_MODE = S_IRUSR | S_IWUSR | S_IXUSR | S_IRGRP | S_IXGRP | S_IROTH | S_IXOTH  # 0755
OUTBOUND_MODE = COURSE_MODE  # 0755
INBOUND_MODE = S_ISGID | S_IRUSR | S_IWUSR | S_IXUSR | S_IWGRP | S_IXGRP | S_IWOTH | S_IXOTH  # 2733


@dataclass
class Workspace:
    """A prepared trainee workspace."""

    path: Path
    student_id: str
    exchange: Path
    config_dir: Path
    copied: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def default_workspace(root: Path, trainee: str | None) -> Path:
    return root / "workspaces" / trainee if trainee else root / "workspace"


def check_trainee_id(trainee: str) -> str:
    if not TRAINEE_ID.match(trainee):
        raise ValueError(
            f"trainee id {trainee!r} is not usable: use letters, digits, '.', '_' or '-' "
            "(up to 64 characters, starting with a letter or digit)"
        )
    return trainee


def prepare(root: Path | None = None, trainee: str | None = None, workspace: Path | None = None) -> Workspace:
    """Create or refresh a trainee workspace; a trainee's own notebooks and logs are never overwritten."""
    root = Path(root or course_root()).resolve()
    if trainee is not None:
        check_trainee_id(trainee)
    path = Path(workspace or default_workspace(root, trainee)).resolve()
    path.mkdir(parents=True, exist_ok=True)
    ws = Workspace(path, trainee or getpass.getuser(), exchange_dir(root).resolve(), path / CONFIG_DIR)
    for nb in sorted((root / "notebooks").glob("*.ipynb")):
        if nb.name in NOT_FOR_TRAINEES:
            continue
        target = path / nb.name
        if target.exists() and not _stale_page(target, nb):
            ws.kept.append(nb.name)
        else:
            shutil.copyfile(nb, target)
            ws.copied.append(nb.name)
    make_exchange(ws.exchange)
    (path / "nbgrader_config.py").write_text(nbgrader_config(ws), encoding="utf-8")
    write_jupyter_config(ws.config_dir)
    return ws


def _stale_page(mine: Path, course: Path) -> bool:
    """A course page (notebook metadata "pact": {"page": ...}) older than the course's: it holds nothing of the
    trainee's (their work is in decisions.json), so it is replaced. Anything else is the trainee's own."""
    try:
        data = json.loads(mine.read_text(encoding="utf-8"))
        page = data.get("metadata", {}).get("pact", {}).get("page") if isinstance(data, dict) else None
        return bool(page) and mine.read_bytes() != course.read_bytes()
    except (OSError, ValueError, AttributeError):
        return False


def nbgrader_config(ws: Workspace) -> str:
    return (
        '"""nbgrader settings for this trainee workspace (written by `pact-course course`)."""\n\n'
        "c = get_config()  # noqa: F821\n"
        f"c.CourseDirectory.course_id = {COURSE_ID!r}\n"
        f"c.CourseDirectory.student_id = {ws.student_id!r}\n"
        f"c.Exchange.root = {str(ws.exchange)!r}\n"
        f"c.Exchange.assignment_dir = {str(ws.path)!r}\n"
    )


def make_exchange(root: Path) -> None:
    """The exchange with nbgrader's permissions: root 0777, <course>/outbound 0755, <course>/inbound 2733."""
    course = root / COURSE_ID
    for path, mode in (
        (root, EXCHANGE_ROOT_MODE),
        (course, COURSE_MODE),
        (course / "outbound", OUTBOUND_MODE),
        (course / "inbound", INBOUND_MODE),
    ):
        if path.is_dir():
            continue  # an existing (maybe shared) exchange keeps the permissions its owner gave it
        path.mkdir(parents=True, exist_ok=True)
        os.chmod(path, mode)


def write_jupyter_config(config_dir: Path) -> None:
    """The isolated Jupyter config: nbgrader's trainer tools off in JupyterLab and in the server."""
    (config_dir / "labconfig").mkdir(parents=True, exist_ok=True)
    page = config_dir / "labconfig" / "page_config.json"
    data = _read_json(page)
    disabled = data.setdefault("disabledExtensions", {})
    if isinstance(disabled, list):  # older JupyterLab format
        disabled = data["disabledExtensions"] = dict.fromkeys(disabled, True)
    for name in DISABLED_LAB_PLUGINS:
        disabled[name] = True
    page.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    server = config_dir / "jupyter_server_config.json"
    data = _read_json(server)
    data.setdefault("ServerApp", {}).setdefault("jpserver_extensions", {}).update(SERVER_EXTENSIONS)
    server.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    (config_dir / "custom").mkdir(exist_ok=True)
    (config_dir / "custom" / "custom.css").write_text(TRAINEE_CSS, encoding="utf-8")
    write_trainee_settings(config_dir)


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def lab_environment(ws: Workspace, root: Path | None = None, token: str | None = None) -> dict[str, str]:
    """The environment JupyterLab runs in: the venv's bin on PATH, the isolated config dir, and the token.

    The token goes in $JUPYTER_TOKEN, which JupyterLab reads: never on the command line, where any local
    account can read it in /proc/<pid>/cmdline (a process's environment is readable by its owner only).
    """
    env = dict(os.environ)
    if token is not None:
        env["JUPYTER_TOKEN"] = token
    bin_dir = str(Path(sys.executable).parent)
    env["PATH"] = bin_dir + os.pathsep + env.get("PATH", "")
    env["JUPYTER_CONFIG_DIR"] = str(ws.config_dir)
    env["PACT_COURSE_ROOT"] = str(Path(root or course_root()).resolve())
    return page_template_path(env)


def lab_command(ws: Workspace, port: int, host: str = "127.0.0.1", open_browser: bool = False) -> list[str]:
    """JupyterLab's command line for the workspace; it holds no secret (the token is in lab_environment)."""
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.root_dir={ws.path}",
        f"--ServerApp.ip={host}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.open_browser={open_browser}",
        "--ServerApp.default_url=/lab/tree/00-welcome.ipynb",
        "--LabApp.custom_css=True",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--ServerApp.allow_root=True")  # containers often run as root
    return command


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]
