"""YAML syntax errors explained for authors: the likely cause, the line shown, the usual mistakes listed."""

from __future__ import annotations

import re
from typing import Any

USUAL_CAUSES = (
    "Usual causes: a missing space after a colon (write `points: 3`, not `points:3`); a tab used for "
    "indenting (use spaces); a quote or bracket opened and never closed; text containing ': ' that is not "
    "under `>-`; a line indented more or less than the lines beside it."
)
SHOWN_WIDTH = 100  # characters of a long line shown around the place of the problem
_KEY_WITHOUT_SPACE = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][\w-]*):(?=[^\s:/])")
_KEY_AND_TEXT_WITH_COLON = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][\w-]*:\s+[^\"'>|{\[#][^#]*?:\s")


class _Mark:
    def __init__(self, line: int, column: int):
        self.line, self.column = line, column


def show_line(lines: list[str], line: int, column: int, printable: bool = False) -> tuple[str, ...]:
    """The 0-based `line` of the file with a caret under `column`, as two indented lines."""
    if not 0 <= line < len(lines):
        return ()
    text = lines[line]
    if len(text) > SHOWN_WIDTH:  # a very long line: the part around the column, marked as cut
        start = max(0, min(column - SHOWN_WIDTH // 2, len(text) - SHOWN_WIDTH))
        text = (
            ("…" if start else "")
            + text[start : start + SHOWN_WIDTH]
            + ("…" if start + SHOWN_WIDTH < len(text) else "")
        )
        column = column - start + (1 if start else 0)
    if printable:
        text = "".join(c if c.isprintable() or c == "\t" else "?" for c in text)
    text = text.replace("\t", "→")  # a tab shows as an arrow, so the author can see it
    number = f"{line + 1:>4} | "
    return (f"{number}{text}", " " * len(number) + " " * min(column, len(text)) + "^")


def _hint(lines: list[str], first: int, last: int) -> tuple[str, int, int] | None:
    """The first recognisable mistake on lines first..last (0-based): (what, line, column)."""
    for n in range(max(first, 0), min(last, len(lines) - 1) + 1):
        text = lines[n]
        indent = text[: len(text) - len(text.lstrip())]
        if "\t" in indent:
            return f"line {n + 1} is indented with a tab; indent with spaces only", n, indent.index("\t")
        match = _KEY_WITHOUT_SPACE.match(text)
        if match:
            key = match.group(1)
            return f"a space is missing after the colon: write `{key}: ...`, not `{key}:...`", n, match.end() - 1
    return None


def explain(exc: Any, lines: list[str]) -> tuple[str, Any, tuple[str, ...]]:
    """(message, mark, detail lines) for a PyYAML MarkedYAMLError, in an author's words."""
    problem = str(getattr(exc, "problem", "") or "")
    context = str(getattr(exc, "context", "") or "")
    mark = getattr(exc, "problem_mark", None)
    start = getattr(exc, "context_mark", None)
    end_line = mark.line if mark else len(lines) - 1
    first_line = min(start.line if start else end_line, end_line) - 1
    found = _hint(lines, first_line, end_line)
    shown = mark
    if found:
        what, line, column = found
        shown = _Mark(line, column)
    elif "quoted scalar" in context and start:
        what = f"the quote opened on line {start.line + 1} is never closed (or the text goes on after it)"
        shown = start
    elif "flow mapping" in context or "flow sequence" in context:
        bracket = "{" if "mapping" in context else "["
        where = f" on line {start.line + 1}" if start else ""
        shown = start or mark
        what = (
            f"the '{bracket}' opened{where} is not closed where expected, or a text inside it holds a colon "
            "or a comma: put such a text in quotes, or write it under `>-`"
        )
    elif "mapping values are not allowed" in problem:
        line_text = lines[mark.line] if mark and 0 <= mark.line < len(lines) else ""
        if _KEY_AND_TEXT_WITH_COLON.match(line_text):
            what = (
                "this text contains ': ' (a colon and a space), which YAML reads as a new field: "
                "write the text under `>-` on the next lines, or put it in quotes"
            )
        else:
            what = (
                "a colon where YAML does not expect one: this line is indented more than the field above it, "
                "or the line above has an unfinished text"
            )
    elif "could not find expected ':'" in problem:
        what = "a line that should read `field: value` has no colon followed by a space"
        if start:
            shown = start
    elif "expected <block end>" in problem or "expected <block mapping start>" in problem:
        what = "a line is indented differently from the lines beside it (fields at one level start in one column)"
        if "<scalar>" in problem:
            what = (
                "text goes on after a closing quote: put the whole text under `>-` on the next lines "
                "instead of in quotes"
            )
    elif "end of stream" in problem:
        what = "the file ends in the middle of something (a quote or bracket not closed?)"
    else:
        what = "the text is not laid out as YAML expects"
    detail: list[str] = []
    opened = any(word in context for word in ("quoted scalar", "flow", "block collection"))
    if opened and start is not None and shown is not None and start.line != shown.line and not found:
        detail += show_line(lines, start.line, start.column)
    if shown is not None:
        detail += show_line(lines, shown.line, shown.column)
    if shown is start and mark is not None and start is not None and mark.line != start.line and not found:
        detail += show_line(lines, mark.line, mark.column)  # where the reader noticed it
    detail.append(USUAL_CAUSES)
    said = "; ".join(x for x in (context, problem) if x)
    if said:
        detail.append(f"(The YAML reader said: {said}.)")
    return f"YAML syntax error: {what}", shown, tuple(detail)
