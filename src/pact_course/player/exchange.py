"""The trainee's side of nbgrader's exchange, run from a page's kernel: list, fetch, submit, fetch feedback."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from ..engine.preferences import WORKSPACE_MARKER, workspace_of

QUIET = logging.getLogger("pact_course.exchange")
QUIET.addHandler(logging.NullHandler())
QUIET.propagate = False  # nbgrader's own log lines never reach a trainee's page


class ExchangeProblem(RuntimeError):
    """The exchange could not do what was asked; the message is nbgrader's, in one line."""


@dataclass(frozen=True)
class Released:
    """An assessment as the exchange knows it for this trainee."""

    assignment: str
    status: str  # "released" (can be fetched), "fetched", "submitted"
    feedback_ready: bool = False  # feedback waits in the exchange, newer than the one fetched


def _config(workspace: Path):
    from traitlets.config.loader import PyFileConfigLoader

    return PyFileConfigLoader(WORKSPACE_MARKER, path=str(workspace)).load_config()


def _run(kind: str, assignment: str | None = None, folder: Path | str | None = None, **settings):
    """Run one of nbgrader's exchange actions with the workspace's settings; its result, or ExchangeProblem."""
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange import ExchangeFactory

    try:
        config = _config(workspace_of(folder))
        if assignment is not None:
            config.CourseDirectory.assignment_id = assignment
        for key, value in settings.items():
            config.ExchangeList[key] = value
        coursedir = CourseDirectory(config=config, log=QUIET)
        factory = ExchangeFactory(config=config)
        action = getattr(factory, kind)(
            coursedir=coursedir, authenticator=Authenticator(config=config, log=QUIET), config=config, log=QUIET
        )
        return action.start()
    except BaseException as exc:  # nbgrader ends some failures with sys.exit: said plainly, never a traceback
        if isinstance(exc, KeyboardInterrupt):
            raise
        detail = " ".join(str(exc).split()) or type(exc).__name__
        raise ExchangeProblem(detail[:300]) from None


def assessments(folder: Path | str | None = None) -> list[Released]:
    """The course's assessments released to this trainee, each with its status; [] if the exchange is not there."""
    found: dict[str, Released] = {}
    try:
        for item in _run("List", folder=folder) or []:
            aid = item.get("assignment_id")
            if aid and item.get("status") in ("released", "fetched"):
                found[aid] = Released(aid, item["status"])
        for item in _run("List", folder=folder, cached=True) or []:
            aid = item.get("assignment_id")
            if not aid:
                continue
            subs = item.get("submissions") or []
            ready = any(s.get("has_exchange_feedback") and not s.get("has_local_feedback") for s in subs)
            ready = ready or any(s.get("feedback_updated") for s in subs)
            found[aid] = Released(aid, "submitted", ready)
    except ExchangeProblem:
        return sorted(found.values(), key=lambda r: r.assignment)
    return sorted(found.values(), key=lambda r: r.assignment)


def fetch(assignment: str, folder: Path | str | None = None) -> Path:
    """Fetch a released assessment into the workspace; the folder it is in."""
    _run("FetchAssignment", assignment, folder)
    return workspace_of(folder) / assignment


def submit(assignment: str, folder: Path | str | None = None) -> None:
    """Submit the assessment's folder (notebook, decisions, written answers) to the trainer."""
    _run("Submit", assignment, folder)


def fetch_feedback(assignment: str, folder: Path | str | None = None) -> None:
    """Fetch the feedback the trainer released for this assessment (into <assessment>/feedback/)."""
    _run("FetchFeedback", assignment, folder)


def feedback_pages(assignment: str, folder: Path | str | None = None) -> list[str]:
    """The feedback pages fetched for an assessment, newest first, as paths relative to the workspace."""
    workspace = workspace_of(folder)
    pages = sorted((workspace / assignment / "feedback").glob(f"*/{assignment}.html"), reverse=True)
    return [p.relative_to(workspace).as_posix() for p in pages if p.is_file() and not p.is_symlink()]
