"""Back up and restore the gradebook: pg_dump/pg_restore for PostgreSQL, SQLite's online backup API for SQLite."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

TABLES_OF_A_GRADEBOOK = {"assignment", "student", "submitted_assignment", "grade"}


class BackupError(Exception):
    """A backup or restore could not be made; the message says why in one line."""


def kind(url: str) -> str:
    """'sqlite' or 'postgresql' (the two gradebooks the course supports)."""
    backend = make_url(url).get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise BackupError(f"the gradebook is {backend}: backups are made for SQLite and PostgreSQL only")
    return backend


def _sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise BackupError(f"{url} is not a gradebook file")
    return Path(database)


def _pg_env(url: str) -> dict[str, str]:
    """libpq's variables for the URL: the password goes to the tools in the environment, never on a command line."""
    u = make_url(url)
    env = dict(os.environ)
    for var, value in (
        ("PGHOST", u.host),
        ("PGPORT", u.port),
        ("PGUSER", u.username),
        ("PGPASSWORD", u.password),
        ("PGDATABASE", u.database),
    ):
        if value is not None:
            env[var] = str(value)
    sslmode = u.query.get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = str(sslmode)
    return env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client)")
    return found


def _table_names(url: str) -> set[str]:
    from sqlalchemy import create_engine, inspect

    engine = create_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def backup(url: str, target: Path) -> Path:
    """Write a consistent copy of the gradebook to `target` (a custom-format dump or a SQLite file), mode 0600."""
    target = Path(target).resolve()
    if target.exists():
        raise BackupError(f"{target} exists: choose a new file name (a backup never overwrites another)")
    target.parent.mkdir(parents=True, exist_ok=True)
    if kind(url) == "sqlite":
        source = _sqlite_path(url)
        if not source.is_file():
            raise BackupError(f"there is no gradebook at {source}")
        _sqlite_copy(source, target)
    else:
        old = os.umask(0o077)
        try:
            proc = subprocess.run(
                [_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(target)],
                env=_pg_env(url),
                capture_output=True,
                text=True,
            )
        finally:
            os.umask(old)
        if proc.returncode != 0:
            target.unlink(missing_ok=True)
            raise BackupError(f"pg_dump failed: {proc.stderr.strip()}")
    os.chmod(target, 0o600)  # grades are personal data
    return target


def restore(url: str, source: Path, force: bool = False) -> None:
    """Load a backup into the gradebook at `url`; refuses to replace a gradebook that holds grades unless `force`."""
    source = Path(source).resolve()
    if not source.is_file():
        raise BackupError(f"there is no backup at {source}")
    backend = kind(url)
    if backend == "sqlite":
        _check_sqlite_backup(source)
        target = _sqlite_path(url)
        if target.is_file() and _table_names(url) >= TABLES_OF_A_GRADEBOOK and not force:
            raise BackupError(f"{target} already holds a gradebook: add --force to replace it with the backup")
        target.parent.mkdir(parents=True, exist_ok=True)
        _sqlite_copy(source, target)
        return
    database = make_url(url).database
    if not database:
        raise BackupError("the gradebook URL names no database to restore into")
    try:
        existing = _table_names(url)
    except Exception as exc:  # noqa: BLE001 - any connection problem is reported in one line
        raise BackupError(f"cannot reach the gradebook database: {str(exc).splitlines()[0]}") from None
    if TABLES_OF_A_GRADEBOOK & existing and not force:
        raise BackupError(f"the database {database} already holds a gradebook: add --force to replace it")
    proc = subprocess.run(
        [
            _tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--exit-on-error",
            "--dbname",
            database,
            str(source),
        ],
        env=_pg_env(url),
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise BackupError(f"pg_restore failed: {proc.stderr.strip()}")


def _sqlite_copy(source: Path, target: Path) -> None:
    """SQLite's online backup: a consistent copy even while the formgrader writes to the source."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def _check_sqlite_backup(path: Path) -> None:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            names = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            con.close()
    except sqlite3.DatabaseError:
        raise BackupError(f"{path} is not a SQLite gradebook backup") from None
    if not names >= TABLES_OF_A_GRADEBOOK:
        raise BackupError(
            f"{path} is not a gradebook backup (it has no {', '.join(sorted(TABLES_OF_A_GRADEBOOK - names))} table)"
        )
