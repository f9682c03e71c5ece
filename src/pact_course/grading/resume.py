"""Grading that resumes after a crash: an in-progress mark while a trainee is graded, and who is not fully graded."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

STAMP = "timestamp.txt"
# autograded/<trainee>/<assignment>/timestamp.txt holds this while the trainee is being graded: nbgrader then
# sees the submission as newer than its grading, so a rerun of autograde grades the trainee again. The
# post-convert hook puts the submission's own timestamp back once the trainee is fully graded.
IN_PROGRESS = "1970-01-01 00:00:00.000000 UTC"
INTERRUPTED_NOTE = "grading was interrupted: run autograde again (see the trainer guide)"


def _write(path: Path, text: str) -> None:
    """Replace a (maybe read-only) file with `text`."""
    tmp = path.with_name(f".{path.name}.pact-tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def mark_in_progress(autograded: Path) -> None:
    """Say in the autograded folder that this trainee's grading has started and not finished."""
    autograded.mkdir(parents=True, exist_ok=True)
    _write(autograded / STAMP, IN_PROGRESS)


def mark_done(submitted: Path, autograded: Path) -> None:
    """Give the autograded folder the submission's own timestamp again: grading finished."""
    stamp = submitted / STAMP
    if stamp.is_file() and not stamp.is_symlink():
        _write(autograded / STAMP, stamp.read_text(encoding="utf-8", errors="replace")[:100])
    else:
        (autograded / STAMP).unlink(missing_ok=True)


def in_progress(autograded: Path) -> bool:
    """True if grading of this folder started and never finished (the process was killed or the machine stopped)."""
    try:
        return (autograded / STAMP).read_text(encoding="utf-8", errors="replace").strip() == IN_PROGRESS
    except OSError:
        return False


def _autograded_for(submitted: Path) -> Path:
    """The autograded folder of a submitted folder: from the running nbgrader app, else nbgrader's default layout."""
    trainee, assignment = submitted.parent.name, submitted.name
    try:
        from nbgrader.apps.autogradeapp import AutogradeApp

        if AutogradeApp.initialized():
            coursedir = AutogradeApp.instance().coursedir
            return Path(coursedir.format_path(coursedir.autograded_directory, trainee, assignment))
    except Exception:  # noqa: BLE001 - no running app: nbgrader's default folders
        pass
    return submitted.parents[2] / "autograded" / trainee / assignment


def autograde_post_hook(assignment: str, student: str, notebooks: list[str], **_) -> None:
    """nbgrader's Autograde.post_convert_hook: the trainee's grading finished, so mark it done."""
    if notebooks:
        submitted = Path(notebooks[0]).parent
        mark_done(submitted, _autograded_for(submitted))


def unfinished(root: Path, assignment: str, db_url: str | None = None) -> list[str]:
    """Trainees whose grading of `assignment` started and did not finish.

    That is an autograded folder still marked in progress, missing a notebook of the assignment, or (with the
    gradebook) an automatically graded cell without a score.
    """
    from nbgrader.api import Gradebook, MissingEntry

    from ..engine.settings import COURSE_ID, gradebook_url

    root = Path(root)
    found = []
    with Gradebook(db_url or gradebook_url(root), COURSE_ID) as gb:
        try:
            stored = gb.find_assignment(assignment)
        except MissingEntry:
            return []
        notebooks = [nb.name for nb in stored.notebooks]
        autograded_cells = {c.name for nb in stored.notebooks for c in nb.grade_cells} - {
            c.name for nb in stored.notebooks for c in nb.solution_cells
        }
        for folder in sorted((root / "autograded").glob(f"*/{assignment}")):
            trainee = folder.parent.name
            done = not in_progress(folder) and all((folder / f"{nb}.ipynb").is_file() for nb in notebooks)
            if done:
                try:
                    submission = gb.find_submission(assignment, trainee)
                    grades = {g.name: g for nb in submission.notebooks for g in nb.grades}
                    done = all(_scored(grades.get(name)) for name in autograded_cells)
                except MissingEntry:
                    done = False
            if not done:
                found.append(trainee)
    return found


def _scored(grade) -> bool:
    return grade is not None and (grade.auto_score is not None or grade.manual_score is not None)


def reset_unfinished(root: Path, assignment: str, db_url: str | None = None) -> list[str]:
    """Remove the autograded folders of trainees whose grading did not finish, so the next autograde grades them."""
    trainees = unfinished(root, assignment, db_url)
    for trainee in trainees:
        shutil.rmtree(Path(root) / "autograded" / trainee / assignment, ignore_errors=True)
    return trainees
