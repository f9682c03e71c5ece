"""What a public kiosk may show: safe practice scenarios, and a short line of each text for a touch screen."""

from __future__ import annotations

import re

from .model import Course, Scenario

CHOICE_LINE_LIMIT = 170


def kiosk_scenarios(course: Course) -> list[Scenario]:
    """Practice scenarios marked `kiosk: true`, leaving out any that touches safeguarding."""
    chosen = []
    for scenario in course.practice():
        if not scenario.kiosk:
            continue
        touched = {g for step in scenario.steps.values() for o in step.options for g in (*o.upholds, *o.breaches)}
        if "safeguarding" in touched or any(o.critical for step in scenario.steps.values() for o in step.options):
            continue
        chosen.append(scenario)
    return chosen


def one_line(text: str, limit: int = CHOICE_LINE_LIMIT) -> str:
    """The first sentence of `text`, cut at a word before `limit` characters."""
    text = " ".join(text.split())
    for end in (". ", "? ", "! "):
        cut = text.find(end)
        if 0 < cut < limit:
            return text[: cut + 1]
    if len(text) <= limit:
        return text
    return text[: text.rfind(" ", 0, limit - 1)].rstrip(",;: ") + "…"


def teaser(scenario: Scenario, lang: str) -> str:
    """One line that says what happens: the scenario's own teaser, else its setting after the opening sentence
    (which only names the group: "It is the Wednesday Baby Chat group, with six parents.")."""
    if scenario.teaser is not None:
        return scenario.teaser.get(lang)
    sentences = re.split(r"(?<=[.!?])\s+", " ".join(scenario.setting.get(lang).split()))
    return one_line(" ".join(sentences[1:]) if len(sentences) > 1 else sentences[0])
