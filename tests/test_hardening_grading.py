"""Issue 16, grading: links in submissions are never copied or graded, and an interrupted autograde resumes."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from conftest import DATA, REPO
from pact_course.engine.decisions import Decision, append_decision

ASSIGNMENT = "induction"
COURSE_ID = "pact-facilitator"
BIN = str(Path(sys.executable).parent)
BEST = [("ask", "listen"), ("follow", "report"), ("wrap", "thank")]  # 8 of 8
SECRET = "TOP-SECRET-MARKER-1f7c"


class Course:
    """A built and released course (the fixture scenario only), with its own exchange, gradebook and trainer HOME."""

    def __init__(self, root: Path):
        self.root = root
        self.exchange = root.parent / f"{root.name}-exchange"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PACT_", "JUPYTER_", "NBGRADER_"))}
        home = self.root / ".trainer-home"
        home.mkdir(exist_ok=True)
        return {
            **env,
            "HOME": str(home),
            "PATH": BIN + os.pathsep + env.get("PATH", ""),
            "PACT_EXCHANGE": str(self.exchange),
        }

    def run(self, *args: str, timeout: float = 600, check: bool = True) -> subprocess.CompletedProcess:
        cmd = (
            [f"{BIN}/pact-course", "--root", str(self.root), *args[1:]]
            if args[0] == "pact-course"
            else [sys.executable, "-m", "nbgrader", *args]
        )
        proc = subprocess.run(cmd, cwd=self.root, env=self.env(), capture_output=True, text=True, timeout=timeout)
        if check:
            assert proc.returncode == 0, f"{args} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
        return proc

    def notebook(self) -> Path:
        return self.root / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"

    def submission(self, parent: Path, name: str, log: list[tuple[str, str]] | None = BEST) -> Path:
        """A submission folder as nbgrader submit leaves it: the notebook, a decision log, a timestamp."""
        folder = parent / name
        folder.mkdir(parents=True)
        shutil.copy(self.notebook(), folder / f"{ASSIGNMENT}.ipynb")
        for step, option in log or []:
            append_decision(folder / "decisions.json", Decision("tea-break", step, option))
        for extra in folder.glob("decisions.json.lock"):
            extra.unlink()
        (folder / "timestamp.txt").write_text(datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f UTC"))
        return folder

    def inbound(self, trainee: str) -> Path:
        stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f UTC")
        return self.exchange / COURSE_ID / "inbound" / f"{trainee}+{ASSIGNMENT}+{stamp}+x{trainee}"

    def scores(self) -> dict[str, float | None]:
        from nbgrader.api import Gradebook, MissingEntry

        out = {}
        with Gradebook(f"sqlite:///{self.root / 'gradebook.db'}", COURSE_ID) as gb:
            for student in gb.students:
                try:
                    sub = gb.find_submission(ASSIGNMENT, student.id)
                except MissingEntry:
                    continue
                out[student.id] = {g.name: g.score for nb in sub.notebooks for g in nb.grades}.get("tea-break")
        return out

    def results(self) -> dict:
        from pact_course.grading.results import results

        rows, _, _ = results(self.root, ASSIGNMENT, 0.8)
        return {r.trainee: r for r in rows}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The course built and released once; each test grades a copy of it."""
    root = tmp_path_factory.mktemp("built") / "course"
    (root / "content" / "scenarios").mkdir(parents=True)
    shutil.copy(REPO / "content" / "guidelines.yaml", root / "content" / "guidelines.yaml")
    shutil.copy(DATA / "tea-break.yaml", root / "content" / "scenarios" / "tea-break.yaml")
    shutil.copy(REPO / "nbgrader_config.py", root / "nbgrader_config.py")
    course = Course(root)
    course.run("pact-course", "build")
    course.run("release_assignment", ASSIGNMENT)
    return root


def copy_course(built: Path, tmp_path: Path) -> Course:
    shutil.copytree(built, tmp_path / "course", symlinks=True)
    shutil.copytree(Course(built).exchange, tmp_path / "course-exchange", symlinks=True)
    return Course(tmp_path / "course")


def files_under(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file() and not p.is_symlink()}


@pytest.mark.slow
@pytest.mark.timeout(1200)
def test_links_in_inbound_and_submitted_are_never_copied_or_graded(built, tmp_path):
    """Links, hard links and pipes in inbound/ and submitted/ are refused by name, never copied, and score as absent."""
    course = copy_course(built, tmp_path)
    victim = course.submission(tmp_path / "victim-workspace", ASSIGNMENT)  # another trainee's 8/8 log
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    secret.chmod(0o600)

    course.submission(course.inbound("honest").parent, course.inbound("honest").name)
    linker = course.submission(course.inbound("linker").parent, course.inbound("linker").name, log=None)
    (linker / "decisions.json").symlink_to(victim / "decisions.json")
    (linker / "gradebook.db").symlink_to(course.root / "gradebook.db")
    (linker / "notes").symlink_to(secret.parent, target_is_directory=True)
    hardlinker = course.submission(course.inbound("hardlinker").parent, course.inbound("hardlinker").name, log=None)
    os.link(victim / "decisions.json", hardlinker / "decisions.json")
    piper = course.submission(course.inbound("piper").parent, course.inbound("piper").name, log=None)
    os.mkfifo(piper / "decisions.json")  # a plain copy would wait for a writer forever
    nblinker = course.submission(course.inbound("nblinker").parent, course.inbound("nblinker").name)
    (nblinker / f"{ASSIGNMENT}.ipynb").unlink()
    (nblinker / f"{ASSIGNMENT}.ipynb").symlink_to(victim / f"{ASSIGNMENT}.ipynb")
    course.inbound("whole").symlink_to(victim, target_is_directory=True)

    collected = course.run("collect", ASSIGNMENT, timeout=180)
    said = collected.stdout + collected.stderr
    submitted = course.root / "submitted"
    assert (submitted / "honest" / ASSIGNMENT / "decisions.json").is_file()
    assert sorted(p.name for p in (submitted / "linker" / ASSIGNMENT).iterdir()) == [
        f"{ASSIGNMENT}.ipynb",
        "timestamp.txt",
    ]
    assert not (submitted / "hardlinker" / ASSIGNMENT / "decisions.json").exists()
    assert not (submitted / "piper" / ASSIGNMENT / "decisions.json").exists()
    assert not (submitted / "nblinker" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").exists()
    assert not (submitted / "whole").exists()
    for trainee in ("linker", "hardlinker", "piper", "nblinker", "whole"):
        assert "Refused" in said and f"trainee {trainee}" in said, (trainee, said[-3000:])
    print(said)

    # submissions planted in submitted/ directly (an older collect, a copy by hand) are checked before grading
    planted = course.submission(submitted / "planted", ASSIGNMENT, log=None)
    (planted / "decisions.json").symlink_to(victim / "decisions.json")
    (planted / "extra.txt").symlink_to(secret)
    plantednb = course.submission(submitted / "plantednb", ASSIGNMENT)
    (plantednb / f"{ASSIGNMENT}.ipynb").unlink()
    (plantednb / f"{ASSIGNMENT}.ipynb").symlink_to(victim / f"{ASSIGNMENT}.ipynb")

    graded = course.run("autograde", ASSIGNMENT, check=False, timeout=900)
    said = graded.stdout + graded.stderr
    print("\n".join(line for line in said.splitlines() if "Refused" in line))
    for trainee in ("planted", "plantednb"):
        assert f"trainee {trainee}" in said, (trainee, said[-3000:])
    autograded = course.root / "autograded"
    assert not (autograded / "planted" / ASSIGNMENT / "decisions.json").exists()
    assert not (autograded / "planted" / ASSIGNMENT / "extra.txt").exists()
    assert not (autograded / "plantednb" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").exists()
    for name, content in files_under(autograded).items():
        assert SECRET.encode() not in content, name
    scores = course.scores()
    assert scores["honest"] == 8
    for trainee in ("linker", "hardlinker", "piper", "planted"):
        assert scores[trainee] == 0, (trainee, scores)
    rows = course.results()
    assert rows["plantednb"].status == "not graded"
    assert "nblinker" not in rows or rows["nblinker"].status == "not graded"  # no notebook: nothing to grade


def autograde_killed_at(course: Course, trainee: str) -> None:
    """Run nbgrader autograde and kill it (SIGKILL, as a crash or an out-of-memory kill) once it grades `trainee`."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "nbgrader", "autograde", ASSIGNMENT],
        cwd=course.root,
        env=course.env(),
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 600
    assert proc.stderr is not None
    try:
        for line in proc.stderr:
            if "Autograding" in line and f"/{trainee}/" in line:
                break
            assert time.monotonic() < deadline, "autograde never reached the trainee"
        else:
            raise AssertionError(f"autograde ended before grading {trainee}")
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


@pytest.mark.slow
@pytest.mark.timeout(1500)
def test_an_interrupted_autograde_resumes_and_is_never_awaiting_manual_grading(built, tmp_path):
    """Killed mid-trainee, results calls that trainee interrupted (not awaiting manual grading); a rerun grades them."""
    course = copy_course(built, tmp_path)
    for trainee in ("t1", "t2", "t3"):
        course.submission(course.root / "submitted" / trainee, ASSIGNMENT)
    autograde_killed_at(course, "t2")
    rows = course.results()
    assert rows["t1"].status == "pass"
    assert rows["t2"].status == "not graded" and "interrupted" in rows["t2"].note, rows["t2"]
    from pact_course.grading.resume import reset_unfinished, unfinished

    assert unfinished(course.root, ASSIGNMENT) == ["t2"]
    course.run("autograde", ASSIGNMENT, timeout=900)
    rows = course.results()
    assert {t: rows[t].status for t in ("t1", "t2", "t3")} == {"t1": "pass", "t2": "pass", "t3": "pass"}
    assert unfinished(course.root, ASSIGNMENT) == [] and reset_unfinished(course.root, ASSIGNMENT) == []
    assert course.scores() == {"t1": 8, "t2": 8, "t3": 8}


def test_the_sanitizer_refuses_links_even_without_the_hook(tmp_path):
    """Without the pre-convert hook, the sanitizer removes what was copied for a link and refuses a linked notebook."""
    from nbgrader.coursedir import CourseDirectory

    from pact_course.grading.resume import in_progress
    from pact_course.grading.sanitize import SanitizeSubmission, SubmissionRefused

    coursedir = CourseDirectory(root=str(tmp_path))
    submitted, autograded = tmp_path / "submitted" / "sam" / ASSIGNMENT, tmp_path / "autograded" / "sam" / ASSIGNMENT
    submitted.mkdir(parents=True)
    autograded.mkdir(parents=True)
    (tmp_path / "other.json").write_text('{"format": 1, "decisions": []}')
    (submitted / "decisions.json").symlink_to(tmp_path / "other.json")
    (autograded / "decisions.json").write_text('{"format": 1, "decisions": []}')  # what nbgrader copied
    (submitted / f"{ASSIGNMENT}.ipynb").write_text("{}")
    info = {"student": "sam", "assignment": ASSIGNMENT, "notebook": ASSIGNMENT}
    SanitizeSubmission()._check(coursedir, info)
    assert not (autograded / "decisions.json").exists() and in_progress(autograded)
    (submitted / f"{ASSIGNMENT}.ipynb").unlink()
    (submitted / f"{ASSIGNMENT}.ipynb").symlink_to(tmp_path / "other.json")
    with pytest.raises(SubmissionRefused, match="sam"):
        SanitizeSubmission()._check(coursedir, info)
