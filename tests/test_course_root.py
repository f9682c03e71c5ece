"""The course is found from where you stand (--root, $PACT_COURSE_ROOT, the nearest course folder), never from the
package."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from conftest import DATA, REPO
from pact_course.engine.content import load_scenario_files
from pact_course.engine.decisions import Decision, append_decision
from pact_course.engine.root import CourseNotFound, find_course_root
from pact_course.engine.scoring import best_path, max_score

BIN = Path(sys.executable).parent


def make_course(folder: Path) -> Path:
    """The smallest course folder: nbgrader_config.py and content/."""
    (folder / "content").mkdir(parents=True)
    (folder / "nbgrader_config.py").write_text("c = get_config()\n", encoding="utf-8")
    return folder


def test_the_nearest_course_above_the_current_folder_is_found(tmp_path, monkeypatch):
    """From a folder deep inside a course, the course root is that course, as git finds a repository."""
    monkeypatch.delenv("PACT_COURSE_ROOT", raising=False)
    course = make_course(tmp_path / "cohort-2")
    deep = course / "workspaces" / "ana" / "notes"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    assert find_course_root() == course.resolve()


def test_root_option_wins_over_the_environment_which_wins_over_the_folder(tmp_path, monkeypatch):
    """--root comes first, then $PACT_COURSE_ROOT, then the current folder."""
    here, env_course, named = (make_course(tmp_path / n) for n in ("here", "env", "named"))
    monkeypatch.chdir(here)
    monkeypatch.setenv("PACT_COURSE_ROOT", str(env_course))
    assert find_course_root(named) == named.resolve()
    assert find_course_root() == env_course.resolve()
    monkeypatch.delenv("PACT_COURSE_ROOT")
    assert find_course_root() == here.resolve()


def test_outside_any_course_nothing_is_guessed(tmp_path, monkeypatch):
    """Outside a course the package's own checkout is never used: the error says where it looked and what to do."""
    monkeypatch.delenv("PACT_COURSE_ROOT", raising=False)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CourseNotFound) as caught:
        find_course_root()
    message = str(caught.value)
    assert str(tmp_path) in message and "--root" in message and "\n" not in message
    with pytest.raises(CourseNotFound, match="not a course"):
        find_course_root(tmp_path / "nowhere")


@pytest.mark.parametrize("command", [["validate"], ["coverage"], ["build"], ["results", "induction"]])
def test_commands_outside_a_course_say_so_in_one_line(tmp_path, command):
    """Every command that needs a course, run outside one, exits 2 with one plain line and no traceback."""
    env = {"PATH": f"{BIN}:/usr/bin:/bin", "HOME": str(tmp_path)}
    proc = subprocess.run(
        [str(BIN / "pact-course"), *command], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 2, proc.stdout + proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("pact-course: no course found in"), proc.stderr
    assert not (tmp_path / "source").exists()


def tracked_copy(dest: Path) -> Path:
    """A copy of the course as a trainer would make one for a second cohort: every tracked file."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout.decode()
    for rel in filter(None, listed.split("\0")):
        src = REPO / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    return dest


def gradebook_assignments(db: Path) -> set[str]:
    if not db.exists():
        return set()
    with sqlite3.connect(db) as con:
        return {name for (name,) in con.execute("select name from assignment")}


@pytest.mark.slow
def test_a_copied_course_builds_and_grades_its_own_content_into_its_own_gradebook(tmp_path):
    """A copy driven by the checkout's environment, run from inside the copy, never touches the original."""
    copy = tracked_copy(tmp_path / "cohort-2")
    text = (
        (DATA / "tea-break.yaml").read_text(encoding="utf-8").replace("assignment: induction", "assignment: tea-time")
    )
    (copy / "content" / "scenarios" / "tea-break.yaml").write_text(text, encoding="utf-8")
    original_db = REPO / "gradebook.db"
    before = (original_db.stat().st_mtime_ns if original_db.exists() else None, gradebook_assignments(original_db))
    env = {"PATH": f"{BIN}:/usr/bin:/bin", "HOME": str(tmp_path / "home"), "LANG": "C.UTF-8"}

    def run(*args: str, cwd: Path = copy) -> subprocess.CompletedProcess:
        proc = subprocess.run(list(args), cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        return proc

    run(str(BIN / "pact-course"), "build", "tea-time", cwd=copy / "content")  # from a subfolder of the copy
    assert (copy / "source" / "tea-time").is_dir() and (copy / "release" / "tea-time").is_dir()
    assert not (REPO / "source" / "tea-time").exists() and not (REPO / "release" / "tea-time").exists()

    submission = copy / "submitted" / "trainee-a" / "tea-time"
    shutil.copytree(copy / "release" / "tea-time", submission)
    (scenario,), problems = load_scenario_files([DATA / "tea-break.yaml"], REPO / "content" / "guidelines.yaml")
    assert not problems
    for taken in best_path(scenario):
        append_decision(submission / "decisions.json", Decision(scenario.id, taken.step_id, taken.option.id))
    run(str(BIN / "nbgrader"), "autograde", "tea-time", "--create")

    notebook = next((copy / "release" / "tea-time").glob("*.ipynb")).stem
    with Gradebook(f"sqlite:///{copy / 'gradebook.db'}") as gb:
        score = gb.find_grade("tea-break", notebook, "tea-time", "trainee-a").score
    assert score == max_score(scenario)
    assert "tea-time" in gradebook_assignments(copy / "gradebook.db")
    after = (original_db.stat().st_mtime_ns if original_db.exists() else None, gradebook_assignments(original_db))
    assert after == before and "tea-time" not in after[1]
