"""The assessment's Submit: what is still unanswered, asking first in the trainee's language, then nbgrader's submit."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from datetime import datetime, timezone
from pathlib import Path

import ipywidgets as widgets

from ..engine.answers import ANSWERS_NAME, read_answers
from ..engine.assignments import display_name
from ..engine.completion import Part, assessment_parts, missing
from ..engine.decisions import LOG_NAME, read_log
from ..engine.messages import t
from ..engine.preferences import workspace_of
from ..engine.public import PUBLIC_FILE, read_public
from . import exchange
from .markup import esc, html_widget
from .session import SESSION, current_language

__all__ = ["PRACTICE_COPY", "SUBMITTED_NAME", "SubmitPanel", "display_name", "submitted_at"]

SUBMITTED_NAME = ".submitted.json"  # when this trainee last submitted the assessment (hidden, never submitted)
PRACTICE_COPY = "practice.json"  # the practice log, copied in at each submit, for the trainer's follow-up plan


def submitted_at(folder: Path) -> str | None:
    """When the assessment in `folder` was last submitted from the course's page (UTC, ISO), or None."""
    try:
        data = json.loads((Path(folder) / SUBMITTED_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    at = data.get("at") if isinstance(data, dict) else None
    return at if isinstance(at, str) else None


def part_text(part: Part, lang: str) -> str:
    """A part of the assessment in words: "Scenario 2: A dad who joins late", "Written answer 1"."""
    if part.kind == "scenario":
        return t("submit.missing_scenario", lang, n=part.number, title=part.title.get(lang) if part.title else part.id)
    return t("submit.missing_answer", lang, n=part.number)


class SubmitPanel:
    """The end of the assessment page: what is left, a Submit button, and a question first if anything is left."""

    def __init__(self, assignment: str, answer_ids: list[str], folder: Path | str | None = None):
        self.assignment = assignment
        self.answer_ids = list(answer_ids)
        self.folder = Path(folder or Path.cwd()).absolute()
        self.asking = False
        self.result: str | None = None  # "done", or a plain message of what failed
        self._text = html_widget("", "pact-submit-text")
        self._submit = self._button("pact-submit", lambda _b: self.press_submit())
        self._anyway = self._button("pact-submit-anyway", lambda _b: self.submit())
        self._back = self._button("pact-keep-working", lambda _b: self.keep_working())
        self._row = widgets.HBox([self._submit])
        self._row.add_class("pact-actions")
        self.widget = widgets.VBox([self._text, self._row])
        self.widget.add_class("pact-page")
        self.widget.add_class("pact-submit-panel")
        self.render()
        SESSION.progress_views.add(self)
        SESSION.pages.add(self)

    @staticmethod
    def _button(cls: str, handler) -> widgets.Button:
        b = widgets.Button(layout=widgets.Layout(width="auto", height="auto"))
        b.add_class("pact-action")
        b.add_class(cls)
        b.on_click(handler)
        return b

    def parts(self) -> list[Part]:
        try:
            scenarios = list(read_public(self.folder / PUBLIC_FILE).values())
        except ValueError:
            scenarios = []
        decisions = read_log(self.folder / LOG_NAME).decisions
        return assessment_parts(scenarios, decisions, self.answer_ids, read_answers(self.folder / ANSWERS_NAME))

    # --- what the trainee does -----------------------------------------------------------------

    def press_submit(self) -> None:
        """Submit at once when every part is answered; otherwise ask first."""
        self.result = None
        if missing(self.parts()):
            self.asking = True
            self.render()
            self._anyway.focus()
            return
        self.submit()

    def keep_working(self) -> None:
        self.asking = False
        self.render()

    def submit(self) -> None:
        """Send the assessment to the trainer through nbgrader's exchange, with the practice log for the follow-up."""
        self.asking = False
        self._submit.disabled = self._anyway.disabled = True
        self._text.value = f'<p role="status">{esc(t("submit.working", current_language()))}</p>'
        try:
            self._copy_practice_log()
            exchange.submit(self.assignment, self.folder)
        except Exception as exc:  # noqa: BLE001 - said plainly on the page; nothing is lost, it can be tried again
            self.result = str(exc) or type(exc).__name__
        else:
            self.result = "done"
            stamp = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            with contextlib.suppress(OSError):
                (self.folder / SUBMITTED_NAME).write_text(json.dumps({"at": stamp}) + "\n", encoding="utf-8")
        finally:
            self._submit.disabled = self._anyway.disabled = False
        self.render()

    def _copy_practice_log(self) -> None:
        source = workspace_of(self.folder) / LOG_NAME
        target = self.folder / PRACTICE_COPY
        if source.is_file() and not source.is_symlink() and source.resolve() != target.resolve():
            tmp = target.with_name(f".{PRACTICE_COPY}.tmp")
            shutil.copyfile(source, tmp)
            os.replace(tmp, target)

    # --- what the page shows -------------------------------------------------------------------

    def render(self) -> None:
        lang = current_language()
        left = missing(self.parts())
        lines = [f"<h2>{esc(t('submit.title', lang))}</h2>"]
        if left:
            items = "".join(f"<li>{esc(part_text(p, lang))}</li>" for p in left)
            lines.append(f"<p>{esc(t('submit.missing_intro', lang))}</p><ul>{items}</ul>")
        else:
            lines.append(f"<p>{esc(t('submit.ready', lang))}</p>")
        when = submitted_at(self.folder)
        if self.result == "done" and when:
            lines.append(f'<p role="status"><strong>✓ {esc(t("submit.done", lang, when=_local(when)))}</strong></p>')
        elif self.result:
            lines.append(f'<p role="alert"><strong>{esc(t("submit.failed", lang, detail=self.result))}</strong></p>')
        elif when:
            lines.append(f"<p>{esc(t('submit.before', lang, when=_local(when)))}</p>")
        if self.asking:
            lines.append(f'<p role="alert"><strong>{esc(t("submit.confirm", lang))}</strong></p>')
        self._text.value = "".join(lines)
        self._submit.description = t("submit.button", lang)
        self._anyway.description = t("submit.anyway", lang)
        self._back.description = t("submit.keep_working", lang)
        self._row.children = [self._anyway, self._back] if self.asking else [self._submit]

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def _local(stamp: str) -> str:
    """A UTC stamp as the machine's local date and time, e.g. 2025-03-12 14:02."""
    try:
        when = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc).astimezone()
    except ValueError:
        return stamp
    return when.strftime("%Y-%m-%d %H:%M")
