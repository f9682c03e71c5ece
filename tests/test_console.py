"""The trainer console without a browser: its page notebook, where `make trainer` opens, what trainees never get."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from pact_course.console.status import NOT_SUBMITTED, trainees
from pact_course.console.views import trainee_table
from pact_course.deploy.trainer_lab import CONSOLE, CONSOLE_URL, FORMGRADER_FIT, command
from pact_course.deploy.workspace import prepare
from pact_course.grading.results import TraineeResult

REPO = Path(__file__).resolve().parents[1]


def test_the_console_page_is_one_code_cell_that_shows_the_console():
    nb = nbformat.read(REPO / CONSOLE, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert len(code) == 1 and "show()" in code[0].source
    assert all(not c.get("outputs") for c in code), "the committed page has no outputs (no personal data)"


def test_make_trainer_opens_the_console_with_the_formgrader_fitted_and_no_token_on_the_command_line(tmp_path):
    cmd = command(tmp_path, 8890, "127.0.0.1", no_browser=True)
    assert f"--ServerApp.default_url={CONSOLE_URL}" in cmd
    assert f"--ServerApp.jpserver_extensions={FORMGRADER_FIT}=True" in cmd
    assert not any("token" in part.lower() for part in cmd)


def test_trainees_never_get_the_console(course_dir, monkeypatch):
    shutil.copytree(REPO / "notebooks", course_dir / "notebooks")
    shutil.copytree(REPO / "trainer", course_dir / "trainer")
    monkeypatch.delenv("PACT_EXCHANGE", raising=False)
    ws = prepare(course_dir, trainee="amina")
    assert not [p for p in ws.path.rglob("*.ipynb") if p.name == Path(CONSOLE).name]


def test_roster_trainees_show_before_anyone_submits(course_dir, monkeypatch):
    from pact_course.engine.roster import upsert

    shutil.copy(REPO / "nbgrader_config.py", course_dir / "nbgrader_config.py")
    monkeypatch.setenv("PACT_GRADEBOOK_URL", f"sqlite:///{course_dir / 'no-gradebook-yet.db'}")
    monkeypatch.setenv("PACT_EXCHANGE", str(course_dir / "exchange"))
    upsert(course_dir, "ana", role="trainee", name="Ana Núñez")
    upsert(course_dir, "tom", role="trainer", name="Tom Trainer")
    rows = trainees(course_dir, "induction")
    assert [(r.id, r.name, r.status) for r in rows] == [("ana", "Ana Núñez", NOT_SUBMITTED)]
    table = trainee_table(rows, {"ana": TraineeResult("ana", "follow-up", score=3, maximum=9, critical=["a/b: c"])})
    assert "Ana Núñez" in table and "3 of 9" in table and "follow-up" in table


@pytest.mark.slow
def test_buttons_pressed_too_early_say_what_to_do_first(tmp_path, monkeypatch):
    """Collect before release, feedback and the report before grading: a sentence saying what comes first."""
    from lab import TrainerCourse
    from pact_course.console import cycle
    from pact_course.console.app import TrainerConsole

    course = TrainerCourse.copy_of_repo(tmp_path)
    for key, value in course.env().items():
        if key.startswith("PACT_") or key == "PATH":
            monkeypatch.setenv(key, value)
    assert "not been released yet" in cycle.collect(course.root, "induction").message
    assert "nobody is graded" in cycle.feedback(course.root, "induction").message
    console = TrainerConsole(course.root)
    console.report_button.click()
    assert "Nothing to report yet" in console.report.value
    console.buttons["release"].click()
    assert "Released" in console.message.value
    console.buttons["grade"].click()
    assert "Nothing to grade" in console.message.value
