"""The author's live preview server: a generated notebook in a temporary folder, served by Voila on this machine."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

from .kiosk_server import stop, wait_until_serving

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "Preview", "free_port", "notebook", "start", "stop", "wait_until_serving"]

DEFAULT_PORT = 8867  # the kiosk's is 8866
DEFAULT_HOST = "127.0.0.1"
NOTEBOOK = "preview.ipynb"
VOILA_CONFIG = {
    "Voila": {"open_browser": False},
    "VoilaConfiguration": {
        "show_tracebacks": True,  # for an author, a crash says what happened
        "strip_sources": True,
        "preheat_kernel": False,
        "file_allowlist": [],
    },
}


def notebook(scenario_file: Path, root: Path) -> dict:
    """The preview notebook: one cell that shows the live preview of `scenario_file` in the course at `root`."""
    guidelines = root / "content" / "guidelines.yaml"
    source = (
        "from pact_course.player.preview import live_preview\n"
        f"live_preview({str(scenario_file)!r}, {str(guidelines)!r}, root={str(root)!r})"
    )
    return {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": None,
                "id": "preview",
                "metadata": {},
                "outputs": [],
                "source": source,
            }
        ],
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


class Preview:
    """A running preview: Voila's process, its temporary folder and its address."""

    def __init__(self, proc: subprocess.Popen, folder: Path, host: str, port: int):
        self.proc, self.folder, self.host, self.port = proc, folder, host, port
        self.url = f"http://{host}:{port}/"

    def log_tail(self, chars: int = 3000) -> str:
        """The end of Voila's log (when `start` kept it in the temporary folder)."""
        path = self.folder / "voila.log"
        return path.read_text(encoding="utf-8", errors="replace")[-chars:] if path.is_file() else ""

    def stop(self) -> None:
        """Stop Voila and its kernel, and remove the temporary folder."""
        stop(self.proc)
        shutil.rmtree(self.folder, ignore_errors=True)


def free_port(host: str = DEFAULT_HOST, preferred: int = DEFAULT_PORT) -> int:
    """`preferred` if nothing listens there, else any free port."""
    for port in (preferred, 0):
        with socket.socket() as s:
            try:
                s.bind((host, port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise OSError(f"no free port on {host}")


def start(
    scenario_file: Path,
    root: Path,
    *,
    port: int = DEFAULT_PORT,
    host: str = DEFAULT_HOST,
    log=None,
) -> Preview:
    """Write the preview notebook in a new temporary folder and start Voila on it; the caller stops it."""
    scenario_file, root = Path(scenario_file).resolve(), Path(root).resolve()
    folder = Path(tempfile.mkdtemp(prefix="pact-preview-"))
    nb = folder / NOTEBOOK
    nb.write_text(json.dumps(notebook(scenario_file, root), indent=1), encoding="utf-8")
    (folder / "voila.json").write_text(json.dumps(VOILA_CONFIG, indent=1), encoding="utf-8")
    env = dict(os.environ, PACT_COURSE_ROOT=str(root))
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in env.get("PATH", "").split(os.pathsep):
        env["PATH"] = os.pathsep.join([bin_dir, env.get("PATH", "")])
    cmd = [
        sys.executable,
        "-m",
        "voila",
        str(nb),
        "--no-browser",
        f"--port={port}",
        f"--Voila.ip={host}",
        f"--Voila.config_file_paths={folder}",
    ]
    own_log = log is None
    if own_log:
        log = (folder / "voila.log").open("w", encoding="utf-8")
    try:
        proc = subprocess.Popen(cmd, cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    finally:
        if own_log:
            log.close()  # the child keeps its own copy
    return Preview(proc, folder, host, port)
