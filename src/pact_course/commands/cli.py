"""The `pact-course` command: a thin layer over the course's modules."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

from ..engine.content import GUIDELINES_FILE, ContentError, load_course, load_scenario_files
from ..engine.root import CourseNotFound
from .root import course_root_of

# Commands that live in their own modules; each module has `register(subparsers)`.
FEATURE_MODULES = (
    "build",
    "results",
    "autograde",
    "course",
    "kiosk",
    "trainer",
    "hub",
    "accounts",
    "gradebook",
    "schema",
    "preview",
    "roster",
    "report",
    "map",
)


def _validate(args: argparse.Namespace) -> int:
    root = course_root_of(args)
    if args.paths:
        missing = [p for p in args.paths if not Path(p).is_file()]
        if missing:
            for p in missing:
                print(f"{p}: no such file", file=sys.stderr)
            return 1
        scenarios, problems = load_scenario_files([Path(p) for p in args.paths], root / "content" / GUIDELINES_FILE)
        if problems:
            _print_problems(problems)
            return 1
        print(f"OK: {len(scenarios)} scenario file(s) valid.")
        return 0
    try:
        course = load_course(root)
    except ContentError as exc:
        _print_problems(exc.problems)
        return 1
    n_practice, n_assessment = len(course.practice()), len(course.assessment())
    print(
        f"OK: {len(course.guidelines)} guidelines, {n_practice} practice and {n_assessment} "
        f"assessment scenarios ({', '.join(course.assignments()) or 'no assignments'})."
    )
    return 0


def _print_problems(problems) -> None:
    """Every problem as `file:line:column: where: what`, a blank line between files, then the count."""
    previous = None
    for problem in problems:
        file = getattr(problem, "file", None)
        if previous is not None and file != previous:
            print(file=sys.stderr)
        print(problem, file=sys.stderr)
        previous = file
    files = len({getattr(p, "file", None) for p in problems})
    print(
        f"{len(problems)} problem(s) found in {files} file(s). Fix them and check again; "
        "docs/scenario-authoring.md explains each kind.",
        file=sys.stderr,
    )


def _coverage(args: argparse.Namespace) -> int:
    from ..engine.coverage import gaps, render

    try:
        course = load_course(course_root_of(args))
    except ContentError as exc:
        _print_problems(exc.problems)
        return 1
    print(render(course))
    return 1 if args.strict and gaps(course) else 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="pact-course", description="PACT Zoom Group Facilitator Course tools.")
    p.add_argument(
        "--root",
        help=(
            "the course folder (default: $PACT_COURSE_ROOT, else the current folder "
            "or the nearest one above it holding nbgrader_config.py and content/)"
        ),
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    v = sub.add_parser("validate", help="check content/ (or the given scenario files) and list every problem")
    v.add_argument("paths", nargs="*", help="scenario files to check against content/guidelines.yaml")
    v.set_defaults(func=_validate)
    c = sub.add_parser("coverage", help="table of guidelines x scenarios, flagging guidelines no scenario covers")
    c.add_argument("--strict", action="store_true", help="exit 1 if a guideline is not covered")
    c.set_defaults(func=_coverage)
    for name in FEATURE_MODULES:
        importlib.import_module(f"pact_course.commands.{name}").register(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except CourseNotFound as exc:
        print(f"pact-course: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` or a closed pager: not an error
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - silence the interpreter's flush at exit
        return 0


if __name__ == "__main__":
    sys.exit(main())
