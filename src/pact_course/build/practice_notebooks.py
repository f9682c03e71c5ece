"""Writes the ungraded notebooks (welcome, guidelines, practice modules): each one course page, an app of one cell."""

from __future__ import annotations

from pathlib import Path

import nbformat

from ..engine.content import course_root, load_course
from ..engine.coverage import cell as coverage_cell
from ..engine.model import Course, Scenario
from ..engine.practice import MODULES, modules
from .cells import code, markdown, notebook, text

WELCOME = "00-welcome.ipynb"
GUIDELINES = "01-guidelines.ipynb"
NOTEBOOK_ONLY = "pact-notebook-only"  # a cell tag: shown in the notebook editor, not in the course's pages
PAGE_KEY = "pact"  # notebook metadata: {"pact": {"page": ...}} marks a course page a workspace may refresh


def _page(kind: str, title_en: str, title_es: str, call: str) -> nbformat.NotebookNode:
    """A course page: a title for the notebook editor (hidden in the page) and the one cell that draws it."""
    heading = markdown(
        f"{kind}-title",
        f"# {title_en} / {title_es}\n\n"
        "This notebook is a page of the PACT course: it opens by itself as a page, with nothing to run.\n"
        "Este cuaderno es una página del curso de PACT: se abre sola como página, sin nada que ejecutar.\n",
        {"tags": [NOTEBOOK_ONLY]},
    )
    nb = notebook([heading, code(f"{kind}-page", call)])
    nb.metadata[PAGE_KEY] = {"page": kind}
    return nb


def welcome(course: Course) -> nbformat.NotebookNode:
    """The course's home page: what it is, how it works, the course map with progress, the assessments."""
    return _page(
        "welcome",
        "Welcome to the PACT Zoom Group Facilitator Course",
        "Te damos la bienvenida al curso para facilitar grupos de Zoom de PACT",
        "from pact_course.player import home\n\nhome()",
    )


def exercised_by(course: Course, guideline_id: str) -> list[Scenario]:
    """The practice scenarios whose options uphold or breach a guideline."""
    return [s for s in course.practice() if coverage_cell(s, guideline_id)]


def guidelines_notebook(course: Course) -> nbformat.NotebookNode:
    """The ten guidelines: PACT's words, what each asks of the facilitator, and where it is practised."""
    return _page(
        "guidelines",
        "The ten guidelines",
        "Las diez normas",
        "from pact_course.player import guidelines\n\nguidelines()",
    )


def module_notebook(course: Course, module_id: str) -> nbformat.NotebookNode:
    """A practice module's page: progress, and one scenario at a time, opened where the trainee left off."""
    m = next(m for m, _ in modules(course) if m.id == module_id)
    return _page(m.id, m.title.en, m.title.es, f'from pact_course.player import module\n\nmodule("{m.id}")')


def notebooks(course: Course) -> dict[str, str]:
    """Every generated notebook: file name -> its text."""
    out = {WELCOME: text(welcome(course)), GUIDELINES: text(guidelines_notebook(course))}
    for m in MODULES:
        out[m.notebook] = text(module_notebook(course, m.id))
    return out


def write(root: Path | None = None, target: Path | None = None) -> list[Path]:
    """Write the notebooks into `target` (default `<root>/notebooks`); return the files that changed."""
    root = Path(root or course_root())
    course = load_course(root)
    target = Path(target or root / "notebooks")
    target.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, body in notebooks(course).items():
        path = target / name
        if not path.exists() or path.read_text(encoding="utf-8") != body:
            path.write_text(body, encoding="utf-8")
            changed.append(path)
    return changed
