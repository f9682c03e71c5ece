"""The whole trainee and trainer journey (release, take, submit, grade, feedback, results) in JupyterLab in Chromium."""

from __future__ import annotations

import csv
import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import nbformat
import pytest
from playwright.sync_api import expect

from conftest import free_port
from lab import COURSE_ID, Lab, TrainerCourse, course_labs, isolated_env
from pact_course.engine.content import load_course
from pact_course.engine.decisions import Decision, read_log
from pact_course.engine.scoring import replay

pytestmark = [pytest.mark.slow, pytest.mark.browser]

ASSIGNMENT = "induction"
STUB = "Write your answer here."
WAIT = 120_000  # ms: the longest any page state may take to appear on a slow 2-core machine


@dataclass
class Trainee:
    """One trainee's run through the journey, and what they clicked."""

    id: str
    lang: str
    offset: int  # which option to pick: (offset + scenario index + step number) modulo the options
    answers: list[str]
    lab: Lab | None = None
    clicked: list[Decision] = field(default_factory=list)

    def running_lab(self) -> Lab:
        """The trainee's JupyterLab, once the fixture has started it."""
        assert self.lab is not None, f"{self.id}'s JupyterLab is not running"
        return self.lab


TRAINEES = {
    "en": Trainee(
        "trainee-en",
        "en",
        0,
        [
            "I would say: thank you for being here, Amara. Come and go as you need; we are glad you joined.",
            "Guideline 8 felt hardest: I will name the behaviour calmly and speak to the parent privately first.",
        ],
    ),
    "es": Trainee(
        "trainee-es",
        "es",
        1,
        [
            "Le diría: gracias por estar aquí, puedes entrar y salir cuando lo necesites; nos alegra que vengas.",
            "La norma 9 me pareció la más difícil: hablaré con la responsable de protección el mismo día.",
        ],
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
    """The induction scenarios with their key, in the notebook's order (read from the trainer's copy)."""
    found = load_course(trainer.root).assessment(ASSIGNMENT)
    assert found, "the course has no induction scenarios"
    return found


@pytest.fixture(scope="module")
def labs(trainer):
    """Each trainee's JupyterLab, started at once with the product's command: own workspace, HOME and student id."""
    base = trainer.root.parent / "trainees"
    wanted = {
        t.id: (base / t.id, isolated_env(base / f"home-{t.id}", PACT_EXCHANGE=str(trainer.exchange)))
        for t in TRAINEES.values()
    }
    with course_labs(trainer.root, wanted, [free_port() for _ in wanted]) as running:
        for t in TRAINEES.values():
            t.lab = running[t.id]
        yield TRAINEES


# --- what a trainee does in the page --------------------------------------------------------------


def open_lab(browser, lab: Lab):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.set_default_timeout(WAIT)
    page.goto(lab.url_for("/lab?reset"))  # a clean layout: no tabs restored from an earlier page
    page.locator(".jp-DirListing-item").first.wait_for()
    return page


def open_assignments(page) -> None:
    """Nbgrader > Assignment List (the JupyterLab command nbgrader:open-assignment-list)."""
    tab = page.locator(".lm-TabBar-tab", has_text=re.compile(r"^Assignments$"))
    if tab.count():
        tab.first.click()
    else:
        page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Nbgrader$")).click()
        page.locator(".lm-Menu-item[data-command='nbgrader:open-assignment-list']").click()
    page.locator("#assignments #released_assignments_list").wait_for()


def open_fetched_notebook(page) -> None:
    open_assignments(page)
    link = page.locator("#fetched_assignments_list a.assignment-notebooks-link", has_text=ASSIGNMENT)
    notebooks = page.locator(f"#nbgrader-{COURSE_ID}-{ASSIGNMENT}")
    if not notebooks.is_visible():
        link.click()
    # trainees are not offered nbgrader's Validate (it would fail on correct work: the keys are hidden)
    expect(notebooks.locator("button", has_text="Validate")).to_be_hidden()
    notebooks.locator(".nested_list_item a", has_text=ASSIGNMENT).click()
    page.locator(".lm-TabBar-tab.jp-mod-current", has_text=f"{ASSIGNMENT}.ipynb").wait_for()
    # the kernel is up (Run All before that leaves every cell unrun): the status bar says "| Idle"
    page.locator("#jp-main-statusbar .jp-StatusBar-TextItem", has_text=re.compile(r"\(ipykernel\) \| Idle$")).wait_for()


def menu(page, title: str, command: str) -> None:
    """Click a JupyterLab menu bar item, then one of its commands."""
    page.locator(".lm-MenuBar-item", has_text=re.compile(rf"^{title}$")).click()
    page.locator(f".lm-Menu-item[data-command='{command}']").click()


def player_for(page, scenario):
    """The player of one scenario, found by its title (in either language)."""
    titles = {scenario.title.en, scenario.title.es}
    return page.locator(".pact-player").filter(
        has=page.locator(".pact-title h3").filter(has_text=re.compile("^(" + "|".join(map(re.escape, titles)) + ")$"))
    )


def answer_scenario(page, scenario, index: int, trainee: Trainee, shot) -> None:
    """Click an option and confirm it at every step, as the assessment player asks, until the end."""
    player = player_for(page, scenario)
    step_id, n = scenario.start, 0
    while step_id is not None:
        n += 1
        step = scenario.steps[step_id]
        option = step.options[(trainee.offset + index + n) % len(step.options)]
        prompt = step.prompt.get(trainee.lang)
        player.locator(".pact-prompt").filter(has_text=prompt[:40]).wait_for()
        button = player.locator(f"button.pact-option-{option.id}")
        button.scroll_into_view_if_needed()
        assert normalised(button.text_content()) == normalised(option.text.get(trainee.lang)), button.text_content()
        button.click()
        player.locator(f"button.pact-option-{option.id}.pact-selected").wait_for()
        player.locator("button.pact-confirm").click()
        # the choice is recorded for good: it shows among the done steps, marked "answer recorded"
        done = player.locator(".widget-html.pact-done")
        done.nth(n - 1).wait_for()
        assert normalised(option.text.get(trainee.lang)) in normalised(done.nth(n - 1).text_content())
        trainee.clicked.append(Decision(scenario.id, step_id, option.id))
        step_id = option.next
    player.locator(".pact-recorded").wait_for()
    player.scroll_into_view_if_needed()
    shot(f"answered-{index + 1}-{scenario.id}")


def answer_free_text(page, answers: list[str]) -> None:
    """Type an answer into each free-text (manually graded) cell and render it."""
    stubs = page.locator(".jp-MarkdownCell").filter(has_text=STUB)
    assert stubs.count() == len(answers), f"{stubs.count()} answer cells, {len(answers)} answers"
    for text in answers:
        cell = stubs.first
        cell.scroll_into_view_if_needed()
        cell.locator(".jp-RenderedMarkdown").dblclick()
        cell.locator(".cm-content").wait_for()
        cell.locator(".cm-content").click()
        page.keyboard.press("Control+A")
        page.keyboard.type(text)
        page.keyboard.press("Control+Enter")  # render in place (Shift+Enter on the last cell would add a cell)
        page.locator(".jp-MarkdownCell .jp-RenderedMarkdown").filter(has_text=text[:50]).wait_for()


def save(page) -> None:
    page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook").first.click(position={"x": 5, "y": 5})
    page.keyboard.press("Control+s")
    page.locator(".lm-TabBar-tab.jp-mod-current.jp-mod-dirty").wait_for(state="detached")


def failed(page, stem: Path) -> None:
    """On a failure: a screenshot and the text of every cell output, to look at afterwards."""
    page.screenshot(path=f"{stem}.png")
    outputs = page.evaluate("() => [...document.querySelectorAll('.jp-OutputArea-output')].map(e => e.textContent)")
    Path(f"{stem}.txt").write_text("\n-----\n".join(outputs), encoding="utf-8")


def normalised(text: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


# --- the journey --------------------------------------------------------------------------------


def take_assessment(browser, trainer, scenarios, trainee: Trainee, screenshots_dir: Path) -> None:
    lab = trainee.running_lab()
    page = open_lab(browser, lab)

    def shot(name: str) -> None:
        page.screenshot(path=str(screenshots_dir / f"journey-{trainee.lang}-{name}.png"))

    try:
        open_assignments(page)
        released = page.locator("#released_assignments_list .list_item", has_text=ASSIGNMENT)
        released.wait_for()
        shot("1-assignments-panel")
        released.locator("button", has_text="Fetch").click()
        page.locator("#fetched_assignments_list .list_item", has_text=ASSIGNMENT).first.wait_for()
        folder = lab.workspace / ASSIGNMENT
        assert (folder / f"{ASSIGNMENT}.ipynb").is_file() and (folder / "scenarios.json").is_file()
        shot("2-fetched")

        open_fetched_notebook(page)
        menu(page, "Run", "runmenu:run-all")
        page.locator(".pact-player button.pact-option").first.wait_for()
        expected_players = len(scenarios)
        page.wait_for_function("n => document.querySelectorAll('.pact-player').length >= n", arg=expected_players)
        if trainee.lang == "es":
            page.locator(".pact-language label", has_text="Español").first.click()
            page.wait_for_function(
                "t => [...document.querySelectorAll('.pact-title h3')].some(h => h.innerText.trim() === t)",
                arg=scenarios[0].title.es,
            )
        shot("3-notebook-run")

        for i, scenario in enumerate(scenarios):
            answer_scenario(page, scenario, i, trainee, shot)
        logged = read_log(folder / "decisions.json")
        assert logged.problem is None
        assert [(d.scenario, d.step, d.option) for d in logged.decisions] == [
            (d.scenario, d.step, d.option) for d in trainee.clicked
        ], "every click is recorded once, in order"
        assert {d.lang for d in logged.decisions} == {trainee.lang}

        answer_free_text(page, trainee.answers)
        save(page)
        saved = nbformat.read(str(folder / f"{ASSIGNMENT}.ipynb"), as_version=4)
        sources = [c.source for c in saved.cells if c.metadata.get("nbgrader", {}).get("solution")]
        assert [s.strip() for s in sources] == trainee.answers
        shot("4-answered-and-saved")

        open_assignments(page)
        page.locator("#fetched_assignments_list .list_item", has_text=ASSIGNMENT).locator(
            "button", has_text="Submit"
        ).first.click()
        page.locator("#submitted_assignments_list .list_item", has_text=ASSIGNMENT).first.wait_for()
        inbound = trainer.exchange / COURSE_ID / "inbound"
        assert any(p.name.startswith(f"{trainee.id}+{ASSIGNMENT}+") for p in inbound.iterdir())
        shot("5-submitted")

        # Re-open the notebook and run it again in a fresh kernel: the choices show, locked.
        page.locator(".lm-TabBar-tab", has_text=f"{ASSIGNMENT}.ipynb").click()
        menu(page, "File", "filemenu:close-and-cleanup")
        page.locator(".jp-Dialog .jp-mod-accept").click()
        page.locator(".lm-TabBar-tab", has_text=f"{ASSIGNMENT}.ipynb").wait_for(state="detached")
        open_fetched_notebook(page)
        assert page.locator(".pact-player").count() == 0, "a new kernel: no player before the cells run"
        menu(page, "Run", "runmenu:run-all")
        page.wait_for_function(
            "n => document.querySelectorAll('.pact-player .pact-recorded').length >= n", arg=expected_players
        )
        assert page.locator(".pact-player button.pact-option").count() == 0, "no choice can be changed"
        assert page.locator(".pact-player button.pact-confirm").count() == 0
        for scenario in scenarios:
            mine = [d for d in trainee.clicked if d.scenario == scenario.id]
            shown = player_for(page, scenario).locator(".widget-html.pact-done")
            assert shown.count() == len(mine)
            for n, d in enumerate(mine):
                text = scenario.steps[d.step].option(d.option).text
                assert normalised(text.en) in normalised(shown.nth(n).text_content()) or normalised(
                    text.es
                ) in normalised(shown.nth(n).text_content())
        first = player_for(page, scenarios[0]).locator(".pact-title")
        first.scroll_into_view_if_needed()
        first.wait_for(state="visible")
        shot("6-reopened-locked")
        assert len(read_log(folder / "decisions.json").decisions) == len(trainee.clicked), "re-running wrote nothing"
    except Exception:
        failed(page, screenshots_dir / f"journey-{trainee.lang}-failed")
        raise
    finally:
        page.close()


def test_trainer_releases_induction(trainer):
    """Releasing induction puts its notebook and scenarios.json in the exchange's outbound folder, and no decision log
    in the course root."""
    outbound = trainer.exchange / COURSE_ID / "outbound" / ASSIGNMENT
    assert (outbound / f"{ASSIGNMENT}.ipynb").is_file()
    assert (outbound / "scenarios.json").is_file()
    assert not (trainer.root / "decisions.json").exists()


def test_english_trainee_takes_and_submits(browser, labs, trainer, scenarios, screenshots_dir):
    """A trainee working in English fetches, takes, saves and submits the assessment in JupyterLab, every click logged
    once and the choices locked on re-opening."""
    take_assessment(browser, trainer, scenarios, labs["en"], screenshots_dir)


def test_spanish_trainee_takes_and_submits(browser, labs, trainer, scenarios, screenshots_dir):
    """A trainee working in Spanish fetches, takes, saves and submits the assessment in JupyterLab, every click logged
    once and the choices locked on re-opening."""
    take_assessment(browser, trainer, scenarios, labs["es"], screenshots_dir)


def gradebook_scores(trainer, trainee: str) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(trainer.gradebook_url, COURSE_ID) as gb:
        submission = gb.find_submission(ASSIGNMENT, trainee)
        return {g.name: g.score for nb in submission.notebooks for g in nb.grades if g.cell_type == "code"}


def read_feedback(browser, trainee: Trainee, scenarios, screenshots_dir: Path) -> None:
    """Fetch Feedback in the Assignments panel, then open the feedback page from the workspace in the browser."""
    lab = trainee.running_lab()
    page = open_lab(browser, lab)

    def shot(name: str) -> None:
        page.screenshot(path=str(screenshots_dir / f"journey-{trainee.lang}-{name}.png"))

    try:
        open_assignments(page)
        submitted = page.locator("#submitted_assignments_list")
        submitted.locator(".nested_list_item", has_text="feedback available to fetch").wait_for()
        shot("7-feedback-available")
        submitted.locator("button", has_text="Fetch Feedback").click()
        view = submitted.locator(".nested_list_item a", has_text="view feedback")
        view.wait_for()
        view.click()  # shows the feedback folder in the file browser
        page.locator(".jp-DirListing-item", has_text=f"{ASSIGNMENT}.html").wait_for()
        shot("8-feedback-fetched")
        found = sorted((lab.workspace / ASSIGNMENT / "feedback").glob(f"*/{ASSIGNMENT}.html"))
        assert len(found) == 1, found
        relative = found[0].relative_to(lab.workspace).as_posix()
        page.goto(lab.url_for("/files/" + quote(relative)))
        body = page.locator("body")
        body.filter(has_text=scenarios[0].title.get(trainee.lang)).wait_for()
        shown = normalised(body.inner_text())
        page.screenshot(path=str(screenshots_dir / f"journey-{trainee.lang}-9-feedback-page.png"), full_page=True)
        for d in trainee.clicked:
            scenario = next(s for s in scenarios if s.id == d.scenario)
            option = scenario.steps[d.step].option(d.option)
            assert normalised(option.text.get(trainee.lang)) in shown, f"{d}: the choice is not in the feedback"
            assert normalised(option.feedback.get(trainee.lang)) in shown, f"{d}: its feedback is not shown"
        assert "HIDDEN TESTS" not in shown and "Traceback" not in shown
    except Exception:
        failed(page, screenshots_dir / f"journey-{trainee.lang}-failed")
        raise
    finally:
        page.close()


def test_trainer_grades_and_each_trainee_reads_their_feedback(browser, labs, trainer, scenarios, screenshots_dir):
    """The trainer collects exactly the choices clicked, the gradebook's scores match the engine's replay, and each
    trainee reads their own choices and feedback in the feedback page."""
    assert all(t.clicked for t in labs.values()), "both trainees took the assessment before grading"
    trainer.nbgrader("collect", ASSIGNMENT)
    for t in labs.values():
        collected = read_log(trainer.root / "submitted" / t.id / ASSIGNMENT / "decisions.json")
        assert [(d.scenario, d.step, d.option) for d in collected.decisions] == [
            (d.scenario, d.step, d.option) for d in t.clicked
        ], f"{t.id}: the trainer collects exactly the choices clicked"
    trainer.nbgrader("autograde", ASSIGNMENT)
    for t in labs.values():
        scores = gradebook_scores(trainer, t.id)
        for s in scenarios:
            by_engine = replay(s, [d for d in t.clicked if d.scenario == s.id]).score
            assert scores[s.id] == pytest.approx(by_engine), (
                f"{t.id} {s.id}: gradebook {scores[s.id]}, engine {by_engine}"
            )
    trainer.nbgrader("generate_feedback", ASSIGNMENT)
    trainer.nbgrader("release_feedback", ASSIGNMENT)
    for t in labs.values():
        read_feedback(browser, t, scenarios, screenshots_dir)


def test_both_trainees_appear_in_the_results_with_their_own_score(labs, trainer, scenarios):
    """`pact-course results` lists both trainees, with a total and per-scenario scores that match the engine's
    replay."""
    out = trainer.root.parent / "results.csv"
    proc = trainer.pact("results", ASSIGNMENT, "--csv", str(out))
    with open(out, newline="", encoding="utf-8") as fh:
        rows = {row["trainee"]: row for row in csv.DictReader(fh)}
    assert set(rows) == {t.id for t in labs.values()}
    for t in labs.values():
        assert t.id in proc.stdout
        total = sum(replay(s, [d for d in t.clicked if d.scenario == s.id]).score for s in scenarios)
        assert float(rows[t.id]["score"]) == pytest.approx(total), (t.id, rows[t.id])
        for s in scenarios:
            expected = replay(s, [d for d in t.clicked if d.scenario == s.id]).score
            assert float(rows[t.id][s.id]) == pytest.approx(expected), (t.id, s.id, rows[t.id][s.id])
