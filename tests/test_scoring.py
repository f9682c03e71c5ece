"""The engine scores a decision log by the contract's replay rule."""

from __future__ import annotations

import pytest

from pact_course.engine.decisions import Decision
from pact_course.engine.scoring import best_path, max_score, replay


def d(step: str, option: str, scenario: str = "tea-break", attempt: int = 1) -> Decision:
    return Decision(scenario, step, option, attempt=attempt)


def test_maximum_is_the_best_paths_sum(tea_break):
    """The maximum is the sum along the best path: listen (3) + report (4) + thank (1)."""
    assert max_score(tea_break) == 8
    assert [(t.step_id, t.option.id) for t in best_path(tea_break)] == [
        ("ask", "listen"),
        ("follow", "report"),
        ("wrap", "thank"),
    ]


def test_best_choices_earn_the_maximum(tea_break):
    """Replaying the best path earns full marks, finishes, and lists the guidelines upheld."""
    r = replay(tea_break, [d("ask", "listen"), d("follow", "report"), d("wrap", "thank")])
    assert (r.score, r.maximum, r.finished) == (8, 8, True)
    assert r.upholds == ["respect", "safeguarding", "parent-voice"]
    assert r.breaches == [] and r.critical == []


def test_worst_choices_score_zero_not_negative(tea_break):
    """A path whose points sum below zero scores 0 (max(0, sum)), and its breach is recorded."""
    r = replay(tea_break, [d("ask", "ignore")])
    assert r.total == -2
    assert r.score == 0
    assert r.finished and r.breaches == ["respect"]


def test_negative_points_reduce_the_total(tea_break):
    """A critical, negative choice later on the path cancels what came before."""
    r = replay(tea_break, [d("ask", "listen"), d("follow", "promise")])
    assert r.total == 0 and r.score == 0
    assert [t.option.id for t in r.critical] == ["promise"]


def test_partial_path_earns_what_was_taken(tea_break):
    """A log that stops mid-scenario earns the points taken so far and waits at the next step."""
    r = replay(tea_break, [d("ask", "later")])
    assert (r.score, r.finished, r.waiting_at) == (1, False, "wrap")


def test_empty_log_scores_zero_and_waits_at_start(tea_break):
    """No decisions: nothing earned, the scenario waits at its start."""
    r = replay(tea_break, [])
    assert (r.score, r.finished, r.waiting_at, r.taken) == (0, False, "ask", [])


def test_repeated_entries_count_only_the_first(tea_break):
    """The first decision at a step is final; later ones at the same step earn nothing."""
    r = replay(tea_break, [d("ask", "ignore"), d("ask", "listen"), d("follow", "report")])
    assert r.score == 0 and [t.option.id for t in r.taken] == ["ignore"]


def test_off_path_entries_earn_nothing(tea_break):
    """A decision at a step the path never reaches is ignored."""
    r = replay(tea_break, [d("ask", "later"), d("follow", "report"), d("wrap", "thank")])
    assert r.score == 2
    assert [t.step_id for t in r.taken] == ["ask", "wrap"]


@pytest.mark.parametrize(
    "forged",
    [
        [d("ask", "award-me-10"), d("ask", "listen")],  # unknown option, then a real one
        [d("nowhere", "listen"), d("ask", "listen")],  # unknown step
        [d("ask", "listen", scenario="other"), d("ask", "listen")],  # another scenario
    ],
    ids=["unknown option", "unknown step", "other scenario"],
)
def test_forged_entries_are_skipped_not_voiding_the_rest(tea_break, forged):
    """Entries naming unknown options, steps or scenarios are skipped; the valid ones still count."""
    r = replay(tea_break, forged)
    assert [t.option.id for t in r.taken] == ["listen"]
    assert r.score == 3


def test_only_the_given_attempt_counts(tea_break):
    """Practice attempts are scored apart; grading uses attempt 1."""
    log = [d("ask", "ignore", attempt=1), d("ask", "listen", attempt=2), d("follow", "report", attempt=2)]
    assert replay(tea_break, log).score == 0
    assert replay(tea_break, log, attempt=2).score == 7


def test_entries_out_of_order_still_follow_the_path(tea_break):
    """The replay walks the scenario, not the file: a later step logged first still counts."""
    r = replay(tea_break, [d("wrap", "thank"), d("follow", "report"), d("ask", "listen")])
    assert r.score == 8 and r.finished


def test_best_through_an_option_is_the_best_graded_path_that_takes_it(tea_break):
    """The best graded path through an option: the best option gives the maximum, an ending option its own points."""
    from pact_course.engine.scoring import best_from, best_through, best_to

    first = tea_break.steps[tea_break.start]
    best = max(first.options, key=lambda o: o.points)
    assert best_to(tea_break, tea_break.start) == 0 and best_from(tea_break, None) == 0
    assert best_from(tea_break, tea_break.start) == max_score(tea_break)
    assert best_through(tea_break, tea_break.start, best) == max_score(tea_break)
    ending = next(o for o in first.options if o.next is None)
    assert best_through(tea_break, tea_break.start, ending) == max(0, ending.points)
