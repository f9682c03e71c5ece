"""The `hub` command (make hub): build the hub's environment, close the course to trainees, run JupyterHub."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from ..deploy import hubenv
from ..deploy.accounts import AccountError
from ..deploy.hubconfig import SERVICE, proxy_command
from ..deploy.layout import HubLayout, prepare
from .root import course_root_of

CONFIG = Path("deploy") / "jupyterhub_config.py"


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "hub",
        help="run JupyterHub for the course: an account per person, the formgrader as a service (make hub; as root)",
        description="Prepare the deployment (groups, course account, the course folder closed to trainees, the "
        "shared exchange, the public copy of the practice) and run JupyterHub until stopped. "
        "Places and ports come from PACT_* variables: see docs/deployment.md.",
    )
    p.add_argument("--host", default=None, help="address the hub listens on (default $PACT_HUB_HOST or 127.0.0.1)")
    p.add_argument("--port", type=int, default=None, help="port (default $PACT_HUB_PORT or 8000)")
    p.add_argument(
        "--venv", default=None, help=f"the hub's Python environment (default $PACT_HUB_VENV or {hubenv.DEFAULT_VENV})"
    )
    p.add_argument(
        "--python", default=hubenv.DEFAULT_PYTHON, help="the Python that builds it (default /usr/bin/python3)"
    )
    p.add_argument("--no-install", action="store_true", help="use the environment as it is (do not build or update it)")
    p.add_argument(
        "--prepare-only", action="store_true", help="prepare everything, then stop instead of running the hub"
    )
    p.set_defaults(func=run)


def run(args) -> int:
    root = course_root_of(args)
    venv = Path(args.venv or os.environ.get("PACT_HUB_VENV") or hubenv.DEFAULT_VENV)
    if args.host:
        os.environ["PACT_HUB_HOST"] = args.host
    if args.port:
        os.environ["PACT_HUB_PORT"] = str(args.port)
    os.environ.update(PACT_COURSE_ROOT=str(root), PACT_HUB_VENV=str(venv))
    config = root / CONFIG
    if not config.is_file():
        return _fail(f"{config} is missing: the hub runs from a checkout of the course")
    if os.geteuid() != 0:
        return _fail("the hub runs as root (it signs people in with PAM and starts each server as its owner): use sudo")
    try:
        if not args.no_install:
            hubenv.ensure(venv, root, args.python)
        layout = HubLayout.from_env(root)
        prepare(layout)
    except (hubenv.EnvError, AccountError, OSError) as exc:
        return _fail(str(exc))
    proxy = proxy_command()[0]
    if not os.access(proxy, os.X_OK):
        return _fail("configurable-http-proxy is missing: `npm install -g configurable-http-proxy` (make hub does it)")
    print(f"Course: {layout.course} (closed to trainees; {layout.groups.trainers} read it)")
    print(f"Exchange: {layout.exchange}   Public practice copy: {layout.public}")
    print(f"Gradebook: {_safe(layout.gradebook_url)}")
    print(f"Hub: http://{layout.host}:{layout.port}/  formgrader: /services/{SERVICE}/formgrader", flush=True)
    if args.prepare_only:
        return 0
    jupyterhub = venv / "bin" / "jupyterhub"
    os.chdir(layout.state)
    # JupyterHub stops each server with SIGINT first: started in the background, a shell may have set it
    # to "ignored", which every server would inherit (then each stop waits out JupyterHub's timeouts).
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    os.execv(str(jupyterhub), [str(jupyterhub), "-f", str(config)])
    return 0  # not reached


def _safe(url: str) -> str:
    """A gradebook URL without its password, for printing."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _fail(message: str) -> int:
    print(f"pact-course hub: {message}", file=sys.stderr)
    return 2
