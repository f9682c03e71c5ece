"""The trainee's pages without a browser: home, guidelines, a practice module, an assessment page and its Submit."""

from __future__ import annotations

import json
from pathlib import Path

import ipywidgets as widgets
import pytest

from pact_course.engine import practice as practice_model
from pact_course.engine.answers import ANSWERS_NAME, MAX_CHARS, read_answers
from pact_course.engine.content import load_course
from pact_course.engine.decisions import Decision, append_decision, read_log
from pact_course.engine.preferences import PREFERENCES_NAME
from pact_course.engine.public import write_public
from pact_course.engine.scoring import best_path
from pact_course.player import (
    assessment,
    assessment_intro,
    guidelines,
    home,
    module,
    submit_assessment,
    written_answer,
)
from pact_course.player import exchange as trainee_exchange
from pact_course.player.markup import plain, walk
from pact_course.player.session import SESSION
from pact_course.player.submission import PRACTICE_COPY, SUBMITTED_NAME

REPO = Path(__file__).resolve().parents[1]
ANSWER_IDS = ("reflection-words", "reflection-guideline")


@pytest.fixture(autouse=True)
def fresh_session(monkeypatch):
    """Each test starts a new page session in English, with the course from the repository and no exchange."""
    for p in list(SESSION.players):
        p.close()
    SESSION.reset()
    monkeypatch.setenv("PACT_COURSE_ROOT", str(REPO))
    monkeypatch.setattr(trainee_exchange, "assessments", lambda folder=None: [])
    yield
    SESSION.reset()


@pytest.fixture(scope="module")
def course():
    return load_course(REPO)


@pytest.fixture
def workspace(tmp_path, monkeypatch) -> Path:
    """A trainee workspace (it has nbgrader_config.py), as the current folder."""
    (tmp_path / "nbgrader_config.py").write_text("c = get_config()\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def assessment_folder(workspace, tea_break, monkeypatch) -> Path:
    """A fetched assessment folder (scenarios.json with the public tea break), as the current folder."""
    folder = workspace / "induction"
    folder.mkdir()
    write_public([tea_break], folder / "scenarios.json")
    (folder / "induction.ipynb").write_text("{}", encoding="utf-8")
    monkeypatch.chdir(folder)
    return folder


def text_of(widget) -> str:
    parts = []
    for w in walk(widget):
        if isinstance(w, widgets.HTML):
            parts.append(plain(w.value))
        elif isinstance(w, widgets.Button) and w.layout.display != "none":
            parts.append(w.description)
    return "\n".join(p for p in parts if p)


def buttons(widget, cls: str) -> list[widgets.Button]:
    return [w for w in walk(widget) if isinstance(w, widgets.Button) and cls in w._dom_classes]


def switches(widget) -> list:
    return [w for w in walk(widget) if isinstance(w, widgets.RadioButtons)]


# --- a practice module ---------------------------------------------------------------------------


def test_a_module_page_opens_at_the_first_scenario_not_done(course, workspace):
    """With the first scenario done, the page opens the second: "Scenario 2 of n", one title, one language switch."""
    m, scenarios = next((m, ss) for m, ss in practice_model.modules(course) if len(ss) >= 2)
    first = scenarios[0]
    for taken in best_path(first):
        append_decision(workspace / "decisions.json", Decision(first.id, taken.step_id, taken.option.id))
    page = module(m.id)
    shown = page.shown_text()
    assert page.player.scenario.id == scenarios[1].id
    assert f"Scenario 2 of {len(scenarios)}" in shown
    assert f"1 of {len(scenarios)} scenarios done." in shown
    assert shown.count(scenarios[1].title.en) == 2  # its pick button, and its one title
    assert len(switches(page.widget)) == 1 and page.player._switch.layout.display == "none"
    assert f'data-pact-resume="pact-scenario-{scenarios[1].id}"' in page._status.widget.value  # opens there
    picks = buttons(page.widget, "pact-scenario-pick")
    assert "Done: best score" in picks[0].description and "1 attempt" in picks[0].description
    assert "pact-current" in picks[1]._dom_classes and "open below" in picks[1].description


def test_the_end_of_a_scenario_offers_try_again_and_the_next_one(course, workspace):
    """Finishing a scenario shows the summary with real headings, then "Try again" and "Next scenario: <title>"."""
    m, scenarios = next((m, ss) for m, ss in practice_model.modules(course) if len(ss) >= 2)
    page = module(m.id)
    for taken in best_path(scenarios[0]):
        page.player.choose(taken.option.id)
    assert "<h3>End of the scenario: your summary</h3>" in page.player._body.children[-3].value
    [again] = buttons(page.widget, "pact-try-again")
    [nxt] = buttons(page.widget, "pact-next")
    assert again.description == "Try again" and nxt.description == f"Next scenario: {scenarios[1].title.en}"
    nxt.click()
    assert page.player.scenario.id == scenarios[1].id
    assert "1 of" in page.progress.shown_text()


def test_a_module_with_everything_done_says_so(course, workspace):
    """When every scenario is done the page says so and opens none; a pick still opens one."""
    m, scenarios = next((m, ss) for m, ss in practice_model.modules(course) if ss)
    for s in scenarios:
        for taken in best_path(s):
            append_decision(workspace / "decisions.json", Decision(s.id, taken.step_id, taken.option.id))
    page = module(m.id)
    assert page.player is None
    assert "You have done every scenario in this module" in page.shown_text()
    buttons(page.widget, "pact-scenario-pick")[0].click()
    assert page.player is not None and page.player.finished


def test_the_language_chosen_on_a_page_is_where_the_next_page_opens(course, workspace):
    """Choosing Español on a page keeps it in the workspace; a new session's page opens in Spanish."""
    m, _ = next((m, ss) for m, ss in practice_model.modules(course) if ss)
    page = module(m.id)
    switches(page.widget)[0].value = "es"
    assert json.loads((workspace / PREFERENCES_NAME).read_text()) == {"lang": "es"}
    assert m.title.es in page.shown_text()
    SESSION.reset()
    again = module(m.id)
    assert m.title.es in again.shown_text() and again.player.lang == "es"


# --- home and guidelines ------------------------------------------------------------------------------


def test_the_home_page_maps_the_course_with_progress_and_the_assessments(course, workspace, tea_break):
    """Home: how the course works, every module with its progress in words, and each assessment with its state."""
    (m, scenarios), *_ = [(m, ss) for m, ss in practice_model.modules(course) if ss]
    folder = workspace / "induction"
    folder.mkdir()
    write_public([tea_break], folder / "scenarios.json")
    (folder / "induction.ipynb").write_text("{}", encoding="utf-8")
    page = home()
    shown = text_of(page.widget)
    assert "Welcome to the PACT Zoom Group Facilitator Course" in shown and "How the course works" in shown
    assert f"{m.title.en}: 0 of {len(scenarios)} scenario" in shown
    assert "Assessment: Induction: 0 of 1 parts done" in shown
    assert 'data-path="10-everyday.ipynb"' in page.map.widget.value
    (folder / SUBMITTED_NAME).write_text('{"at": "2025-01-01T10:00:00Z"}', encoding="utf-8")
    (folder / "feedback" / "2025-01-02 10:00:00.000000 UTC").mkdir(parents=True)
    (folder / "feedback" / "2025-01-02 10:00:00.000000 UTC" / "induction.html").write_text("<p>ok</p>")
    page.render()
    assert "Read your feedback" in text_of(page.widget)
    assert (
        "files/induction/feedback/" in page.assessments.widget.value
        and 'target="_blank"' in page.assessments.widget.value
    )
    assert "Code" not in shown and "decisions.json" not in shown


def test_a_released_assessment_gets_a_start_button_that_fetches_it(workspace, monkeypatch, tea_break):
    """A released assessment shows "Start the assessment: Induction"; pressing it fetches it, then it is listed."""
    monkeypatch.setattr(
        trainee_exchange, "assessments", lambda folder=None: [trainee_exchange.Released("induction", "released")]
    )

    def fetch(assignment, folder=None):
        target = workspace / assignment
        target.mkdir()
        write_public([tea_break], target / "scenarios.json")
        (target / f"{assignment}.ipynb").write_text("{}", encoding="utf-8")
        return target

    monkeypatch.setattr(trainee_exchange, "fetch", fetch)
    page = home()
    [start] = buttons(page.widget, "pact-start")
    assert start.description == "Start the assessment: Induction"
    start.click()
    assert buttons(page.widget, "pact-start") == []
    assert "Assessment: Induction" in text_of(page.widget)


def test_the_guidelines_page_says_what_each_asks_and_where_it_is_practised(course, workspace):
    """Each guideline in PACT's words, what it asks of the facilitator (from content), and where it is practised."""
    page = guidelines()
    shown = plain(page.body.widget.value)
    for g in course.guidelines:
        assert f"Guideline {g.number}: {g.title.en}" in shown and g.text.en in shown
        assert g.asks is not None and g.asks.en in shown
    assert shown.count("What it asks of you:") == 10


# --- an assessment page ------------------------------------------------------------------------------


def test_an_assessment_page_has_one_switch_progress_and_numbered_scenarios(assessment_folder, tea_break):
    """The intro holds the page's one language switch and the progress; each player says "Scenario 1 of 1"."""
    intro = assessment_intro("induction", answers=ANSWER_IDS)
    player = assessment("tea-break")
    shown = text_of(intro.widget)
    assert "Assessment: Induction" in shown and "0 of 3 parts done." in shown
    assert len(switches(intro.widget)) == 1 and player._switch.layout.display == "none"
    assert "Scenario 1 of 1" in player.shown_text()
    assert "data-pact-resume" not in intro._progress.value  # nothing done yet: the page opens at its top
    player.choose("ignore", confirm=True)
    assert "1 of 3 parts done." in text_of(intro.widget)
    assert 'data-pact-resume="pact-answer-reflection-words"' in intro._progress.value


def test_a_written_answer_is_saved_as_it_is_typed_and_shown_again(assessment_folder):
    """Every change of the box is in answers.json at once; a new page shows it again; too long is said plainly."""
    box = written_answer(
        "reflection-words", en="Write the **words**.", es="Escribe las **palabras**.", number=1, total=2
    )
    assert "<strong>words</strong>" in box._head.value and "Written answers" in box._head.value
    box.box.value = "I would say"
    assert read_answers(assessment_folder / ANSWERS_NAME).text("reflection-words") == "I would say"
    box.box.value = "I would say: welcome back."
    assert read_answers(assessment_folder / ANSWERS_NAME).text("reflection-words") == "I would say: welcome back."
    assert "Saved as you type" in plain(box._note.value)
    box.box.value = "x" * (MAX_CHARS + 1)
    assert "too long" in plain(box._note.value)
    assert read_answers(assessment_folder / ANSWERS_NAME).text("reflection-words") == "I would say: welcome back."
    SESSION.reset()
    again = written_answer("reflection-words", en="Q", es="P")
    assert again.box.value == "I would say: welcome back."


def test_submit_asks_first_when_a_part_is_unanswered(assessment_folder, workspace, monkeypatch):
    """With parts left, Submit asks first (in the trainee's language); Keep working cancels, Submit anyway submits."""
    sent: list[str] = []
    monkeypatch.setattr(trainee_exchange, "submit", lambda assignment, folder=None: sent.append(assignment))
    append_decision(workspace / "decisions.json", Decision("crying-baby", "arrival", "welcome"))
    panel = submit_assessment("induction", answers=ANSWER_IDS)
    assert "Scenario 1: The tea break" in text_of(panel.widget) and "Written answer 2" in text_of(panel.widget)
    panel.press_submit()
    assert sent == [] and "Submit anyway?" in text_of(panel.widget)
    [back] = buttons(panel.widget, "pact-keep-working")
    back.click()
    assert sent == [] and buttons(panel.widget, "pact-submit-anyway") == []
    SESSION.lang = "es"
    panel.press_submit()
    assert "¿La entregas de todos modos?" in text_of(panel.widget)
    buttons(panel.widget, "pact-submit-anyway")[0].click()
    assert sent == ["induction"] and "Entregada el" in text_of(panel.widget)
    assert (assessment_folder / SUBMITTED_NAME).is_file()
    assert read_log(assessment_folder / PRACTICE_COPY).decisions[0].scenario == "crying-baby"


def test_submit_goes_at_once_when_everything_is_answered_and_says_when_it_fails(assessment_folder, monkeypatch):
    """All parts answered: Submit submits without asking; a failure of the exchange is said plainly, nothing lost."""
    for step, option in (("ask", "ignore"),):
        append_decision(assessment_folder / "decisions.json", Decision("tea-break", step, option))
    for item in ANSWER_IDS:
        written_answer(item, en="Q", es="P").box.value = "An answer."

    def refuse(assignment, folder=None):
        raise trainee_exchange.ExchangeProblem("the exchange folder is missing")

    monkeypatch.setattr(trainee_exchange, "submit", refuse)
    panel = submit_assessment("induction", answers=ANSWER_IDS)
    assert "Every part is answered" in text_of(panel.widget)
    panel.press_submit()
    shown = text_of(panel.widget)
    assert "could not be submitted (the exchange folder is missing)" in shown and "Nothing is lost" in shown
    assert not (assessment_folder / SUBMITTED_NAME).exists()


def test_grading_kernels_draw_no_page(assessment_folder, monkeypatch):
    """While nbgrader runs the notebook, the page's parts return nothing (and write nothing)."""
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert assessment_intro("induction", answers=ANSWER_IDS) is None
    assert written_answer("reflection-words", en="Q", es="P") is None
    assert submit_assessment("induction", answers=ANSWER_IDS) is None
    assert not (assessment_folder / ANSWERS_NAME).exists()
