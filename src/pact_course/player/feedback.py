"""Practice feedback as HTML: an option's points, feedback and guidelines, and the end-of-scenario summary."""

from __future__ import annotations

from ..engine import practice as model
from ..engine.messages import t
from ..engine.model import Guideline
from .markup import esc


def guideline_list(ids: list[str], lang: str, guidelines: dict[str, Guideline]) -> str:
    """The guidelines as a list whose titles open to their text."""
    items = []
    for gid in ids:
        g = guidelines.get(gid)
        if g is None:
            items.append(f"<li>{esc(gid)}</li>")
            continue
        title = t("guideline", lang, number=g.number, title=g.title.get(lang))
        items.append(
            f"<li><details><summary>{esc(title)}</summary><p>{esc(t('player.guideline_text', lang))} "
            f"“{esc(g.text.get(lang))}”</p></details></li>"
        )
    return "<ul>" + "".join(items) + "</ul>"


JUDGEMENT_KEYS = {
    "best": "player.judgement_best",
    "partial": "player.judgement_partial",
    "poor": "player.judgement_poor",
    "critical": "player.judgement_critical",
}


def judgement_html(judgement: str | None, points: int, lang: str) -> str:
    """How good a choice was, in words (never colour alone), with its points: "Good choice · +3 points"."""
    said = f"{t(JUDGEMENT_KEYS[judgement], lang)} · " if judgement else ""
    kind = f" pact-judgement-{judgement}" if judgement else ""
    return f'<p class="pact-judgement{kind}"><strong>{esc(said + model.points_text(points, lang))}</strong></p>'


def feedback_html(option, lang: str, guidelines: dict[str, Guideline], judgement: str | None = None) -> str:
    """What a practice choice earned: how good it was, points, feedback, guidelines upheld and breached."""
    lines = [judgement_html(judgement, option.points, lang), f"<p>{esc(option.feedback.get(lang))}</p>"]
    if option.upholds:
        upholds = guideline_list(option.upholds, lang, guidelines)
        lines.append(f"<p><strong>{esc(t('player.upholds', lang))}:</strong></p>{upholds}")
    if option.breaches:
        breaches = guideline_list(option.breaches, lang, guidelines)
        lines.append(f"<p><strong>{esc(t('player.breaches', lang))}:</strong></p>{breaches}")
    if option.critical:
        lines.append(
            f"<p><strong>{esc(t('player.critical', lang))}</strong> {esc(t('player.critical_note', lang))}</p>"
        )
    return "".join(lines)


def summary_html(scenario, summ: model.Summary, lang: str, guidelines: dict[str, Guideline]) -> str:
    """The end of a practice scenario: score, the path taken, what went well, what to revisit."""
    steps = scenario.steps
    path = "".join(
        f"<li>{esc(steps[sid].prompt.get(lang))} → {esc(o.text.get(lang))} "
        f"({esc(model.points_text(o.points, lang))})</li>"
        for sid, o in summ.path
    )
    revisit = ""
    if summ.revisit:
        revisit += f"<p>{esc(t('player.breaches', lang))}:</p>{guideline_list(summ.revisit, lang, guidelines)}"
    for _sid, o in summ.critical:
        revisit += f"<p><strong>{esc(t('player.critical', lang))}</strong> “{esc(o.text.get(lang))}”</p>"
    if summ.better:
        revisit += (
            "<ul>"
            + "".join(
                "<li>"
                + esc(t("player.better_option", lang, prompt=steps[sid].prompt.get(lang), text=o.text.get(lang)))
                + "</li>"
                for sid, o in summ.better
            )
            + "</ul>"
        )
    if not revisit:
        revisit = f"<p>{esc(t('player.full_marks', lang))}</p>"
    went_well = (
        f"<p>{esc(t('player.upholds', lang))}:</p>{guideline_list(summ.went_well, lang, guidelines)}"
        if summ.went_well
        else f"<p>{esc(t('player.nothing_yet', lang))}</p>"
    )
    return (
        f"<h3>{esc(t('player.summary', lang))}</h3>"
        f"<p><strong>{esc(t('score', lang, score=summ.score, maximum=summ.maximum))}</strong></p>"
        f"<h4>{esc(t('player.path', lang))}</h4><ol>{path}</ol>"
        f"<h4>{esc(t('player.went_well', lang))}</h4>{went_well}"
        f"<h4>{esc(t('player.revisit', lang))}</h4>{revisit}"
    )
