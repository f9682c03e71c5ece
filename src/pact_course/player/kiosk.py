"""The kiosk's screens: attract, scenario choice, the player, the end screen, and the idle reset."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import ipywidgets as widgets

from ..engine.messages import t
from ..engine.model import Course, Scenario
from ..engine.scoring import best_path
from ..engine.showcase import kiosk_scenarios, teaser
from .idle import IdleTimer, idle_seconds_from_env

if TYPE_CHECKING:
    from .view import Player

DEFAULT_LANG = "en"

LANGUAGE_BUTTONS = (("en", "English"), ("es", "Español"))


def _html(text: str, tag: str = "p") -> str:
    return f"<{tag}>{html.escape(text)}</{tag}>"


def _in(lang: str, content: str) -> str:
    """Content marked with its language, so a screen reader speaks Spanish as Spanish."""
    return f'<div lang="{lang}">{content}</div>'


def _button(description: str, *classes: str, main: bool = False) -> widgets.Button:
    button = widgets.Button(description=description, tooltip=description, layout=widgets.Layout(height="auto"))
    if main:
        button.add_class("pact-kiosk-main")
    for cls in classes:
        button.add_class(cls)
    return button


class Kiosk:
    """The kiosk app: one visitor at a time, reset to the attract screen after a period with no touch."""

    def __init__(
        self,
        course: Course,
        *,
        idle_seconds: float | None = None,
        lang: str = DEFAULT_LANG,
        player_factory: Callable[..., Player] | None = None,
    ):
        self.course = course
        self.scenarios = kiosk_scenarios(course)
        self.default_lang = lang
        self.lang = lang
        self.screen = "attract"
        self.scenario: Scenario | None = None
        self.player: Player | None = None
        self._player_factory = player_factory or _default_player
        self.idle = IdleTimer(idle_seconds if idle_seconds else idle_seconds_from_env(), self._on_idle)
        self.resets = 0

        self._lang_buttons = {}
        for code, name in LANGUAGE_BUTTONS:
            b = _button(name, "pact-kiosk-lang")
            b.on_click(lambda _b, code=code: self._touched(self.set_language, code))
            self._lang_buttons[code] = b
        self._bar = widgets.HBox(list(self._lang_buttons.values()))
        self._bar.add_class("pact-kiosk-bar")

        self._attract_text = widgets.HTML()
        self._try = _button("", "pact-kiosk-try", main=True)
        self._try.on_click(lambda _b: self._touched(self.show_choice))
        self._note = widgets.HTML()
        self._note.add_class("pact-kiosk-note")
        self._attract = widgets.VBox([self._attract_text, self._try, self._note])
        self._attract.add_class("pact-kiosk-attract")

        self._choice_text = widgets.HTML()
        self._choice_buttons: dict[str, widgets.Button] = {}
        self._choice_lines: dict[str, widgets.HTML] = {}
        rows = []
        for scenario in self.scenarios:
            b = _button("", "pact-kiosk-scenario")
            b.on_click(lambda _b, sid=scenario.id: self._touched(self.start, sid))
            line = widgets.HTML()
            self._choice_buttons[scenario.id] = b
            self._choice_lines[scenario.id] = line
            row = widgets.VBox([b, line])
            row.add_class("pact-kiosk-choice")
            rows.append(row)
        self._back = _button("", "pact-kiosk-back")
        self._back.on_click(lambda _b: self._touched(self.show_attract))
        self._choice = widgets.VBox([self._choice_text, *rows, self._back])
        self._choice.add_class("pact-kiosk-choices")

        self._end_text = widgets.HTML()
        self._again = _button("", "pact-kiosk-again", main=True)
        self._again.on_click(lambda _b: self._touched(self.start_again))
        self._end = widgets.VBox([self._end_text, self._again], layout=widgets.Layout(display="none"))
        self._end.add_class("pact-kiosk-end")
        self._play = widgets.VBox([])
        self._play.add_class("pact-kiosk-play")

        self._body = widgets.VBox([self._attract])
        self._body.add_class("pact-kiosk-body")
        self.widget = widgets.VBox([self._bar, self._body])
        self.widget.add_class("pact-kiosk")
        self._relabel()

    # --- what a visitor does -------------------------------------------------------------

    def set_language(self, lang: str) -> None:
        self.lang = lang if lang in dict(LANGUAGE_BUTTONS) else DEFAULT_LANG
        if self.player is not None:
            self.player.set_language(self.lang)
        self._relabel()

    def show_attract(self) -> None:
        self._drop_player()
        self.screen = "attract"
        self._body.children = [self._attract]

    def show_choice(self) -> None:
        self._drop_player()
        self.screen = "choice"
        self._body.children = [self._choice]

    def start(self, scenario_id: str) -> None:
        """Open the player on a kiosk scenario, in the visitor's language, with no decision log."""
        scenario = next((s for s in self.scenarios if s.id == scenario_id), None)
        if scenario is None:
            raise ValueError(f"not a kiosk scenario: {scenario_id!r}")
        self._drop_player()
        self.scenario = scenario
        self.player = self._player_factory(
            scenario,
            guidelines=self.course.guidelines,
            lang=self.lang,
            on_choice=lambda *a, **k: self.idle.touch(),
            on_finish=lambda *a, **k: self._finished(),
        )
        self.screen = "play"
        self._end.layout.display = "none"  # there from the start, so it can take the focus at the end
        self._play.children = [self.player.widget, self._end]
        self._body.children = [self._play]
        self._lang_buttons[self.lang].focus()  # a new screen starts at the top

    def start_again(self) -> None:
        """From the end screen: back to the first screen, as for a new visitor."""
        self.reset()

    def reset(self) -> None:
        """Forget the visitor: no player, default language, attract screen, timer stopped."""
        self.idle.cancel()
        self.scenario = None
        self.lang = self.default_lang
        if self.player is not None:
            self.player.set_language(self.lang)
        self.show_attract()
        self._relabel()
        self.resets += 1

    # --- what the visitor sees -----------------------------------------------------------

    def shown_text(self) -> str:
        """The plain text on screen now (kiosk and player), for tests and checks."""
        parts = [self._text_of(self._bar)]
        parts.append(self._text_of(self._body))
        return "\n".join(p for p in parts if p)

    def buttons(self) -> list[widgets.Button]:
        """The buttons on screen now, in order."""
        return [w for w in self._walk(self.widget) if isinstance(w, widgets.Button)]

    # --- inside --------------------------------------------------------------------------

    def _touched(self, action: Callable, *args) -> None:
        action(*args)
        if self.screen == "attract" and self.scenario is None:
            # A touch on the first screen still counts (the language may have changed).
            if self.lang != self.default_lang:
                self.idle.touch()
            else:
                self.idle.cancel()
        else:
            self.idle.touch()

    def _on_idle(self) -> None:
        self.reset()

    def _finished(self) -> None:
        self.idle.touch()
        self.screen = "end"
        self._relabel()
        self._end.layout.display = None
        self._again.focus()  # brings the end screen into view (and keyboard users to "Start again")

    def _drop_player(self) -> None:
        if self.player is not None:
            self._play.children = []
            self.player.close()
            self.player = None
        self.scenario = None

    def _relabel(self) -> None:
        lang = self.lang
        for code, b in self._lang_buttons.items():
            current = code == lang
            b.button_style = "primary" if current else ""
            if current:
                b.add_class("pact-kiosk-lang-current")
            else:
                b.remove_class("pact-kiosk-lang-current")
        self._bar.layout.justify_content = "flex-end"
        self._attract_text.value = _in(lang, _html(t("kiosk.page_title", lang), "h1") + _html(t("kiosk.intro", lang)))
        self._try.description = self._try.tooltip = t("kiosk.try", lang)
        self._try.disabled = not self.scenarios
        note = t("kiosk.idle_note", lang, seconds=f"{self.idle.seconds:g}")
        if not self.scenarios:
            note = t("kiosk.no_scenarios", lang) + " " + note
        self._note.value = _in(lang, _html(note))
        self._choice_text.value = _in(lang, _html(t("kiosk.choose", lang), "h1") + _html(t("kiosk.choose_hint", lang)))
        for scenario in self.scenarios:
            self._choice_buttons[scenario.id].description = scenario.title.get(lang)
            self._choice_buttons[scenario.id].tooltip = scenario.title.get(lang)
            self._choice_lines[scenario.id].value = _in(lang, _html(teaser(scenario, lang)))
        self._back.description = self._back.tooltip = t("kiosk.back", lang)
        self._again.description = self._again.tooltip = t("kiosk.start_again", lang)
        self._end_text.value = _in(lang, self._end_html()) if self.screen == "end" else ""

    def _end_html(self) -> str:
        lang, scenario = self.lang, self.scenario
        if scenario is None:
            return ""
        score, maximum = self._score()
        title = (
            "kiosk.end_best" if score >= maximum > 0 else "kiosk.end_title" if 2 * score >= maximum else "kiosk.end_low"
        )
        parts = [
            _html(t(title, lang), "h2"),
            f"<p><strong>{html.escape(t('score', lang, score=score, maximum=maximum))}</strong></p>",
        ]
        learned = list(dict.fromkeys(g for taken in best_path(scenario) for g in taken.option.upholds))
        guidelines = [found for g in learned if (found := self.course.guideline(g)) is not None]
        if guidelines:
            parts.append(_html(t("kiosk.practised", lang), "h3"))
            items = "".join(
                f"<li><strong>{html.escape(t('guideline', lang, number=g.number, title=g.title.get(lang)))}</strong>"
                f"<br>{html.escape(g.text.get(lang))}</li>"
                for g in sorted(guidelines, key=lambda g: g.number)
            )
            parts.append(f"<ul>{items}</ul>")
        return "".join(parts)

    def _score(self) -> tuple[int, int]:
        result = self.player.replay() if self.player is not None else None
        return (result.score, result.maximum) if result is not None else (0, 0)

    @classmethod
    def _walk(cls, widget, shown_only: bool = True):
        """The widget and those inside it; with `shown_only`, not those hidden with display: none."""
        if shown_only and getattr(getattr(widget, "layout", None), "display", None) == "none":
            return
        yield widget
        for child in getattr(widget, "children", ()) or ():
            yield from cls._walk(child, shown_only)

    def _text_of(self, widget) -> str:
        out = []
        for w in self._walk(widget):
            if isinstance(w, widgets.Button):
                out.append(w.description)
            elif isinstance(w, (widgets.HTML, widgets.Label)):
                text = re.sub(r"<[^>]+>", " ", w.value)
                out.append(" ".join(html.unescape(text).split()))
        return "\n".join(o for o in out if o)


def _default_player(scenario: Scenario, *, guidelines, lang: str, on_choice, on_finish) -> Player:
    from .view import Player

    return Player(
        scenario,
        mode="practice",
        guidelines=guidelines,
        log_path=None,
        lang=lang,
        on_choice=on_choice,
        on_finish=on_finish,
    )


def kiosk(root=None) -> widgets.Widget:
    """The kiosk as one widget, for the one-line cell of notebooks/kiosk.ipynb; never a traceback."""
    from ..engine.kiosk_cache import kiosk_course
    from ..engine.problems import ContentError

    try:
        course = kiosk_course(root)  # the cache `pact-course kiosk` writes, while it matches content/ and the code
        app = Kiosk(course)
    except (ContentError, ImportError, OSError, ValueError) as exc:
        message = widgets.HTML(_html(t("kiosk.unavailable", "en"), "h1") + _html(t("kiosk.unavailable", "es"), "h1"))
        box = widgets.VBox([message])
        box.add_class("pact-kiosk")
        box.problem = str(exc)  # for whoever runs the kiosk: `pact-course validate` says more
        return box
    app.widget.app = app  # keep the app with its widget
    return app.widget
