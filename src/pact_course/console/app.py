"""The trainer console's widgets: pick an assignment, run the cycle with buttons, see the cohort, roster and report."""

from __future__ import annotations

import traceback
from html import escape
from pathlib import Path

import ipywidgets as w

from ..engine.content import ContentError, load_course
from ..engine.messages import t
from ..engine.roster import LANGUAGES, RosterError, read_roster, upsert
from ..grading.names import sync_names
from ..grading.results import results as gradebook_results
from ..reports.cohort import Cohort, load_cohort
from ..reports.report import write_report
from . import cycle, status, views

BUTTON_KEYS = {
    "release": "console.release",
    "collect": "console.collect",
    "grade": "console.autograde",
    "feedback": "console.feedback",
}
TAB_KEYS = (
    "console.tab_cycle",
    "console.tab_cohort",
    "console.tab_items",
    "console.tab_trainees",
    "console.tab_report",
)


def _button(text: str, css: str, style: str = "") -> w.Button:
    b = w.Button(description=text, button_style=style, layout=w.Layout(width="auto", min_width="180px"))
    b.add_class(css)
    return b


class TrainerConsole:
    """The whole console as one widget (`.widget`); every action says what happened in words."""

    def __init__(self, root: Path):
        self.root = Path(root).resolve()
        cycle.quiet()
        try:
            assignments = load_course(self.root).assignments()
        except ContentError:
            assignments = sorted(p.name for p in (self.root / "source").iterdir() if p.is_dir())
        self.assignment = w.Dropdown(
            options=assignments, description="Assessment:", style={"description_width": "initial"}
        )
        self.assignment.add_class("pact-console-assignment")
        self.lang = "en"
        self.language = w.ToggleButtons(options=[("English", "en"), ("Español", "es")], value="en")
        self.language.add_class("pact-console-language")
        self._last: cycle.Outcome | None = None
        self.refresh_button = _button("Refresh", "pact-console-refresh")
        self.buttons = {
            "release": _button("1. Release", "pact-console-release", "primary"),
            "collect": _button("2. Collect submissions", "pact-console-collect", "primary"),
            "grade": _button("3. Autograde", "pact-console-autograde", "primary"),
            "feedback": _button("4. Make and release feedback", "pact-console-feedback", "primary"),
        }
        self.progress = w.IntProgress(value=0, min=0, max=1, description="Grading:", layout=w.Layout(width="60%"))
        self.progress.add_class("pact-console-progress")
        self.progress.layout.visibility = "hidden"
        self.message = w.HTML().add_class("pact-console-message")
        self.table = w.HTML().add_class("pact-console-table")
        self.formgrader = w.HTML()
        self.cohort = w.HTML().add_class("pact-console-cohort")
        self.scenario = w.Dropdown(description="Scenario:", layout=w.Layout(width="60%"))
        self.steps, self.head = w.HTML(), w.HTML()
        self.roster_intro, self.report_intro = w.HTML(), w.HTML()
        self.items = w.HTML().add_class("pact-console-items")
        self.new_id = w.Text(description="Id:", placeholder="e.g. ana").add_class("pact-roster-id")
        self.new_name = w.Text(description="Full name:", placeholder="e.g. Ana Núñez").add_class("pact-roster-name")
        self.new_lang = w.Dropdown(options=list(LANGUAGES), value="en", description="Language:")
        self.add_button = _button("Add or update", "pact-roster-add")
        self.roster = w.HTML().add_class("pact-console-roster")
        self.report_button = _button("Make the report", "pact-console-report", "info")
        self.report_button.layout.width = "auto"
        self.report = w.HTML().add_class("pact-console-report-links")
        self._cohort: Cohort | None = None
        self._wire()
        self.widget = self._layout()
        self._translate()
        self.refresh()

    def _wire(self) -> None:
        self.refresh_button.on_click(lambda _b: self.refresh())
        self.language.observe(lambda _c: self._set_language(), names="value")
        self.assignment.observe(lambda _c: self.refresh(), names="value")
        self.scenario.observe(lambda _c: self._show_items(), names="value")
        self.buttons["release"].on_click(lambda _b: self._run(cycle.release))
        self.buttons["collect"].on_click(lambda _b: self._run(cycle.collect))
        self.buttons["grade"].on_click(lambda _b: self._autograde())
        self.buttons["feedback"].on_click(lambda _b: self._run(cycle.feedback))
        self.add_button.on_click(lambda _b: self._add_person())
        self.report_button.on_click(lambda _b: self._make_report())

    def _layout(self) -> w.Widget:
        cycle_tab = w.VBox(
            [
                self.steps,
                w.HBox(list(self.buttons.values())),
                self.progress,
                self.message,
                self.formgrader,
                self.table,
            ]
        )
        roster_tab = w.VBox(
            [
                self.roster_intro,
                w.HBox([self.new_id, self.new_name, self.new_lang, self.add_button]),
                self.roster,
            ]
        )
        tabs = w.Tab(
            children=[
                cycle_tab,
                self.cohort,
                w.VBox([self.scenario, self.items]),
                roster_tab,
                w.VBox(
                    [
                        self.report_intro,
                        self.report_button,
                        self.report,
                    ]
                ),
            ]
        )
        tabs.add_class("pact-console-tabs")
        self.tabs = tabs
        page = w.VBox([self.head, w.HBox([self.assignment, self.refresh_button, self.language]), tabs])
        page.add_class("pact-console")
        return page

    def _set_language(self) -> None:
        self.lang = self.language.value
        self._translate()
        if self._last is not None:
            self._say(self._last)
        if self.progress.layout.visibility == "visible":
            self.progress.description = t("console.of", self.lang, n=self.progress.value, total=self.progress.max)
        self.refresh(keep_message=True)

    def _translate(self) -> None:
        """Every fixed word of the console in the chosen language."""
        lang = self.lang
        self.head.value = views.STYLE + f"<h1>{t('console.title', lang)}</h1>"
        self.steps.value = t("console.steps", lang)
        self.assignment.description = t("console.assessment", lang)
        self.refresh_button.description = t("console.refresh", lang)
        for key, button in self.buttons.items():
            button.description = t(BUTTON_KEYS[key], lang)
        for i, key in enumerate(TAB_KEYS):
            self.tabs.set_title(i, t(key, lang))
        self.roster_intro.value = f"<p>{t('console.roster_intro', lang)}</p>"
        self.new_id.description = t("console.roster_id", lang)
        self.new_name.description = t("console.roster_name", lang)
        self.new_lang.description = t("console.roster_lang", lang)
        self.add_button.description = t("console.roster_add", lang)
        self.report_intro.value = f"<p>{t('console.report_intro', lang)}</p>"
        self.report_button.description = t("console.report_make", lang)
        self.scenario.description = t("console.scenario", lang)

    # --- actions -----------------------------------------------------------------------------

    def _busy(self, busy: bool) -> None:
        for b in (*self.buttons.values(), self.refresh_button, self.report_button):
            b.disabled = busy

    def _say(self, outcome: cycle.Outcome) -> None:
        self._last = outcome
        css = "ok" if outcome.ok else "problem"
        problems = "".join(f"<li>{escape(p)}</li>" for p in outcome.problem_lines(self.lang))
        self.message.value = f'<p class="{css}">{escape(outcome.text(self.lang))}</p>' + (
            f"<ul>{problems}</ul>" if problems else ""
        )

    def _run(self, action) -> None:
        a = self.assignment.value
        if not a:
            return
        self._busy(True)
        self.message.value = f"<p>{t('console.working', self.lang)}</p>"
        try:
            self._say(action(self.root, a))
        except Exception as exc:  # noqa: BLE001 - shown to the trainer in words, never as a traceback on the page
            self._say(cycle.Outcome.one(False, "error", reason=f"{type(exc).__name__}: {exc}"))
            traceback.print_exc()
        finally:
            self._busy(False)
            self.refresh(keep_message=True)

    def _autograde(self) -> None:
        a = self.assignment.value
        total = cycle.to_grade(self.root, a) if a else 0
        if not total:
            self._say(cycle.Outcome.one(True, "nothing_to_grade"))
            return
        self.progress.max, self.progress.value = total, 0
        self.progress.description = t("console.of", self.lang, n=0, total=total)
        self.progress.layout.visibility = "visible"

        def step(student: str, _failure) -> None:
            self.progress.value += 1
            n = self.progress.value
            self.progress.description = t("console.of", self.lang, n=n, total=total)
            self.message.value = f"<p>{escape(t('console.grading', self.lang, n=n, total=total, who=student))}</p>"

        self._run(lambda root, assignment: cycle.grade(root, assignment, progress=step))

    def _add_person(self) -> None:
        pid, name = self.new_id.value.strip(), self.new_name.value.strip()
        if not pid or not name:
            self.roster.value = (
                f'<p class="problem">{t("console.roster_missing", self.lang)}</p>' + self._roster_table()
            )
            return
        try:
            person = upsert(self.root, pid, role="trainee", name=name, lang=self.new_lang.value)
            sync_names(self.root, [person])
        except (RosterError, OSError) as exc:
            self.roster.value = f'<p class="problem">{escape(str(exc))}</p>' + self._roster_table()
            return
        self.new_id.value = self.new_name.value = ""
        self.refresh(keep_message=True)
        self.roster.value = (
            f'<p class="ok">{escape(t("console.roster_saved", self.lang, id=person.id, name=person.name))}</p>'
            + self._roster_table()
        )

    def _make_report(self) -> None:
        a = self.assignment.value
        self.report.value = f"<p>{t('console.report_writing', self.lang)}</p>"
        try:
            files = write_report(self.root, a)
        except LookupError:
            self.report.value = f'<p class="problem">{t("console.report_none", self.lang)}</p>'
            return
        self.report.value = views.report_links(files.folder, self.root, files.certificates, files.statements)

    # --- views -------------------------------------------------------------------------------

    def _roster_table(self) -> str:
        try:
            people = [p for p in read_roster(self.root).values() if p.role == "trainee"]
        except RosterError as exc:
            return f'<p class="problem">{escape(str(exc))}</p>'
        return views.roster_view(people, self.lang)

    def refresh(self, keep_message: bool = False) -> None:
        """Read everything again: statuses, results, the cohort views and the roster."""
        a = self.assignment.value
        if not keep_message:
            self.message.value = ""
        self.roster.value = self._roster_table()
        if not a:
            self.table.value = f'<p class="muted">{t("console.no_assessments", self.lang)}</p>'
            return
        self.formgrader.value = (
            f'<p><a href="../../../formgrader/gradebook/{escape(a)}/{escape(a)}" target="_blank" '
            f'class="pact-formgrader-link">{t("console.formgrader", self.lang)}</a> '
            f"{t('console.formgrader_note', self.lang)}</p>"
        )
        rows = status.trainees(self.root, a)
        try:
            found = {r.trainee: r for r in gradebook_results(self.root, a, _threshold())[0]}
        except LookupError:
            found = {}
        self.table.value = views.trainee_table(rows, found, self.lang)
        try:
            self._cohort = load_cohort(self.root, a)
        except LookupError:
            self._cohort = None
            self.cohort.value = f'<p class="muted">{t("console.nothing_graded", self.lang)}</p>'
            self.items.value = ""
            return
        self.cohort.value = views.cohort_view(self._cohort, self.lang)
        options = [(s.title.get(self.lang), s.id) for s in self._cohort.scenarios]
        if list(self.scenario.options) != options:
            self.scenario.options = options
        if options and self.scenario.value not in {sid for _, sid in options}:
            self.scenario.value = options[0][1]
        self._show_items()

    def _show_items(self) -> None:
        cohort = self._cohort
        if cohort is not None and self.scenario.value:
            self.items.value = views.item_view(cohort, self.scenario.value, self.lang)


def _threshold() -> float:
    from ..engine.settings import pass_threshold

    return pass_threshold()


def show(root: Path | str | None = None) -> TrainerConsole:
    """Display the console for the course at `root` (default: the course this notebook is in)."""
    from IPython.display import display

    from ..engine.root import find_course_root

    console = TrainerConsole(Path(root) if root else find_course_root())
    display(console.widget)
    return console
