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


def shown_text(root: widgets.Widget, skip: widgets.Widget | None = None) -> str:
    """The text a widget tree shows (HTML as plain text, button labels, a visible language switch)."""
    parts: list[str] = []
    for w in walk(root):
        if w is skip:
            continue
        if isinstance(w, widgets.HTML):
            parts.append(plain(w.value))
        elif isinstance(w, widgets.Button):
            parts.append(w.description)
        elif isinstance(w, widgets.RadioButtons) and w.layout.display != "none":
            parts.append(w.description + ": " + " / ".join(label for label, _ in w.options))
    return "\n".join(p for p in parts if p)


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
