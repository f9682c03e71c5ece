"""xAPI statements of a graded cohort: one per graded decision, one passed or failed per trainee and assignment."""

from __future__ import annotations

import json
import os
import uuid
from datetime import datetime, timezone
from pathlib import Path

from ..engine.model import Scenario
from ..engine.scoring import replay
from ..grading.results import FOLLOW_UP, PASS
from .cohort import Cohort, Trainee
from .xapi_rules import problems

VERBS = {
    "answered": "http://adlnet.gov/expapi/verbs/answered",
    "passed": "http://adlnet.gov/expapi/verbs/passed",
    "failed": "http://adlnet.gov/expapi/verbs/failed",
}
ASSESSMENT = "http://adlnet.gov/expapi/activities/assessment"
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
SIMULATION = "http://adlnet.gov/expapi/activities/simulation"
DEFAULT_BASE = "https://pact-course.example/xapi"  # set PACT_XAPI_BASE to your organisation's address


def base() -> str:
    """Where the course's activity ids and accounts live: $PACT_XAPI_BASE, else an example address."""
    return os.environ.get("PACT_XAPI_BASE", DEFAULT_BASE).rstrip("/")


def _lang_map(text) -> dict[str, str]:
    return {"en-GB": text.en, "es-419": text.es}


def _activity(aid: str, name: dict[str, str], kind: str, **definition) -> dict:
    return {"objectType": "Activity", "id": aid, "definition": {"name": name, "type": kind, **definition}}


def _actor(trainee: Trainee) -> dict:
    return {"objectType": "Agent", "name": trainee.name, "account": {"homePage": base(), "name": trainee.id}}


def _id(*parts: str) -> str:
    """The same statement always gets the same id, so a report exported twice never duplicates it in an LRS."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "/".join([base(), *parts])))


def _timestamp(at: str, fallback: str) -> str:
    try:
        datetime.strptime(at, "%Y-%m-%dT%H:%M:%SZ")
    except (TypeError, ValueError):
        return fallback
    return at


def decision_statements(cohort: Cohort, trainee: Trainee, scenario: Scenario, now: str) -> list[dict]:
    """One `answered` statement per decision on the trainee's graded path in one scenario."""
    assignment_id = f"{base()}/assignments/{cohort.assignment}"
    scenario_id = f"{assignment_id}/scenarios/{scenario.id}"
    scenario_activity = _activity(scenario_id, _lang_map(scenario.title), SIMULATION)
    when = {(d.scenario, d.step, d.option): d for d in trainee.decisions if d.attempt == 1}
    out = []
    for taken in replay(scenario, trainee.decisions).taken:
        step = scenario.steps[taken.step_id]
        option = taken.option
        top = max(o.points for o in step.options)
        low = min(0, *(o.points for o in step.options))
        decision = when.get((scenario.id, taken.step_id, option.id))
        numbers = {g.id: g.number for g in cohort.course.guidelines}
        statement = {
            "id": _id(trainee.id, cohort.assignment, scenario.id, taken.step_id),
            "actor": _actor(trainee),
            "verb": {"id": VERBS["answered"], "display": {"en-GB": "answered", "es-419": "respondió"}},
            "object": _activity(
                f"{scenario_id}/steps/{taken.step_id}",
                _lang_map(step.prompt),
                INTERACTION,
                interactionType="choice",
                choices=[{"id": o.id, "description": _lang_map(o.text)} for o in step.options],
                correctResponsesPattern=[o.id for o in step.options if o.points == top],
            ),
            "result": {
                "response": option.id,
                "success": option.points == top,
                "score": {"raw": option.points, "min": low, "max": top} if top > low else {"raw": option.points},
                "extensions": {
                    f"{base()}/extensions/upholds": sorted(numbers.get(g, 0) for g in option.upholds),
                    f"{base()}/extensions/breaches": sorted(numbers.get(g, 0) for g in option.breaches),
                    f"{base()}/extensions/critical": option.critical,
                },
            },
            "context": {
                "language": "es-419" if (decision and decision.lang == "es") else "en-GB",
                "contextActivities": {
                    "parent": [scenario_activity],
                    "grouping": [_activity(assignment_id, _assignment_name(cohort.assignment), ASSESSMENT)],
                },
            },
            "timestamp": _timestamp(decision.at if decision else "", now),
        }
        out.append(statement)
    return out


def _assignment_name(assignment: str) -> dict[str, str]:
    from ..build.assessment_notebooks import display_name

    en, es = display_name(assignment)
    return {"en-GB": en, "es-419": es}


def outcome_statement(cohort: Cohort, trainee: Trainee, now: str) -> dict | None:
    """`passed` or `failed` for the assignment, with the score; None until the outcome is final."""
    r = trainee.result
    if r.status not in (PASS, FOLLOW_UP) or r.score is None or not r.maximum:
        return None
    verb = "passed" if r.status == PASS else "failed"
    assignment_id = f"{base()}/assignments/{cohort.assignment}"
    return {
        "id": _id(trainee.id, cohort.assignment, "outcome"),
        "actor": _actor(trainee),
        "verb": {
            "id": VERBS[verb],
            "display": {"en-GB": verb, "es-419": "aprobó" if verb == "passed" else "no aprobó"},
        },
        "object": _activity(assignment_id, _assignment_name(cohort.assignment), ASSESSMENT),
        "result": {
            "score": {"scaled": round(r.score / r.maximum, 4), "raw": r.score, "min": 0, "max": r.maximum},
            "success": verb == "passed",
            "completion": True,
            "extensions": {f"{base()}/extensions/critical-errors": len(r.critical)},
        },
        "context": {"language": "es-419" if trainee.lang == "es" else "en-GB"},
        "timestamp": now,
    }


def statements(cohort: Cohort) -> list[dict]:
    """Every statement of the cohort, serialised through the xAPI library (edx-tincan-py35) and checked."""
    from tincan import Statement

    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    out: list[dict] = []
    for trainee in cohort.graded:
        for scenario in cohort.scenarios:
            out += decision_statements(cohort, trainee, scenario, now)
        outcome = outcome_statement(cohort, trainee, now)
        if outcome:
            out.append(outcome)
    checked = []
    for raw in out:
        statement = json.loads(Statement(raw).to_json())  # the library refuses unknown or mistyped properties
        statement["timestamp"] = raw["timestamp"]  # keep the UTC "Z" form the library rewrites as +00:00
        found = problems(json.dumps(statement))
        if found:
            raise ValueError(f"an xAPI statement breaks the rules: {found}")
        checked.append(statement)
    return checked


def write(cohort: Cohort, path: Path) -> int:
    """Write xapi.jsonl (one statement per line); returns how many."""
    found = statements(cohort)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(s, ensure_ascii=False) + "\n" for s in found), encoding="utf-8")
    return len(found)
