"""The notebook entry points, one short call per cell: the course's pages, practice, assessment and its parts."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from ..engine import practice as model
from ..engine.content import ContentError, load_course
from ..engine.decisions import LOG_NAME
from ..engine.messages import t
from ..engine.model import Guideline

if TYPE_CHECKING:
    import ipywidgets as widgets

    from .view import Player

GRADING = ("autograde", "validate")  # nbgrader sets NBGRADER_EXECUTION while it runs a notebook


def grading() -> bool:
    """True while nbgrader runs the notebook: players show nothing then (grading replays the log)."""
    return os.environ.get("NBGRADER_EXECUTION") in GRADING


def message(key: str, **values) -> widgets.HTML:
    """A plain message in the session's language (e.g. a scenario that cannot start)."""
    from .markup import esc, html_widget
    from .session import current_language

    text = esc(t(key, current_language(), **values))
    return html_widget(f'<div class="pact-player"><p role="alert">{text}</p></div>', "pact-error")


def _course():
    from .session import SESSION

    if "course" not in SESSION.cache:
        SESSION.cache["course"] = load_course()
    return SESSION.cache["course"]


def _content_problem(exc) -> widgets.HTML:
    from .markup import esc, html_widget
    from .session import current_language

    lang = current_language()
    items = "".join(f"<li>{esc(str(p))}</li>" for p in getattr(exc, "problems", [exc]))
    return html_widget(
        f'<div role="alert"><p>{esc(t("player.content_problem", lang))}</p><ul>{items}</ul></div>', "pact-error"
    )


def _replace(key: tuple[str, str], player: Player) -> Player:
    from .session import SESSION

    old = SESSION.by_cell.get(key)
    if old is not None and old is not player:
        old.close()
    SESSION.by_cell[key] = player
    return player


def practice(scenario_id: str, log_path: Path | str = LOG_NAME):
    """Play a practice scenario from the course content; decisions go to decisions.json in the cwd.

    Re-running resumes where the trainee was (the log is replayed by the engine).
    """
    from .view import Player

    try:
        course = _course()
    except (ContentError, LookupError) as exc:
        return _content_problem(exc)
    scenario = course.scenarios.get(scenario_id)
    if scenario is None or scenario.use != "practice":
        return message("player.no_scenario", id=scenario_id)
    player = Player(scenario, mode="practice", guidelines=course.guidelines, log_path=Path(log_path).absolute())
    return _replace(("practice", scenario_id), player)


def _public_guidelines() -> list[Guideline]:
    """The guidelines (public text) from the course content if it can be read, else none."""
    from .session import SESSION

    if "guidelines" not in SESSION.cache:
        try:
            from ..engine.content import GUIDELINES_FILE, course_root, load_guidelines

            problems: list = []
            found = load_guidelines(course_root() / "content" / GUIDELINES_FILE, problems)
            SESSION.cache["guidelines"] = [] if problems else found
        except Exception:  # noqa: BLE001 - guideline titles are optional in an assessment
            SESSION.cache["guidelines"] = []
    return SESSION.cache["guidelines"]


def assessment(scenario_id: str, public_path: Path | str = "scenarios.json", log_path: Path | str = LOG_NAME):
    """Take an assessment scenario from scenarios.json (no key): confirmed choices are final, no feedback."""
    if grading():
        return None
    from ..engine.public import read_public
    from .view import Player

    try:
        scenarios = read_public(public_path)
    except ValueError as exc:
        return message("player.cannot_start", detail=str(exc))
    scenario = scenarios.get(scenario_id)
    if scenario is None:
        return message("player.no_assessment", id=scenario_id)
    from .session import SESSION

    order = list(scenarios)
    player = Player(
        scenario,
        mode="assessment",
        guidelines=_public_guidelines(),
        log_path=Path(log_path).absolute(),
        position=(order.index(scenario_id) + 1, len(order)) if SESSION.page else None,
    )
    return _replace(("assessment", scenario_id), player)


def assessment_intro(assignment: str, answers: tuple[str, ...] = ()):
    """The top of an assessment page: its language switch, how it works, progress, and feedback once ready."""
    if grading():
        return None
    from .assessment_page import AssessmentIntro

    return AssessmentIntro(assignment, list(answers))


def written_answer(item: str, en: str, es: str, number: int = 1, total: int = 1):
    """A written answer: the question, and a box whose text is saved to answers.json as the trainee types."""
    if grading():
        return None
    from ..engine.answers import ANSWERS_NAME
    from ..engine.model import Text
    from .written import WrittenAnswer

    return WrittenAnswer(item, Text(en=en, es=es), Path(ANSWERS_NAME).absolute(), number, total)


def submit_assessment(assignment: str, answers: tuple[str, ...] = ()):
    """The end of an assessment page: what is left, and Submit (asking first if anything is left)."""
    if grading():
        return None
    from .submission import SubmitPanel

    return SubmitPanel(assignment, list(answers))


def home():
    """The course's home page: what it is, how it works, the course map with progress, and the assessments."""
    from .home import Home

    try:
        course = _course()
    except (ContentError, LookupError) as exc:
        return _content_problem(exc)
    return Home(course)


def guidelines():
    """The ten guidelines page: what each asks of the facilitator, and where it is practised."""
    from .home import GuidelinesPage

    try:
        course = _course()
    except (ContentError, LookupError) as exc:
        return _content_problem(exc)
    return GuidelinesPage(course)


def module(module_id: str, log_path: Path | str = LOG_NAME):
    """A practice module's page: progress, and one scenario at a time, opened where the trainee left off."""
    from .module_page import ModulePage

    try:
        course = _course()
    except (ContentError, LookupError) as exc:
        return _content_problem(exc)
    for m, scenarios in model.modules(course):
        if m.id == module_id:
            return ModulePage(m, scenarios, course.guidelines, Path(log_path).absolute())
    return message("player.no_module", id=module_id)


def module_progress(module_id: str, log_path: Path | str = LOG_NAME):
    """The progress read-out of a practice module; it updates as the trainee plays."""
    from .progress import ModuleProgress
    from .session import SESSION

    try:
        course = _course()
    except (ContentError, LookupError) as exc:
        return _content_problem(exc)
    for m, scenarios in model.modules(course):
        if m.id == module_id:
            view = ModuleProgress(m, scenarios, Path(log_path).absolute())
            SESSION.progress_by_module[module_id] = view
            return view
    return message("player.no_module", id=module_id)
