"""The top of an assessment page: its one language switch, title, how it works, progress, and feedback once ready."""

from __future__ import annotations

import contextlib
from pathlib import Path

import ipywidgets as widgets

from ..engine.answers import ANSWERS_NAME, read_answers
from ..engine.assignments import name_in
from ..engine.completion import assessment_parts
from ..engine.decisions import LOG_NAME, read_log
from ..engine.messages import t
from ..engine.public import PUBLIC_FILE, read_public
from ..engine.settings import pass_threshold
from . import exchange
from .markup import esc, html_widget
from .pagekit import page_link, page_top
from .session import SESSION, current_language
from .submission import submitted_at

HOME = "00-welcome.ipynb"


def scenario_anchor(scenario_id: str) -> str:
    return f"pact-scenario-{scenario_id}"


def answer_anchor(item: str) -> str:
    return f"pact-answer-{item}"


class AssessmentIntro:
    """What an assessment page opens with; the progress follows the trainee's choices and answers."""

    def __init__(self, assignment: str, answer_ids: list[str], folder: Path | str | None = None):
        self.assignment = assignment
        self.answer_ids = list(answer_ids)
        self.folder = Path(folder or Path.cwd()).absolute()
        self.feedback: list[str] = []
        top = page_top()
        self._fetch_feedback()
        self._text = html_widget("", "pact-page-header")
        self._progress = html_widget("", "pact-assessment-progress")
        self.widget = widgets.VBox([*top, self._text, self._progress])
        self.widget.add_class("pact-page")
        self.widget.add_class("pact-assessment-intro")
        self.render()
        SESSION.progress_views.add(self)
        SESSION.pages.add(self)

    def _fetch_feedback(self) -> None:
        """Fetch feedback the trainer has released (quietly: without it the page works as before)."""
        if submitted_at(self.folder):
            for item in exchange.assessments(self.folder):
                if item.assignment == self.assignment and item.feedback_ready:
                    with contextlib.suppress(exchange.ExchangeProblem):
                        exchange.fetch_feedback(self.assignment, self.folder)
        self.feedback = exchange.feedback_pages(self.assignment, self.folder)

    def render(self) -> None:
        lang = current_language()
        try:
            scenarios = list(read_public(self.folder / PUBLIC_FILE).values())
        except ValueError:
            scenarios = []
        share = round(pass_threshold() * 100)
        back = page_link(HOME, t("page.back_home", lang))
        lines = [
            f'<p class="pact-crumbs">{back}</p>',
            f"<h1>{esc(t('assessment.title', lang, name=name_in(self.assignment, lang)))}</h1>",
        ]
        if self.feedback:
            read = page_link(
                self.feedback[0], t("page.read_feedback", lang), files=True, classes="pact-page-link pact-feedback-link"
            )
            ready = esc(t("assessment.feedback_ready", lang))
            lines.append(f'<p class="pact-feedback-ready" role="status"><strong>{ready}</strong> {read}</p>')
        lines += [
            f"<p>{esc(t('assessment.how', lang, n=len(scenarios)))}</p>",
            f"<p>{esc(t('assessment.graded', lang, share=share, k=len(self.answer_ids)))}</p>",
            f"<p><strong>{esc(t('assessment.saved', lang))}</strong></p>",
        ]
        self._text.value = "".join(lines)
        parts = assessment_parts(
            scenarios,
            read_log(self.folder / LOG_NAME).decisions,
            self.answer_ids,
            read_answers(self.folder / ANSWERS_NAME),
        )
        items = []
        for p in parts:
            if p.kind == "scenario":
                anchor = scenario_anchor(p.id)
                label = p.title.get(lang) if p.title else p.id
            else:
                anchor = answer_anchor(p.id)
                label = t("answers.item", lang, n=p.number, total=len(self.answer_ids))
            state = t("assessment.part_done" if p.done else "assessment.part_open", lang)
            mark = "✓ " if p.done else ""
            items.append(f'<li><a href="#{anchor}">{esc(label)}</a>: {mark}{esc(state)}</li>')
        done = sum(p.done for p in parts)
        waiting = next((p for p in parts if not p.done), None)
        resume = ""
        if done and waiting is not None:  # coming back: the page scrolls to the first part not done
            anchor = scenario_anchor(waiting.id) if waiting.kind == "scenario" else answer_anchor(waiting.id)
            resume = f'<span data-pact-resume="{esc(anchor)}"></span>'
        self._progress.value = (
            f"{resume}<h2>{esc(t('assessment.progress_title', lang))}</h2>"
            f'<p role="status">{esc(t("assessment.progress", lang, done=done, total=len(parts)))}</p>'
            f"<ol>{''.join(items)}</ol>"
        )

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)
