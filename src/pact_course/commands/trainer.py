"""The `trainer` command: JupyterLab at the course root with nbgrader's formgrader."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from ..deploy.trainer_lab import command
from ..engine.settings import exchange_dir
from .root import course_root_of


def register(subparsers) -> None:
    p = subparsers.add_parser("trainer", help="start JupyterLab at the course root with the formgrader (make trainer)")
    p.add_argument(
        "--port", type=int, default=None, help="port for JupyterLab (default: Jupyter's, 8888 or the next free one)"
    )
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
    env = {**os.environ, "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")}
    print(f"Starting JupyterLab for trainers at {root}; open Nbgrader → Formgrader in the menu. Ctrl+C stops it.")
    try:
        return subprocess.call(command(root, args.port, args.host, args.no_browser), cwd=root, env=env)
    except KeyboardInterrupt:
        return 130
