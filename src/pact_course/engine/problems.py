"""A content problem in plain words: `file:line:column: where: what`, with "did you mean" hints."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

Loc = tuple[Any, ...]  # a place in the data: keys and list indexes, e.g. ("steps", "noise", "options", 1)

LANGUAGE_NAMES = {"en": "English", "es": "Spanish"}
MAX_PROBLEMS_PER_FILE = 100  # beyond this, one line says how many more there are


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a content file: where it is (line, column, in words) and what is wrong."""

    file: str
    path: str  # the dotted YAML path (`steps.noise.options[1].next`), for tools and tests
    message: str
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    where: str = ""  # in words: "step 'noise', option 2 ('ask-sam'), next"
    detail: tuple[str, ...] = field(default=())  # extra lines shown under the message

    def __str__(self) -> str:
        place = self.file if self.line is None else f"{self.file}:{self.line}:{self.column or 1}"
        head = f"{place}: {self.where}: {self.message}" if self.where else f"{place}: {self.message}"
        return "\n".join([head, *(f"    {d}" for d in self.detail)])


class ContentError(Exception):
    """The content has problems; `.problems` lists every one of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def did_you_mean(word: Any, choices: Iterable[str]) -> str:
    """' (did you mean 'respect'?)' when `word` looks like a misspelling of one of `choices`, else ''."""
    if not isinstance(word, str) or not word:
        return ""
    options = [c for c in choices if isinstance(c, str)]
    found = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not found:
        lowered = {c.lower().replace("_", "-").replace(" ", "-"): c for c in options}
        key = word.lower().replace("_", "-").replace(" ", "-")
        found = [lowered[key]] if key in lowered else []
    return f" (did you mean '{found[0]}'?)" if found and found[0] != word else ""


def dotted(loc: Loc) -> str:
    """`steps.noise.options[1].next` for ("steps", "noise", "options", 1, "next")."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path = f"{path}.{part}" if path else str(part)
    return path


def _get(data: Any, key: Any) -> Any:
    if isinstance(data, dict):
        return data.get(key)
    if isinstance(data, list) and isinstance(key, int) and 0 <= key < len(data):
        return data[key]
    return None


def _named(data: Any) -> str:
    value = data.get("id") if isinstance(data, dict) else None
    return f" ('{value}')" if isinstance(value, str) and value and len(value) <= 60 else ""


def describe(loc: Loc, data: Any, kind: str = "scenario") -> str:
    """The place in words, as an author reads it: "step 'noise', option 2 ('ask-sam'), upholds, item 1"."""
    parts: list[str] = []
    node, i = data, 0
    while i < len(loc):
        key = loc[i]
        following = loc[i + 1] if i + 1 < len(loc) else None
        if i == 0 and kind == "scenario" and key == "steps" and following is not None:
            parts.append(f"step '{following}'")
            node, i = _get(_get(node, "steps"), following), i + 2
            continue
        if key in ("options", "guidelines") and isinstance(following, int):
            item = _get(_get(node, key), following)
            parts.append(f"{key[:-1]} {following + 1}{_named(item)}")
            node, i = item, i + 2
            continue
        if key in LANGUAGE_NAMES and i > 0:
            parts.append(f"{LANGUAGE_NAMES[key]} text")
        elif isinstance(key, int):
            parts.append(f"item {key + 1}")
        else:
            parts.append(str(key))
        node, i = _get(node, key), i + 1
    return ", ".join(parts)


def capped(problems: list[Problem], file: str) -> list[Problem]:
    """A file's problems in reading order, at most MAX_PROBLEMS_PER_FILE, then one line saying how many more."""
    ordered = sorted(problems, key=lambda p: (p.line or 0, p.column or 0))
    if len(ordered) <= MAX_PROBLEMS_PER_FILE:
        return ordered
    rest = len(ordered) - MAX_PROBLEMS_PER_FILE
    more = Problem(file, "", f"... and {rest} more problem(s) in this file; fix the ones above first")
    return [*ordered[:MAX_PROBLEMS_PER_FILE], more]
