"""`pact-course report` on a graded cohort; the follow-up plan, item analysis, branch maps, xAPI rules, certificates."""

from __future__ import annotations

import csv
import html
import json
import re
import subprocess
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from conftest import REPO
from graded_cohort import ASSIGNMENT, COHORT, best_choices, graded_cohort, worst_choices
from pact_course.engine.content import load_course
from pact_course.engine.decisions import Decision
from pact_course.grading.results import FOLLOW_UP, PASS, TraineeResult
from pact_course.reports.follow_up import follow_up_plan, trains
from pact_course.reports.items import analyse
from pact_course.reports.xapi_rules import problems

COURSE = load_course(REPO)
INDUCTION = COURSE.assessment(ASSIGNMENT)


def decisions(choices: list[tuple[str, str]], scenario_id: str, lang: str = "en") -> list[Decision]:
    return [Decision(scenario_id, step, option, 1, lang) for step, option in choices]


def worst_everywhere() -> list[Decision]:
    return [d for s in INDUCTION for d in decisions(worst_choices(s), s.id)]


def result(status: str) -> TraineeResult:
    return TraineeResult("t", status, scenarios={s.id: 0.0 for s in INDUCTION})


# --- the follow-up plan ---------------------------------------------------------------------------


def test_a_pass_needs_no_follow_up_plan():
    plan = follow_up_plan(COURSE, result(PASS), [], worst_everywhere())
    assert not plan.needed and plan.guidelines == []
    assert plan.lines("es")[-1].startswith("No hace falta seguimiento")


def test_the_plan_names_breached_guidelines_and_the_practice_not_done_yet():
    """Critical errors first; each guideline's practice scenarios train it; finished practice is left out."""
    graded = worst_everywhere()
    done = COURSE.scenarios["promise-not-to-tell"]
    practice = decisions(best_choices(done), done.id)
    plan = follow_up_plan(COURSE, result(FOLLOW_UP), practice, graded)
    assert plan.needed and plan.guidelines
    first = plan.guidelines[0]
    assert first.critical > 0, "a guideline with a critical error comes first"
    for item in plan.guidelines:
        assert item.breached or item.critical or item.missed
        assert all(s.use == "practice" and trains(s, item.guideline.id) for s in (*item.to_do, *item.done))
        assert done not in item.to_do
    safeguarding = next(i for i in plan.guidelines if i.guideline.id == "safeguarding")
    assert done in safeguarding.done, "the practice the trainee finished is listed as done, not to do"
    text = "\n".join(plan.lines("es"))
    assert f"Norma {first.guideline.number}: {first.guideline.title.es}" in text
    assert "Practica: «" in text
    assert plan.scenarios and all(s.id != done.id for s in plan.scenarios)


def test_without_the_log_the_plan_uses_the_results_breached_guidelines():
    r = result(FOLLOW_UP)
    r.breached = ["mute", "respect"]
    plan = follow_up_plan(COURSE, r)
    assert [i.guideline.id for i in plan.guidelines] == ["respect", "mute"]  # in PACT's order when counts tie


# --- item analysis and branch maps -----------------------------------------------------------------


def test_item_analysis_flags_popular_wrong_rare_best_and_unused_options():
    scenario = INDUCTION[0]
    logs = [decisions(worst_choices(scenario), scenario.id) for _ in range(4)]
    logs.append(decisions(best_choices(scenario), scenario.id))
    items = analyse(scenario, logs)
    start = next(i for i in items if i.step_id == scenario.start)
    assert start.reached == 5
    shares = {o.option.id: o for o in start.options}
    worst, best = worst_choices(scenario)[0][1], best_choices(scenario)[0][1]
    assert shares[worst].share == pytest.approx(0.8) and "wrong-popular" in shares[worst].flags
    assert shares[best].share == pytest.approx(0.2) and "best-rare" not in shares[best].flags
    unused = [o for o in start.options if o.chosen == 0]
    assert unused and all("unused" in o.flags for o in unused)
    never = [i for i in items if i.reached == 0]
    assert all(not i.flags for i in never), "a step nobody reached raises no flag"


def test_branch_map_marks_best_path_and_critical_options_with_counts():
    from pact_course.reports.branch_map import svg

    scenario = next(s for s in INDUCTION if any(o.critical for st in s.steps.values() for o in st.options))
    counts = Counter({(scenario.start, best_choices(scenario)[0][1]): 3})
    text = html.unescape(svg(scenario, "en", counts))  # Graphviz writes "-" as "&#45;"
    assert text.lstrip().startswith("<?xml") and "<svg" in text
    assert "[best]" in text and "CRITICAL" in text
    assert "3 of 3" in text
    for step_id in scenario.steps:
        assert step_id in text


def test_map_command_writes_an_svg_for_authors(tmp_path):
    out = tmp_path / "crying-baby.svg"
    proc = subprocess.run(
        [str(Path(REPO / ".venv/bin/pact-course")), "--root", str(REPO), "map", "crying-baby", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "<svg" in out.read_text(encoding="utf-8")
    bad = subprocess.run(
        [str(Path(REPO / ".venv/bin/pact-course")), "--root", str(REPO), "map", "no-such-scenario"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert bad.returncode == 1 and "no scenario 'no-such-scenario'" in bad.stderr


# --- xAPI rules -------------------------------------------------------------------------------------

GOOD = {
    "id": "0b0e5a5e-2f7c-5c1a-9d7e-3b1f2a4c5d6e",
    "actor": {"objectType": "Agent", "name": "Ana", "account": {"homePage": "https://x.example/", "name": "ana"}},
    "verb": {"id": "http://adlnet.gov/expapi/verbs/passed", "display": {"en-GB": "passed"}},
    "object": {"objectType": "Activity", "id": "https://x.example/a"},
    "result": {"score": {"scaled": 0.9, "raw": 9, "min": 0, "max": 10}, "success": True},
    "timestamp": "2026-12-01T10:00:00Z",
}


@pytest.mark.parametrize(
    "change",
    [
        {"result": {"score": {"scaled": 3}}},
        {"verb": {"id": "passed"}},
        {"actor": {"name": "Ana"}},
        {"timestamp": "yesterday"},
        {"id": "not-a-uuid"},
        {"result": {"score": {"raw": 12, "min": 0, "max": 10}}},
        {"bogus": 1},
    ],
)
def test_the_xapi_rules_refuse_a_broken_statement(change):
    assert problems(json.dumps(GOOD)) == []
    assert problems(json.dumps({**GOOD, **change}))


# --- certificates -----------------------------------------------------------------------------------


def test_a_spanish_certificate_prints_accents(tmp_path):
    from pact_course.reports.certificates import Certificate, write

    path = write(
        Certificate(
            "ana", "Ana María Núñez", "es", ASSIGNMENT, date(2026, 12, 2), 36, 39, tuple(COURSE.guidelines[:3])
        ),
        tmp_path,
    )
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Ana María Núñez" in text and "Inducción" in text and "2 de diciembre de 2026" in text
    assert f"Norma 1: {COURSE.guidelines[0].title.es}" in text


# --- the whole report on a graded cohort ------------------------------------------------------------


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    course = graded_cohort(tmp_path_factory.mktemp("report"))
    proc = course.pact("report", ASSIGNMENT)
    assert "Report:" in proc.stdout
    return course, course.root / "reports" / ASSIGNMENT


@pytest.mark.slow
def test_every_trainee_is_in_the_page_and_it_is_self_contained(report):
    _course, folder = report
    page = (folder / "index.html").read_text(encoding="utf-8")
    for m in COHORT:
        assert f'id="trainee-{m.id}"' in page and m.name in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page), "nothing is fetched from the network"
    assert page.count('src="data:image/png;base64,') >= 2 and "<svg" in page
    assert "Item analysis" in page and "⚑" in page


@pytest.mark.slow
def test_each_follow_up_trainee_has_a_plan_naming_practice_they_have_not_done(report):
    _course, folder = report
    page = (folder / "index.html").read_text(encoding="utf-8")
    practice_titles = {s.title.en: s.id for s in COURSE.practice()}
    for m in COHORT:
        if m.plan != "worst":
            assert f'id="plan-{m.id}-en"' not in page
            continue
        block = page.split(f'id="plan-{m.id}-en"', 1)[1].split("</div>", 1)[0]
        named = {sid for title, sid in practice_titles.items() if title in block}
        assert named, f"{m.id}: the plan names no practice scenario"
        practise_lines = re.findall(r"<li>Practise: (.*?)</li>", block)
        assert practise_lines
        for done in m.practised:
            title = COURSE.scenarios[done].title.en
            assert not any(title in line for line in practise_lines), f"{m.id} already did {done}"


@pytest.mark.slow
def test_certificates_exactly_for_passing_trainees(report):
    _course, folder = report
    with open(folder / "results.csv", newline="", encoding="utf-8") as fh:
        rows = {r["trainee"]: r for r in csv.DictReader(fh)}
    passing = {t for t, r in rows.items() if r["status"] == PASS}
    assert passing == {m.id for m in COHORT if m.submits and m.plan == "best"}
    assert {p.stem for p in (folder / "certificates").glob("*.pdf")} == passing
    for trainee in passing:
        m = next(m for m in COHORT if m.id == trainee)
        text = subprocess.run(
            ["pdftotext", str(folder / "certificates" / f"{trainee}.pdf"), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert m.name in text
        assert ("Certificado" if m.lang == "es" else "Certificate") in text


@pytest.mark.slow
def test_results_csv_names_guidelines_by_number_and_title(report):
    _course, folder = report
    with open(folder / "results.csv", newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        header, rows = reader.fieldnames or [], list(reader)
    g = COURSE.guidelines[8]
    assert f"{g.number} {g.title.en} (went against)" in header
    ben = next(r for r in rows if r["trainee"] == "ben")
    assert f"{g.number} {g.title.en}" in ben["guidelines went against"]
    named = {f"{x.number} {x.title.en}" for x in COURSE.guidelines}
    assert set(ben["guidelines went against"].split(" | ")) <= named, "every guideline by number and title, no slug"


@pytest.mark.slow
def test_every_xapi_line_is_a_valid_statement(report):
    from tincan import Statement

    _course, folder = report
    lines = (folder / "xapi.jsonl").read_text(encoding="utf-8").splitlines()
    assert lines
    verbs: Counter[str] = Counter()
    for line in lines:
        assert problems(line) == [], line
        statement = Statement.from_json(line)
        verbs[statement.verb.id.rsplit("/", 1)[-1]] += 1
    graded = [m for m in COHORT if m.submits]
    assert verbs["passed"] + verbs["failed"] == len(graded)
    assert verbs["passed"] == sum(1 for m in graded if m.plan == "best")
    expected = sum(len(best_choices(s) if m.plan == "best" else worst_choices(s)) for m in graded for s in INDUCTION)
    assert verbs["answered"] == expected, "one statement per graded decision"
