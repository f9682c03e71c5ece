"""The `kiosk` command: serve the touch-screen kiosk with Voila until stopped."""

from __future__ import annotations

import argparse
import os
import signal
import sys

from ..deploy.kiosk_guard import DEFAULT_MAX_KERNELS, HOSTS_ENV, MAX_KERNELS_ENV, allowed_hosts
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


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


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
    p.add_argument(
        "--max-kernels",
        type=_positive_int,
        default=_positive_int(os.environ.get(MAX_KERNELS_ENV) or str(DEFAULT_MAX_KERNELS)),
        help=f"visitors at once; more see a 'busy, one moment' page (default {DEFAULT_MAX_KERNELS}, "
        f"or ${MAX_KERNELS_ENV})",
    )
    p.add_argument(
        "--allow-host",
        action="append",
        default=[h.strip() for h in os.environ.get(HOSTS_ENV, "").split(",") if h.strip()],
        metavar="NAME",
        help="a host name visitors use to reach the kiosk (repeatable, or comma-separated in "
        f"${HOSTS_ENV}); the loopback names, the --host address and, with 0.0.0.0, this machine's own names and "
        "addresses are always accepted",
    )
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
    hosts = allowed_hosts(args.host, args.allow_host)
    print(f"  accepts the host names {', '.join(hosts)}; at most {args.max_kernels} visitors at once", flush=True)
    proc = start(
        root,
        port=args.port,
        host=args.host,
        idle_seconds=args.idle_seconds,
        preheat=not args.no_preheat,
        allow_hosts=args.allow_host,
        max_kernels=args.max_kernels,
    )

    def _terminate(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        code = proc.wait()
    except KeyboardInterrupt:
        print("pact-course kiosk: stopping the kiosk.", file=sys.stderr, flush=True)
        return 130
    finally:
        stop(proc)  # its kernels and connection files too, however Voila ended
        signal.signal(signal.SIGTERM, previous)
    print(
        f"pact-course kiosk: the kiosk server stopped: {why(code)}. Start it again with `make kiosk`.", file=sys.stderr
    )
    return 1


def why(code: int) -> str:
    """Why a Voila process ended, in words, from its exit status."""
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        hint = " (often the machine ran out of memory)" if -code == signal.SIGKILL else ""
        return f"it was stopped by {name}{hint}"
    if code == 0:
        return "it ended by itself"
    return f"it failed with exit code {code} (its last messages are above)"
