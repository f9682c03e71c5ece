"""The `autograde` command: grade every submitted, not yet graded trainee of an assignment, in parallel."""

from __future__ import annotations

import argparse
import sys

from tqdm import tqdm

from ..grading.cohort import CourseConfig, submitted_students
from ..grading.parallel import autograde, default_jobs, plan
from .root import course_root_of


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "autograde",
        help="grade the collected submissions of an assignment in parallel (nbgrader's autograde, one worker per core)",
    )
    p.add_argument("assignment", help="the assignment, e.g. induction")
    p.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=None,
        help=f"worker processes (default: the number of cores, {default_jobs()})",
    )
    p.add_argument("--student", action="append", metavar="ID", help="grade only this trainee (repeatable)")
    p.add_argument("--force", action="store_true", help="grade again trainees whose submission is already fully graded")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root = course_root_of(args)
    if args.jobs is not None and args.jobs < 1:
        print("pact-course autograde: --jobs must be 1 or more", file=sys.stderr)
        return 2
    course = CourseConfig.load(root)
    if not submitted_students(course, args.assignment):
        print(
            f"pact-course autograde: nobody's '{args.assignment}' has been collected yet (submitted/ is empty for it).",
            file=sys.stderr,
        )
        return 1
    todo, _skipped, missing = plan(course, args.assignment, args.student, args.force)
    bar = tqdm(
        total=len(todo) + len(missing), unit="trainee", desc=f"Grading {args.assignment}", file=sys.stderr, disable=None
    )

    def step(student: str, failure) -> None:
        bar.update(1)
        if failure is not None:
            bar.write(f"  could not grade {failure}", file=sys.stderr)

    try:
        report = autograde(
            root, args.assignment, jobs=args.jobs, students=args.student, force=args.force, progress=step
        )
    finally:
        bar.close()
    print(
        f"Graded {len(report.graded)} trainee(s); {len(report.skipped)} already graded (use --force to grade them "
        f"again); {len(report.failed)} could not be graded."
    )
    for failure in report.failed:
        print(f"  {failure}", file=sys.stderr)
    return 1 if report.failed else 0
