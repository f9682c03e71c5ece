"""The decision log: decisions.json read leniently, appended in place under a lock at the same cost at any length."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

from filelock import FileLock

from . import decision_file as store

LOG_NAME = "decisions.json"
FORMAT = 1
LOCK_TIMEOUT = 30
MAX_LOG_BYTES = store.MAX_BYTES


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


class LogFull(ValueError):
    """The log reached its size limit: no decision is added (the message says so plainly)."""


def now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_log(data: object) -> DecisionLog:
    """Turn loaded JSON into a DecisionLog, skipping malformed entries."""
    if not isinstance(data, dict) or not isinstance(data.get("decisions"), list):
        return DecisionLog(problem="the file is not a decision log (no 'decisions' list)")
    if not _format_ok(data):
        return DecisionLog(problem=f"unsupported log format {_shown(data.get('format'))} (expected {FORMAT})")
    return _add(DecisionLog(), data["decisions"])


def _format_ok(data: dict) -> bool:
    value = data.get("format", FORMAT)
    return type(value) is int and value == FORMAT


def _shown(value: object) -> str:
    text = repr(value) if isinstance(value, (int, float, str, type(None))) else type(value).__name__
    return text if len(text) <= 40 else text[:37] + "..."


def _add(log: DecisionLog, entries: list) -> DecisionLog:
    """A new DecisionLog: `log`'s decisions followed by the valid ones among `entries`."""
    out = DecisionLog(list(log.decisions), log.problem, log.skipped)
    for entry in entries:
        decision = _entry(entry)
        if decision is None:
            out.skipped += 1
        else:
            out.decisions.append(decision)
    return out


def _text(value: object) -> bool:
    """A non-empty string that can be written back as UTF-8 (no lone surrogates)."""
    if not isinstance(value, str) or not value:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _entry(entry: object) -> Decision | None:
    if not isinstance(entry, dict):
        return None
    if not all(_text(entry.get(k)) for k in ("scenario", "step", "option")):
        return None
    attempt = entry.get("attempt", 1)
    lang = entry.get("lang", "en")
    at = entry.get("at", "")
    if type(attempt) is not int or attempt < 1:
        return None
    if lang not in ("en", "es") or not isinstance(at, str) or (at and not _text(at)):
        return None
    return Decision(entry["scenario"], entry["step"], entry["option"], attempt, lang, at)


def read_log(path: Path | str) -> DecisionLog:
    """Read a decision log; a missing, damaged, linked or oversized file gives an empty log with a plain reason.

    Never raises and never follows a link: any content (depth, size, encoding, type) gives a log.
    """
    path = Path(path)
    name = path.name
    try:
        fd, st = store.open_plain(path, os.O_RDONLY)
    except FileNotFoundError:
        return DecisionLog(problem=f"no {name} here yet: no decisions were recorded")
    except store.NotAFile as exc:
        return DecisionLog(problem=f"{exc}; its decisions cannot be read")
    except (OSError, ValueError) as exc:
        return DecisionLog(problem=f"{name} cannot be read ({getattr(exc, 'strerror', None) or exc})")
    try:
        if st.st_size > MAX_LOG_BYTES:
            return DecisionLog(problem=_too_large(name, st.st_size))
        try:
            cached = store.cached_read(path, fd, st, _add)
        except (OSError, ValueError):
            cached = None
        if isinstance(cached, DecisionLog):
            return _copy(cached)
        try:
            raw = store.read_bytes(fd, MAX_LOG_BYTES + 1)
        except OSError as exc:
            return DecisionLog(problem=f"{name} cannot be read ({exc.strerror or exc})")
    finally:
        os.close(fd)
    log = _parse(raw, name)
    whole = len(raw) == st.st_size  # not grown while it was read
    if whole and log.problem is None and raw.startswith(store.HEAD) and raw.endswith(b"\n" + store.TAIL):
        body = raw[: -len(store.TAIL)]
        count = len(log.decisions) + log.skipped
        store.remember(path, st, len(body), body[-store.ANCHOR :], count, _copy(log))
    return log


def _copy(log: DecisionLog) -> DecisionLog:
    return DecisionLog(list(log.decisions), log.problem, log.skipped)


def _too_large(name: str, size: int) -> str:
    return f"{name} is too large ({size / 2**20:.0f} MB; a decision log holds at most {MAX_LOG_BYTES // 2**20} MB)"


def _parse(raw: bytes, name: str) -> DecisionLog:
    try:
        return parse_log(store.loads(raw))
    except ValueError:
        entries = store.recover(raw)  # a writer killed mid-append leaves an unfinished last line
        if entries is None:
            return DecisionLog(problem=f"{name} is damaged (not valid JSON); its decisions cannot be read")
        return _add(DecisionLog(), entries)


def append_decision(path: Path | str, decision: Decision) -> DecisionLog:
    """Append one decision under a lock, in place (one write and fsync, whatever the log's length).

    A damaged file is kept beside the log (`decisions.json.damaged-<time>`) before a new one starts;
    a log in an older layout, or with another name (a hard link), is rewritten once with an atomic
    rename; leftover temporary files of killed writers are removed. Raises LogFull at the size limit.
    Returns the log as written (read back through a cache, so this costs the same at any length too).
    """
    path = Path(path)
    if not decision.at:
        decision = replace(decision, at=now())
    line = store.entry_line(asdict(decision))
    with FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT):
        _tidy_once(path)
        before = read_log(path)
        try:
            size = os.lstat(path).st_size
        except FileNotFoundError:
            size = 0
        if size > MAX_LOG_BYTES or size + len(line) + 4 > MAX_LOG_BYTES:
            raise LogFull(_too_large(path.name, size) + ": no more decisions can be recorded; ask your trainer")
        if before.problem is not None or not store.append_in_place(path, line):
            _rewrite(path, line)
    return read_log(path)


_tidied: set[str] = set()


def _tidy_once(path: Path) -> None:
    """Remove leftover temporary files the first time this process writes a log."""
    if str(path) not in _tidied:
        store.clear_temporaries(path)
        _tidied.add(str(path))


def _rewrite(path: Path, line: bytes) -> None:
    """The whole log again in the appendable layout, with every stored entry (even unreadable ones) and `line`."""
    store.clear_temporaries(path)
    entries = _stored_entries(path)
    lines = None
    if entries is not None:
        try:
            lines = [store.entry_line(e) for e in entries]
        except (ValueError, RecursionError):
            lines = None
    if lines is None:
        _set_aside(path)
        lines = []
    store.write_atomic(path, [*lines, line])


def _stored_entries(path: Path) -> list | None:
    """The log's entries as stored (malformed ones kept); [] if there is no file; None if it is damaged."""
    try:
        fd, _ = store.open_plain(path, os.O_RDONLY)
    except FileNotFoundError:
        return []
    except OSError:
        return None
    try:
        raw = store.read_bytes(fd, MAX_LOG_BYTES + 1)
    finally:
        os.close(fd)
    try:
        data = store.loads(raw)
    except ValueError:
        return store.recover(raw)
    if not isinstance(data, dict) or not isinstance(data.get("decisions"), list) or not _format_ok(data):
        return None
    return data["decisions"]


def _set_aside(path: Path) -> None:
    if not os.path.lexists(path):
        return
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    os.replace(path, path.with_name(f"{path.name}.damaged-{stamp}"))
    store.forget(path)
