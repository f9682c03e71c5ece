"""The course's home page (the welcome, the course map, the assessments) and the guidelines page."""

from __future__ import annotations

import contextlib
from pathlib import Path

import ipywidgets as widgets

from ..engine import practice as model
from ..engine.answers import ANSWERS_NAME, read_answers
from ..engine.assignments import name_in
from ..engine.completion import assessment_parts
from ..engine.coverage import cell as coverage_cell
from ..engine.decisions import LOG_NAME, read_log
from ..engine.messages import t
from ..engine.model import Course
from ..engine.preferences import workspace_of
from ..engine.public import PUBLIC_FILE, read_public
from ..engine.settings import pass_threshold
from . import exchange
from .markup import esc
from .pagekit import Block, page_box, page_link, page_top
from .session import SESSION, current_language
from .submission import submitted_at

GUIDELINES = "01-guidelines.ipynb"
HOME = "00-welcome.ipynb"


def _ul(items: list[str], tag: str = "ul") -> str:
    return f"<{tag}>" + "".join(f"<li>{item}</li>" for item in items) + f"</{tag}>"


def fetched_assessments(workspace: Path) -> list[Path]:
    """The assessment folders in the workspace (each with its notebook and scenarios.json)."""
    found = [p.parent for p in workspace.glob(f"*/{PUBLIC_FILE}")]
    return sorted(f for f in found if (f / f"{f.name}.ipynb").is_file() and not f.is_symlink())


def parts_done(folder: Path, answer_count: int = 0) -> tuple[int, int]:
    """(parts done, parts in all) of an assessment folder: its scenarios, and the written answers begun."""
    try:
        scenarios = list(read_public(folder / PUBLIC_FILE).values())
    except ValueError:
        return 0, 0
    answers = read_answers(folder / ANSWERS_NAME)
    ids = sorted(answers.answers)
    parts = assessment_parts(scenarios, read_log(folder / LOG_NAME).decisions, ids, answers)
    return sum(p.done for p in parts), len(scenarios) + max(answer_count, len(ids))


class Home:
    """The welcome page: what the course is, how it works, the course map with progress, and the assessments."""

    def __init__(self, course: Course):
        self.course = course
        self.workspace = workspace_of()
        self.problem: str | None = None
        self.released: list[exchange.Released] = []
        top = page_top()
        self.intro = Block(self._intro, "pact-page-header")
        self.map = Block(self._map, "pact-course-map")
        self.assessments = Block(self._assessments, "pact-assessments")
        self.starts = widgets.VBox()
        self.starts.add_class("pact-starts")
        self.widget = page_box([*top, self.intro.widget, self.map.widget, self.assessments.widget, self.starts])
        self.widget.add_class("pact-home")
        self.released = exchange.assessments(self.workspace)
        for item in self.released:  # feedback the trainer released is fetched on opening: one click to read it
            if item.feedback_ready:
                with contextlib.suppress(exchange.ExchangeProblem):
                    exchange.fetch_feedback(item.assignment, self.workspace)
        self.render()
        SESSION.pages.add(self)
        SESSION.progress_views.add(self.map)

    def render(self) -> None:
        self.assessments.render()
        self._draw_starts(current_language())

    def _intro(self, lang: str) -> str:
        share = round(pass_threshold() * 100)
        how = [esc(t(k, lang, share=share)) for k in ("home.how_practice", "home.how_assessment", "home.how_feedback")]
        return (
            f"<h1>{esc(t('home.title', lang))}</h1><p>{esc(t('home.intro', lang))}</p>"
            f"<h2>{esc(t('home.how_title', lang))}</h2>{_ul(how)}"
        )

    def _map(self, lang: str) -> str:
        decisions = read_log(self.workspace / LOG_NAME).decisions
        items = [f"{page_link(GUIDELINES, t('home.guidelines_link', lang))}: {esc(t('home.guidelines_hint', lang))}"]
        for m, scenarios in model.modules(self.course):
            done = sum(model.progress(s, decisions).status == "done" for s in scenarios)
            count = model.done_text(done, len(scenarios), lang)
            items.append(f"{page_link(m.notebook, m.title.get(lang))}: {esc(count)}")
        return f"<h2>{esc(t('home.map_title', lang))}</h2>{_ul(items, 'ol')}"

    def _assessments(self, lang: str) -> str:
        rows = []
        for folder in fetched_assessments(self.workspace):
            aid = folder.name
            link = page_link(f"{aid}/{aid}.ipynb", t("assessment.title", lang, name=name_in(aid, lang)))
            pages = exchange.feedback_pages(aid, self.workspace)
            if pages:
                state = page_link(pages[0], t("page.read_feedback", lang), files=True)
            elif submitted_at(folder):
                state = esc(t("home.submitted", lang))
            else:
                done, total = parts_done(folder)
                state = esc(t("home.parts_done", lang, done=done, total=total))
            rows.append(f"{link}: {state}")
        listed = _ul(rows) if rows else f"<p>{esc(t('home.no_assessment', lang))}</p>"
        alert = f'<p role="alert">{esc(self.problem)}</p>' if self.problem else ""
        how = esc(t("home.assessments_how", lang))
        return f"<h2>{esc(t('home.assessments_title', lang))}</h2><p>{how}</p>{listed}{alert}"

    def _draw_starts(self, lang: str) -> None:
        """A Start button for each released assessment not fetched yet."""
        fetched = {f.name for f in fetched_assessments(self.workspace)}
        buttons = []
        for item in self.released:
            if item.status != "released" or item.assignment in fetched:
                continue
            b = widgets.Button(
                description=t("home.start", lang, name=name_in(item.assignment, lang)),
                layout=widgets.Layout(width="auto", height="auto"),
            )
            b.add_class("pact-action")
            b.add_class("pact-start")
            b.on_click(lambda _b, aid=item.assignment: self.start(aid))
            buttons.append(b)
        old = self.starts.children
        self.starts.children = buttons
        for b in old:
            b.close()

    def start(self, assignment: str) -> None:
        """Fetch a released assessment; its link then appears in the list."""
        self.problem = None
        try:
            exchange.fetch(assignment, self.workspace)
        except exchange.ExchangeProblem as exc:
            self.problem = t("home.fetch_failed", current_language(), detail=str(exc))
        self.render()

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


class GuidelinesPage:
    """The ten guidelines: PACT's words, what each asks of the facilitator, and the practice that trains it."""

    def __init__(self, course: Course):
        self.course = course
        top = page_top()
        self.body = Block(self._body, "pact-guidelines")
        self.widget = page_box([*top, self.body.widget])
        self.widget.add_class("pact-guidelines-page")

    def _body(self, lang: str) -> str:
        where = {s.id: m for m, ss in model.modules(self.course) for s in ss}
        back = page_link(HOME, t("page.back_home", lang))
        out = [f'<p class="pact-crumbs">{back}</p><h1>{esc(t("home.guidelines_link", lang))}</h1>']
        out.append(f"<p>{esc(t('guidelines.intro', lang))}</p>")
        for g in self.course.guidelines:
            heading = esc(t("guideline", lang, number=g.number, title=g.title.get(lang)))
            out.append(f'<h2 id="guideline-{esc(g.id)}">{heading}</h2>')
            out.append(f"<blockquote><p>{esc(g.text.get(lang))}</p></blockquote>")
            if g.asks is not None:
                out.append(f"<p><strong>{esc(t('guidelines.asks', lang))}</strong> {esc(g.asks.get(lang))}</p>")
            training = [s for s in self.course.practice() if coverage_cell(s, g.id) and s.id in where]
            links = [
                f"{page_link(where[s.id].notebook, s.title.get(lang))} ({esc(where[s.id].title.get(lang))})"
                for s in training
            ]
            listed = _ul(links) if links else f"<p>{esc(t('guidelines.no_practice', lang))}</p>"
            out.append(f"<p><strong>{esc(t('guidelines.practised_in', lang))}</strong></p>{listed}")
        return "".join(out)

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)
