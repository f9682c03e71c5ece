"""The `trainer` command: JupyterLab at the course root with nbgrader's formgrader."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def command(root: Path, port: int | None = None, host: str = "127.0.0.1", no_browser: bool = False) -> list[str]:
    """The JupyterLab command line for trainers (nbgrader reads nbgrader_config.py from the course root)."""
    cmd = [sys.executable, "-m", "jupyter", "lab", f"--ServerApp.root_dir={root}", f"--ServerApp.ip={host}"]
    if port:
        cmd.append(f"--ServerApp.port={port}")
    if no_browser:
        cmd.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")  # containers often run as root; Jupyter refuses without this
    return cmd
