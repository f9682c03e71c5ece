"""Written answers: answers.json beside the decision log, read leniently, saved whole under a lock by atomic rename."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from filelock import FileLock

from . import decision_file as store

ANSWERS_NAME = "answers.json"
FORMAT = 1
LOCK_TIMEOUT = 30
MAX_CHARS = 20_000  # one answer; far more than the two to five sentences asked
MAX_BYTES = 1024 * 1024  # the whole file; a larger one is refused, never read into memory
LANGUAGES = ("en", "es")


@dataclass(frozen=True)
class Answer:
    """What a trainee wrote for one item (a reflection), in which language, and when it was last saved."""

    item: str
    text: str
    lang: str = "en"
    at: str = ""


@dataclass
class Answers:
    """The answers a file holds, by item id, and why it could not be read (None when it could)."""

    answers: dict[str, Answer] = field(default_factory=dict)
    problem: str | None = None

    def text(self, item: str) -> str:
        """The text written for `item`, or "" if nothing was."""
        found = self.answers.get(item)
        return found.text if found else ""


class AnswerTooLong(ValueError):
    """An answer longer than MAX_CHARS: it is not saved (the message says so plainly)."""


def answered(text: str | None) -> bool:
    """True when `text` holds words (not only blanks)."""
    return bool(text and text.strip())


def now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_answers(data: object) -> Answers:
    """Turn loaded JSON into Answers, skipping malformed entries."""
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        return Answers(problem="the file holds no written answers (no 'answers' table)")
    if type(data.get("format", FORMAT)) is not int or data.get("format", FORMAT) != FORMAT:
        return Answers(problem=f"unsupported answers format (expected {FORMAT})")
    out = Answers()
    for item, entry in data["answers"].items():
        answer = _entry(item, entry)
        if answer is not None:
            out.answers[item] = answer
    return out


def _entry(item: object, entry: object) -> Answer | None:
    if not isinstance(item, str) or not item or not isinstance(entry, dict):
        return None
    text, lang, at = entry.get("text"), entry.get("lang", "en"), entry.get("at", "")
    if not isinstance(text, str) or len(text) > MAX_CHARS or not isinstance(at, str):
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return None
    return Answer(item, text, lang if lang in LANGUAGES else "en", at)


def read_answers(path: Path | str) -> Answers:
    """Read answers.json; a missing, damaged, linked or oversized file gives no answers and a plain reason.

    Never raises and never follows a link.
    """
    path = Path(path)
    try:
        fd, st = store.open_plain(path, os.O_RDONLY)
    except FileNotFoundError:
        return Answers(problem=f"no {path.name} here yet: nothing was written")
    except (OSError, ValueError) as exc:
        return Answers(problem=f"{path.name} cannot be read ({getattr(exc, 'strerror', None) or exc})")
    try:
        if st.st_size > MAX_BYTES:
            return Answers(problem=f"{path.name} is too large to be the trainee's answers")
        raw = store.read_bytes(fd, MAX_BYTES + 1)
    except OSError as exc:
        return Answers(problem=f"{path.name} cannot be read ({exc.strerror or exc})")
    finally:
        os.close(fd)
    try:
        return parse_answers(store.loads(raw))
    except ValueError:
        return Answers(problem=f"{path.name} is damaged (not valid JSON); its answers cannot be read")


def save_answer(path: Path | str, item: str, text: str, lang: str = "en") -> Answers:
    """Save the text of one item (the others stay), under a lock, by writing a new file and renaming it.

    A damaged file is kept beside it (`answers.json.damaged-<time>`) before a new one starts. Raises
    AnswerTooLong beyond MAX_CHARS. Returns the answers as written.
    """
    path = Path(path)
    if len(text) > MAX_CHARS:
        raise AnswerTooLong(f"an answer holds at most {MAX_CHARS} characters; this one has {len(text)}")
    with FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT):
        current = read_answers(path)
        if current.problem is not None and os.path.lexists(path):
            stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
            os.replace(path, path.with_name(f"{path.name}.damaged-{stamp}"))
            current = Answers()
        answers = dict(current.answers)
        answers[item] = Answer(item, text, lang if lang in LANGUAGES else "en", now())
        _write_atomic(path, answers)
    return Answers(answers)


def _write_atomic(path: Path, answers: dict[str, Answer]) -> None:
    payload = {
        "format": FORMAT,
        "answers": {a.item: {"text": a.text, "lang": a.lang, "at": a.at} for a in answers.values()},
    }
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(payload, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
