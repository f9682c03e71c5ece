"""Builds a course: assessment notebooks into source/ and release/ (nbgrader), refusing unsafe rebuilds."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from ..engine.content import load_course
from ..engine.settings import COURSE_ID, gradebook_url
from .assessment_notebooks import write_assignment

NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class BuildError(Exception):
    """The build of one assignment stopped; the message says why and what to do."""


def build(
    root: Path, assignments: list[str] | None = None, as_name: str | None = None, release: bool = True
) -> list[str]:
    """Build the given assignments (default: every assignment in content/); return the names built."""
    root = Path(root).resolve()
    course = load_course(root)
    known = course.assignments()
    wanted = list(dict.fromkeys(assignments or known))
    if not wanted:
        raise BuildError("content/scenarios has no assessment scenarios, so there is no assignment to build.")
    unknown = [a for a in wanted if a not in known]
    if unknown:
        raise BuildError(
            f"no assessment scenarios belong to {', '.join(repr(a) for a in unknown)}; "
            f"the assignments in content/ are: {', '.join(known) or 'none'}."
        )
    if as_name is not None:
        if len(wanted) != 1:
            raise BuildError("--as builds one assignment under a new name; give exactly one ASSIGNMENT.")
        if not NAME.match(as_name):
            raise BuildError(f"'{as_name}' is not a usable assignment name (lower-case letters, digits and '-').")
    if release and not (root / "nbgrader_config.py").is_file():
        raise BuildError(f"{root} has no nbgrader_config.py, so nbgrader cannot generate release/.")
    built = []
    for assignment in wanted:
        name = as_name or assignment
        build_one(root, course, assignment, name, release)
        built.append(name)
    return built


def build_one(root: Path, course, assignment: str, name: str, release: bool) -> None:
    """Write source/<name>/ through a temporary folder, check the gradebook, swap, then generate release/."""
    work = root / f".pact-build-{name}"
    old = root / f".pact-build-{name}-old"
    for leftover in (work, old):
        shutil.rmtree(leftover, ignore_errors=True)
    target = root / "source" / name
    try:
        notebook = write_assignment(course, assignment, work, name)
        refusal = gradebook_refusal(root, name, notebook)
        if refusal:
            raise BuildError(refusal)
        changed = not _same_tree(work, target)
        if changed:
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.exists():
                os.replace(target, old)
            os.replace(work, target)
        try:
            if release:
                generate_assignment(root, name)
        except BuildError:
            if changed:
                shutil.rmtree(target, ignore_errors=True)
                if old.exists():
                    os.replace(old, target)
            raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)


def _same_tree(a: Path, b: Path) -> bool:
    if not b.is_dir():
        return False
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    return files_a == files_b and all((a / f).read_bytes() == (b / f).read_bytes() for f in files_a)


def gradebook_refusal(root: Path, name: str, notebook_path: Path) -> str | None:
    """Why nbgrader would refuse (or silently regrade): submissions exist and the cells changed. None if fine."""
    import nbformat

    url = gradebook_url(root)
    if url.startswith("sqlite:///") and not Path(url[len("sqlite:///") :]).is_file():
        return None
    from nbgrader.api import Gradebook, MissingEntry

    nb = nbformat.read(str(notebook_path), as_version=4)
    new = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        new[meta["grade_id"]] = (cell.cell_type, meta.get("solution", False), cell.source, meta.get("points"))
    with Gradebook(url, COURSE_ID) as gb:
        try:
            stored = gb.find_notebook(notebook_path.stem, name)
        except MissingEntry:
            return None
        submissions = len(stored.submissions)
        if not submissions:
            return None
        points = {c.name: c.max_score for c in stored.grade_cells}
        solutions = {c.name for c in stored.solution_cells}
        old = {c.name: (c.cell_type, c.name in solutions, c.source, points.get(c.name)) for c in stored.source_cells}
    added, removed = sorted(set(new) - set(old)), sorted(set(old) - set(new))
    edited = sorted(
        n
        for n in set(new) & set(old)
        if new[n][0] != old[n][0]
        or (not new[n][1] and new[n][2] != old[n][2])
        or (new[n][3] is not None and float(new[n][3]) != float(old[n][3] or 0))
    )
    if not (added or removed or edited):
        return None
    what = "; ".join(
        part
        for part in (
            f"cells added: {', '.join(added)}" if added else "",
            f"cells removed: {', '.join(removed)}" if removed else "",
            f"cells changed: {', '.join(edited)}" if edited else "",
        )
        if part
    )
    return (
        f"the assignment '{name}' already has {submissions} submission(s) in the gradebook, and this build "
        f"changes its notebook ({what}). nbgrader refuses to add or remove cells once work is submitted "
        f'("Cannot add or remove cells"), and changed cells would grade submitted work against a different '
        f"version. Nothing was changed. Build the new content as a new version instead, for example:\n"
        f"  pact-course build {name} --as {_next_version(name)}\n"
        f"and release that version to the trainees who have not taken '{name}' yet."
    )


def _next_version(name: str) -> str:
    m = re.match(r"^(.*)-v(\d+)$", name)
    return f"{m.group(1)}-v{int(m.group(2)) + 1}" if m else f"{name}-v2"


def generate_assignment(root: Path, name: str) -> None:
    """Run nbgrader's own generate_assignment (refreshes release/<name>/ and the gradebook)."""
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}
    proc = subprocess.run(
        [sys.executable, "-m", "nbgrader", "generate_assignment", name, "--force"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-15:])
        raise BuildError(f"nbgrader generate_assignment {name} failed; source/{name}/ was left as it was:\n{tail}")
