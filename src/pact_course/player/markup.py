"""Small helpers shared by the player's views: escaped HTML widgets, plain text of a widget tree, closing trees."""

from __future__ import annotations

import html
import re

import ipywidgets as widgets


def esc(text: str) -> str:
    """Text made safe to put inside HTML."""
    return html.escape(text, quote=True)


def html_widget(value: str, *classes: str) -> widgets.HTML:
    """An HTML widget with the given CSS classes."""
    w = widgets.HTML(value)
    for c in classes:
        w.add_class(c)
    return w


def plain(value: str) -> str:
    """The text of an HTML fragment, one line per block, tags removed."""
    text = re.sub(r"<(br|/p|/li|/h\d|/summary|/div)[^>]*>", "\n", value)
    text = re.sub(r"<[^>]+>", "", text)
    text = html.unescape(text)
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def walk(w: widgets.Widget) -> list[widgets.Widget]:
    """A widget and all its descendants, depth first."""
    found = [w]
    for child in getattr(w, "children", ()) or ():
        found.extend(walk(child))
    return found


def close_tree(w: widgets.Widget) -> None:
    """Close a widget and all its descendants (frees them in the kernel and the page)."""
    for child in getattr(w, "children", ()) or ():
        close_tree(child)
    w.close()
