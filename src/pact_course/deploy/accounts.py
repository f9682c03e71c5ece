"""System accounts for the hub: a trainee or trainer is a Unix user in the course's group, with a roster entry."""

from __future__ import annotations

import grp
import os
import pwd
import re
import secrets
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..engine import roster
from ..engine.roster import Person

# Debian's useradd accepts this (NAME_REGEX); nbgrader takes the account name as the student id.
ACCOUNT_ID = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
HOME_MODE = 0o700


class AccountError(Exception):
    """An account cannot be created or changed; the message says why in one line."""


@dataclass(frozen=True)
class Groups:
    """The Unix groups and the course account of one deployment (settable for tests and second courses)."""

    trainees: str = "pact-trainees"
    trainers: str = "pact-trainers"
    course_user: str = "pact-course"

    @classmethod
    def from_env(cls) -> Groups:
        return cls(
            os.environ.get("PACT_TRAINEES_GROUP", cls.trainees),
            os.environ.get("PACT_TRAINERS_GROUP", cls.trainers),
            os.environ.get("PACT_COURSE_USER", cls.course_user),
        )

    def of_role(self, role: str) -> str:
        return self.trainers if role == "trainer" else self.trainees


def check_id(account: str) -> str:
    if not ACCOUNT_ID.match(account):
        raise AccountError(
            f"account id {account!r} is not usable: lower-case letters, digits, '_' or '-', "
            "starting with a letter, at most 32 characters"
        )
    return account


def _run(command: list[str], stdin: str | None = None) -> None:
    proc = subprocess.run(command, input=stdin, capture_output=True, text=True)
    if proc.returncode != 0:
        raise AccountError(f"{command[0]} failed: {(proc.stderr or proc.stdout).strip()}")


def _require_root(what: str) -> None:
    if os.geteuid() != 0:
        raise AccountError(f"{what} needs root (run it with sudo)")


def user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def group_exists(name: str) -> bool:
    try:
        grp.getgrnam(name)
        return True
    except KeyError:
        return False


def ensure_group(name: str) -> None:
    if not group_exists(name):
        _require_root(f"creating the group {name}")
        _run(["groupadd", "--system", name])


def members(group: str) -> set[str]:
    """Accounts in a Unix group (supplementary members and those whose primary group it is)."""
    try:
        g = grp.getgrnam(group)
    except KeyError:
        return set()
    return set(g.gr_mem) | {p.pw_name for p in pwd.getpwall() if p.pw_gid == g.gr_gid}


def role_of(account: str, groups: Groups | None = None) -> str | None:
    """'trainer', 'trainee', or None for an account in neither group (who may not use the hub)."""
    groups = groups or Groups.from_env()
    if account in members(groups.trainers):
        return "trainer"
    if account in members(groups.trainees):
        return "trainee"
    return None


def change_password(account: str, password: str) -> None:
    """Set a password through chpasswd's standard input (never on a command line)."""
    if not password or "\n" in password or ":" in account:
        raise AccountError("a password must be one line, not empty")
    _run(["chpasswd"], stdin=f"{account}:{password}\n")


def add(
    root: Path,
    account: str,
    role: str,
    name: str | None = None,
    lang: str | None = None,
    password: str | None = None,
    groups: Groups | None = None,
    set_password: bool = True,
) -> tuple[Person, str | None, bool]:
    """Create (or complete) an account: Unix user and home (0700), its role's group, a roster entry.

    Returns the roster entry, the password set (generated when none is given and the account is
    new; None when an existing account keeps its own, or with set_password=False for single
    sign-on, where a new account's password stays locked), and whether the Unix user was created.
    """
    check_id(account)
    if role not in roster.ROLES:
        raise AccountError(f"role must be one of {', '.join(roster.ROLES)}")
    groups = groups or Groups.from_env()
    _require_root("creating an account")
    person = Person(account, role=role, name=name or "", lang=lang or "en")  # checks role and language first
    for g in (groups.trainees, groups.trainers):
        ensure_group(g)
    created = not user_exists(account)
    if created:
        _run(
            [
                "useradd",
                "--create-home",
                "--shell",
                "/bin/bash",
                "--comment",
                (name or account).replace(":", " "),
                "--groups",
                groups.of_role(role),
                account,
            ]
        )
        password = (password or secrets.token_urlsafe(12)) if set_password else None
    else:
        _run(["usermod", "--append", "--groups", groups.of_role(role), account])
        other = groups.trainees if role == "trainer" else groups.trainers
        if account in grp.getgrnam(other).gr_mem:
            _run(["gpasswd", "--delete", account, other])
    if password and set_password:
        change_password(account, password)
    home = Path(pwd.getpwnam(account).pw_dir)
    if home.is_dir():
        os.chmod(home, HOME_MODE)  # nobody else reads a trainee's work
    person = roster.upsert(root, account, role=person.role, name=name, lang=lang)
    return person, password, created


def remove(root: Path, account: str, delete_user: bool = False, groups: Groups | None = None) -> bool:
    """Take an account off the roster and out of the course's groups; with delete_user, delete it and its home."""
    check_id(account)
    groups = groups or Groups.from_env()
    on_roster = roster.remove(root, account)
    if not user_exists(account):
        return on_roster
    _require_root("removing an account")
    if delete_user:
        with_home = Path(pwd.getpwnam(account).pw_dir).exists()
        _run(["userdel", "--remove", account] if with_home else ["userdel", account])
        return True
    for g in (groups.trainees, groups.trainers):
        if group_exists(g) and account in grp.getgrnam(g).gr_mem:
            _run(["gpasswd", "--delete", account, g])
    return True
