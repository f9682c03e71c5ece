"""The `results` command: per-trainee scores, guidelines, critical errors and status of an assignment."""

from __future__ import annotations

import ast
import contextlib
import csv
from dataclasses import dataclass, field
from pathlib import Path

from ..build.rubrics import unsafe_answers
from ..engine.content import ContentError, load_course
from ..engine.decisions import LOG_NAME, read_log
from ..engine.model import Scenario
from ..engine.scoring import replay
from ..engine.settings import COURSE_ID, gradebook_url
from .resume import INTERRUPTED_NOTE, in_progress

PASS, FOLLOW_UP, AWAITING, NOT_GRADED = "pass", "follow-up", "awaiting manual grading", "not graded"
DAMAGED = "damaged"  # something of this trainee could not be read: the note says what; the others go on


@dataclass
class TraineeResult:
    """One trainee's result in one assignment."""

    trainee: str
    status: str
    score: float | None = None
    maximum: float = 0.0
    scenarios: dict[str, float | None] = field(default_factory=dict)
    upheld: list[str] = field(default_factory=list)
    breached: list[str] = field(default_factory=list)
    critical: list[str] = field(default_factory=list)  # "scenario/step: option"
    free_text: dict[str, float | None] = field(default_factory=dict)
    free_text_maximum: float = 0.0
    unsafe: list[str] = field(default_factory=list)  # written answers marked unsafe (the safety gate)
    note: str = ""


def graded_scenarios(root: Path, assignment: str) -> dict[str, Scenario]:
    """The scenarios exactly as graded: read from the hidden tests of source/<assignment>/, else from content/."""
    found: dict[str, Scenario] = {}
    for path in sorted((root / "source" / assignment).glob("*.ipynb")):
        import nbformat

        nb = nbformat.read(str(path), as_version=4)
        for cell in nb.cells:
            scenario = _embedded(cell.source) if cell.cell_type == "code" else None
            if scenario is not None:
                found[scenario.id] = scenario
    if not found:
        with contextlib.suppress(ContentError):
            found = {s.id: s for s in load_course(root).assessment(assignment)}
    return found


def _embedded(source: str) -> Scenario | None:
    import json

    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "grade" and node.args:
            try:
                return Scenario.model_validate(json.loads(ast.literal_eval(node.args[0]))["scenario"])
            except Exception:  # noqa: BLE001 - not one of ours
                return None
    return None


def results(root: Path, assignment: str, threshold: float) -> tuple[list[TraineeResult], list[str], list[str]]:
    """Every trainee in the gradebook with their result; the scenario and free-text item ids in order."""
    from nbgrader.api import Gradebook, MissingEntry

    root = Path(root).resolve()
    url = gradebook_url(root)
    if url.startswith("sqlite:///") and not Path(url[len("sqlite:///") :]).is_file():
        raise LookupError(f"no gradebook at {url[len('sqlite:///') :]}; release and collect the assignment first")
    scenarios = graded_scenarios(root, assignment)
    rows: list[TraineeResult] = []
    with Gradebook(url, COURSE_ID) as gb:
        try:
            stored = gb.find_assignment(assignment)
        except MissingEntry:
            raise LookupError(
                f"the gradebook has no assignment '{assignment}' (run pact-course build and release it)"
            ) from None
        grade_cells = [(nb.name, c) for nb in stored.notebooks for c in nb.grade_cells]
        solution_names = {c.name for nb in stored.notebooks for c in nb.solution_cells}
        order = {name: i for i, name in enumerate(_cell_order(root, assignment))}
        grade_cells.sort(key=lambda pair: order.get(pair[1].name, len(order)))
        scenario_ids = [c.name for _, c in grade_cells if c.name not in solution_names]
        free_ids = [c.name for _, c in grade_cells if c.name in solution_names]
        maxima = {c.name: float(c.max_score) for _, c in grade_cells}
        notebooks = [nb.name for nb in stored.notebooks]
        for student in sorted(gb.students, key=lambda s: s.id):
            try:
                row = _trainee(
                    gb, root, assignment, student.id, notebooks, scenario_ids, free_ids, maxima, scenarios, threshold
                )
            except Exception as exc:  # noqa: BLE001 - one trainee's damaged files never stop the others
                note = f"could not be read: {type(exc).__name__}: {exc}"[:300]
                row = TraineeResult(student.id, DAMAGED, maximum=sum(maxima[s] for s in scenario_ids), note=note)
            rows.append(row)
    return rows, scenario_ids, free_ids


def _cell_order(root: Path, assignment: str) -> list[str]:
    import nbformat

    names: list[str] = []
    for path in sorted((root / "source" / assignment).glob("*.ipynb")):
        try:
            nb = nbformat.read(str(path), as_version=4)
        except Exception:  # noqa: BLE001
            continue
        names += [c.metadata.get("nbgrader", {}).get("grade_id", "") for c in nb.cells]
    return names


def _trainee(
    gb, root, assignment, trainee, notebooks, scenario_ids, free_ids, maxima, scenarios, threshold
) -> TraineeResult:
    from nbgrader.api import MissingEntry

    result = TraineeResult(trainee, NOT_GRADED, maximum=sum(maxima[s] for s in scenario_ids))
    result.free_text_maximum = sum(maxima[f] for f in free_ids)
    try:
        submission = gb.find_submission(assignment, trainee)
    except MissingEntry:
        result.note = "no submission"
        return result
    folder = root / "autograded" / trainee / assignment
    if not all((folder / f"{nb}.ipynb").is_file() for nb in notebooks):
        result.note = "not autograded, or grading failed (see the autograde log)"
        return result
    grades = {g.name: g for nb in submission.notebooks for g in nb.grades}
    for sid in scenario_ids:
        result.scenarios[sid] = _score(grades.get(sid))
    for fid in free_ids:
        result.free_text[fid] = _score(grades.get(fid))
    if in_progress(folder) or any(v is None for v in result.scenarios.values()):
        result.note = INTERRUPTED_NOTE  # automatic scores are missing: never "awaiting manual grading"
        return result
    result.score = sum(v or 0.0 for v in result.scenarios.values())
    log = read_log(folder / LOG_NAME)
    for sid in scenario_ids:
        scenario = scenarios.get(sid)
        if scenario is None:
            continue
        played = replay(scenario, log.decisions)
        result.upheld += [g for g in played.upholds if g not in result.upheld]
        result.breached += [g for g in played.breaches if g not in result.breached]
        result.critical += [f"{sid}/{t.step_id}: {t.option.id}" for t in played.critical]
    if log.problem:
        result.note = log.problem
    result.unsafe = unsafe_answers({f: grades[f].manual_score for f in free_ids if f in grades})
    if result.unsafe:
        unsafe_note = "a written answer was marked unsafe: " + ", ".join(result.unsafe)
        result.note = "; ".join(filter(None, [result.note, unsafe_note]))
    result.status = verdict(
        result.score, result.maximum, threshold, bool(result.critical) or bool(result.unsafe), result.free_text
    )
    return result


def verdict(score: float, maximum: float, threshold: float, blocked: bool, written: dict[str, float | None]) -> str:
    """Pass, follow-up or awaiting manual grading: enough of the scenario points and nothing `blocked` (a critical
    error, or a written answer the trainer marked unsafe); a pass waits until every written answer is marked."""
    passed = maximum > 0 and score >= threshold * maximum - 1e-9 and not blocked
    if not passed:
        return FOLLOW_UP
    return AWAITING if any(v is None for v in written.values()) else PASS


def _score(grade) -> float | None:
    """The gradebook's score (a trainer's manual score wins), or None while nothing has scored it."""
    if grade is None or (grade.manual_score is None and grade.auto_score is None):
        return None
    return float(grade.score)


def _num(value: float | None) -> str:
    if value is None:
        return "-"
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _free(r: TraineeResult) -> str:
    if not r.free_text:
        return "-"
    marked = [v for v in r.free_text.values() if v is not None]
    if len(marked) < len(r.free_text):
        return f"awaiting ({len(marked)}/{len(r.free_text)} marked)"
    return f"{_num(sum(marked))}/{_num(r.free_text_maximum)}"


def render(rows: list[TraineeResult], scenario_ids: list[str], threshold: float, names: dict | None = None) -> str:
    """A plain-text table, one row per trainee (status in words, never colour alone); `names` maps guideline
    ids to "1 Join and leave as you like" so guidelines show by number and title, not by slug."""
    names = names or {}
    head = ["trainee", "score", "%", *scenario_ids, "critical", "free text", "status"]
    body = []
    for r in rows:
        pct = "-" if r.score is None or not r.maximum else f"{100 * r.score / r.maximum:.0f}"
        body.append(
            [
                r.trainee,
                f"{_num(r.score)}/{_num(r.maximum)}",
                pct,
                *[_num(r.scenarios.get(s)) for s in scenario_ids],
                "; ".join(r.critical) or "-",
                _free(r),
                r.status,
            ]
        )
    widths = [max(len(str(x)) for x in col) for col in zip(head, *body, strict=True)]

    def line(cells: list) -> str:
        return "  ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    out = [line(head), line(["-" * w for w in widths]), *map(line, body)]
    out.append("")
    out.append(
        f"Pass: at least {threshold:.0%} of the scenario points "
        "and no critical error; free-text marks are shown beside."
    )
    for r in rows:
        extra = []
        upheld = [names.get(g, g) for g in r.upheld if g not in r.breached]
        mixed = [names.get(g, g) for g in r.upheld if g in r.breached]
        breached = [names.get(g, g) for g in r.breached if g not in r.upheld]
        if upheld:
            extra.append("upheld " + " | ".join(upheld))
        if breached:
            extra.append("went against " + " | ".join(breached))
        if mixed:
            extra.append("upheld in one decision and went against in another " + " | ".join(mixed))
        if r.note:
            extra.append(r.note)
        if extra:
            out.append(f"  {r.trainee}: " + "; ".join(extra))
    if not rows:
        out.append("No trainees in the gradebook yet.")
    return "\n".join(out)


def write_csv(rows: list[TraineeResult], scenario_ids: list[str], free_ids: list[str], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(
            [
                "trainee",
                "status",
                "score",
                "maximum",
                *scenario_ids,
                "guidelines_upheld",
                "guidelines_breached",
                "critical_errors",
                *free_ids,
                "free_text_total",
                "free_text_maximum",
                "note",
            ]
        )
        for r in rows:
            marked = [v for v in r.free_text.values() if v is not None]
            free_total = sum(marked) if r.free_text and len(marked) == len(r.free_text) else None
            w.writerow(
                [
                    r.trainee,
                    r.status,
                    _num(r.score),
                    _num(r.maximum),
                    *[_num(r.scenarios.get(s)) for s in scenario_ids],
                    " ".join(r.upheld),
                    " ".join(r.breached),
                    " | ".join(r.critical),
                    *[_num(r.free_text.get(f)) for f in free_ids],
                    _num(free_total),
                    _num(r.free_text_maximum),
                    r.note,
                ]
            )
