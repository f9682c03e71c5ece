"""The decision log is read leniently and written so that no entry is ever lost."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time

from pact_course.engine.decisions import Decision, append_decision, read_log


def test_missing_log_gives_an_empty_log_with_a_reason(tmp_path):
    """No file: no decisions, and a plain reason instead of a crash."""
    log = read_log(tmp_path / "decisions.json")
    assert log.decisions == [] and "no decisions were recorded" in (log.problem or "")


def test_corrupt_log_gives_an_empty_log_with_a_reason(tmp_path):
    """A file that is not JSON reads as empty, with a reason."""
    f = tmp_path / "decisions.json"
    f.write_bytes(b'{"format": 1, "decisions": [{"scen')
    log = read_log(f)
    assert log.decisions == [] and "damaged" in (log.problem or "")


def test_a_log_of_the_wrong_shape_is_refused_plainly(tmp_path):
    """A JSON file that is not a decision log reads as empty, with a reason."""
    f = tmp_path / "decisions.json"
    f.write_text("[1, 2, 3]")
    assert "not a decision log" in (read_log(f).problem or "")
    f.write_text('{"format": 9, "decisions": []}')
    assert "unsupported log format" in (read_log(f).problem or "")


def test_malformed_entries_are_skipped_and_counted(tmp_path):
    """Entries missing fields or with wrong types are skipped; the rest are kept in order."""
    f = tmp_path / "decisions.json"
    entries = [
        {"scenario": "s", "step": "a", "option": "x"},
        {"scenario": "s", "step": "a"},
        "not an entry",
        {"scenario": "s", "step": "b", "option": "y", "attempt": "2"},
        {"scenario": "s", "step": "b", "option": "y", "attempt": 0},
        {"scenario": "s", "step": "b", "option": "y", "lang": "fr"},
        {"scenario": "s", "step": "b", "option": "z", "attempt": 2, "lang": "es", "at": "2026-11-25T10:04:31Z"},
    ]
    f.write_text(json.dumps({"format": 1, "decisions": entries}))
    log = read_log(f)
    assert log.problem is None and log.skipped == 5
    assert log.decisions == [
        Decision("s", "a", "x"),
        Decision("s", "b", "z", attempt=2, lang="es", at="2026-11-25T10:04:31Z"),
    ]


def test_append_writes_the_contract_format(tmp_path):
    """Appending creates the file in the contract's format, with a UTC timestamp."""
    f = tmp_path / "decisions.json"
    append_decision(f, Decision("crying-baby", "arrival", "reassure", lang="es"))
    data = json.loads(f.read_text())
    assert data["format"] == 1
    [entry] = data["decisions"]
    assert entry["scenario"] == "crying-baby" and entry["lang"] == "es" and entry["attempt"] == 1
    assert entry["at"].endswith("Z")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_append_keeps_entries_it_cannot_read(tmp_path):
    """Appending never drops what is already in the file, even entries it skips when reading."""
    f = tmp_path / "decisions.json"
    f.write_text(json.dumps({"format": 1, "decisions": [{"odd": True}]}))
    append_decision(f, Decision("s", "a", "x"))
    assert json.loads(f.read_text())["decisions"][0] == {"odd": True}


def test_append_to_a_damaged_log_keeps_the_damaged_file(tmp_path):
    """A damaged log is set aside beside the new one, never silently overwritten."""
    f = tmp_path / "decisions.json"
    f.write_text("{broken")
    append_decision(f, Decision("s", "a", "x"))
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("decisions.json.damaged-")]
    assert len(kept) == 1 and kept[0].read_text() == "{broken"
    assert len(read_log(f).decisions) == 1


def _writer(path: str, who: int, count: int) -> None:
    for i in range(count):
        append_decision(path, Decision("s", f"{who}-{i}", "x"))


def test_two_writers_at_once_lose_nothing(tmp_path):
    """Two processes appending at the same time keep every entry."""
    f = str(tmp_path / "decisions.json")
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(f, who, 40)) for who in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    steps = [d.step for d in read_log(f).decisions]
    assert len(steps) == 80 and len(set(steps)) == 80


KILLED_WRITER = """
import sys
from pact_course.engine.decisions import Decision, append_decision
path = sys.argv[1]
print("ready", flush=True)
i = 0
while True:
    append_decision(path, Decision("s", f"step-{i}", "x" * 2000))
    i += 1
"""


def test_a_writer_killed_mid_write_never_leaves_a_broken_file(tmp_path):
    """SIGKILL during a stream of appends leaves a complete, readable log."""
    f = tmp_path / "decisions.json"
    for _ in range(3):
        proc = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(f)], stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        deadline = time.monotonic() + 20
        while not f.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.2)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        log = read_log(f)
        assert log.problem is None and log.skipped == 0
        assert len(log.decisions) > 0
    # A later writer still works (the stale lock file does not block it).
    before = len(read_log(f).decisions)
    append_decision(f, Decision("s", "after", "x"))
    assert len(read_log(f).decisions) == before + 1
