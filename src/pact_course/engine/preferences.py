"""A trainee's chosen language, kept in their workspace so that every page opens in it."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path

from . import decision_file as store

PREFERENCES_NAME = ".pact-course.json"
WORKSPACE_MARKER = "nbgrader_config.py"  # every trainee workspace has one (written by `pact-course course`)
LANGUAGES = ("en", "es")


def workspace_of(folder: Path | str | None = None) -> Path:
    """The trainee's workspace: the nearest folder at or above `folder` (default: the current one) with
    nbgrader_config.py, else `folder` itself."""
    start = Path(folder or Path.cwd()).absolute()
    for candidate in (start, *start.parents):
        if (candidate / WORKSPACE_MARKER).is_file():
            return candidate
    return start


def saved_language(folder: Path | str | None = None) -> str | None:
    """The language the trainee chose last ("en" or "es"), or None if they never chose one."""
    path = workspace_of(folder) / PREFERENCES_NAME
    try:
        fd, _ = store.open_plain(path, os.O_RDONLY)
    except (OSError, ValueError):
        return None
    try:
        data = store.loads(store.read_bytes(fd, 4096))
    except (OSError, ValueError):
        return None
    finally:
        os.close(fd)
    lang = data.get("lang") if isinstance(data, dict) else None
    return lang if lang in LANGUAGES else None


def save_language(lang: str, folder: Path | str | None = None) -> bool:
    """Keep `lang` as the trainee's language; False (and nothing changed) if it cannot be written."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r} (en or es)")
    home = workspace_of(folder)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f"{PREFERENCES_NAME}.", suffix=".tmp", dir=home)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"lang": lang}, fh)
            fh.write("\n")
        os.replace(tmp, home / PREFERENCES_NAME)
    except OSError:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        return False
    return True
