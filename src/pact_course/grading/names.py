"""Trainee names from the roster into nbgrader's gradebook (first and last name), so the formgrader shows them."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from ..engine.roster import Person, RosterError, read_roster
from ..engine.settings import gradebook_url


def split_name(full: str) -> tuple[str, str]:
    """("Ana María", "Núñez") from "Ana María Núñez": the last word is the last name; one word is a first name."""
    words = full.split()
    if len(words) < 2:
        return (words[0] if words else ""), ""
    return " ".join(words[:-1]), words[-1]


def sync_names(root: Path | str, people: list[Person] | None = None) -> int:
    """Write each trainee's name from the roster into the gradebook (adding them if new); returns how many."""
    from nbgrader.api import Gradebook

    if people is None:
        try:
            people = [p for p in read_roster(root).values() if p.role == "trainee"]
        except RosterError:
            return 0
    if shutil.which("alembic") is None:  # nbgrader runs alembic to create a gradebook; it sits beside this Python
        os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")
    url = gradebook_url(Path(root))
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).parent.is_dir():
        return 0
    done = 0
    with Gradebook(url) as gb:
        for person in people:
            if not person.name:
                continue
            first, last = split_name(person.name)
            gb.update_or_create_student(person.id, first_name=first, last_name=last)
            done += 1
    return done
