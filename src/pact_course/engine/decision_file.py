"""The decision log's bytes: safe opening, the appendable layout, tail recovery, a read cache, atomic rewrites."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

# decisions.json stays one JSON document ({"format": 1, "decisions": [...]}) written one entry a line,
# so that a new decision is added in place, over the closing line, at the same cost at any length:
#   {"format": 1, "decisions": [
#   {"scenario": ...}
#   ,{"scenario": ...}
#   ]}
HEAD = b'{"format": 1, "decisions": [\n'
TAIL = b"]}\n"
MAX_BYTES = 16 * 1024 * 1024  # about 100,000 decisions; a larger file is refused, never read into memory
ANCHOR = 32  # bytes before the closing line the cache checks are still there
# Where the system lacks them (Windows), links are caught by lstat and reads and writes seek first.
O_FLAGS = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def pread(fd: int, size: int, offset: int) -> bytes:
    if hasattr(os, "pread"):
        return os.pread(fd, size, offset)
    os.lseek(fd, offset, os.SEEK_SET)
    return os.read(fd, size)


def pwrite(fd: int, data: bytes, offset: int) -> int:
    if hasattr(os, "pwrite"):
        return os.pwrite(fd, data, offset)
    os.lseek(fd, offset, os.SEEK_SET)
    return os.write(fd, data)


class NotAFile(OSError):
    """The log's name is a link, a device, a folder or something else than a plain file."""


def open_plain(path: Path, flags: int) -> tuple[int, os.stat_result]:
    """Open `path` itself (never what a link points to) and only if it is a plain file; (fd, stat)."""
    if not O_FLAGS & getattr(os, "O_NOFOLLOW", 0) and os.path.islink(path):
        raise NotAFile(f"{path.name} is a link to another file, not the trainee's own log")
    try:
        fd = os.open(path, flags | O_FLAGS | O_NONBLOCK)  # O_NONBLOCK: a FIFO never hangs the reader
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise NotAFile(f"{path.name} is a link to another file, not the trainee's own log") from None
        raise
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise NotAFile(f"{path.name} is not a plain file")
    return fd, st


def read_bytes(fd: int, size: int) -> bytes:
    """Up to `size` bytes from the start of fd."""
    chunks, offset = [], 0
    while offset < size:
        chunk = pread(fd, min(size - offset, 1 << 20), offset)
        if not chunk:
            break
        chunks.append(chunk)
        offset += len(chunk)
    return b"".join(chunks)


def entry_line(entry: object) -> bytes:
    """One entry as a JSON line (no newline); ValueError/RecursionError for what JSON cannot hold."""
    return json.dumps(entry, ensure_ascii=False, separators=(", ", ": ")).encode("utf-8")


def loads(raw: bytes) -> object:
    """JSON from bytes; ValueError for anything that is not (bad UTF-8, syntax, too deep, huge numbers)."""
    try:
        return json.loads(raw.decode("utf-8"))
    except RecursionError:
        raise ValueError("nested too deeply") from None


_BAD = object()


def _line_entry(line: bytes, first: bool) -> object:
    """The entry on one line of the appendable layout (',' before all but the first), or _BAD."""
    if first == line.startswith(b","):
        return _BAD
    try:
        return loads(line[0 if first else 1 :])
    except ValueError:
        return _BAD


def split_lines(body: bytes, first: bool) -> list[object] | None:
    """Entries of complete body lines in the appendable layout; None if any line is not one."""
    if not body:
        return []
    if not body.endswith(b"\n"):
        return None
    entries = []
    for line in body[:-1].split(b"\n"):
        entry = _line_entry(line, first)
        if entry is _BAD:
            return None
        entries.append(entry)
        first = False
    return entries


def recover(raw: bytes) -> list[object] | None:
    """Entries of a log in the appendable layout whose last append was cut short (a kill mid-write).

    The cut write overwrote the start of the closing line: what it left is the last line, unfinished
    or mixed with what remains of the closing line. Every line before it is kept; the cut entry was
    never confirmed to anyone. None if the file is damaged in any other way.
    """
    if not raw.startswith(HEAD):
        return None
    lines = raw[len(HEAD) :].split(b"\n")
    partial = lines.pop()  # what follows the last newline
    entries: list[object] = []
    for i, line in enumerate(lines):
        entry = _line_entry(line, first=i == 0)
        if entry is _BAD:
            return entries if i == len(lines) - 1 and not partial else None
        entries.append(entry)
    return entries


@dataclass
class Cached:
    """What this process last read of a log in the appendable layout, to read only what was appended since."""

    dev: int
    ino: int
    size: int
    mtime: int
    body_end: int
    anchor: bytes
    count: int  # entries stored, readable or not
    value: object  # the caller's parsed result for these bytes


_cache: dict[str, Cached] = {}
_cache_lock = threading.Lock()


def cached_read(path: Path, fd: int, st: os.stat_result, parse_new) -> object | None:
    """The cached value brought up to date with the entries appended since, or None for a full read.

    `parse_new(value, entries)` returns the new value with `entries` (raw JSON) added after it.
    """
    with _cache_lock:
        c = _cache.get(str(path))
    if c is None or (c.dev, c.ino) != (st.st_dev, st.st_ino) or st.st_size < c.size:
        return None
    if (c.size, c.mtime) == (st.st_size, st.st_mtime_ns):
        return c.value
    start = c.body_end - len(c.anchor)
    chunk = pread(fd, st.st_size - start, start)
    if len(chunk) != st.st_size - start or not chunk.startswith(c.anchor) or not chunk.endswith(TAIL):
        return None
    if pread(fd, len(HEAD), 0) != HEAD:
        return None
    entries = split_lines(chunk[len(c.anchor) : -len(TAIL)], first=c.count == 0)
    if entries is None:
        return None
    value = parse_new(c.value, entries)
    remember(path, st, st.st_size - len(TAIL), chunk[: -len(TAIL)][-ANCHOR:], c.count + len(entries), value)
    return value


def remember(path: Path, st: os.stat_result, body_end: int, anchor: bytes, count: int, value: object) -> None:
    with _cache_lock:
        _cache[str(path)] = Cached(st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, body_end, anchor, count, value)


def forget(path: Path) -> None:
    with _cache_lock:
        _cache.pop(str(path), None)


def append_in_place(path: Path, line: bytes) -> bool:
    """Add one entry line over the closing line, in one write; False if the file is not in the appendable layout.

    Only a plain file with no other name (no hard link, so no other file changes) is written in place.
    """
    try:
        fd, st = open_plain(path, os.O_RDWR)
    except OSError:
        return False
    try:
        if st.st_nlink != 1 or st.st_size < len(HEAD) + len(TAIL):
            return False
        if pread(fd, len(HEAD), 0) != HEAD:
            return False
        if pread(fd, len(TAIL) + 1, st.st_size - len(TAIL) - 1) != b"\n" + TAIL:  # HEAD ends with one too
            return False
        empty = st.st_size == len(HEAD) + len(TAIL)
        data = (b"" if empty else b",") + line + b"\n" + TAIL
        offset = st.st_size - len(TAIL)
        while data:
            written = pwrite(fd, data, offset)
            data, offset = data[written:], offset + written
        getattr(os, "fdatasync", os.fsync)(fd)
        return True
    finally:
        os.close(fd)


def write_atomic(path: Path, lines: list[bytes]) -> None:
    """Write a whole log in the appendable layout to a temporary file, then rename it over `path`."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(HEAD)
            for i, line in enumerate(lines):
                fh.write((b"," if i else b"") + line + b"\n")
            fh.write(TAIL)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    forget(path)


def clear_temporaries(path: Path) -> int:
    """Remove `.decisions.json.*.tmp` files a killed writer left; call it holding the log's lock."""
    removed = 0
    prefix, suffix = f".{path.name}.", ".tmp"
    try:
        names = os.listdir(path.parent)
    except OSError:
        return 0
    for name in names:
        if name.startswith(prefix) and name.endswith(suffix):
            try:
                os.unlink(path.parent / name)
                removed += 1
            except OSError:
                pass
    return removed
