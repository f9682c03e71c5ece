"""Content input is bounded (issue 16, item 7): alias bombs, long chains and cycles, depth, size and NUL bytes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO
from pact_course.engine.checks import MAX_OPTIONS, MAX_STEPS
from pact_course.engine.content import load_scenario_files
from pact_course.engine.yaml_reader import MAX_DEPTH, MAX_FILE_BYTES, MAX_NODES

GUIDELINES = REPO / "content" / "guidelines.yaml"
HEAD = "id: {id}\nuse: practice\ntitle: {{en: a, es: b}}\nsetting: {{en: a, es: b}}\nstart: s0\nsteps:\n"
OPTION = "{{id: o{i}, text: {{en: a, es: b}}, points: 1, feedback: {{en: a, es: b}}, next: {next}}}"
# Generous for a shared 2-core machine; before the limits the 16 KB bomb took 63 s and 3.9 GB.
MAX_SECONDS = 10.0
MAX_PEAK_MB = 250
ADDRESS_SPACE_CAP = 2 * 1024**3  # a regression fails with MemoryError instead of filling the machine

MEASURE = """
import json, resource, sys, time
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, ({cap}, {cap}))
from pact_course.engine.content import load_scenario_files
start = time.perf_counter()
scenarios, problems = load_scenario_files([Path(sys.argv[1])], Path(sys.argv[2]))
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"seconds": seconds, "peak_mb": peak, "problems": [str(p) for p in problems]}}))
"""


def measured(file: Path) -> dict:
    """Validate `file` in a fresh interpreter; its time, peak memory (MB) and problems."""
    code = MEASURE.format(cap=ADDRESS_SPACE_CAP)
    done = subprocess.run(
        [sys.executable, "-c", code, str(file), str(GUIDELINES)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def alias_bomb(size: int, aliases: int) -> str:
    """Issue 16's bomb: an option anchored, a step whose options alias it, steps aliasing that step up to `size`."""
    lines = [
        HEAD.format(id="bomb").rstrip("\n"),
        "  s0: &s {prompt: {en: a, es: b}, options: [&o "
        + OPTION.format(i=0, next="null").replace("o0", "x")
        + ", *o" * aliases
        + "]}",
    ]
    k = 1
    while len("\n".join(lines)) + len(f"\n  s{k}: *s") + 1 <= size:
        lines.append(f"  s{k}: *s")
        k += 1
    return "\n".join(lines) + "\n"


def chain(n: int, cycle: bool) -> str:
    """A scenario of `n` steps in a row; the last leads back to the first when `cycle`."""
    body = []
    for i in range(n):
        nxt = f"s{i + 1}" if i + 1 < n else ("s0" if cycle else "null")
        body.append(f"  s{i}: {{prompt: {{en: a, es: b}}, options: [{OPTION.format(i=i, next=nxt)}]}}\n")
    return HEAD.format(id="chain") + "".join(body)


def test_the_16_kb_alias_bomb_is_refused_at_once_with_little_memory(tmp_path):
    """A 16 KB file that would expand to a million options is refused in about a second, within a few MB."""
    file = tmp_path / "bomb.yaml"
    file.write_text(alias_bomb(16 * 1024, 1000), encoding="utf-8")
    assert 16_000 < file.stat().st_size <= 16 * 1024
    result = measured(file)
    assert result["seconds"] < MAX_SECONDS and result["peak_mb"] < MAX_PEAK_MB, result | {
        "problems": len(result["problems"])
    }
    problems = result["problems"]
    assert len(problems) <= 5, problems  # not 1,108,107 lines
    assert any("anchors and aliases (here '&s') are not allowed in course files" in p for p in problems)
    assert any(f"a scenario may have at most {MAX_STEPS} steps" in p for p in problems)


@pytest.mark.parametrize("cycle", [False, True], ids=["chain", "cycle"])
def test_a_1000_step_chain_or_cycle_is_checked_without_recursion(tmp_path, cycle):
    """1,000 steps in a row (or in a loop) give the step limit, and the loop, never a RecursionError."""
    file = tmp_path / "chain.yaml"
    file.write_text(chain(1000, cycle), encoding="utf-8")
    result = measured(file)
    assert result["seconds"] < MAX_SECONDS and result["peak_mb"] < MAX_PEAK_MB, result
    problems = result["problems"]
    assert not any("RecursionError" in p or "could not be checked" in p for p in problems), problems
    assert any(f"a scenario may have at most {MAX_STEPS} steps; this one has 1,000" in p for p in problems)
    loops = [p for p in problems if "cycle: s0 -> s1 -> s2 -> ... -> s998 -> s999 -> s0 (1,000 steps)" in p]
    assert len(loops) == (1 if cycle else 0), problems


def test_graph_checks_are_iterative_even_beyond_the_recursion_limit():
    """The path checks themselves walk 5,000 steps in a loop (past Python's recursion limit) and find the loop."""
    from pact_course.engine.checks import check_scenario

    n = 5000
    assert n > sys.getrecursionlimit()
    steps = {f"s{i}": {"options": [{"id": "o", "points": 1, "next": f"s{(i + 1) % n}"}]} for i in range(n)}
    steps["extra"] = {"options": [{"id": "o", "points": 1, "next": None}]}
    found: list[str] = []
    check_scenario(
        {"start": "s0", "steps": steps}, "x", ".yaml", set(), lambda loc, msg, at_key=False: found.append(msg)
    )
    assert any(m.endswith(f"s4999 -> s0 ({n:,} steps); every path must reach an end") for m in found), found
    assert "unreachable: no path from start 's0' leads here" in found


def test_a_plain_step_limit_and_option_limit(tmp_path):
    """Too many steps or too many options in a step are named with the limit, in plain words."""
    options = ", ".join(OPTION.format(i=i, next="null") for i in range(MAX_OPTIONS + 1))
    steps = "".join(
        f"  s{i}: {{prompt: {{en: a, es: b}}, options: [{OPTION.format(i=0, next=f's{i + 1}')}]}}\n"
        for i in range(MAX_STEPS)
    )
    text = HEAD.format(id="many") + steps + f"  s{MAX_STEPS}: {{prompt: {{en: a, es: b}}, options: [{options}]}}\n"
    file = tmp_path / "many.yaml"
    file.write_text(text, encoding="utf-8")
    _, problems = load_scenario_files([file], GUIDELINES)
    said = [str(p) for p in problems]
    assert (
        f"many.yaml:6:1: steps: a scenario may have at most {MAX_STEPS} steps; this one has {MAX_STEPS + 1}"
        in "\n".join(said)
    )
    assert any(f"a step may have at most {MAX_OPTIONS} options; this one has {MAX_OPTIONS + 1}" in p for p in said)


def test_deep_nesting_stops_at_the_depth_limit(tmp_path):
    """100,000 nested brackets stop at the depth limit with line and column, quickly, without RecursionError."""
    file = tmp_path / "deep.yaml"
    file.write_text("id: deep\ntitle: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    result = measured(file)
    assert result["seconds"] < MAX_SECONDS and result["peak_mb"] < MAX_PEAK_MB, result
    (problem,) = result["problems"]
    assert f"deep.yaml:2:{7 + MAX_DEPTH}: this is nested more than {MAX_DEPTH} levels deep" in problem


def test_too_many_items_stop_at_the_item_limit(tmp_path):
    """A list of 100,000 short items stops at the item limit, quickly."""
    file = tmp_path / "items.yaml"
    file.write_text("id: items\ntitle: [" + "a," * 100_000 + "a]\n", encoding="utf-8")
    result = measured(file)
    assert result["seconds"] < MAX_SECONDS and result["peak_mb"] < MAX_PEAK_MB, result
    (problem,) = result["problems"]
    assert f"the file holds more than {MAX_NODES:,} items" in problem


def test_a_file_over_the_size_limit_is_not_read(tmp_path):
    """A file bigger than the limit is refused by its size alone, with the limit in the message."""
    file = tmp_path / "big.yaml"
    file.write_bytes(b"id: big\n" + b"# padding\n" * (MAX_FILE_BYTES // 10 + 1))
    _, problems = load_scenario_files([file], GUIDELINES)
    (problem,) = problems
    assert f"a course file may be at most {MAX_FILE_BYTES // 1024} KB" in str(problem)


def test_control_characters_are_each_placed(tmp_path):
    """A NUL, a bell and an escape are each reported with line and column; none is called 'unknown place'."""
    file = tmp_path / "ctl.yaml"
    file.write_bytes(b"id: ctl\x00\nuse: practice\ntitle: {en: a\x07, es: \x1bb}\n")
    _, problems = load_scenario_files([file], GUIDELINES)
    placed = {(p.line, p.column): p.message for p in problems if "invisible" in p.message}
    assert placed == {
        (1, 8): "an invisible NUL character (U+0000) is in the text; delete it (retype the words around it)",
        (3, 14): "an invisible BEL character (U+0007) is in the text; delete it (retype the words around it)",
        (3, 21): "an invisible ESC character (U+001B) is in the text; delete it (retype the words around it)",
    }


def test_a_syntax_error_on_a_very_long_line_shows_only_the_part_around_it(tmp_path):
    """A 200 KB line with a mistake at its end is shown cut to the place of the mistake, caret included."""
    file = tmp_path / "long.yaml"
    file.write_text("id: long\ntitle: " + "word " * 40_000 + "and: a colon\n", encoding="utf-8")
    _, problems = load_scenario_files([file], GUIDELINES)
    (problem,) = problems
    printed = str(problem)
    assert len(printed) < 2_000
    shown, caret = printed.splitlines()[1:3]
    assert shown.startswith("       2 | …") and "and: a colon" in shown
    assert shown[caret.index("^")] == ":"


def test_a_file_reports_at_most_a_hundred_problems_then_says_how_many_more(tmp_path):
    """150 unknown guideline ids give the first 100 problems in file order and one line counting the rest."""
    from pact_course.engine.problems import MAX_PROBLEMS_PER_FILE

    ids = ", ".join(f"g{i}" for i in range(15))
    options = ", ".join(
        OPTION.format(i=i, next="null").replace("points: 1", f"points: 1, upholds: [{ids}]") for i in range(10)
    )
    file = tmp_path / "many.yaml"
    file.write_text(
        HEAD.format(id="many") + f"  s0: {{prompt: {{en: a, es: b}}, options: [{options}]}}\n", encoding="utf-8"
    )
    _, problems = load_scenario_files([file], GUIDELINES)
    assert len(problems) == MAX_PROBLEMS_PER_FILE + 1
    assert problems[-1].message == "... and 50 more problem(s) in this file; fix the ones above first"
    assert [p.column for p in problems[:3]] == sorted(p.column or 0 for p in problems[:3])
