"""A scenario's structure checked on the data as read, so one wrong field never hides the rest."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from .problems import Loc, did_you_mean

MAX_STEPS = 50  # the bank's longest scenario has under 10
MAX_OPTIONS = 10  # per step; the bank uses 3 or 4
MAX_LOOP_SHOWN = 8  # steps of a cycle spelt out before the middle is shortened

Report = Callable[..., None]  # report(loc, message, at_key=False)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _options(step: Any) -> list[tuple[int, dict]]:
    """(index, option) for every option of a step that is a mapping."""
    options = step.get("options") if isinstance(step, dict) else None
    if not isinstance(options, list):
        return []
    return [(i, o) for i, o in enumerate(options) if isinstance(o, dict)]


def check_scenario(data: dict, stem: str, suffix: str, known: set[str], report: Report) -> None:
    """Report every rule a scenario breaks beyond its field types: ids, links, guidelines, paths, limits."""
    scenario_id, use = _text(data.get("id")), data.get("use")
    if scenario_id is not None and scenario_id != stem:
        report(("id",), f"'{scenario_id}' must equal the file name '{stem}'")
    if suffix != ".yaml":
        report((), "scenario files end in .yaml")
    if use == "assessment" and not data.get("assignment"):
        report(("assignment",), "an assessment scenario needs an assignment (e.g. induction)")
    if use == "practice" and data.get("assignment"):
        report(("assignment",), "only assessment scenarios belong to an assignment")
    if use == "assessment" and data.get("kiosk") is True:
        report(("kiosk",), "only practice scenarios can be shown on the kiosk")
    steps = data.get("steps")
    if not isinstance(steps, dict):
        return  # missing, or not a mapping: the field check says so
    if not steps:
        report(("steps",), "a scenario needs at least one step")
        return
    if len(steps) > MAX_STEPS:
        report(("steps",), f"a scenario may have at most {MAX_STEPS} steps; this one has {len(steps):,}")
    step_ids = [s for s in steps if isinstance(s, str)]
    start = _text(data.get("start"))
    if start is not None and start not in steps:
        report(("start",), f"no step '{start}'{did_you_mean(start, step_ids)}")
    for step_id in step_ids:
        _check_step(step_id, steps[step_id], step_ids, known, report)
    if start is not None and start in steps:
        _check_paths(steps, start, report)


def _check_step(step_id: str, step: Any, step_ids: list[str], known: set[str], report: Report) -> None:
    where: Loc = ("steps", step_id)
    options = step.get("options") if isinstance(step, dict) else None
    if isinstance(options, list) and not options:
        report((*where, "options"), "a step needs at least one option")
    if isinstance(options, list) and len(options) > MAX_OPTIONS:
        report((*where, "options"), f"a step may have at most {MAX_OPTIONS} options; this one has {len(options):,}")
    seen: set[str] = set()
    for i, option in _options(step):
        at: Loc = (*where, "options", i)
        option_id = _text(option.get("id"))
        if option_id is not None and option_id in seen:
            report((*at, "id"), f"duplicate option id '{option_id}' in step '{step_id}'")
        if option_id is not None:
            seen.add(option_id)
        nxt = _text(option.get("next"))
        if nxt is not None and nxt not in step_ids:
            report((*at, "next"), f"no step '{nxt}'{did_you_mean(nxt, step_ids)}")
        lists = {}
        for name in ("upholds", "breaches"):
            ids = option.get(name)
            lists[name] = [g for g in ids if isinstance(g, str)] if isinstance(ids, list) else []
            for j, gid in enumerate(ids if isinstance(ids, list) else []):
                if known and isinstance(gid, str) and gid not in known:
                    report((*at, name, j), f"unknown guideline id '{gid}'{did_you_mean(gid, sorted(known))}")
        both = set(lists["upholds"]) & set(lists["breaches"])
        if both:
            report(at, f"an option cannot both uphold and breach '{sorted(both)[0]}'")


def _edges(steps: dict, step_id: str) -> Iterator[tuple[int, str]]:
    for i, option in _options(steps.get(step_id)):
        nxt = option.get("next")
        if isinstance(nxt, str) and nxt in steps:
            yield i, nxt


def _loop_text(loop: list[str]) -> str:
    """`a -> b -> a`; a long loop is shortened in the middle and its length given."""
    if len(loop) > MAX_LOOP_SHOWN:
        return " -> ".join([*loop[:3], "...", *loop[-3:]]) + f" ({len(loop) - 1:,} steps)"
    return " -> ".join(loop)


def _check_paths(steps: dict, start: str, report: Report) -> None:
    """Unreachable steps, cycles, and a best path worth more than 0; iterative, so any length is safe."""
    state: dict[str, str] = {start: "open"}
    trail, position = [start], {start: 0}
    finished: list[str] = []  # every step after all the steps it leads to
    stack = [(start, _edges(steps, start))]
    cycles = 0
    while stack:
        step_id, edges = stack[-1]
        for i, nxt in edges:
            if state.get(nxt) == "open":
                cycles += 1
                loop = [*trail[position[nxt] :], nxt]
                report(
                    ("steps", step_id, "options", i, "next"), f"cycle: {_loop_text(loop)}; every path must reach an end"
                )
            elif nxt not in state:
                state[nxt] = "open"
                position[nxt] = len(trail)
                trail.append(nxt)
                stack.append((nxt, _edges(steps, nxt)))
                break
        else:
            state[step_id] = "done"
            finished.append(step_id)
            stack.pop()
            trail.pop()
            del position[step_id]
    for step_id in steps:
        if isinstance(step_id, str) and step_id not in state:
            report(("steps", step_id), f"unreachable: no path from start '{start}' leads here", at_key=True)
    if not cycles:
        best = _best_total(steps, finished)
        if best is not None and best <= 0:
            report(("steps",), "the best path scores 0 or less; at least one path must earn points")


def _best_total(steps: dict, finished: list[str]) -> int | None:
    """The best sum of points from the first step to an end, or None when some points are not whole numbers."""
    best: dict[str, int] = {}
    for step_id in finished:
        totals = []
        for _, option in _options(steps[step_id]):
            points = option.get("points")
            if not isinstance(points, int) or isinstance(points, bool):
                return None
            nxt = option.get("next")
            totals.append(points + best.get(nxt, 0) if isinstance(nxt, str) else points)
        best[step_id] = max(totals, default=0)
    return best[finished[-1]] if finished else None
