"""A trainee's follow-up plan: the guidelines to work on, in words, and the practice scenarios not done yet for each."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..engine.decisions import LOG_NAME, Decision, read_log
from ..engine.messages import t
from ..engine.model import Course, Guideline, Scenario
from ..engine.practice import modules, progress
from ..engine.scoring import best_path, replay
from ..grading.results import FOLLOW_UP, TraineeResult


@dataclass(frozen=True)
class GuidelineToWorkOn:
    """One guideline a trainee should work on, why, and the practice that trains it."""

    guideline: Guideline
    breached: int = 0  # graded decisions that went against it
    critical: int = 0  # critical errors among the decisions that went against it
    missed: int = 0  # steps where the trainee's option did not uphold it and the best option did
    to_do: tuple[Scenario, ...] = ()  # practice scenarios that train it and that the trainee has not finished
    done: tuple[Scenario, ...] = ()  # practice scenarios that train it and that the trainee has finished

    def why(self, lang: str = "en") -> str:
        """The reasons in words, e.g. "2 decision(s) went against it; 1 critical error(s): ..."."""
        parts = []
        if self.critical:
            parts.append(t("followup.why_critical", lang, n=self.critical))
        if self.breached:
            parts.append(t("followup.why_breached", lang, n=self.breached))
        if self.missed:
            parts.append(t("followup.why_missed", lang, n=self.missed))
        return "; ".join(parts)

    def practice(self, lang: str = "en") -> str:
        """What to practise, in words: the scenarios not done yet, or those to play again."""
        if self.to_do:
            return t("followup.practise", lang, list=_titles(self.to_do, lang))
        if self.done:
            return t("followup.all_done", lang, list=_titles(self.done, lang))
        return t("followup.no_practice", lang)


@dataclass
class FollowUpPlan:
    """What a trainee should work on after an assessment; `needed` is False for a pass."""

    trainee: str
    needed: bool
    guidelines: list[GuidelineToWorkOn] = field(default_factory=list)

    @property
    def scenarios(self) -> list[Scenario]:
        """Every practice scenario the plan names as still to do, once, in the plan's order."""
        seen: dict[str, Scenario] = {}
        for item in self.guidelines:
            for s in item.to_do:
                seen.setdefault(s.id, s)
        return list(seen.values())

    def lines(self, lang: str = "en") -> list[str]:
        """The plan as plain sentences: a title, then per guideline its name, why, and what to practise."""
        out = [t("followup.title", lang)]
        if not self.guidelines:
            return [*out, t("followup.none", lang)]
        out.append(t("followup.intro", lang))
        for item in self.guidelines:
            g = item.guideline
            out.append(t("guideline", lang, number=g.number, title=g.title.get(lang)) + f" ({item.why(lang)})")
            out.append("  " + item.practice(lang))
        return out


def _titles(scenarios: Iterable[Scenario], lang: str) -> str:
    """Titles in quotation marks (English “…”, Spanish «…»), unless a title is already quoted."""
    marks = ("“", "”") if lang == "en" else ("«", "»")
    titles = [s.title.get(lang) for s in scenarios]
    return ", ".join(x if x[:1] in '"“«¿¡' and x[-1:] in '"”»?!' else f"{marks[0]}{x}{marks[1]}" for x in titles)


def trains(scenario: Scenario, guideline_id: str) -> bool:
    """A practice scenario trains a guideline when its best path upholds it or one of its options goes against it."""
    if any(guideline_id in taken.option.upholds for taken in best_path(scenario)):
        return True
    return any(guideline_id in o.breaches for step in scenario.steps.values() for o in step.options)


def practice_in_order(course: Course) -> list[Scenario]:
    """The practice scenarios in the order of the practice modules (what a trainee meets first, first)."""
    return [s for _, scenarios in modules(course) for s in scenarios]


def tally(scenarios: Iterable[Scenario], decisions: list[Decision]) -> tuple[Counter, Counter, Counter, Counter]:
    """Counts per guideline id over graded decisions: (upheld, breached, critical, missed)."""
    upheld: Counter[str] = Counter()
    breached: Counter[str] = Counter()
    critical: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    for scenario in scenarios:
        for taken in replay(scenario, decisions).taken:
            option = taken.option
            upheld.update(option.upholds)
            breached.update(option.breaches)
            step = scenario.steps[taken.step_id]
            best = max(step.options, key=lambda o: o.points)
            if option.critical:  # against the guidelines it breaches, else those the best option upholds
                critical.update(option.breaches or best.upholds)
            if best.points > option.points:
                missed.update(g for g in best.upholds if g not in option.upholds)
    return upheld, breached, critical, missed


def follow_up_plan(
    course: Course,
    result: TraineeResult,
    practice_decisions: Iterable[Decision] = (),
    graded_decisions: list[Decision] | None = None,
) -> FollowUpPlan:
    """The follow-up plan for one trainee's graded assessment.

    `result` is the trainee's row from `grading.results`; `practice_decisions` their practice log (what
    they have already played; empty when unknown); `graded_decisions` the graded decisions.json, which
    gives counts per guideline (without it, each breached guideline counts once). A pass needs no plan.
    """
    needed = result.status == FOLLOW_UP
    plan = FollowUpPlan(result.trainee, needed)
    if not needed:
        return plan
    if graded_decisions is not None:
        scenarios = [course.scenarios[s] for s in result.scenarios if s in course.scenarios]
        _upheld, breached, critical, missed = tally(scenarios, graded_decisions)
    else:
        breached = Counter(result.breached)
        critical = Counter()
        missed = Counter()
    wanted = [g for g in course.guidelines if breached[g.id] or critical[g.id] or missed[g.id]]
    wanted.sort(key=lambda g: (-critical[g.id], -breached[g.id], -missed[g.id], g.number))
    practice = practice_in_order(course)
    played = list(practice_decisions)
    finished = {s.id for s in practice if progress(s, played).status == "done"}
    for g in wanted:
        training = [s for s in practice if trains(s, g.id)]
        plan.guidelines.append(
            GuidelineToWorkOn(
                g,
                breached=breached[g.id],
                critical=critical[g.id],
                missed=missed[g.id],
                to_do=tuple(s for s in training if s.id not in finished),
                done=tuple(s for s in training if s.id in finished),
            )
        )
    return plan


def practice_log(root: Path | str, trainee: str) -> list[Decision]:
    """A trainee's practice decisions where this machine keeps them (`make course` workspaces); [] otherwise."""
    path = Path(root) / "workspaces" / trainee / LOG_NAME
    try:
        return read_log(path).decisions if path.is_file() else []
    except OSError:
        return []
