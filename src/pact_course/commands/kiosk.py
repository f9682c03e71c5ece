"""The `kiosk` command: serve the touch-screen kiosk with Voila until stopped."""

from __future__ import annotations

import argparse
import os
import signal
import sys

from ..deploy.kiosk_server import (
    CONFIG_DIR,
    DEFAULT_HOST,
    DEFAULT_IDLE_SECONDS,
    DEFAULT_PORT,
    IDLE_ENV,
    NOTEBOOK,
    start,
    stop,
)
from .root import course_root_of


def _positive_seconds(text: str) -> float:

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("must be more than 0 seconds")
    return value


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "kiosk",
        help="serve the touch-screen kiosk (notebooks/kiosk.ipynb) with Voila",
        description="Serve the kiosk with the standalone Voila app and kiosk/voila.json.",
    )
    p.add_argument("--port", type=int, default=int(os.environ.get("PORT") or DEFAULT_PORT), help="port (default 8866)")
    p.add_argument(
        "--host",
        default=os.environ.get("HOST") or DEFAULT_HOST,
        help="address to listen on (default 127.0.0.1; 0.0.0.0 exposes it on the network)",
    )
    p.add_argument(
        "--idle-seconds",
        type=_positive_seconds,
        default=_positive_seconds(os.environ.get(IDLE_ENV) or str(DEFAULT_IDLE_SECONDS)),
        help="seconds with no touch before the kiosk goes back to its first screen (default 90)",
    )
    p.add_argument("--no-preheat", action="store_true", help="start a kernel per visit instead of keeping one ready")
    p.set_defaults(func=_serve)


def _serve(args) -> int:
    root = course_root_of(args)
    notebook = root / NOTEBOOK
    if not notebook.is_file():
        print(f"pact-course kiosk: {notebook} not found", file=sys.stderr)
        return 1
    if not (root / CONFIG_DIR / "voila.json").is_file():
        print(f"pact-course kiosk: {root / CONFIG_DIR / 'voila.json'} not found", file=sys.stderr)
        return 1
    print(f"PACT kiosk on http://{args.host}:{args.port}/ (Ctrl+C stops it)", flush=True)
    proc = start(root, port=args.port, host=args.host, idle_seconds=args.idle_seconds, preheat=not args.no_preheat)

    def _terminate(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _terminate)
    try:
        return proc.wait()
    except KeyboardInterrupt:
        stop(proc)
        return 130
