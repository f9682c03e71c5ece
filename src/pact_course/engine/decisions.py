"""The decision log: decisions.json read leniently, appended under a lock with an atomic rename."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from filelock import FileLock

LOG_NAME = "decisions.json"
FORMAT = 1
LOCK_TIMEOUT = 30


@dataclass(frozen=True)
class Decision:
    """One choice a trainee made at a step of a scenario."""

    scenario: str
    step: str
    option: str
    attempt: int = 1
    lang: str = "en"
    at: str = ""


@dataclass
class DecisionLog:
    """What a log file holds: its valid decisions, how many entries were skipped, and why it could not be read."""

    decisions: list[Decision] = field(default_factory=list)
    problem: str | None = None
    skipped: int = 0


def now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_log(data: object) -> DecisionLog:
    """Turn loaded JSON into a DecisionLog, skipping malformed entries."""
    if not isinstance(data, dict) or not isinstance(data.get("decisions"), list):
        return DecisionLog(problem="the file is not a decision log (no 'decisions' list)")
    if data.get("format", FORMAT) != FORMAT:
        return DecisionLog(problem=f"unsupported log format {data.get('format')!r} (expected {FORMAT})")
    log = DecisionLog()
    for entry in data["decisions"]:
        decision = _entry(entry)
        if decision is None:
            log.skipped += 1
        else:
            log.decisions.append(decision)
    return log


def _entry(entry: object) -> Decision | None:
    if not isinstance(entry, dict):
        return None
    names = ("scenario", "step", "option")
    if not all(isinstance(entry.get(k), str) and entry.get(k) for k in names):
        return None
    attempt = entry.get("attempt", 1)
    lang = entry.get("lang", "en")
    at = entry.get("at", "")
    if isinstance(attempt, bool) or not isinstance(attempt, int) or attempt < 1:
        return None
    if lang not in ("en", "es") or not isinstance(at, str):
        return None
    return Decision(entry["scenario"], entry["step"], entry["option"], attempt, lang, at)


def read_log(path: Path | str) -> DecisionLog:
    """Read a decision log; a missing or broken file gives an empty log with a plain reason."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return DecisionLog(problem=f"no {path.name} here yet: no decisions were recorded")
    except OSError as exc:
        return DecisionLog(problem=f"{path.name} cannot be read ({exc.strerror or exc})")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return DecisionLog(problem=f"{path.name} is damaged (not valid JSON); its decisions cannot be read")
    return parse_log(data)


def append_decision(path: Path | str, decision: Decision) -> DecisionLog:
    """Append one decision: re-read, append and rename under a lock, so no entry is ever lost.

    A damaged file is kept beside the log (`decisions.json.damaged-<time>`) before a new one starts.
    Returns the log as written.
    """
    path = Path(path)
    if not decision.at:
        decision = Decision(**{**asdict(decision), "at": now()})
    with FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT):
        entries = _raw_entries(path)
        if entries is None:
            stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
            os.replace(path, path.with_name(f"{path.name}.damaged-{stamp}"))
            entries = []
        entries.append(asdict(decision))
        _write_atomic(path, entries)
    return parse_log({"format": FORMAT, "decisions": entries})


def _raw_entries(path: Path) -> list | None:
    """The log's entries as stored (malformed ones kept, never dropped); None if the file is damaged."""
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        return []
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("decisions"), list):
        return None
    if data.get("format", FORMAT) != FORMAT:
        return None
    return data["decisions"]


def _write_atomic(path: Path, entries: list) -> None:
    payload = {"format": FORMAT, "decisions": entries}
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
