"""Practice without widgets: modules by theme, a trainee's progress, end summaries, recorded paths."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .decisions import Decision
from .messages import t
from .model import Course, Option, Scenario, Text
from .scoring import Replay, max_score, replay


def points_text(points: int, lang: str) -> str:
    return t("player.point" if abs(points) == 1 else "player.points", lang, points=points)


def attempts_text(n: int, lang: str) -> str:
    """Attempts counted in words: "1 attempt", "2 attempts", never "attempt(s)"."""
    return t("player.attempts_one" if n == 1 else "player.attempts_many", lang, n=n)


def done_text(done: int, total: int, lang: str) -> str:
    """Scenarios done, in words and in the right number: "2 of 6 scenarios done.", "0 of 1 scenario done."."""
    return t("player.progress_count_one" if total == 1 else "player.progress_count", lang, done=done, total=total)


JUDGEMENTS = ("best", "partial", "poor", "critical")


def judgement(step, option) -> str:
    """How a choice compares at its step, said in words beside any colour: best, partial, poor or critical."""
    if option.critical:
        return "critical"
    top = max(o.points for o in step.options)
    if option.points >= top and option.points > 0:
        return "best"
    return "partial" if option.points > 0 else "poor"


# --- practice modules by theme ----------------------------------------------------------------


@dataclass(frozen=True)
class Module:
    """A practice notebook: scenarios that share a theme."""

    id: str
    number: int
    title: Text
    intro: Text
    scenarios: tuple[str, ...]  # the order in the notebook; scenarios not in the bank are left out
    pulls: tuple[str, ...] = ()  # guideline ids that bring a new, unlisted scenario into this module

    @property
    def notebook(self) -> str:
        return f"{self.number}-{self.id}.ipynb"


MODULES: tuple[Module, ...] = (
    Module(
        "everyday",
        10,
        Text(en="Everyday situations on a call", es="Situaciones cotidianas en una llamada"),
        Text(
            en="Babies crying, parents arriving late, cameras off, noise, backgrounds and busy kitchens: the "
            "small moments of every group. Each choice is about keeping the group welcoming while it carries on.",
            es="Bebés que lloran, madres y padres que llegan tarde, cámaras apagadas, ruido, fondos y cocinas "
            "llenas de gente: los pequeños momentos de cualquier grupo. Cada elección busca que el grupo siga "
            "siendo acogedor sin dejar de avanzar.",
        ),
        ("crying-baby", "late-joiner", "camera-off-comment", "noisy-call", "background-help", "busy-kitchen-course"),
    ),
    Module(
        "behaviour",
        11,
        Text(en="Behaviour in the group", es="El comportamiento en el grupo"),
        Text(
            en="Cutting remarks, a parent who takes over, a screenshot of the group: how to protect a friendly "
            "space of respect, step in calmly, and keep removal as a last resort.",
            es="Comentarios hirientes, alguien que acapara la conversación, una captura de pantalla del grupo: "
            "cómo proteger un espacio amigable y de respeto, intervenir con calma y dejar como último recurso "
            "sacar a alguien de la llamada.",
        ),
        ("cutting-remarks", "dominating-parent", "screenshot-group"),
        pulls=("behaviour",),
    ),
    Module(
        "safeguarding",
        12,
        Text(en="Safeguarding and confidentiality", es="Salvaguarda y confidencialidad"),
        Text(
            en="What is shared in the group stays in the group, except when you are worried about a parent's or a "
            "child's welfare or safety: then it goes to the PACT Safeguarding Lead or Deputy. Never promise to "
            "keep a secret.",
            es="Lo que se comparte en el grupo se queda en el grupo, salvo cuando te preocupa el bienestar o la "
            "seguridad de una madre, un padre o un niño: entonces se lo comunicas a la persona Responsable de "
            "Salvaguarda de PACT o su suplente. Nunca prometas guardar un secreto.",
        ),
        ("promise-not-to-tell", "parent-not-coping"),
        pulls=("safeguarding",),
    ),
    Module(
        "parent-voice",
        13,
        Text(en="Parents' voice", es="La voz de las familias"),
        Text(
            en="Parents are at the heart of everything PACT does. When a parent tells you what would make the "
            "groups work better, how do you listen, and what do you do with it?",
            es="Las familias están en el centro de todo lo que hace PACT. Cuando una madre o un padre te dice qué "
            "haría que los grupos funcionaran mejor, ¿cómo escuchas y qué haces con lo que te cuenta?",
        ),
        ("session-time-complaint",),
        pulls=("parent-voice",),
    ),
)


def module(module_id: str) -> Module:
    for m in MODULES:
        if m.id == module_id:
            return m
    raise KeyError(module_id)


def theme_of(scenario: Scenario) -> Module:
    """The module a practice scenario belongs to: listed by id, else by the guidelines its best choices uphold."""
    for m in MODULES:
        if scenario.id in m.scenarios:
            return m
    from .scoring import best_path

    upheld = {g for t in best_path(scenario) for g in t.option.upholds}
    for wanted in ("safeguarding", "behaviour", "parent-voice"):
        for m in MODULES:
            if wanted in m.pulls and wanted in upheld:
                return m
    return MODULES[0]


def modules(course: Course) -> list[tuple[Module, list[Scenario]]]:
    """Every module with the bank's practice scenarios in it (each scenario in exactly one module)."""
    grouped: dict[str, list[Scenario]] = {m.id: [] for m in MODULES}
    practice = course.practice()
    for m in MODULES:
        for sid in m.scenarios:
            s = course.scenarios.get(sid)
            if s is not None and s.use == "practice":
                grouped[m.id].append(s)
    for s in practice:
        if not any(s.id in m.scenarios for m in MODULES):
            grouped[theme_of(s).id].append(s)
    return [(m, grouped[m.id]) for m in MODULES]


# --- where a trainee is -----------------------------------------------------------------------


def attempts(scenario_id: str, decisions: Iterable[Decision]) -> list[int]:
    """The attempt numbers logged for a scenario, in increasing order."""
    return sorted({d.attempt for d in decisions if d.scenario == scenario_id})


def latest_attempt(scenario_id: str, decisions: Iterable[Decision]) -> int:
    found = attempts(scenario_id, decisions)
    return found[-1] if found else 1


@dataclass
class Progress:
    """How far a trainee got in one practice scenario."""

    scenario_id: str
    maximum: int
    status: str = "not-started"  # or "in-progress", "done"
    best: int | None = None  # best score over finished attempts
    attempts: int = 0


def progress(scenario: Scenario, decisions: list[Decision]) -> Progress:
    """Done (some attempt reached an end), best score over finished attempts, from the log via the engine."""
    result = Progress(scenario.id, max_score(scenario))
    numbers = attempts(scenario.id, decisions)
    result.attempts = len(numbers)
    for n in numbers:
        r = replay(scenario, decisions, attempt=n)
        if r.finished and r.taken:
            result.best = r.score if result.best is None else max(result.best, r.score)
    if result.best is not None:
        result.status = "done"
    elif numbers:
        result.status = "in-progress"
    return result


@dataclass
class Summary:
    """What the end of a practice attempt shows."""

    score: int
    maximum: int
    path: list[tuple[str, Option]]  # (step id, option chosen)
    went_well: list[str]  # guideline ids upheld
    revisit: list[str]  # guideline ids breached
    critical: list[tuple[str, Option]]
    better: list[tuple[str, Option]] = field(default_factory=list)  # (step id, a better option there)


def summary(scenario: Scenario, result: Replay) -> Summary:
    """The summary of a replayed attempt: score, path, guidelines upheld and breached, better options."""
    better = []
    for taken in result.taken:
        step = scenario.steps[taken.step_id]
        top = max(step.options, key=lambda o: o.points)
        if top.points > taken.option.points:
            better.append((taken.step_id, top))
    return Summary(
        score=result.score,
        maximum=result.maximum,
        path=[(t.step_id, t.option) for t in result.taken],
        went_well=[g for g in result.upholds if g not in result.breaches],
        revisit=result.breaches,
        critical=[(t.step_id, t.option) for t in result.critical],
        better=better,
    )
