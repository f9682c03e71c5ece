"""A practice module's progress read-out: which scenarios are done, and the best score so far, from the log."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets

from ..engine import practice as model
from ..engine.decisions import read_log
from ..engine.messages import t
from ..engine.model import Scenario
from .markup import esc, plain
from .session import SESSION, current_language


class ModuleProgress:
    """Which scenarios of a practice module are done, and the best score so far; follows the trainee's clicks."""

    def __init__(self, module: model.Module, scenarios: list[Scenario], log_path: Path):
        self.module = module
        self.scenarios = scenarios
        self.log_path = log_path
        self.widget = widgets.HTML()
        self.widget.add_class("pact-progress")
        self.render()
        SESSION.progress_views.add(self)

    def rows(self) -> list[model.Progress]:
        decisions = read_log(self.log_path).decisions
        return [model.progress(s, decisions) for s in self.scenarios]

    def render(self) -> None:
        lang = current_language()
        rows = self.rows()
        items = []
        for s, p in zip(self.scenarios, rows, strict=True):
            if p.status == "done":
                state = t("player.done", lang, best=p.best, maximum=p.maximum)
            else:
                state = t("player.in_progress" if p.status == "in-progress" else "player.not_started", lang)
            tries = f" ({t('player.attempts', lang, n=p.attempts)})" if p.attempts else ""
            items.append(f"<li><strong>{esc(s.title.get(lang))}</strong>: {esc(state)}{esc(tries)}</li>")
        done = sum(p.status == "done" for p in rows)
        self.widget.value = (
            f'<div role="status"><h4>{esc(t("player.progress_title", lang))}</h4>'
            f"<p>{esc(t('player.progress_count', lang, done=done, total=len(rows)))}</p><ul>{''.join(items)}</ul></div>"
        )

    def shown_text(self) -> str:
        return plain(self.widget.value)

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)
