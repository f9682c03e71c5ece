"""Loads content/ (guidelines and scenarios) and reports every problem at once, as `file:line:column: where: what`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from .checks import check_scenario
from .field_errors import validate
from .model import Course, Guideline, Scenario
from .problems import ContentError, Loc, Problem, capped, describe, dotted
from .root import find_course_root
from .yaml_reader import Document, read_yaml

__all__ = [
    "GUIDELINES_FILE",
    "NUMBER_OF_GUIDELINES",
    "SCENARIOS_DIR",
    "ContentError",
    "GuidelinesFile",
    "Problem",
    "check_scenario_file",
    "course_root",
    "display_name",
    "load_course",
    "load_guidelines",
    "load_scenario",
    "load_scenario_files",
]

GUIDELINES_FILE = "guidelines.yaml"
SCENARIOS_DIR = "scenarios"
NUMBER_OF_GUIDELINES = 10


class GuidelinesFile(BaseModel):
    """content/guidelines.yaml: the one field `guidelines`, PACT's guidelines in order."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    guidelines: list[Guideline]


def course_root() -> Path:
    """The course commands act on (see `root.find_course_root`); raises CourseNotFound outside a course."""
    return find_course_root()


def display_name(file: Path) -> str:
    """The file as an author's terminal or editor opens it: relative to the current folder when inside it."""
    try:
        relative = os.path.relpath(file)
    except ValueError:  # another drive on Windows
        return str(file)
    return relative if not relative.startswith("..") else str(file)


def load_course(root: Path | str | None = None) -> Course:
    """Load and validate the whole course under `root`; raise ContentError listing every problem."""
    content = Path(root or course_root()) / "content"
    problems: list[Problem] = []
    guidelines = load_guidelines(content / GUIDELINES_FILE, problems)
    known = {g.id for g in guidelines}
    scenarios: dict[str, Scenario] = {}
    for file in sorted((content / SCENARIOS_DIR).glob("*.y*ml")):
        scenario = load_scenario(file, known, problems)
        if scenario is None:
            continue
        if scenario.id in scenarios:
            problems.append(Problem(display_name(file), "id", f"duplicate scenario id '{scenario.id}'", where="id"))
            continue
        scenarios[scenario.id] = scenario
    if problems:
        raise ContentError(problems)
    return Course(guidelines=guidelines, scenarios=scenarios)


def load_scenario_files(paths: list[Path], guidelines_file: Path) -> tuple[list[Scenario], list[Problem]]:
    """Validate the given scenario files against a guidelines file; return scenarios and problems."""
    problems: list[Problem] = []
    known = {g.id for g in load_guidelines(guidelines_file, problems)}
    scenarios = [s for p in paths if (s := load_scenario(Path(p), known, problems)) is not None]
    return scenarios, problems


class _FileReport:
    """Collects one file's problems, each placed by line and column and described in words."""

    def __init__(self, file: Path, doc: Document, kind: str):
        self.name, self.doc, self.kind = display_name(file), doc, kind
        self.problems: list[Problem] = []

    def __call__(self, loc: Loc, message: str, at_key: bool = False) -> None:
        if self.doc.is_refused(loc):
            return  # inside a refused alias or tag, already reported once
        container = isinstance(_value_at(self.doc.data, loc), (dict, list))  # point at its key: `title:`
        line, column = self.doc.at(loc, key=at_key or container) or (None, None)
        where = describe(loc, self.doc.data, self.kind)
        self.problems.append(Problem(self.name, dotted(loc), message, line, column, where))

    def fields(self, model: type[BaseModel], data: Any, prefix: Loc = ()) -> Any:
        """Check `data` (found at `prefix`) against `model`; report its field problems; the object or None."""
        result, issues = validate(model, data, lambda loc: self.doc.is_refused((*prefix, *loc)))
        for loc, message, at_key in issues:
            self((*prefix, *loc), message, at_key)
        return result


def _value_at(data: Any, loc: Loc) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def load_guidelines(file: Path, problems: list[Problem]) -> list[Guideline]:
    """Read the guidelines file; append its problems; return the valid guidelines."""
    doc, read_problems = read_yaml(file, display_name(file), kind="guidelines")
    report = _FileReport(file, doc, "guidelines")
    report.problems.extend(read_problems)
    guidelines: list[Guideline] = []
    if isinstance(doc.data, dict):
        top = {k: ([] if k == "guidelines" else v) for k, v in doc.data.items()}  # the items are checked below
        report.fields(GuidelinesFile, top)
        items = doc.data.get("guidelines")
        if "guidelines" not in doc.data:
            pass  # reported as a missing field above
        elif not isinstance(items, list):
            report(("guidelines",), "must be a list of guidelines")
        else:
            for index, item in enumerate(items):
                g = report.fields(Guideline, item, ("guidelines", index))
                if g is None:
                    continue
                if g.number != index + 1:
                    report(("guidelines", index, "number"), f"must be {index + 1} (seed order), found {g.number}")
                if any(g.id == other.id for other in guidelines):
                    report(("guidelines", index, "id"), f"duplicate guideline id '{g.id}'")
                guidelines.append(g)
            if len(items) != NUMBER_OF_GUIDELINES:
                report(("guidelines",), f"must list {NUMBER_OF_GUIDELINES} guidelines, found {len(items)}")
    problems.extend(capped(report.problems, report.name))
    return guidelines


def check_scenario_file(file: Path, known_guidelines: set[str]) -> tuple[Scenario | None, list[Problem]]:
    """Read and check one scenario file: (the scenario if it has no problem, every problem in reading order)."""
    file = Path(file)
    try:
        doc, read_problems = read_yaml(file, display_name(file))
        report = _FileReport(file, doc, "scenario")
        report.problems.extend(read_problems)
        scenario = None
        if isinstance(doc.data, dict):
            scenario = report.fields(Scenario, doc.data)
            check_scenario(doc.data, file.stem, file.suffix, known_guidelines, report)
    except Exception as exc:  # noqa: BLE001 - a last line of defence: bad content never shows a traceback
        return None, [Problem(display_name(file), "", f"could not be checked ({type(exc).__name__}: {exc})")]
    problems = capped(report.problems, report.name)
    return (scenario if not problems else None), problems


def load_scenario(file: Path, known_guidelines: set[str], problems: list[Problem]) -> Scenario | None:
    """Read and check one scenario file; append its problems; return it only if it has none."""
    scenario, found = check_scenario_file(file, known_guidelines)
    problems.extend(found)
    return scenario
