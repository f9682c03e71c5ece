"""The feedback page as one self-contained HTML document: verdict, stories, what to work on, written answers."""

from __future__ import annotations

import re
from html import escape

from ..engine.assignments import name_in
from ..engine.messages import t
from ..engine.practice import points_text
from ..grading.results import AWAITING, FOLLOW_UP, PASS
from .feedback_page import Feedback, Story, Written

CSS = """
*{box-sizing:border-box}
body{margin:0;background:#fff;color:#1a1a1a;font:17px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
main{max-width:46rem;margin:0 auto;padding:1.5rem 1.2rem 4rem}
h1{font-size:1.8em;line-height:1.2;margin:.2em 0 .3em}h2{font-size:1.4em;margin:1.6em 0 .4em;
border-bottom:2px solid #0b4f8a;padding-bottom:.15em}h3{font-size:1.15em;margin:1.2em 0 .3em}
p{margin:.35em 0}ol,ul{padding-left:1.4em}li{margin:.3em 0}
.pact-fb-who{color:#4a4a4a}
.pact-fb-verdict{border:3px solid #0b4f8a;border-radius:10px;padding:.6em 1em;margin:1em 0;background:#eef3f8}
.pact-fb-verdict h2{border:0;margin:.1em 0 .3em;padding:0}
.pact-fb-pass{border-color:#1e6b34;background:#eef7f0}.pact-fb-follow{border-color:#8a1c1c;background:#fbf0f0}
.pact-fb-step{border-left:4px solid #6b6b6b;padding:.2em .9em;margin:.6em 0;background:#f6f6f6;list-style:none}
.pact-fb-steps{padding-left:0}
.pact-fb-best{color:#1e6b34}.pact-fb-poor,.pact-fb-critical{color:#8a1c1c}
blockquote{margin:.4em 0;padding:.4em .9em;border-left:4px solid #0b4f8a;background:#f6f8fb;white-space:pre-wrap}
.pact-fb-score{font-weight:bold}
@media (max-width:600px){body{font-size:16px}main{padding:1rem .8rem 3rem}}
@media print{.pact-fb-step{break-inside:avoid}}
"""

VERDICT = {PASS: "feedback.pass", FOLLOW_UP: "feedback.follow_up", AWAITING: "feedback.awaiting"}
JUDGED = {
    "best": "player.judgement_best",
    "partial": "player.judgement_partial",
    "poor": "player.judgement_poor",
    "critical": "player.judgement_critical",
}


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _num(value: float | None) -> str:
    if value is None:
        return "-"
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _guidelines(ids: list[str], page: Feedback, lang: str) -> str:
    names = []
    for gid in ids:
        number, title = page.guidelines.get(gid, ("?", None))
        names.append(t("grading.guideline", lang, number=number, title=title.get(lang) if title else gid))
    return "; ".join(names)


def _story(story: Story, page: Feedback, lang: str) -> str:
    s = story.scenario
    out = [f"<section><h3>{story.number}. {_e(s.title.get(lang))}</h3>"]
    if story.log_problem:
        out.append(f"<p>{_e(t('grading.no_log', lang, reason=story.log_problem))}</p>")
    elif not story.steps:
        out.append(f"<p>{_e(t('grading.none', lang))}</p>")
    out.append('<ol class="pact-fb-steps">')
    for step in story.steps:
        o = step.option
        said = f"{t(JUDGED[step.judgement], lang)} · {points_text(o.points, lang)}"
        out.append(
            f'<li class="pact-fb-step"><p><strong>{_e(t("player.step", lang, n=step.number))}:</strong> '
            f"{_e(step.prompt.get(lang))}</p>"
            f"<p>{_e(t('feedback.you_chose', lang, text=o.text.get(lang)))}</p>"
            f'<p class="pact-fb-{step.judgement}"><strong>{_e(said)}</strong></p>'
            f"<p>{_e(o.feedback.get(lang))}</p>"
        )
        if o.upholds:
            out.append(f"<p>{_e(t('grading.upholds', lang, list=_guidelines(o.upholds, page, lang)))}</p>")
        if o.breaches:
            out.append(f"<p>{_e(t('grading.breaches', lang, list=_guidelines(o.breaches, page, lang)))}</p>")
        if o.critical:
            out.append(f'<p class="pact-fb-critical"><strong>{_e(t("grading.critical", lang))}</strong></p>')
        out.append("</li>")
    out.append("</ol>")
    if story.waiting_at is not None:
        out.append(f"<p>{_e(t('grading.unfinished', lang, prompt=story.waiting_at.get(lang)))}</p>")
    score = t("score", lang, score=_num(story.score), maximum=_num(story.maximum))
    out.append(f'<p class="pact-fb-score">{_e(score)}</p></section>')
    return "".join(out)


def _verdict(page: Feedback, lang: str) -> str:
    share = round(page.threshold * 100)
    percent = round(100 * page.score / page.maximum) if page.maximum else 0
    kind = {PASS: "pact-fb-pass", FOLLOW_UP: "pact-fb-follow"}.get(page.status, "")
    mark = "✓ " if page.status == PASS else ""
    lines = [
        f'<section class="pact-fb-verdict {kind}" role="status"><h2>{_e(t("feedback.result", lang))}: '
        f"{mark}{_e(t(VERDICT.get(page.status, 'feedback.follow_up'), lang))}</h2>",
        "<p>"
        + _e(
            t("feedback.scored", lang, score=_num(page.score), maximum=_num(page.maximum), percent=percent, share=share)
        )
        + "</p>",
    ]
    if page.critical:
        key = "feedback.critical_one" if page.critical == 1 else "feedback.critical_many"
        lines.append(f"<p><strong>{_e(t(key, lang, n=page.critical))}</strong></p>")
    else:
        lines.append(f"<p>{_e(t('feedback.no_critical', lang))}</p>")
    if page.unsafe:
        lines.append(f"<p><strong>{_e(t('feedback.unsafe_answer', lang))}</strong></p>")
    if page.status == AWAITING:
        lines.append(f"<p>{_e(t('feedback.awaiting_note', lang))}</p>")
    return "".join(lines) + "</section>"


def _plan(page: Feedback, lang: str) -> str:
    out = [f"<section><h2>{_e(t('feedback.work_on', lang))}</h2>"]
    if page.plan is None or not page.plan.guidelines:
        return "".join(out) + f"<p>{_e(t('feedback.work_on_none', lang))}</p></section>"
    out.append(f"<p>{_e(t('feedback.work_on_intro', lang))}</p>")
    for item in page.plan.guidelines:
        g = item.guideline
        out.append(f"<h3>{_e(t('guideline', lang, number=g.number, title=g.title.get(lang)))}</h3>")
        if item.critical:
            key = "feedback.critical_one" if item.critical == 1 else "feedback.critical_many"
            out.append(f"<p>{_e(t(key, lang, n=item.critical))}</p>")
        if item.breached:
            key = "feedback.went_against_one" if item.breached == 1 else "feedback.went_against_many"
            out.append(f"<p>{_e(t(key, lang, n=item.breached))}</p>")
        if item.missed:
            key = "feedback.missed_one" if item.missed == 1 else "feedback.missed_many"
            out.append(f"<p>{_e(t(key, lang, n=item.missed))}</p>")
        scenarios, key = (item.to_do, "feedback.practise") if item.to_do else (item.done, "feedback.practise_again")
        if not scenarios:
            out.append(f"<p>{_e(t('feedback.no_practice', lang))}</p>")
            continue
        items = []
        for s in scenarios:
            module = page.module_of.get(s.id)
            where = f" ({t('feedback.in_module', lang, module=module.title.get(lang))})" if module else ""
            items.append(f"<li>{_e(s.title.get(lang) + where)}</li>")
        out.append(f"<p>{_e(t(key, lang))}</p><ul>{''.join(items)}</ul>")
    return "".join(out) + "</section>"


def _written(items: list[Written], lang: str) -> str:
    if not items:
        return ""
    out = [f"<section><h2>{_e(t('feedback.answers', lang))}</h2>"]
    for w in items:
        out.append(f"<h3>{_e(t('feedback.answer', lang, n=w.number))}</h3>")
        if w.question is not None:
            question = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", _e(w.question.get(lang)))
            out.append(f"<p>{question}</p>")
        if w.text.strip():
            out.append(f"<p>{_e(t('feedback.your_answer', lang))}</p><blockquote>{_e(w.text.strip())}</blockquote>")
        else:
            out.append(f"<p>{_e(t('feedback.no_answer', lang))}</p>")
        mark = (
            t("feedback.mark", lang, score=_num(w.score), maximum=_num(w.maximum))
            if w.score is not None
            else t("feedback.not_marked", lang)
        )
        out.append(f'<p class="pact-fb-score">{_e(mark)}</p>')
        if w.comment.strip():
            out.append(
                f"<p><strong>{_e(t('feedback.comment', lang))}</strong></p><blockquote>{_e(w.comment)}</blockquote>"
            )
    return "".join(out) + "</section>"


def _document(lang: str, title: str, body: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{_e(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{CSS}</style></head><body><main>{body}</main></body></html>\n"
    )


def page(fb: Feedback) -> str:
    """The whole feedback page for one trainee, in the language they used."""
    lang = fb.lang
    title = t("feedback.title", lang, name=name_in(fb.assignment, lang))
    body = [f"<h1>{_e(title)}</h1>", f'<p class="pact-fb-who">{_e(t("feedback.for", lang, who=fb.who))}</p>']
    body.append(_verdict(fb, lang))
    body.append(f"<h2>{_e(t('feedback.scenarios', lang))}</h2>")
    body += [_story(s, fb, lang) for s in fb.stories]
    body.append(_plan(fb, lang))
    body.append(_written(fb.written, lang))
    return _document(lang, title, "".join(body))


def problem_page(detail: str) -> str:
    """A page that says, in both languages, that the feedback could not be put together."""
    body = "".join(f'<p lang="{lang}">{_e(t("feedback.unreadable", lang, detail=detail))}</p>' for lang in ("en", "es"))
    return _document("en", "Feedback / Comentarios", body)
