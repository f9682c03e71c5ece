"""The scoring engine: a scenario's maximum, and the replay of decisions by the contract's rule."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from .decisions import Decision
from .model import Option, Scenario


class Taken(NamedTuple):
    """An option chosen at a step on the replayed path."""

    step_id: str
    option: Option


@dataclass
class Replay:
    """What a decision log earns in one scenario."""

    scenario_id: str
    maximum: int
    taken: list[Taken] = field(default_factory=list)
    finished: bool = False
    waiting_at: str | None = None  # the step that awaits a decision; None once finished

    @property
    def total(self) -> int:
        """The plain sum of points along the path (may be negative)."""
        return sum(t.option.points for t in self.taken)

    @property
    def score(self) -> int:
        return max(0, self.total)

    @property
    def upholds(self) -> list[str]:
        return list(dict.fromkeys(g for t in self.taken for g in t.option.upholds))

    @property
    def breaches(self) -> list[str]:
        return list(dict.fromkeys(g for t in self.taken for g in t.option.breaches))

    @property
    def critical(self) -> list[Taken]:
        return [t for t in self.taken if t.option.critical]


def _best(scenario: Scenario) -> dict[str, tuple[int, Option | None]]:
    """For every reachable step, the best sum from there to an end and the option that gives it."""
    return _best_cached(scenario.model_dump_json())


@lru_cache(maxsize=256)
def _best_cached(scenario_json: str) -> dict[str, tuple[int, Option | None]]:
    scenario = Scenario.model_validate_json(scenario_json)
    best: dict[str, tuple[int, Option | None]] = {}

    def solve(step_id: str, trail: frozenset[str]) -> int:
        if step_id in best:
            return best[step_id][0]
        step = scenario.steps[step_id]
        result: tuple[int, Option | None] = (0, None)
        for option in step.options:
            rest = 0
            if option.next in scenario.steps and option.next not in trail:
                rest = solve(option.next, trail | {step_id})
            total = option.points + rest
            if result[1] is None or total > result[0]:
                result = (total, option)
        best[step_id] = result
        return result[0]

    if scenario.start in scenario.steps:
        solve(scenario.start, frozenset())
    return best


def max_score(scenario: Scenario) -> int:
    """The best path's sum: the most a trainee can earn in this scenario."""
    best = _best(scenario)
    return max(0, best[scenario.start][0]) if scenario.start in best else 0


def best_path(scenario: Scenario) -> list[Taken]:
    """The steps and options of a best path, from start to an end."""
    best = _best(scenario)
    path: list[Taken] = []
    step_id: str | None = scenario.start
    while step_id in best and len(path) <= len(scenario.steps):
        option = best[step_id][1]
        if option is None:
            break
        path.append(Taken(step_id, option))
        step_id = option.next
    return path


def walk(scenario, decisions: Iterable[Decision], attempt: int | None = 1) -> tuple[list[Taken], str | None]:
    """The recorded path by the replay rule, for a scenario with or without its key.

    Walk from start taking, at each step, the first logged decision whose option exists there.
    Entries for other scenarios, other attempts, steps off the path, unknown options, and repeats
    at a step are skipped; they never void the rest. `attempt=None` takes every attempt.
    Returns the path and the step still waiting for a decision (None at an end).
    """
    first = {}
    for d in decisions:
        if d.scenario != scenario.id or (attempt is not None and d.attempt != attempt):
            continue
        step = scenario.steps.get(d.step)
        if step is None or d.step in first:
            continue
        option = step.option(d.option)
        if option is not None:
            first[d.step] = option
    taken: list[Taken] = []
    step_id: str | None = scenario.start
    visited: set[str] = set()
    while step_id is not None and step_id in first and step_id not in visited:
        visited.add(step_id)
        option = first[step_id]
        taken.append(Taken(step_id, option))
        step_id = option.next if option.next in scenario.steps else None
    return taken, step_id


def replay(scenario: Scenario, decisions: Iterable[Decision], attempt: int | None = 1) -> Replay:
    """Score a decision log: the path `walk` finds, its points, guidelines and critical errors."""
    taken, waiting = walk(scenario, decisions, attempt)
    return Replay(scenario.id, max_score(scenario), taken, finished=waiting is None, waiting_at=waiting)


def best_from(scenario: Scenario, step_id: str | None) -> int:
    """The most a trainee can still add from this step to an end (0 past an end)."""
    if step_id is None or step_id not in scenario.steps:
        return 0
    return max(o.points + best_from(scenario, o.next) for o in scenario.steps[step_id].options)


def best_to(scenario: Scenario, step_id: str) -> int | None:
    """The most a trainee can have earned on arriving at this step (None if it cannot be reached)."""
    if step_id == scenario.start:
        return 0
    sums = [
        before + o.points
        for other_id, other in scenario.steps.items()
        for o in other.options
        if o.next == step_id and (before := best_to(scenario, other_id)) is not None
    ]
    return max(sums) if sums else None


def best_through(scenario: Scenario, step_id: str, option: Option) -> int:
    """The best scenario score (as graded: 0 to the maximum) on a path that takes `option` at `step_id`."""
    before = best_to(scenario, step_id) or 0
    return min(max_score(scenario), max(0, before + option.points + best_from(scenario, option.next)))
