"""Autograde speed: per submission beside a one-cell nbgrader floor; --cohort N: serial nbgrader vs --jobs."""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[1]
BIN = str(Path(sys.executable).parent)
FLOOR = "floor"


def env(root: Path) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("PACT_", "JUPYTER_", "NBGRADER_"))}
    clean.update(
        HOME=str(root / ".home"),
        PATH=BIN + os.pathsep + os.environ.get("PATH", ""),
        PACT_EXCHANGE=str(root / "exchange"),
    )
    return clean


def run(root: Path, *cmd: str) -> subprocess.CompletedProcess:
    proc = subprocess.run(list(cmd), cwd=root, env=env(root), capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{proc.stdout}\n{proc.stderr}")
    return proc


def floor_notebook() -> nbformat.NotebookNode:
    """The cheapest graded notebook: one locked autograded cell whose result is its score."""
    cell = nbformat.v4.new_code_cell(
        '"""The floor."""\n### BEGIN HIDDEN TESTS\n1.0\n### END HIDDEN TESTS',
        metadata={
            "nbgrader": {
                "grade": True,
                "grade_id": "floor",
                "locked": True,
                "points": 1,
                "schema_version": 3,
                "solution": False,
                "task": False,
            }
        },
    )
    cell.id = "floor"
    return nbformat.v4.new_notebook(
        cells=[cell],
        metadata={"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}},
    )


def synthetic_log(course, assignment: str, rng: random.Random) -> dict:
    """A plausible log: at each step a random option, sometimes a stray or repeated entry."""
    entries = []
    for scenario in course.assessment(assignment):
        step_id = scenario.start
        while step_id in scenario.steps:
            option = rng.choice(scenario.steps[step_id].options)
            entries.append(
                {"scenario": scenario.id, "step": step_id, "option": option.id, "lang": rng.choice(["en", "es"])}
            )
            if rng.random() < 0.2:
                entries.append({"scenario": scenario.id, "step": step_id, "option": "made-up"})
            step_id = option.next
    return {"format": 1, "decisions": entries}


def submit(root: Path, assignment: str, n: int, log=None) -> None:
    release = root / "release" / assignment
    for i in range(n):
        folder = root / "submitted" / f"trainee-{i:03d}" / assignment
        shutil.copytree(release, folder)
        (folder / "timestamp.txt").write_text("2026-11-25 10:00:00.000000 UTC")
        if log is not None:
            (folder / "decisions.json").write_text(json.dumps(log(i)))


def timed_autograde(root: Path, assignment: str) -> float:
    started = time.perf_counter()
    run(root, sys.executable, "-m", "nbgrader", "autograde", assignment)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("-n", "--submissions", type=int, default=5, help="synthetic submissions per assignment (default 5)")
    p.add_argument("--assignment", default="induction", help="the assessment to grade (default induction)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--keep", action="store_true", help="keep the temporary course and print where it is")
    p.add_argument(
        "--cohort",
        type=int,
        metavar="N",
        help="instead: N synthetic submissions graded in two identical copies, by serial `nbgrader autograde` and by "
        "`pact-course autograde --jobs J`; prints both times, their ratio, and whether the scores are identical",
    )
    p.add_argument("--jobs", type=int, default=2, help="workers for --cohort (default 2)")
    args = p.parse_args(argv)
    if args.cohort:
        return cohort(args)

    from pact_course.engine.content import load_course

    course = load_course(REPO)
    if args.assignment not in course.assignments():
        sys.exit(f"no assignment '{args.assignment}' in content/ (have: {', '.join(course.assignments())})")
    root = Path(tempfile.mkdtemp(prefix="pact-bench-"))
    try:
        shutil.copytree(REPO / "content", root / "content")
        shutil.copy(REPO / "nbgrader_config.py", root / "nbgrader_config.py")
        run(root, f"{BIN}/pact-course", "--root", str(root), "build", args.assignment)
        (root / "source" / FLOOR).mkdir(parents=True)
        nbformat.write(floor_notebook(), str(root / "source" / FLOOR / f"{FLOOR}.ipynb"))
        run(root, sys.executable, "-m", "nbgrader", "generate_assignment", FLOOR, "--force")

        rng = random.Random(args.seed)
        submit(root, args.assignment, args.submissions, lambda i: synthetic_log(course, args.assignment, rng))
        submit(root, FLOOR, args.submissions)
        floor = timed_autograde(root, FLOOR)
        ours = timed_autograde(root, args.assignment)
        n = args.submissions
        cells = len(course.assessment(args.assignment))
        rows = [
            ("assignment", "graded cells", "submissions", "total s", "s/submission"),
            (FLOOR + " (one-cell nbgrader floor)", "1", str(n), f"{floor:.1f}", f"{floor / n:.2f}"),
            (args.assignment, str(cells), str(n), f"{ours:.1f}", f"{ours / n:.2f}"),
        ]
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        for r in rows:
            print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
        print(f"\noverhead over the floor: {(ours - floor) / n:+.2f} s per submission ({ours / floor:.1f}x)")
        if args.keep:
            print(f"course kept in {root}")
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    return 0


def scores(root: Path, assignment: str) -> dict[tuple[str, str], float | None]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        return {
            (sub.student.id, g.name): g.auto_score
            for sub in gb.assignment_submissions(assignment)
            for nb in sub.notebooks
            for g in nb.grades
        }


def cohort(args) -> int:
    """Serial nbgrader autograde against pact-course autograde --jobs, on two identical copies of one cohort."""
    from pact_course.engine.content import load_course

    course = load_course(REPO)
    base = Path(tempfile.mkdtemp(prefix="pact-cohort-"))
    try:
        serial_root = base / "serial"
        shutil.copytree(REPO / "content", serial_root / "content")
        shutil.copy(REPO / "nbgrader_config.py", serial_root / "nbgrader_config.py")
        run(serial_root, f"{BIN}/pact-course", "--root", str(serial_root), "build", args.assignment)
        rng = random.Random(args.seed)
        submit(serial_root, args.assignment, args.cohort, lambda i: synthetic_log(course, args.assignment, rng))
        parallel_root = base / "parallel"
        shutil.copytree(serial_root, parallel_root)
        started = time.perf_counter()
        run(serial_root, sys.executable, "-m", "nbgrader", "autograde", args.assignment)
        serial = time.perf_counter() - started
        started = time.perf_counter()
        run(parallel_root, f"{BIN}/pact-course", "autograde", args.assignment, "--jobs", str(args.jobs))
        parallel = time.perf_counter() - started
        same = scores(serial_root, args.assignment) == scores(parallel_root, args.assignment)
        rows = [
            ("run", "submissions", "total s", "s/submission"),
            (
                "nbgrader autograde (serial, the floor)",
                str(args.cohort),
                f"{serial:.1f}",
                f"{serial / args.cohort:.2f}",
            ),
            (
                f"pact-course autograde --jobs {args.jobs}",
                str(args.cohort),
                f"{parallel:.1f}",
                f"{parallel / args.cohort:.2f}",
            ),
        ]
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        for r in rows:
            print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
        print(f"\nparallel / serial: {parallel / serial:.2f}x on {os.cpu_count()} cores; identical scores: {same}")
        if args.keep:
            print(f"courses kept in {base}")
        return 0 if same else 1
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
