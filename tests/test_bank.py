"""The scenario bank's quality rules, run over the real content/ so the bank cannot silently decay."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from pact_course.engine.content import load_course, load_scenario_files
from pact_course.engine.model import Course, Scenario, Text

REPO = Path(__file__).resolve().parents[1]

MIN_PRACTICE = 10
MIN_ASSESSMENT = 6
REQUIRED_ASSIGNMENTS = {"induction", "safeguarding"}
MIN_BRANCHING_SHARE = 0.6
MIN_OPTIONS = 3
MIN_PRACTICE_PER_GUIDELINE = 2
MIN_ASSESSMENT_PER_GUIDELINE = 1
MIN_CRITICAL_ASSESSMENTS = 2
MIN_KIOSK = 3
MIN_FEEDBACK_CHARS = 60
MAX_GIVEAWAY_SHARE = 0.5
FORMAL_YOU = re.compile(r"\busted\b", re.IGNORECASE)  # "ustedes" is the ordinary plural, so allowed


@pytest.fixture(scope="module")
def course() -> Course:
    return load_course(REPO)


def texts(scenario: Scenario) -> Iterator[tuple[str, Text]]:
    """Every human-readable text of a scenario, with where it sits."""
    yield f"{scenario.id}: title", scenario.title
    yield f"{scenario.id}: setting", scenario.setting
    for step_id, step in scenario.steps.items():
        yield f"{scenario.id}: steps.{step_id}.prompt", step.prompt
        for i, option in enumerate(step.options):
            where = f"{scenario.id}: steps.{step_id}.options[{i}] ({option.id})"
            yield f"{where}.text", option.text
            yield f"{where}.feedback", option.feedback


def paths(scenario: Scenario) -> list[list[str]]:
    """Every path of step ids from the start to an end (validation rules out cycles)."""
    found: list[list[str]] = []

    def walk(step_id: str, trail: list[str]) -> None:
        trail = [*trail, step_id]
        follow = {o.next for o in scenario.steps[step_id].options if o.next in scenario.steps}
        if any(o.next is None for o in scenario.steps[step_id].options) or not follow:
            found.append(trail)
        for next_id in sorted(follow):
            walk(next_id, trail)

    walk(scenario.start, [])
    return found


def is_branching(scenario: Scenario) -> bool:
    """Some step's options lead to different next steps, and some path has two or more decisions."""
    forks = any(len({o.next for o in step.options}) > 1 for step in scenario.steps.values())
    return forks and max(len(p) for p in paths(scenario)) >= 2


def touched(scenario: Scenario) -> set[str]:
    """The guideline ids that any option of the scenario upholds or breaches."""
    return {
        g for step in scenario.steps.values() for option in step.options for g in (*option.upholds, *option.breaches)
    }


def test_bank_has_enough_scenarios(course: Course) -> None:
    """The bank holds at least 10 practice and 6 assessment scenarios, with assessments in induction and
    safeguarding."""
    practice = [s.id for s in course.practice()]
    assessment = [s.id for s in course.assessment()]
    assert len(practice) >= MIN_PRACTICE, f"only {len(practice)} practice scenarios: {practice}"
    assert len(assessment) >= MIN_ASSESSMENT, f"only {len(assessment)} assessment scenarios: {assessment}"
    missing = REQUIRED_ASSIGNMENTS - set(course.assignments())
    assert not missing, f"no assessment scenario in assignment(s) {sorted(missing)}"


def test_most_scenarios_branch(course: Course) -> None:
    """At least 60% of scenarios branch: a choice changes what happens next, on a path of two or more decisions."""
    scenarios = list(course.scenarios.values())
    linear = [s.id for s in scenarios if not is_branching(s)]
    share = 1 - len(linear) / len(scenarios)
    assert share >= MIN_BRANCHING_SHARE, f"only {share:.0%} of scenarios branch; not branching: {linear}"


def test_every_step_offers_enough_options(course: Course) -> None:
    """Every step offers at least three options."""
    thin = [
        f"{s.id}: steps.{step_id} has {len(step.options)} option(s)"
        for s in course.scenarios.values()
        for step_id, step in s.steps.items()
        if len(step.options) < MIN_OPTIONS
    ]
    assert not thin, "\n".join(thin)


def test_no_step_scores_every_option_the_same(course: Course) -> None:
    """At every step the options differ in points, so the choice matters."""
    flat = [
        f"{s.id}: steps.{step_id}: every option scores {step.options[0].points}"
        for s in course.scenarios.values()
        for step_id, step in s.steps.items()
        if len({o.points for o in step.options}) == 1
    ]
    assert not flat, "\n".join(flat)


def test_best_choice_is_never_beaten_by_a_detour(course: Course) -> None:
    """At every step a top-scoring option also leads to the best total, so a weaker choice never pays off later."""

    def best_from(scenario: Scenario, step_id: str | None) -> int:
        if step_id is None or step_id not in scenario.steps:
            return 0
        return max(o.points + best_from(scenario, o.next) for o in scenario.steps[step_id].options)

    detours = []
    for s in course.scenarios.values():
        for step_id, step in s.steps.items():
            top = max(o.points for o in step.options)
            straight = max(o.points + best_from(s, o.next) for o in step.options if o.points == top)
            for o in step.options:
                total = o.points + best_from(s, o.next)
                if o.points < top and total >= straight:
                    detours.append(
                        f"{s.id}: steps.{step_id}: option '{o.id}' ({o.points} points) reaches a total "
                        f"of {total}, not below the top-scoring option's {straight}"
                    )
    assert not detours, "\n".join(detours)


def test_best_option_is_not_given_away(course: Course) -> None:
    """Across the bank the best option is the first, or the longest, at no more than half the steps."""
    steps = [step for s in course.scenarios.values() for step in s.steps.values()]

    def best(step) -> int:
        top = max(o.points for o in step.options)
        return next(i for i, o in enumerate(step.options) if o.points == top)

    first = sum(best(step) == 0 for step in steps) / len(steps)
    longest = sum(
        len(step.options[best(step)].text.en) == max(len(o.text.en) for o in step.options) for step in steps
    ) / len(steps)
    assert first <= MAX_GIVEAWAY_SHARE, f"the best option comes first at {first:.0%} of steps; vary the order"
    assert longest <= MAX_GIVEAWAY_SHARE, (
        f"the best option is the longest at {longest:.0%} of steps; trim it or give weaker options more detail"
    )


def test_every_guideline_is_practised_and_assessed(course: Course) -> None:
    """Each guideline is upheld or breached in at least two practice scenarios and one assessment scenario."""
    gaps = []
    for guideline in course.guidelines:
        practised = [s.id for s in course.practice() if guideline.id in touched(s)]
        assessed = [s.id for s in course.assessment() if guideline.id in touched(s)]
        if len(practised) < MIN_PRACTICE_PER_GUIDELINE:
            gaps.append(f"guideline {guideline.number} '{guideline.id}': practice scenarios {practised}")
        if len(assessed) < MIN_ASSESSMENT_PER_GUIDELINE:
            gaps.append(f"guideline {guideline.number} '{guideline.id}': assessment scenarios {assessed}")
    assert not gaps, "\n".join(gaps)


def test_assessments_can_fail_on_a_critical_error(course: Course) -> None:
    """At least two assessment scenarios contain a critical option."""
    with_critical = [
        s.id for s in course.assessment() if any(o.critical for step in s.steps.values() for o in step.options)
    ]
    assert len(with_critical) >= MIN_CRITICAL_ASSESSMENTS, f"critical options only in {with_critical}"


def test_critical_options_never_earn_points(course: Course) -> None:
    """Every critical option scores zero or less."""
    rewarded = [
        f"{s.id}: steps.{step_id}: critical option '{o.id}' scores {o.points}"
        for s in course.scenarios.values()
        for step_id, step in s.steps.items()
        for o in step.options
        if o.critical and o.points > 0
    ]
    assert not rewarded, "\n".join(rewarded)


def test_every_text_is_in_both_languages(course: Course) -> None:
    """Titles, settings, prompts, option texts and feedback are non-empty in English and Spanish, and not identical."""
    faults = []
    for s in course.scenarios.values():
        for where, text in texts(s):
            if not text.en.strip() or not text.es.strip():
                faults.append(f"{where}: a language is empty")
            elif text.en.strip() == text.es.strip():
                faults.append(f"{where}: Spanish is the same as English")
    assert not faults, "\n".join(faults)


def test_spanish_uses_tu(course: Course) -> None:
    """Spanish texts address the reader with tú: the formal "usted" never appears."""
    formal = [
        f"{where}: {match.group(0)!r}"
        for s in course.scenarios.values()
        for where, text in texts(s)
        for match in FORMAL_YOU.finditer(text.es)
    ]
    assert not formal, "\n".join(formal)


def test_kiosk_scenarios_are_public_safe(course: Course) -> None:
    """Only practice scenarios go on the kiosk, none of them touches safeguarding, and there are at least three."""
    kiosk = [s for s in course.scenarios.values() if s.kiosk]
    not_practice = [s.id for s in kiosk if s.use != "practice"]
    assert not not_practice, f"kiosk: true on non-practice scenario(s) {not_practice}"
    sensitive = [
        s.id
        for s in kiosk
        if "safeguarding" in touched(s) or any(o.critical for step in s.steps.values() for o in step.options)
    ]
    assert not sensitive, f"kiosk scenario(s) touching safeguarding: {sensitive}"
    assert len(kiosk) >= MIN_KIOSK, f"only {len(kiosk)} kiosk scenario(s): {[s.id for s in kiosk]}"


def test_practice_never_repeats_an_assessment(course: Course) -> None:
    """No practice scenario shares its title with an assessment scenario, in either language."""

    def titles(scenarios: list[Scenario]) -> dict[str, str]:
        return {t.casefold().strip(): s.id for s in scenarios for t in (s.title.en, s.title.es)}

    practice, assessment = titles(course.practice()), titles(course.assessment())
    shared = [
        f"'{t}': practice {practice[t]} and assessment {assessment[t]}" for t in practice.keys() & assessment.keys()
    ]
    assert not shared, "\n".join(shared)


def test_feedback_explains_the_guidelines(course: Course) -> None:
    """Every option that upholds or breaches a guideline has feedback of at least 60 characters in each language."""
    short = [
        (
            f"{s.id}: steps.{step_id}.options[{i}] ({o.id}): feedback.{lang} "
            f"has {len(getattr(o.feedback, lang).strip())} characters"
        )
        for s in course.scenarios.values()
        for step_id, step in s.steps.items()
        for i, o in enumerate(step.options)
        if o.upholds or o.breaches
        for lang in ("en", "es")
        if len(getattr(o.feedback, lang).strip()) < MIN_FEEDBACK_CHARS
    ]
    assert not short, "\n".join(short)


def test_authoring_guide_example_is_valid(tmp_path: Path) -> None:
    """The example scenario in docs/scenario-authoring.md passes validation, so trainers can copy it."""
    guide = (REPO / "docs" / "scenario-authoring.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(.*?)```", guide, re.DOTALL)
    assert block, "docs/scenario-authoring.md has no ```yaml example"
    example_id = yaml.safe_load(block.group(1))["id"]
    file = tmp_path / f"{example_id}.yaml"
    file.write_text(block.group(1), encoding="utf-8")
    scenarios, problems = load_scenario_files([file], REPO / "content" / "guidelines.yaml")
    assert not problems, "\n".join(str(p) for p in problems)
    assert [s.id for s in scenarios] == [example_id]
