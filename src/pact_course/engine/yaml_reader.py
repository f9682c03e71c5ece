"""Reads one course YAML file within limits (size, depth, items, no aliases), remembering every position."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import yaml

from .problems import Loc, Problem, describe, dotted
from .yaml_errors import explain, show_line

MAX_FILE_BYTES = 256 * 1024  # the largest scenario in the bank is under 30 KB
MAX_DEPTH = 20  # a scenario needs 7 levels (steps > step > options > option > text > en)
MAX_NODES = 50_000  # texts, numbers, lists and mappings; a bank scenario has under 1,000
MAX_CONTROL_REPORTS = 5

_STR, _INT, _FLOAT, _BOOL, _NULL, _TIME = (
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")
)
_SEQ, _MAP = "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
_ALIAS = "tag:pact-course:alias"  # stands in for an alias, which is reported and never expanded
# What PyYAML refuses to read (its Reader.NON_PRINTABLE), found first so the author gets line and column.
_CONTROL = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_CONTROL_NAMES = {0: "NUL", 7: "BEL", 8: "backspace", 0x0B: "vertical tab", 0x0C: "form feed", 0x1B: "ESC", 0x7F: "DEL"}


class Unplaced:
    """A value that was refused while reading (an alias or a tag); checks skip it and say nothing more."""

    def __repr__(self) -> str:
        return "<refused>"


REFUSED = Unplaced()


@dataclass
class Document:
    """A file's data with the 1-based (line, column) of every value and every mapping key."""

    data: Any = None
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    refused: set[Loc] = field(default_factory=set)

    def at(self, loc: Loc, *, key: bool = False) -> tuple[int, int] | None:
        """Where `loc` is written (its key if `key`), else where the nearest enclosing value starts."""
        if key and loc in self.keys:
            return self.keys[loc]
        while loc and loc not in self.values:
            loc = loc[:-1]
        return self.values.get(loc)

    def is_refused(self, loc: Loc) -> bool:
        """True when `loc` lies inside a value that was refused while reading."""
        return any(loc[:n] in self.refused for n in range(len(loc) + 1))


class _Limit(Exception):
    def __init__(self, message: str, mark):
        super().__init__(message)
        self.message, self.mark = message, mark


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, composing nodes within MAX_DEPTH and MAX_NODES and never expanding aliases."""

    def __init__(self, stream):
        super().__init__(stream)
        self.depth = self.nodes = 0
        self.anchored: list[tuple[str, Any]] = []  # (text as written, mark) of every anchor and alias

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            self.get_event()
            self.anchored.append((f"*{event.anchor}", event.start_mark))
            start: Any = event.start_mark  # a Python or a libyaml Mark: both have line and column
            return yaml.ScalarNode(_ALIAS, event.anchor, start, start)
        if getattr(event, "anchor", None) is not None:
            self.anchored.append((f"&{event.anchor}", event.start_mark))
            event.anchor = None  # never registered, so no alias can reach it
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _Limit(
                f"the file holds more than {MAX_NODES:,} items (texts, numbers, lists); "
                "a course file never needs that many",
                event.start_mark,
            )
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _Limit(
                    f"this is nested more than {MAX_DEPTH} levels deep; "
                    "a course file never needs that many (check the indentation)",
                    event.start_mark,
                )
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def read_yaml(file: Path, display: str, kind: str = "scenario") -> tuple[Document, list[Problem]]:
    """Read `file` (named `display` in messages); return its document (data None if unusable) and problems."""
    doc, problems = Document(), []

    def report(message: str, pos: tuple[int, int] | None = None, loc: Loc = (), detail: tuple[str, ...] = ()) -> None:
        line, column = pos or (None, None)
        problems.append(Problem(display, dotted(loc), message, line, column, describe(loc, doc.data, kind), detail))

    try:
        if file.stat().st_size > MAX_FILE_BYTES:
            report(
                f"the file is {file.stat().st_size // 1024:,} KB; "
                f"a course file may be at most {MAX_FILE_BYTES // 1024} KB"
            )
            return doc, problems
        raw = file.read_bytes()
    except OSError as exc:
        report(f"cannot read the file ({exc.strerror or exc})")
        return doc, problems
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        pos = (before.count(b"\n") + 1, exc.start - before.rfind(b"\n"))
        report(f"not UTF-8 text (byte {raw[exc.start]:#04x}); save the file as UTF-8", pos)
        return doc, problems
    text = _replace_control_characters(text, report)
    if not text.strip():
        report("the file is empty")
        return doc, problems
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except _Limit as exc:
        report(
            exc.message,
            (exc.mark.line + 1, exc.mark.column + 1),
            detail=show_line(text.splitlines(), exc.mark.line, exc.mark.column),
        )
        return doc, problems
    except yaml.MarkedYAMLError as exc:
        message, mark, detail = explain(exc, text.splitlines())
        report(message, (mark.line + 1, mark.column + 1) if mark else None, detail=detail)
        return doc, problems
    except yaml.YAMLError as exc:
        report(f"YAML syntax error: {exc}")
        return doc, problems
    finally:
        loader.dispose()
    if loader.anchored:
        written, mark = loader.anchored[0]
        report(
            f"anchors and aliases (here '{written}') are not allowed in course files (found {len(loader.anchored)}): "
            "write each part out in full",
            (mark.line + 1, mark.column + 1),
        )
    if root is None:
        report("the file is empty")
        return doc, problems
    pending: list[tuple[Loc, tuple[int, int], str, bool]] = []
    doc.data = _build(root, loader, doc, pending)
    for loc, pos, message, at_key in pending:
        report(message, doc.keys.get(loc, pos) if at_key else pos, loc)
    if not isinstance(doc.data, dict):
        report(f"the file must be a mapping of fields (`id: ...`, `title: ...`), found {kind_of(doc.data)}", (1, 1))
        doc.data = None
    return doc, problems


def _replace_control_characters(text: str, report: Callable[..., None]) -> str:
    """Report invisible control characters (NUL, ...) with line and column; read on with spaces in their place."""
    found = list(_CONTROL.finditer(text))
    for match in found[:MAX_CONTROL_REPORTS]:
        index, code = match.start(), ord(match.group())
        line, column = text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)
        name = _CONTROL_NAMES.get(code, "control character")
        report(
            f"an invisible {name} character (U+{code:04X}) is in the text; delete it (retype the words around it)",
            (line, column),
            detail=show_line(text.splitlines(), line - 1, column - 1, printable=True),
        )
    if len(found) > MAX_CONTROL_REPORTS:
        report(f"... and {len(found) - MAX_CONTROL_REPORTS} more invisible control character(s)")
    return _CONTROL.sub(" ", text) if found else text


def _build(root, loader: _Loader, doc: Document, pending: list) -> Any:
    """Python data from the node tree, without recursion, keeping each node's position."""
    out: list[Any] = [None]
    work: list[tuple[Any, Loc, Callable[[Any], None]]] = [(root, (), partial(out.__setitem__, 0))]

    def issue(loc: Loc, node, message: str, at_key: bool = False) -> None:
        pending.append((loc, (node.start_mark.line + 1, node.start_mark.column + 1), message, at_key))

    while work:
        node, loc, put = work.pop()
        doc.values[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            put(_scalar(node, loc, loader, doc, issue))
        elif isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
            items: list[Any] = [None] * len(node.value)
            put(items)
            for i in reversed(range(len(node.value))):
                work.append((node.value[i], (*loc, i), partial(items.__setitem__, i)))
        elif isinstance(node, yaml.MappingNode) and node.tag == _MAP:
            mapping: dict[Any, Any] = {}
            put(mapping)
            children = []
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _ALIAS:
                    issue(loc, key_node, "a key must be plain text, not a list, a mapping or an alias")
                    continue
                key = _scalar(key_node, loc, loader, doc, issue)
                if key is REFUSED:
                    continue
                here: Loc = (*loc, key)
                if key in mapping:
                    first = doc.keys.get(here, (0, 0))[0]
                    issue(here, key_node, f"the key '{key}' is given twice (first on line {first}); keep one")
                    continue
                doc.keys[here] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                mapping[key] = None
                children.append((value_node, here, partial(mapping.__setitem__, key)))
            work.extend(reversed(children))
        else:
            issue(loc, node, f"the tag '{node.tag}' is not allowed in course files; remove it")
            doc.refused.add(loc)
            put(REFUSED)
    return out[0]


def _scalar(node, loc: Loc, loader: _Loader, doc: Document, issue) -> Any:
    if node.tag == _ALIAS:
        doc.refused.add(loc)
        return REFUSED
    if node.tag in (_STR, _INT, _FLOAT, _BOOL, _NULL):
        try:
            return loader.yaml_constructors[node.tag](loader, node)
        except (ValueError, OverflowError):
            issue(loc, node, "this number is too long to read")
            doc.refused.add(loc)
            return REFUSED
    if node.tag == _TIME:
        return node.value  # a date is text here; the field's own check says what it needs
    issue(loc, node, f"the tag '{node.tag}' is not allowed in course files; remove it")
    doc.refused.add(loc)
    return REFUSED


def kind_of(value: Any) -> str:
    """A value as an author would name it: "text 'three'", "a list", "nothing"."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return f"text {value!r}" if len(value) < 40 else "text"
    if isinstance(value, (int, float)):
        return f"number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__
