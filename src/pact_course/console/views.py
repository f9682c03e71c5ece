"""The console's read-only views as HTML: the trainee table, the cohort by guideline, item analysis, the roster."""

from __future__ import annotations

from html import escape
from pathlib import Path

from ..engine.roster import Person
from ..grading.results import TraineeResult
from ..reports import branch_map, html_page
from ..reports.cohort import Cohort
from ..reports.items import analyse, edge_counts
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


def _num(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def trainee_table(rows: list[Row], results: dict[str, TraineeResult]) -> str:
    """Every trainee: name, id, where they are in the cycle, score and result (in words, not colour alone)."""
    if not rows:
        return '<p class="muted">No trainees yet: add them in the Trainees tab, or release the assessment.</p>'
    body = []
    for row in rows:
        r = results.get(row.id)
        score = f"{_num(r.score)} of {_num(r.maximum)}" if r and r.score is not None else ""
        result = ""
        if r and r.score is not None:
            result = f'<span class="{escape(r.status.replace(" ", "-"))}">{escape(r.status)}</span>'
        critical = str(len(r.critical)) if r and r.critical else ""
        body.append(
            f'<tr data-trainee="{escape(row.id)}"><td>{escape(row.name)}</td><td class="muted">{escape(row.id)}</td>'
            f'<td class="status">{escape(row.status)}</td><td class="score">{score}</td>'
            f'<td class="result">{result}</td><td class="critical">{critical}</td></tr>'
        )
    return (
        '<table class="pact-trainees"><tr><th>trainee</th><th>id</th><th>where they are</th><th>score</th>'
        f"<th>result</th><th>critical errors</th></tr>{''.join(body)}</table>"
    )


def cohort_view(cohort: Cohort) -> str:
    """The trainee by guideline table and the follow-up plans."""
    if not cohort.graded:
        return '<p class="muted">Nobody is graded yet: autograde first.</p>'
    return (
        "<h3>Decisions that upheld (✓) and went against (✗) each guideline</h3>"
        "<p>Green: mostly upheld; amber: mixed; red: mostly against; grey: not met. Critical errors in red.</p>"
        + html_page.guideline_table(cohort)
        + "<h3>Follow-up plans</h3>"
        + html_page.plans(cohort)
    )


def item_view(cohort: Cohort, scenario_id: str) -> str:
    """One scenario's branch map with the cohort's choices on its arrows, then each step's shares and flags."""
    scenario = next((s for s in cohort.scenarios if s.id == scenario_id), None)
    if scenario is None:
        return '<p class="muted">Pick a scenario.</p>'
    logs = [t.decisions for t in cohort.graded]
    try:
        picture = branch_map.inline_svg(scenario, "en", edge_counts(scenario, logs))
    except Exception as exc:  # noqa: BLE001 - Graphviz missing or failing: the tables still show
        picture = f'<p class="problem">The branch map could not be drawn ({escape(str(exc))}): install Graphviz.</p>'
    tables = "".join(html_page.step_table(item) for item in analyse(scenario, logs))
    return (
        f"<p>{len(logs)} graded trainee(s). Green: the best path; red: critical options; each arrow says how many of "
        f'those who reached the step chose that option.</p><div class="map">{picture}</div>{tables}'
    )


def roster_view(people: list[Person]) -> str:
    if not people:
        return '<p class="muted">Nobody on the roster yet.</p>'
    rows = "".join(
        f'<tr data-trainee="{escape(p.id)}"><td>{escape(p.id)}</td><td>{escape(p.name)}</td><td>{p.lang}</td></tr>'
        for p in sorted(people, key=lambda p: p.id)
    )
    return f'<table class="pact-roster"><tr><th>id</th><th>full name</th><th>language</th></tr>{rows}</table>'


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
