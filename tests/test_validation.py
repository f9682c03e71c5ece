"""Validation names the file, the YAML path and the fault for every kind of broken content."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from conftest import DATA
from pact_course.engine.content import ContentError, load_course, load_scenario_files

BASE = yaml.safe_load((DATA / "tea-break.yaml").read_text(encoding="utf-8"))


def problems_for(course_dir: Path, data=None, *, raw: bytes | None = None, name: str = "tea-break.yaml") -> list[str]:
    scenarios = course_dir / "content" / "scenarios"
    (scenarios / "tea-break.yaml").unlink()
    target = scenarios / name
    if raw is not None:
        target.write_bytes(raw)
    else:
        target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_course(course_dir)
    return [str(p) for p in info.value.problems]


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


FAULTS = [
    ("missing field", lambda d: d.pop("setting"), "tea-break.yaml: setting: missing field 'setting'"),
    ("unknown field", lambda d: d.update(colour="red"), "tea-break.yaml: colour: unknown field 'colour'"),
    (
        "unknown option field",
        lambda d: d["steps"]["ask"]["options"][0].update(score=3),
        "tea-break.yaml: steps.ask.options[0].score: unknown field 'score'",
    ),
    (
        "wrong type points",
        lambda d: d["steps"]["ask"]["options"][0].update(points="three"),
        "tea-break.yaml: steps.ask.options[0].points: must be a whole number, found text 'three'",
    ),
    (
        "float points",
        lambda d: d["steps"]["ask"]["options"][0].update(points=2.5),
        "tea-break.yaml: steps.ask.options[0].points: must be a whole number, found number 2.5",
    ),
    (
        "wrong type critical",
        lambda d: d["steps"]["ask"]["options"][0].update(critical="yes"),
        "tea-break.yaml: steps.ask.options[0].critical: must be true or false, found text 'yes'",
    ),
    (
        "wrong type upholds",
        lambda d: d["steps"]["ask"]["options"][0].update(upholds="respect"),
        "tea-break.yaml: steps.ask.options[0].upholds: must be a list, found text 'respect'",
    ),
    ("missing language", lambda d: d["title"].pop("es"), "tea-break.yaml: title.es: missing Spanish text (es)"),
    (
        "missing english",
        lambda d: d["steps"]["follow"]["options"][1]["feedback"].pop("en"),
        "tea-break.yaml: steps.follow.options[1].feedback.en: missing English text (en)",
    ),
    ("empty text", lambda d: d["setting"].update(en=""), "tea-break.yaml: setting.en: must not be empty"),
    (
        "id differs from file name",
        lambda d: d.update(id="tea-time"),
        "tea-break.yaml: id: 'tea-time' must equal the file name 'tea-break'",
    ),
    (
        "unknown use",
        lambda d: d.update(use="exam"),
        "tea-break.yaml: use: must be one of 'practice' or 'assessment', found 'exam'",
    ),
    (
        "assessment without assignment",
        lambda d: d.pop("assignment"),
        "tea-break.yaml: assignment: an assessment scenario needs an assignment (e.g. induction)",
    ),
    (
        "duplicate option ids",
        lambda d: d["steps"]["ask"]["options"][1].update(id="listen"),
        "tea-break.yaml: steps.ask.options[1].id: duplicate option id 'listen' in step 'ask'",
    ),
    ("start names no step", lambda d: d.update(start="begin"), "tea-break.yaml: start: no step 'begin'"),
    (
        "next names no step",
        lambda d: d["steps"]["ask"]["options"][0].update(next="folow"),
        "tea-break.yaml: steps.ask.options[0].next: no step 'folow'",
    ),
    (
        "unreachable step",
        lambda d: d["steps"].update(orphan=copy.deepcopy(d["steps"]["wrap"])),
        "tea-break.yaml: steps.orphan: unreachable: no path from start 'ask' leads here",
    ),
    (
        "cycle",
        lambda d: d["steps"]["wrap"]["options"][0].update(next="ask"),
        "tea-break.yaml: steps: cycle: ask -> follow -> wrap -> ask; every path must reach an end",
    ),
    (
        "unknown guideline",
        lambda d: d["steps"]["ask"]["options"][0].update(upholds=["kindness"]),
        "tea-break.yaml: steps.ask.options[0].upholds[0]: unknown guideline id 'kindness'",
    ),
    (
        "step with no options",
        lambda d: d["steps"]["wrap"].update(options=[]),
        "tea-break.yaml: steps.wrap.options: a step needs at least one option",
    ),
    ("no steps", lambda d: d.update(steps={}), "tea-break.yaml: steps: a scenario needs at least one step"),
    (
        "upholds and breaches the same",
        lambda d: d["steps"]["ask"]["options"][0].update(breaches=["respect"]),
        "tea-break.yaml: steps.ask.options[0]: an option cannot both uphold and breach 'respect'",
    ),
    (
        "nothing to earn",
        lambda d: [o.update(points=0) for s in d["steps"].values() for o in s["options"]],
        "tea-break.yaml: steps: the best path scores 0 or less; at least one path must earn points",
    ),
    (
        "kiosk on assessment",
        lambda d: d.update(kiosk=True),
        "tea-break.yaml: kiosk: only practice scenarios can be shown on the kiosk",
    ),
]


@pytest.mark.parametrize("change, expected", [f[1:] for f in FAULTS], ids=[f[0] for f in FAULTS])
def test_each_fault_is_reported_with_file_path_and_message(course_dir, change, expected):
    """A broken scenario is refused with a message naming the file, the YAML path and the fault."""
    assert expected in problems_for(course_dir, mutated(change))


def test_every_problem_is_reported_at_once(course_dir):
    """Several faults in one file are all listed, not just the first."""

    def change(d):
        d["title"].pop("es")
        d["steps"]["ask"]["options"][0]["next"] = "nowhere"
        d["steps"]["ask"]["options"][1]["upholds"] = ["kindness"]

    found = problems_for(course_dir, mutated(change))
    assert any("title.es: missing Spanish text" in p for p in found)

    # Structural checks run once the fields are well-formed, so fix the language and look again.
    def change2(d):
        d["steps"]["ask"]["options"][0]["next"] = "nowhere"
        d["steps"]["ask"]["options"][1]["upholds"] = ["kindness"]
        d["steps"]["wrap"]["options"][0]["points"] = 1

    found = problems_for(course_dir, mutated(change2))
    assert "tea-break.yaml: steps.ask.options[0].next: no step 'nowhere'" in found
    assert "tea-break.yaml: steps.ask.options[1].upholds[0]: unknown guideline id 'kindness'" in found


RAW_FAULTS = [
    (
        "yaml syntax",
        b"id: tea-break\ntitle: {en: a, es: b\nuse: practice\n",
        "tea-break.yaml: YAML syntax error at line 3",
    ),
    ("empty file", b"", "tea-break.yaml: the file is empty"),
    ("only a comment", b"# nothing yet\n", "tea-break.yaml: the file is empty"),
    (
        "not utf-8",
        "id: tea-break\ntitle: {en: Caf\u00e9, es: Caf\u00e9}\n".encode("latin-1"),
        "tea-break.yaml: not UTF-8 text (byte 0xe9",
    ),
    (
        "not a mapping",
        b"- id: tea-break\n- use: practice\n",
        "tea-break.yaml: must be a mapping of fields, found a list",
    ),
    (
        "steps as a list",
        b"id: tea-break\nuse: practice\ntitle: {en: a, es: b}\nsetting: {en: a, es: b}\nstart: s\nsteps: [1, 2]\n",
        "tea-break.yaml: steps: must be a mapping, found a list",
    ),
    (
        "option not a mapping",
        b"id: tea-break\nuse: practice\ntitle: {en: a, es: b}\nsetting: {en: a, es: b}\nstart: s\n"
        b"steps:\n  s:\n    prompt: {en: a, es: b}\n    options: [hello]\n",
        "tea-break.yaml: steps.s.options[0]: must be a mapping, found text 'hello'",
    ),
    (
        "key that is a list",
        b"? [a, b]\n: 1\n",
        "tea-break.yaml: YAML syntax error at line 1, column 3: a key must be plain text",
    ),
    (
        "code tag",
        b"id: tea-break\nuse: !!python/object/apply:os.system [echo]\n",
        "tea-break.yaml: YAML syntax error at line 2",
    ),
    (
        "duplicate step ids",
        (DATA / "tea-break.yaml").read_bytes() + b"  wrap:\n    prompt: {en: a, es: b}\n    options: []\n",
        "tea-break.yaml: steps: duplicate key 'wrap'",
    ),
]


@pytest.mark.parametrize("raw, expected", [f[1:] for f in RAW_FAULTS], ids=[f[0] for f in RAW_FAULTS])
def test_unreadable_files_are_refused_with_a_plain_message(course_dir, raw, expected):
    """A file that is not valid YAML, empty, not UTF-8 or not a mapping is named with its fault."""
    found = problems_for(course_dir, raw=raw)
    assert any(p.startswith(expected) for p in found), found


def test_a_yml_file_with_a_clashing_id_is_a_duplicate(course_dir):
    """Two files that declare the same scenario are refused, never silently merged."""
    src = course_dir / "content" / "scenarios" / "tea-break.yaml"
    (course_dir / "content" / "scenarios" / "tea-break.yml").write_bytes(src.read_bytes())
    with pytest.raises(ContentError) as info:
        load_course(course_dir)
    messages = [str(p) for p in info.value.problems]
    assert (
        "tea-break.yml: id: duplicate scenario id 'tea-break'" in messages
        or "tea-break.yml: scenario files end in .yaml" in messages
    )


def test_guidelines_file_faults_are_reported(course_dir):
    """A guidelines file with a missing translation and a wrong count is refused with both faults."""
    file = course_dir / "content" / "guidelines.yaml"
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    data["guidelines"][2]["title"].pop("es")
    data["guidelines"].pop()
    file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_course(course_dir)
    messages = [str(p) for p in info.value.problems]
    assert "guidelines.yaml: guidelines[2].title.es: missing Spanish text (es)" in messages
    assert "guidelines.yaml: guidelines: must list 10 guidelines, found 9" in messages


def test_scenario_files_can_be_checked_on_their_own(tmp_path):
    """Given scenario files are checked against the course's guidelines."""
    from conftest import REPO

    bad = tmp_path / "late.yaml"
    bad.write_text("id: late\n", encoding="utf-8")
    scenarios, problems = load_scenario_files([DATA / "tea-break.yaml", bad], REPO / "content" / "guidelines.yaml")
    assert [s.id for s in scenarios] == ["tea-break"]
    assert "late.yaml: use: missing field 'use'" in [str(p) for p in problems]
