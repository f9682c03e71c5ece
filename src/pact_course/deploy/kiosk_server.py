"""The `kiosk` command: serves notebooks/kiosk.ipynb with the standalone Voila app and the course's config."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from ..engine.content import course_root

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
