"""JSON Schemas of the content files, generated from the model, for editors that check YAML while you type."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .checks import MAX_OPTIONS, MAX_STEPS
from .content import GUIDELINES_FILE, GuidelinesFile, load_guidelines
from .model import Guideline, Scenario

SCENARIO_SCHEMA = Path("content") / "scenario.schema.json"
GUIDELINES_SCHEMA = Path("content") / "guidelines.schema.json"
DRAFT = "http://json-schema.org/draft-07/schema#"  # the draft every common editor understands

# What each field means, shown by editors on hover (the authoring guide's table, shortened).
HELP: dict[str, dict[str, str]] = {
    "Scenario": {
        "": "A PACT course scenario: a situation on a Zoom call, as a branching path of steps "
        "(docs/scenario-authoring.md).",
        "id": "The scenario's slug (lower-case letters, digits, hyphens): the same as the file name without .yaml.",
        "use": "`practice` (instant feedback) or `assessment` (graded by nbgrader).",
        "assignment": "Assessment only: the nbgrader assignment it belongs to, `induction` or `safeguarding`.",
        "title": "A short name for the situation, in English and Spanish.",
        "setting": "2 to 4 sentences: which group, who is on the call, what just happened.",
        "start": "The id of the first step (one of the keys under `steps`).",
        "steps": f"The moments where the trainee decides, each under its own step id (at most {MAX_STEPS}).",
        "kiosk": "Practice only: `true` if the scenario is fit for the public touch screen.",
        "teaser": "Optional, for the kiosk: one short line that says what happens, in English and Spanish.",
    },
    "Step": {
        "": "A moment on the call where the facilitator decides.",
        "prompt": "The question at this step, or what happens next and then the question.",
        "options": f"The choices at this step, each starting with `- id:` (3 or 4 is best, at most {MAX_OPTIONS}).",
    },
    "Option": {
        "": "One thing the facilitator could do at this step, with its key.",
        "id": "A short slug, unique within its step.",
        "text": "What the facilitator says or does, first person, concrete.",
        "points": "A whole number; may be 0 or negative (best 3, partly right 1, poor 0 or -1, harmful -2 or -3).",
        "upholds": "The guideline ids this choice puts into practice: `[come-and-go, respect]`, or `[]`.",
        "breaches": "The guideline ids this choice goes against, or `[]`.",
        "critical": "`true` only for a safeguarding or safety error that fails the assessment on its own.",
        "feedback": "What the trainee reads after choosing: why, which guideline, what would be better.",
        "next": "The step id that follows this choice, or `null` when the scenario ends here.",
    },
    "Text": {"": "A text in English (`en`) and Spanish (`es`).", "en": "In English.", "es": "In Spanish (tú)."},
    "Guideline": {
        "": "One of PACT's Zoom group guidelines.",
        "id": "The id scenarios use in `upholds` and `breaches`.",
        "number": "Its number in PACT's order, from 1.",
        "title": "Its short title, in English and Spanish.",
        "text": "PACT's text of the guideline, in English and Spanish.",
        "asks": "What the guideline asks of the facilitator (shown on the trainees' guidelines page).",
    },
    "GuidelinesFile": {"": "PACT's Zoom group guidelines, in order.", "guidelines": "The guidelines, in PACT's order."},
}


def _describe(schema: dict[str, Any], name: str) -> None:
    """Add the hover help of HELP[name] to a generated object schema (in place); drop pydantic's titles."""
    help_ = HELP.get(name, {})
    schema.pop("title", None)
    if help_.get(""):
        schema["description"] = schema["markdownDescription"] = help_[""]
    for field, prop in schema.get("properties", {}).items():
        prop.pop("title", None)
        prop.pop("default", None)  # defaults are the model's business; editors would insert them
        if field in help_:
            prop["description"] = prop["markdownDescription"] = help_[field]


def _guideline_ids(guidelines: list[Guideline]) -> dict[str, Any]:
    if not guidelines:
        return {"type": "string"}
    return {
        "type": "string",
        "enum": [g.id for g in guidelines],
        "markdownEnumDescriptions": [f"Guideline {g.number}" for g in guidelines],  # titles: content/guidelines.yaml
    }


def scenario_schema(guidelines: list[Guideline]) -> dict[str, Any]:
    """The scenario file's schema: the model's fields and types, the limits, and the guideline ids to pick from."""
    schema = Scenario.model_json_schema()
    defs = schema["$defs"]
    for name, sub in [("Scenario", schema), *defs.items()]:
        _describe(sub, name)
    props = schema["properties"]
    props["steps"].update(minProperties=1, maxProperties=MAX_STEPS)
    defs["Step"]["properties"]["options"].update(minItems=1, maxItems=MAX_OPTIONS)
    for field in ("upholds", "breaches"):
        defs["Option"]["properties"][field]["items"] = _guideline_ids(guidelines)
    for language in ("en", "es"):
        defs["Text"]["properties"][language]["minLength"] = 1
    # The rules between fields that `pact-course validate` also checks.
    schema["allOf"] = [
        {
            "if": {"properties": {"use": {"const": "assessment"}}, "required": ["use"]},
            "then": {
                "required": ["assignment"],
                "properties": {"assignment": {"type": "string", "minLength": 1}, "kiosk": {"const": False}},
            },
        },
        {
            "if": {"properties": {"use": {"const": "practice"}}, "required": ["use"]},
            "then": {"properties": {"assignment": {"enum": [None, ""]}}},
        },
    ]
    return {"$schema": DRAFT, "title": "PACT course scenario", **schema}


def guidelines_schema() -> dict[str, Any]:
    """The guidelines file's schema."""
    schema = GuidelinesFile.model_json_schema()
    for name, sub in [("GuidelinesFile", schema), *schema["$defs"].items()]:
        _describe(sub, name)
    return {"$schema": DRAFT, "title": "PACT course guidelines", **schema}


def rendered(schema: dict[str, Any]) -> str:
    """The schema as committed: sorted keys, two-space indent, a final newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def schema_files(root: Path) -> dict[Path, str]:
    """Each schema file under `root` and the text it should hold (guideline ids from content/guidelines.yaml)."""
    problems: list = []
    guidelines = load_guidelines(root / "content" / GUIDELINES_FILE, problems)
    return {
        root / SCENARIO_SCHEMA: rendered(scenario_schema([] if problems else guidelines)),
        root / GUIDELINES_SCHEMA: rendered(guidelines_schema()),
    }
