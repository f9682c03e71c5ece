"""The roster: each account's full name, language and role, in the course root's roster.yaml (personal data)."""

from __future__ import annotations

import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

ROSTER_FILE = "roster.yaml"
ROLES = ("trainee", "trainer")
LANGUAGES = ("en", "es")
MAX_BYTES = 1_000_000  # a roster of thousands of people is far below this


class RosterError(ValueError):
    """The roster file cannot be read, or an entry is not valid; the message says which and why."""


@dataclass(frozen=True)
class Person:
    """One account in the roster."""

    id: str
    role: str = "trainee"
    name: str = ""
    lang: str = "en"

    def __post_init__(self):
        if self.role not in ROLES:
            raise RosterError(f"{self.id}: role must be one of {', '.join(ROLES)}, not {self.role!r}")
        if self.lang not in LANGUAGES:
            raise RosterError(f"{self.id}: language must be one of {', '.join(LANGUAGES)}, not {self.lang!r}")

    @property
    def display_name(self) -> str:
        """The full name, or the id when the roster has no name for this person."""
        return self.name or self.id


def roster_path(root: Path | str) -> Path:
    return Path(root) / ROSTER_FILE


def read_roster(root: Path | str) -> dict[str, Person]:
    """Everyone in the course's roster by id; {} when there is no roster yet."""
    path = roster_path(root)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise RosterError(f"{path}: larger than {MAX_BYTES} bytes, not a roster")
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise RosterError(f"{path}: cannot be read ({type(exc).__name__})") from None
    people = (data or {}).get("people") if isinstance(data, dict) else None
    if not isinstance(people, dict):
        raise RosterError(f"{path}: expected a mapping 'people:' of id to name, lang and role")
    roster = {}
    for pid, entry in people.items():
        entry = entry if isinstance(entry, dict) else {}
        try:
            roster[str(pid)] = Person(
                str(pid),
                role=str(entry.get("role", "trainee")),
                name=str(entry.get("name") or ""),
                lang=str(entry.get("lang", "en")),
            )
        except RosterError as exc:
            raise RosterError(f"{path}: {exc}") from None
    return roster


def write_roster(root: Path | str, roster: dict[str, Person]) -> Path:
    """Replace the roster file atomically (mode 0640: trainers read it, trainees never)."""
    path = roster_path(root)
    data = {
        "people": {
            p.id: {k: v for k, v in asdict(p).items() if k != "id"} for p in sorted(roster.values(), key=lambda p: p.id)
        }
    }
    text = "# The course's people: personal data, never committed.\n" + yaml.safe_dump(
        data, allow_unicode=True, sort_keys=False
    )
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".roster.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.chmod(tmp, 0o640)
        if path.exists():
            st = path.stat()
            if hasattr(os, "chown") and os.geteuid() == 0:
                os.chown(tmp, st.st_uid, st.st_gid)  # keep the owner and group the deployment gave it
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def upsert(
    root: Path | str, person_id: str, role: str | None = None, name: str | None = None, lang: str | None = None
) -> Person:
    """Add a person or update the fields given (the others are kept); returns the entry as saved."""
    roster = read_roster(root)
    old = roster.get(person_id, Person(person_id))
    person = Person(
        person_id,
        role=role if role is not None else old.role,
        name=name if name is not None else old.name,
        lang=lang if lang is not None else old.lang,
    )
    roster[person_id] = person
    write_roster(root, roster)
    return person


def remove(root: Path | str, person_id: str) -> bool:
    """Take a person off the roster; False when they were not on it."""
    roster = read_roster(root)
    if roster.pop(person_id, None) is None:
        return False
    write_roster(root, roster)
    return True


def display_name(root: Path | str, person_id: str) -> str:
    """The full name for an id (the id itself when unknown or the roster is unreadable)."""
    try:
        person = read_roster(root).get(person_id)
    except RosterError:
        return person_id
    return person.display_name if person else person_id
