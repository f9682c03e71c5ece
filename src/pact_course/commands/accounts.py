"""The `accounts` command: add, list and remove the hub's trainee and trainer accounts (system users + roster)."""

from __future__ import annotations

import sys

from ..deploy import accounts
from ..engine import roster
from .root import course_root_of


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "accounts", help="hub accounts: a system user per trainee or trainer, with name and language"
    )
    sub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    a = sub.add_parser("add", help="create an account (or give an existing one a role) and put it on the roster")
    a.add_argument("id", help="account id: lower-case letters, digits, '_' or '-' (also the nbgrader student id)")
    a.add_argument("--role", choices=roster.ROLES, required=True)
    a.add_argument("--name", help='full name, e.g. "Ana Pérez" (for the trainer\'s views and certificates)')
    a.add_argument("--lang", choices=roster.LANGUAGES, help="language the course starts in (default en)")
    a.add_argument(
        "--no-password",
        action="store_true",
        help="set no password (people sign in through the organisation's single sign-on instead)",
    )
    a.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from standard input (default: a new account gets a generated one, printed once)",
    )
    a.set_defaults(func=_add)
    ls = sub.add_parser("list", help="everyone on the roster, with role, language and whether the account exists")
    ls.set_defaults(func=_list)
    r = sub.add_parser("remove", help="take an account off the roster and out of the course's groups")
    r.add_argument("id")
    r.add_argument("--delete-user", action="store_true", help="also delete the system user and its home (their work)")
    r.set_defaults(func=_remove)


def _add(args) -> int:
    root = course_root_of(args)
    password = None
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    try:
        person, password, created = accounts.add(
            root, args.id, args.role, args.name, args.lang, password, set_password=not args.no_password
        )
    except (accounts.AccountError, roster.RosterError) as exc:
        print(f"pact-course accounts: {exc}", file=sys.stderr)
        return 2
    what = "created" if created else "updated"
    print(f"{what}: {person.id} ({person.role}, {person.lang}{', ' + person.name if person.name else ''})")
    if password and not args.password_stdin:
        print(f"password: {password}   (give it to {person.display_name} in person; they can change it with `passwd`)")
    return 0


def _list(args) -> int:
    root = course_root_of(args)
    try:
        people = roster.read_roster(root)
    except roster.RosterError as exc:
        print(f"pact-course accounts: {exc}", file=sys.stderr)
        return 2
    if not people:
        print("No accounts yet: pact-course accounts add ID --role trainee|trainer")
        return 0
    for p in people.values():
        state = "" if accounts.user_exists(p.id) else "   (no system account)"
        print(f"{p.id:<20} {p.role:<8} {p.lang}  {p.name}{state}")
    return 0


def _remove(args) -> int:
    root = course_root_of(args)
    try:
        found = accounts.remove(root, args.id, delete_user=args.delete_user)
    except (accounts.AccountError, roster.RosterError) as exc:
        print(f"pact-course accounts: {exc}", file=sys.stderr)
        return 2
    print(f"removed: {args.id}" if found else f"{args.id} was not on the roster and has no account")
    return 0 if found else 1
