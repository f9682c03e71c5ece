"""Placeholder for the `build` command until its issue lands."""

from __future__ import annotations

import sys


def register(subparsers) -> None:
    p = subparsers.add_parser("build", help="build the assessment notebooks (source/ and release/) (not built yet)")
    p.add_argument("rest", nargs="*", help="(ignored)")
    p.add_argument("--trainee", "--port", "--host", dest="ignored", help="(ignored)")
    p.set_defaults(func=_not_built)


def _not_built(args) -> int:
    print("pact-course build: the assessment builder is not built yet.", file=sys.stderr)
    return 1
