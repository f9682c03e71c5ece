"""Finds the course a command acts on: --root, else $PACT_COURSE_ROOT, else the nearest course folder."""

from __future__ import annotations

import os
from pathlib import Path

ROOT_ENV = "PACT_COURSE_ROOT"
MARKERS = ("nbgrader_config.py", "content")  # a course folder holds both


class CourseNotFound(LookupError):
    """No course here: the message says in one line where it looked and what to do."""


def is_course(folder: Path) -> bool:
    """True when `folder` holds a course (its nbgrader_config.py and content/)."""
    return (folder / MARKERS[0]).is_file() and (folder / MARKERS[1]).is_dir()


def find_course_root(explicit: Path | str | None = None, start: Path | str | None = None) -> Path:
    """The course root, as git finds a repository: `explicit`, $PACT_COURSE_ROOT, or `start` (cwd) upwards.

    Never the package's install location: a copy of the course driven by the same environment
    acts on its own content and gradebook.
    """
    if explicit:
        return _checked(Path(explicit), "--root")
    env = os.environ.get(ROOT_ENV)
    if env:
        return _checked(Path(env), f"${ROOT_ENV}")
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if is_course(folder):
            return folder
    raise CourseNotFound(
        f"no course found in {here} or any folder above it (a course holds nbgrader_config.py and content/): "
        f"run the command inside a course, or give --root PATH or ${ROOT_ENV}"
    )


def _checked(folder: Path, source: str) -> Path:
    """A course named on purpose needs only its content/ (nbgrader_config.py is checked where nbgrader runs)."""
    folder = folder.expanduser().resolve()
    if not (folder / MARKERS[1]).is_dir():
        raise CourseNotFound(f"{source} names {folder}, which is not a course (it has no content/ folder)")
    return folder
