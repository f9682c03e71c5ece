"""Test helper: a trainer's copy of the course with a graded induction cohort (real nbgrader autograde, no browser)."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from lab import TrainerCourse
from pact_course.engine.content import load_course
from pact_course.engine.model import Scenario
from pact_course.engine.scoring import best_path

ASSIGNMENT = "induction"


def best_choices(scenario: Scenario) -> list[tuple[str, str]]:
    return [(t.step_id, t.option.id) for t in best_path(scenario)]


def worst_choices(scenario: Scenario) -> list[tuple[str, str]]:
    """The lowest-points option at each step, critical first, following where it leads."""
    out: list[tuple[str, str]] = []
    step_id: str | None = scenario.start
    seen: set[str] = set()
    while step_id is not None and step_id in scenario.steps and step_id not in seen:
        seen.add(step_id)
        option = min(scenario.steps[step_id].options, key=lambda o: (not o.critical, o.points))
        out.append((step_id, option.id))
        step_id = option.next
    return out


@dataclass
class Member:
    """One trainee of the test cohort: who, what they chose, and what the report must say about them."""

    id: str
    name: str
    lang: str
    plan: str  # "best" or "worst" in every scenario
    submits: bool = True
    practised: list[str] = field(default_factory=list)  # practice scenarios finished (best path) in their workspace

    def decisions(self, scenarios: list[Scenario]) -> list[dict]:
        out = []
        for s in scenarios:
            for step, option in best_choices(s) if self.plan == "best" else worst_choices(s):
                out.append(
                    {
                        "scenario": s.id,
                        "step": step,
                        "option": option,
                        "attempt": 1,
                        "lang": self.lang,
                        "at": "2026-12-01T10:00:00Z",
                    }
                )
        return out


COHORT = [
    Member("ana", "Ana María Núñez", "es", "best"),
    Member("ben", "Ben Okafor", "en", "worst"),
    Member("cleo", "Cleo Grant", "en", "worst", practised=["crying-baby", "late-joiner"]),
    Member("dev", "Dev Patel", "en", "best", submits=False),
]


def log(entries: list[dict]) -> str:
    return json.dumps({"format": 1, "decisions": entries})


def submit(course: TrainerCourse, member: Member, scenarios: list[Scenario], stamp: str) -> None:
    """What `nbgrader collect` leaves in submitted/: the released files, the trainee's log and a timestamp."""
    folder = course.root / "submitted" / member.id / ASSIGNMENT
    shutil.copytree(course.root / "release" / ASSIGNMENT, folder)
    (folder / "decisions.json").write_text(log(member.decisions(scenarios)), encoding="utf-8")
    (folder / "timestamp.txt").write_text(stamp, encoding="utf-8")


def mark_reflections(course: TrainerCourse, trainee: str, score: float = 2.0) -> None:
    """The trainer marks each written reflection in the formgrader (the gradebook's manual score)."""
    from nbgrader.api import Gradebook

    with Gradebook(course.gradebook_url) as gb:
        submission = gb.find_submission(ASSIGNMENT, trainee)
        for nb in submission.notebooks:
            for grade in nb.grades:
                if grade.cell.cell_type == "markdown":
                    grade.manual_score = score
        gb.db.commit()


def graded_cohort(base: Path, cohort: list[Member] = COHORT) -> TrainerCourse:
    """Build and grade the cohort: roster, submissions, the course's parallel autograde, reflections marked."""
    from pact_course.engine.roster import upsert
    from pact_course.grading.names import sync_names
    from pact_course.grading.parallel import autograde

    course = TrainerCourse.copy_of_repo(base)
    course.pact("build", ASSIGNMENT)
    scenarios = load_course(course.root).assessment(ASSIGNMENT)
    for m in cohort:
        upsert(course.root, m.id, role="trainee", name=m.name, lang=m.lang)
        if m.practised:
            practice = load_course(course.root).scenarios
            entries = [
                {"scenario": sid, "step": step, "option": option, "attempt": 1, "lang": m.lang}
                for sid in m.practised
                for step, option in best_choices(practice[sid])
            ]
            ws = course.root / "workspaces" / m.id
            ws.mkdir(parents=True, exist_ok=True)
            (ws / "decisions.json").write_text(log(entries), encoding="utf-8")
    for m in cohort:
        if m.submits:
            submit(course, m, scenarios, "2026-12-01 10:30:00.000000 UTC")
    import os

    saved = {k: os.environ.get(k) for k in ("PACT_GRADEBOOK_URL", "PACT_EXCHANGE")}
    os.environ.update(PACT_GRADEBOOK_URL=course.gradebook_url, PACT_EXCHANGE=str(course.exchange))
    try:
        sync_names(course.root)
        report = autograde(course.root, ASSIGNMENT, jobs=2)
        assert not report.failed, report.failed
        for m in cohort:
            if m.submits:
                mark_reflections(course, m.id)
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return course
