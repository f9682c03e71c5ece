"""Where each trainee is in an assignment's cycle: not submitted, submitted, collected, graded, feedback released."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..engine.roster import RosterError, read_roster
from ..engine.settings import COURSE_ID, exchange_dir
from ..grading.cohort import CourseConfig, needs_grading

NOT_SUBMITTED = "not submitted yet"
SUBMITTED = "submitted, not collected"
COLLECTED = "collected, not graded"
GRADED = "graded"
FEEDBACK_MADE = "graded, feedback not released"
FEEDBACK_RELEASED = "feedback released"
ORDER = (NOT_SUBMITTED, SUBMITTED, COLLECTED, GRADED, FEEDBACK_MADE, FEEDBACK_RELEASED)


@dataclass(frozen=True)
class Row:
    """One trainee's place in the cycle."""

    id: str
    name: str
    status: str


def inbound_students(root: Path, assignment: str) -> set[str]:
    """Trainees with a submission waiting in the exchange (nbgrader names them `<id>+<assignment>+<time>`)."""
    inbound = exchange_dir(root) / COURSE_ID / "inbound"
    try:
        names = [p.name for p in inbound.iterdir()]
    except OSError:
        return set()
    return {n.split("+")[0] for n in names if n.count("+") >= 2 and n.split("+")[1] == assignment}


def feedback_released(root: Path, assignment: str, student: str) -> bool:
    """True when every feedback page made for the trainee is in the exchange (nbgrader's hash of their secret)."""
    from nbgrader.utils import notebook_hash

    folder = root / "feedback" / student / assignment
    pages = sorted(folder.glob("*.html"))
    try:
        secret = (folder / "submission_secret.txt").read_text(encoding="utf-8")
    except OSError:
        return False
    out = exchange_dir(root) / COURSE_ID / "feedback"
    return bool(pages) and all(
        (out / f"{notebook_hash(secret=secret, notebook_id=p.stem)}.html").is_file() for p in pages
    )


def trainees(root: Path, assignment: str) -> list[Row]:
    """Everyone on the roster, in the gradebook or with a submission, with their status, sorted by name."""
    from nbgrader.api import Gradebook

    course = CourseConfig.load(root)
    try:
        roster = {p.id: p for p in read_roster(root).values() if p.role == "trainee"}
    except RosterError:
        roster = {}
    ids = set(roster) | inbound_students(root, assignment)
    submitted = root / "submitted"
    if submitted.is_dir():
        ids |= {p.name for p in submitted.iterdir() if (p / assignment).is_dir()}
    names: dict[str, str] = {}
    try:
        with Gradebook(course.db_url) as gb:
            for s in gb.students:
                ids.add(s.id)
                names[s.id] = " ".join(x for x in (s.first_name, s.last_name) if x)
    except Exception:  # noqa: BLE001 - no gradebook yet: the roster and the exchange still say who is there
        pass
    waiting = inbound_students(root, assignment)
    rows = []
    for sid in ids:
        person = roster.get(sid)
        name = (person.name if person else "") or names.get(sid) or sid
        rows.append(Row(sid, name, _status(course, root, assignment, sid, waiting)))
    return sorted(rows, key=lambda r: (r.name.lower(), r.id))


def _status(course: CourseConfig, root: Path, assignment: str, sid: str, waiting: set[str]) -> str:
    if not (root / "submitted" / sid / assignment).is_dir():
        return SUBMITTED if sid in waiting else NOT_SUBMITTED
    if needs_grading(course, assignment, sid):
        return COLLECTED
    if feedback_released(root, assignment, sid):
        return FEEDBACK_RELEASED
    if (root / "feedback" / sid / assignment).is_dir():
        return FEEDBACK_MADE
    return GRADED
