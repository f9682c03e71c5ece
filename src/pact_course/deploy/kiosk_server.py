"""The `kiosk` command: serves notebooks/kiosk.ipynb with the standalone Voila app and the course's config."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ..engine.content import course_root
from ..engine.kiosk_cache import refresh_cache
from .kiosk_guard import DEFAULT_MAX_KERNELS, HOSTS_ENV, MAX_KERNELS_ENV, allowed_hosts

DEFAULT_PORT = 8866
DEFAULT_HOST = "127.0.0.1"
DEFAULT_IDLE_SECONDS = 90
IDLE_ENV = "PACT_KIOSK_IDLE_SECONDS"
NOTEBOOK = Path("notebooks") / "kiosk.ipynb"
CONFIG_DIR = Path("kiosk")  # holds voila.json, the committed Voila configuration
TEMPLATES_ROOT = Path(__file__).resolve().parent / "templates"  # a Jupyter data dir: voila/templates/pact-kiosk
GUARD = "pact_course.deploy.kiosk_guard.KioskGuard"  # known hosts only, a kernel cap, the page's xsrf cookie


def voila_command(
    notebook: Path,
    *,
    port: int = DEFAULT_PORT,
    host: str = DEFAULT_HOST,
    config_dir: Path,
    preheat: bool = True,
    connection_dir: Path | None = None,
) -> list[str]:
    """The command line that runs the standalone `voila` app (never the Jupyter server extension).

    It holds no secret: Voila's cookie secret is random at each start, and the kernels' keys are in
    their connection files, in `connection_dir` (private to this kiosk, removed when it stops).
    """
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
        f"--Voila.identity_provider_class={GUARD}",
        *([f"--Voila.connection_dir_root={connection_dir}"] if connection_dir else []),
    ]


def voila_env(
    root: Path,
    idle_seconds: float,
    hosts: list[str] | None = None,
    max_kernels: int = DEFAULT_MAX_KERNELS,
) -> dict[str, str]:
    """The environment for Voila and its kernels: course root, idle time, the kiosk template, the guard's settings."""
    env = dict(os.environ)
    env["PACT_COURSE_ROOT"] = str(root)
    env[IDLE_ENV] = f"{idle_seconds:g}"
    env[HOSTS_ENV] = ",".join(hosts or allowed_hosts(DEFAULT_HOST))
    env[MAX_KERNELS_ENV] = str(max_kernels)
    jupyter_path = [str(TEMPLATES_ROOT)]
    if env.get("JUPYTER_PATH"):
        jupyter_path.append(env["JUPYTER_PATH"])
    env["JUPYTER_PATH"] = os.pathsep.join(jupyter_path)
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in env.get("PATH", "").split(os.pathsep):
        env["PATH"] = os.pathsep.join([bin_dir, env.get("PATH", "")])
    return env


class KioskProcess(subprocess.Popen):
    """The Voila process of a kiosk, with the private folder of its kernels' connection files."""

    connection_dir: Path


def start(
    root: Path | None = None,
    *,
    port: int = DEFAULT_PORT,
    host: str = DEFAULT_HOST,
    idle_seconds: float = DEFAULT_IDLE_SECONDS,
    preheat: bool = True,
    notebook: Path | None = None,
    log=None,
    allow_hosts: list[str] | tuple[str, ...] = (),
    max_kernels: int = DEFAULT_MAX_KERNELS,
) -> KioskProcess:
    """Start Voila serving the kiosk (or `notebook`) in the background; the caller stops it with `stop`.

    The kernels' connection files go to a private folder (`proc.connection_dir`) that `stop` removes.
    """
    root = Path(root or course_root()).resolve()
    notebook = Path(notebook or root / NOTEBOOK).resolve()
    refresh_cache(root)  # the kiosk's kernels then read the validated kiosk scenarios instead of parsing content/
    connection_dir = Path(tempfile.mkdtemp(prefix="pact-kiosk-"))
    cmd = voila_command(
        notebook, port=port, host=host, config_dir=root / CONFIG_DIR, preheat=preheat, connection_dir=connection_dir
    )
    env = voila_env(root, idle_seconds, allowed_hosts(host, list(allow_hosts)), max_kernels)
    try:
        proc = KioskProcess(
            cmd,
            cwd=notebook.parent,
            env=env,
            stdout=log if log is not None else None,
            stderr=subprocess.STDOUT if log is not None else None,
            start_new_session=True,
        )
    except BaseException:
        shutil.rmtree(connection_dir, ignore_errors=True)
        raise
    proc.connection_dir = connection_dir
    return proc


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
    """Stop a Voila started by `start` with its kernels, and remove its connection files (whatever ended it)."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout)
    connection_dir = getattr(proc, "connection_dir", None)
    if connection_dir is not None:
        stop_kernels(Path(connection_dir), timeout)
        shutil.rmtree(connection_dir, ignore_errors=True)


def kernels_of(connection_dir: Path) -> list:
    """The kernel processes whose connection file is in `connection_dir` (so started by this kiosk)."""
    import psutil  # type: ignore[import-untyped]

    found = []
    marker = str(connection_dir) + os.sep
    for process in psutil.process_iter(["cmdline"]):
        if any(marker in part for part in process.info.get("cmdline") or ()):
            found.append(process)
    return found


def stop_kernels(connection_dir: Path, timeout: float = 20.0) -> int:
    """End the kernels a stopped or crashed Voila left (they are in sessions of their own); how many there were."""
    import psutil

    kernels = kernels_of(connection_dir)
    for process in kernels:
        with contextlib.suppress(psutil.Error):
            process.terminate()
    _, alive = psutil.wait_procs(kernels, timeout=min(timeout, 5))
    for process in alive:
        with contextlib.suppress(psutil.Error):
            process.kill()
    return len(kernels)
