"""The `trainer` command: JupyterLab at the course root, opening on the trainer console, with the formgrader."""

from __future__ import annotations

import os
import sys
from pathlib import Path

CONSOLE = "trainer/console.ipynb"  # the console's page notebook, relative to the course root
CONSOLE_URL = f"/voila/render/{CONSOLE}"  # Voila's server extension renders it inside the trainer's JupyterLab
FORMGRADER_FIT = "pact_course.deploy.formgrader_fit"


def command(root: Path, port: int | None = None, host: str = "127.0.0.1", no_browser: bool = False) -> list[str]:
    """The JupyterLab command line for trainers (nbgrader reads nbgrader_config.py from the course root).

    The browser opens on the console; JupyterLab stays at /lab and the formgrader at /formgrader. The token
    is never on the command line: the caller passes it in $JUPYTER_TOKEN.
    """
    cmd = [sys.executable, "-m", "jupyter", "lab", f"--ServerApp.root_dir={root}", f"--ServerApp.ip={host}"]
    cmd.append(f"--ServerApp.default_url={CONSOLE_URL}")
    cmd.append("--VoilaConfiguration.show_tracebacks=False")
    cmd.append(f"--ServerApp.jpserver_extensions={FORMGRADER_FIT}=True")  # rubrics, short keys (formgrader_fit.py)
    if port:
        cmd += [f"--ServerApp.port={port}", "--ServerApp.port_retries=0"]
    if no_browser:
        cmd.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")  # containers often run as root; Jupyter refuses without this
    return cmd
