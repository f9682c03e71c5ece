"""The `build` command: rebuild assessments (source/, release/) and practice notebooks from content/."""

from __future__ import annotations

import argparse
import sys

from ..build import practice_notebooks
from ..build.course import BuildError, build
from ..engine.content import ContentError
from ..engine.kiosk_cache import CACHE, write_cache
from .root import course_root_of


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "build",
        help=(
            "rebuild the course from content/: assessments in source/ "
            "and (nbgrader) release/, practice notebooks in notebooks/"
        ),
    )
    p.add_argument("assignments", nargs="*", metavar="ASSIGNMENT", help="assignments to build (default: all)")
    p.add_argument(
        "--as",
        dest="as_name",
        metavar="NAME",
        help=(
            "build one assignment under a new name, e.g. a new version (induction-v2) when the old one has submissions"
        ),
    )
    p.add_argument(
        "--no-release", action="store_true", help="write source/ only; do not run nbgrader generate_assignment"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root = course_root_of(args)
    try:
        built = build(root, args.assignments or None, as_name=args.as_name, release=not args.no_release)
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s) in content/; nothing was built.", file=sys.stderr)
        return 1
    except BuildError as exc:
        print(f"pact-course build: {exc}", file=sys.stderr)
        return 1
    for name in built:
        print(f"Built source/{name}/ and release/{name}/." if not args.no_release else f"Built source/{name}/.")
    if not args.assignments and not args.as_name:
        changed = practice_notebooks.write(root)
        print(f"Practice notebooks in notebooks/: {len(changed)} changed.")
        if write_cache(root) is not None:
            print(f"The kiosk's scenarios in {CACHE}.")
    return 0
