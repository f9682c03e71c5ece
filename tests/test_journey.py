"""The whole trainee and trainer journey in JupyterLab in Chromium: start, take (mouse in English, keyboard in
Spanish), write, close without saving, submit, grade, mark, read the feedback page, and come back after a restart."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import expect

from course_pages import (
    WIDGET_ERRORS,
    TraineeServer,
    current_page,
    jupyter_visible,
    normalised,
    open_lab,
    serious_axe_violations,
    standalone,
    tab_to,
    whole_page_shot,
)
from lab import COURSE_ID, TrainerCourse
from pact_course.engine.answers import read_answers
from pact_course.engine.content import load_course
from pact_course.engine.decisions import Decision, read_log
from pact_course.engine.scoring import replay

pytestmark = [pytest.mark.slow, pytest.mark.browser]

ASSIGNMENT = "induction"
PAGE = f"{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
ITEMS = ("reflection-words", "reflection-guideline")


@dataclass
class Trainee:
    """One trainee's run through the journey, and what they clicked and typed."""

    id: str
    lang: str
    offset: int  # which option to pick: (offset + scenario index + step number) modulo the options
    answers: list[str]
    keyboard: bool  # plays the first scenario and submits with the keyboard alone
    server: TraineeServer | None = None
    clicked: list[Decision] = field(default_factory=list)

    @property
    def folder(self) -> Path:
        assert self.server is not None
        return self.server.workspace / ASSIGNMENT


TRAINEES = {
    "en": Trainee(
        "trainee-en",
        "en",
        0,
        [
            "I would say: thank you for being here, Amara. Come and go as you need; we are glad you joined.",
            "Guideline 8 felt hardest: I will name the behaviour calmly and speak to the parent privately first.",
        ],
        keyboard=False,
    ),
    "es": Trainee(
        "trainee-es",
        "es",
        1,
        [
            "Le diría: gracias por estar aquí, puedes entrar y salir cuando lo necesites; nos alegra que vengas.",
            "La norma 9 me pareció la más difícil: avisaré a la persona Responsable de Salvaguarda ese mismo día.",
        ],
        keyboard=True,
    ),
}


@pytest.fixture(scope="module")
def trainer(tmp_path_factory):
    """The trainer's temporary copy of the course: induction built and released, own exchange and gradebook."""
    course = TrainerCourse.copy_of_repo(tmp_path_factory.mktemp("journey"))
    course.pact("build", ASSIGNMENT)
    course.nbgrader("release_assignment", ASSIGNMENT)
    return course


@pytest.fixture(scope="module")
def scenarios(trainer):
    found = load_course(trainer.root).assessment(ASSIGNMENT)
    assert found, "the course has no induction scenarios"
    return found


@pytest.fixture(scope="module")
def labs(trainer):
    """Each trainee's own JupyterLab (`pact-course course`), workspace, HOME and student id."""
    base = trainer.root.parent / "trainees"
    try:
        for t in TRAINEES.values():
            t.server = TraineeServer(trainer, t.id, base)
        yield TRAINEES
    finally:
        for t in TRAINEES.values():
            if t.server is not None:
                t.server.stop()


# --- what a trainee does in the page ---------------------------------------------------------------


def shot(page, trainee: Trainee, name: str, folder: Path) -> None:
    page.screenshot(path=str(folder / f"journey-{trainee.lang}-{name}.png"))


def press(page, frame, selector: str, trainee: Trainee, by_keyboard: bool) -> None:
    """Press a button of the page, with the mouse or with Tab and Enter only."""
    if by_keyboard:
        tab_to(page, frame, selector)
        page.keyboard.press("Enter")
    else:
        frame.locator(selector).first.click()


def answer_scenario(page, frame, scenario, index: int, trainee: Trainee, by_keyboard: bool) -> None:
    """Pick an option and confirm it at every step, as the assessment player asks, until the end."""
    button = f"#pact-scenario-{scenario.id} >> xpath=ancestor::div[contains(@class,'pact-player')][1]"
    scope = frame.locator(button)  # this scenario's player
    step_id, n = scenario.start, 0
    while step_id is not None:
        n += 1
        step = scenario.steps[step_id]
        option = step.options[(trainee.offset + index + n) % len(step.options)]
        scope.locator(".pact-prompt").filter(has_text=step.prompt.get(trainee.lang)[:40]).wait_for()
        chosen = scope.locator(f"button.pact-option-{option.id}")
        assert normalised(chosen.text_content()) == normalised(option.text.get(trainee.lang))
        if by_keyboard:
            tab_to(page, frame, f"{button} >> button.pact-option-{option.id}")
            page.keyboard.press("Enter")
            scope.locator(f"button.pact-option-{option.id}.pact-selected").wait_for()
            tab_to(page, frame, f"{button} >> button.pact-confirm")
            page.keyboard.press("Enter")
        else:
            chosen.click()
            scope.locator(f"button.pact-option-{option.id}.pact-selected").wait_for()
            scope.locator("button.pact-confirm").click()
        done = scope.locator(".widget-html.pact-done")
        done.nth(n - 1).wait_for()
        assert normalised(option.text.get(trainee.lang)) in normalised(done.nth(n - 1).text_content())
        trainee.clicked.append(Decision(scenario.id, step_id, option.id))
        step_id = option.next
    scope.locator(".pact-recorded").wait_for()


def type_answer(page, frame, item: str, text: str, saved_in: Path) -> None:
    """Type into a written answer's box, key by key, as a trainee does (each key is saved at once)."""
    box = frame.locator(f".pact-answer-{item} textarea")
    box.scroll_into_view_if_needed()
    box.click()
    box.press_sequentially(text, delay=5)
    for _ in range(240):  # the last key reaches the kernel, which saves it: as fast as a trainee lifts a finger
        if read_answers(saved_in).text(item) == text:
            return
        page.wait_for_timeout(250)
    raise AssertionError(f"{item}: what was typed is not in answers.json: {read_answers(saved_in).text(item)!r}")


def open_assessment(browser, trainee: Trainee, how: str):
    """Open the assessment page: from the course's home (Start, then its link), or from nbgrader's panel."""
    assert trainee.server is not None
    page = open_lab(browser, trainee.server.lab, "00-welcome.ipynb")
    home = current_page(page, ".pact-home")
    if trainee.lang == "es" and not home.get_by_label("Español").is_checked():
        home.get_by_label("Español").check()  # kept in the workspace: every page opens in Spanish from now on
        home.get_by_text("Te damos la bienvenida").wait_for()
    if how == "home":
        start = home.locator("button.pact-start")
        if start.count():
            start.click()
        home.locator(f'a.pact-page-link[data-path="{PAGE}"]').click()
    else:  # nbgrader's Assignments panel: Fetch, then the notebook's link
        page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Nbgrader$")).click()
        page.locator(".lm-Menu-item[data-command='nbgrader:open-assignment-list']").click()
        listed = "#released_assignments_list .list_item, #fetched_assignments_list .list_item"
        page.locator(listed, has_text=ASSIGNMENT).first.wait_for()  # the panel has read the exchange
        released = page.locator("#released_assignments_list .list_item", has_text=ASSIGNMENT)
        if released.count():
            released.locator("button", has_text="Fetch").click()
        notebooks = page.locator(f"#nbgrader-{COURSE_ID}-{ASSIGNMENT}")
        if not notebooks.is_visible():
            page.locator("#fetched_assignments_list a.assignment-notebooks-link", has_text=ASSIGNMENT).click()
        expect(page.locator("#fetched_assignments_list button").filter(visible=True)).to_have_count(0)
        notebooks.locator(".nested_list_item a", has_text=ASSIGNMENT).click()
    page.locator(".lm-TabBar-tab.jp-mod-current", has_text=f"{ASSIGNMENT}.ipynb").wait_for()
    return page, current_page(page, ".pact-assessment-intro")


def take_assessment(browser, trainer, scenarios, trainee: Trainee, folder: Path) -> None:
    page = None
    try:
        page, frame = open_assessment(browser, trainee, "panel" if trainee.keyboard else "home")
        _answer_and_write(page, frame, scenarios, trainee, folder)
    except Exception:
        for p in browser.contexts[-1].pages if browser.contexts else []:
            p.screenshot(path=str(folder / f"journey-{trainee.lang}-failed-{len(p.url)}.png"))
        raise
    finally:
        if page is not None:
            page.close()  # the tab is closed: nothing was ever saved by hand
    _reopen_and_submit(browser, trainer, scenarios, trainee, folder)


def _answer_and_write(page, frame, scenarios, trainee: Trainee, folder: Path) -> None:
    if True:
        assert jupyter_visible(page) == [] and jupyter_visible(frame) == []
        assert page.locator(".jp-Dialog").count() == 0
        title = "Evaluación: Inducción" if trainee.lang == "es" else "Assessment: Induction"
        frame.get_by_role("heading", name=title).wait_for()
        assert frame.locator(".pact-language").filter(visible=True).count() == 1
        for s in scenarios:
            assert frame.locator(f"#pact-scenario-{s.id}").count() == 1, "one title per scenario"
        shot(page, trainee, "1-assessment-opened", folder)
        for i, scenario in enumerate(scenarios):
            answer_scenario(page, frame, scenario, i, trainee, by_keyboard=trainee.keyboard and i == 0)
        logged = read_log(trainee.folder / "decisions.json")
        assert [(d.scenario, d.step, d.option) for d in logged.decisions] == [
            (d.scenario, d.step, d.option) for d in trainee.clicked
        ], "every click is recorded once, in order"
        assert {d.lang for d in logged.decisions} == {trainee.lang}
        type_answer(page, frame, ITEMS[0], trainee.answers[0], trainee.folder / "answers.json")
        if trainee.keyboard:  # submitting with an answer missing asks first, in Spanish; keep working
            press(page, frame, "button.pact-submit", trainee, by_keyboard=True)
            frame.get_by_text("¿La entregas de todos modos?").wait_for()
            assert "Respuesta escrita 2" in frame.locator(".pact-submit-panel").inner_text()
            shot(page, trainee, "2-asked-first", folder)
            press(page, frame, "button.pact-keep-working", trainee, by_keyboard=True)
            frame.locator("button.pact-submit").wait_for()
        type_answer(page, frame, ITEMS[1], trainee.answers[1], trainee.folder / "answers.json")
        shot(page, trainee, "3-answered", folder)


def _reopen_and_submit(browser, trainer, scenarios, trainee: Trainee, folder: Path) -> None:
    saved = read_answers(trainee.folder / "answers.json")
    assert [saved.text(item) for item in ITEMS] == trainee.answers, "every key was saved as it was typed"

    page, frame = open_assessment(browser, trainee, "home")
    try:
        frame.get_by_text("parts done" if trainee.lang == "en" else "partes hechas").first.wait_for()
        progress = normalised(frame.locator(".pact-assessment-progress").inner_text())
        total = len(scenarios) + len(ITEMS)
        assert (f"{total} of {total} parts done" if trainee.lang == "en" else f"{total} de {total} partes") in progress
        for item, text in zip(ITEMS, trainee.answers, strict=True):
            assert frame.locator(f".pact-answer-{item} textarea").input_value() == text
        assert frame.locator("button.pact-option").count() == 0 and frame.locator("button.pact-confirm").count() == 0
        press(page, frame, "button.pact-submit", trainee, by_keyboard=trainee.keyboard)
        frame.get_by_text("Submitted on" if trainee.lang == "en" else "Entregada el").wait_for()
        shot(page, trainee, "4-submitted", folder)
    finally:
        page.close()
    inbound = trainer.exchange / COURSE_ID / "inbound"
    assert any(p.name.startswith(f"{trainee.id}+{ASSIGNMENT}+") for p in inbound.iterdir())


def test_trainer_releases_induction(trainer):
    """Releasing induction puts its notebook and scenarios.json in the exchange's outbound folder."""
    outbound = trainer.exchange / COURSE_ID / "outbound" / ASSIGNMENT
    assert (outbound / f"{ASSIGNMENT}.ipynb").is_file() and (outbound / "scenarios.json").is_file()
    assert not (trainer.root / "decisions.json").exists()


def test_english_trainee_takes_and_submits(browser, labs, trainer, scenarios, screenshots_dir):
    """In English, with the mouse: Start on the home page, answer, write both answers, close the tab unsaved,
    reopen (everything there) and submit."""
    take_assessment(browser, trainer, scenarios, labs["en"], screenshots_dir)


def test_spanish_trainee_takes_and_submits_with_the_keyboard(browser, labs, trainer, scenarios, screenshots_dir):
    """In Spanish, from nbgrader's Assignments panel: the first scenario and Submit with the keyboard alone; Submit
    with an answer missing asks first, in Spanish."""
    take_assessment(browser, trainer, scenarios, labs["es"], screenshots_dir)


def gradebook_scores(trainer, trainee: str) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(trainer.gradebook_url, COURSE_ID) as gb:
        submission = gb.find_submission(ASSIGNMENT, trainee)
        return {g.name: g.score for nb in submission.notebooks for g in nb.grades if g.cell_type == "code"}


def test_the_trainer_marks_exactly_what_was_typed(labs, trainer, scenarios):
    """Collect and autograde: the answer cells the trainer marks hold the typed text, and the scores are the
    engine's replay of exactly the choices clicked."""
    assert all(t.clicked for t in labs.values()), "both trainees took the assessment before grading"
    trainer.nbgrader("collect", ASSIGNMENT)
    trainer.nbgrader("autograde", ASSIGNMENT)
    from nbgrader.api import Gradebook

    for t in labs.values():
        graded = trainer.root / "autograded" / t.id / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
        nb = nbformat.read(str(graded), as_version=4)
        typed = {c.metadata["nbgrader"]["grade_id"]: c.source for c in nb.cells if c.metadata["nbgrader"]["solution"]}
        assert [typed[item] for item in ITEMS] == t.answers, t.id
        scores = gradebook_scores(trainer, t.id)
        for s in scenarios:
            assert scores[s.id] == pytest.approx(replay(s, [d for d in t.clicked if d.scenario == s.id]).score)
    with Gradebook(trainer.gradebook_url, COURSE_ID) as gb:
        for t in labs.values():
            for item in ITEMS:
                gb.find_grade(item, ASSIGNMENT, ASSIGNMENT, t.id).manual_score = 3
            comment = "Muy claro y cálido." if t.lang == "es" else "Clear and warm."
            gb.find_comment(ITEMS[0], ASSIGNMENT, ASSIGNMENT, t.id).manual_comment = comment
        gb.db.commit()
    trainer.nbgrader("generate_feedback", ASSIGNMENT)
    trainer.nbgrader("release_feedback", ASSIGNMENT)


def check_feedback_page(text: str, trainee: Trainee, scenarios) -> None:
    shown = normalised(text)
    verdict = ("Tu resultado:" if trainee.lang == "es" else "Your result:") in shown
    assert verdict, shown[:300]
    for d in trainee.clicked:
        option = next(s for s in scenarios if s.id == d.scenario).steps[d.step].option(d.option)
        assert (
            normalised(option.text.get(trainee.lang)) in shown
            and normalised(option.feedback.get(trainee.lang)) in shown
        )
    assert normalised(trainee.answers[0]) in shown
    for code in ("In [", "Out[", "Test cell", "import ", "HIDDEN TESTS", "Traceback"):
        assert code not in shown, code


def test_each_trainee_reads_their_feedback_page(browser, labs, trainer, scenarios, screenshots_dir):
    """English: one click on "(view feedback)" in nbgrader's Assignments panel opens the page; Spanish: the course's
    home page fetches it and links it. Verdict, choices, feedback, answers, no code; readable on a phone; axe."""
    en, es = labs["en"], labs["es"]
    assert en.server is not None and es.server is not None
    page = open_lab(browser, en.server.lab)
    try:
        page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Nbgrader$")).click()
        page.locator(".lm-Menu-item[data-command='nbgrader:open-assignment-list']").click()
        submitted = page.locator("#submitted_assignments_list")
        submitted.locator("button", has_text="Fetch Feedback").click()
        submitted.locator(".nested_list_item a", has_text="view feedback").click()  # the one click
        page.locator(".lm-TabBar-tab.jp-mod-current", has_text=f"{ASSIGNMENT}.html").wait_for()
        feedback = page.frame_locator(".jp-MainAreaWidget:not(.lm-mod-hidden) iframe").first
        feedback.locator("h1").wait_for()
        check_feedback_page(feedback.locator("body").inner_text(), en, scenarios)
        shot(page, en, "5-feedback-from-the-assignments-panel", screenshots_dir)
    finally:
        page.close()
    page = open_lab(browser, es.server.lab, "00-welcome.ipynb")
    try:
        home = current_page(page, ".pact-home")
        link = home.get_by_role("link", name="Lee tus comentarios")
        with page.context.expect_page() as opened:
            link.click()
        tab = opened.value
        tab.wait_for_load_state()
        check_feedback_page(tab.locator("body").inner_text(), es, scenarios)
        for size, label in (((1280, 900), "laptop"), ((390, 844), "phone")):
            tab.set_viewport_size({"width": size[0], "height": size[1]})
            assert tab.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")
            tab.screenshot(path=str(screenshots_dir / f"journey-es-6-feedback-page-{label}.png"), full_page=True)
        assert serious_axe_violations(tab) == []
        tab.close()
    finally:
        page.close()


def test_after_a_restart_the_assessment_page_shows_everything_done(browser, labs, scenarios, screenshots_dir):
    """The trainee's server is restarted: the assessment page opens with no widget error, every part done, the
    choices locked, the written answers there, the submission and the feedback; axe finds nothing serious."""
    trainee = labs["en"]
    assert trainee.server is not None
    lab = trainee.server.restart()
    page = open_lab(browser, lab, PAGE)
    try:
        frame = current_page(page, ".pact-assessment-intro")
        frame.get_by_text("Your feedback is ready.").wait_for()
        body = normalised(frame.locator("body").inner_text())
        assert not [e for e in WIDGET_ERRORS if e in body], body[:400]
        total = len(scenarios) + len(ITEMS)
        assert f"{total} of {total} parts done." in body and "You submitted this assessment on" in body
        assert frame.locator("button.pact-option").count() == 0
        assert frame.locator(f".pact-answer-{ITEMS[1]} textarea").input_value() == trainee.answers[1]
        shot(page, trainee, "7-after-restart", screenshots_dir)
    finally:
        page.close()
    alone = standalone(browser, lab, PAGE, part=".pact-submit-panel")
    try:
        assert jupyter_visible(alone) == [] and serious_axe_violations(alone) == []
        whole_page_shot(alone, screenshots_dir / "journey-en-8-assessment-page.png")
    finally:
        alone.close()


def test_both_trainees_appear_in_the_results_with_their_own_score(labs, trainer, scenarios):
    """`pact-course results` lists both trainees, with a total and per-scenario scores that match the engine."""
    out = trainer.root.parent / "results.csv"
    proc = trainer.pact("results", ASSIGNMENT, "--csv", str(out))
    with open(out, newline="", encoding="utf-8") as fh:
        rows = {row["trainee"]: row for row in csv.DictReader(fh)}
    assert set(rows) == {t.id for t in labs.values()}
    for t in labs.values():
        assert t.id in proc.stdout
        total = sum(replay(s, [d for d in t.clicked if d.scenario == s.id]).score for s in scenarios)
        assert float(rows[t.id]["score"]) == pytest.approx(total), (t.id, rows[t.id])
