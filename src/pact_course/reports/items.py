"""Item analysis: at every step of every assessed scenario, the share of the cohort choosing each option, with flags."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..engine.decisions import Decision
from ..engine.model import Option, Scenario
from ..engine.scoring import replay

WRONG_SHARE = 0.40  # a wrong option chosen by more than this share of those who reached the step
BEST_SHARE = 0.20  # a best option chosen by fewer than this share
# The flags' words, in both languages, are "flag.<name>" in engine/console_words.py.


@dataclass
class OptionShare:
    """One option at one step and how many of those who reached the step chose it."""

    option: Option
    chosen: int
    reached: int
    best: bool
    flags: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.chosen / self.reached if self.reached else 0.0

    @property
    def wrong(self) -> bool:
        """A wrong option: critical, or goes against a guideline, or earns no points."""
        return self.option.critical or bool(self.option.breaches) or self.option.points <= 0


@dataclass
class StepItem:
    """One step of a scenario as an item of the assessment."""

    scenario: Scenario
    step_id: str
    reached: int
    options: list[OptionShare]

    @property
    def flags(self) -> list[tuple[OptionShare, str]]:
        return [(o, f) for o in self.options for f in o.flags]


def edge_counts(scenario: Scenario, logs: Iterable[list[Decision]]) -> Counter:
    """How many trainees took each (step id, option id) of a scenario, by the replay rule."""
    counts: Counter = Counter()
    for decisions in logs:
        for taken in replay(scenario, decisions).taken:
            counts[(taken.step_id, taken.option.id)] += 1
    return counts


def analyse(scenario: Scenario, logs: list[list[Decision]]) -> list[StepItem]:
    """Every step of a scenario with the share choosing each option and its flags (steps in the file's order)."""
    counts = edge_counts(scenario, logs)
    items = []
    for step_id, step in scenario.steps.items():
        reached = sum(counts[(step_id, o.id)] for o in step.options)
        top = max(o.points for o in step.options)
        shares = [OptionShare(o, counts[(step_id, o.id)], reached, o.points == top) for o in step.options]
        if reached:
            for s in shares:
                if s.wrong and s.share > WRONG_SHARE:
                    s.flags.append("wrong-popular")
                if s.best and s.share < BEST_SHARE:
                    s.flags.append("best-rare")
                if s.chosen == 0:
                    s.flags.append("unused")
        items.append(StepItem(scenario, step_id, reached, shares))
    return items


def analyse_all(scenarios: list[Scenario], logs: list[list[Decision]]) -> dict[str, list[StepItem]]:
    """The item analysis of every scenario, by scenario id."""
    return {s.id: analyse(s, logs) for s in scenarios}
