"""The kernel session shared by every player on a page: its language, the course CSS, the live views."""

from __future__ import annotations

import weakref
from importlib import resources
from typing import Any

import ipywidgets as widgets

from ..engine import preferences
from ..engine.messages import t


class Session:
    """What every player in one kernel shares; `reset()` starts afresh (a new kernel, or a test)."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.lang = "en"
        self.chosen = False  # set by a language switch, or taken from the log
        self.page = False  # a course page drew its one language switch: players show none of their own
        self.keep_language = False  # a course page keeps the trainee's choice in their workspace
        self.players: weakref.WeakSet[Any] = weakref.WeakSet()
        self.switches: weakref.WeakSet[widgets.RadioButtons] = weakref.WeakSet()
        self.progress_views: weakref.WeakSet[Any] = weakref.WeakSet()
        self.pages: weakref.WeakSet[Any] = weakref.WeakSet()  # page parts that redraw in a new language
        self.by_cell: dict[tuple[str, str], Any] = {}  # a re-run cell replaces its own player
        self.progress_by_module: dict[str, Any] = {}  # kept alive so they follow the trainee's clicks
        self.cache: dict[str, Any] = {}

    def refresh_progress(self) -> None:
        for view in list(self.progress_views):
            view.render()


SESSION = Session()
_style: list[widgets.HTML] = []


def current_language() -> str:
    """The language every new player starts in (shared for the kernel session)."""
    return SESSION.lang


def start_page() -> str:
    """A course page opens: it shows the one language switch, in the language the trainee chose last."""
    SESSION.page = True
    SESSION.keep_language = True
    if not SESSION.chosen:
        saved = preferences.saved_language()
        if saved:
            SESSION.lang, SESSION.chosen = saved, True
    return SESSION.lang


def set_language(lang: str) -> None:
    """Switch the whole session: every player, language switch and progress read-out re-renders."""
    if lang not in ("en", "es"):
        raise ValueError(f"unknown language {lang!r} (en or es)")
    SESSION.lang = lang
    SESSION.chosen = True
    if SESSION.keep_language:
        preferences.save_language(lang)
    for switch in list(SESSION.switches):
        if switch.value != lang:
            switch.value = lang
    for player in list(SESSION.players):
        player._switch_to(lang)
    SESSION.refresh_progress()
    for view in list(SESSION.pages):
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
    SESSION.switches.add(switch)
    return switch
