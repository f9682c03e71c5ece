"""A graded cohort in one object: each trainee's result, name, language, guideline counts and follow-up plan."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..engine.content import load_course
from ..engine.decisions import LOG_NAME, Decision, read_log
from ..engine.model import Course, Guideline, Scenario
from ..engine.roster import RosterError, read_roster
from ..engine.settings import pass_threshold
from ..grading.results import NOT_GRADED, TraineeResult, graded_scenarios, results
from .follow_up import FollowUpPlan, follow_up_plan, practice_log, tally


@dataclass
class Tally:
    """How often a trainee's graded decisions upheld and went against one guideline."""

    upheld: int = 0
    breached: int = 0
    critical: int = 0


@dataclass
class Trainee:
    """One trainee of the cohort."""

    result: TraineeResult
    name: str
    lang: str
    decisions: list[Decision] = field(default_factory=list)
    tallies: dict[str, Tally] = field(default_factory=dict)
    plan: FollowUpPlan | None = None

    @property
    def id(self) -> str:
        return self.result.trainee

    @property
    def graded(self) -> bool:
        return self.result.status != NOT_GRADED


@dataclass
class Cohort:
    """Everything the report and the console show about one assignment."""

    root: Path
    assignment: str
    course: Course
    scenarios: list[Scenario]  # as graded, in the notebook's order
    guidelines: list[Guideline]  # the guidelines the assignment assesses, by number
    trainees: list[Trainee]
    free_ids: list[str]
    threshold: float

    def trainee(self, trainee_id: str) -> Trainee:
        return next(t for t in self.trainees if t.id == trainee_id)

    @property
    def graded(self) -> list[Trainee]:
        return [t for t in self.trainees if t.graded]


def assessed_guidelines(course: Course, scenarios: list[Scenario]) -> list[Guideline]:
    """The guidelines any option of these scenarios upholds or goes against, in PACT's order."""
    used = {g for s in scenarios for step in s.steps.values() for o in step.options for g in (*o.upholds, *o.breaches)}
    return [g for g in course.guidelines if g.id in used]


def language_of(decisions: list[Decision], default: str = "en") -> str:
    """The language a trainee used most in their decisions."""
    counts = Counter(d.lang for d in decisions if d.lang in ("en", "es"))
    return counts.most_common(1)[0][0] if counts else default


def load_cohort(root: Path | str, assignment: str, threshold: float | None = None) -> Cohort:
    """Read the gradebook, the graded decision logs, the roster and the course; raises LookupError as `results`."""
    root = Path(root).resolve()
    threshold = pass_threshold() if threshold is None else threshold
    course = load_course(root)
    rows, scenario_ids, free_ids = results(root, assignment, threshold)
    graded = graded_scenarios(root, assignment)
    scenarios = [graded[s] for s in scenario_ids if s in graded]
    try:
        roster = read_roster(root)
    except RosterError:
        roster = {}
    # Scenarios as graded (the hidden tests' copy) win over content/ for this assignment's plans.
    merged = Course(guidelines=course.guidelines, scenarios={**course.scenarios, **{s.id: s for s in scenarios}})
    trainees = []
    for row in rows:
        person = roster.get(row.trainee)
        decisions: list[Decision] = []
        if row.status != NOT_GRADED:
            decisions = read_log(root / "autograded" / row.trainee / assignment / LOG_NAME).decisions
        lang = person.lang if person else language_of(decisions)
        trainee = Trainee(row, person.display_name if person else row.trainee, lang, decisions)
        if trainee.graded:
            upheld, breached, critical, _missed = tally(scenarios, decisions)
            trainee.tallies = {g.id: Tally(upheld[g.id], breached[g.id], critical[g.id]) for g in course.guidelines}
            trainee.plan = follow_up_plan(merged, row, practice_log(root, row.trainee), decisions)
        trainees.append(trainee)
    return Cohort(
        root=root,
        assignment=assignment,
        course=merged,
        scenarios=scenarios,
        guidelines=assessed_guidelines(course, scenarios),
        trainees=trainees,
        free_ids=free_ids,
        threshold=threshold,
    )
