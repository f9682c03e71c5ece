"""Copies one trainee's autograded submission from a worker's scratch gradebook into the course's gradebook."""

from __future__ import annotations

import warnings

from nbgrader.api import Gradebook, MissingEntry
from sqlalchemy.exc import SAWarning

GRADE_FIELDS = ("auto_score", "manual_score", "extra_credit", "needs_manual_grade")
COMMENT_FIELDS = ("auto_comment", "manual_comment")


def merge_submission(source_url: str, target_url: str, assignment: str, student: str) -> None:
    """Make the target's submission of `student` equal the source's: timestamp, flags, grades, comments."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SAWarning)  # nbgrader's own ORM chatter, harmless here
        _merge(source_url, target_url, assignment, student)


def _merge(source_url: str, target_url: str, assignment: str, student: str) -> None:
    with Gradebook(source_url) as src, Gradebook(target_url) as dst:
        sub = src.find_submission(assignment, student)
        person = src.find_student(student)
        try:
            dst.find_student(student)
        except MissingEntry:
            dst.update_or_create_student(student, first_name=person.first_name, last_name=person.last_name)
        target = dst.update_or_create_submission(assignment, student, timestamp=sub.timestamp)
        target.extension = sub.extension
        for notebook in sub.notebooks:
            into = dst.find_submission_notebook(notebook.name, assignment, student)
            into.flagged = notebook.flagged
            into.late_submission_penalty = notebook.late_submission_penalty
            for grade in notebook.grades:
                other = dst.find_grade(grade.name, notebook.name, assignment, student)
                for name in GRADE_FIELDS:
                    setattr(other, name, getattr(grade, name))
            for comment in notebook.comments:
                other = dst.find_comment(comment.name, notebook.name, assignment, student)
                for name in COMMENT_FIELDS:
                    setattr(other, name, getattr(comment, name))
        dst.db.commit()
