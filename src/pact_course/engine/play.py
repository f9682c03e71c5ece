"""The player's core in plain Python: what a click does and what shows next (no widgets, no files)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import practice
from .completion import path_lengths
from .decisions import Decision
from .model import Scenario
from .scoring import Replay, replay, walk

MODES = ("practice", "assessment")
LANGUAGES = ("en", "es")


@dataclass(frozen=True)
class Note:
    """A status line for the trainee: a message key and its values; `polite` ones are status, others alerts."""

    key: str
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def polite(self) -> bool:
        return self.key in ("player.selected", "player.recorded")


@dataclass(frozen=True)
class Outcome:
    """What a click led to: a decision for the shell to record (or None), and whether the scenario is over."""

    decision: Decision | None = None
    finished: bool = False


@dataclass(frozen=True)
class DoneStep:
    """A step already decided: its number on the path, the step id, the option taken, whether it is newest, and
    (practice) how good the choice was, in words: best, partial, poor or critical."""

    number: int
    step_id: str
    option: Any
    newest: bool
    judgement: str | None = None


@dataclass(frozen=True)
class OpenStep:
    """The step waiting for a decision (number `number` of `total`, or of up to `total` when paths differ in
    length), and the option selected but not yet confirmed (assessment)."""

    number: int
    step_id: str
    pending: str | None
    total: int = 0  # the most steps a path through this scenario has
    exact: bool = True  # every path has `total` steps (else "step n of up to total")


@dataclass(frozen=True)
class Screen:
    """Everything the view shows, as data: the view renders it and nothing else."""

    mode: str
    lang: str
    attempt: int
    done: tuple[DoneStep, ...]
    open: OpenStep | None
    summary: practice.Summary | None  # practice, at the end
    summary_is_new: bool
    note: Note | None
    error: str | None
    log_problem: str | None


class PlayerCore:
    """One scenario being played: practice (feedback at once, "Try again") or assessment (final choices).

    The shell (a widget view, the kiosk, a test) calls `choose`, `confirm`, `restart`; when an
    outcome carries a decision, the shell records it where it belongs and calls `recorded` with the
    log as written (or `record_failed`), then renders `screen()`.
    """

    def __init__(self, scenario, mode: str, *, decisions=(), lang: str = "en"):
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
        if mode == "practice" and not isinstance(scenario, Scenario):
            raise TypeError("practice mode needs the full scenario (with its feedback)")
        self.scenario = scenario
        self.mode = mode
        self.lang = lang if lang in LANGUAGES else "en"
        self.decisions: list[Decision] = []
        self.attempt = 1
        self.pending: str | None = None
        self.note: Note | None = None
        self.error: str | None = None
        self.log_problem: str | None = None
        self._fresh: str | None = None  # "step" (newest feedback) or "summary": announced to screen readers
        self.sync(decisions)
        if mode == "practice":
            self.attempt = practice.latest_attempt(scenario.id, self.decisions)

    # --- events ---------------------------------------------------------------------------------

    def choose(self, option_id: str, confirm: bool = False) -> Outcome:
        """Pick an option at the open step: practice records it at once; assessment selects it."""
        self.error = None
        self.note = None
        step_id = self.current_step
        if step_id is None:
            self.note = Note("player.finished_already" if self.mode == "practice" else "player.already_final")
            return Outcome(finished=True)
        option = self.scenario.steps[step_id].option(option_id)
        if option is None:
            self.note = Note("player.no_such_option", {"option": option_id})
            return Outcome()
        if self.mode == "assessment":
            self.pending = option_id
            if confirm:
                return self.confirm()
            self.note = Note("player.selected", {"text": option.text.get(self.lang)})
            return Outcome()
        return Outcome(Decision(self.scenario.id, step_id, option_id, attempt=self.attempt, lang=self.lang))

    def confirm(self) -> Outcome:
        """Assessment: the selected option becomes a decision to record; it is final from then on."""
        self.error = None
        if self.mode != "assessment":
            return Outcome()
        step_id = self.current_step
        if step_id is None:
            self.note = Note("player.already_final")
            return Outcome(finished=True)
        if self.pending is None:
            self.note = Note("player.nothing_selected")
            return Outcome()
        return Outcome(Decision(self.scenario.id, step_id, self.pending, attempt=1, lang=self.lang))

    def recorded(self, decisions) -> bool:
        """The shell wrote the decision: take the log as written (every scenario's); True when the scenario is over."""
        self.pending = None
        self.log_problem = None
        self.error = None
        self.sync(decisions)
        self._fresh = "summary" if self.finished else "step"
        self.note = Note("player.recorded") if self.mode == "assessment" else None
        return self.finished

    def record_failed(self, detail: str) -> None:
        """Writing the decision failed: say so plainly; the selection stays so nothing is lost."""
        self.error = detail

    def restart(self) -> None:
        """Practice: "Try again" starts a new attempt (earlier attempts stay in the log)."""
        if self.mode != "practice":
            return
        self.error = None
        self.note = None
        self._fresh = None
        if practice.attempts(self.scenario.id, self.decisions):
            self.attempt = max(self.attempt, practice.latest_attempt(self.scenario.id, self.decisions)) + 1

    def set_language(self, lang: str) -> None:
        """Show everything in `lang`; a pending selection's note follows."""
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r} (en or es)")
        self.lang = lang
        if self.note and self.note.key == "player.selected" and self.pending and self.current_step:
            option = self.scenario.steps[self.current_step].option(self.pending)
            self.note = Note("player.selected", {"text": option.text.get(lang)})

    def sync(self, decisions, problem: str | None = None) -> None:
        """Take this scenario's decisions from a log (re-read, or as written)."""
        self.decisions = [d for d in decisions if d.scenario == self.scenario.id]
        if problem is not None:
            self.log_problem = problem

    # --- read-outs ------------------------------------------------------------------------------

    def path(self) -> tuple[list, str | None]:
        """The steps taken in this attempt (step id, option) and the step waiting, or None at the end."""
        return walk(self.scenario, self.decisions, attempt=self.attempt)

    @property
    def current_step(self) -> str | None:
        return self.path()[1]

    @property
    def finished(self) -> bool:
        return self.current_step is None

    def replay(self) -> Replay:
        """The engine's replay of the current attempt."""
        return replay(self.scenario, self.decisions, attempt=self.attempt)

    def screen(self) -> Screen:
        """What to show now."""
        taken, waiting = self.path()
        done = tuple(
            DoneStep(
                n,
                step_id,
                option,
                newest=(n == len(taken) and self._fresh == "step"),
                judgement=practice.judgement(self.scenario.steps[step_id], option) if self.mode == "practice" else None,
            )
            for n, (step_id, option) in enumerate(taken, start=1)
        )
        open_step = None
        if waiting is not None:
            shortest, longest = path_lengths(self.scenario)
            total = max(longest, len(taken) + 1)
            open_step = OpenStep(len(taken) + 1, waiting, self.pending, total, exact=shortest == longest)
        summary = None
        if waiting is None and self.mode == "practice":
            summary = practice.summary(self.scenario, self.replay())
        return Screen(
            mode=self.mode,
            lang=self.lang,
            attempt=self.attempt,
            done=done,
            open=open_step,
            summary=summary,
            summary_is_new=self._fresh == "summary",
            note=self.note,
            error=self.error,
            log_problem=self.log_problem,
        )
