"""How far a trainee is: steps left in a scenario, and what an assessment still lacks before it is submitted."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .answers import Answers, answered
from .decisions import Decision
from .model import Text
from .scoring import walk


def path_lengths(scenario, step_id: str | None = None) -> tuple[int, int]:
    """The fewest and the most steps a trainee can meet from `step_id` (default: the start) to an end.

    Iterative and memoised; a link back to a step being counted (a cycle, which validation refuses) ends the path.
    """
    step_id = scenario.start if step_id is None else step_id
    if step_id not in scenario.steps:
        return 0, 0
    lengths: dict[str, tuple[int, int]] = {}
    open_steps: set[str] = set()
    stack = [step_id]
    while stack:
        sid = stack[-1]
        if sid in lengths:
            stack.pop()
            continue
        options = scenario.steps[sid].options
        nexts = [o.next if o.next in scenario.steps else None for o in options]
        todo = [n for n in nexts if n is not None and n not in lengths and n not in open_steps]
        if todo and sid not in open_steps:
            open_steps.add(sid)
            stack.extend(todo)
            continue
        open_steps.discard(sid)
        after = [lengths.get(n, (0, 0)) if n is not None else (0, 0) for n in nexts] or [(0, 0)]
        lengths[sid] = (1 + min(a[0] for a in after), 1 + max(a[1] for a in after))
        stack.pop()
    return lengths[step_id]


@dataclass(frozen=True)
class Part:
    """One part of an assessment: a scenario (kind "scenario") or a written answer (kind "answer")."""

    kind: str
    id: str
    number: int  # 1, 2, ... within its kind
    title: Text | None  # a scenario's title; None for a written answer
    done: bool


def assessment_parts(
    scenarios: Sequence, decisions: Iterable[Decision], answer_ids: Sequence[str], answers: Answers
) -> list[Part]:
    """Every part of an assessment in order, each marked done (scenario finished, answer written) or not."""
    decisions = list(decisions)
    parts = [
        Part("scenario", s.id, n, s.title, walk(s, decisions)[1] is None) for n, s in enumerate(scenarios, start=1)
    ]
    parts += [Part("answer", item, n, None, answered(answers.text(item))) for n, item in enumerate(answer_ids, start=1)]
    return parts


def missing(parts: Iterable[Part]) -> list[Part]:
    """The parts not done yet, in order."""
    return [p for p in parts if not p.done]
