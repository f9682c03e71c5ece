"""The grading call of the hidden tests: the replay rule's score as a plain float, never an error or stderr."""

from __future__ import annotations

import ast
import json
import random

import pytest

from pact_course.build.assessment_notebooks import grading_source
from pact_course.engine.content import load_course
from pact_course.engine.decisions import Decision, append_decision, read_log
from pact_course.engine.scoring import best_path, max_score, replay
from pact_course.grading import grade


@pytest.fixture
def data(tea_break, course_dir) -> str:
    course = load_course(course_dir)
    return json.dumps(
        {
            "scenario": tea_break.model_dump(),
            "guidelines": {g.id: {"number": g.number, "title": g.title.model_dump()} for g in course.guidelines},
        }
    )


def write(path, entries) -> None:
    path.write_text(json.dumps({"format": 1, "decisions": entries}), encoding="utf-8")


def entry(step, option, **kw) -> dict:
    return {"scenario": "tea-break", "step": step, "option": option, **kw}


def test_best_path_scores_the_maximum_and_explains_each_decision(tmp_path, data, tea_break, capsys):
    """The best path grades as the maximum, as a float, and the output explains each choice with its feedback and
    guidelines, never the feedback of options not chosen."""
    log = tmp_path / "decisions.json"
    for taken in best_path(tea_break):
        append_decision(log, Decision("tea-break", taken.step_id, taken.option.id))
    score = grade(data, log)
    out, err = capsys.readouterr()
    assert type(score) is float and score == max_score(tea_break) == 8
    assert err == ""
    for text in (
        "Your choice: Listen and answer",
        "Feedback: Good listening.",
        "Guideline 2 (A friendly space",
        "Score: 8 out of 8",
    ):
        assert text in out
    assert "Ignoring hurts." not in out  # never the feedback of options not chosen


def test_spanish_log_gets_spanish_feedback(tmp_path, data, capsys):
    """A log recorded in Spanish gets its choices, feedback, critical error and score explained in Spanish."""
    log = tmp_path / "decisions.json"
    write(log, [entry("ask", "listen", lang="es"), entry("follow", "promise", lang="es")])
    assert grade(data, log) == 0.0  # 3 - 3
    out = capsys.readouterr().out
    assert "Tu decisión: Prometes guardar el secreto" in out
    assert "Nunca prometas guardar un secreto." in out and "ERROR GRAVE" in out
    assert "Puntuación: 0 de 8" in out


def test_negative_path_scores_zero_not_less(tmp_path, data):
    """A path whose points sum below zero grades as 0, never a negative score."""
    log = tmp_path / "decisions.json"
    write(log, [entry("ask", "ignore")])
    assert grade(data, log) == 0.0


def test_unfinished_scenario_earns_what_was_done(tmp_path, data, capsys):
    """An unfinished scenario earns the points taken so far, and the output says it was not finished."""
    log = tmp_path / "decisions.json"
    write(log, [entry("ask", "listen")])
    assert grade(data, log) == 3.0
    assert "You did not finish this scenario" in capsys.readouterr().out


@pytest.mark.parametrize(
    "content, reason",
    [
        (None, "no decisions.json"),
        ('{"format": 1, "decisions": [', "damaged"),
        ("[1, 2]", "not a decision log"),
        ("\xff\xfe", "damaged"),
    ],
)
def test_missing_or_unreadable_log_scores_zero_with_a_message(tmp_path, data, content, reason, capsys):
    """A missing, damaged or wrongly shaped log grades as 0 with a bilingual message naming the reason, and nothing on
    stderr."""
    log = tmp_path / "decisions.json"
    if content is not None:
        log.write_text(content, encoding="latin-1")
    assert grade(data, log) == 0.0
    out, err = capsys.readouterr()
    assert reason in out and "scores 0" in out and "puntúa 0" in out
    assert err == ""


def test_forged_log_earns_only_what_the_rule_gives(tmp_path, data):
    """Forged points, unknown options, other attempts, repeated steps and garbage entries earn nothing beyond what the
    replay rule gives."""
    log = tmp_path / "decisions.json"
    write(
        log,
        [
            entry("wrap", "thank"),
            entry("ask", "everything", points=99),
            entry("ask", "listen", attempt=2),
            entry("ask", "later", points=99, critical=False),
            entry("ask", "listen"),
            "garbage",
            {"scenario": 5},
        ],
    )
    assert grade(data, log) == 2.0  # later (1) then wrap/thank (1)


def test_broken_embedded_data_never_raises_or_writes_stderr(tmp_path, capsys):
    """Broken embedded scenario data grades as 0 with a 'could not be graded' message, never an exception or stderr
    output."""
    for bad in ("not json", json.dumps({"scenario": {"id": "x"}}), "{}"):
        assert grade(bad, tmp_path / "decisions.json") == 0.0
    out, err = capsys.readouterr()
    assert "could not be graded" in out and err == ""


def test_random_logs_score_exactly_the_replay(tmp_path, data, tea_break):
    """For random logs, the grade is exactly the replay rule's score, as a float between 0 and the maximum."""
    rng = random.Random(5)
    steps = [*list(tea_break.steps), "nowhere"]
    options = [*sorted({o.id for s in tea_break.steps.values() for o in s.options}), "made-up"]
    log = tmp_path / "decisions.json"
    for _ in range(200):
        entries = [
            entry(
                rng.choice(steps), rng.choice(options), attempt=rng.choice([1, 1, 1, 2]), lang=rng.choice(["en", "es"])
            )
            for _ in range(rng.randint(0, 6))
        ]
        write(log, entries)
        expected = replay(tea_break, read_log(log).decisions).score
        got = grade(data, log)
        assert got == float(expected) and 0 <= got <= 8


def test_the_grading_cell_runs_the_same_call(tmp_path, course_dir, tea_break, monkeypatch, capsys):
    """The hidden-test block the builder writes: its last expression is the grade, as a float."""
    source = grading_source(tea_break, load_course(course_dir))
    lines = source.splitlines()
    assert lines[0].startswith('"""') and lines[0].endswith('""";')  # a one-line docstring, not echoed
    hidden = "\n".join(lines[lines.index("### BEGIN HIDDEN TESTS") + 1 : lines.index("### END HIDDEN TESTS")])
    tree = ast.parse(hidden)
    assert isinstance(tree.body[-1], ast.Expr), "the grade is the cell's last expression"
    body, last = ast.Module(tree.body[:-1], type_ignores=[]), ast.Expression(tree.body[-1].value)
    write(tmp_path / "decisions.json", [entry("ask", "later"), entry("wrap", "thank")])
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    exec(compile(body, "cell", "exec"), namespace)  # noqa: S102 - the generated grading cell, run as its kernel would
    value = eval(compile(last, "cell", "eval"), namespace)  # noqa: S307 - the cell's last expression, as above
    assert type(value) is float and value == 2.0
    assert capsys.readouterr().err == ""
