"""The ten guidelines keep the seed's wording; the Spanish differs only by the listed corrections."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import REPO
from pact_course.engine.content import load_course

SEED = REPO / "content" / "seed" / "zoom-group-guidelines.txt"
CORRECTIONS = yaml.safe_load((REPO / "content" / "seed-corrections.yaml").read_text(encoding="utf-8"))["corrections"]


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def seed() -> dict[str, list[str]]:
    """The seed's guideline bullets, English then Spanish, without the page's web boilerplate."""
    if not SEED.is_file():
        pytest.fail(f"the seed file is missing at {SEED}")
    bullets = [
        norm(line.split("\u2022", 1)[1]) for line in SEED.read_text(encoding="utf-8").splitlines() if "\u2022" in line
    ]
    assert len(bullets) == 20, f"expected 10 English and 10 Spanish bullets in the seed, found {len(bullets)}"
    return {"en": bullets[:10], "es": bullets[10:]}


def test_english_texts_are_the_seeds(seed):
    """Each English text is the seed's, in the seed's order."""
    course = load_course()
    assert [norm(g.text.en) for g in course.guidelines] == seed["en"]


def test_spanish_texts_are_the_seeds_with_only_the_listed_corrections(seed):
    """Applying the corrections file to the seed's Spanish gives exactly the course's Spanish."""
    expected = list(seed["es"])
    for c in CORRECTIONS:
        i = c["guideline"] - 1
        assert c["from"] in expected[i], f"correction {c} does not match guideline {c['guideline']} of the seed"
        expected[i] = expected[i].replace(c["from"], c["to"], 1)
    assert [norm(g.text.es) for g in load_course().guidelines] == expected


def test_corrections_are_of_the_allowed_kinds():
    """Corrections are only slips, the tú form of address, following the English meaning, or the glossary's term."""
    assert CORRECTIONS and {c["kind"] for c in CORRECTIONS} <= {"slip", "address", "meaning", "term"}


def test_spanish_uses_tu_throughout():
    """No formal address (usted) is left in the guidelines' Spanish."""
    for g in load_course().guidelines:
        assert not re.search(r"\b(usted|desea|háganos|trate)\b", g.text.es + " " + g.title.es, re.I), g.id


def test_guidelines_have_stable_ids_in_seed_order():
    """Ids are the stable slugs the scenarios use, numbered 1 to 10."""
    course = load_course()
    assert [g.id for g in course.guidelines] == [
        "come-and-go",
        "respect",
        "children-welcome",
        "background",
        "video",
        "mute",
        "quiet-space",
        "behaviour",
        "safeguarding",
        "parent-voice",
    ]
    assert [g.number for g in course.guidelines] == list(range(1, 11))


def test_boilerplate_is_not_part_of_the_guidelines():
    """The page's web boilerplate never reaches the course's guidelines."""
    text = (REPO / "content" / "guidelines.yaml").read_text(encoding="utf-8")
    for junk in ("PrivacyPolicies", "Be the first to comment", "activate your account"):
        assert junk not in text
