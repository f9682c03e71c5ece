"""The `map` command: a scenario's branch map as SVG, for authors (steps, options, best path, critical options)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..engine.content import ContentError, load_course
from ..reports.branch_map import svg
from .root import course_root_of


def register(subparsers) -> None:
    p = subparsers.add_parser("map", help="draw a scenario's branches as an SVG picture (open it in a web browser)")
    p.add_argument("scenario", help="the scenario id (its file name without .yaml)")
    p.add_argument("--lang", choices=("en", "es"), default="en", help="language of the texts (default en)")
    p.add_argument("--out", metavar="FILE", help="where to write it (default: <scenario>.svg in the current folder)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        course = load_course(course_root_of(args))
    except ContentError as exc:
        print(
            f"pact-course map: the content has {len(exc.problems)} problem(s); run pact-course validate first",
            file=sys.stderr,
        )
        return 1
    scenario = course.scenarios.get(args.scenario)
    if scenario is None:
        print(f"pact-course map: no scenario '{args.scenario}' in content/scenarios/", file=sys.stderr)
        return 1
    out = Path(args.out or f"{scenario.id}.svg")
    try:
        out.write_text(svg(scenario, args.lang), encoding="utf-8")
    except OSError as exc:
        print(f"pact-course map: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - graphviz's ExecutableNotFound and CalledProcessError, said plainly
        print(
            f"pact-course map: could not draw it ({exc}); install Graphviz (apt-get install graphviz)", file=sys.stderr
        )
        return 1
    print(f"Map: {out}")
    return 0
