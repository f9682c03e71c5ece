"""The scenario player's widget view: renders the core's screen, forwards clicks, records decisions in the log."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import ipywidgets as widgets

from ..engine.decisions import Decision, append_decision, read_log
from ..engine.messages import t
from ..engine.model import Guideline
from ..engine.play import MODES, DoneStep, OpenStep, Outcome, PlayerCore, Screen
from ..engine.practice import Summary
from ..engine.scoring import Replay
from .feedback import feedback_html, summary_html
from .markup import close_tree, esc, html_widget, shown_text, walk
from .session import SESSION, current_language, language_switch, set_language, style

__all__ = ["MODES", "Player"]


class Player:
    """One scenario on screen: a thin shell around `PlayerCore` that draws its screen and keeps its log.

    practice: a choice shows its feedback at once and the path goes on; the end shows a summary and
    "Try again". assessment: a click selects, `confirm()` (the Confirm button) records it for good;
    no feedback or score. `log_path=None` keeps decisions in memory only (the kiosk);
    `show_language=False` hides the player's own English / Español switch (a course page has one
    for the whole page, so by default a player on a page shows none); `position=(n, m)` says
    "Scenario n of m" above the title.
    """

    def __init__(
        self,
        scenario,
        *,
        mode: str,
        guidelines: Iterable[Guideline] | dict | None = None,
        log_path: Path | str | None = None,
        lang: str | None = None,
        on_finish: Callable[[Player], None] | None = None,
        on_choice: Callable[[Player, str, str], None] | None = None,
        show_language: bool | None = None,
        position: tuple[int, int] | None = None,
        more_actions: Callable[[str], list[widgets.Button]] | None = None,
    ):
        if isinstance(guidelines, dict):
            guidelines = guidelines.values()
        self.guidelines: dict[str, Guideline] = {g.id: g for g in (guidelines or [])}
        self.log_path = Path(log_path) if log_path is not None else None
        log = read_log(self.log_path) if self.log_path is not None else None
        if lang is None and not SESSION.chosen and log is not None and log.decisions:
            set_language(log.decisions[-1].lang)  # a re-opened notebook starts in the trainee's language
        self.core = PlayerCore(scenario, mode, decisions=log.decisions if log else (), lang=lang or current_language())
        if log is not None and log.problem and self.log_path is not None and self.log_path.exists():
            self.core.log_problem = log.problem
        self.scenario = scenario
        self.mode = mode
        self.on_finish = on_finish
        self.on_choice = on_choice
        self.position = position
        self.more_actions = more_actions  # practice: more buttons beside "Try again" (a page's "Next scenario")
        self._buttons: list[widgets.Button] = []
        self._parts: list[widgets.Widget] = []
        self._reusable: dict[tuple, list[widgets.HTML]] = {}  # during a render: shown HTML widgets it may keep
        self._closed = False

        self._switch = language_switch()
        self._switch.value = self.lang
        self._body = widgets.VBox()
        self._body.add_class("pact-body")
        if show_language is None:
            show_language = not SESSION.page
        if not show_language:  # a page or an embedder with its own language buttons (the kiosk) hides this one
            self._switch.layout.display = "none"
        self.widget = widgets.VBox([style(), self._switch, self._body] if show_language else [style(), self._body])
        self.widget.add_class("pact-player")
        self.widget.add_class(f"pact-{mode}")
        self._render()
        SESSION.players.add(self)

    # --- driving it (the same paths as clicks) ---------------------------------------------

    def choose(self, option_id: str, confirm: bool = False) -> None:
        """Pick an option at the current step (practice: recorded at once; assessment: selected)."""
        self._apply(self.core.choose(option_id, confirm=confirm))

    def confirm(self) -> None:
        """Assessment: record the selected option; it is final from now on."""
        self._apply(self.core.confirm())

    def restart(self) -> None:
        """Practice: "Try again" starts a new attempt (the earlier ones stay in the log)."""
        self.core.restart()
        self._render()

    def set_language(self, lang: str) -> None:
        """Switch the language of this player and of the whole session."""
        set_language(lang)

    # --- read-outs ---------------------------------------------------------------------------

    @property
    def lang(self) -> str:
        return self.core.lang

    @property
    def attempt(self) -> int:
        return self.core.attempt

    @property
    def current_step(self) -> str | None:
        """The step waiting for a decision, or None at the end."""
        return self.core.current_step

    @property
    def finished(self) -> bool:
        return self.core.finished

    def replay(self) -> Replay:
        """Practice: the engine's replay of the current attempt."""
        return self.core.replay()

    def decisions(self) -> list[Decision]:
        """This scenario's decisions (every attempt), as logged."""
        return list(self.core.decisions)

    def option_buttons(self) -> list[widgets.Button]:
        """The option buttons now on screen."""
        return list(self._buttons)

    def action_buttons(self) -> list[widgets.Button]:
        """Other buttons now on screen (Confirm, Try again)."""
        return [w for w in walk(self._body) if isinstance(w, widgets.Button) and w not in self._buttons]

    def shown_text(self) -> str:
        """All the text now shown, tags removed (for tests and for reading without a browser)."""
        return shown_text(self.widget, skip=style())

    def close(self) -> None:
        """Close the player's widgets (a re-run cell replaces its player)."""
        self._closed = True
        SESSION.players.discard(self)
        SESSION.switches.discard(self._switch)
        for w in self._parts:
            w.close()
        self._switch.close()
        self._body.close()
        self.widget.close()

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    # --- the shell: record, then render -------------------------------------------------------

    def _apply(self, outcome: Outcome) -> None:
        decision = outcome.decision
        if decision is None:
            self._render()
            return
        if self.log_path is not None:
            try:
                written = append_decision(self.log_path, decision).decisions
            except Exception as exc:  # noqa: BLE001 - shown to the trainee; the choice can be made again
                self.core.record_failed(f"{type(exc).__name__}: {exc}")
                self._render()
                return
        else:
            written = [*self.core.decisions, decision]
        finished = self.core.recorded(written)
        self._render()
        SESSION.refresh_progress()
        if self.on_choice:
            self.on_choice(self, decision.step, decision.option)
        if finished and self.on_finish:
            self.on_finish(self)

    def _switch_to(self, lang: str) -> None:
        self.core.set_language(lang)
        if self._switch.value != lang:
            self._switch.value = lang
        self._render()

    # --- the view ----------------------------------------------------------------------------

    def _render(self) -> None:
        if self._closed:
            return
        screen = self.core.screen()
        lang = screen.lang
        s = self.scenario
        self._reusable = {}  # a tap changes the newest steps only: unchanged HTML (title, setting, steps) stays
        for w in (w for w in self._parts if isinstance(w, widgets.HTML)):
            self._reusable.setdefault((w.value, tuple(w._dom_classes)), []).append(w)
        eyebrow = ""
        if self.position:
            n, m = self.position
            eyebrow = f'<p class="pact-eyebrow">{esc(t("player.scenario_of", lang, n=n, total=m))}</p>'
        parts: list[widgets.Widget] = [
            self._html(f'{eyebrow}<h2 id="pact-scenario-{esc(s.id)}">{esc(s.title.get(lang))}</h2>', "pact-title"),
            self._html(f"<p>{esc(s.setting.get(lang))}</p>", "pact-setting"),
        ]
        if screen.mode == "practice" and screen.attempt > 1:
            parts.append(
                self._html(f"<p><em>{esc(t('player.attempt', lang, n=screen.attempt))}</em></p>", "pact-attempt")
            )
        if screen.mode == "assessment":
            parts.append(self._html(f"<p><em>{esc(t('player.final_note', lang))}</em></p>", "pact-final-note"))
        if screen.log_problem:
            notice = t("player.log_problem", lang, detail=screen.log_problem)
            parts.append(self._html(f"<p>{esc(notice)}</p>", "pact-notice"))
        parts.extend(self._done_step(done, screen) for done in screen.done)
        self._buttons = []
        if screen.open is not None:
            parts.append(self._open_step(screen.open, screen))
        elif screen.summary is not None:
            parts.extend(self._summary(screen, screen.summary))
        else:
            recorded = t("player.all_recorded", lang)
            parts.append(self._html(f'<p role="status"><strong>{esc(recorded)}</strong></p>', "pact-recorded"))
        if screen.note:
            role = "status" if screen.note.polite else "alert"
            note = t(screen.note.key, lang, **screen.note.values)
            parts.append(self._html(f'<p role="{role}">{esc(note)}</p>', "pact-note"))
        if screen.error:
            parts.append(self._error_widget(screen.error))
        old, self._parts = self._parts, parts
        self._body.children = parts
        self._reusable, kept = {}, {id(w) for w in parts}
        for w in (w for w in old if id(w) not in kept):
            close_tree(w)

    def _html(self, value: str, *classes: str) -> widgets.HTML:
        """An HTML widget of this screen: the one already shown with the same HTML and classes, else a new one."""
        return (self._reusable.get((value, classes)) or [html_widget(value, *classes)]).pop()

    def _error_widget(self, detail: str) -> widgets.HTML:
        return self._html(f'<p role="alert">{esc(t("player.error", self.lang, detail=detail))}</p>', "pact-error")

    def _done_step(self, done: DoneStep, screen: Screen) -> widgets.HTML:
        lang, option = screen.lang, done.option
        step = self.scenario.steps[done.step_id]
        lines = [
            f"<p><strong>{esc(t('player.step', lang, n=done.number))}:</strong> {esc(step.prompt.get(lang))}</p>",
            f"<p>{esc(t('player.your_choice', lang, text=option.text.get(lang)))}</p>",
        ]
        if screen.mode == "assessment":
            lines.append(f"<p><strong>✓ {esc(t('player.recorded', lang))}</strong></p>")
            return self._html(f'<div class="pact-done">{"".join(lines)}</div>', "pact-done")
        lines.append(feedback_html(option, lang, self.guidelines, done.judgement))
        role = ' role="alert"' if done.newest else ""
        return self._html(f'<div class="pact-feedback-text"{role}>{"".join(lines)}</div>', "pact-feedback")

    def _open_step(self, open_step: OpenStep, screen: Screen) -> widgets.VBox:
        lang = screen.lang
        step = self.scenario.steps[open_step.step_id]
        where = t(
            "player.step_of" if open_step.exact else "player.step_of_up_to",
            lang,
            n=open_step.number,
            total=open_step.total,
        )
        prompt = self._html(
            f"<p><strong>{esc(where)}:</strong> {esc(step.prompt.get(lang))}</p>"
            f"<p>{esc(t('player.choose_prompt', lang))}</p>",
            "pact-prompt",
        )
        children: list[widgets.Widget] = [prompt]
        for option in step.options:
            b = widgets.Button(description=option.text.get(lang), layout=widgets.Layout(width="100%", height="auto"))
            b.add_class("pact-option")
            b.add_class(f"pact-option-{option.id}")
            if screen.mode == "assessment" and option.id == open_step.pending:
                b.add_class("pact-selected")
            b.on_click(self._safe(lambda _b, oid=option.id: self.choose(oid)))
            self._buttons.append(b)
            children.append(b)
        if screen.mode == "assessment":
            confirm = widgets.Button(
                description=t("player.confirm", lang), layout=widgets.Layout(width="auto", height="auto")
            )
            confirm.add_class("pact-action")
            confirm.add_class("pact-confirm")
            confirm.on_click(self._safe(lambda _b: self.confirm()))
            children.append(confirm)
        box = widgets.VBox(children)
        box.add_class("pact-step")
        return box

    def _summary(self, screen: Screen, summary: Summary) -> list[widgets.Widget]:
        role = ' role="alert"' if screen.summary_is_new else ""
        text = summary_html(self.scenario, summary, screen.lang, self.guidelines)
        body = f'<div class="pact-summary-text"{role}>{text}</div>'
        again = widgets.Button(
            description=t("player.try_again", screen.lang), layout=widgets.Layout(width="auto", height="auto")
        )
        again.add_class("pact-action")
        again.add_class("pact-try-again")
        again.on_click(self._safe(lambda _b: self.restart()))
        next_title = self._html(f"<h3>{esc(t('player.what_next', screen.lang))}</h3>", "pact-next-title")
        more = self.more_actions(screen.lang) if self.more_actions else []
        actions = widgets.HBox([again, *more])
        actions.add_class("pact-actions")
        return [self._html(body, "pact-summary"), next_title, actions]

    def _safe(self, action: Callable) -> Callable:
        """Wrap a click handler: an error shows a plain message in the player instead of doing nothing."""

        def handler(button) -> None:
            try:
                action(button)
            except Exception as exc:  # noqa: BLE001 - shown to the trainee, never lost
                self.core.record_failed(f"{type(exc).__name__}: {exc}")
                try:
                    self._render()
                except Exception:  # noqa: BLE001 - the body itself cannot render: say so plainly
                    self._body.children = [self._error_widget(self.core.error or "")]

        return handler
