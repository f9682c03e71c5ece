"""Validation names the file, line, column, the place in words and the fault, for every kind of broken content."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from conftest import DATA, REPO
from pact_course.engine.content import ContentError, Problem, load_course, load_scenario_files

BASE = yaml.safe_load((DATA / "tea-break.yaml").read_text(encoding="utf-8"))
FAULTS_DIR = DATA / "faults"
GUIDELINES = REPO / "content" / "guidelines.yaml"


def problems_for(
    course_dir: Path, data=None, *, raw: bytes | None = None, name: str = "tea-break.yaml"
) -> list[Problem]:
    """The problems load_course reports once the fixture scenario is replaced by `data` (or `raw` bytes)."""
    scenarios = course_dir / "content" / "scenarios"
    (scenarios / "tea-break.yaml").unlink()
    target = scenarios / name
    if raw is not None:
        target.write_bytes(raw)
    else:
        target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_course(course_dir)
    return info.value.problems


def said(problems: list[Problem]) -> list[str]:
    """Each problem as the author reads it, without the file name: "where: what"."""
    return [f"{p.where}: {p.message}" if p.where else p.message for p in problems]


def mutated(change) -> dict:
    data = copy.deepcopy(BASE)
    change(data)
    return data


def test_the_fixture_course_is_valid(course_dir):
    """The unmodified fixture course loads with its one scenario."""
    course = load_course(course_dir)
    assert list(course.scenarios) == ["tea-break"]
    assert len(course.guidelines) == 10


def test_the_real_content_is_valid():
    """The course's own content/ validates."""
    course = load_course()
    assert len(course.guidelines) == 10


def option(step: str, index: int):
    """A change's helper: the option `index` (0-based) of `step` in the mutated data."""
    return lambda d: d["steps"][step]["options"][index]


FAULTS = [
    ("missing field", lambda d: d.pop("setting"), "missing field 'setting'"),
    (
        "unknown field",
        lambda d: d.update(colour="red"),
        "colour: unknown field 'colour'; the fields here are: id, use,",
    ),
    (
        "unknown option field",
        lambda d: option("ask", 0)(d).update(score=3),
        "step 'ask', option 1 ('listen'), score: unknown field 'score'",
    ),
    (
        "wrong type points",
        lambda d: option("ask", 0)(d).update(points="three"),
        "step 'ask', option 1 ('listen'), points: must be a whole number, found text 'three'",
    ),
    (
        "float points",
        lambda d: option("ask", 0)(d).update(points=2.5),
        "step 'ask', option 1 ('listen'), points: must be a whole number, found number 2.5",
    ),
    (
        "wrong type critical",
        lambda d: option("ask", 0)(d).update(critical="yes"),
        "step 'ask', option 1 ('listen'), critical: must be true or false, found text 'yes'",
    ),
    (
        "wrong type upholds",
        lambda d: option("ask", 0)(d).update(upholds="respect"),
        "step 'ask', option 1 ('listen'), upholds: must be a list, found text 'respect' "
        "(write [respect], or [] for none)",
    ),
    ("missing language", lambda d: d["title"].pop("es"), "title: missing Spanish text (es)"),
    (
        "missing english",
        lambda d: d["steps"]["follow"]["options"][1]["feedback"].pop("en"),
        "step 'follow', option 2 ('promise'), feedback: missing English text (en)",
    ),
    ("empty text", lambda d: d["setting"].update(en=""), "setting, English text: must not be empty"),
    (
        "id differs from file name",
        lambda d: d.update(id="tea-time"),
        "id: 'tea-time' must equal the file name 'tea-break'",
    ),
    ("unknown use", lambda d: d.update(use="exam"), "use: must be one of 'practice' or 'assessment', found 'exam'"),
    (
        "assessment without assignment",
        lambda d: d.pop("assignment"),
        "assignment: an assessment scenario needs an assignment (e.g. induction)",
    ),
    (
        "duplicate option ids",
        lambda d: option("ask", 1)(d).update(id="listen"),
        "step 'ask', option 2 ('listen'), id: duplicate option id 'listen' in step 'ask'",
    ),
    ("start names no step", lambda d: d.update(start="begin"), "start: no step 'begin'"),
    (
        "next names no step",
        lambda d: option("ask", 0)(d).update(next="zzz"),
        "step 'ask', option 1 ('listen'), next: no step 'zzz'",
    ),
    (
        "unreachable step",
        lambda d: d["steps"].update(orphan=copy.deepcopy(d["steps"]["wrap"])),
        "step 'orphan': unreachable: no path from start 'ask' leads here",
    ),
    (
        "cycle",
        lambda d: option("wrap", 0)(d).update(next="ask"),
        "step 'wrap', option 1 ('thank'), next: cycle: ask -> follow -> wrap -> ask; every path must reach an end",
    ),
    (
        "unknown guideline",
        lambda d: option("ask", 0)(d).update(upholds=["kindness"]),
        "step 'ask', option 1 ('listen'), upholds, item 1: unknown guideline id 'kindness'",
    ),
    (
        "step with no options",
        lambda d: d["steps"]["wrap"].update(options=[]),
        "step 'wrap', options: a step needs at least one option",
    ),
    ("no steps", lambda d: d.update(steps={}), "steps: a scenario needs at least one step"),
    (
        "upholds and breaches the same",
        lambda d: option("ask", 0)(d).update(breaches=["respect"]),
        "step 'ask', option 1 ('listen'): an option cannot both uphold and breach 'respect'",
    ),
    (
        "nothing to earn",
        lambda d: [o.update(points=0) for s in d["steps"].values() for o in s["options"]],
        "steps: the best path scores 0 or less; at least one path must earn points",
    ),
    ("kiosk on assessment", lambda d: d.update(kiosk=True), "kiosk: only practice scenarios can be shown on the kiosk"),
]


@pytest.mark.parametrize("change, expected", [f[1:] for f in FAULTS], ids=[f[0] for f in FAULTS])
def test_each_fault_is_reported_in_plain_words_with_line_and_column(course_dir, change, expected):
    """A broken scenario is refused with its file, a 1-based line and column, the place in words and the fault."""
    problems = problems_for(course_dir, mutated(change))
    assert any(s.startswith(expected) for s in said(problems)), said(problems)
    for p in problems:
        assert p.file.endswith("tea-break.yaml")
        assert p.line is not None and p.line >= 1 and p.column is not None and p.column >= 1, p
        assert str(p).startswith(f"{p.file}:{p.line}:{p.column}: ")


def test_positions_are_the_lines_and_columns_an_editor_shows():
    """Line and column count from 1, as editors do, and point at the value at fault (or the key of a block)."""
    _, problems = load_scenario_files([FAULTS_DIR / "every-fault.yaml"], GUIDELINES)
    at = {p.message.split(" (")[0]: (p.line, p.column) for p in problems}
    assert at["must be a whole number, found text 'three'"] == (20, 17)  # `        points: three`
    assert at["missing Spanish text"] == (4, 1)  # the `title:` key
    assert at["unreachable: no path from start 'noise' leads here"] == (69, 3)  # the `orphan:` key


def test_the_issues_four_mistakes_are_all_reported_in_one_pass(course_dir):
    """A missing Spanish text, `points: three`, a misspelt guideline id, a `next` naming no step: all four at once."""

    def change(d):
        d["title"].pop("es")
        option("ask", 0)(d)["points"] = "three"
        option("ask", 1)(d)["upholds"] = ["come-and-goo"]
        option("follow", 0)(d)["next"] = "wrapp"

    found = said(problems_for(course_dir, mutated(change)))
    assert found == [
        "title: missing Spanish text (es)",
        "step 'ask', option 1 ('listen'), points: must be a whole number, found text 'three'",
        "step 'ask', option 2 ('later'), upholds, item 1: unknown guideline id 'come-and-goo' "
        "(did you mean 'come-and-go'?)",
        "step 'follow', option 1 ('report'), next: no step 'wrapp' (did you mean 'wrap'?)",
    ]


def test_the_one_of_each_fault_file_gets_every_problem_at_once():
    """tests/data/faults/every-fault.yaml holds one of each fault; a single run lists all nine, in file order."""
    scenarios, problems = load_scenario_files([FAULTS_DIR / "every-fault.yaml"], GUIDELINES)
    assert scenarios == []
    assert [str(p).split(": ", 1)[1] for p in problems] == [
        "id: 'every-faults' must equal the file name 'every-fault'",
        "title: missing Spanish text (es)",
        "step 'noise', option 1 ('reassure'), points: must be a whole number, found text 'three'",
        "step 'noise', option 2 ('ask-sam'), breaches, item 1: unknown guideline id 'childen-welcome' "
        "(did you mean 'children-welcome'?)",
        "step 'noise', option 2 ('ask-sam'), feedbak: unknown field 'feedbak' (did you mean 'feedback'?)",
        "step 'noise', option 2 ('ask-sam'), next: no step 'dda' (did you mean 'dad'?)",
        "step 'noise', option 3 ('ask-sam'), id: duplicate option id 'ask-sam' in step 'noise'",
        "step 'dad', option 1 ('carry-on'), next: cycle: noise -> dad -> noise; every path must reach an end",
        "step 'orphan': unreachable: no path from start 'noise' leads here",
    ]
    assert all(
        str(p).startswith("tests/data/faults/every-fault.yaml:") or p.file.endswith("every-fault.yaml")
        for p in problems
    )


DID_YOU_MEAN = [
    (
        "guideline id",
        lambda d: option("ask", 0)(d).update(upholds=["respekt"]),
        "unknown guideline id 'respekt' (did you mean 'respect'?)",
    ),
    (
        "guideline id with a space",
        lambda d: option("ask", 2)(d).update(breaches=["parent voice"]),
        "unknown guideline id 'parent voice' (did you mean 'parent-voice'?)",
    ),
    ("step id in next", lambda d: option("ask", 0)(d).update(next="folow"), "no step 'folow' (did you mean 'follow'?)"),
    ("step id in start", lambda d: d.update(start="Ask"), "no step 'Ask' (did you mean 'ask'?)"),
    (
        "field of an option",
        lambda d: option("ask", 0)(d).update(feedbak=option("ask", 0)(d).pop("feedback")),
        "unknown field 'feedbak' (did you mean 'feedback'?)",
    ),
    ("field of a scenario", lambda d: d.update(titel=d.pop("title")), "unknown field 'titel' (did you mean 'title'?)"),
    (
        "field of a step",
        lambda d: d["steps"]["ask"].update(promt=d["steps"]["ask"].pop("prompt")),
        "unknown field 'promt' (did you mean 'prompt'?)",
    ),
    ("a value of use", lambda d: d.update(use="practise"), "found 'practise' (did you mean 'practice'?)"),
]


@pytest.mark.parametrize("change, expected", [f[1:] for f in DID_YOU_MEAN], ids=[f[0] for f in DID_YOU_MEAN])
def test_misspellings_get_a_did_you_mean(course_dir, change, expected):
    """A misspelt guideline id, step id, field name or value suggests the closest right one."""
    found = said(problems_for(course_dir, mutated(change)))
    assert any(s.endswith(expected) for s in found), found


def test_a_misspelt_field_is_not_also_reported_missing(course_dir):
    """`feedbak` for `feedback` gives one problem (with the suggestion), not a second 'missing field'."""
    found = said(
        problems_for(
            course_dir, mutated(lambda d: option("ask", 0)(d).update(feedbak=option("ask", 0)(d).pop("feedback")))
        )
    )
    assert found == ["step 'ask', option 1 ('listen'), feedbak: unknown field 'feedbak' (did you mean 'feedback'?)"]


def test_nothing_close_gets_no_suggestion(course_dir):
    """A word like no guideline id gets no "did you mean" guess."""
    found = said(problems_for(course_dir, mutated(lambda d: option("ask", 0)(d).update(upholds=["kindness"]))))
    assert found == ["step 'ask', option 1 ('listen'), upholds, item 1: unknown guideline id 'kindness'"]


SCENARIO_HEAD = b"id: tea-break\nuse: practice\ntitle: {en: a, es: b}\nsetting: {en: a, es: b}\nstart: s\n"
RAW_FAULTS = [
    ("empty file", b"", "the file is empty"),
    ("only a comment", b"# nothing yet\n", "the file is empty"),
    (
        "not utf-8",
        "id: tea-break\ntitle: {en: Caf\u00e9, es: Caf\u00e9}\n".encode("latin-1"),
        "not UTF-8 text (byte 0xe9); save the file as UTF-8",
    ),
    ("not a mapping", b"- id: tea-break\n- use: practice\n", "the file must be a mapping of fields"),
    ("steps as a list", SCENARIO_HEAD + b"steps: [1, 2]\n", "steps: must be a mapping, found a list"),
    (
        "option not a mapping",
        SCENARIO_HEAD + b"steps:\n  s:\n    prompt: {en: a, es: b}\n    options: [hello]\n",
        "step 's', option 1: must be a mapping, found text 'hello'",
    ),
    ("key that is a list", b"? [a, b]\n: 1\n", "a key must be plain text, not a list, a mapping or an alias"),
    (
        "code tag",
        b"id: tea-break\nuse: !!python/object/apply:os.system [echo]\n",
        "use: the tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed in course files; remove it",
    ),
    (
        "step id that is a number",
        SCENARIO_HEAD + b"steps:\n  1: {prompt: {en: a, es: b}, options: []}\n",
        "step '1': a step id must be text, found number 1",
    ),
]


@pytest.mark.parametrize("raw, expected", [f[1:] for f in RAW_FAULTS], ids=[f[0] for f in RAW_FAULTS])
def test_unreadable_files_are_refused_with_a_plain_message(course_dir, raw, expected):
    """A file that is empty, not UTF-8, not a mapping or with a forbidden tag is named with its fault."""
    found = said(problems_for(course_dir, raw=raw))
    assert any(s.startswith(expected) for s in found), found


def test_a_duplicate_key_is_reported_and_the_rest_still_checked(course_dir):
    """A step given twice names both lines, and the other faults in the file are listed too."""
    text = (DATA / "tea-break.yaml").read_text(encoding="utf-8").replace("next: follow", "next: folow")
    text += "  wrap:\n    prompt: {en: a, es: b}\n    options: []\n"
    problems = problems_for(course_dir, raw=text.encode())
    found = said(problems)
    first = text.splitlines().index("  wrap:") + 1
    assert f"step 'wrap': the key 'wrap' is given twice (first on line {first}); keep one" in found
    assert "step 'ask', option 1 ('listen'), next: no step 'folow' (did you mean 'follow'?)" in found


def test_a_yml_file_with_a_clashing_id_is_a_duplicate(course_dir):
    """Two files that declare the same scenario are refused, never silently merged."""
    src = course_dir / "content" / "scenarios" / "tea-break.yaml"
    (course_dir / "content" / "scenarios" / "tea-break.yml").write_bytes(src.read_bytes())
    with pytest.raises(ContentError) as info:
        load_course(course_dir)
    assert "scenario files end in .yaml" in said(info.value.problems)


def test_guidelines_file_faults_are_reported(course_dir):
    """A guidelines file with a missing translation, a misspelt field and a wrong count gets all three."""
    file = course_dir / "content" / "guidelines.yaml"
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    data["guidelines"][2]["title"].pop("es")
    data["guidelines"][4]["txt"] = data["guidelines"][4].pop("text")
    data["guidelines"].pop()
    file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_course(course_dir)
    found = said(info.value.problems)
    assert "guideline 3 ('children-welcome'), title: missing Spanish text (es)" in found
    assert "guideline 5 ('video'), txt: unknown field 'txt' (did you mean 'text'?)" in found
    assert "guidelines: must list 10 guidelines, found 9" in found


def test_scenario_files_can_be_checked_on_their_own(tmp_path):
    """Given scenario files are checked against the course's guidelines."""
    bad = tmp_path / "late.yaml"
    bad.write_text("id: late\n", encoding="utf-8")
    scenarios, problems = load_scenario_files([DATA / "tea-break.yaml", bad], GUIDELINES)
    assert [s.id for s in scenarios] == ["tea-break"]
    assert "missing field 'use'" in said(problems)
    assert all(p.file.endswith("late.yaml") and (p.line, p.column) == (1, 1) for p in problems)


SYNTAX = [
    (
        "missing space after a colon",
        "id: x\nuse: practice\npoints:3\ntitle: {en: a, es: b}\n",
        (3, 7),
        "a space is missing after the colon: write `points: ...`, not `points:...`",
        "points:3",
    ),
    (
        "missing space in a text",
        "id: x\ntitle:\n  en:Hello\n  es: b\n",
        (3, 5),
        "a space is missing after the colon",
        "  en:Hello",
    ),
    (
        "a tab",
        "id: x\ntitle:\n\ten: a\n  es: b\n",
        (3, 1),
        "line 3 is indented with a tab; indent with spaces only",
        "→en: a",
    ),
    (
        "an unclosed quote",
        'id: x\ntitle:\n  en: "Hello\n  es: b\nstart: a\n',
        (3, 7),
        "the quote opened on line 3 is never closed",
        '  en: "Hello',
    ),
    (
        "an unclosed brace",
        "id: x\ntitle: {en: a, es: b\nuse: practice\n",
        (2, 8),
        "the '{' opened on line 2 is not closed",
        "title: {en: a, es: b",
    ),
    (
        "a colon in a text",
        "id: x\nsetting:\n  en: Note: this is it\n  es: b\n",
        (3, 11),
        "this text contains ': ' (a colon and a space)",
        "  en: Note: this is it",
    ),
    (
        "text after a closing quote",
        'id: x\ntext: "Hi" she said\n',
        (2, 12),
        "text goes on after a closing quote",
        'text: "Hi" she said',
    ),
    (
        "a line indented too far",
        "id: x\ntitle:\n  en: a\n   es: b\n",
        (4, 6),
        "this line is indented more than the field above it",
        "   es: b",
    ),
]


@pytest.mark.parametrize("text, position, cause, shown", [s[1:] for s in SYNTAX], ids=[s[0] for s in SYNTAX])
def test_yaml_syntax_errors_are_explained_with_the_line_shown(tmp_path, text, position, cause, shown):
    """A YAML syntax error gives the likely cause in plain words, the line with a caret, and the usual causes."""
    file = tmp_path / "x.yaml"
    file.write_text(text, encoding="utf-8")
    _, problems = load_scenario_files([file], GUIDELINES)
    (problem,) = problems
    assert (problem.line, problem.column) == position
    assert problem.message.startswith("YAML syntax error: ") and cause in problem.message
    printed = str(problem)
    numbered = f"{position[0]:>4} | {shown}"
    assert numbered in printed
    caret_line = printed.splitlines()[printed.splitlines().index(f"    {numbered}") + 1]
    assert caret_line.index("^") == len(f"    {position[0]:>4} | ") + position[1] - 1
    assert "Usual causes: a missing space after a colon" in printed and "a tab used for indenting" in printed
    assert "a quote or bracket opened and never closed" in printed
    assert "expected <block end>" not in problem.message  # the parser's own words only in the closing note


def test_a_nul_byte_is_named_with_its_line_and_column_and_the_rest_is_still_checked(tmp_path):
    """A NUL byte (issue 16) gets line and column in plain words; the file's other faults are still listed."""
    file = tmp_path / "x.yaml"
    file.write_bytes(b"id: x\nuse: practise\ntitle: {en: a\x00b, es: b}\n")
    _, problems = load_scenario_files([file], GUIDELINES)
    found = {p.message: (p.line, p.column) for p in problems}
    nul = "an invisible NUL character (U+0000) is in the text; delete it (retype the words around it)"
    assert found[nul] == (3, 14)
    assert "must be one of 'practice' or 'assessment', found 'practise' (did you mean 'practice'?)" in found
    assert "unknown place" not in str(problems)
