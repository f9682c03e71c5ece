"""The hidden tests' one call: replay decisions.json for one scenario and return its partial score."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

from .decisions import LOG_NAME, read_log
from .model import Scenario
from .scoring import Replay, replay

WORDS: dict[str, dict[str, str]] = {
    "heading": {"en": "Your decisions in “{title}”", "es": "Tus decisiones en «{title}»"},
    "step": {"en": "Step {n}: {prompt}", "es": "Paso {n}: {prompt}"},
    "choice": {"en": "Your choice: {text}", "es": "Tu decisión: {text}"},
    "feedback": {"en": "Feedback: {text}", "es": "Comentario: {text}"},
    "upholds": {"en": "Upholds: {list}", "es": "Respeta: {list}"},
    "breaches": {"en": "Goes against: {list}", "es": "Va en contra de: {list}"},
    "guideline": {"en": "Guideline {number} ({title})", "es": "Norma {number} ({title})"},
    "critical": {
        "en": "CRITICAL ERROR: this choice could put a parent or child at risk; your trainer will follow it up with you.",
        "es": "ERROR GRAVE: esta decisión podría poner en riesgo a una madre, un padre o un niño; tu formador/a lo hablará contigo.",
    },
    "unfinished": {
        "en": "You did not finish this scenario: no decision was recorded at “{prompt}”.",
        "es": "No terminaste este escenario: no se registró ninguna decisión en «{prompt}».",
    },
    "none": {
        "en": "No decisions were recorded for this scenario.",
        "es": "No se registró ninguna decisión en este escenario.",
    },
    "score": {"en": "Score: {score} out of {maximum}", "es": "Puntuación: {score} de {maximum}"},
    "no_log": {
        "en": "Your decisions could not be read ({reason}), so this scenario scores 0.",
        "es": "No se pudieron leer tus decisiones ({reason}), así que este escenario puntúa 0.",
    },
    "broken": {
        "en": "This scenario could not be graded; your trainer will look at it (score 0 for now).",
        "es": "No se pudo corregir este escenario; tu formador/a lo revisará (de momento, 0 puntos).",
    },
}


def word(key: str, lang: str, **values: object) -> str:
    """One of this module's messages in `lang` (English if unknown)."""
    entry = WORDS[key]
    return (entry.get(lang) or entry["en"]).format(**values)


def grade(data: str, log: str | Path = LOG_NAME) -> float:
    """Replay `log` against the embedded scenario; print the trainee's own decisions; return the score.

    `data` is the JSON written by the builder: {"scenario": {...full scenario...}, "guidelines":
    {id: {"number": n, "title": {"en": ..., "es": ...}}}}. Never raises, never writes to stderr,
    always returns a float in [0, the scenario's maximum].
    """
    out = io.StringIO()
    score = 0.0
    with contextlib.redirect_stderr(io.StringIO()):
        try:
            score = _grade(data, Path(log), out)
        except Exception:  # noqa: BLE001 - grading must never fail the cell
            out.write("\n" + word("broken", "en") + "\n" + word("broken", "es") + "\n")
            score = 0.0
    print(out.getvalue().rstrip("\n"))
    return score


def _grade(data: str, log: Path, out: io.StringIO) -> float:
    payload = json.loads(data)
    scenario = Scenario.model_validate(payload["scenario"])
    guidelines: dict = payload.get("guidelines") or {}
    decision_log = read_log(log)
    if decision_log.problem is not None:
        for lang in ("en", "es"):
            out.write(word("no_log", lang, reason=decision_log.problem) + "\n")
        return 0.0
    result = replay(scenario, decision_log.decisions)
    lang = _language(scenario.id, decision_log.decisions)
    report(scenario, result, guidelines, lang, out)
    return float(min(result.maximum, max(0, result.score)))


def _language(scenario_id: str, decisions) -> str:
    """The language the trainee took this scenario in (their first decision's), English by default."""
    for d in decisions:
        if d.scenario == scenario_id:
            return d.lang if d.lang in ("en", "es") else "en"
    return "en"


def report(scenario: Scenario, result: Replay, guidelines: dict, lang: str, out) -> None:
    """Write the trainee's own path: each step, their choice, its feedback and guidelines, the score."""

    def names(ids: list[str]) -> str:
        parts = []
        for gid in ids:
            g = guidelines.get(gid) or {}
            title = (g.get("title") or {}).get(lang) or gid
            parts.append(word("guideline", lang, number=g.get("number", "?"), title=title))
        return "; ".join(parts)

    out.write(word("heading", lang, title=scenario.title.get(lang)) + "\n")
    if not result.taken:
        out.write(word("none", lang) + "\n")
    for n, taken in enumerate(result.taken, start=1):
        option = taken.option
        out.write("\n" + word("step", lang, n=n, prompt=scenario.steps[taken.step_id].prompt.get(lang)) + "\n")
        out.write("  " + word("choice", lang, text=option.text.get(lang)) + "\n")
        out.write("  " + word("feedback", lang, text=option.feedback.get(lang)) + "\n")
        if option.upholds:
            out.write("  " + word("upholds", lang, list=names(option.upholds)) + "\n")
        if option.breaches:
            out.write("  " + word("breaches", lang, list=names(option.breaches)) + "\n")
        if option.critical:
            out.write("  " + word("critical", lang) + "\n")
    if result.taken and not result.finished and result.waiting_at in scenario.steps:
        out.write("\n" + word("unfinished", lang, prompt=scenario.steps[result.waiting_at].prompt.get(lang)) + "\n")
    out.write("\n" + word("score", lang, score=result.score, maximum=result.maximum) + "\n")
