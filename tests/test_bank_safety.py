"""The assessment key's safety and give-away rules (issue 11), run over the real content/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pact_course.engine.content import load_course
from pact_course.engine.model import Course, Option, Scenario, Step
from pact_course.engine.scoring import best_through, max_score
from pact_course.engine.settings import PASS_THRESHOLD

REPO = Path(__file__).resolve().parents[1]

MIN_PER_ASSIGNMENT = 7
ASSIGNMENTS = ("induction", "safeguarding")
MIN_BANK = 30
FIRST_SHARE = (0.20, 0.40)
MAX_LEAD_SHARE = 0.70
NAMES_LEAD = re.compile(r"\b(Safeguarding Lead|Lead|Deputy)\b")


@pytest.fixture(scope="module")
def course() -> Course:
    return load_course(REPO)


def where(s: Scenario, step_id: str, i: int, o: Option) -> str:
    return f"content/scenarios/{s.id}.yaml: steps.{step_id}.options[{i}] ({o.id})"


def assessment_steps(course: Course) -> list[tuple[Scenario, str, Step]]:
    return [(s, step_id, step) for s in course.assessment() for step_id, step in s.steps.items()]


def best_index(step: Step) -> int:
    """Where the best option (the first with the most points) stands."""
    top = max(o.points for o in step.options)
    return next(i for i, o in enumerate(step.options) if o.points == top)


def is_longest(step: Step, i: int, lang: str) -> bool:
    lengths = [len(o.text.get(lang).strip()) for o in step.options]
    return lengths[i] == max(lengths)


def test_no_unsafe_path_can_pass(course: Course) -> None:
    """Every assessment option that breaches safeguarding or is critical fails the assignment: critical, or the best
    total with it is below the pass mark."""
    unsafe = []
    for assignment in course.assignments():
        scenarios = course.assessment(assignment)
        maxima = {s.id: max_score(s) for s in scenarios}
        total = sum(maxima.values())
        threshold = PASS_THRESHOLD * total
        for s in scenarios:
            others = total - maxima[s.id]
            for step_id, step in s.steps.items():
                for i, o in enumerate(step.options):
                    if o.critical or "safeguarding" not in o.breaches:
                        continue
                    reach = best_through(s, step_id, o) + others
                    if reach >= threshold - 1e-9:
                        unsafe.append(
                            f"{where(s, step_id, i, o)}: not critical, and a trainee who takes it can still "
                            f"reach {reach}/{total} in '{assignment}' (pass mark {threshold:g})"
                        )
    assert not unsafe, "\n".join(unsafe)


def test_every_safeguarding_breach_in_an_assessment_is_critical(course: Course) -> None:
    """Every assessment option that puts a parent or child at risk (breaches safeguarding) is critical, the same way
    across the bank."""
    soft = [
        f"{where(s, step_id, i, o)}: breaches safeguarding with {o.points} points but is not critical"
        for s, step_id, step in assessment_steps(course)
        for i, o in enumerate(step.options)
        if "safeguarding" in o.breaches and not o.critical
    ]
    assert not soft, "\n".join(soft)


def test_best_option_stands_first_at_20_to_40_percent(course: Course) -> None:
    """Over the assessments the best option is the first option at 20-40% of steps."""
    steps = assessment_steps(course)
    first = [f"{s.id}: steps.{step_id}" for s, step_id, step in steps if best_index(step) == 0]
    share = len(first) / len(steps)
    low, high = FIRST_SHARE
    assert low <= share <= high, (
        f"the best option stands first at {len(first)} of {len(steps)} assessment steps ({share:.0%}); "
        f"keep it between {low:.0%} and {high:.0%}. First at: {first}"
    )


def test_best_option_stands_in_every_position(course: Course) -> None:
    """Over the assessments the best option stands in every position (1st, 2nd, 3rd, 4th...) at some step."""
    steps = assessment_steps(course)
    widest = max(len(step.options) for _, _, step in steps)
    seen = {best_index(step) for _, _, step in steps}
    missing = [i + 1 for i in range(widest) if i not in seen]
    assert not missing, f"the best option never stands in position(s) {missing} of any assessment step"


def test_naming_the_lead_does_not_give_the_best_option_away(course: Course) -> None:
    """Where some option names the Safeguarding Lead, the best option names the Lead at no more than 70% of those
    steps."""
    steps = [
        (s, step_id, step)
        for s, step_id, step in assessment_steps(course)
        if any(NAMES_LEAD.search(o.text.en) for o in step.options)
    ]
    if not steps:
        pytest.skip("no assessment option names the Safeguarding Lead")
    best_names = [
        f"{s.id}: steps.{step_id}"
        for s, step_id, step in steps
        if NAMES_LEAD.search(step.options[best_index(step)].text.en)
    ]
    share = len(best_names) / len(steps)
    assert share <= MAX_LEAD_SHARE, (
        f"of {len(steps)} assessment steps where an option names the Lead, the best option names the Lead at "
        f"{len(best_names)} ({share:.0%} > {MAX_LEAD_SHARE:.0%}); add wrong options that name the Lead "
        f"(late, by email, to the wrong person). Best names the Lead at: {best_names}"
    )


def test_spanish_length_gives_away_no_more_than_english(course: Course) -> None:
    """The Spanish best option is the longest Spanish option at no more steps than the English best option is the
    longest English one."""
    steps = assessment_steps(course)
    longest = {
        lang: [f"{s.id}: steps.{step_id}" for s, step_id, step in steps if is_longest(step, best_index(step), lang)]
        for lang in ("en", "es")
    }
    only_es = sorted(set(longest["es"]) - set(longest["en"]))
    assert len(longest["es"]) <= len(longest["en"]), (
        f"the best option is the longest at {len(longest['es'])} Spanish but {len(longest['en'])} English "
        f"assessment steps; shorten the Spanish best option at: {only_es}"
    )


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_each_assignment_has_enough_scenarios(course: Course, assignment: str) -> None:
    """The induction and safeguarding assignments each hold at least 7 scenarios."""
    ids = [s.id for s in course.assessment(assignment)]
    assert len(ids) >= MIN_PER_ASSIGNMENT, f"'{assignment}' has {len(ids)} scenario(s): {ids}"


def test_bank_has_at_least_30_scenarios(course: Course) -> None:
    """The bank holds at least 30 scenarios in all."""
    assert len(course.scenarios) >= MIN_BANK, f"the bank has {len(course.scenarios)} scenarios"
