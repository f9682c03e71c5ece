"""Written answers reach the gradebook from answers.json, and generate_feedback makes the course's own page."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from conftest import DATA, REPO
from pact_course.engine.answers import ANSWERS_NAME, save_answer
from pact_course.engine.content import load_course
from pact_course.engine.decisions import Decision, append_decision

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]

ASSIGNMENT, COURSE_ID = "induction", "pact-facilitator"
BIN = Path(sys.executable).parent
PRACTICE = "promise-not-to-tell"  # a practice scenario that trains the safeguarding guideline


@dataclass
class Trainee:
    id: str
    lang: str
    choices: list[tuple[str, str]]
    answers: dict[str, str]


TRAINEES = [
    Trainee(
        "amara",
        "en",
        [("ask", "listen"), ("follow", "report"), ("wrap", "thank")],
        {"reflection-words": "I would say: welcome, Amara.", "reflection-guideline": "Guideline 9, because..."},
    ),
    Trainee("bea", "es", [("ask", "listen"), ("follow", "promise")], {"reflection-words": "Le diría: gracias."}),
]


def run(command: list[str], cwd: Path, home: Path, exchange: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PACT_", "JUPYTER_", "NBGRADER_"))}
    env.update(HOME=str(home), PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}", PACT_EXCHANGE=str(exchange))
    proc = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, f"{' '.join(command)}:\n{proc.stdout}\n{proc.stderr}"
    return proc


@pytest.fixture(scope="module")
def cycle(tmp_path_factory):
    """Build and release the tea break; each trainee answers in the page's files (decisions.json, answers.json,
    practice.json), submits, and the trainer collects, autogrades, marks amara's answers and generates feedback."""
    base = tmp_path_factory.mktemp("feedback")
    root, exchange = base / "course", base / "exchange"
    (root / "content" / "scenarios").mkdir(parents=True)
    shutil.copy(REPO / "content" / "guidelines.yaml", root / "content" / "guidelines.yaml")
    shutil.copy(DATA / "tea-break.yaml", root / "content" / "scenarios" / "tea-break.yaml")
    shutil.copy(REPO / "content" / "scenarios" / f"{PRACTICE}.yaml", root / "content" / "scenarios")
    shutil.copy(REPO / "nbgrader_config.py", root / "nbgrader_config.py")
    trainer = root / ".trainer-home"
    run([str(BIN / "pact-course"), "--root", str(root), "build"], root, trainer, exchange)
    run([str(BIN / "nbgrader"), "release_assignment", ASSIGNMENT], root, trainer, exchange)
    for t in TRAINEES:
        ws = base / "trainees" / t.id
        (ws / "home").mkdir(parents=True)
        (ws / "nbgrader_config.py").write_text(
            f"c = get_config()\nc.CourseDirectory.course_id = {COURSE_ID!r}\n"
            f"c.Exchange.root = {str(exchange)!r}\nc.CourseDirectory.student_id = {t.id!r}\n"
        )
        run([str(BIN / "nbgrader"), "fetch_assignment", ASSIGNMENT, "--course", COURSE_ID], ws, ws / "home", exchange)
        folder = ws / ASSIGNMENT
        for step, option in t.choices:
            append_decision(folder / "decisions.json", Decision("tea-break", step, option, lang=t.lang))
        for item, text in t.answers.items():
            save_answer(folder / ANSWERS_NAME, item, text, t.lang)
        (folder / "practice.json").write_text(json.dumps({"format": 1, "decisions": []}))
        run([str(BIN / "nbgrader"), "submit", ASSIGNMENT, "--course", COURSE_ID], ws, ws / "home", exchange)
    run([str(BIN / "nbgrader"), "collect", ASSIGNMENT], root, trainer, exchange)
    run([str(BIN / "nbgrader"), "autograde", ASSIGNMENT], root, trainer, exchange)
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}", COURSE_ID) as gb:
        for item, score in (("reflection-words", 3), ("reflection-guideline", 2)):
            gb.find_grade(item, ASSIGNMENT, ASSIGNMENT, "amara").manual_score = score
        gb.find_comment("reflection-words", ASSIGNMENT, ASSIGNMENT, "amara").manual_comment = "Warm and clear."
        gb.db.commit()
    run([str(BIN / "nbgrader"), "generate_feedback", ASSIGNMENT], root, trainer, exchange)
    return root


def page_of(root: Path, trainee: str) -> str:
    return (root / "feedback" / trainee / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text(encoding="utf-8")


def words(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page.split("<body>", 1)[1])).split())


def test_the_text_typed_into_the_page_is_what_the_trainer_marks(cycle):
    """Each answer cell of the autograded notebook (what the formgrader shows the trainer) holds the typed text;
    an item left blank keeps nbgrader's stub."""
    for t in TRAINEES:
        nb = nbformat.read(str(cycle / "autograded" / t.id / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"), as_version=4)
        cells = {c.metadata["nbgrader"]["grade_id"]: c.source for c in nb.cells if c.metadata["nbgrader"]["solution"]}
        for item, source in cells.items():
            assert source == t.answers.get(item, source), (t.id, item)
        assert cells["reflection-words"] == t.answers["reflection-words"]


def test_the_feedback_page_gives_the_verdict_and_why(cycle):
    """A pass says so with the score and share needed; a critical error means follow-up, in the trainee's language."""
    amara, bea = words(page_of(cycle, "amara")), words(page_of(cycle, "bea"))
    assert "Your feedback: Induction" in amara and "Your result: ✓ Passed" in amara
    assert "You scored 8 of 8 points in the scenarios (100%); 80% is needed to pass." in amara
    assert "You made no critical error." in amara
    assert "Tus comentarios: Inducción" in bea and "Tu resultado: Necesita seguimiento" in bea
    assert "Una de tus decisiones fue un error grave" in bea


def test_each_scenario_is_told_as_the_trainees_choices_with_their_feedback(cycle):
    """Each choice: the step, "You chose", how good it was in words, its points and feedback, and the guidelines."""
    amara, bea = words(page_of(cycle, "amara")), words(page_of(cycle, "bea"))
    assert "Step 1: What do you do? You chose: “Listen and answer” Good choice · +3 points Good listening." in amara
    assert "Upholds: Guideline 2" in amara and "Score: 8 out of 8" in amara
    assert "Elegiste: «Prometes guardar el secreto» Error grave · -3 puntos Nunca prometas guardar un secreto." in bea
    assert "ERROR GRAVE" in bea


def test_a_follow_up_names_the_guidelines_to_work_on_and_the_practice_that_trains_them(cycle):
    """The follow-up plan names the guideline and the practice scenario not done yet; a pass needs none."""
    bea, amara = words(page_of(cycle, "bea")), words(page_of(cycle, "amara"))
    assert "Normas para trabajar" in bea and "Norma 9" in bea
    title = load_course(cycle).scenarios[PRACTICE].title
    assert f"Practícala con: {title.es}" in bea
    assert "Nothing in particular" in amara


def test_written_answers_show_with_their_marks_and_the_trainers_comment(cycle):
    """What the trainee wrote, the mark (or "not marked yet") and the trainer's comment, never nbgrader's stub."""
    amara, bea = words(page_of(cycle, "amara")), words(page_of(cycle, "bea"))
    assert "What you wrote: I would say: welcome, Amara. Mark: 3 out of 3" in amara
    assert "Your trainer's comment: Warm and clear." in amara
    assert "Le diría: gracias." in bea and "Todavía sin corregir" in bea and "No escribiste ninguna respuesta." in bea
    assert "Write your answer here" not in bea and "No response." not in bea


def test_the_feedback_page_has_no_code_no_key_and_reads_on_a_phone(cycle):
    """No code, cell prompts, "Test cell" or hidden tests on the page; it is one self-contained document for any
    screen width."""
    for t in TRAINEES:
        page = page_of(cycle, t.id)
        for jupyter in ("In [", "Out[", "Test cell", "import ", "grade(", "HIDDEN TESTS", "Traceback", "<script"):
            assert jupyter not in page, (t.id, jupyter)
        for key in ('"points"', '"critical"', '"upholds"', '"breaches"', '"feedback"'):
            assert key not in page, (t.id, key)
        assert re.search(r'<meta (?=[^>]*name="viewport")(?=[^>]*content="width=device-width, initial-scale=1")', page)
        assert f'<html lang="{t.lang}">' in page and "http" not in page.split("<body>", 1)[1]


def test_the_formgraders_generate_feedback_makes_the_course_page_too(cycle):
    """nbgrader's own API (the formgrader's Generate Feedback button, which insists on a template named
    'feedback') makes the same course page, not nbgrader's default."""
    import os

    from nbgrader.apps.api import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    page = cycle / "feedback" / "amara" / ASSIGNMENT / f"{ASSIGNMENT}.html"
    page.unlink()
    config = PyFileConfigLoader("nbgrader_config.py", path=str(cycle)).load_config()
    config.CourseDirectory.root = str(cycle)
    previous = os.getcwd()
    os.chdir(cycle)
    try:
        api = NbGraderAPI(CourseDirectory(config=config), config=config)
        result = api.generate_feedback(ASSIGNMENT, "amara")
    finally:
        os.chdir(previous)
    assert result["success"], result.get("log") or result.get("error")
    text = words(page.read_text(encoding="utf-8"))
    assert "Your feedback: Induction" in text and "Your result: ✓ Passed" in text
    assert "Test cell" not in text and "In [" not in text


def test_a_written_answer_marked_unsafe_makes_the_result_follow_up(cycle):
    """The safety gate: a 0 on a safety rubric turns a full-score pass into follow-up in results and on the page."""
    from nbgrader.api import Gradebook

    from pact_course.grading.results import FOLLOW_UP, PASS, TraineeResult, results

    def amara() -> TraineeResult:
        rows, _scenarios, _free = results(cycle, ASSIGNMENT, 0.8)
        return next(r for r in rows if r.trainee == "amara")

    assert amara().status == PASS
    url = f"sqlite:///{cycle / 'gradebook.db'}"
    with Gradebook(url, COURSE_ID) as gb:
        gb.find_grade("reflection-words", ASSIGNMENT, ASSIGNMENT, "amara").manual_score = 0
        gb.db.commit()
    try:
        row = amara()
        assert row.status == FOLLOW_UP and row.unsafe == ["reflection-words"] and "unsafe" in row.note
        assert row.score == row.maximum and not row.critical  # only the written answer stops the pass
        exchange = cycle.parent / "exchange"
        trainer = cycle / ".trainer-home"
        run([str(BIN / "nbgrader"), "generate_feedback", ASSIGNMENT, "--force"], cycle, trainer, exchange)
        text = words(page_of(cycle, "amara"))
        assert "Your result: Follow-up needed" in text and "marked one of your written answers as unsafe" in text
    finally:
        with Gradebook(url, COURSE_ID) as gb:
            gb.find_grade("reflection-words", ASSIGNMENT, ASSIGNMENT, "amara").manual_score = 3
            gb.db.commit()
