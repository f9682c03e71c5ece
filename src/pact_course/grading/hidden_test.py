"""The hidden tests' one call: replay decisions.json for one scenario and return its partial score."""

from __future__ import annotations

import contextlib
import io
import json
import textwrap
from pathlib import Path

from ..engine.decisions import LOG_NAME, read_log
from ..engine.messages import t
from ..engine.model import Scenario
from ..engine.scoring import Replay, replay

WIDTH = 96  # the feedback page shows this output as preformatted text: wrap it to be readable


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
            out.write("\n" + t("grading.broken", "en") + "\n" + t("grading.broken", "es") + "\n")
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
            out.write(t("grading.no_log", lang, reason=decision_log.problem) + "\n")
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
            parts.append(t("grading.guideline", lang, number=g.get("number", "?"), title=title))
        return "; ".join(parts)

    def line(text: str, indent: int = 0, blank_before: bool = False) -> None:
        pad = " " * indent
        wrapped = textwrap.fill(text, WIDTH, initial_indent=pad, subsequent_indent=pad + "  ")
        out.write(("\n" if blank_before else "") + wrapped + "\n")

    line(t("grading.heading", lang, title=scenario.title.get(lang)))
    if not result.taken:
        line(t("grading.none", lang))
    for n, taken in enumerate(result.taken, start=1):
        option = taken.option
        line(t("grading.step", lang, n=n, prompt=scenario.steps[taken.step_id].prompt.get(lang)), blank_before=True)
        line(t("grading.choice", lang, text=option.text.get(lang)), 2)
        line(t("grading.feedback", lang, text=option.feedback.get(lang)), 2)
        if option.upholds:
            line(t("grading.upholds", lang, list=names(option.upholds)), 2)
        if option.breaches:
            line(t("grading.breaches", lang, list=names(option.breaches)), 2)
        if option.critical:
            line(t("grading.critical", lang), 2)
    if result.taken and not result.finished and result.waiting_at in scenario.steps:
        line(
            t("grading.unfinished", lang, prompt=scenario.steps[result.waiting_at].prompt.get(lang)), blank_before=True
        )
    line(t("score", lang, score=result.score, maximum=result.maximum), blank_before=True)
