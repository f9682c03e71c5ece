"""The trainee's feedback page, made by nbgrader's generate_feedback: what each story, mark and plan holds."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path

from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import List

from ..build.assessment_notebooks import reflections
from ..build.rubrics import unsafe_answers
from ..engine.content import ContentError, load_course
from ..engine.decisions import LOG_NAME, read_log
from ..engine.model import Course, Option, Scenario, Text
from ..engine.practice import Module, judgement, modules
from ..engine.roster import display_name as person_name
from ..engine.scoring import replay
from ..engine.settings import pass_threshold
from ..grading.results import FOLLOW_UP, TraineeResult, graded_scenarios, verdict
from .follow_up import FollowUpPlan, follow_up_plan, practice_log

PRACTICE_COPY = "practice.json"  # the practice log the assessment page copies in at each submit
NBGRADER_NO_RESPONSE = "No response."  # nbgrader's own comment on an untouched answer cell (English only)


@dataclass
class Step:
    """One decision on the trainee's path: the step's prompt, the option chosen, how good it was."""

    number: int
    prompt: Text
    option: Option
    judgement: str


@dataclass
class Story:
    """One scenario told as the trainee played it."""

    number: int
    scenario: Scenario
    score: float | None
    maximum: float
    steps: list[Step] = field(default_factory=list)
    waiting_at: Text | None = None  # the prompt where the trainee stopped, if they did not finish
    log_problem: str | None = None


@dataclass
class Written:
    """One written answer: the question, the text, the trainer's mark and comment."""

    number: int
    question: Text | None
    text: str
    score: float | None
    maximum: float
    comment: str = ""


@dataclass
class Feedback:
    """Everything the feedback page shows."""

    assignment: str
    trainee: str
    who: str
    lang: str
    status: str
    score: float
    maximum: float
    threshold: float
    critical: int
    unsafe: int = 0  # written answers marked unsafe (the safety gate)
    stories: list[Story] = field(default_factory=list)
    written: list[Written] = field(default_factory=list)
    plan: FollowUpPlan | None = None
    module_of: dict[str, Module] = field(default_factory=dict)
    guidelines: dict[str, tuple[int, Text]] = field(default_factory=dict)  # id: (number, title)


def _coursedir(pp) -> CourseDirectory:
    node = getattr(pp, "parent", None)
    while node is not None:
        if isinstance(getattr(node, "coursedir", None), CourseDirectory):
            return node.coursedir
        node = getattr(node, "parent", None)
    return CourseDirectory(config=pp.config)


def _nbgrader(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader") or {}


def _number(value) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def collect(
    nb, info: dict, coursedir: CourseDirectory, marked: dict[str, bool], manual: dict[str, bool] | None = None
) -> Feedback:
    """The page's content from the graded notebook (scores and comments put in by GetGrades), the graded log,
    the scenarios as graded, and the course's practice (for the follow-up plan)."""
    root = Path(coursedir.root)
    student, assignment = info["student"], info["assignment"]
    folder = Path(coursedir.format_path(coursedir.autograded_directory, student, assignment))
    log = read_log(folder / LOG_NAME)
    graded = graded_scenarios(root, assignment)
    course: Course | None = None
    with contextlib.suppress(ContentError, LookupError, OSError):
        course = load_course(root)
    lang = next((d.lang for d in log.decisions), "en")
    questions = {r.id: Text(en=r.en, es=r.es) for r in reflections(assignment)}
    stories: list[Story] = []
    written: list[Written] = []
    marks: dict[str, float | None] = {}
    critical = 0
    for cell in nb.cells:
        meta = _nbgrader(cell)
        name = meta.get("grade_id")
        if not meta.get("grade") or not name:
            continue
        if meta.get("solution"):
            text = cell.get("source", "")
            text = "" if text.strip().startswith("_Write your answer here.") else text
            score = _number(meta.get("score")) if marked.get(name, False) else None
            comment = meta.get("comment") or ""
            comment = "" if comment.strip() == NBGRADER_NO_RESPONSE else comment
            points = _number(meta.get("points")) or 0.0
            written.append(Written(len(written) + 1, questions.get(name), text, score, points, comment))
            marks[name] = score
            continue
        scenario = graded.get(name)
        if scenario is None:
            continue
        played = replay(scenario, log.decisions)
        critical += len(played.critical)
        story = Story(len(stories) + 1, scenario, _number(meta.get("score")), _number(meta.get("points")) or 0.0)
        story.log_problem = log.problem
        for n, taken in enumerate(played.taken, start=1):
            step = scenario.steps[taken.step_id]
            story.steps.append(Step(n, step.prompt, taken.option, judgement(step, taken.option)))
        if played.taken and not played.finished and played.waiting_at in scenario.steps:
            story.waiting_at = scenario.steps[played.waiting_at].prompt
        stories.append(story)
    score = sum(s.score or 0.0 for s in stories)
    maximum = sum(s.maximum for s in stories)
    threshold = pass_threshold()
    unsafe = unsafe_answers({name: mark for name, mark in marks.items() if (manual or {}).get(name)})
    status = verdict(score, maximum, threshold, bool(critical) or bool(unsafe), marks)
    page = Feedback(assignment, student, person_name(root, student), lang, status, score, maximum, threshold, critical)
    page.unsafe = len(unsafe)
    page.stories, page.written = stories, written
    if course is not None:
        page.guidelines = {g.id: (g.number, g.title) for g in course.guidelines}
        page.module_of = {s.id: m for m, ss in modules(course) for s in ss}
        result = TraineeResult(student, status, score=score, maximum=maximum)
        result.scenarios = {s.scenario.id: s.score for s in stories}
        submitted = Path(coursedir.format_path(coursedir.submitted_directory, student, assignment))
        copied = read_log(submitted / PRACTICE_COPY)
        practice = copied.decisions if copied.problem is None else practice_log(root, student)
        plan = follow_up_plan(course, result, practice, log.decisions)
        page.plan = plan if status == FOLLOW_UP else None
    return page


class CourseFeedback(NbGraderPreprocessor):
    """generate_feedback's page for a trainee: the course's own, in their language, with no code and no key.

    Runs after nbgrader's GetGrades (scores and comments in the cells) and puts the whole page into
    resources["pact_feedback"]; the course's template (reports/templates/feedback) shows only that.
    """

    display_data_priority: List = List(config=True, help="Set by nbgrader for every preprocessor; not used.")

    def preprocess(self, nb, resources):
        from nbgrader.api import Gradebook

        from .feedback_html import page, problem_page

        info = resources["nbgrader"]
        try:
            with Gradebook(info["db_url"]) as gb:
                submission = gb.find_submission_notebook(info["notebook"], info["assignment"], info["student"])
                marked = {g.name: g.manual_score is not None or not g.needs_manual_grade for g in submission.grades}
                manual = {g.name: g.manual_score is not None for g in submission.grades}
            resources["pact_feedback"] = page(collect(nb, info, _coursedir(self), marked, manual))
        except Exception as exc:  # noqa: BLE001 - a trainee still gets a page; the trainer sees the log
            self.log.warning("Feedback page for %s: %s", info.get("student"), exc)
            resources["pact_feedback"] = problem_page(type(exc).__name__)
        return nb, resources

    def preprocess_cell(self, cell, resources, index):  # pragma: no cover - preprocess does the work
        return cell, resources
