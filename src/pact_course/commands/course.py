"""The `course` command: prepare a trainee's workspace and run JupyterLab in it until Ctrl+C."""

from __future__ import annotations

import secrets
import signal
import subprocess
import sys
from pathlib import Path

from ..deploy.workspace import free_port, lab_command, lab_environment, prepare
from .root import course_root_of


def register(subparsers) -> None:
    p = subparsers.add_parser("course", help="prepare a trainee workspace and start JupyterLab in it")
    p.add_argument("--trainee", help="trainee id: workspace workspaces/<id>/ and the nbgrader student id")
    p.add_argument("--workspace", help="workspace folder (default: workspace/, or workspaces/<id>/ with --trainee)")
    p.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    p.add_argument("--no-browser", action="store_true", help="do not open a web browser")
    p.set_defaults(func=run)


def run(args) -> int:
    root = course_root_of(args)
    try:
        ws = prepare(root, args.trainee, Path(args.workspace) if args.workspace else None)
    except (ValueError, OSError) as exc:
        print(f"pact-course course: {exc}", file=sys.stderr)
        return 2
    port = args.port or free_port(args.host)
    token = secrets.token_urlsafe(24)
    print(f"Workspace: {ws.path} (trainee {ws.student_id})")
    if ws.copied:
        print(f"  added: {', '.join(ws.copied)}")
    if ws.kept:
        print(f"  kept your own copies: {', '.join(ws.kept)}")
    print(f"Exchange: {ws.exchange}")
    command = lab_command(ws, port, args.host, open_browser=not args.no_browser)
    proc = subprocess.Popen(command, cwd=ws.path, env=lab_environment(ws, root, token))  # the token: environment only

    def stop(signum, frame):  # a SIGTERM stops JupyterLab too, never leaving it running alone
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    print(f"JupyterLab: http://{args.host}:{port}/lab/tree/00-welcome.ipynb?token={token}", flush=True)
    print("Press Ctrl+C to stop.", flush=True)
    try:
        return proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)
