"""The player's core without widgets: what each click does and what the screen shows next."""

from __future__ import annotations

from typing import TypeVar

import pytest

from pact_course.engine.decisions import Decision
from pact_course.engine.play import Note, PlayerCore
from pact_course.engine.public import public
from pact_course.engine.scoring import best_path, max_score

T = TypeVar("T")


def present(value: T | None) -> T:
    """The value, which must be there (a decision, an open step, a note or a summary)."""
    assert value is not None
    return value


def test_practice_choice_becomes_a_decision_only_once_recorded(tea_break):
    """A practice click returns a decision for the shell; the path moves on only when the shell says it was written."""
    core = PlayerCore(tea_break, "practice")
    outcome = core.choose("listen")
    assert outcome.decision == Decision(
        "tea-break", "ask", "listen", attempt=1, lang="en", at=present(outcome.decision).at
    )
    assert core.current_step == "ask"  # nothing written yet
    assert core.recorded([outcome.decision]) is False
    screen = core.screen()
    assert [d.step_id for d in screen.done] == ["ask"] and screen.done[0].newest
    assert present(screen.open).step_id == "follow" and screen.summary is None


def test_practice_best_path_ends_in_a_summary_with_full_marks(tea_break):
    """Following the best path ends with a summary worth the scenario's maximum, announced as new."""
    core = PlayerCore(tea_break, "practice")
    written: list[Decision] = []
    for taken in best_path(tea_break):
        written.append(present(core.choose(taken.option.id).decision))
        finished = core.recorded(list(written))
    assert finished and core.finished
    screen = core.screen()
    assert screen.open is None and present(screen.summary).score == max_score(tea_break) and screen.summary_is_new


def test_assessment_selects_then_confirms_and_is_final(tea_break):
    """An assessment click only selects; Confirm returns the decision; afterwards the step cannot change."""
    core = PlayerCore(public(tea_break), "assessment")
    assert core.choose("later").decision is None
    assert core.note == Note("player.selected", {"text": tea_break.steps["ask"].option("later").text.en})
    assert present(core.screen().open).pending == "later"
    decision = present(core.confirm().decision)
    assert decision.option == "later" and decision.attempt == 1
    core.recorded([decision])
    assert core.note == Note("player.recorded") and core.pending is None
    assert core.current_step == "wrap"  # the confirmed step is behind: it cannot be chosen again
    assert core.choose("listen").decision is None and present(core.note).key == "player.no_such_option"
    assert [d.option for d in core.decisions] == ["later"]


def test_confirm_without_a_selection_says_so(tea_break):
    """Confirm with nothing selected records nothing and shows a plain note."""
    core = PlayerCore(public(tea_break), "assessment")
    assert core.confirm().decision is None and present(core.note).key == "player.nothing_selected"


def test_a_failed_write_keeps_the_selection(tea_break):
    """If the shell cannot write the decision, the core says why and keeps the selection for another try."""
    core = PlayerCore(public(tea_break), "assessment")
    core.choose("listen")
    core.record_failed("OSError: disk full")
    screen = core.screen()
    assert screen.error == "OSError: disk full" and present(screen.open).pending == "listen"


def test_unknown_option_and_finished_scenario_give_notes(tea_break):
    """A stale click names the missing option; a click after the end says the scenario is finished."""
    core = PlayerCore(tea_break, "practice")
    assert core.choose("no-such").decision is None and present(core.note).key == "player.no_such_option"
    core.recorded([present(core.choose("ignore").decision)])
    assert core.finished
    assert core.choose("listen").finished and present(core.note).key == "player.finished_already"


def test_try_again_starts_a_new_attempt_and_keeps_the_old_one(tea_break):
    """Restart opens attempt 2 at the start; attempt 1's decisions stay."""
    core = PlayerCore(tea_break, "practice")
    first = present(core.choose("ignore").decision)
    core.recorded([first])
    core.restart()
    assert core.attempt == 2 and core.current_step == "ask" and core.decisions == [first]
    second = present(core.choose("listen").decision)
    assert second.attempt == 2


def test_resuming_from_a_log_picks_up_the_latest_attempt(tea_break):
    """A core built from a log starts at the trainee's latest attempt and open step."""
    log = [
        Decision("tea-break", "ask", "ignore", attempt=1),
        Decision("tea-break", "ask", "listen", attempt=2),
        Decision("other", "x", "y"),
    ]
    core = PlayerCore(tea_break, "practice", decisions=log)
    assert core.attempt == 2 and core.current_step == "follow" and len(core.decisions) == 2


def test_language_switch_carries_the_selection_note(tea_break):
    """Switching language re-words the pending selection's note; an unknown language is refused."""
    core = PlayerCore(public(tea_break), "assessment")
    core.choose("listen")
    core.set_language("es")
    option = tea_break.steps["ask"].option("listen")
    assert present(core.note).values["text"] == option.text.es and core.screen().lang == "es"
    with pytest.raises(ValueError):
        core.set_language("fr")


def test_practice_needs_the_full_scenario(tea_break):
    """Practice shows feedback, so the public scenario (without the key) is refused; a bad mode too."""
    with pytest.raises(TypeError):
        PlayerCore(public(tea_break), "practice")
    with pytest.raises(ValueError):
        PlayerCore(tea_break, "exam")


def test_each_practice_choice_is_judged_in_words(tea_break):
    """A done step carries how good the choice was: best, partial, poor or critical (never colour alone)."""
    core = PlayerCore(tea_break, "practice")
    core.recorded([Decision("tea-break", "ask", "later"), Decision("tea-break", "wrap", "thank")])
    assert [d.judgement for d in core.screen().done] == ["partial", "best"]
    core = PlayerCore(tea_break, "practice")
    core.recorded([Decision("tea-break", "ask", "listen"), Decision("tea-break", "follow", "promise")])
    assert [d.judgement for d in core.screen().done] == ["best", "critical"]
    core = PlayerCore(tea_break, "practice", decisions=[Decision("tea-break", "ask", "ignore")])
    assert [d.judgement for d in core.screen().done] == ["poor"]
    assessed = PlayerCore(public(tea_break), "assessment", decisions=[Decision("tea-break", "ask", "listen")])
    assert [d.judgement for d in assessed.screen().done] == [None]  # an assessment says nothing of quality


def test_the_open_step_says_step_n_of_up_to_m(tea_break):
    """The open step counts from 1 to the longest path; paths of different lengths make it "of up to"."""
    core = PlayerCore(tea_break, "practice")
    first = present(core.screen().open)
    assert (first.number, first.total, first.exact) == (1, 3, False)
    core.recorded([Decision("tea-break", "ask", "later")])
    second = present(core.screen().open)
    assert (second.number, second.total, second.step_id) == (2, 3, "wrap")
