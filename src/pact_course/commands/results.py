"""The `results` command: per-trainee scores, guidelines, critical errors and status, as a table and CSV."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..engine.content import ContentError, load_course
from ..engine.settings import pass_threshold
from ..grading.results import render, results, write_csv
from .root import course_root_of


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "results", help="per-trainee results of an assignment: scores, guidelines, critical errors, status"
    )
    p.add_argument("assignment", help="the assignment, e.g. induction")
    p.add_argument("--csv", metavar="PATH", help="where to write the CSV (default: results/<assignment>.csv)")
    p.add_argument(
        "--threshold",
        type=float,
        default=None,
        help="share of the scenario points needed to pass (default 0.8, or $PACT_PASS_THRESHOLD)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root = course_root_of(args)
    threshold = args.threshold if args.threshold is not None else pass_threshold()
    if not 0 < threshold <= 1:
        print("pact-course results: --threshold is a share between 0 and 1, e.g. 0.8", file=sys.stderr)
        return 1
    try:
        rows, scenario_ids, free_ids = results(root, args.assignment, threshold)
    except LookupError as exc:
        print(f"pact-course results: {exc}", file=sys.stderr)
        return 1
    try:
        names = {g.id: f"{g.number} {g.title.en}" for g in load_course(root).guidelines}
    except ContentError:
        names = {}
    print(render(rows, scenario_ids, threshold, names))
    out = Path(args.csv) if args.csv else root / "results" / f"{args.assignment}.csv"
    write_csv(rows, scenario_ids, free_ids, out)
    print(f"\nCSV: {out}")
    return 0
