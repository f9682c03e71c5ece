"""Placeholder for the `trainer` command until its issue lands."""

from __future__ import annotations

import sys


def register(subparsers) -> None:
    p = subparsers.add_parser("trainer", help="start JupyterLab with the formgrader for trainers (not built yet)")
    p.add_argument("rest", nargs="*", help="(ignored)")
    p.add_argument("--trainee", "--port", "--host", dest="ignored", help="(ignored)")
    p.set_defaults(func=_not_built)


def _not_built(args) -> int:
    print("pact-course trainer: the trainer set-up is not built yet.", file=sys.stderr)
    return 1
