"""The `schema` command: write (or check) the JSON Schemas editors use to check content files while you type."""

from __future__ import annotations

import argparse
import sys

from ..engine.schema import schema_files
from .root import course_root_of


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "schema",
        help="write content/scenario.schema.json and content/guidelines.schema.json (for editors) from the model",
        description=(
            "Write the JSON Schemas of the content files, generated from the course's model and its guideline ids. "
            "VS Code (YAML extension) and JetBrains editors use them to complete fields and underline mistakes "
            "as you type; see docs/scenario-authoring.md."
        ),
    )
    p.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if a schema file is missing or out of date"
    )
    p.set_defaults(func=_schema)


def _schema(args: argparse.Namespace) -> int:
    root = course_root_of(args)
    stale = 0
    for path, text in schema_files(root).items():
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        shown = path.relative_to(root)
        if current == text:
            print(f"{shown}: up to date")
        elif args.check:
            print(f"{shown}: out of date; run `pact-course schema` to rewrite it", file=sys.stderr)
            stale += 1
        else:
            path.write_text(text, encoding="utf-8")
            print(f"{shown}: written")
    return 1 if stale else 0
