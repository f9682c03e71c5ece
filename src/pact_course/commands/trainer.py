"""The `trainer` command: the trainer console (Voila in JupyterLab) and nbgrader's formgrader at the course root."""

from __future__ import annotations

import argparse
import os
import secrets
import socket
import subprocess
import sys
from pathlib import Path

from ..deploy.trainer_lab import CONSOLE_URL, command
from ..engine.settings import exchange_dir
from .root import course_root_of


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "trainer", help="the trainer console and the formgrader, in JupyterLab at the course root (make trainer)"
    )
    p.add_argument("--port", type=int, default=None, help="port for JupyterLab (default: a free one)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--no-browser", action="store_true", help="do not open a browser")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root = course_root_of(args)
    if not (root / "nbgrader_config.py").is_file():
        print(
            f"pact-course trainer: {root} has no nbgrader_config.py; run it from the course repository.",
            file=sys.stderr,
        )
        return 1
    exchange_dir(root).mkdir(parents=True, exist_ok=True)
    # The token goes in the environment, never on a command line other accounts can read.
    token = os.environ.get("JUPYTER_TOKEN") or secrets.token_urlsafe(24)
    port = args.port or _free_port(args.host)
    env = {**os.environ, "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")}
    env.update(JUPYTER_TOKEN=token, PACT_COURSE_ROOT=str(root))
    print(f"Starting the trainer console for {root}. Ctrl+C stops it.")
    print(f"Trainer console: http://{args.host}:{port}{CONSOLE_URL}?token={token}", flush=True)
    print(f"JupyterLab (formgrader in the Nbgrader menu): http://{args.host}:{port}/lab?token={token}", flush=True)
    try:
        return subprocess.call(command(root, port, args.host, args.no_browser), cwd=root, env=env)
    except KeyboardInterrupt:
        return 130


def _free_port(host: str) -> int:
    with socket.socket() as s:
        s.bind((host if host not in ("0.0.0.0", "") else "127.0.0.1", 0))
        return s.getsockname()[1]
