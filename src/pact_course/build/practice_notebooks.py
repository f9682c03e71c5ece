"""Writes the ungraded notebooks (welcome, guidelines, practice modules) from the course content."""

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

# What each guideline asks of the facilitator (the guideline itself speaks to parents).
ASKS: dict[str, tuple[str, str]] = {
    "come-and-go": (
        "Welcome people whenever they arrive and let them leave without explanation or fuss. Never make a "
        "late arrival or an early exit feel like a problem.",
        "Recibe a cada persona cuando llegue y deja que se vaya sin pedir explicaciones ni darle importancia. "
        "Nunca hagas que llegar tarde o irse antes parezca un problema.",
    ),
    "respect": (
        "Set a warm tone, model respect, and make room for parents to support one another. Step in when a "
        "remark could hurt someone.",
        "Crea un ambiente cálido, da ejemplo de respeto y deja espacio para que las familias se apoyen entre "
        "sí. Intervén cuando un comentario pueda hacer daño.",
    ),
    "children-welcome": (
        "Treat babies' and children's noise and distraction as a normal part of the group, and say so, "
        "especially to a parent who feels embarrassed.",
        "Trata el ruido y las distracciones de bebés y niños como algo normal del grupo, y dilo en voz alta, "
        "sobre todo a quien se sienta avergonzado/a.",
    ),
    "background": (
        "Respect a parent's choice about what others see of their home; offer, privately, to show how to "
        "change the background, and never comment on someone's home.",
        "Respeta lo que cada madre o padre decide mostrar de su casa; ofrécete, en privado, a enseñarle a "
        "cambiar el fondo, y nunca comentes cómo es la casa de nadie.",
    ),
    "video": (
        "Accept video off without asking why; gently invite cameras on because seeing each other helps, "
        "never insist or single anyone out.",
        "Acepta que alguien apague el video sin preguntar por qué; invita con suavidad a encender la cámara "
        "porque vernos ayuda, sin insistir ni señalar a nadie.",
    ),
    "mute": (
        "Suggest mute kindly when noise makes it hard to hear; explain how, and avoid muting people without a word.",
        "Sugiere con amabilidad silenciar el micrófono cuando el ruido no deja oír; explica cómo hacerlo y "
        "evita silenciar a nadie sin decir nada.",
    ),
    "quiet-space": (
        "Before and during a workshop or course, remind parents that a quiet space without other adults "
        "helps everyone feel safe to share; respond with care when that is not possible.",
        "Antes y durante un taller o curso, recuerda que un espacio tranquilo y sin otras personas adultas "
        "ayuda a que todo el mundo se sienta seguro para compartir; responde con cuidado cuando no sea posible.",
    ),
    "behaviour": (
        "Deal with inappropriate or disrespectful behaviour yourself, calmly and early: a word in the group, "
        "then in private. Removing a parent is a last resort.",
        "Ocúpate tú del comportamiento inapropiado o irrespetuoso, con calma y a tiempo: primero una palabra en "
        "el grupo, después en privado. Sacar a alguien de la llamada es el último recurso.",
    ),
    "safeguarding": (
        "Keep what is shared confidential, but never promise secrecy: a concern about a parent's or child's "
        "welfare or safety goes to the PACT Safeguarding Lead or Deputy as soon as the call ends.",
        "Guarda la confidencialidad de lo que se comparte, pero nunca prometas guardar un secreto: una "
        "preocupación por el bienestar o la seguridad de una madre, un padre o un niño va a la persona Responsable de "
        "Salvaguarda de PACT o su suplente, en cuanto termine la llamada.",
    ),
    "parent-voice": (
        "Ask parents what would make the groups better, listen, thank them, and pass their ideas on so they "
        "see something happen.",
        "Pregunta a las familias qué mejoraría los grupos, escucha, da las gracias y transmite sus ideas para "
        "que vean que algo cambia.",
    ),
}


def _md(cell_id: str, source: str):
    return markdown(cell_id, source.strip() + "\n")


def _code(cell_id: str, source: str):
    return code(cell_id, source.strip())


HOW_TO_RUN = """
**How to use this notebook.** You never write code. Open the **Run** menu and choose **Run All Cells**
(or click in the first grey cell and press **Shift + Enter** for each cell). Then scroll down: each
scenario shows buttons; click the one you would choose. The player's **English / Español** switch changes
its language at any point.

**Cómo usar este cuaderno.** No tienes que escribir código. Abre el menú **Run** y elige **Run All Cells**
(o haz clic en la primera celda gris y presiona **Mayús + Intro** en cada celda). Luego baja: cada escenario
muestra botones; haz clic en el que tú elegirías. El selector **English / Español** del reproductor cambia el
idioma en cualquier momento.
"""


def welcome(course: Course) -> nbformat.NotebookNode:
    grouped = modules(course)
    course_map_en = "\n".join(f"{i + 2}. [{m.title.en}]({m.notebook})" for i, (m, _) in enumerate(grouped))
    course_map_es = "\n".join(f"{i + 2}. [{m.title.es}]({m.notebook})" for i, (m, _) in enumerate(grouped))
    cells = [
        _md(
            "welcome-title",
            """
# Welcome to the PACT Zoom Group Facilitator Course
# Te damos la bienvenida al curso para facilitar grupos de Zoom de PACT

PACT runs Zoom groups for parents and their babies and children. Ten guidelines keep those groups
welcoming, safe and supportive. In this course you meet realistic moments from a call (a baby crying, a
parent arriving late, a worrying disclosure), decide what you would do, and see how each decision
upholds or goes against the guidelines.

PACT organiza grupos de Zoom para madres, padres y sus bebés y niños. Diez normas hacen que esos grupos
sean acogedores, seguros y de apoyo. En este curso vas a vivir momentos reales de una llamada (un bebé que
llora, alguien que llega tarde, una confidencia preocupante), decidir qué harías y ver cómo cada decisión
respeta las normas o va en contra de ellas.
""",
        ),
        _md("welcome-how", HOW_TO_RUN),
        _md(
            "welcome-language",
            """
## Language / Idioma

Choose your language here. Every player in this session follows it, including feedback you have
already seen; you can switch again at any point. The written text in the notebooks is in both languages.

Elige aquí tu idioma. Todos los reproductores de esta sesión lo siguen, también los comentarios que ya
has visto; puedes volver a cambiarlo cuando quieras. El texto escrito de los cuadernos está en los dos idiomas.
""",
        ),
        _code("welcome-switch", "from pact_course.player import language_switch\n\nlanguage_switch()"),
        _md(
            "welcome-map",
            f"""
## The course map

1. [The ten guidelines]({GUIDELINES}) — what each one asks of you, and where you practise it
{course_map_en}

Then the graded assessments, which your trainer releases: open the **Assignments** panel (menu
**Nbgrader → Assignment List**), fetch the assessment, and open its notebook.

## El mapa del curso

1. [Las diez normas]({GUIDELINES}): qué te pide cada una y dónde la practicas
{course_map_es}

Después vienen las evaluaciones con nota, que publica tu formador/a: abre el panel **Assignments**
(menú **Nbgrader → Assignment List**), descarga la evaluación (**Fetch**) y abre su cuaderno.
""",
        ),
        _md(
            "welcome-assessment",
            """
## How practice, assessment and feedback work

- **Practice** is for learning: after each choice you see feedback at once, the guidelines it upholds or
  goes against, and points. At the end you get a summary and can **Try again** as often as you like.
  Your choices are saved in `decisions.json` in this folder, so you can close the notebook and carry on later.
- **Assessment** is graded: each choice is final once you press **Confirm**, and you see "Answer recorded"
  but no feedback or score. There are also a few short written answers.
- **Feedback**: after your trainer grades the assessment, you receive feedback explaining each of your
  choices and the guidelines involved. You pass with at least 80% of the points and no critical error
  (a choice that could put a parent or child at risk).

## Cómo funcionan la práctica, la evaluación y los comentarios

- **La práctica** sirve para aprender: después de cada elección ves enseguida los comentarios, las normas
  que respeta o contra las que va, y los puntos. Al final tienes un resumen y puedes presionar
  **Intentar de nuevo** tantas veces como quieras. Tus elecciones se guardan en `decisions.json` en esta
  carpeta, así que puedes cerrar el cuaderno y seguir más tarde.
- **La evaluación** tiene nota: cada elección es definitiva cuando presionas **Confirmar**, y verás
  "Respuesta registrada", pero no comentarios ni puntuación. También hay algunas respuestas escritas breves.
- **Los comentarios**: cuando tu formador/a corrija la evaluación, recibirás comentarios que explican cada
  una de tus elecciones y las normas en juego. Apruebas con al menos el 80 % de los puntos y sin ningún
  error grave (una elección que podría poner en riesgo a una madre, un padre o un niño).
""",
        ),
    ]
    return notebook(cells)


def exercised_by(course: Course, guideline_id: str) -> list[Scenario]:
    """The practice scenarios whose options uphold or breach a guideline."""
    return [s for s in course.practice() if coverage_cell(s, guideline_id)]


def guidelines_notebook(course: Course) -> nbformat.NotebookNode:
    where = {s.id: m for m, ss in modules(course) for s in ss}
    cells = [
        _md(
            "guidelines-title",
            """
# The ten guidelines / Las diez normas

These are PACT's guidelines for its Zoom groups, in the words parents see, in English and Spanish side by
side. Under each one: what it asks of you as the facilitator, and the practice scenarios that exercise it.

Estas son las normas de PACT para sus grupos de Zoom, con las palabras que ven las familias, en inglés y en
español, una al lado de la otra. Debajo de cada una: qué te pide como facilitador/a y los escenarios de
práctica que la trabajan.
""",
        )
    ]
    for g in course.guidelines:
        ask_en, ask_es = ASKS.get(g.id, ("", ""))
        scenarios = exercised_by(course, g.id)
        if scenarios:
            practised = "\n".join(f"- [{s.title.en} / {s.title.es}]({where[s.id].notebook})" for s in scenarios)
        else:
            practised = "- (no practice scenario yet / todavía no hay ningún escenario de práctica)"
        cells.append(
            _md(
                f"guideline-{g.id}",
                f"""
## {g.number}. {g.title.en} / {g.title.es}

| English | Español |
|---|---|
| {g.text.en} | {g.text.es} |
| **What it asks of you:** {ask_en} | **Qué te pide:** {ask_es} |

Practised in / Se practica en:

{practised}
""",
            )
        )
    return notebook(cells)


def module_notebook(course: Course, module_id: str) -> nbformat.NotebookNode:
    m, scenarios = next((m, ss) for m, ss in modules(course) if m.id == module_id)
    cells = [
        _md(
            f"{m.id}-title",
            f"""
# {m.title.en} / {m.title.es}

{m.intro.en}

{m.intro.es}
""",
        ),
        _md(f"{m.id}-how", HOW_TO_RUN),
        _code(
            f"{m.id}-progress",
            f'from pact_course.player import module_progress, practice\n\nmodule_progress("{m.id}")',
        ),
    ]
    for n, s in enumerate(scenarios, start=1):
        cells.append(_md(f"{m.id}-{s.id}-title", f"## {n}. {s.title.en} / {s.title.es}"))
        cells.append(_code(f"{m.id}-{s.id}", f'practice("{s.id}")'))
    cells.append(
        _md(
            f"{m.id}-end",
            f"""
When you have finished, go back to the [course map]({WELCOME}) or read [the ten guidelines]({GUIDELINES}) again.

Cuando termines, vuelve al [mapa del curso]({WELCOME}) o repasa [las diez normas]({GUIDELINES}).
""",
        )
    )
    return notebook(cells)


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
