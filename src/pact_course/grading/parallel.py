"""Autograde a cohort in parallel: worker processes grade into scratch gradebooks, one writer merges them."""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from .cohort import CourseConfig, Failure, explain, gradebook_is_sqlite, needs_grading, submitted_students

Progress = Callable[[str, "Failure | None"], None]  # called once per trainee: id, and the failure or None


@dataclass
class AutogradeReport:
    """What one run did: trainees graded, failed (with a plain reason) and skipped (already graded)."""

    graded: list[str] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


def default_jobs() -> int:
    """As many workers as the machine has cores (at least one)."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def plan(course: CourseConfig, assignment: str, students: Iterable[str] | None = None, force: bool = False):
    """The trainees to grade now (submitted and not fully graded, or all with `force`) and those skipped."""
    found = submitted_students(course, assignment)
    if students:
        wanted = list(dict.fromkeys(students))
        missing = [s for s in wanted if s not in found]
        found = [s for s in wanted if s in found]
    else:
        missing = []
    todo = [s for s in found if force or needs_grading(course, assignment, s)]
    skipped = [s for s in found if s not in todo]
    return todo, skipped, missing


def autograde(
    root: Path | str,
    assignment: str,
    *,
    jobs: int | None = None,
    students: Iterable[str] | None = None,
    force: bool = False,
    progress: Progress | None = None,
) -> AutogradeReport:
    """Grade every submitted, not yet fully graded trainee of `assignment` in `jobs` processes.

    With a SQLite gradebook each worker grades into its own scratch copy and the calling process
    merges each trainee's result into the course's gradebook as soon as it is ready; with a server
    database (PostgreSQL) workers write to it directly. One failing submission never stops the others.
    """
    course = CourseConfig.load(root)
    todo, skipped, missing = plan(course, assignment, students, force)
    report = AutogradeReport(skipped=skipped)
    for student in missing:
        absent = Failure(student, "no submission from this trainee has been collected for this assignment")
        report.failed.append(absent)
        if progress:
            progress(student, absent)
    if not todo:
        return report
    jobs = max(1, min(jobs or default_jobs(), len(todo)))
    course.ensure_students(todo)
    scratch_dir = Path(tempfile.mkdtemp(prefix=".pact-autograde-", dir=course.root))
    try:
        scratch = (
            [_scratch_copy(course, scratch_dir, i) for i in range(jobs)] if gradebook_is_sqlite(course.db_url) else None
        )
        queue = list(todo)
        ctx = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
            running: dict[Future, tuple[str, int]] = {}

            def submit(slot: int) -> None:
                student = queue.pop(0)
                url = scratch[slot] if scratch else course.db_url
                running[pool.submit(grade_one, str(course.root), assignment, student, url)] = (student, slot)

            for slot in range(jobs):
                if queue:
                    submit(slot)
            while running:
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    student, slot = running.pop(future)
                    failure = _result(future, student)
                    if failure is None and scratch:
                        failure = _merge_or_fail(course, scratch[slot], assignment, student)
                    if failure:
                        report.failed.append(failure)
                    else:
                        report.graded.append(student)
                    if progress:
                        progress(student, failure)
                    if queue:
                        submit(slot)
    finally:
        shutil.rmtree(scratch_dir, ignore_errors=True)
    return report


def _result(future: Future, student: str) -> Failure | None:
    try:
        error = future.result()
    except Exception as exc:  # noqa: BLE001 - a worker that died is one trainee's failure, not the run's
        return Failure(student, f"the grading process stopped unexpectedly ({type(exc).__name__}: {exc})")
    return Failure(student, error) if error else None


def _merge_or_fail(course: CourseConfig, scratch_url: str, assignment: str, student: str) -> Failure | None:
    from .merge import merge_submission

    try:
        merge_submission(scratch_url, course.db_url, assignment, student)
    except Exception as exc:  # noqa: BLE001 - reported with the trainee named
        return Failure(student, f"the grades could not be saved in the gradebook ({type(exc).__name__}: {exc})")
    return None


def _scratch_copy(course: CourseConfig, folder: Path, slot: int) -> str:
    """A consistent copy of the SQLite gradebook for one worker (SQLite's online backup)."""
    target = folder / f"worker-{slot}.db"
    source = course.db_url.removeprefix("sqlite:///")
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return f"sqlite:///{target}"


def grade_one(root: str, assignment: str, student: str, db_url: str) -> str | None:
    """Worker: autograde one trainee with nbgrader's own converter into `db_url`; None, or why it failed."""
    import warnings

    from nbgrader.converters import Autograde
    from nbgrader.converters.base import NbGraderException
    from nbgrader.coursedir import CourseDirectory
    from sqlalchemy.exc import SAWarning

    warnings.simplefilter("ignore", SAWarning)  # nbgrader's ORM chatter about its own sessions: harmless

    course = CourseConfig.load(root)
    config = course.config()
    config.CourseDirectory.db_url = db_url
    config.CourseDirectory.student_id = student
    config.CourseDirectory.assignment_id = assignment
    config.Autograde.force = True
    config.Autograde.create_student = True
    records = _ErrorLines()
    log = logging.getLogger(f"pact-autograde-{student}")
    log.propagate = False
    log.setLevel(logging.INFO)
    log.handlers = [records]
    previous = os.getcwd()
    try:
        os.chdir(root)
        converter = Autograde(coursedir=CourseDirectory(config=config), config=config, log=log)
        converter.start()
    except NbGraderException:
        return explain(records.lines) or "nbgrader could not grade this submission"
    except Exception as exc:  # noqa: BLE001 - any failure is reported for this trainee only
        return explain([*records.lines, f"{type(exc).__name__}: {exc}"])
    finally:
        os.chdir(previous)
    return None


class _ErrorLines(logging.Handler):
    """Keeps the warning and error lines nbgrader logs, to explain a failure in plain words."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())
