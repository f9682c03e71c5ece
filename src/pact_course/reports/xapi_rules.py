"""The xAPI 1.0.3 statement rules the report's statements must meet, as a JSON Schema (checked with jsonschema)."""

from __future__ import annotations

import json

IRI = {"type": "string", "pattern": r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$"}
UUID = {"type": "string", "pattern": r"^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"}
TIMESTAMP = {"type": "string", "pattern": r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$"}
LANGUAGE_MAP = {
    "type": "object",
    "minProperties": 1,
    "propertyNames": {"pattern": r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"},
    "additionalProperties": {"type": "string"},
}
EXTENSIONS = {"type": "object", "propertyNames": {"pattern": IRI["pattern"]}}
AGENT = {
    "type": "object",
    "additionalProperties": False,
    "required": ["account"],
    "properties": {
        "objectType": {"const": "Agent"},
        "name": {"type": "string"},
        "account": {
            "type": "object",
            "additionalProperties": False,
            "required": ["homePage", "name"],
            "properties": {"homePage": IRI, "name": {"type": "string", "minLength": 1}},
        },
    },
}
ACTIVITY = {
    "type": "object",
    "additionalProperties": False,
    "required": ["id"],
    "properties": {
        "objectType": {"const": "Activity"},
        "id": IRI,
        "definition": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "name": LANGUAGE_MAP,
                "description": LANGUAGE_MAP,
                "type": IRI,
                "interactionType": {"enum": ["choice", "true-false", "fill-in", "long-fill-in", "other"]},
                "correctResponsesPattern": {"type": "array", "items": {"type": "string"}},
                "choices": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["id"],
                        "properties": {"id": {"type": "string", "pattern": r"^\S+$"}, "description": LANGUAGE_MAP},
                    },
                },
                "extensions": EXTENSIONS,
            },
        },
    },
}
SCORE = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "scaled": {"type": "number", "minimum": -1, "maximum": 1},
        "raw": {"type": "number"},
        "min": {"type": "number"},
        "max": {"type": "number"},
    },
}
STATEMENT = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "xAPI 1.0.3 Statement (the subset this course writes)",
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "actor", "verb", "object", "timestamp"],
    "properties": {
        "id": UUID,
        "version": {"type": "string", "pattern": r"^1\.0(\.\d+)?$"},
        "actor": AGENT,
        "verb": {
            "type": "object",
            "additionalProperties": False,
            "required": ["id"],
            "properties": {"id": IRI, "display": LANGUAGE_MAP},
        },
        "object": ACTIVITY,
        "result": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "score": SCORE,
                "success": {"type": "boolean"},
                "completion": {"type": "boolean"},
                "response": {"type": "string"},
                "extensions": EXTENSIONS,
            },
        },
        "context": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "registration": UUID,
                "platform": {"type": "string"},
                "language": {"type": "string", "pattern": r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"},
                "contextActivities": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        k: {"type": "array", "items": ACTIVITY} for k in ("parent", "grouping", "category", "other")
                    },
                },
                "extensions": EXTENSIONS,
            },
        },
        "timestamp": TIMESTAMP,
    },
}


def score_problems(statement: dict) -> list[str]:
    """What the schema cannot say: raw between min and max, min below max (xAPI 4.1.5.1)."""
    score = (statement.get("result") or {}).get("score") or {}
    low, high, raw = score.get("min"), score.get("max"), score.get("raw")
    problems = []
    if low is not None and high is not None and low >= high:
        problems.append("score.min must be less than score.max")
    if raw is not None and ((low is not None and raw < low) or (high is not None and raw > high)):
        problems.append("score.raw must lie between score.min and score.max")
    return problems


def problems(line: str) -> list[str]:
    """Every way one line of xapi.jsonl breaks the rules; [] when it is a valid statement."""
    import jsonschema

    try:
        statement = json.loads(line)
    except json.JSONDecodeError as exc:
        return [f"not JSON: {exc}"]
    validator = jsonschema.Draft202012Validator(STATEMENT)
    found = [
        f"{'/'.join(map(str, e.absolute_path)) or 'statement'}: {e.message}" for e in validator.iter_errors(statement)
    ]
    if isinstance(statement, dict):
        found += score_problems(statement)
    return found
