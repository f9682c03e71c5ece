"""A practice module's progress read-out: which scenarios are done, and the best score so far, from the log."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets

from ..engine import practice as model
from ..engine.decisions import read_log
from ..engine.messages import t
from ..engine.model import Scenario
from .markup import esc, plain
from .session import SESSION, current_language


def state_text(p: model.Progress, lang: str) -> str:
    """A scenario's state in words: "Done: best score 7 out of 9, 2 attempts", "In progress", "Not started"."""
    if p.status == "done":
        state = t("player.done", lang, best=p.best, maximum=p.maximum)
    else:
        state = t("player.in_progress" if p.status == "in-progress" else "player.not_started", lang)
    return f"{state}, {model.attempts_text(p.attempts, lang)}" if p.attempts else state


class ModuleProgress:
    """Which scenarios of a practice module are done, and the best score so far; follows the trainee's clicks.

    With `on_pick`, each scenario is a button that opens it (the module page); `current` is the one open.
    """

    def __init__(
        self,
        module: model.Module,
        scenarios: list[Scenario],
        log_path: Path,
        on_pick: Callable[[str], None] | None = None,
    ):
        self.module = module
        self.scenarios = scenarios
        self.log_path = log_path
        self.on_pick = on_pick
        self.current: str | None = None
        self._text = widgets.HTML()
        self._buttons: dict[str, widgets.Button] = {}
        for s in scenarios if on_pick else ():
            b = widgets.Button(layout=widgets.Layout(width="100%", height="auto"))
            b.add_class("pact-scenario-pick")
            b.on_click(lambda _b, sid=s.id: self.on_pick and self.on_pick(sid))
            self._buttons[s.id] = b
        picks = widgets.VBox(list(self._buttons.values()))
        picks.add_class("pact-picks")
        self.widget = widgets.VBox([self._text, picks])
        self.widget.add_class("pact-progress")
        self.render()
        SESSION.progress_views.add(self)

    def rows(self) -> list[model.Progress]:
        decisions = read_log(self.log_path).decisions
        return [model.progress(s, decisions) for s in self.scenarios]

    def render(self) -> None:
        lang = current_language()
        rows = self.rows()
        done = sum(p.status == "done" for p in rows)
        count = esc(model.done_text(done, len(rows), lang))
        head = f'<h2>{esc(t("player.progress_title", lang))}</h2><p role="status">{count}</p>'
        if not self.on_pick:
            items = "".join(
                f"<li><strong>{esc(s.title.get(lang))}</strong>: {esc(state_text(p, lang))}</li>"
                for s, p in zip(self.scenarios, rows, strict=True)
            )
            self._text.value = f"<div>{head}<ul>{items}</ul></div>"
            return
        self._text.value = f"<div>{head}<p>{esc(t('page.pick_scenario', lang))}</p></div>"
        for n, (s, p) in enumerate(zip(self.scenarios, rows, strict=True), start=1):
            b = self._buttons[s.id]
            label = f"{n}. {s.title.get(lang)} — {state_text(p, lang)}"
            if s.id == self.current:
                label += f" ({t('page.open_now', lang)})"
                b.add_class("pact-current")
            else:
                b.remove_class("pact-current")
            b.description = b.tooltip = label
            for status in ("done", "in-progress", "not-started"):
                (b.add_class if p.status == status else b.remove_class)(f"pact-status-{status}")

    def first_unfinished(self) -> str | None:
        """The first scenario not done yet, or None when every one is done."""
        for s, p in zip(self.scenarios, self.rows(), strict=True):
            if p.status != "done":
                return s.id
        return None

    def shown_text(self) -> str:
        buttons = [b.description for b in self._buttons.values()]
        return "\n".join([plain(self._text.value), *buttons])

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)
