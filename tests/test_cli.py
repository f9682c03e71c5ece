"""The `pact-course` command, run in-process."""

from __future__ import annotations

import shutil

import pytest

from conftest import DATA
from pact_course.commands.cli import main
from pact_course.engine.kiosk_cache import read_cache


def test_validate_the_course_says_ok(capsys):
    """`validate` on the real content exits 0 with a one-line summary."""
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("OK: 10 guidelines") and out.count("\n") == 1


def test_validate_lists_every_problem_and_exits_1(course_dir, capsys):
    """`validate` on broken content exits 1, lists each problem and counts them, with no traceback."""
    bad = course_dir / "content" / "scenarios" / "broken.yaml"
    bad.write_text("id: broken\nuse: exam\n", encoding="utf-8")
    assert main(["--root", str(course_dir), "validate"]) == 1
    err = capsys.readouterr().err
    assert "broken.yaml:2:6: use: must be one of 'practice' or 'assessment', found 'exam'" in err
    assert "broken.yaml:1:1: missing field 'title'" in err
    assert "Traceback" not in err and "problem(s) found" in err


def test_validate_given_files(tmp_path, capsys):
    """`validate FILE ...` checks only those files against the course's guidelines."""
    good = tmp_path / "tea-break.yaml"
    shutil.copy(DATA / "tea-break.yaml", good)
    assert main(["validate", str(good)]) == 0
    assert "1 scenario file(s) valid" in capsys.readouterr().out
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"\xff\xfe")
    assert main(["validate", str(good), str(bad)]) == 1
    assert "bad.yaml:1:1: not UTF-8 text" in capsys.readouterr().err


def test_validate_a_missing_file_says_so(capsys):
    """A path that does not exist is named plainly."""
    assert main(["validate", "no-such-file.yaml"]) == 1
    assert "no-such-file.yaml: no such file" in capsys.readouterr().err


def test_coverage_flags_uncovered_guidelines(course_dir, capsys):
    """`coverage` on a one-scenario course shows its cells and flags guidelines nothing covers."""
    assert main(["--root", str(course_dir), "coverage"]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.strip().startswith("2 respect"))
    assert "1/1" in row  # one option upholds respect, one breaches it
    assert "NOT COVERED in practice" in row
    assert "10 guideline(s) not covered" in out
    assert main(["--root", str(course_dir), "coverage", "--strict"]) == 1


def test_coverage_of_the_real_bank_runs(capsys):
    """`coverage` on the real content prints a row per guideline."""
    main(["coverage"])
    out = capsys.readouterr().out
    assert all(f" {gid}" in out for gid in ("come-and-go", "parent-voice"))


def test_unknown_command_is_a_usage_error(capsys):
    """An unknown command exits with argparse's usage message, not a traceback."""
    with pytest.raises(SystemExit) as info:
        main(["frobnicate"])
    assert info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_build_rebuilds_assessments_and_practice_notebooks(course_dir, capsys):
    """`build` writes each assignment's source/ and regenerates the practice notebooks from content/."""
    assert main(["--root", str(course_dir), "build", "--no-release"]) == 0
    out = capsys.readouterr().out
    assert "Built source/induction/." in out and "Practice notebooks in notebooks/:" in out
    assert (course_dir / "source" / "induction" / "induction.ipynb").is_file()
    assert (course_dir / "notebooks" / "00-welcome.ipynb").is_file()
    assert "The kiosk's scenarios in kiosk/kiosk-course.json." in out
    assert read_cache(course_dir) is not None, "the kiosk's cache is written and fresh"
    assert main(["--root", str(course_dir), "build", "--no-release"]) == 0
    assert "Practice notebooks in notebooks/: 0 changed." in capsys.readouterr().out
