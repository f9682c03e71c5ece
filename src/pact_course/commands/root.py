"""The course a command acts on, from its --root option or from where it is run."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..engine.root import find_course_root


def course_root_of(args: argparse.Namespace) -> Path:
    """The course root for this command line (raises CourseNotFound, which the CLI prints in one line)."""
    return find_course_root(getattr(args, "root", None))
