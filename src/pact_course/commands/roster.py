"""The `roster` command: trainees' full names and languages, for the console, the gradebook and certificates."""

from __future__ import annotations

import argparse
import sys

from ..engine import roster
from ..grading.names import sync_names
from .root import course_root_of


def register(subparsers) -> None:
    p = subparsers.add_parser("roster", help="names and languages of trainees (add, list, remove)")
    sub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    a = sub.add_parser(
        "add", help='add a trainee or change their name or language: roster add ana "Ana Núñez" --lang es'
    )
    a.add_argument("id", help="the trainee's id (their nbgrader student id)")
    a.add_argument("name", help="full name, in quotes")
    a.add_argument("--lang", choices=roster.LANGUAGES, default=None, help="language of their certificate (default en)")
    a.set_defaults(func=add)
    ls = sub.add_parser("list", help="everyone on the roster")
    ls.set_defaults(func=show)
    r = sub.add_parser("remove", help="take someone off the roster (their grades stay in the gradebook)")
    r.add_argument("id")
    r.set_defaults(func=remove)


def add(args: argparse.Namespace) -> int:
    root = course_root_of(args)
    try:
        person = roster.upsert(root, args.id, name=args.name, lang=args.lang)
    except roster.RosterError as exc:
        print(f"pact-course roster: {exc}", file=sys.stderr)
        return 1
    print(f"{person.id}: {person.name} ({person.lang}, {person.role})")
    try:
        sync_names(root, [person])
    except Exception as exc:  # noqa: BLE001 - the roster is saved; the gradebook takes the name at the next autograde
        print(f"(the gradebook could not be updated now: {exc}; it will be at the next autograde)", file=sys.stderr)
    return 0


def show(args: argparse.Namespace) -> int:
    try:
        people = roster.read_roster(course_root_of(args))
    except roster.RosterError as exc:
        print(f"pact-course roster: {exc}", file=sys.stderr)
        return 1
    for p in sorted(people.values(), key=lambda p: p.id):
        print(f"{p.id}\t{p.name or '-'}\t{p.lang}\t{p.role}")
    if not people:
        print('The roster is empty: pact-course roster add ID "Full Name" [--lang es]')
    return 0


def remove(args: argparse.Namespace) -> int:
    if not roster.remove(course_root_of(args), args.id):
        print(f"pact-course roster: {args.id} is not on the roster", file=sys.stderr)
        return 1
    print(f"{args.id} taken off the roster.")
    return 0
