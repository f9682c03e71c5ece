"""The `kiosk` command: serves notebooks/kiosk.ipynb with the standalone Voila app and the course's config."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from .content import course_root

DEFAULT_PORT = 8866
DEFAULT_HOST = "127.0.0.1"
DEFAULT_IDLE_SECONDS = 90
IDLE_ENV = "PACT_KIOSK_IDLE_SECONDS"
NOTEBOOK = Path("notebooks") / "kiosk.ipynb"
CONFIG_DIR = Path("kiosk")  # holds voila.json, the committed Voila configuration
TEMPLATES_ROOT = Path(__file__).resolve().parent / "templates"  # a Jupyter data dir: voila/templates/pact-kiosk


def voila_command(
    notebook: Path,
    *,
    port: int = DEFAULT_PORT,
    host: str = DEFAULT_HOST,
    config_dir: Path,
    preheat: bool = True,
) -> list[str]:
    """The command line that runs the standalone `voila` app (never the Jupyter server extension)."""
    return [
        sys.executable,
        "-m",
        "voila",
        str(notebook),
        "--no-browser",
        f"--port={port}",
        f"--Voila.ip={host}",
        f"--Voila.config_file_paths={config_dir}",
        f"--VoilaConfiguration.preheat_kernel={preheat}",
    ]


def voila_env(root: Path, idle_seconds: float) -> dict[str, str]:
    """The environment for Voila and so for its kernels: course root, idle timeout, the kiosk template."""
    env = dict(os.environ)
    env["PACT_COURSE_ROOT"] = str(root)
    env[IDLE_ENV] = f"{idle_seconds:g}"
    jupyter_path = [str(TEMPLATES_ROOT)]
    if env.get("JUPYTER_PATH"):
        jupyter_path.append(env["JUPYTER_PATH"])
    env["JUPYTER_PATH"] = os.pathsep.join(jupyter_path)
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in env.get("PATH", "").split(os.pathsep):
        env["PATH"] = os.pathsep.join([bin_dir, env.get("PATH", "")])
    return env


def start(
    root: Path | None = None,
    *,
    port: int = DEFAULT_PORT,
    host: str = DEFAULT_HOST,
    idle_seconds: float = DEFAULT_IDLE_SECONDS,
    preheat: bool = True,
    notebook: Path | None = None,
    log=None,
) -> subprocess.Popen:
    """Start Voila serving the kiosk (or `notebook`) in the background; the caller stops it."""
    root = Path(root or course_root()).resolve()
    notebook = Path(notebook or root / NOTEBOOK).resolve()
    cmd = voila_command(notebook, port=port, host=host, config_dir=root / CONFIG_DIR, preheat=preheat)
    return subprocess.Popen(
        cmd,
        cwd=notebook.parent,
        env=voila_env(root, idle_seconds),
        stdout=log if log is not None else None,
        stderr=subprocess.STDOUT if log is not None else None,
        start_new_session=True,
    )


def wait_until_serving(host: str, port: int, timeout: float = 60.0, proc: subprocess.Popen | None = None) -> None:
    """Return once something accepts connections on host:port; raise RuntimeError after `timeout`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"Voila exited with code {proc.returncode} before serving")
        try:
            with socket.create_connection((host, port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing served on {host}:{port} after {timeout:g} s")


def stop(proc: subprocess.Popen, timeout: float = 20.0) -> None:
    """Stop a Voila started by `start`, with its kernels (its own process group only)."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout)


def _positive_seconds(text: str) -> float:
    import argparse

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
    root = Path(args.root).resolve() if getattr(args, "root", None) else course_root().resolve()
    notebook = root / NOTEBOOK
    if not notebook.is_file():
        print(f"pact-course kiosk: {notebook} not found", file=sys.stderr)
        return 1
    if not (root / CONFIG_DIR / "voila.json").is_file():
        print(f"pact-course kiosk: {root / CONFIG_DIR / 'voila.json'} not found", file=sys.stderr)
        return 1
    print(f"PACT kiosk on http://{args.host}:{args.port}/ (Ctrl+C stops it)", flush=True)
    proc = start(
        root, port=args.port, host=args.host, idle_seconds=args.idle_seconds, preheat=not args.no_preheat
    )

    def _terminate(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _terminate)
    try:
        return proc.wait()
    except KeyboardInterrupt:
        stop(proc)
        return 130
