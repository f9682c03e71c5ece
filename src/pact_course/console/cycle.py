"""The assessment cycle for the console: nbgrader's own Python API, each outcome said in plain words."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..engine.messages import t
from ..grading.cohort import CourseConfig, Failure
from ..grading.names import sync_names
from ..grading.parallel import autograde, default_jobs, plan

Said = tuple[str, dict]  # a message key of engine/console_words.py and its values


@dataclass
class Outcome:
    """What one button did: success, sentences for the trainer, and each trainee's problem, in either language."""

    ok: bool
    said: list[Said]
    problems: list[Said] = field(default_factory=list)

    @classmethod
    def one(cls, ok: bool, key: str, **values) -> Outcome:
        return cls(ok, [(f"console.out.{key}", values)])

    def text(self, lang: str = "en") -> str:
        return " ".join(t(key, lang, **values) for key, values in self.said)

    def problem_lines(self, lang: str = "en") -> list[str]:
        return [t(key, lang, **values) for key, values in self.problems]

    @property
    def message(self) -> str:
        return self.text("en")


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
            return Outcome.one(False, "not_prepared", a=assignment, reason=_last_line(made))
    result = nbg.release_assignment(assignment)
    if result.get("success"):
        return Outcome.one(True, "released", a=assignment)
    if "already exists" in _said(result):
        return Outcome.one(True, "already_released", a=assignment)
    return Outcome.one(False, "not_released", a=assignment, reason=_last_line(result))


def collect(root: Path, assignment: str) -> Outcome:
    """Bring every submission from the exchange into submitted/ (newer ones replace older)."""
    result = api(root).collect(assignment)
    said = _said(result)
    if not result.get("success"):
        if "course not found" in said:
            return Outcome.one(False, "collect_first_release")
        return Outcome.one(False, "collect_failed", reason=_last_line(result))
    if "no submissions" in said:
        return Outcome.one(True, "nobody_submitted")
    count = said.count("collecting submission")
    return Outcome.one(True, "collected", n=count) if count else Outcome.one(True, "nothing_new")


def grade(
    root: Path, assignment: str, progress: Callable[[str, Failure | None], None] | None = None, jobs: int | None = None
) -> Outcome:
    """Autograde every collected, not yet graded submission in parallel (the course's autograde)."""
    sync_names(root)
    result = autograde(root, assignment, jobs=jobs or default_jobs(), progress=progress)
    problems: list[Said] = [("console.out.failure", {"who": f.student, "reason": f.reason}) for f in result.failed]
    said: list[Said] = [("console.out.graded", {"n": len(result.graded)})]
    if result.skipped:
        said.append(("console.out.skipped", {"n": len(result.skipped)}))
    if result.failed:
        said.append(("console.out.failed", {"n": len(result.failed)}))
    return Outcome(not result.failed, said, problems)


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
            return Outcome.one(False, "grade_first")
        return Outcome.one(False, "feedback_failed", reason=_last_line(made))
    sent = nbg.release_feedback(assignment)
    if not sent.get("success"):
        return Outcome.one(False, "feedback_not_sent", reason=_last_line(sent))
    count = _said(sent).count("releasing feedback for student")
    return Outcome.one(True, "feedback_sent", n=count)


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
