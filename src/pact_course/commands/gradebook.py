"""The `gradebook` command: back up the gradebook to a file, or restore it from one (SQLite or PostgreSQL)."""

from __future__ import annotations

import sys
from pathlib import Path

from ..deploy import gradebook
from ..engine.settings import gradebook_url
from .root import course_root_of


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "gradebook", help="back up or restore the gradebook ($PACT_GRADEBOOK_URL or gradebook.db)"
    )
    sub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    b = sub.add_parser("backup", help="write a consistent copy of the gradebook to FILE (pg_dump or SQLite's backup)")
    b.add_argument("file", type=Path)
    b.set_defaults(func=_backup)
    r = sub.add_parser("restore", help="load a backup FILE into the gradebook (an empty one, unless --force)")
    r.add_argument("file", type=Path)
    r.add_argument("--force", action="store_true", help="replace a gradebook that already holds grades")
    r.set_defaults(func=_restore)


def _backup(args) -> int:
    url = gradebook_url(course_root_of(args))
    try:
        path = gradebook.backup(url, args.file)
    except gradebook.BackupError as exc:
        print(f"pact-course gradebook: {exc}", file=sys.stderr)
        return 2
    print(f"backed up the {gradebook.kind(url)} gradebook to {path}")
    return 0


def _restore(args) -> int:
    url = gradebook_url(course_root_of(args))
    try:
        gradebook.restore(url, args.file, force=args.force)
    except gradebook.BackupError as exc:
        print(f"pact-course gradebook: {exc}", file=sys.stderr)
        return 2
    print(f"restored the {gradebook.kind(url)} gradebook from {args.file}")
    return 0
