"""Course-wide names and places: course id, exchange folder, gradebook URL, pass threshold."""

from __future__ import annotations

import os
from pathlib import Path

from .content import course_root

COURSE_ID = "pact-facilitator"
PASS_THRESHOLD = 0.8  # share of the autograded points needed to pass (with no critical error)


def exchange_dir(root: Path | None = None) -> Path:
    """nbgrader's exchange: $PACT_EXCHANGE, else `exchange/` in the course root (gitignored)."""
    env = os.environ.get("PACT_EXCHANGE")
    return Path(env) if env else Path(root or course_root()) / "exchange"


def gradebook_url(root: Path | None = None) -> str:
    """The gradebook: $PACT_GRADEBOOK_URL (any SQLAlchemy URL), else SQLite in the course root."""
    env = os.environ.get("PACT_GRADEBOOK_URL")
    return env or f"sqlite:///{Path(root or course_root()).resolve() / 'gradebook.db'}"


def pass_threshold() -> float:
    """The pass threshold: $PACT_PASS_THRESHOLD (a share such as 0.8), else 0.8."""
    env = os.environ.get("PACT_PASS_THRESHOLD")
    return float(env) if env else PASS_THRESHOLD
