"""At autograde, each written answer cell gets the text the trainee typed into the page (answers.json)."""

from __future__ import annotations

from pathlib import Path

from ..engine.answers import ANSWERS_NAME, answered, read_answers


def typed_answers(folder: Path | str, solutions: set[str]) -> dict[str, str]:
    """The written answers saved in `folder`/answers.json for these manually graded cells (empty ones left out).

    The file is read leniently and never through a link: a damaged or forged file gives what it validly holds.
    """
    found = read_answers(Path(folder) / ANSWERS_NAME)
    return {item: a.text for item, a in found.answers.items() if item in solutions and answered(a.text)}


def with_typed_answers(in_notebook: dict[str, str], folder: Path | str, solutions: set[str]) -> dict[str, str]:
    """The answer text for each manually graded cell: what the trainee typed into the page when there is any
    (it is saved at every key, so it is the latest), else what the submitted notebook's cell holds."""
    return {**in_notebook, **typed_answers(folder, solutions)}
