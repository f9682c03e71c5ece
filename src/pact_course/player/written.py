"""A written answer (a reflection) typed into the page and saved to answers.json as the trainee types."""

from __future__ import annotations

import re
from pathlib import Path

import ipywidgets as widgets

from ..engine.answers import AnswerTooLong, answered, read_answers, save_answer
from ..engine.messages import t
from ..engine.model import Text
from .markup import esc, html_widget
from .session import SESSION, current_language


class WrittenAnswer:
    """One question and its answer box; every change is saved at once, so closing the page loses nothing."""

    def __init__(self, item: str, question: Text, path: Path, number: int = 1, total: int = 1):
        self.item = item
        self.question = question
        self.path = Path(path)
        self.number, self.total = number, total
        stored = read_answers(self.path)
        self._head = html_widget("", "pact-written-question")
        self.box = widgets.Textarea(
            value=stored.text(item),
            continuous_update=True,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="auto", height="auto"),
        )
        self.box.add_class("pact-answer-box")
        self.box.add_class(f"pact-answer-{item}")
        self._note = html_widget("", "pact-written-note")
        self.error: str | None = None
        self.box.observe(self._changed, names="value")
        self.widget = widgets.VBox([self._head, self.box, self._note])
        self.widget.add_class("pact-page")
        self.widget.add_class("pact-written")
        self.render()
        SESSION.pages.add(self)

    @property
    def text(self) -> str:
        return self.box.value

    def _changed(self, change) -> None:
        lang = current_language()
        try:
            save_answer(self.path, self.item, change["new"], lang)
        except AnswerTooLong as exc:
            self.error = t("answers.too_long", lang, detail=str(exc))
        except Exception as exc:  # noqa: BLE001 - said plainly on the page, the text stays in the box
            self.error = t("answers.save_failed", lang, detail=f"{type(exc).__name__}: {exc}")
        else:
            if self.error is None and answered(change["old"]) == answered(change["new"]):
                return  # nothing new to say: no redraw on every key
            self.error = None
        self.render()
        SESSION.refresh_progress()

    def render(self) -> None:
        lang = current_language()
        heading = t("answers.item", lang, n=self.number, total=self.total)
        intro = ""
        if self.number == 1:
            intro = f"<h2>{esc(t('answers.title', lang))}</h2><p>{esc(t('answers.intro', lang))}</p>"
        question = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", esc(self.question.get(lang)))
        anchor = f"pact-answer-{esc(self.item)}"
        self._head.value = f'{intro}<h3 id="{anchor}">{esc(heading)}</h3><p>{question}</p>'
        self.box.description = t("answers.label", lang, n=self.number)
        self.box.placeholder = t("answers.placeholder", lang)
        self.box.tooltip = t("answers.label", lang)
        if self.error:
            self._note.value = f'<p role="alert" class="pact-written-error">{esc(self.error)}</p>'
        elif answered(self.box.value):
            self._note.value = f"<p>✓ {esc(t('answers.saved', lang))}</p>"
        else:
            self._note.value = f"<p>{esc(t('answers.not_yet', lang))}</p>"

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)
