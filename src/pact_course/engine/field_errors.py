"""Field checks by the model (pydantic), each error turned into an author's words with "did you mean"."""

from __future__ import annotations

import types
from collections.abc import Callable
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from .problems import LANGUAGE_NAMES, Loc, did_you_mean
from .yaml_reader import kind_of

FieldIssue = tuple[Loc, str, bool]  # (where, message, point at the key rather than the value)

_MESSAGES = {
    "string_type": "must be text",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "list_type": "must be a list",
    "dict_type": "must be a mapping",
    "model_type": "must be a mapping",
    "model_attributes_type": "must be a mapping",
}
_KEY_NAMES = {"steps": "a step id"}


def model_at(model: type[BaseModel], loc: Loc) -> Any:
    """The model class or type that describes the value at `loc` (None when `loc` leaves the model)."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(part) if isinstance(part, str) else None
            current = info.annotation if info else None
        elif get_origin(current) is dict:
            current = get_args(current)[1]
        elif get_origin(current) is list:
            current = get_args(current)[0]
        else:
            return None
    return _unwrap(current)


def _unwrap(annotation: Any) -> Any:
    """The container or model inside `X | None`."""
    if get_origin(annotation) in (Union, types.UnionType):
        inner = [a for a in get_args(annotation) if a is not type(None)]
        return inner[0] if len(inner) == 1 else annotation
    return annotation


def fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The field names a mapping at `loc` may hold, in the model's order."""
    found = model_at(model, loc)
    return list(found.model_fields) if isinstance(found, type) and issubclass(found, BaseModel) else []


def _get(data: Any, loc: Loc) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def validate(model: type[BaseModel], data: Any, skip: Callable[[Loc], bool]) -> tuple[Any, list[FieldIssue]]:
    """(the model object or None, the field problems); errors inside refused values are left out."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        errors = [e for e in exc.errors() if not skip(tuple(e["loc"]))]
    issues: list[FieldIssue] = []
    meant: dict[Loc, set[str]] = {}  # fields an unknown field probably stands for, by mapping
    for err in errors:
        loc = tuple(err["loc"])
        if err["type"] == "extra_forbidden" and loc:
            parent = loc[:-1]
            allowed = fields_at(model, parent)
            present = _get(data, parent)
            missing = [f for f in allowed if not (isinstance(present, dict) and f in present)]
            hint = did_you_mean(loc[-1], missing) or did_you_mean(loc[-1], allowed)
            if hint:
                meant.setdefault(parent, set()).add(hint.split("'")[1])
            elif allowed:
                hint = f"; the fields here are: {', '.join(allowed)}"
            issues.append((loc, f"unknown field '{loc[-1]}'{hint}", True))
    for err in errors:
        loc, kind = tuple(err["loc"]), err["type"]
        name = loc[-1] if loc else ""
        if kind == "extra_forbidden":
            continue
        if name == "[key]":
            owner = _KEY_NAMES.get(str(loc[-3]) if len(loc) >= 3 else "", "every key")
            issues.append((loc[:-1], f"{owner} must be text, found {kind_of(err['input'])}", True))
        elif kind == "missing":
            if name in meant.get(loc[:-1], set()):
                continue  # the misspelt field above already says so
            if name in LANGUAGE_NAMES:
                issues.append((loc[:-1], f"missing {LANGUAGE_NAMES[name]} text ({name})", False))
            else:
                issues.append((loc[:-1], f"missing field '{name}'", False))
        elif kind in ("string_too_short", "string_pattern_mismatch"):
            issues.append((loc, "must not be empty", False))
        elif kind == "literal_error":
            expected = err.get("ctx", {}).get("expected", "")
            value = err["input"]
            choices = [c.strip(" '") for c in str(expected).replace(" or ", ",").split(",")]
            issues.append((loc, f"must be one of {expected}, found {value!r}{did_you_mean(value, choices)}", False))
        elif kind == "list_type" and name in ("upholds", "breaches") and isinstance(err["input"], str):
            value = err["input"]
            issues.append((loc, f"must be a list, found text {value!r} (write [{value}], or [] for none)", False))
        elif kind in _MESSAGES:
            issues.append((loc, f"{_MESSAGES[kind]}, found {kind_of(err['input'])}", False))
        else:
            issues.append((loc, str(err["msg"]), False))
    return None, issues
