"""The report's index.html: one self-contained page (inline CSS, charts as embedded images, maps as inline SVG)."""

from __future__ import annotations

from datetime import date
from html import escape

from ..build.assessment_notebooks import display_name
from ..engine.messages import t
from ..grading.results import FOLLOW_UP, PASS
from . import branch_map, charts
from .cohort import Cohort
from .items import StepItem, analyse_all, edge_counts

CSS = """
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:2em auto;max-width:1400px;padding:0 1em;color:#1d1d1d;
line-height:1.4}
h1{font-size:1.8em}h2{margin-top:2em;border-bottom:2px solid #1b5f8c}h3{margin-top:1.5em}
table{border-collapse:collapse;margin:.5em 0 1em;font-size:.9em}
th,td{border:1px solid #bbb;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#eef3fb}.num{text-align:right}.pass{color:#1b7f3b;font-weight:bold}.follow-up{color:#b00020;font-weight:bold}
.flag{color:#b00020}.muted{color:#666}.map{overflow-x:auto;border:1px solid #ddd;margin:.5em 0}.map svg{max-width:none}
.plan{border-left:4px solid #b00020;padding:.2em 1em;margin:1em 0;background:#fff6f6}
"""


FLAG_KEYS = {"wrong-popular": "flag.wrong-popular", "best-rare": "flag.best-rare", "unused": "flag.unused"}


def _num(value: float | None) -> str:
    if value is None:
        return "&ndash;"
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _status(status: str) -> str:
    return f'<span class="{escape(status.replace(" ", "-"))}">{escape(status)}</span>'


def _cell_colour(upheld: int, breached: int) -> str:
    if not upheld and not breached:
        return "#f2f2f2"
    balance = (upheld - breached) / (upheld + breached)
    return "#c8ecd0" if balance > 0.33 else "#fde2b5" if balance > -0.33 else "#f7c1c1"


def summary(cohort: Cohort) -> str:
    counts = {
        s: sum(1 for tr in cohort.trainees if tr.result.status == s)
        for s in {tr.result.status for tr in cohort.trainees}
    }
    words = ", ".join(f"{n} {escape(s)}" for s, n in sorted(counts.items())) or "nobody yet"
    return (
        f"<p>{len(cohort.trainees)} trainee(s) in the gradebook: {words}. Pass: at least {cohort.threshold:.0%} of the "
        "scenario points and no critical error. Written reflections are marked by hand and shown beside the result.</p>"
    )


def _critical(cohort: Cohort, found: list[str]) -> str:
    """Critical errors by scenario title, with how many ("scenario/step: option" entries from the results)."""
    titles = {s.id: s.title.en for s in cohort.scenarios}
    counts: dict[str, int] = {}
    for entry in found:
        sid = entry.split("/", 1)[0]
        counts[sid] = counts.get(sid, 0) + 1
    return "<br>".join(f"{escape(titles.get(sid, sid))} ({n})" for sid, n in counts.items()) or "&ndash;"


def results_table(cohort: Cohort) -> str:
    head = "".join(f"<th>{escape(s.title.en)}</th>" for s in cohort.scenarios)
    rows = []
    for tr in cohort.trainees:
        r = tr.result
        pct = "&ndash;" if r.score is None or not r.maximum else f"{100 * r.score / r.maximum:.0f}%"
        critical = _critical(cohort, r.critical)
        marked = [v for v in r.free_text.values() if v is not None]
        reflections = (
            f"{_num(sum(marked))}/{_num(r.free_text_maximum)}"
            if r.free_text and len(marked) == len(r.free_text)
            else (f"{len(marked)} of {len(r.free_text)} marked" if r.free_text else "&ndash;")
        )
        cells = "".join(f'<td class="num">{_num(r.scenarios.get(s.id))}</td>' for s in cohort.scenarios)
        rows.append(
            f'<tr id="trainee-{escape(tr.id)}"><td>{escape(tr.name)}<br><span class="muted">{escape(tr.id)}</span></td>'
            f'<td>{_status(r.status)}</td><td class="num">{_num(r.score)}/{_num(r.maximum)}</td>'
            f'<td class="num">{pct}</td>'
            f"{cells}<td>{critical}</td><td>{reflections}</td><td>{escape(r.note)}</td></tr>"
        )
    return (
        '<table class="results"><tr><th>trainee</th><th>status</th><th>score</th><th>%</th>'
        f"{head}<th>critical errors</th><th>reflections</th><th>note</th></tr>{''.join(rows)}</table>"
    )


def guideline_table(cohort: Cohort, lang: str = "en") -> str:
    """Trainee by guideline: upheld and against counts (numbers and colour), critical errors."""
    head = "".join(f"<th>{g.number}. {escape(g.title.get(lang))}</th>" for g in cohort.guidelines)
    rows = []
    for tr in cohort.graded:
        cells = []
        for g in cohort.guidelines:
            tally = tr.tallies.get(g.id)
            up, down = (tally.upheld, tally.breached) if tally else (0, 0)
            crit = ""
            if tally and tally.critical:
                crit = f'<br><span class="flag">{t("table.critical", lang, n=tally.critical)}</span>'
            words = f"{t('table.upheld', lang, n=up)}<br>{t('table.against', lang, n=down)}{crit}"
            cells.append(f'<td style="background:{_cell_colour(up, down)}">{words}</td>')
        rows.append(f"<tr><td>{escape(tr.name)}</td>{''.join(cells)}</tr>")
    return f'<table class="guidelines"><tr><th>{t("table.trainee", lang)}</th>{head}</tr>{"".join(rows)}</table>'


def plans(cohort: Cohort, only: str | None = None) -> str:
    """Each follow-up trainee's plan: in English and, for a Spanish speaker, in Spanish too (or only in `only`)."""
    out = []
    for tr in cohort.graded:
        if tr.plan is None or not tr.plan.needed:
            continue
        langs = [only] if only else ["en"] + (["es"] if tr.lang == "es" else [])
        for lang in langs:
            lines = tr.plan.lines(lang)
            items = "".join(f"<li>{escape(x.strip())}</li>" for x in lines[1:])
            label = " (en español, como lo verá)" if lang == "es" and not only else ""
            out.append(
                f'<div class="plan" id="plan-{escape(tr.id)}-{lang}">'
                f"<h3>{escape(tr.name)}: {escape(lines[0])}{label}</h3>"
                f"<ul>{items}</ul></div>"
            )
    return "".join(out) or f"<p>{t('table.nobody_follow_up', only or 'en')}</p>"


def step_table(item: StepItem, lang: str = "en") -> str:
    """One step of the item analysis as a table: each option, its key, how many chose it, its flags."""
    rows = []
    for share in item.options:
        o = share.option
        marks = ([t("table.best", lang)] if share.best else []) + (
            [t("table.critical_mark", lang)] if o.critical else []
        )
        flags = "<br>".join(f'<span class="flag">⚑ {escape(t(FLAG_KEYS[f], lang))}</span>' for f in share.flags)
        chosen = t("table.of", lang, n=share.chosen, total=share.reached)
        rows.append(
            f'<tr><td>{escape(o.id)}</td><td>{escape(o.text.get(lang))}</td><td class="num">{o.points:+d}</td>'
            f'<td>{", ".join(marks) or "&ndash;"}</td><td class="num">{chosen}</td>'
            f'<td class="num">{100 * share.share:.0f}%</td><td>{flags}</td></tr>'
        )
    prompt = escape(item.scenario.steps[item.step_id].prompt.get(lang))
    head = "".join(f"<th>{h}</th>" for h in t("table.heads", lang).split("|"))
    return (
        f"<h4>{t('table.step', lang)} <code>{escape(item.step_id)}</code>: {prompt}</h4>"
        f"<table><tr>{head}</tr>{''.join(rows)}</table>"
    )


def item_analysis(cohort: Cohort) -> str:
    logs = [tr.decisions for tr in cohort.graded]
    analysis = analyse_all(cohort.scenarios, logs)
    out = []
    for scenario in cohort.scenarios:
        counts = edge_counts(scenario, logs)
        flagged = sum(len(item.flags) for item in analysis[scenario.id])
        out.append(
            f'<h3 id="scenario-{escape(scenario.id)}">{escape(scenario.title.en)} '
            f'<span class="muted">({flagged} flag(s))</span></h3>'
        )
        out.append(
            '<p class="muted">Branch map: boxes are steps, the boxes under them the options (points; green: the best '
            "path; red: critical); each arrow says how many of those who reached the step chose that option.</p>"
        )
        out.append(f'<div class="map">{branch_map.inline_svg(scenario, "en", counts)}</div>')
        out += [step_table(item) for item in analysis[scenario.id]]
    return "".join(out)


def page(cohort: Cohort, today: date | None = None) -> str:
    """The whole report page."""
    today = today or date.today()
    en, _es = display_name(cohort.assignment)
    graded = [tr for tr in cohort.graded if tr.result.score is not None and tr.result.maximum]
    parts = [
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Report: {escape(en)}</title>',
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{CSS}</style></head><body>',
        f'<h1>Assessment report: {escape(en)} <span class="muted">({escape(cohort.assignment)})</span></h1>',
        f'<p class="muted">Made on {today.isoformat()}. Personal data: keep it within the training team.</p>',
        summary(cohort),
        "<h2>Results</h2>",
    ]
    if graded:
        chart = charts.scores_chart(
            [tr.name for tr in graded],
            [(tr.result.score or 0) / tr.result.maximum for tr in graded],
            [tr.result.status == PASS for tr in graded],
            cohort.threshold,
        )
        parts.append(f'<img alt="Scores of each graded trainee" src="{charts.data_uri(chart)}">')
    parts += [results_table(cohort), "<h2>The cohort by guideline</h2>"]
    parts.append(
        "<p>For each trainee and guideline: how many graded decisions upheld it (✓) and went against it (✗). "
        "Green: mostly upheld; amber: mixed; red: mostly against; grey: not met.</p>"
    )
    if cohort.graded and cohort.guidelines:
        chart = charts.guideline_chart(
            [tr.name for tr in cohort.graded],
            [f"{g.number}. {g.title.en}" for g in cohort.guidelines],
            [[tr.tallies[g.id].upheld for g in cohort.guidelines] for tr in cohort.graded],
            [[tr.tallies[g.id].breached for g in cohort.guidelines] for tr in cohort.graded],
        )
        parts.append(f'<img alt="Trainee by guideline chart" src="{charts.data_uri(chart)}">')
    parts += [guideline_table(cohort), "<h2>Follow-up plans</h2>"]
    parts.append(
        f"<p>{escape(t('followup.intro', 'en'))} A trainee who needs follow-up has status "
        f"<em>{escape(FOLLOW_UP)}</em>.</p>"
    )
    parts += [plans(cohort), "<h2>Item analysis</h2>"]
    parts.append(
        "<p>For every step: the share of those who reached it choosing each option. Flags: a wrong option (critical, "
        "against a guideline, or no points) chosen by more than 40%; the best option chosen by fewer than 20%; an "
        "option nobody chose.</p>"
    )
    parts += [item_analysis(cohort), "</body></html>"]
    return "\n".join(parts)
