"""The names trainees see for each assignment, in English and Spanish (nbgrader keeps the id)."""

from __future__ import annotations

import re

DISPLAY_NAMES: dict[str, tuple[str, str]] = {
    "induction": ("Induction", "Inducción"),
    "safeguarding": ("Safeguarding", "Salvaguarda"),
}


def display_name(assignment: str) -> tuple[str, str]:
    """The assignment's English and Spanish names: `induction-v2` is "Induction (v2)"; an unknown id shows as is."""
    versioned = re.fullmatch(r"(.+?)-v(\d+)", assignment)
    base, version = versioned.groups() if versioned else (assignment, None)
    en, es = DISPLAY_NAMES.get(base, (base, base))
    return (f"{en} (v{version})", f"{es} (v{version})") if version else (en, es)


def name_in(assignment: str, lang: str) -> str:
    """The assignment's name in one language."""
    en, es = display_name(assignment)
    return es if lang == "es" else en
