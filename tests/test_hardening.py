"""Issue 16, files: the decision log appends at the same cost at any length; no trainee's file stops the others."""

from __future__ import annotations

import json
import os
import statistics
import threading
import time
from pathlib import Path

import pytest

from pact_course.engine.decisions import Decision, append_decision, read_log
from pact_course.engine.scoring import best_path

ENTRY = {
    "scenario": "tea-break",
    "step": "ask",
    "option": "listen",
    "attempt": 1,
    "lang": "en",
    "at": "2026-11-25T10:04:31Z",
}


def old_layout_log(path: Path, n: int) -> None:
    """A log as the course wrote them until now (one indented JSON document), as found on trainees' disks."""
    entries = [{**ENTRY, "step": f"s{i}"} for i in range(n)]
    path.write_text(json.dumps({"format": 1, "decisions": entries}, indent=1) + "\n", encoding="utf-8")


def io_bytes() -> int:
    """Bytes this process has read and written through system calls so far."""
    fields = dict(line.split(": ") for line in Path("/proc/self/io").read_text().splitlines())
    return int(fields["rchar"]) + int(fields["wchar"])


def append_cost(folder: Path, n: int, rounds: int = 25) -> tuple[float, float]:
    """Median seconds and I/O bytes of one append to a log already holding `n` entries."""
    log = folder / f"log-{n}" / "decisions.json"
    log.parent.mkdir()
    old_layout_log(log, n)
    append_decision(log, Decision("tea-break", "warm-up", "x"))  # the first write of a process may convert the file
    seconds, moved = [], []
    for i in range(rounds):
        before, started = io_bytes(), time.perf_counter()
        append_decision(log, Decision("tea-break", f"new-{i}", "x"))
        seconds.append(time.perf_counter() - started)
        moved.append(io_bytes() - before)
    assert len(read_log(log).decisions) == n + 1 + rounds
    return statistics.median(seconds), statistics.median(moved)


def test_appending_costs_the_same_at_10_or_10000_entries(tmp_path):
    """An append reads and writes about the same bytes, and takes about the same time, at 10 or 10,000 entries."""
    small_s, small_io = append_cost(tmp_path, 10)
    large_s, large_io = append_cost(tmp_path, 10_000)
    print(
        f"append: {small_s * 1000:.2f} ms, {small_io:.0f} B at 10 entries; "
        f"{large_s * 1000:.2f} ms, {large_io:.0f} B at 10,000"
    )
    assert large_io < 2 * small_io + 4096, (small_io, large_io)
    assert large_s < 3 * small_s + 0.005, (small_s, large_s)


def test_an_old_layout_log_stays_readable_and_keeps_every_entry(tmp_path):
    """A log written in the old layout reads as before, and appending keeps every stored entry, even unreadable ones."""
    log = tmp_path / "decisions.json"
    entries = [ENTRY, {"odd": True}, "garbage", {**ENTRY, "step": "follow", "option": "report"}]
    log.write_text(json.dumps({"format": 1, "decisions": entries}, indent=1), encoding="utf-8")
    assert [d.step for d in read_log(log).decisions] == ["ask", "follow"] and read_log(log).skipped == 2
    append_decision(log, Decision("tea-break", "wrap", "thank"))
    append_decision(log, Decision("tea-break", "wrap", "rush", attempt=2))
    data = json.loads(log.read_text(encoding="utf-8"))
    assert data["format"] == 1 and data["decisions"][:4] == entries
    assert [e["option"] for e in data["decisions"][4:]] == ["thank", "rush"]
    assert [d.option for d in read_log(log).decisions] == ["listen", "report", "thank", "rush"]


def test_a_write_cut_at_any_byte_loses_only_that_decision(tmp_path):
    """Wherever a killed append stopped, the log reads with no problem and the next append keeps all before it."""
    log = tmp_path / "decisions.json"
    for step in ("ask", "follow"):
        append_decision(log, Decision("tea-break", step, "x"))
    whole = log.read_bytes()
    append_decision(log, Decision("tea-break", "wrap", "thank"))
    longer = log.read_bytes()
    closing = len(whole) - 3  # the new entry is written over the closing "]}\n"
    for cut in range(closing + 1, len(longer)):
        log.write_bytes(longer[:cut] + whole[cut:])
        got = read_log(log)
        assert got.problem is None and got.skipped == 0, (cut, log.read_bytes()[closing:])
        assert [d.step for d in got.decisions][:2] == ["ask", "follow"], cut
        append_decision(log, Decision("tea-break", "again", "x"))
        assert [d.step for d in read_log(log).decisions][:2] == ["ask", "follow"] and read_log(log).skipped == 0, cut
        assert json.loads(log.read_text())["decisions"][-1]["step"] == "again"


def test_leftover_temporary_files_are_removed(tmp_path):
    """Temporary files a killed writer left beside the log are removed by the next append."""
    log = tmp_path / "decisions.json"
    old_layout_log(log, 3)
    for name in (".decisions.json.k1l2e3.tmp", ".decisions.json.x9.tmp"):
        (tmp_path / name).write_text('{"format": 1, "decisions": [')
    append_decision(log, Decision("tea-break", "ask", "listen"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["decisions.json", "decisions.json.lock"]


def test_a_full_log_refuses_a_new_decision_plainly_and_keeps_the_file(tmp_path, monkeypatch):
    """At the size limit an append raises a plain message and changes nothing; a larger file reads as 'too large'."""
    from pact_course.engine import decisions

    log = tmp_path / "decisions.json"
    old_layout_log(log, 50)
    monkeypatch.setattr(decisions, "MAX_LOG_BYTES", log.stat().st_size + 10)
    before = log.read_bytes()
    with pytest.raises(ValueError, match="no more decisions can be recorded"):
        append_decision(log, Decision("tea-break", "wrap", "thank"))
    assert log.read_bytes() == before
    monkeypatch.setattr(decisions, "MAX_LOG_BYTES", 100)
    assert "too large" in (read_log(log).problem or "") and read_log(log).decisions == []


def test_a_hard_linked_log_is_never_written_through_the_other_name(tmp_path):
    """Appending to a log that has a second name (a hard link) leaves the file under the other name unchanged."""
    other = tmp_path / "other" / "decisions.json"
    other.parent.mkdir()
    append_decision(other, Decision("tea-break", "ask", "ignore"))
    before = other.read_bytes()
    mine = tmp_path / "decisions.json"
    os.link(other, mine)
    append_decision(mine, Decision("tea-break", "ask", "listen"))
    assert other.read_bytes() == before
    assert [d.option for d in read_log(mine).decisions] == ["ignore", "listen"]


# --- one damaged file never stops the others (finding 5) -------------------------------------------


def _damaged(tmp_path: Path) -> dict[str, bytes]:
    """Decision logs nobody should have to read: name -> bytes (or a callable that makes the file)."""
    return {
        "deep-list": b'{"format": 1, "decisions": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        "deep-entry": b'{"format": 1, "decisions": [{"scenario": ' + b"[" * 100_000 + b"}",
        "deep-object": b'{"a":' * 100_000 + b"1" + b"}" * 100_000,
        "huge-number": b'{"format": 1, "decisions": [{"scenario": "s", "step": "a", "option": "x", "attempt": '
        + b"9" * 50_000
        + b"}]}",
        "latin-1": '{"format": 1, "decisions": [{"scenario": "té"}]}'.encode("latin-1"),
        "utf-16": json.dumps({"format": 1, "decisions": [ENTRY]}).encode("utf-16"),
        "nul-bytes": b"\0" * 4096,
        "lone-surrogate": b'{"format": 1, "decisions": [{"scenario": "\\ud800", "step": "a", "option": "x"}]}',
        "a-number": b"12",
        "null": b"null",
        "decisions-a-dict": b'{"format": 1, "decisions": {"0": {}}}',
        "format-a-list": b'{"format": [1], "decisions": []}',
        "empty": b"",
    }


def make_damaged(folder: Path, kind: str, content) -> Path:
    path = folder / "decisions.json"
    folder.mkdir(parents=True, exist_ok=True)
    if content is not None:
        path.write_bytes(content)
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "oversized":
        with open(path, "wb") as fh:
            fh.truncate(64 * 1024 * 1024)  # sparse: 64 MB of nothing, no disk used
    elif kind == "link-to-zero":
        path.symlink_to("/dev/zero")
    return path


KINDS = [
    "deep-list",
    "deep-entry",
    "deep-object",
    "huge-number",
    "latin-1",
    "utf-16",
    "nul-bytes",
    "lone-surrogate",
    "a-number",
    "null",
    "decisions-a-dict",
    "format-a-list",
    "empty",
    "fifo",
    "folder",
    "oversized",
    "link-to-zero",
]


def within(seconds: float, fn):
    """fn() in a daemon thread: its result, or a failure if it raises or hangs (a FIFO can block a reader forever)."""
    out: dict = {}

    def run():
        try:
            out["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            out["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds:g} s"
    if "error" in out:
        raise AssertionError(f"raised {type(out['error']).__name__}: {str(out['error'])[:200]}")
    return out["value"]


@pytest.mark.parametrize("kind", KINDS)
def test_every_reader_survives_any_content(tmp_path, kind, tea_break, capsys):
    """read_log and grade() give a plain reason and a score of 0 for any damaged log, never an exception or a hang."""
    from pact_course.grading import grade

    path = make_damaged(tmp_path / kind, kind, _damaged(tmp_path).get(kind))
    log = within(30, lambda: read_log(path))
    assert log.problem or log.skipped, kind
    data = json.dumps({"scenario": tea_break.model_dump(), "guidelines": {}})
    score = within(30, lambda: grade(data, path))
    out, err = capsys.readouterr()
    assert score == 0.0 and type(score) is float, kind
    assert err == "" and ("scores 0" in out or "Score: 0 out of 8" in out), (kind, out[-300:])


def test_a_damaged_log_appends_to_a_new_file_and_keeps_the_old_one(tmp_path):
    """Appending to an unreadable log (nested too deeply) sets it aside and starts a new one, never a traceback."""
    path = make_damaged(tmp_path, "deep-list", _damaged(tmp_path)["deep-list"])
    written = within(30, lambda: append_decision(path, Decision("tea-break", "ask", "listen")))
    assert [d.option for d in written.decisions] == ["listen"]
    assert len(list(tmp_path.glob("decisions.json.damaged-*"))) == 1


@pytest.fixture
def cohort(course_dir: Path, tea_break):
    """A gradebook with three graded trainees, the middle one's decisions.json nested 100,000 deep."""
    from nbgrader.api import Gradebook

    root = course_dir
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}", "pact-facilitator") as gb:
        gb.add_assignment("induction")
        gb.add_notebook("induction", "induction")
        gb.add_grade_cell("tea-break", "induction", "induction", max_score=8, cell_type="code")
        for trainee, score in (("amina", 8), ("deep", 0), ("zoe", 8)):
            gb.add_student(trainee)
            gb.add_submission("induction", trainee)
            gb.find_grade("tea-break", "induction", "induction", trainee).auto_score = score
            gb.db.commit()
            folder = root / "autograded" / trainee / "induction"
            folder.mkdir(parents=True)
            (folder / "induction.ipynb").write_text("{}")
            if trainee == "deep":
                (folder / "decisions.json").write_bytes(_damaged(root)["deep-list"])
            else:
                for taken in best_path(tea_break):
                    append_decision(folder / "decisions.json", Decision("tea-break", taken.step_id, taken.option.id))
    return root


def test_results_reports_a_damaged_trainee_and_goes_on(cohort, capsys):
    """`pact-course results` lists every trainee, the one with a damaged log marked as such, and writes the CSV."""
    from pact_course.commands import cli

    code = within(
        120, lambda: cli.main(["--root", str(cohort), "results", "induction", "--csv", str(cohort / "r.csv")])
    )
    out, err = capsys.readouterr()
    assert code == 0 and "Traceback" not in out + err, err[-2000:]
    rows = {
        line.split()[0]: line
        for line in out.splitlines()
        if line.split() and line.split()[0] in ("amina", "deep", "zoe")
    }
    assert set(rows) == {"amina", "deep", "zoe"}
    assert "pass" in rows["amina"] and "pass" in rows["zoe"]
    assert "deep: " in out and "damaged" in out.split("deep: ", 1)[1].splitlines()[0]
    assert (cohort / "r.csv").read_text().count("\n") == 4
