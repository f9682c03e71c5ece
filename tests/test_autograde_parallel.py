"""`pact-course autograde`: a cohort graded in parallel equals nbgrader's own serial autograde, score by score."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from conftest import DATA, REPO
from pact_course.engine.content import load_scenario_files
from pact_course.engine.scoring import best_path, max_score
from test_build import copy_course, env, pact

pytestmark = pytest.mark.slow
BIN = Path(sys.executable).parent
ASSIGNMENT = "induction"


def tea_break():
    (scenario,), problems = load_scenario_files([DATA / "tea-break.yaml"], REPO / "content" / "guidelines.yaml")
    assert not problems
    return scenario


def submit(root: Path, student: str, decisions: list[dict] | None, notebook_text: str | None = None) -> None:
    folder = root / "submitted" / student / ASSIGNMENT
    shutil.copytree(root / "release" / ASSIGNMENT, folder)
    (folder / "timestamp.txt").write_text("2026-11-25 10:00:00.000000 UTC")
    if decisions is not None:
        (folder / "decisions.json").write_text(json.dumps({"format": 1, "decisions": decisions}))
    if notebook_text is not None:
        (folder / f"{ASSIGNMENT}.ipynb").write_text(notebook_text)


@pytest.fixture(scope="module")
def cohort(tmp_path_factory) -> tuple[Path, Path]:
    """Two identical copies of a built course with five submissions: full, worst, blank, Spanish and a broken file."""
    base = tmp_path_factory.mktemp("cohort")
    scenarios = base / "scenarios"
    scenarios.mkdir()
    shutil.copy(DATA / "tea-break.yaml", scenarios / "tea-break.yaml")
    a = copy_course(base / "serial", scenarios)
    assert pact(a, "build").returncode == 0
    s = tea_break()
    best = [{"scenario": s.id, "step": t.step_id, "option": t.option.id} for t in best_path(s)]
    submit(a, "full", best)
    submit(a, "worst", [{"scenario": s.id, "step": s.start, "option": "ignore"}])
    submit(a, "blank", None)
    submit(a, "spanish", [dict(best[0], lang="es")])
    submit(a, "broken", best, notebook_text="{ this is not a notebook")
    b = base / "parallel"
    shutil.copytree(a, b)
    for name in ("nbgrader_config.py",):
        assert (b / name).is_file()
    return a, b


def grades(root: Path) -> dict[tuple[str, str], tuple]:
    out = {}
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        for sub in gb.assignment_submissions(ASSIGNMENT):
            for nb in sub.notebooks:
                for g in nb.grades:
                    out[(sub.student.id, g.name)] = (g.auto_score, g.manual_score, g.needs_manual_grade)
    return out


def outputs(root: Path, student: str) -> list:
    nb = nbformat.read(root / "autograded" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    return [
        [o.get("text") or o.get("data", {}).get("text/plain") for o in c.get("outputs", [])]
        for c in nb.cells
        if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("grade")
    ]


@pytest.fixture(scope="module")
def graded(cohort):
    """The serial copy graded by `nbgrader autograde`, the parallel one by `pact-course autograde --jobs 2`."""
    a, b = cohort
    serial = subprocess.run(
        [str(BIN / "nbgrader"), "autograde", ASSIGNMENT],
        cwd=a,
        env=env(a / ".home"),
        capture_output=True,
        text=True,
        timeout=900,
    )
    parallel = subprocess.run(
        [str(BIN / "pact-course"), "autograde", ASSIGNMENT, "--jobs", "2"],
        cwd=b,
        env=env(b / ".home"),
        capture_output=True,
        text=True,
        timeout=900,
    )
    return serial, parallel


def test_parallel_and_serial_give_the_same_gradebook_and_outputs(cohort, graded):
    """Every trainee nbgrader grades gets the same scores, flags and grading output from both runs."""
    a, b = cohort
    ours, theirs = grades(b), grades(a)
    good = ["blank", "full", "spanish", "worst"]
    assert {k: v for k, v in theirs.items() if k[0] in good} == {k: v for k, v in ours.items() if k[0] in good}
    assert ours[("full", "tea-break")][0] == max_score(tea_break()) and ours[("worst", "tea-break")][0] == 0
    for student in good:
        assert outputs(a, student) == outputs(b, student)


def test_one_broken_submission_never_stops_the_others_and_is_named(graded):
    """The damaged notebook fails alone, in plain words, with exit code 1; the others are graded."""
    _serial, parallel = graded
    assert parallel.returncode == 1, parallel.stdout + parallel.stderr
    assert "Graded 4 trainee(s)" in parallel.stdout
    assert "broken: their notebook file is damaged" in parallel.stderr
    assert "Traceback" not in parallel.stderr and "SAWarning" not in parallel.stderr


def test_a_rerun_grades_only_the_unfinished(cohort, graded):
    """After an interrupted grading (a score missing), a rerun grades just that trainee and skips the rest."""
    _a, b = cohort
    with Gradebook(f"sqlite:///{b / 'gradebook.db'}") as gb:
        gb.find_grade("tea-break", ASSIGNMENT, ASSIGNMENT, "spanish").auto_score = None
        gb.db.commit()
    before = grades(b)
    again = subprocess.run(
        [str(BIN / "pact-course"), "autograde", ASSIGNMENT, "--jobs", "2"],
        cwd=b,
        env=env(b / ".home"),
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert "Graded 1 trainee(s); 3 already graded" in again.stdout, (
        again.stdout + again.stderr
    )  # spanish; broken fails again
    after = grades(b)
    assert after[("spanish", "tea-break")][0] is not None
    assert {k: v for k, v in after.items() if k[0] != "spanish"} == {
        k: v for k, v in before.items() if k[0] != "spanish"
    }
