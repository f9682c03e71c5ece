"""Builds an assignment's nbgrader source notebook (bilingual, one player and one grading cell per scenario)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

from ..engine.assignments import DISPLAY_NAMES, display_name
from ..engine.model import Course, Scenario
from ..engine.public import PUBLIC_FILE, write_public
from ..engine.scoring import max_score
from ..engine.settings import PASS_THRESHOLD
from .cells import code, markdown, notebook, text

ANSWER_STUB = "_Write your answer here. / Escribe aquí tu respuesta._"
NOTEBOOK_ONLY = "pact-notebook-only"  # a cell tag: for trainers reading the notebook, not in the trainee's page
PLAYER_IMPORT = "from pact_course.player import assessment, assessment_intro, submit_assessment, written_answer"

__all__ = ["ANSWER_STUB", "DISPLAY_NAMES", "Reflection", "assessment_notebook", "display_name", "reflections"]
REFLECTION_POINTS = 3


@dataclass(frozen=True)
class Reflection:
    """A free-text item, marked by a trainer with the rubric in docs/trainer-guide.md."""

    id: str
    en: str
    es: str
    points: int = REFLECTION_POINTS


WORDS_WITH_A_PARENT = Reflection(
    "reflection-words",
    "Choose one parent from the scenarios above. **Write the words you would use with this parent** at the "
    "moment you found hardest, as you would say them on the call (two to five sentences).",
    "Elige a una madre o un padre de los escenarios anteriores. **Escribe las palabras que usarías con esta "
    "persona** en el momento que te resultó más difícil, tal como se las dirías en la llamada (de dos a cinco frases).",
)
GUIDELINE_IN_PRACTICE = Reflection(
    "reflection-guideline",
    "Which of PACT's ten guidelines did you find **hardest to uphold** in these scenarios? Say why, and "
    "describe one thing you will do in your next group to uphold it.",
    "¿Qué norma de las diez de PACT te pareció **más difícil de respetar** en estos escenarios? Explica por "
    "qué y describe una cosa que harás en tu próximo grupo para respetarla.",
)
AFTER_THE_CALL = Reflection(
    "reflection-after-call",
    "A parent has told you something that worries you about their or their child's safety. **Write what you "
    "would say to the parent** before the call ends, and list **what you would do after the call, and by when**.",
    "Una madre o un padre te ha contado algo que te preocupa sobre su seguridad o la de su hijo o hija. "
    "**Escribe lo que le dirías** antes de que termine la llamada, y enumera **qué harías después de la "
    "llamada y en qué plazo**.",
)
REFLECTIONS: dict[str, tuple[Reflection, ...]] = {
    "safeguarding": (WORDS_WITH_A_PARENT, AFTER_THE_CALL),
}
DEFAULT_REFLECTIONS = (WORDS_WITH_A_PARENT, GUIDELINE_IN_PRACTICE)


def reflections(assignment: str) -> tuple[Reflection, ...]:
    """The free-text items of an assignment (versions such as `induction-v2` share their base's)."""
    base = re.sub(r"-v\d+$", "", assignment)
    return REFLECTIONS.get(base, DEFAULT_REFLECTIONS)


def side_by_side(en: str, es: str) -> str:
    """Markdown with English and Spanish in two columns (an HTML table JupyterLab and nbconvert render)."""
    return (
        '<table class="pact-bilingual"><tr><th lang="en">English</th><th lang="es">Español</th></tr>\n'
        f'<tr><td lang="en">\n\n{en.strip()}\n\n</td><td lang="es">\n\n{es.strip()}\n\n</td></tr></table>'
    )


def _header(assignment: str, scenarios: list[Scenario], reflection_items: tuple[Reflection, ...]) -> str:
    n = len(scenarios)
    share = round(PASS_THRESHOLD * 100)
    titles_en = "\n".join(f"{i}. {s.title.en}" for i, s in enumerate(scenarios, 1))
    titles_es = "\n".join(f"{i}. {s.title.es}" for i, s in enumerate(scenarios, 1))
    name_en, name_es = display_name(assignment)
    en = f"""
# Assessment: {name_en}

**How it is taken.** The trainee opens this notebook as a page of the course, with nothing to run
and no code on screen. Each of the {n} scenarios below shows a situation on a Zoom group: the trainee
reads it, picks what they would do and confirms it. A confirmed choice is final; no feedback or score
is shown until the trainer has graded the assessment. Every choice is saved in `decisions.json`, and
the {len(reflection_items)} written answers in `answers.json`, as the trainee works; grading reads them from there.

**How it is graded.** Each decision is scored against PACT's ten Zoom group guidelines, with partial
credit. A pass needs at least {share}% of the scenario points and no critical error (a choice that
could put a parent or child at risk). The trainer marks the written answers with the rubric in the
trainer guide. The trainee submits from the page's own Submit button, which asks first if a part
is unanswered.

Scenarios:

{titles_en}
"""
    es = f"""
# Evaluación: {name_es}

**Cómo se hace.** Quien participa abre este cuaderno como una página del curso, sin nada que
ejecutar y sin código a la vista. Cada uno de los {n} escenarios de abajo muestra una situación en un
grupo de Zoom: lo lee, elige qué haría y lo confirma. Una elección confirmada es definitiva; no se
muestran comentarios ni puntuación hasta que el formador o la formadora corrige la evaluación. Cada
elección se guarda en `decisions.json`, y las {len(reflection_items)} respuestas escritas en `answers.json`,
mientras trabaja; la corrección las lee de ahí.

**Cómo se corrige.** Cada decisión se puntúa según las diez normas de PACT para los grupos de Zoom,
con puntuación parcial. Para aprobar hace falta al menos el {share}% de los puntos de los escenarios y
ningún error grave (una decisión que podría poner en riesgo a una madre, un padre o un niño). El
formador o la formadora corrige las respuestas escritas con la rúbrica de la guía para formadores.
Se entrega con el botón de la propia página, que pregunta antes si falta alguna parte.

Escenarios:

{titles_es}
"""
    return side_by_side(en, es)


def grading_source(scenario: Scenario, course: Course) -> str:
    """The autograded cell: a visible docstring, and the full scenario only inside the hidden tests.

    The docstring ends with `;` so that, in the trainee's copy (hidden tests removed), IPython
    does not echo it as the cell's output.
    """
    used = {g for step in scenario.steps.values() for o in step.options for g in (*o.upholds, *o.breaches)}
    guidelines = {g.id: {"number": g.number, "title": g.title.model_dump()} for g in course.guidelines if g.id in used}
    # One line: the formgrader shows this cell to trainers, and the key is no easier to read than 400 lines of it.
    data = json.dumps(
        {"scenario": scenario.model_dump(), "guidelines": guidelines}, ensure_ascii=False, separators=(",", ":")
    )
    literal = f"r'''{data}'''" if "'''" not in data else repr(data)
    return (
        f'"""Grades your decisions in “{scenario.title.en}” when your trainer runs the grading. / '
        f'Califica tus decisiones en «{scenario.title.es}» cuando tu formador/a corrige la evaluación.""";\n'
        "### BEGIN HIDDEN TESTS\n"
        "import contextlib, io\n"
        "with contextlib.redirect_stderr(io.StringIO()):  # nbgrader gives 0 for any stderr\n"
        "    from pact_course.grading import grade\n"
        f"grade({literal}, 'decisions.json')\n"
        "### END HIDDEN TESTS"
    )


def player_source(scenario: Scenario) -> str:
    return f'from pact_course.player import assessment\n\nassessment("{scenario.id}")'


def _meta(grade_id: str, *, locked: bool = True, grade: bool = False, solution: bool = False, points: int = 0) -> dict:
    nbgrader = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": locked,
        "schema_version": 3,
        "solution": solution,
        "task": False,
    }
    if grade:
        nbgrader["points"] = points
    meta: dict = {"nbgrader": nbgrader}
    if locked:
        meta.update(deletable=False, editable=False)
    else:
        meta.update(deletable=False)
    return meta


def _markdown(cell_id: str, source: str, **kw) -> nbformat.NotebookNode:
    return markdown(cell_id, source, _meta(cell_id, **kw))


def _code(cell_id: str, source: str, **kw) -> nbformat.NotebookNode:
    return code(cell_id, source, _meta(cell_id, **kw))


def _hidden(cell: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Tag a cell as the trainer's: the trainee's page leaves it out (its text is in the page's own widgets)."""
    cell.metadata["tags"] = [NOTEBOOK_ONLY]
    return cell


def _literal(items: tuple[str, ...]) -> str:
    return "(" + ", ".join(repr(i) for i in items) + ("," if len(items) == 1 else "") + ")"


def assessment_notebook(
    course: Course, assignment: str, scenarios: list[Scenario] | None = None, name: str | None = None
) -> nbformat.NotebookNode:
    """The source notebook of an assignment: the page's top, per scenario a player and a grading cell, the written
    answers (each typed into the page, and nbgrader's answer cell the autograde fills from answers.json), Submit.

    Markdown cells tagged NOTEBOOK_ONLY carry both languages for trainers (the formgrader shows them); the
    trainee's page shows only the widgets, in the trainee's language.
    """
    scenarios = scenarios if scenarios is not None else course.assessment(assignment)
    if not scenarios:
        raise ValueError(f"no assessment scenarios belong to the assignment '{assignment}'")
    items = reflections(assignment)
    name = name or assignment
    ids = _literal(tuple(item.id for item in items))
    cells = [
        _hidden(_markdown("header", _header(name, scenarios, items))),
        _code("intro", f"{PLAYER_IMPORT}\n\nassessment_intro({name!r}, answers={ids})"),
    ]
    for i, s in enumerate(scenarios, 1):
        cells.append(_hidden(_markdown(f"title-{s.id}", f"## {i}. {s.title.en} / {s.title.es}")))
        cells.append(_code(f"play-{s.id}", player_source(s)))
        cells.append(_code(s.id, grading_source(s, course), grade=True, points=max_score(s)))
    cells.append(
        _hidden(
            _markdown(
                "reflections",
                "## Written answers / Respuestas escritas\n\n"
                + side_by_side(
                    "The trainee types each answer into the page; it is saved in answers.json as they type, and "
                    "the autograde copies it into the answer cell below each question. Mark it with the rubric.",
                    "Quien participa escribe cada respuesta en la página; se guarda en answers.json mientras "
                    "escribe, y la corrección automática la copia en la celda de respuesta debajo de cada pregunta. "
                    "Corrígela con la rúbrica.",
                ),
            )
        )
    )
    for n, item in enumerate(items, 1):
        cells.append(_hidden(_markdown(f"{item.id}-question", f"### {n}.\n\n" + side_by_side(item.en, item.es))))
        call = f"written_answer({item.id!r}, en={item.en!r}, es={item.es!r}, number={n}, total={len(items)})"
        cells.append(_code(f"{item.id}-write", call))
        cells.append(
            _hidden(_markdown(item.id, ANSWER_STUB, locked=False, grade=True, solution=True, points=item.points))
        )
    cells.append(_code("submit", f"submit_assessment({name!r}, answers={ids})"))
    nb = notebook(cells)
    nb.nbformat, nb.nbformat_minor = 4, 5
    return nb


def write_assignment(course: Course, assignment: str, folder: Path, name: str | None = None) -> Path:
    """Write `<name>.ipynb` and scenarios.json (public part only) into `folder`; return the notebook path."""
    name = name or assignment
    scenarios = course.assessment(assignment)
    nb = assessment_notebook(course, assignment, scenarios, name)
    nbformat.validate(nb)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.ipynb"
    path.write_text(text(nb), encoding="utf-8")
    write_public(scenarios, folder / PUBLIC_FILE)
    return path
