"""The assessment cycle for the console: nbgrader's own Python API, each outcome said in plain words."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..grading.cohort import CourseConfig, Failure
from ..grading.names import sync_names
from ..grading.parallel import autograde, default_jobs, plan


@dataclass
class Outcome:
    """What one button did: success, a sentence for the trainer, and each trainee's problem in words."""

    ok: bool
    message: str
    problems: list[str] = field(default_factory=list)


def quiet() -> None:
    """Silence library chatter a trainer cannot act on (SQLAlchemy and traitlets warnings, their log)."""
    warnings.filterwarnings("ignore", module="sqlalchemy")
    warnings.filterwarnings("ignore", message=".*SAWarning.*")
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    logging.getLogger("traitlets").setLevel(logging.ERROR)


def api(root: Path):
    """nbgrader's NbGraderAPI on the course's own nbgrader_config.py."""
    from nbgrader.apps.api import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    quiet()
    config = CourseConfig.load(root).config()
    coursedir = CourseDirectory(config=config)
    coursedir.root = str(root)
    return NbGraderAPI(coursedir=coursedir, config=config)


def _said(result: dict | None) -> str:
    """nbgrader's log and error of one call, as one lower-case text to look for known messages in."""
    if not result:
        return ""
    return f"{result.get('log') or ''}\n{result.get('error') or ''}".lower()


def _last_line(result: dict | None) -> str:
    lines = [x.strip() for x in f"{(result or {}).get('error') or ''}".splitlines() if x.strip()]
    return lines[-1][:300] if lines else "nbgrader gave no reason"


def release(root: Path, assignment: str) -> Outcome:
    """Put the assignment in the exchange for trainees to fetch (making release/ first if needed)."""
    nbg = api(root)
    if not (root / "release" / assignment).is_dir():
        made = nbg.generate_assignment(assignment)
        if not made.get("success"):
            return Outcome(False, f"“{assignment}” could not be prepared for release: {_last_line(made)}")
    result = nbg.release_assignment(assignment)
    if result.get("success"):
        return Outcome(True, f"Released: trainees can now fetch “{assignment}” from their Assignments tab.")
    if "already exists" in _said(result):
        return Outcome(True, f"“{assignment}” was already released: trainees can fetch it.")
    return Outcome(False, f"“{assignment}” could not be released: {_last_line(result)}")


def collect(root: Path, assignment: str) -> Outcome:
    """Bring every submission from the exchange into submitted/ (newer ones replace older)."""
    result = api(root).collect(assignment)
    said = _said(result)
    if not result.get("success"):
        if "course not found" in said:
            return Outcome(False, "Nothing to collect: the assessment has not been released yet (press 1. Release).")
        return Outcome(False, f"Collecting failed: {_last_line(result)}")
    if "no submissions" in said:
        return Outcome(True, "Nobody has submitted yet: nothing to collect.")
    count = said.count("collecting submission")
    return Outcome(True, f"Collected {count} submission(s)." if count else "Collected: nothing new since last time.")


def grade(
    root: Path, assignment: str, progress: Callable[[str, Failure | None], None] | None = None, jobs: int | None = None
) -> Outcome:
    """Autograde every collected, not yet graded submission in parallel (the course's autograde)."""
    sync_names(root)
    result = autograde(root, assignment, jobs=jobs or default_jobs(), progress=progress)
    problems = [f"{f.student}: could not be graded: {f.reason}" for f in result.failed]
    parts = [f"Graded {len(result.graded)} trainee(s)."]
    if result.skipped:
        parts.append(f"{len(result.skipped)} already graded.")
    if result.failed:
        parts.append(f"{len(result.failed)} could not be graded (see below).")
    return Outcome(not result.failed, " ".join(parts), problems)


def to_grade(root: Path, assignment: str) -> int:
    """How many trainees the next autograde will grade (for the progress bar's length)."""
    todo, _skipped, _missing = plan(CourseConfig.load(root), assignment)
    return len(todo)


def feedback(root: Path, assignment: str) -> Outcome:
    """Generate every graded trainee's feedback page and release it to them."""
    nbg = api(root)
    made = _generate_feedback(nbg, assignment)
    if not made.get("success"):
        if "no notebooks were matched" in _said(made):
            return Outcome(False, "No feedback to make yet: nobody is graded (collect and autograde first).")
        return Outcome(False, f"The feedback could not be made: {_last_line(made)}")
    sent = nbg.release_feedback(assignment)
    if not sent.get("success"):
        return Outcome(False, f"The feedback was made but could not be released: {_last_line(sent)}")
    count = _said(sent).count("releasing feedback for student")
    return Outcome(True, f"Feedback released to {count} trainee(s): they fetch it from their Assignments tab.")


def _generate_feedback(nbg, assignment: str) -> dict:
    """nbgrader's GenerateFeedback converter with the course's own template (NbGraderAPI.generate_feedback
    would force nbgrader's default 'feedback' template over the course's nbgrader_config.py)."""
    from nbgrader.converters import GenerateFeedback
    from nbgrader.utils import capture_log

    previous = nbg.coursedir.assignment_id
    nbg.coursedir.assignment_id = assignment
    try:
        app = GenerateFeedback(coursedir=nbg.coursedir, parent=nbg)
        app.force = True
        return capture_log(app)
    finally:
        nbg.coursedir.assignment_id = previous
