"""Placeholder for the `results` command until its issue lands."""

from __future__ import annotations

import sys


def register(subparsers) -> None:
    p = subparsers.add_parser("results", help="per-trainee results of an assignment (not built yet)")
    p.add_argument("rest", nargs="*", help="(ignored)")
    p.add_argument("--trainee", "--port", "--host", dest="ignored", help="(ignored)")
    p.set_defaults(func=_not_built)


def _not_built(args) -> int:
    print("pact-course results: the results report is not built yet.", file=sys.stderr)
    return 1
