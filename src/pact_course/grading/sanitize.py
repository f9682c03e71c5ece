"""The autograde preprocessor that makes grading run only the course's code: rebuild cells, clear foreign files."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell
from nbgrader.api import Gradebook
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import NbGraderPreprocessor
from nbgrader.utils import find_all_files

from ..engine.decisions import LOG_NAME
from .answers import with_typed_answers
from .resume import mark_in_progress
from .submission_check import check_root, check_submission, report

CELL_ID = re.compile(r"[^A-Za-z0-9_-]")


def _coursedir(pp) -> CourseDirectory:
    """The converter's CourseDirectory (preprocessor -> exporter -> converter), else one from the config."""
    node = getattr(pp, "parent", None)
    while node is not None:
        coursedir = getattr(node, "coursedir", None)
        if isinstance(coursedir, CourseDirectory):
            return coursedir
        node = getattr(node, "parent", None)
    return CourseDirectory(config=pp.config)


class SubmissionRefused(Exception):
    """The notebook being graded, or the whole submission, is a link or another thing that is not graded."""


class SanitizeSubmission(NbGraderPreprocessor):
    """Rebuild a submission from the gradebook's cells, keep only the trainee's answers, clear foreign files.

    Every cell comes from the gradebook's source cells, in the source notebook's order; the only
    thing carried over from the submission is the text of each manually graded answer, matched by
    grade_id. Added cells, edited cells and cells stripped of their metadata are gone. In the
    autograded folder, only notebooks, decisions.json, nbgrader's own timestamp and secret, and files that came
    from source/ stay, so nothing the trainee left there can shadow the course's code.
    """

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        coursedir = _coursedir(self)
        self._check(coursedir, info)
        with Gradebook(info["db_url"]) as gb:
            notebook = gb.find_notebook(info["notebook"], info["assignment"])
            sources = {c.name: (c.cell_type, c.locked, c.source, c.checksum) for c in notebook.source_cells}
            points = {c.name: c.max_score for c in notebook.grade_cells}
            solutions = {c.name for c in notebook.solution_cells}
            tasks = {c.name for c in notebook.task_cells}
            kernelspec = notebook.kernelspec
        answers = self._answers(nb, solutions)
        typed = Path(coursedir.format_path(coursedir.autograded_directory, info["student"], info["assignment"]))
        answers = with_typed_answers(answers, typed, solutions)  # what the trainee typed into the page wins
        order = self._order(coursedir, info, sources, nb)
        cells = []
        for name in order:
            cell_type, locked, source, checksum = sources[name]
            meta = {
                "grade": name in points,
                "grade_id": name,
                "locked": bool(locked),
                "schema_version": 3,
                "solution": name in solutions,
                "task": name in tasks,
                "checksum": checksum,
            }
            if name in points:
                value = float(points[name])
                meta["points"] = int(value) if value.is_integer() else value
            metadata = {"nbgrader": meta, "deletable": False}
            if locked:
                metadata["editable"] = False
            if name in solutions and name in answers:
                source = answers[name]
            cell = (new_code_cell if cell_type == "code" else new_markdown_cell)(source or "", metadata=metadata)
            cell.id = CELL_ID.sub("-", name)[:64] or "cell"
            cells.append(cell)
        nb.cells = cells
        spec = _json(kernelspec) or nb.metadata.get("kernelspec")
        nb.metadata = nbformat.NotebookNode({"kernelspec": spec} if spec else {})
        nb.metadata["language_info"] = {"name": "python"}
        self._clear_folder(coursedir, info)
        return nb, resources

    def _check(self, coursedir: CourseDirectory, info: dict) -> None:
        """Mark the grading in progress; refuse the submission's links, hard links and devices before grading.

        The course's pre-convert hook already removed them from submitted/ before nbgrader copied anything;
        this catches a configuration without the hook: whatever was copied for a refused name is removed,
        and a refused notebook or submission folder stops this trainee's grading (graded as if absent).
        """
        student, assignment = info["student"], info["assignment"]
        submitted = Path(coursedir.format_path(coursedir.submitted_directory, student, assignment))
        autograded = Path(coursedir.format_path(coursedir.autograded_directory, student, assignment))
        mark_in_progress(autograded)
        refusals = [r for r in [check_root(submitted.parent, student)] if r is not None]
        refusals = refusals or check_submission(submitted, student)
        report(refusals, self.log)
        refused = {r.path for r in refusals}
        if "." in refused or f"{info['notebook']}.ipynb" in refused:
            raise SubmissionRefused(f"the submission of trainee {student} is not graded: " + refusals[0].reason)
        for rel in refused:
            target = autograded / rel
            if target.is_symlink() or target.is_file():
                target.unlink()
            elif target.is_dir():
                shutil.rmtree(target)

    @staticmethod
    def _answers(nb, solutions: set[str]) -> dict[str, str]:
        """The trainee's text of each manually graded answer, by grade_id (first one wins)."""
        found: dict[str, str] = {}
        for cell in nb.cells:
            grade_id = (cell.get("metadata", {}).get("nbgrader") or {}).get("grade_id")
            source = cell.get("source")
            if grade_id in solutions and grade_id not in found and isinstance(source, str):
                found[grade_id] = source
        return found

    def _order(self, coursedir: CourseDirectory, info: dict, sources: dict, nb) -> list[str]:
        """Cell names in the source notebook's order; names it lacks follow in the submission's, then by name."""
        order: list[str] = []
        path = (
            Path(coursedir.format_path(coursedir.source_directory, ".", info["assignment"]))
            / f"{info['notebook']}.ipynb"
        )
        try:
            source_nb = nbformat.read(str(path), as_version=4)
            order = [c.metadata.get("nbgrader", {}).get("grade_id") for c in source_nb.cells]
        except Exception:  # noqa: BLE001 - fall back to the submission's order
            self.log.warning("Source notebook %s not readable; ordering cells from the submission", path)
        for cell in nb.cells:
            grade_id = (cell.get("metadata", {}).get("nbgrader") or {}).get("grade_id")
            if isinstance(grade_id, str):
                order.append(grade_id)
        order.extend(sorted(sources))
        return [name for name in dict.fromkeys(order) if name in sources]

    def _clear_folder(self, coursedir: CourseDirectory, info: dict) -> None:
        student, assignment = info["student"], info["assignment"]
        folder = Path(coursedir.format_path(coursedir.autograded_directory, student, assignment))
        source = Path(coursedir.format_path(coursedir.source_directory, ".", assignment))
        if not folder.is_dir():
            return
        keep = {LOG_NAME, "timestamp.txt", "submission_secret.txt"}  # the last two are nbgrader's own
        keep |= {os.path.relpath(f, source) for f in find_all_files(str(source), [*coursedir.ignore, "*.ipynb"])}
        for dirname, dirnames, filenames in os.walk(folder, topdown=True):
            here = Path(dirname)
            for name in filenames + [d for d in dirnames if (here / d).is_symlink()]:
                path = here / name
                rel = path.relative_to(folder).as_posix()
                top_notebook = "/" not in rel and rel.endswith(".ipynb")
                if not path.is_symlink() and (rel in keep or top_notebook):
                    continue
                self.log.warning("Removing %s from the autograded folder: it did not come from source/", rel)
                path.unlink()
        for dirname, _, _ in sorted(os.walk(folder), key=lambda w: w[0].count(os.sep), reverse=True):
            if Path(dirname) != folder and not any(Path(dirname).iterdir()):
                Path(dirname).rmdir()

    def preprocess_cell(self, cell, resources, index):  # pragma: no cover - preprocess does the work
        return cell, resources


def _json(text):
    import json

    try:
        value = json.loads(text) if text else None
    except (TypeError, ValueError):
        return None
    return value if isinstance(value, dict) and value else None
