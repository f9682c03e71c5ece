"""The scenario player (ipywidgets): practice with instant feedback, assessment with final choices."""

from __future__ import annotations

import html
import weakref
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable

import ipywidgets as widgets

from ..engine import practice as model
from ..engine.decisions import LOG_NAME, Decision, append_decision, read_log
from ..engine.messages import t
from ..engine.model import Guideline, Scenario
from ..engine.scoring import Replay, replay, walk

MODES = ("practice", "assessment")
_state = {"lang": "en", "chosen": False}  # chosen: set by a switch or taken from the log
_players: "weakref.WeakSet[Player]" = weakref.WeakSet()
_switches: "weakref.WeakSet[widgets.RadioButtons]" = weakref.WeakSet()
_progress_views: "weakref.WeakSet[ModuleProgress]" = weakref.WeakSet()
_by_cell: dict[tuple[str, str], "Player"] = {}
_progress_by_module: dict[str, "ModuleProgress"] = {}
_cache: dict[str, object] = {}
_style: list[widgets.HTML] = []


def current_language() -> str:
    """The language every new player starts in (shared for the kernel session)."""
    return _state["lang"]


def set_language(lang: str) -> None:
    """Switch the whole session: every player, language switch and progress read-out re-renders."""
    if lang not in ("en", "es"):
        raise ValueError(f"unknown language {lang!r} (en or es)")
    _state["lang"] = lang
    _state["chosen"] = True
    for switch in list(_switches):
        if switch.value != lang:
            switch.value = lang
    for player in list(_players):
        player._switch_to(lang)
    for view in list(_progress_views):
        view.render()


def style() -> widgets.HTML:
    """The course CSS as one shared HTML widget (wrapping option buttons, a visible focus outline)."""
    if not _style:
        css = resources.files("pact_course.player").joinpath("player.css").read_text(encoding="utf-8")
        w = widgets.HTML(f"<style>{css}</style>", layout=widgets.Layout(display="none"))
        w.add_class("pact-style")
        _style.append(w)
    return _style[0]


def language_switch() -> widgets.RadioButtons:
    """English / Español radio buttons bound to the session's language."""
    switch = widgets.RadioButtons(
        options=[("English", "en"), ("Español", "es")],
        value=current_language(),
        description=t("player.language", current_language()),
        style={"description_width": "initial"},
    )
    switch.add_class("pact-language")

    def changed(change) -> None:
        if change["new"] != current_language():
            set_language(change["new"])
        switch.description = t("player.language", change["new"])

    switch.observe(changed, names="value")
    _switches.add(switch)
    return switch


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _html(value: str, *classes: str) -> widgets.HTML:
    w = widgets.HTML(value)
    for c in classes:
        w.add_class(c)
    return w


class Player:
    """One scenario on screen: shows, forwards clicks to the engine and the log, and re-renders.

    practice: a choice shows its feedback at once and the path goes on; the end shows a summary and
    "Try again". assessment: a click selects, `confirm()` (the Confirm button) records it for good;
    no feedback or score. `log_path=None` keeps decisions in memory only (the kiosk);
    `show_language=False` hides the player's own English / Español switch.
    """

    def __init__(
        self,
        scenario,
        *,
        mode: str,
        guidelines: Iterable[Guideline] | dict | None = None,
        log_path: Path | str | None = None,
        lang: str | None = None,
        on_finish: Callable[["Player"], None] | None = None,
        on_choice: Callable[["Player", str, str], None] | None = None,
        show_language: bool = True,
    ):
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
        if mode == "practice" and not isinstance(scenario, Scenario):
            raise TypeError("practice mode needs the full scenario (with its feedback)")
        self.scenario = scenario
        self.mode = mode
        if isinstance(guidelines, dict):
            guidelines = guidelines.values()
        self.guidelines: dict[str, Guideline] = {g.id: g for g in (guidelines or [])}
        self.log_path = Path(log_path) if log_path is not None else None
        if lang is None and not _state["chosen"] and self.log_path is not None:
            logged = read_log(self.log_path).decisions
            if logged:  # a re-opened notebook starts in the language the trainee was using
                set_language(logged[-1].lang)
        self.lang = lang or current_language()
        self.on_finish = on_finish
        self.on_choice = on_choice
        self.attempt = 1
        self._decisions: list[Decision] = []
        self._log_problem: str | None = None
        self._pending: str | None = None  # assessment: the option selected but not yet confirmed
        self._fresh: str | None = None  # "step" (newest feedback) or "summary": gets role="alert"
        self._note: tuple[str, dict] | None = None  # a status message key and its values
        self._error: str | None = None
        self._buttons: list[widgets.Button] = []
        self._parts: list[widgets.Widget] = []
        self._closed = False

        self._switch = language_switch()
        self._switch.value = self.lang
        self._body = widgets.VBox()
        self._body.add_class("pact-body")
        if not show_language:  # an embedder with its own language buttons (the kiosk) hides this one
            self._switch.layout.display = "none"
        self.widget = widgets.VBox([style(), self._switch, self._body])
        self.widget.add_class("pact-player")
        self.widget.add_class(f"pact-{mode}")
        self._load()
        self._render()
        _players.add(self)

    # --- driving it (the same paths as clicks) ---------------------------------------------

    def choose(self, option_id: str, confirm: bool = False) -> None:
        """Pick an option at the current step (practice: recorded at once; assessment: selected)."""
        self._error = None
        self._note = None
        step_id = self.current_step
        if step_id is None:
            self._note = ("player.finished_already" if self.mode == "practice" else "player.already_final", {})
            self._render()
            return
        option = self.scenario.steps[step_id].option(option_id)
        if option is None:
            self._note = ("player.no_such_option", {"option": option_id})
            self._render()
            return
        if self.mode == "assessment":
            self._pending = option_id
            if confirm:
                self.confirm()
                return
            self._note = ("player.selected", {"text": option.text.get(self.lang)})
            self._render()
            return
        self._record(step_id, option_id)

    def confirm(self) -> None:
        """Assessment: record the selected option; it is final from now on."""
        self._error = None
        step_id = self.current_step
        if self.mode != "assessment":
            return
        if step_id is None:
            self._note = ("player.already_final", {})
            self._render()
            return
        if self._pending is None:
            self._note = ("player.nothing_selected", {})
            self._render()
            return
        option_id, self._pending = self._pending, None
        self._record(step_id, option_id)

    def restart(self) -> None:
        """Practice: "Try again" starts a new attempt (the earlier ones stay in the log)."""
        if self.mode != "practice":
            return
        self._error = None
        self._note = None
        self._fresh = None
        if model.attempts(self.scenario.id, self._decisions):
            self.attempt = max(self.attempt, model.latest_attempt(self.scenario.id, self._decisions)) + 1
        self._render()

    def set_language(self, lang: str) -> None:
        """Switch the language of this player and of the whole session."""
        set_language(lang)

    # --- read-outs ---------------------------------------------------------------------------

    @property
    def current_step(self) -> str | None:
        """The step waiting for a decision, or None at the end."""
        return self._path()[1]

    @property
    def finished(self) -> bool:
        return self.current_step is None

    def replay(self) -> Replay:
        """Practice: the engine's replay of the current attempt."""
        return replay(self.scenario, self._decisions, attempt=self.attempt)

    def decisions(self) -> list[Decision]:
        """This scenario's decisions (every attempt), as logged."""
        return list(self._decisions)

    def option_buttons(self) -> list[widgets.Button]:
        """The option buttons now on screen."""
        return list(self._buttons)

    def action_buttons(self) -> list[widgets.Button]:
        """Other buttons now on screen (Confirm, Try again)."""
        return [w for w in self._walk(self._body) if isinstance(w, widgets.Button) and w not in self._buttons]

    def shown_text(self) -> str:
        """All the text now shown, tags removed (for tests and for reading without a browser)."""
        parts: list[str] = []
        for w in self._walk(self.widget):
            if w is style():
                continue
            if isinstance(w, widgets.HTML):
                parts.append(_plain(w.value))
            elif isinstance(w, widgets.Button):
                parts.append(w.description)
            elif isinstance(w, widgets.RadioButtons) and w.layout.display != "none":
                parts.append(w.description + ": " + " / ".join(label for label, _ in w.options))
        return "\n".join(p for p in parts if p)

    def close(self) -> None:
        """Close the player's widgets (a re-run cell replaces its player)."""
        self._closed = True
        _players.discard(self)
        _switches.discard(self._switch)
        for w in self._parts:
            w.close()
        self._switch.close()
        self._body.close()
        self.widget.close()

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    # --- the model: log and path -------------------------------------------------------------

    def _load(self) -> None:
        if self.log_path is None:
            return
        log = read_log(self.log_path)
        if log.problem and self.log_path.exists():
            self._log_problem = log.problem
        self._decisions = [d for d in log.decisions if d.scenario == self.scenario.id]
        if self.mode == "practice":
            self.attempt = model.latest_attempt(self.scenario.id, self._decisions)

    def _record(self, step_id: str, option_id: str) -> None:
        decision = Decision(self.scenario.id, step_id, option_id, attempt=self.attempt, lang=self.lang)
        if self.log_path is not None:
            written = append_decision(self.log_path, decision)
            self._log_problem = None
            self._decisions = [d for d in written.decisions if d.scenario == self.scenario.id]
        else:
            self._decisions.append(decision)
        self._fresh = "step"
        if self.mode == "assessment":
            self._note = ("player.recorded", {})
        finished = self.finished
        if finished:
            self._fresh = "summary"
        self._render()
        for view in list(_progress_views):
            view.render()
        if self.on_choice:
            self.on_choice(self, step_id, option_id)
        if finished and self.on_finish:
            self.on_finish(self)

    def _path(self) -> tuple[list[tuple[str, object]], str | None]:
        return walk(self.scenario, self._decisions, attempt=self.attempt)

    # --- the view ----------------------------------------------------------------------------

    def _switch_to(self, lang: str) -> None:
        self.lang = lang
        if self._switch.value != lang:
            self._switch.value = lang
        if self._note and self._note[0] == "player.selected" and self._pending:
            option = self.scenario.steps[self.current_step].option(self._pending)
            self._note = ("player.selected", {"text": option.text.get(lang)})
        self._render()

    def _render(self) -> None:
        if self._closed:
            return
        lang = self.lang
        s = self.scenario
        taken, waiting = self._path()
        parts: list[widgets.Widget] = [
            _html(f"<h3>{_esc(s.title.get(lang))}</h3>", "pact-title"),
            _html(f"<p>{_esc(s.setting.get(lang))}</p>", "pact-setting"),
        ]
        if self.mode == "practice" and self.attempt > 1:
            parts.append(_html(f"<p><em>{_esc(t('player.attempt', lang, n=self.attempt))}</em></p>", "pact-attempt"))
        if self.mode == "assessment":
            parts.append(_html(f"<p><em>{_esc(t('player.final_note', lang))}</em></p>", "pact-final-note"))
        if self._log_problem:
            parts.append(_html(f"<p>{_esc(t('player.log_problem', lang, detail=self._log_problem))}</p>", "pact-notice"))
        for n, (step_id, option) in enumerate(taken, start=1):
            newest = n == len(taken) and self._fresh == "step"
            parts.append(self._done_step(n, step_id, option, alert=newest))
        self._buttons = []
        if waiting is not None:
            parts.append(self._current_step(len(taken) + 1, waiting))
        elif self.mode == "practice":
            parts.extend(self._summary())
        else:
            parts.append(_html(f'<p role="status"><strong>{_esc(t("player.all_recorded", lang))}</strong></p>', "pact-recorded"))
        if self._note:
            key, values = self._note
            role = "status" if key in ("player.selected", "player.recorded") else "alert"
            parts.append(_html(f'<p role="{role}">{_esc(t(key, lang, **values))}</p>', "pact-note"))
        if self._error:
            parts.append(_html(f'<p role="alert">{_esc(t("player.error", lang, detail=self._error))}</p>', "pact-error"))
        old, self._parts = self._parts, parts
        self._body.children = parts
        for w in old:
            _close_tree(w)

    def _guideline_list(self, ids: list[str]) -> str:
        items = []
        for gid in ids:
            g = self.guidelines.get(gid)
            if g is None:
                items.append(f"<li>{_esc(gid)}</li>")
                continue
            title = t("guideline", self.lang, number=g.number, title=g.title.get(self.lang))
            items.append(
                f'<li><details><summary>{_esc(title)}</summary><p>{_esc(t("player.guideline_text", self.lang))} '
                f"“{_esc(g.text.get(self.lang))}”</p></details></li>"
            )
        return "<ul>" + "".join(items) + "</ul>"

    def _done_step(self, n: int, step_id: str, option, alert: bool) -> widgets.HTML:
        lang = self.lang
        step = self.scenario.steps[step_id]
        lines = [
            f"<p><strong>{_esc(t('player.step', lang, n=n))}:</strong> {_esc(step.prompt.get(lang))}</p>",
            f"<p>{_esc(t('player.your_choice', lang, text=option.text.get(lang)))}</p>",
        ]
        if self.mode == "assessment":
            lines.append(f"<p><strong>{_esc(t('player.recorded', lang))}</strong></p>")
            return _html(f'<div class="pact-done">{"".join(lines)}</div>', "pact-done")
        lines.append(f"<p><strong>{_esc(model.points_text(option.points, lang))}</strong></p>")
        lines.append(f"<p>{_esc(option.feedback.get(lang))}</p>")
        if option.upholds:
            lines.append(f"<p><strong>{_esc(t('player.upholds', lang))}:</strong></p>{self._guideline_list(option.upholds)}")
        if option.breaches:
            lines.append(f"<p><strong>{_esc(t('player.breaches', lang))}:</strong></p>{self._guideline_list(option.breaches)}")
        if option.critical:
            lines.append(f"<p><strong>{_esc(t('player.critical', lang))}</strong> {_esc(t('player.critical_note', lang))}</p>")
        role = ' role="alert"' if alert else ""
        return _html(f'<div class="pact-feedback-text"{role}>{"".join(lines)}</div>', "pact-feedback")

    def _current_step(self, n: int, step_id: str) -> widgets.VBox:
        lang = self.lang
        step = self.scenario.steps[step_id]
        prompt = _html(
            f"<p><strong>{_esc(t('player.step', lang, n=n))}:</strong> {_esc(step.prompt.get(lang))}</p>"
            f"<p>{_esc(t('player.choose_prompt', lang))}</p>",
            "pact-prompt",
        )
        children: list[widgets.Widget] = [prompt]
        for option in step.options:
            b = widgets.Button(description=option.text.get(lang), layout=widgets.Layout(width="100%", height="auto"))
            b.add_class("pact-option")
            b.add_class(f"pact-option-{option.id}")
            if self.mode == "assessment" and option.id == self._pending:
                b.add_class("pact-selected")
            b.on_click(self._safe(lambda _b, oid=option.id: self.choose(oid)))
            self._buttons.append(b)
            children.append(b)
        if self.mode == "assessment":
            confirm = widgets.Button(description=t("player.confirm", lang), layout=widgets.Layout(width="auto", height="auto"))
            confirm.add_class("pact-action")
            confirm.add_class("pact-confirm")
            confirm.on_click(self._safe(lambda _b: self.confirm()))
            children.append(confirm)
        box = widgets.VBox(children)
        box.add_class("pact-step")
        return box

    def _summary(self) -> list[widgets.Widget]:
        lang = self.lang
        r = self.replay()
        summ = model.summary(self.scenario, r)
        steps = self.scenario.steps
        path = "".join(
            f"<li>{_esc(steps[sid].prompt.get(lang))} → {_esc(o.text.get(lang))} "
            f"({_esc(model.points_text(o.points, lang))})</li>"
            for sid, o in summ.path
        )
        revisit = ""
        if summ.revisit:
            revisit += f"<p>{_esc(t('player.breaches', lang))}:</p>{self._guideline_list(summ.revisit)}"
        for _sid, o in summ.critical:
            revisit += f"<p><strong>{_esc(t('player.critical', lang))}</strong> “{_esc(o.text.get(lang))}”</p>"
        if summ.better:
            revisit += "<ul>" + "".join(
                f"<li>{_esc(t('player.better_option', lang, prompt=steps[sid].prompt.get(lang), text=o.text.get(lang)))}</li>"
                for sid, o in summ.better
            ) + "</ul>"
        if not revisit:
            revisit = f"<p>{_esc(t('player.full_marks', lang))}</p>"
        went_well = (
            f"<p>{_esc(t('player.upholds', lang))}:</p>{self._guideline_list(summ.went_well)}"
            if summ.went_well
            else f"<p>{_esc(t('player.nothing_yet', lang))}</p>"
        )
        role = ' role="alert"' if self._fresh == "summary" else ""
        body = (
            f'<div class="pact-summary-text"{role}>'
            f"<h4>{_esc(t('player.summary', lang))}</h4>"
            f"<p><strong>{_esc(t('score', lang, score=summ.score, maximum=summ.maximum))}</strong></p>"
            f"<h5>{_esc(t('player.path', lang))}</h5><ol>{path}</ol>"
            f"<h5>{_esc(t('player.went_well', lang))}</h5>{went_well}"
            f"<h5>{_esc(t('player.revisit', lang))}</h5>{revisit}</div>"
        )
        again = widgets.Button(description=t("player.try_again", lang), layout=widgets.Layout(width="auto", height="auto"))
        again.add_class("pact-action")
        again.add_class("pact-try-again")
        again.on_click(self._safe(lambda _b: self.restart()))
        return [_html(body, "pact-summary"), again]

    def _safe(self, action: Callable) -> Callable:
        """Wrap a click handler: an error shows a plain message in the player instead of doing nothing."""

        def handler(button) -> None:
            try:
                action(button)
            except Exception as exc:  # noqa: BLE001 - shown to the trainee, never lost
                self._error = f"{type(exc).__name__}: {exc}"
                try:
                    self._render()
                except Exception:  # noqa: BLE001 - the body itself cannot render: say so plainly
                    self._body.children = [
                        _html(f'<p role="alert">{_esc(t("player.error", self.lang, detail=self._error))}</p>', "pact-error")
                    ]

        return handler

    @staticmethod
    def _walk(w: widgets.Widget) -> list[widgets.Widget]:
        found = [w]
        for child in getattr(w, "children", ()) or ():
            found.extend(Player._walk(child))
        return found


def _close_tree(w: widgets.Widget) -> None:
    for child in getattr(w, "children", ()) or ():
        _close_tree(child)
    w.close()


def _plain(value: str) -> str:
    import re

    text = re.sub(r"<(br|/p|/li|/h\d|/summary|/div)[^>]*>", "\n", value)
    text = re.sub(r"<[^>]+>", "", text)
    text = html.unescape(text)
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def message(key: str, **values) -> widgets.HTML:
    """A plain message in the session's language (e.g. a scenario that cannot start)."""
    lang = current_language()
    w = _html(f'<div class="pact-player"><p role="alert">{_esc(t(key, lang, **values))}</p></div>', "pact-error")
    return w


# --- module progress --------------------------------------------------------------------------


class ModuleProgress:
    """Which scenarios of a practice module are done, and the best score so far, from the log."""

    def __init__(self, module: model.Module, scenarios: list[Scenario], log_path: Path):
        self.module = module
        self.scenarios = scenarios
        self.log_path = log_path
        self.widget = widgets.HTML()
        self.widget.add_class("pact-progress")
        self.render()
        _progress_views.add(self)

    def rows(self) -> list[model.Progress]:
        decisions = read_log(self.log_path).decisions
        return [model.progress(s, decisions) for s in self.scenarios]

    def render(self) -> None:
        lang = current_language()
        rows = self.rows()
        items = []
        for s, p in zip(self.scenarios, rows):
            if p.status == "done":
                state = t("player.done", lang, best=p.best, maximum=p.maximum)
            else:
                state = t("player.in_progress" if p.status == "in-progress" else "player.not_started", lang)
            tries = f" ({t('player.attempts', lang, n=p.attempts)})" if p.attempts else ""
            items.append(f"<li><strong>{_esc(s.title.get(lang))}</strong>: {_esc(state)}{_esc(tries)}</li>")
        done = sum(p.status == "done" for p in rows)
        self.widget.value = (
            f'<div role="status"><h4>{_esc(t("player.progress_title", lang))}</h4>'
            f"<p>{_esc(t('player.progress_count', lang, done=done, total=len(rows)))}</p><ul>{''.join(items)}</ul></div>"
        )

    def shown_text(self) -> str:
        return _plain(self.widget.value)

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


# --- notebook entry points (one short call per cell) ------------------------------------------


def _course():
    if "course" not in _cache:
        from ..engine.content import load_course

        _cache["course"] = load_course()
    return _cache["course"]


def _content_problem(exc) -> widgets.HTML:
    lang = current_language()
    items = "".join(f"<li>{_esc(str(p))}</li>" for p in getattr(exc, "problems", [exc]))
    return _html(f'<div role="alert"><p>{_esc(t("player.content_problem", lang))}</p><ul>{items}</ul></div>', "pact-error")


def _replace(key: tuple[str, str], player: Player) -> Player:
    old = _by_cell.get(key)
    if old is not None and old is not player:
        old.close()
    _by_cell[key] = player
    return player


def practice(scenario_id: str, log_path: Path | str = LOG_NAME):
    """Play a practice scenario from the course content; decisions go to decisions.json in the cwd.

    Re-running resumes where the trainee was (the log is replayed by the engine).
    """
    from ..engine.content import ContentError

    try:
        course = _course()
    except ContentError as exc:
        return _content_problem(exc)
    scenario = course.scenarios.get(scenario_id)
    if scenario is None or scenario.use != "practice":
        return message("player.no_scenario", id=scenario_id)
    player = Player(scenario, mode="practice", guidelines=course.guidelines, log_path=Path(log_path).absolute())
    return _replace(("practice", scenario_id), player)


def _public_guidelines() -> list[Guideline]:
    """The guidelines (public text) from the course content if it is installed, else none."""
    if "guidelines" not in _cache:
        try:
            from ..engine.content import GUIDELINES_FILE, course_root, load_guidelines

            problems: list = []
            found = load_guidelines(course_root() / "content" / GUIDELINES_FILE, problems)
            _cache["guidelines"] = [] if problems else found
        except Exception:  # noqa: BLE001 - guideline titles are optional in an assessment
            _cache["guidelines"] = []
    return _cache["guidelines"]


def assessment(scenario_id: str, public_path: Path | str = "scenarios.json", log_path: Path | str = LOG_NAME):
    """Take an assessment scenario from scenarios.json (no key): confirmed choices are final, no feedback."""
    from ..engine.public import read_public

    try:
        scenarios = read_public(public_path)
    except ValueError as exc:
        return message("player.cannot_start", detail=str(exc))
    scenario = scenarios.get(scenario_id)
    if scenario is None:
        return message("player.no_assessment", id=scenario_id)
    player = Player(scenario, mode="assessment", guidelines=_public_guidelines(), log_path=Path(log_path).absolute())
    return _replace(("assessment", scenario_id), player)


def module_progress(module_id: str, log_path: Path | str = LOG_NAME):
    """The progress read-out of a practice module; it updates as the trainee plays."""
    from ..engine.content import ContentError

    try:
        course = _course()
    except ContentError as exc:
        return _content_problem(exc)
    for m, scenarios in model.modules(course):
        if m.id == module_id:
            view = ModuleProgress(m, scenarios, Path(log_path).absolute())
            _progress_by_module[module_id] = view  # kept alive so it follows the trainee's clicks
            return view
    return message("player.no_module", id=module_id)
