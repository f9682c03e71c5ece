"""What the hub starts for each person: their JupyterLab settings, written as them, then jupyterhub-singleuser."""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import sys
from pathlib import Path

from ..engine.preferences import LANGUAGES, save_language, saved_language
from . import workspace

ROLE_ENV = "PACT_ROLE"  # trainee, trainer (their own server), grader (the course's formgrader service)
ANNOUNCEMENTS = "@jupyterlab/apputils-extension:announcements"  # no "Jupyter news?" pop-up, no network call
NB = "@jupyter/nbgrader:"
LAB_PLUGINS = {  # nbgrader's JupyterLab plugins: True enabled, False disabled (nbgrader's JupyterHub table)
    "trainer": {
        "formgrader": False,
        "create-assignment": False,
        "validate-assignment": False,
        "assignment-list": False,
        "course-list": True,
    },
    "grader": {
        "formgrader": True,
        "create-assignment": True,
        "validate-assignment": True,
        "assignment-list": False,
        "course-list": False,
    },
}
SERVER_EXTENSIONS = {
    "trainer": {"formgrader": False, "validate_assignment": False, "assignment_list": False, "course_list": True},
    "grader": {"formgrader": True, "validate_assignment": True, "assignment_list": False, "course_list": False},
}
# The course's service is `make trainer` on the hub: the console opens first, the formgrader fitted to trainers.
FORMGRADER_FIT = "pact_course.deploy.formgrader_fit"
GRADER_VOILA = {"show_tracebacks": False}
UMASK = {
    "trainee": 0o077,
    "trainer": 0o027,
    "grader": 0o027,
}  # trainees' files are their own; the course's are the trainers'


def write_role_config(config_dir: Path, role: str) -> None:
    """A trainer's or the course account's Jupyter settings: which nbgrader tools they get."""
    (config_dir / "labconfig").mkdir(parents=True, exist_ok=True)
    page = config_dir / "labconfig" / "page_config.json"
    data = _read_json(page)
    disabled = data.get("disabledExtensions")
    disabled = dict.fromkeys(disabled, True) if isinstance(disabled, list) else dict(disabled or {})
    for plugin, enabled in LAB_PLUGINS[role].items():
        if enabled:
            disabled.pop(NB + plugin, None)
        else:
            disabled[NB + plugin] = True
    disabled[ANNOUNCEMENTS] = True
    data["disabledExtensions"] = disabled
    page.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    server = config_dir / "jupyter_server_config.json"
    data = _read_json(server)
    extensions = data.setdefault("ServerApp", {}).setdefault("jpserver_extensions", {})
    extensions.update({f"nbgrader.server_extensions.{name}": on for name, on in SERVER_EXTENSIONS[role].items()})
    if role == "grader":
        if importlib.util.find_spec(FORMGRADER_FIT):  # the course's own formgrader fitting, where installed
            extensions[FORMGRADER_FIT] = True
        data.setdefault("VoilaConfiguration", {}).update(GRADER_VOILA)
    server.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


# JupyterHub (4.1 and later) forbids framing a server's pages at all; the course's pages open in
# JupyterLab's Voila preview, a frame of the same server, and the formgrader opens in a frame too.
# 'self' allows exactly that (nbgrader's JupyterHub guide; docs/deployment.md weighs it and subdomains).
FRAMES = {"Content-Security-Policy": "frame-ancestors 'self'"}


def allow_own_frames(config_dir: Path) -> None:
    """Let this server's pages be framed by this server's own pages (kept beside any other server settings)."""
    server = config_dir / "jupyter_server_config.json"
    data = _read_json(server)
    tornado = data.setdefault("ServerApp", {}).setdefault("tornado_settings", {})
    tornado.setdefault("headers", {}).update(FRAMES)
    server.parent.mkdir(parents=True, exist_ok=True)
    server.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def prepare(role: str, env: dict[str, str]) -> list[str]:
    """Prepare the server of `role` for the account running this: its settings, and `env` (updated in place) for
    jupyterhub-singleuser; returns extra jupyterhub-singleuser arguments."""
    home = Path(env.get("HOME") or Path.home())
    course = Path(env["PACT_COURSE_ROOT"])
    if role == "trainee":
        ws = workspace.prepare(course, env["JUPYTERHUB_USER"], home)
        env.update(workspace.lab_environment(ws, course))  # the same environment as `make course` gives
        allow_own_frames(ws.config_dir)
        if env.get("PACT_LANG") in LANGUAGES and saved_language(ws.path) is None:
            save_language(env["PACT_LANG"], ws.path)  # the roster's language until the trainee picks another
        return [f"--ServerApp.root_dir={ws.path}", "--LabApp.custom_css=True"]
    if role in LAB_PLUGINS:
        write_role_config(home / ".jupyter", role)
        allow_own_frames(home / ".jupyter")
        os.chdir(course)  # nbgrader reads the course's nbgrader_config.py from the working folder
        return [f"--ServerApp.root_dir={course}"]
    raise SystemExit(f"pact-course: unknown role {role!r} for a hub server (trainee, trainer or grader)")


def main() -> None:
    role = os.environ.get(ROLE_ENV, "trainee")
    os.umask(UMASK.get(role, 0o077))
    env = dict(os.environ)
    env.pop("JUPYTER_CONFIG_DIR", None)  # each account's own ~/.jupyter, written by prepare()
    extra = prepare(role, env)
    command = str(Path(sys.executable).parent / "jupyterhub-singleuser")
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # JupyterHub stops servers with SIGINT: never inherit "ignored"
    os.execve(command, [command, *extra, *sys.argv[1:]], env)


if __name__ == "__main__":
    main()
