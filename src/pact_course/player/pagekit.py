"""Shared parts of the course's pages: the one language switch, links between pages, and redrawn text blocks."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import ipywidgets as widgets

from ..engine.preferences import workspace_of
from .markup import esc, html_widget
from .session import SESSION, current_language, language_switch, start_page, style


def page_top() -> list[widgets.Widget]:
    """The top of a course page: the course CSS and the page's one language switch (in the trainee's language)."""
    start_page()
    switch = language_switch()
    switch.add_class("pact-page-language")
    return [style(), switch]


def page_link(path: str, text: str, *, files: bool = False, classes: str = "pact-page-link") -> str:
    """A link to another page of the course (`path` relative to the trainee's workspace).

    In JupyterLab the course's page script opens a page as a tab (from `data-path`); elsewhere the
    link works as it is. A file (`files=True`, the feedback) opens in a browser tab of its own.
    """
    here = Path.cwd().absolute()
    home = workspace_of(here)
    depth = len(here.relative_to(home).parts) if here.is_relative_to(home) else 0
    if files:  # a page of its own (the feedback), opened beside the course: readable anywhere, printable
        href = "../" * (depth + 2) + "files/" + quote(path)
        return f'<a class="{classes}" href="{esc(href)}" target="_blank" rel="noopener">{esc(text)}</a>'
    href = quote(os.path.relpath(home / path, here).replace(os.sep, "/"))
    return f'<a class="{classes}" href="{esc(href)}" data-path="{esc(path)}">{esc(text)}</a>'


class Block:
    """An HTML block of a page that redraws itself, in the page's language, when the language changes."""

    def __init__(self, draw: Callable[[str], str], *classes: str):
        self.draw = draw
        self.widget = html_widget("", *classes)
        self.render()
        SESSION.pages.add(self)

    def render(self) -> None:
        self.widget.value = self.draw(current_language())


def page_box(children: list[widgets.Widget], *classes: str) -> widgets.VBox:
    """The page as one box (classes name it for the course CSS and for tests)."""
    box = widgets.VBox(children)
    box.add_class("pact-page")
    for c in classes:
        box.add_class(c)
    return box
