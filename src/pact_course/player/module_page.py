"""A practice module as one page: title and intro, progress, and one scenario at a time, opened where the trainee is."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets

from ..engine import practice as model
from ..engine.messages import t
from ..engine.model import Guideline, Scenario
from .markup import esc, plain
from .pagekit import Block, page_box, page_link, page_top
from .progress import ModuleProgress
from .session import SESSION
from .view import Player

HOME = "00-welcome.ipynb"


class ModulePage:
    """The page of a practice module; it opens at the first scenario not done yet (or says all are done)."""

    def __init__(self, module: model.Module, scenarios: list[Scenario], guidelines: list[Guideline], log_path: Path):
        self.module = module
        self.scenarios = scenarios
        self.guidelines = guidelines
        self.log_path = log_path
        top = page_top()
        self.header = Block(self._header, "pact-page-header")
        self.progress = ModuleProgress(module, scenarios, log_path, on_pick=self.open)
        self.stage = widgets.VBox()
        self.stage.add_class("pact-stage")
        self.player: Player | None = None
        self._status = Block(self._status_text, "pact-stage-status")
        self.widget = page_box([*top, self.header.widget, self.progress.widget, self._status.widget, self.stage])
        self.widget.add_class("pact-module-page")
        SESSION.pages.add(self)
        first = self.progress.first_unfinished()
        self.resume = first is not None and any(p.attempts for p in self.progress.rows())  # back where they were
        if first is not None:
            self.open(first)
        else:
            self.render()

    # --- what the trainee does -----------------------------------------------------------------

    def open(self, scenario_id: str) -> None:
        """Show one scenario of the module (where the trainee left it), replacing the one shown."""
        index = next(i for i, s in enumerate(self.scenarios) if s.id == scenario_id)
        if self.player is not None:
            self.player.close()  # its own widgets only: the page's style and switch stay
        self.player = Player(
            self.scenarios[index],
            mode="practice",
            guidelines=self.guidelines,
            log_path=self.log_path,
            position=(index + 1, len(self.scenarios)),
            more_actions=self._next_button,
        )
        self.progress.current = scenario_id
        self.progress.render()
        self.stage.children = [self.player.widget]
        self.render()

    # --- what the page shows -------------------------------------------------------------------

    def render(self) -> None:
        self._status.render()

    def _header(self, lang: str) -> str:
        back = page_link(HOME, t("page.back_home", lang))
        title, intro = esc(self.module.title.get(lang)), esc(self.module.intro.get(lang))
        return f'<p class="pact-crumbs">{back}</p><h1>{title}</h1><p>{intro}</p>'

    def _status_text(self, lang: str) -> str:
        if self.player is not None and getattr(self, "resume", False):  # the page scrolls to the scenario
            return f'<span data-pact-resume="pact-scenario-{esc(self.player.scenario.id)}"></span>'
        if self.player is not None or not self.scenarios:
            return ""
        return f'<p role="status"><strong>{esc(t("page.module_all_done", lang))}</strong></p>'

    def _next_button(self, lang: str) -> list[widgets.Button]:
        """At the end of a scenario: a button to the next one not done yet (else the next in order)."""
        current = self.progress.current
        order = [s.id for s in self.scenarios]
        after = order[order.index(current) + 1 :] + order[: order.index(current)] if current in order else order
        rows = {s.id: p for s, p in zip(self.scenarios, self.progress.rows(), strict=True)}
        target = next((sid for sid in after if rows[sid].status != "done"), None)
        if target is None and current in order and order.index(current) + 1 < len(order):
            target = order[order.index(current) + 1]
        if target is None:
            return []
        title = next(s.title.get(lang) for s in self.scenarios if s.id == target)
        b = widgets.Button(
            description=t("page.next_scenario", lang, title=title), layout=widgets.Layout(width="auto", height="auto")
        )
        b.add_class("pact-action")
        b.add_class("pact-next")
        b.on_click(lambda _b: self.open(target))
        return [b]

    def shown_text(self) -> str:
        parts = [self.header.widget.value, self.progress.shown_text(), self._status.widget.value]
        if self.player is not None:
            parts.append(self.player.shown_text())
        return "\n".join(plain(p) for p in parts if p)

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)
