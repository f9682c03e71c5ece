"""The course's one table of UI words: both languages, matching placeholders, lookup, and no missing or dead keys."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from pact_course.engine.messages import MESSAGES, t

SRC = Path(__file__).resolve().parents[1] / "src" / "pact_course"

# Keys whose English and Spanish may be the same word (proper names, "OK"...). None needs it yet.
SAME_IN_BOTH: set[str] = set()

# A key given as a literal: the first argument of t(...) or message(...), or a player note `Note(...)`;
# `"a" if cond else "b"` on one line counts both.
_KEY = r"""(["'])([^"']+)\1(?:\s+if\s.*?\selse\s+(["'])([^"']+)\3)?"""
KEY_USES = [re.compile(r"\b(?:t|message)\(\s*" + _KEY), re.compile(r"\bNote\(\s*" + _KEY)]


def placeholders(text: str) -> set[tuple[str, str]]:
    """The {name:spec} fields of a format string, as (name, spec) pairs."""
    return {(name, spec or "") for _, name, spec, _ in string.Formatter().parse(text) if name is not None}


def source() -> str:
    """Every module of the package except the table itself."""
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(SRC.rglob("*.py")) if p.name != "messages.py")


def used_keys() -> set[str]:
    """The message keys the package's source names as literals."""
    found: set[str] = set()
    for pattern in KEY_USES:
        for m in pattern.finditer(source()):
            found.update(k for k in (m.group(2), m.group(4)) if k)
    return found


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_has_distinct_english_and_spanish(key):
    """Each entry has exactly a non-empty English and Spanish text, different unless allow-listed."""
    entry = MESSAGES[key]
    assert set(entry) == {"en", "es"}
    assert entry["en"].strip() and entry["es"].strip()
    if key not in SAME_IN_BOTH:
        assert entry["en"] != entry["es"]


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_both_languages_have_the_same_placeholders(key):
    """English and Spanish fill in the same {names}, with the same format specs."""
    entry = MESSAGES[key]
    assert placeholders(entry["en"]) == placeholders(entry["es"])


def test_spanish_never_uses_usted():
    """The Spanish speaks to the trainee or visitor as tú, never usted (as the authoring guide asks)."""
    formal = [key for key, entry in MESSAGES.items() if re.search(r"\busted(es)?\b", entry["es"], re.IGNORECASE)]
    assert formal == []


def test_t_fills_in_values_in_the_language_asked():
    """`t` formats the values into the chosen language, English by default."""
    assert t("score", "es", score=3, maximum=5) == "Puntuación: 3 de 5"
    assert t("score", score=3, maximum=5) == "Score: 3 out of 5"
    assert t("player.points", "en", points=2) == "+2 points"
    assert t("kiosk.try", "es") == "Prueba un escenario"


def test_t_falls_back_to_english_for_an_unknown_language():
    """An unknown language gets the English text."""
    assert t("grading.step", "fr", n=1, prompt="Hello") == "Step 1: Hello"
    assert t("kiosk.try", "") == t("kiosk.try", "en")


def test_t_refuses_an_unknown_key():
    """A key that is not in the table is a KeyError, not a silent blank."""
    with pytest.raises(KeyError):
        t("player.no_such_message", "en")


def test_every_key_used_in_the_source_exists():
    """Every key the package looks up is in the table (the search finds each part's keys)."""
    used = used_keys()
    assert {"score", "guideline", "player.step", "player.not_started", "player.selected", "player.no_module"} <= used
    assert {"grading.step", "grading.broken", "kiosk.try", "kiosk.unavailable"} <= used
    assert sorted(used - set(MESSAGES)) == []


def test_every_message_is_used_in_the_source():
    """No dead entries: every key appears as a literal somewhere in the package."""
    text = source()
    unused = [key for key in MESSAGES if f'"{key}"' not in text and f"'{key}'" not in text]
    assert unused == []
