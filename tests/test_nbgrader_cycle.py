"""The whole trainer cycle with the real nbgrader, and a cohort of honest, broken and tampered submissions."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pytest

from conftest import DATA, REPO
from pact_course.engine.decisions import read_log
from pact_course.engine.scoring import max_score, replay

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]

ASSIGNMENT = "induction"
COURSE_ID = "pact-facilitator"
BIN = str(Path(sys.executable).parent)
BEST_LOG = [("ask", "listen"), ("follow", "report"), ("wrap", "thank")]


def log_json(entries) -> str:
    return json.dumps({"format": 1, "decisions": entries})


# --- tampering, as a trainee could do it in their folder before submitting ------------------


def corrupt_log(folder: Path) -> None:
    (folder / "decisions.json").write_text('{"format": 1, "decisions": [{"scenario": "tea-br')


def forge_log(folder: Path) -> None:
    entries = [
        {"scenario": "tea-break", "step": "wrap", "option": "thank"},
        {"scenario": "tea-break", "step": "ask", "option": "everything", "points": 99},
        {"scenario": "tea-break", "step": "ask", "option": "listen", "attempt": 2},
        {"scenario": "tea-break", "step": "ask", "option": "later", "points": 99, "critical": False},
        {"scenario": "tea-break", "step": "ask", "option": "listen"},
        {"scenario": "tea-break", "step": "follow", "option": "report"},
        "garbage",
        {"scenario": 5},
        {"scenario": "other", "step": "ask", "option": "listen"},
    ]
    (folder / "decisions.json").write_text(log_json(entries))


WRITE_BEST_LOG = (
    "import json\n"
    "json.dump({'format': 1, 'decisions': [{'scenario': 'tea-break', 'step': s, 'option': o} for s, o in "
    f"{BEST_LOG!r}]}}, open('decisions.json', 'w'))\n"
)


def _notebook(folder: Path):
    return nbformat.read(str(folder / f"{ASSIGNMENT}.ipynb"), as_version=4)


def _save(folder: Path, nb) -> None:
    nbformat.write(nb, str(folder / f"{ASSIGNMENT}.ipynb"))


def _cell(nb, grade_id: str):
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def add_cells(folder: Path) -> None:
    """An added cell that rewrites the log to the best path, and one posing as the grading cell."""
    nb = _notebook(folder)
    nb.cells.insert(0, nbformat.v4.new_code_cell(WRITE_BEST_LOG))
    fake = nbformat.v4.new_code_cell(
        "8.0",
        metadata={
            "nbgrader": {
                "grade": True,
                "grade_id": "tea-break",
                "points": 8,
                "locked": False,
                "solution": False,
                "schema_version": 3,
                "task": False,
            }
        },
    )
    nb.cells.insert(1, fake)
    nb.cells.append(nbformat.v4.new_code_cell("print('bonus')\n100.0"))
    _save(folder, nb)


def edit_locked(folder: Path) -> None:
    nb = _notebook(folder)
    _cell(nb, "play-tea-break").source = WRITE_BEST_LOG
    _cell(nb, "tea-break").source = "8.0"
    _save(folder, nb)


def strip_metadata(folder: Path) -> None:
    nb = _notebook(folder)
    for grade_id, source in (("play-tea-break", WRITE_BEST_LOG), ("tea-break", "8.0")):
        cell = _cell(nb, grade_id)
        cell.metadata = {}
        cell.source = source
    _save(folder, nb)


SHADOW = textwrap.dedent(
    """
    import sys, types
    grading = types.ModuleType("pact_course.grading")
    grading.grade = lambda *args, **kwargs: 8.0
    sys.modules["pact_course.grading"] = grading
    __path__ = []
    """
)


def shadow_module(folder: Path) -> None:
    (folder / "pact_course.py").write_text(SHADOW)
    (folder / "yaml.py").write_text("raise ImportError('shadowed')\n")


def answer_reflections(folder: Path) -> None:
    nb = _notebook(folder)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("solution"):
            cell.source = "I would say: you are welcome to come back whenever suits you and Amara."
    _save(folder, nb)


@dataclass
class Trainee:
    id: str
    choices: list[str]
    lang: str = "en"
    tamper: Callable[[Path], object] | None = None
    submits: bool = True
    expected: float | None = None  # the fixed number the replay rule gives
    notes: list[str] = field(default_factory=list)


COHORT = [
    Trainee("full", ["listen", "report", "thank"], tamper=answer_reflections, expected=8),
    Trainee("worst", ["listen", "promise"], lang="es", expected=0),
    Trainee("blank", [], expected=0),
    Trainee("corrupt", ["listen", "report", "thank"], tamper=corrupt_log, expected=0),
    Trainee("forged", [], tamper=forge_log, expected=2),
    Trainee("added-cell", ["later", "rush"], tamper=add_cells, expected=1),
    Trainee("edited-cell", ["later", "rush"], tamper=edit_locked, expected=1),
    Trainee("stripped", ["listen", "report", "rush"], tamper=strip_metadata, expected=7),
    Trainee("shadow", ["ignore"], tamper=shadow_module, expected=0),
    Trainee("broken", ["listen", "report", "thank"], expected=None),  # its notebook is damaged after collect
    Trainee("absent", [], submits=False, expected=None),
]


@dataclass
class Cycle:
    root: Path
    exchange: Path
    trainees: Path
    outputs: dict[str, subprocess.CompletedProcess] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)

    def env(self, home: Path) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PACT_", "JUPYTER_", "NBGRADER_"))}
        env.update(HOME=str(home), PATH=BIN + os.pathsep + os.environ.get("PATH", ""), PACT_EXCHANGE=str(self.exchange))
        return env

    def course(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        """An nbgrader (or pact-course) command as the trainer, in the course root."""
        cmd = (
            [sys.executable, "-m", "nbgrader", *args]
            if args[0] != "pact-course"
            else [f"{BIN}/pact-course", "--root", str(self.root), *args[1:]]
        )
        started = time.monotonic()
        proc = subprocess.run(
            cmd, cwd=self.root, env=self.env(self.root / ".trainer-home"), capture_output=True, text=True, timeout=600
        )
        self.outputs[" ".join(args)] = proc
        self.timings[" ".join(args)] = time.monotonic() - started
        if check:
            assert proc.returncode == 0, f"{' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}"
        return proc

    def workspace(self, trainee: str) -> Path:
        return self.trainees / trainee

    def as_trainee(self, trainee: str, *args: str) -> subprocess.CompletedProcess:
        ws = self.workspace(trainee)
        proc = subprocess.run(
            [sys.executable, "-m", "nbgrader", *args],
            cwd=ws,
            env=self.env(ws / "home"),
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert proc.returncode == 0, f"{trainee}: nbgrader {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}"
        return proc

    def fetched(self, trainee: str) -> Path:
        return self.workspace(trainee) / ASSIGNMENT


def trainee_config(exchange: Path, trainee: str) -> str:
    return (
        "c = get_config()\n"
        f"c.CourseDirectory.course_id = {COURSE_ID!r}\n"
        f"c.Exchange.root = {str(exchange)!r}\n"
        f"c.CourseDirectory.student_id = {trainee!r}\n"
    )


def make_course(root: Path) -> None:
    (root / "content" / "scenarios").mkdir(parents=True)
    shutil.copy(REPO / "content" / "guidelines.yaml", root / "content" / "guidelines.yaml")
    shutil.copy(DATA / "tea-break.yaml", root / "content" / "scenarios" / "tea-break.yaml")
    shutil.copy(REPO / "nbgrader_config.py", root / "nbgrader_config.py")


def choose_in_kernel(cycle: Cycle, cohort: list[Trainee]) -> None:
    """Make each trainee's choices through the player's assessment mode, in one real kernel."""
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name="python3", cwd=str(cycle.trainees))
    try:
        for t in cohort:
            if not t.choices:
                continue
            code = [
                "import os",
                f"os.chdir({str(cycle.fetched(t.id))!r})",
                "from pact_course.player import assessment, set_language",
                f"set_language({t.lang!r})",
                "p = assessment('tea-break')",
            ]
            code += [f"p.choose({c!r}, confirm=True)" for c in t.choices]
            code += [f"assert p.finished or len(p.decisions()) == {len(t.choices)}, p.shown_text()"]
            reply = kc.execute_interactive("\n".join(code), timeout=120, output_hook=lambda msg: None)
            assert reply["content"]["status"] == "ok", f"{t.id}: {reply['content']}"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def run_cycle(base: Path, cohort: list[Trainee] = COHORT) -> Cycle:
    root, exchange, trainees = base / "course", base / "exchange", base / "trainees"
    make_course(root)
    trainees.mkdir()
    cycle = Cycle(root, exchange, trainees)
    cycle.course("pact-course", "build")
    cycle.course("release_assignment", ASSIGNMENT)
    cycle.course("db", "student", "add", "absent")
    for t in cohort:
        if not t.submits:
            continue
        ws = cycle.workspace(t.id)
        (ws / "home").mkdir(parents=True)
        (ws / "nbgrader_config.py").write_text(trainee_config(exchange, t.id))
        cycle.as_trainee(t.id, "fetch_assignment", ASSIGNMENT, "--course", COURSE_ID)
    choose_in_kernel(cycle, [t for t in cohort if t.submits])
    for t in cohort:
        if t.submits and t.tamper:
            t.tamper(cycle.fetched(t.id))
    for t in cohort:
        if t.submits:
            cycle.as_trainee(t.id, "submit", ASSIGNMENT, "--course", COURSE_ID)
    cycle.course("collect", ASSIGNMENT)
    broken = root / "submitted" / "broken" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    if broken.exists():
        broken.write_text("{ this is not a notebook")
    cycle.course("autograde", ASSIGNMENT, check=False)
    cycle.course("generate_feedback", ASSIGNMENT)
    cycle.course("release_feedback", ASSIGNMENT)
    cycle.as_trainee("full", "fetch_feedback", ASSIGNMENT, "--course", COURSE_ID)
    return cycle


_CYCLES: dict[str, Cycle] = {}


def shared_cycle(tmp_path_factory) -> Cycle:
    """One cycle per test session, shared by this module and test_no_key."""
    if "cycle" not in _CYCLES:
        _CYCLES["cycle"] = run_cycle(tmp_path_factory.mktemp("nbgrader-cycle"))
    return _CYCLES["cycle"]


@pytest.fixture(scope="session")
def cycle(tmp_path_factory) -> Cycle:
    return shared_cycle(tmp_path_factory)


def gradebook_scores(cycle: Cycle) -> dict[str, dict[str, float | None]]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{cycle.root / 'gradebook.db'}", COURSE_ID) as gb:
        out = {}
        for s in gb.students:
            try:
                sub = gb.find_submission(ASSIGNMENT, s.id)
            except Exception:  # noqa: BLE001 - no submission
                continue
            out[s.id] = {g.name: g.score for nb in sub.notebooks for g in nb.grades}
        return out


def results_csv(cycle: Cycle, name: str = "results.csv") -> dict[str, dict[str, str]]:
    out = cycle.root / name
    proc = cycle.course("pact-course", "results", ASSIGNMENT, "--csv", str(out))
    assert "trainee" in proc.stdout
    with open(out, newline="", encoding="utf-8") as fh:
        return {row["trainee"]: row for row in csv.DictReader(fh)}


# --- the tests ---------------------------------------------------------------------------------


def test_each_submission_scores_what_the_replay_rule_gives(cycle, tea_break):
    """Every graded submission, honest or tampered, scores in the gradebook exactly what the replay rule gives its
    submitted log."""
    scores = gradebook_scores(cycle)
    assert max_score(tea_break) == 8
    for t in COHORT:
        if t.expected is None:
            continue
        submitted = cycle.root / "submitted" / t.id / ASSIGNMENT / "decisions.json"
        by_rule = replay(tea_break, read_log(submitted).decisions).score
        assert by_rule == t.expected, f"{t.id}: the replay rule gives {by_rule}, the test expects {t.expected}"
        assert scores[t.id]["tea-break"] == pytest.approx(t.expected), f"{t.id}: gradebook {scores[t.id]}"


def test_a_broken_submission_does_not_stop_the_others(cycle):
    """A submission with a damaged notebook fails autograde on its own, and every other submission is still
    autograded."""
    proc = cycle.outputs[f"autograde {ASSIGNMENT}"]
    assert proc.returncode != 0, "nbgrader should report the broken submission"
    assert "broken" in proc.stdout + proc.stderr
    assert not (cycle.root / "autograded" / "broken" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").exists()
    for t in COHORT:
        if t.expected is not None:
            assert (cycle.root / "autograded" / t.id / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").is_file(), t.id


def test_autograded_notebooks_hold_only_the_course_cells(cycle):
    """Autograded notebooks of tampered submissions hold exactly the source's cells, each grading cell giving one float
    and no error or stderr."""
    source = nbformat.read(str(cycle.root / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"), as_version=4)
    expected = [c.metadata["nbgrader"]["grade_id"] for c in source.cells]
    for t in ("added-cell", "edited-cell", "stripped", "shadow"):
        nb = nbformat.read(str(cycle.root / "autograded" / t / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"), as_version=4)
        assert [c.metadata["nbgrader"]["grade_id"] for c in nb.cells] == expected, t
        grading = _cell(nb, "tea-break")
        assert "from pact_course.grading import grade" in grading.source
        results = [o for o in grading.outputs if o.output_type == "execute_result"]
        assert len(results) == 1 and isinstance(float(results[0].data["text/plain"]), float)
        assert not [o for o in grading.outputs if o.output_type == "error" or o.get("name") == "stderr"], t


def test_foreign_files_are_removed_before_grading(cycle):
    """Modules a trainee adds to shadow the package are removed before grading, while the log, notebook and
    scenarios.json stay."""
    folder = cycle.root / "autograded" / "shadow" / ASSIGNMENT
    assert (cycle.root / "submitted" / "shadow" / ASSIGNMENT / "pact_course.py").exists()
    names = sorted(p.name for p in folder.iterdir())
    assert "pact_course.py" not in names and "yaml.py" not in names
    assert {"decisions.json", f"{ASSIGNMENT}.ipynb", "scenarios.json"} <= set(names)


def test_feedback_explains_own_decisions_in_their_language(cycle):
    """Each trainee's feedback explains their own decisions in the language they used, says when the log could not be
    read, and can be fetched."""
    full = (cycle.root / "feedback" / "full" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    for text in ("Good listening.", "Right.", "Nice close.", "Score: 8 out of 8"):
        assert text in full
    worst = (cycle.root / "feedback" / "worst" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    assert "Nunca prometas guardar un secreto." in worst and "ERROR GRAVE" in worst
    corrupt = (cycle.root / "feedback" / "corrupt" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    assert "could not be read" in corrupt
    fetched = list((cycle.workspace("full") / ASSIGNMENT / "feedback").rglob("*.html"))
    assert fetched, "the trainee fetched their feedback"


def test_results_table_and_csv(cycle):
    """`pact-course results` gives each trainee's score, status, guidelines and critical errors, and marks ungradable
    and absent trainees as not graded."""
    rows = results_csv(cycle)
    assert set(rows) == {t.id for t in COHORT}
    assert rows["full"]["status"] == "awaiting manual grading"  # answered reflections await a trainer
    assert rows["full"]["score"] == "8" and rows["full"]["maximum"] == "8"
    assert rows["full"]["guidelines_upheld"].split() == ["respect", "safeguarding", "parent-voice"]
    assert rows["worst"]["status"] == "follow-up"
    assert rows["worst"]["critical_errors"] == "tea-break/follow: promise"
    assert rows["worst"]["guidelines_breached"] == "safeguarding"
    assert rows["stripped"]["status"] == "pass"  # 7/8 >= 80 %, blank reflections score 0 but do not block
    assert rows["stripped"]["free_text_total"] == "0"
    for t in ("blank", "corrupt", "forged", "added-cell", "edited-cell", "shadow"):
        assert rows[t]["status"] == "follow-up", t
    assert rows["broken"]["status"] == "not graded"
    assert rows["absent"]["status"] == "not graded"
    assert rows["forged"]["tea-break"] == "2"


def test_trainer_marks_and_overrides_count(cycle):
    """The trainer's manual marks for reflections and override of an automatic score change the results."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{cycle.root / 'gradebook.db'}", COURSE_ID) as gb:
        for name in ("reflection-words", "reflection-guideline"):
            gb.find_grade(name, ASSIGNMENT, ASSIGNMENT, "full").manual_score = 2
        gb.find_grade("tea-break", ASSIGNMENT, ASSIGNMENT, "added-cell").manual_score = 7
        gb.db.commit()
    rows = results_csv(cycle, "after-marking.csv")
    assert rows["full"]["status"] == "pass" and rows["full"]["free_text_total"] == "4"
    assert rows["added-cell"]["score"] == "7" and rows["added-cell"]["status"] == "pass"
