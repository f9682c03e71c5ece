"""The guideline x scenario coverage table: which scenarios practise and assess each guideline."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Course, Scenario


@dataclass(frozen=True)
class Cell:
    """How many options of one scenario uphold and breach one guideline."""

    upholds: int = 0
    breaches: int = 0

    def __bool__(self) -> bool:
        return bool(self.upholds or self.breaches)

    def __str__(self) -> str:
        return f"{self.upholds}/{self.breaches}" if self else "."


def cell(scenario: Scenario, guideline_id: str) -> Cell:
    options = [o for step in scenario.steps.values() for o in step.options]
    return Cell(
        sum(guideline_id in o.upholds for o in options),
        sum(guideline_id in o.breaches for o in options),
    )


def gaps(course: Course) -> dict[str, list[str]]:
    """For each guideline, what it lacks: no practice scenario and/or no assessment scenario."""
    found: dict[str, list[str]] = {}
    for g in course.guidelines:
        missing = []
        for use, scenarios in (("practice", course.practice()), ("assessment", course.assessment())):
            if not any(cell(s, g.id) for s in scenarios):
                missing.append(use)
        if missing:
            found[g.id] = missing
    return found


def render(course: Course) -> str:
    """A plain-text table: a row per guideline, a column per scenario (practice, then assessment)."""
    practice, assessment = course.practice(), course.assessment()
    columns = practice + assessment
    codes = [f"P{i + 1}" for i in range(len(practice))] + [f"A{i + 1}" for i in range(len(assessment))]
    width = max([5] + [len(c) for c in codes])
    head = f"{'#':>2} {'guideline':<18}" + "".join(f"{c:>{width}}" for c in codes) + "  practice  assessment"
    lines = ["Options that uphold/breach each guideline, per scenario ('.' = none)", "", head]
    missing = gaps(course)
    for g in course.guidelines:
        cells = [cell(s, g.id) for s in columns]
        n_practice = sum(bool(c) for c in cells[: len(practice)])
        n_assessment = sum(bool(c) for c in cells[len(practice) :])
        flag = f"  <- NOT COVERED in {' and '.join(missing[g.id])}" if g.id in missing else ""
        lines.append(
            f"{g.number:>2} {g.id:<18}"
            + "".join(f"{c!s:>{width}}" for c in cells)
            + f"  {n_practice:>8}  {n_assessment:>10}{flag}"
        )
    lines += ["", "Scenarios:"]
    lines += [
        f"  {code:<4} {s.id} ({s.use}{', ' + s.assignment if s.assignment else ''})"
        for code, s in zip(codes, columns, strict=True)
    ]
    lines.append("")
    if missing:
        lines.append(f"{len(missing)} guideline(s) not covered: {', '.join(missing)}")
    else:
        lines.append(f"All {len(course.guidelines)} guidelines are covered in practice and assessment.")
    return "\n".join(lines)
