"""The console's read-only views as HTML: the trainee table, the cohort by guideline, item analysis, the roster."""

from __future__ import annotations

from html import escape
from pathlib import Path

from ..engine.messages import t
from ..engine.roster import Person
from ..grading.results import TraineeResult
from ..reports import branch_map, html_page
from ..reports.cohort import Cohort
from ..reports.items import analyse, edge_counts
from . import status
from .status import Row

STYLE = """<style>
.pact-console table{border-collapse:collapse;margin:.5em 0;font-size:14px}
.pact-console th,.pact-console td{border:1px solid #bbb;padding:4px 8px;text-align:left;vertical-align:top}
.pact-console th{background:#eef3fb}.pact-console .pass{color:#1b7f3b;font-weight:bold}
.pact-console .follow-up{color:#b00020;font-weight:bold}.pact-console .flag{color:#b00020}
.pact-console .muted{color:#666}.pact-console .map{overflow:auto;border:1px solid #ddd;max-height:900px}
.pact-console .plan{border-left:4px solid #b00020;padding:0 1em;margin:.5em 0;background:#fff6f6}
.pact-console .ok{color:#1b7f3b}.pact-console .problem{color:#b00020}
.pact-console a[href]{color:#1b5f8c;text-decoration:underline}
.pact-console .map svg{max-width:100%;height:auto}
</style>"""


# The words of each status and heading, by their message keys (engine/console_words.py, engine/report_words.py).
RESULT_KEYS = {
    "pass": "status.pass",
    "follow-up": "status.follow-up",
    "awaiting manual grading": "status.awaiting manual grading",
    "not graded": "status.not graded",
}
WHERE_KEYS = {
    status.NOT_SUBMITTED: "console.status.not submitted yet",
    status.SUBMITTED: "console.status.submitted, not collected",
    status.COLLECTED: "console.status.collected, not graded",
    status.GRADED: "console.status.graded",
    status.FEEDBACK_MADE: "console.status.graded, feedback not released",
    status.FEEDBACK_RELEASED: "console.status.feedback released",
}
TABLE_HEADS = (
    "console.head_trainee",
    "console.roster_id",
    "console.head_where",
    "console.head_score",
    "console.head_result",
    "console.head_critical",
)
ROSTER_HEADS = ("console.roster_id", "console.roster_name", "console.roster_lang")


def _word(key: str | None, lang: str, fallback: str) -> str:
    return t(key, lang) if key else fallback


def _num(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def trainee_table(rows: list[Row], results: dict[str, TraineeResult], lang: str = "en") -> str:
    """Every trainee: name, id, where they are in the cycle, score and result (in words, not colour alone)."""
    if not rows:
        return f'<p class="muted">{t("console.no_trainees", lang)}</p>'
    body = []
    for row in rows:
        r = results.get(row.id)
        score = t("console.of", lang, n=_num(r.score), total=_num(r.maximum)) if r and r.score is not None else ""
        result = ""
        if r and r.score is not None:
            words = escape(_word(RESULT_KEYS.get(r.status), lang, r.status))
            result = f'<span class="{escape(r.status.replace(" ", "-"))}">{words}</span>'
        critical = str(len(r.critical)) if r and r.critical else ""
        body.append(
            f'<tr data-trainee="{escape(row.id)}"><td>{escape(row.name)}</td><td class="muted">{escape(row.id)}</td>'
            f'<td class="status">{escape(_word(WHERE_KEYS.get(row.status), lang, row.status))}</td>'
            f'<td class="score">{score}</td>'
            f'<td class="result">{result}</td><td class="critical">{critical}</td></tr>'
        )
    head = "".join(f"<th>{escape(t(h, lang).rstrip(':'))}</th>" for h in TABLE_HEADS)
    return f'<table class="pact-trainees"><tr>{head}</tr>{"".join(body)}</table>'


def cohort_view(cohort: Cohort, lang: str = "en") -> str:
    """The trainee by guideline table and the follow-up plans."""
    if not cohort.graded:
        return f'<p class="muted">{t("console.nobody_graded", lang)}</p>'
    return (
        f"<h3>{t('console.cohort_title', lang)}</h3><p>{t('console.cohort_colours', lang)}</p>"
        + html_page.guideline_table(cohort, lang)
        + f"<h3>{t('console.plans_title', lang)}</h3>"
        + html_page.plans(cohort, only=lang if lang != "en" else None)
    )


def item_view(cohort: Cohort, scenario_id: str, lang: str = "en") -> str:
    """One scenario's branch map with the cohort's choices on its arrows, then each step's shares and flags."""
    scenario = next((s for s in cohort.scenarios if s.id == scenario_id), None)
    if scenario is None:
        return f'<p class="muted">{t("console.pick_scenario", lang)}</p>'
    logs = [tr.decisions for tr in cohort.graded]
    try:
        picture = branch_map.inline_svg(scenario, lang, edge_counts(scenario, logs))
    except Exception as exc:  # noqa: BLE001 - Graphviz missing or failing: the tables still show
        picture = f'<p class="problem">{escape(t("console.no_map", lang, reason=str(exc)))}</p>'
    tables = "".join(html_page.step_table(item, lang) for item in analyse(scenario, logs))
    return f'<p>{t("console.items_intro", lang, n=len(logs))}</p><div class="map">{picture}</div>{tables}'


def roster_view(people: list[Person], lang: str = "en") -> str:
    if not people:
        return f'<p class="muted">{t("console.roster_empty", lang)}</p>'
    rows = "".join(
        f'<tr data-trainee="{escape(p.id)}"><td>{escape(p.id)}</td><td>{escape(p.name)}</td><td>{p.lang}</td></tr>'
        for p in sorted(people, key=lambda p: p.id)
    )
    head = "".join(f"<th>{t(k, lang).rstrip(':')}</th>" for k in ROSTER_HEADS)
    return f'<table class="pact-roster"><tr>{head}</tr>{rows}</table>'


def report_links(folder: Path, root: Path, certificates: list[Path], statements: int) -> str:
    """Links to the report's files, relative to the console page (/voila/render/trainer/console.ipynb)."""
    up = "../../../files/"

    def link(path: Path, text: str) -> str:
        rel = path.relative_to(root).as_posix()
        return f'<a href="{up}{escape(rel)}" target="_blank">{escape(text)}</a>'

    certs = ", ".join(link(c, c.stem) for c in certificates) or "none (nobody has passed yet)"
    return (
        f'<p class="ok">Report written to <code>{escape(folder.relative_to(root).as_posix())}/</code>.</p><ul>'
        f"<li>{link(folder / 'index.html', 'the report page (index.html)')}</li>"
        f"<li>{link(folder / 'results.csv', 'results.csv')}</li>"
        f"<li>certificates: {certs}</li><li>{link(folder / 'xapi.jsonl', 'xapi.jsonl')} ({statements} statements)</li>"
        "</ul>"
    )
