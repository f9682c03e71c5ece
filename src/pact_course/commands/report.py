"""The `report` command: reports/<assignment>/ with index.html, results.csv, certificates and xapi.jsonl."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..engine.content import ContentError
from ..reports.report import write_report
from .root import course_root_of


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "report", help="the cohort's report: web page, CSV, certificates for passes, xAPI statements (reports/<a>/)"
    )
    p.add_argument("assignment", help="the assignment, e.g. induction")
    p.add_argument("--out", metavar="FOLDER", help="where to write it (default: reports/<assignment>/)")
    p.add_argument("--threshold", type=float, default=None, help="share of the points needed to pass (default 0.8)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root = course_root_of(args)
    if args.threshold is not None and not 0 < args.threshold <= 1:
        print("pact-course report: --threshold is a share between 0 and 1, e.g. 0.8", file=sys.stderr)
        return 1
    try:
        files = write_report(root, args.assignment, Path(args.out) if args.out else None, args.threshold)
    except LookupError as exc:
        print(f"pact-course report: {exc}", file=sys.stderr)
        return 1
    except ContentError as exc:
        print(
            f"pact-course report: the course content has {len(exc.problems)} problem(s); run pact-course validate",
            file=sys.stderr,
        )
        return 1
    print(f"Report: {files.index}")
    print(f"CSV: {files.csv}")
    print(f"Certificates: {len(files.certificates)} in {files.folder / 'certificates'}")
    print(f"xAPI: {files.statements} statement(s) in {files.xapi}")
    return 0
