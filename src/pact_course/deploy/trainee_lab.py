"""A trainee's JupyterLab set up as a course: notebooks open as pages (Voila), no code, no internals on show."""

from __future__ import annotations

import json
import os
from pathlib import Path

from .trainee_contents import HIDDEN

# A Jupyter data dir: voila/templates/pact-course (the pages) and labextensions/pact-course-trainee (one click from
# nbgrader's "(view feedback)" to the feedback page).
TEMPLATES_ROOT = Path(__file__).resolve().parent / "templates"
PAGE_TEMPLATE = "pact-course"

# JupyterLab plugins a trainee has no use for (nbgrader's trainer tools are turned off in workspace.py).
UNUSED_LAB_PLUGINS = (
    "@jupyterlab/debugger-extension:main",
    "@jupyterlab/debugger-extension:sidebar",
    "@jupyterlab/extensionmanager-extension:plugin",
)

# JupyterLab's user settings, written into the workspace's own config dir (never the account's).
USER_SETTINGS: dict[str, dict] = {
    # Every notebook opens as a page: Voila runs it in its own kernel and shows only its widgets.
    "@jupyterlab/docmanager-extension/plugin": {"defaultViewers": {"notebook": "Voila Preview"}},
    # No Run or Kernel menu: nothing is run by hand.
    "@jupyterlab/mainmenu-extension/plugin": {
        "menus": [{"id": "jp-mainmenu-run", "disabled": True}, {"id": "jp-mainmenu-kernel", "disabled": True}]
    },
}

# The server: the trainee's file manager, the pages' template and what Voila loads into a page.
SERVER_SETTINGS: dict[str, dict] = {
    "ServerApp": {
        "contents_manager_class": "pact_course.deploy.trainee_contents.TraineeContentsManager",
        # Voila's pages would fetch MathJax from a CDN; the course has no formulas and asks nothing off the machine.
        "tornado_settings": {"mathjax_url": "null", "mathjax_config": "null"},
    },
    "ContentsManager": {"hide_globs": list(HIDDEN)},
    "LabApp": {"expose_app_in_browser": True},  # the pages' links open other pages as JupyterLab tabs
    # Each page open is a kernel; one whose page was closed (no connection) is stopped after an idle hour.
    "MappingKernelManager": {"cull_idle_timeout": 3600, "cull_interval": 300, "cull_connected": False},
    "VoilaConfiguration": {
        "template": PAGE_TEMPLATE,
        "theme": "light",
        "strip_sources": True,
        "show_tracebacks": False,
        "extension_denylist": [
            "@jupyter/nbgrader",
            "@jupyter-notebook/lab-extension",
            "@voila-dashboards/jupyterlab-preview",
            "jupyterlab_pygments",
            "pact-course-trainee",
        ],
    },
}

# nbgrader's Assignments panel gives each fetched notebook "Validate" and "Submit" buttons that cannot be
# configured away: validating would report a failure on correct work (the keys are hidden), and an
# assessment is submitted from its own page, which asks first when a part is unanswered. The Voila
# preview's "Render on Save" box means nothing to a trainee.
TRAINEE_CSS = """/* PACT course: the trainee's JupyterLab. */
#fetched_assignments_list .nested_list_item .item_status button,
#fetched_assignments_list .item_status button { display: none !important; }
.jp-VoilaPreview-renderOnSave { display: none !important; }
/* The feedback page has no script: JupyterLab's "Trust HTML" button would only puzzle a trainee. */
.jp-Toolbar-item[data-jp-item-name="trust"] { display: none !important; }
"""


def write_trainee_settings(config_dir: Path) -> None:
    """Write the trainee's JupyterLab user settings and merge the server settings into the config dir."""
    settings = config_dir / "lab" / "user-settings"
    for name, values in USER_SETTINGS.items():
        path = settings / f"{name}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        data = _read_json(path)
        data.update(values)
        path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    server = config_dir / "jupyter_server_config.json"
    data = _read_json(server)
    for section, values in SERVER_SETTINGS.items():
        data.setdefault(section, {}).update(values)
    server.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    page = config_dir / "labconfig" / "page_config.json"
    data = _read_json(page)
    disabled = data.setdefault("disabledExtensions", {})
    if isinstance(disabled, list):
        disabled = data["disabledExtensions"] = dict.fromkeys(disabled, True)
    disabled.update(dict.fromkeys(UNUSED_LAB_PLUGINS, True))
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def page_template_path(env: dict[str, str]) -> dict[str, str]:
    """`env` with the course's page templates on JUPYTER_PATH (where Voila finds its templates)."""
    paths = [str(TEMPLATES_ROOT)] + [p for p in env.get("JUPYTER_PATH", "").split(os.pathsep) if p]
    return {**env, "JUPYTER_PATH": os.pathsep.join(dict.fromkeys(paths))}


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}
