"""Written answers (answers.json), the trainee's language, what an assessment still lacks: plain Python, no widgets."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from pact_course.engine.answers import (
    ANSWERS_NAME,
    MAX_CHARS,
    AnswerTooLong,
    answered,
    read_answers,
    save_answer,
)
from pact_course.engine.completion import assessment_parts, missing, path_lengths
from pact_course.engine.decisions import Decision
from pact_course.engine.model import Scenario
from pact_course.engine.preferences import PREFERENCES_NAME, save_language, saved_language, workspace_of
from pact_course.engine.public import public
from pact_course.grading.answers import typed_answers, with_typed_answers


def test_an_answer_is_saved_and_read_back_with_its_language(tmp_path):
    """Saving an answer keeps its text exactly (accents, new lines), its language and a UTC time, and keeps the other
    answers."""
    path = tmp_path / ANSWERS_NAME
    save_answer(path, "reflection-words", "Le diría: «gracias».\nY luego…", "es")
    written = save_answer(path, "reflection-guideline", "Guideline 8.", "en")
    again = read_answers(path)
    assert again.problem is None
    assert again.text("reflection-words") == "Le diría: «gracias».\nY luego…"
    assert again.answers["reflection-words"].lang == "es" and again.answers["reflection-words"].at.endswith("Z")
    assert again.text("reflection-guideline") == "Guideline 8."
    assert written.answers.keys() == again.answers.keys()
    assert again.text("missing") == ""


def test_saving_again_replaces_only_that_answer_and_leaves_no_temporary_file(tmp_path):
    """A new text replaces the item's old one; no temporary file is left beside the answers."""
    path = tmp_path / ANSWERS_NAME
    save_answer(path, "a", "first")
    save_answer(path, "b", "other")
    save_answer(path, "a", "second")
    assert read_answers(path).text("a") == "second" and read_answers(path).text("b") == "other"
    assert sorted(p.name for p in tmp_path.iterdir()) == [ANSWERS_NAME, ANSWERS_NAME + ".lock"]


def test_a_missing_damaged_or_linked_file_reads_as_no_answers_with_a_reason(tmp_path):
    """Reading never raises: a missing, damaged, oversized or linked file gives no answers and a plain reason."""
    assert str(read_answers(tmp_path / "none.json").problem).startswith("no none.json here yet")
    damaged = tmp_path / "damaged.json"
    damaged.write_text('{"format": 1, "answers": {"a": {"te', encoding="utf-8")
    assert "damaged" in str(read_answers(damaged).problem)
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"format": 1, "answers": {"x": {"text": "someone else's"}}}), encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(other)
    found = read_answers(link)
    assert found.answers == {} and "link" in str(found.problem)
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert read_answers(deep).answers == {}


def test_malformed_entries_are_skipped_and_the_rest_kept(tmp_path):
    """Entries that are not text are skipped; valid ones survive beside them."""
    path = tmp_path / ANSWERS_NAME
    entries = {"ok": {"text": "kept", "lang": "es"}, "bad": {"text": 5}, "worse": "text", "": {"text": "no id"}}
    path.write_text(json.dumps({"format": 1, "answers": entries}), encoding="utf-8")
    found = read_answers(path)
    assert list(found.answers) == ["ok"] and found.answers["ok"].lang == "es"


def test_a_damaged_file_is_kept_aside_and_a_new_one_started(tmp_path):
    """Saving over a damaged file keeps it beside (answers.json.damaged-...) and starts a fresh file."""
    path = tmp_path / ANSWERS_NAME
    path.write_text("{not json", encoding="utf-8")
    save_answer(path, "a", "new")
    assert read_answers(path).text("a") == "new"
    assert [p for p in tmp_path.iterdir() if p.name.startswith(ANSWERS_NAME + ".damaged-")]


def test_an_answer_longer_than_the_limit_is_refused_plainly(tmp_path):
    """An answer over MAX_CHARS raises AnswerTooLong and leaves the saved text as it was."""
    path = tmp_path / ANSWERS_NAME
    save_answer(path, "a", "kept")
    with pytest.raises(AnswerTooLong, match="at most"):
        save_answer(path, "a", "x" * (MAX_CHARS + 1))
    assert read_answers(path).text("a") == "kept"


def test_two_writers_never_lose_an_answer(tmp_path):
    """Two threads saving different answers at the same time: every answer is in the file at the end."""
    path = tmp_path / ANSWERS_NAME

    def write(prefix: str) -> None:
        for i in range(40):
            save_answer(path, f"{prefix}-{i}", f"text {prefix} {i}")

    threads = [threading.Thread(target=write, args=(p,)) for p in ("a", "b")]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    found = read_answers(path)
    assert len(found.answers) == 80 and found.text("b-39") == "text b 39"


def test_blank_text_is_not_an_answer():
    """Only text with words counts as answered."""
    assert answered("Yes.") and not answered("") and not answered("  \n\t") and not answered(None)


def test_the_autograde_takes_typed_answers_over_the_notebooks(tmp_path):
    """Typed answers win over the notebook's cell text, blank ones do not, and only manually graded items count."""
    save_answer(tmp_path / ANSWERS_NAME, "reflection-words", "What I typed.")
    save_answer(tmp_path / ANSWERS_NAME, "reflection-guideline", "   ")
    save_answer(tmp_path / ANSWERS_NAME, "not-a-cell", "ignored")
    solutions = {"reflection-words", "reflection-guideline"}
    assert typed_answers(tmp_path, solutions) == {"reflection-words": "What I typed."}
    in_notebook = {"reflection-words": "_Write your answer here._", "reflection-guideline": "Edited in the notebook."}
    assert with_typed_answers(in_notebook, tmp_path, solutions) == {
        "reflection-words": "What I typed.",
        "reflection-guideline": "Edited in the notebook.",
    }
    assert with_typed_answers(in_notebook, tmp_path / "nowhere", solutions) == in_notebook


# --- the trainee's language ---------------------------------------------------------------------


def test_the_language_is_kept_in_the_workspace_and_found_from_its_subfolders(tmp_path):
    """The chosen language is saved at the workspace (the folder with nbgrader_config.py) and read from any folder
    inside it; nothing saved reads as None."""
    (tmp_path / "nbgrader_config.py").write_text("c = get_config()\n", encoding="utf-8")
    inside = tmp_path / "induction"
    inside.mkdir()
    assert workspace_of(inside) == tmp_path.absolute()
    assert saved_language(inside) is None
    assert save_language("es", inside)
    assert (tmp_path / PREFERENCES_NAME).is_file()
    assert saved_language(tmp_path) == "es" and saved_language(inside) == "es"
    with pytest.raises(ValueError):
        save_language("fr", inside)
    (tmp_path / PREFERENCES_NAME).write_text("[1, 2", encoding="utf-8")
    assert saved_language(inside) is None


def test_without_a_workspace_the_current_folder_is_used(tmp_path, monkeypatch):
    """Outside a workspace, the language is kept in the current folder."""
    monkeypatch.chdir(tmp_path)
    assert workspace_of() == Path(os.getcwd()).absolute()


# --- what an assessment still lacks ---------------------------------------------------------------


@pytest.fixture
def branching() -> Scenario:
    """Start has one option that ends at once and one that goes on for two more steps."""
    o = {"points": 1, "feedback": {"en": "f", "es": "f"}, "text": {"en": "t", "es": "t"}}
    return Scenario.model_validate(
        {
            "id": "b",
            "use": "practice",
            "title": {"en": "B", "es": "B"},
            "setting": {"en": "s", "es": "s"},
            "start": "one",
            "steps": {
                "one": {
                    "prompt": {"en": "1", "es": "1"},
                    "options": [{**o, "id": "end"}, {**o, "id": "on", "next": "two"}],
                },
                "two": {"prompt": {"en": "2", "es": "2"}, "options": [{**o, "id": "on", "next": "three"}]},
                "three": {"prompt": {"en": "3", "es": "3"}, "options": [{**o, "id": "end"}]},
            },
        }
    )


def test_path_lengths_give_the_fewest_and_most_steps(branching, tea_break):
    """A scenario's shortest and longest paths are counted from the start or from any step; at an end there is none."""
    assert path_lengths(branching) == (1, 3)
    assert path_lengths(branching, "two") == (2, 2)
    assert path_lengths(branching, "missing") == (0, 0)
    shortest, longest = path_lengths(tea_break)
    assert 1 <= shortest <= longest <= len(tea_break.steps)


def test_the_parts_of_an_assessment_say_what_is_done(tea_break, branching, tmp_path):
    """Scenarios are done when their path reaches an end, written answers when they hold words; missing lists the
    rest in order."""
    scenarios = [public(tea_break), public(branching)]
    decisions = [Decision("b", "one", "end")]
    save_answer(tmp_path / ANSWERS_NAME, "r2", "Done.")
    parts = assessment_parts(scenarios, decisions, ["r1", "r2"], read_answers(tmp_path / ANSWERS_NAME))
    assert [(p.kind, p.id, p.number, p.done) for p in parts] == [
        ("scenario", "tea-break", 1, False),
        ("scenario", "b", 2, True),
        ("answer", "r1", 1, False),
        ("answer", "r2", 2, True),
    ]
    assert [p.id for p in missing(parts)] == ["tea-break", "r1"]
    assert parts[0].title is not None and parts[0].title.en == tea_break.title.en and parts[2].title is None
