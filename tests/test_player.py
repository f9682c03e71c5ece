"""The scenario player driven headless: feedback, log, summary, language, resume, assessment mode."""

from __future__ import annotations

import json
import random
from pathlib import Path

import ipywidgets as widgets
import pytest

from pact_course.engine import practice as practice_model
from pact_course.engine.content import load_course
from pact_course.engine.decisions import Decision, read_log
from pact_course.engine.public import public, write_public
from pact_course.engine.scoring import best_path, max_score, replay, walk
from pact_course.player import Player, assessment, module_progress, practice, set_language
from pact_course.player.markup import plain
from pact_course.player.markup import walk as widget_tree
from pact_course.player.session import SESSION, style

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def english_session():
    """Every test starts in English, with no players left over from another test."""
    for p in list(SESSION.players):
        p.close()
    SESSION.reset()
    yield
    SESSION.reset()


@pytest.fixture(scope="module")
def course():
    return load_course(REPO)


@pytest.fixture
def practice_tea(tea_break):
    """The fixture scenario as a practice scenario (the kiosk and practice paths take full scenarios)."""
    return tea_break.model_copy(update={"use": "practice", "assignment": None})


def make(scenario, course, tmp_path, **kw):
    return Player(
        scenario,
        mode=kw.pop("mode", "practice"),
        guidelines=course.guidelines,
        log_path=tmp_path / "decisions.json",
        **kw,
    )


def button(p: Player, text: str) -> widgets.Button:
    found = [b for b in p.option_buttons() if b.description == text]
    assert found, f"no option button {text!r} in {[b.description for b in p.option_buttons()]}"
    return found[0]


def test_first_step_shows_title_setting_prompt_and_full_option_texts(practice_tea, course, tmp_path):
    """The first step shows the title, setting and prompt, and each option as an icon-free button with its full text,
    with nothing logged yet."""
    p = make(practice_tea, course, tmp_path)
    shown = p.shown_text()
    assert "The tea break" in shown
    assert "A parent asks a question during the break" in shown
    assert "What do you do?" in shown
    assert [b.description for b in p.option_buttons()] == [
        "Listen and answer",
        "Say you will answer later",
        "Ignore the question",
    ]
    for b in p.option_buttons():
        assert isinstance(b, widgets.Button)
        assert b.icon == ""
        assert "pact-option" in b._dom_classes
    assert not (tmp_path / "decisions.json").exists()


def test_a_click_shows_feedback_and_guideline_titles_logs_and_advances(practice_tea, course, tmp_path):
    """A click shows the option's feedback, points and upheld guideline titles as an alert, logs the decision with a
    UTC timestamp, and moves on to the next step."""
    p = make(practice_tea, course, tmp_path)
    button(p, "Listen and answer").click()
    shown = p.shown_text()
    assert "Good listening." in shown
    assert "+3 points" in shown
    assert "Upholds" in shown
    assert f"Guideline 2: {course.guideline('respect').title.en}" in shown
    # the feedback is new content announced to screen readers
    feedback = [w for w in widget_tree(p.widget) if isinstance(w, widgets.HTML) and "pact-feedback" in w._dom_classes]
    assert len(feedback) == 1 and 'role="alert"' in feedback[0].value
    assert "She shares a worry." in shown
    assert [b.description for b in p.option_buttons()] == [
        "Tell the Safeguarding Lead today",
        "Promise to keep it secret",
    ]
    log = read_log(tmp_path / "decisions.json")
    assert log.problem is None
    assert [(d.scenario, d.step, d.option, d.attempt, d.lang) for d in log.decisions] == [
        ("tea-break", "ask", "listen", 1, "en")
    ]
    assert log.decisions[0].at.endswith("Z")


def test_breaches_and_critical_errors_are_said_in_words(practice_tea, course, tmp_path):
    """A breached guideline, a critical error and negative points are spelled out in words."""
    p = make(practice_tea, course, tmp_path)
    p.choose("listen")
    p.choose("promise")
    shown = p.shown_text()
    assert "Goes against" in shown
    assert f"Guideline 9: {course.guideline('safeguarding').title.en}" in shown
    assert "Critical error" in shown
    assert "-3 points" in shown


def test_the_end_summary_scores_what_the_engine_scores(practice_tea, course, tmp_path):
    """The end summary shows the engine's score, the path taken, what went well and what to revisit with the better
    option at each weaker step, and offers Try again."""
    p = make(practice_tea, course, tmp_path)
    for option in ("later", "rush"):
        p.choose(option)
    assert p.finished
    engine = replay(practice_tea, read_log(tmp_path / "decisions.json").decisions)
    assert engine.finished and engine.score == 1 and engine.maximum == max_score(practice_tea) == 8
    shown = p.shown_text()
    assert f"Score: {engine.score} out of {engine.maximum}" in shown
    assert "The path you took" in shown
    assert "What do you do? → Say you will answer later (+1 point)" in shown
    assert "What went well" in shown and "What to revisit" in shown
    # what to revisit names a better option at each step where there was one
    assert "a better option was: “Listen and answer”" in shown
    assert "a better option was: “Thank everyone”" in shown
    assert p.option_buttons() == []
    assert [b.description for b in p.action_buttons()] == ["Try again"]


def test_a_negative_path_scores_zero_not_below(practice_tea, course, tmp_path):
    """A path whose points sum below zero shows a score of 0, alongside the choice's negative points."""
    p = make(practice_tea, course, tmp_path)
    p.choose("ignore")
    assert p.finished
    assert "Score: 0 out of 8" in p.shown_text()
    assert "-2 points" in p.shown_text()


def test_try_again_starts_a_new_attempt_and_keeps_the_old_one(practice_tea, course, tmp_path):
    """Try again starts a fresh, numbered attempt, while the earlier attempt stays in the log and counts towards
    progress."""
    p = make(practice_tea, course, tmp_path)
    p.choose("ignore")
    [again] = p.action_buttons()
    again.click()
    assert not p.finished and p.attempt == 2
    assert "Attempt 2" in p.shown_text()
    assert "Ignoring hurts." not in p.shown_text()
    for option in ("listen", "report", "thank"):
        p.choose(option)
    assert "Score: 8 out of 8" in p.shown_text()
    decisions = read_log(tmp_path / "decisions.json").decisions
    assert [d.attempt for d in decisions] == [1, 2, 2, 2]
    progress = practice_model.progress(practice_tea, decisions)
    assert (progress.status, progress.best, progress.maximum, progress.attempts) == ("done", 8, 8, 2)


def test_the_language_switch_re_renders_everything_including_feedback(practice_tea, course, tmp_path):
    """Switching language re-renders everything, feedback included, and a decision made in Spanish is logged as
    Spanish."""
    p = make(practice_tea, course, tmp_path)
    p.choose("listen")
    p.set_language("es")
    shown = p.shown_text()
    assert "La pausa del té" in shown and "Buena escucha." in shown and "+3 puntos" in shown
    assert f"Norma 2: {course.guideline('respect').title.es}" in shown
    assert "Respeta" in shown
    assert [b.description for b in p.option_buttons()] == [
        "Avisas hoy a la Responsable de Salvaguarda",
        "Prometes guardar el secreto",
    ]
    for english in ("The tea break", "Good listening.", "Upholds", "points", "She shares a worry."):
        assert english not in shown
    # a decision made in Spanish is logged with its language
    p.choose("report")
    assert read_log(tmp_path / "decisions.json").decisions[-1].lang == "es"
    p.choose("thank")
    assert "Puntuación: 8 de 8" in p.shown_text()
    p.set_language("en")
    assert "Score: 8 out of 8" in p.shown_text() and "Buen cierre." not in p.shown_text()


def test_the_switch_widget_changes_the_language_and_it_is_shared_by_the_session(practice_tea, course, tmp_path):
    """Choosing Español in one player's switch changes the language of every player in the session, including players
    made afterwards."""
    first = make(practice_tea, course, tmp_path)
    second = Player(practice_tea, mode="practice", guidelines=course.guidelines, log_path=None)
    first._switch.value = "es"  # what clicking "Español" does
    assert "¿Qué haces?" in first.shown_text()
    assert "¿Qué haces?" in second.shown_text()
    third = Player(practice_tea, mode="practice", guidelines=course.guidelines, log_path=None)
    assert third.lang == "es" and "La pausa del té" in third.shown_text()


def test_re_running_resumes_where_the_trainee_was(practice_tea, course, tmp_path):
    """A re-created player resumes from the log where the trainee was, and a Try again without a choice yet leaves
    the scenario finished."""
    p = make(practice_tea, course, tmp_path)
    p.choose("listen")
    again = make(practice_tea, course, tmp_path)
    assert again.current_step == "follow"
    assert "Good listening." in again.shown_text()
    assert [b.description for b in again.option_buttons()] == [
        "Tell the Safeguarding Lead today",
        "Promise to keep it secret",
    ]
    again.choose("report")
    again.choose("thank")
    third = make(practice_tea, course, tmp_path)
    assert third.finished and "Score: 8 out of 8" in third.shown_text()
    third.restart()
    fourth = make(practice_tea, course, tmp_path)
    assert fourth.finished  # "Try again" without a choice yet starts nothing in the log


def test_an_error_in_a_click_is_shown_not_lost(practice_tea, course, tmp_path):
    """When a click cannot be recorded, the player says so in the current language instead of losing the error."""
    not_a_folder = tmp_path / "not-a-folder"
    not_a_folder.write_text("a file", encoding="utf-8")
    p = Player(  # the log's folder is a file: nothing can be written there
        practice_tea, mode="practice", guidelines=course.guidelines, log_path=not_a_folder / "decisions.json"
    )
    button(p, "Listen and answer").click()
    shown = p.shown_text()
    assert "Something went wrong and your click was not recorded" in shown
    p.set_language("es")
    assert "Algo falló" in p.shown_text()


def test_a_damaged_log_is_reported_and_a_fresh_one_started(practice_tea, course, tmp_path):
    """A damaged log is reported in the player, and the next choice starts a fresh log and clears the message."""
    (tmp_path / "decisions.json").write_text("{not json", encoding="utf-8")
    p = make(practice_tea, course, tmp_path)
    assert "could not be read" in p.shown_text()
    p.choose("listen")
    assert read_log(tmp_path / "decisions.json").decisions[0].option == "listen"
    assert "could not be read" not in p.shown_text()


def test_the_kiosk_way_no_log_and_callbacks(practice_tea, course, tmp_path, monkeypatch):
    """Without a log path the player writes no file and reports each choice and the end through its callbacks."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PACT_COURSE_ROOT", str(REPO))  # the course lives in the repository, not in the cwd
    seen: list = []
    p = Player(
        practice_tea,
        mode="practice",
        guidelines=course.guidelines,
        log_path=None,
        on_choice=lambda pl, step, option: seen.append((step, option)),
        on_finish=lambda pl: seen.append("end"),
    )
    p.choose("later")
    p.choose("thank")
    assert seen == [("ask", "later"), ("wrap", "thank"), "end"]
    assert "Score: 2 out of 8" in p.shown_text()
    assert list(tmp_path.iterdir()) == []


def test_unknown_options_and_choices_after_the_end_change_nothing(practice_tea, course, tmp_path):
    """An unknown option or a choice after the end is refused with a message and logs nothing."""
    p = make(practice_tea, course, tmp_path)
    p.choose("nonsense")
    assert "There is no option “nonsense” at this step." in p.shown_text()
    assert not (tmp_path / "decisions.json").exists()
    p.choose("ignore")
    p.choose("listen")
    assert "This scenario is finished" in p.shown_text()
    assert len(read_log(tmp_path / "decisions.json").decisions) == 1


def test_the_css_lets_option_buttons_wrap_and_shows_focus(practice_tea, course, tmp_path):
    """The player's first child is its stylesheet, which lets option buttons wrap and shows keyboard focus."""
    p = make(practice_tea, course, tmp_path)
    css = style().value
    assert p.widget.children[0] is style()
    assert "white-space: normal" in css and "height: auto" in css and "outline:" in css and ":focus" in css


# --- assessment mode -------------------------------------------------------------------------


@pytest.fixture
def public_tea(tea_break):
    return public(tea_break)


def test_assessment_choices_are_confirmed_then_final_with_no_feedback(public_tea, tea_break, course, tmp_path):
    """In assessment mode a choice is recorded only on Confirm, can be changed until then, is final afterwards, and
    no feedback, points or score are ever shown."""
    p = make(public_tea, course, tmp_path, mode="assessment")
    assert "each choice is final once you confirm it" in p.shown_text()
    button(p, "Listen and answer").click()
    assert not (tmp_path / "decisions.json").exists()  # selected, not yet recorded
    assert "You selected: “Listen and answer”" in p.shown_text()
    button(p, "Say you will answer later").click()  # a change of mind before confirming is fine
    [confirm] = p.action_buttons()
    assert confirm.description == "Confirm"
    confirm.click()
    shown = p.shown_text()
    assert "Answer recorded" in shown
    assert "Your choice: Say you will answer later" in shown
    log = read_log(tmp_path / "decisions.json").decisions
    assert [(d.step, d.option, d.attempt) for d in log] == [("ask", "later", 1)]
    assert p.current_step == "wrap"
    p.choose("thank", confirm=True)
    assert p.finished
    shown = p.shown_text()
    assert "All your answers for this scenario are recorded" in shown
    # no feedback, points or score anywhere
    for option in (o for step in tea_break.steps.values() for o in step.options):
        assert option.feedback.en not in shown
    for word in ("points", "Score", "Upholds", "Goes against", "Critical"):
        assert word not in shown
    p.choose("rush", confirm=True)
    assert "already recorded and cannot be changed" in p.shown_text()
    assert len(read_log(tmp_path / "decisions.json").decisions) == 2


def test_confirm_without_a_selection_says_so(public_tea, course, tmp_path):
    """Confirm with no option selected asks for a choice first and records nothing."""
    p = make(public_tea, course, tmp_path, mode="assessment")
    p.confirm()
    assert "Pick an option first, then press Confirm." in p.shown_text()
    assert not (tmp_path / "decisions.json").exists()


def test_assessment_re_run_shows_the_choices_made_and_cannot_change_them(public_tea, course, tmp_path):
    """A re-run assessment player shows the recorded choices, in either language, and refuses to change them."""
    p = make(public_tea, course, tmp_path, mode="assessment")
    p.choose("listen", confirm=True)
    again = make(public_tea, course, tmp_path, mode="assessment")
    assert "Your choice: Listen and answer" in again.shown_text()
    assert "Answer recorded" in again.shown_text()
    assert [b.description for b in again.option_buttons()] == [
        "Tell the Safeguarding Lead today",
        "Promise to keep it secret",
    ]
    again.choose("later", confirm=True)  # an option of the first step: not at this step
    assert "There is no option “later” at this step." in again.shown_text()
    assert [d.option for d in read_log(tmp_path / "decisions.json").decisions] == ["listen"]
    again.set_language("es")
    assert "Tu elección: Escuchas y respondes" in again.shown_text() and "Respuesta registrada" in again.shown_text()
    assert [b.description for b in again.action_buttons()] == ["Confirmar"]


def test_a_reopened_notebook_starts_in_the_language_of_the_log(public_tea, course, tmp_path):
    """In a fresh kernel, the first player takes the language of the trainee's last decision."""
    p = make(public_tea, course, tmp_path, mode="assessment")
    p.set_language("es")
    p.choose("listen", confirm=True)
    SESSION.lang, SESSION.chosen = "en", False  # a new kernel session (its players stay open)
    again = make(public_tea, course, tmp_path, mode="assessment")
    assert again.lang == "es" and "Tu elección: Escuchas y respondes" in again.shown_text()
    again.set_language("en")  # a choice made in this session wins over the log
    later = make(public_tea, course, tmp_path, mode="assessment")
    assert later.lang == "en"


def test_assessment_entry_point_reads_scenarios_json_from_the_cwd(tea_break, tmp_path, monkeypatch):
    """`assessment()` plays a scenario from the working folder's scenarios.json and logs there, a re-run replaces the
    old player, and an unknown scenario is named plainly."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PACT_COURSE_ROOT", str(REPO))  # the course lives in the repository, not in the cwd
    write_public([tea_break], tmp_path / "scenarios.json")
    p = assessment("tea-break")
    assert isinstance(p, Player) and p.mode == "assessment"
    p.choose("listen", confirm=True)
    assert json.loads((tmp_path / "decisions.json").read_text())["decisions"][0]["option"] == "listen"
    rerun = assessment("tea-break")
    assert rerun.current_step == "follow"
    assert p._closed  # the re-run cell replaced the old player
    missing = assessment("no-such-scenario")
    assert "There is no scenario “no-such-scenario”" in plain(missing.value)


def test_assessment_without_scenarios_json_says_so_plainly(tmp_path, monkeypatch):
    """Without scenarios.json in the working folder, `assessment()` shows a plain message saying it is missing."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PACT_COURSE_ROOT", str(REPO))  # the course lives in the repository, not in the cwd
    w = assessment("tea-break")
    assert isinstance(w, widgets.HTML)
    assert "scenarios.json is missing" in plain(w.value)


def test_the_recorded_path_walk_matches_the_engine(course, tea_break):
    """The assessment player's path (no key) is the grading replay's path, for random logs."""
    rng = random.Random(4)
    for scenario in [tea_break, *course.scenarios.values()]:
        steps = list(scenario.steps)
        for _ in range(30):
            decisions = []
            for _ in range(rng.randint(0, 8)):
                step = rng.choice([*steps, "nowhere"])
                options = [o.id for o in scenario.steps[step].options] if step in scenario.steps else ["x"]
                decisions.append(
                    Decision(scenario.id, step, rng.choice([*options, "bogus"]), attempt=rng.choice([1, 1, 2]))
                )
            engine = replay(scenario, decisions)
            taken, waiting = walk(public(scenario), decisions)
            assert [(s, o.id) for s, o in taken] == [(t.step_id, t.option.id) for t in engine.taken]
            assert waiting == engine.waiting_at


# --- the notebook entry points on the real bank ------------------------------------------------


def test_every_practice_scenario_plays_its_best_path_to_full_marks(course, tmp_path, monkeypatch):
    """Every practice scenario in the bank plays its best path by clicks to full marks, and an unknown practice
    scenario is named plainly."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PACT_COURSE_ROOT", str(REPO))  # the course lives in the repository, not in the cwd
    assert course.practice(), "the bank has no practice scenarios"
    for scenario in course.practice():
        p = practice(scenario.id)
        assert isinstance(p, Player), scenario.id
        for taken in best_path(scenario):
            assert p.current_step == taken.step_id
            button(p, taken.option.text.en).click()
            assert taken.option.feedback.en.split()[0] in p.shown_text()
        assert p.finished
        assert f"Score: {max_score(scenario)} out of {max_score(scenario)}" in p.shown_text()
    assert "There is no practice scenario" in plain(practice("no-such-scenario").value)


def test_module_progress_follows_the_log(course, tmp_path, monkeypatch):
    """A module's progress goes from not started to in progress to done with the best score as the log grows, in
    either language."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PACT_COURSE_ROOT", str(REPO))  # the course lives in the repository, not in the cwd
    (m, scenarios), *_ = [(m, ss) for m, ss in practice_model.modules(course) if ss]
    progress = module_progress(m.id)
    assert f"0 of {len(scenarios)} scenarios done." in progress.shown_text()
    assert "Not started" in progress.shown_text()
    first = scenarios[0]
    p = practice(first.id)
    path = best_path(first)
    p.choose(path[0].option.id)
    if len(path) > 1:
        assert "In progress" in progress.shown_text()
        for taken in path[1:]:
            p.choose(taken.option.id)
    best = max_score(first)
    assert f"Done: best score {best} out of {best}" in progress.shown_text()
    assert f"1 of {len(scenarios)} scenarios done." in progress.shown_text()
    set_language("es")
    assert f"Terminado: mejor puntuación {best} de {best}" in progress.shown_text()


def test_an_embedder_can_hide_the_players_own_language_switch(practice_tea, course):
    """With show_language=False the player hides its own language switch but still follows set_language."""
    p = Player(practice_tea, mode="practice", guidelines=course.guidelines, log_path=None, show_language=False)
    assert p._switch.layout.display == "none"
    assert "Language / Idioma" not in p.shown_text()
    p.set_language("es")
    assert "La pausa del té" in p.shown_text()


@pytest.mark.slow
def test_the_assessment_cell_runs_quietly_in_a_real_kernel_and_changes_no_log(tea_break, tmp_path):
    """As at grading: the player cell runs in the folder with scenarios.json and the trainee's log."""
    import nbformat
    from nbclient import NotebookClient

    write_public([tea_break], tmp_path / "scenarios.json")
    log = '{"format": 1, "decisions": [{"scenario": "tea-break", "step": "ask", "option": "listen"}]}\n'
    (tmp_path / "decisions.json").write_text(log, encoding="utf-8")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell('from pact_course.player import assessment\n\nassessment("tea-break")')]
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = nb.cells[0].outputs
    assert [o.output_type for o in outputs] == ["execute_result"]
    assert "application/vnd.jupyter.widget-view+json" in outputs[0].data
    assert (tmp_path / "decisions.json").read_text(encoding="utf-8") == log
