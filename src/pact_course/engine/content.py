"""Loads content/ (guidelines and scenarios) and reports every problem as `file: path: message`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from .model import Course, Guideline, Scenario
from .root import find_course_root

GUIDELINES_FILE = "guidelines.yaml"
SCENARIOS_DIR = "scenarios"
NUMBER_OF_GUIDELINES = 10


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a content file, located by its YAML path."""

    file: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.path}: {self.message}" if self.path else f"{self.file}: {self.message}"


class ContentError(Exception):
    """The content has problems; `.problems` lists every one of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def course_root() -> Path:
    """The course commands act on (see `root.find_course_root`); raises CourseNotFound outside a course."""
    return find_course_root()


def load_course(root: Path | str | None = None) -> Course:
    """Load and validate the whole course under `root`; raise ContentError listing every problem."""
    content = Path(root or course_root()) / "content"
    problems: list[Problem] = []
    guidelines = load_guidelines(content / GUIDELINES_FILE, problems)
    known = {g.id for g in guidelines}
    scenarios: dict[str, Scenario] = {}
    files = sorted((content / SCENARIOS_DIR).glob("*.y*ml"))
    for file in files:
        scenario = load_scenario(file, known, problems)
        if scenario is None:
            continue
        if scenario.id in scenarios:
            problems.append(Problem(file.name, "id", f"duplicate scenario id '{scenario.id}'"))
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


def load_guidelines(file: Path, problems: list[Problem]) -> list[Guideline]:
    """Read the guidelines file; append its problems; return the valid guidelines."""
    data = _read_yaml(file, problems)
    if data is None:
        return []
    if set(data) != {"guidelines"}:
        extra = sorted(set(data) - {"guidelines"})
        if extra:
            problems.append(Problem(file.name, extra[0], f"unknown field '{extra[0]}'"))
        if "guidelines" not in data:
            problems.append(Problem(file.name, "guidelines", "missing field 'guidelines'"))
            return []
    items = data["guidelines"]
    if not isinstance(items, list):
        problems.append(Problem(file.name, "guidelines", f"must be a list, found {_kind(items)}"))
        return []
    guidelines: list[Guideline] = []
    for index, item in enumerate(items):
        g = _parse(Guideline, item, file.name, f"guidelines[{index}]", problems)
        if g is None:
            continue
        if g.number != index + 1:
            problems.append(
                Problem(file.name, f"guidelines[{index}].number", f"must be {index + 1} (seed order), found {g.number}")
            )
        if any(g.id == other.id for other in guidelines):
            problems.append(Problem(file.name, f"guidelines[{index}].id", f"duplicate guideline id '{g.id}'"))
        guidelines.append(g)
    if len(items) != NUMBER_OF_GUIDELINES:
        problems.append(
            Problem(file.name, "guidelines", f"must list {NUMBER_OF_GUIDELINES} guidelines, found {len(items)}")
        )
    return guidelines


def load_scenario(file: Path, known_guidelines: set[str], problems: list[Problem]) -> Scenario | None:
    """Read and check one scenario file; append its problems; return it only if it has none."""
    before = len(problems)
    try:
        data = _read_yaml(file, problems)
        if data is None:
            return None
        scenario = _parse(Scenario, data, file.name, "", problems)
        if scenario is None:
            return None
        _check_scenario(scenario, file, known_guidelines, problems)
    except Exception as exc:  # noqa: BLE001 - a last line of defence: bad content never shows a traceback
        problems.append(Problem(file.name, "", f"could not be checked ({type(exc).__name__}: {exc})"))
        return None
    return scenario if len(problems) == before else None


def _check_scenario(s: Scenario, file: Path, known: set[str], problems: list[Problem]) -> None:
    name = file.name

    def report(path: str, message: str) -> None:
        problems.append(Problem(name, path, message))

    if s.id != file.stem:
        report("id", f"'{s.id}' must equal the file name '{file.stem}'")
    if file.suffix != ".yaml":
        report("", "scenario files end in .yaml")
    if s.use == "assessment" and not s.assignment:
        report("assignment", "an assessment scenario needs an assignment (e.g. induction)")
    if s.use == "practice" and s.assignment:
        report("assignment", "only assessment scenarios belong to an assignment")
    if s.use == "assessment" and s.kiosk:
        report("kiosk", "only practice scenarios can be shown on the kiosk")
    if not s.steps:
        report("steps", "a scenario needs at least one step")
        return
    if s.start not in s.steps:
        report("start", f"no step '{s.start}'")
    for step_id, step in s.steps.items():
        where = f"steps.{step_id}"
        if not step.options:
            report(f"{where}.options", "a step needs at least one option")
        seen: set[str] = set()
        for i, option in enumerate(step.options):
            at = f"{where}.options[{i}]"
            if option.id in seen:
                report(f"{at}.id", f"duplicate option id '{option.id}' in step '{step_id}'")
            seen.add(option.id)
            if option.next is not None and option.next not in s.steps:
                report(f"{at}.next", f"no step '{option.next}'")
            for field in ("upholds", "breaches"):
                for j, gid in enumerate(getattr(option, field)):
                    if gid not in known:
                        report(f"{at}.{field}[{j}]", f"unknown guideline id '{gid}'")
            both = set(option.upholds) & set(option.breaches)
            if both:
                report(f"{at}", f"an option cannot both uphold and breach '{sorted(both)[0]}'")
    if s.start in s.steps:
        _check_graph(s, report)


def _check_graph(s: Scenario, report) -> None:
    """Report unreachable steps and cycles (every path must reach an end)."""
    state: dict[str, str] = {}
    cycles: list[str] = []

    def visit(step_id: str, trail: list[str]) -> None:
        state[step_id] = "open"
        for option in s.steps[step_id].options:
            nxt = option.next
            if nxt is None or nxt not in s.steps:
                continue
            if state.get(nxt) == "open":
                loop = [*trail[trail.index(nxt) :], step_id, nxt] if nxt in trail else [step_id, nxt]
                cycles.append(" -> ".join(dict.fromkeys(loop[:-1])) + f" -> {nxt}")
            elif nxt not in state:
                visit(nxt, [*trail, step_id])
        state[step_id] = "done"

    visit(s.start, [])
    for step_id in s.steps:
        if step_id not in state:
            report(f"steps.{step_id}", f"unreachable: no path from start '{s.start}' leads here")
    for loop in dict.fromkeys(cycles):
        report("steps", f"cycle: {loop}; every path must reach an end")
    if not cycles:
        from .scoring import max_score

        if max_score(s) <= 0:
            report("steps", "the best path scores 0 or less; at least one path must earn points")


def _read_yaml(file: Path, problems: list[Problem]) -> dict[str, Any] | None:
    name = file.name
    try:
        raw = file.read_bytes()
    except OSError as exc:
        problems.append(Problem(name, "", f"cannot read the file ({exc.strerror or exc})"))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(
            Problem(name, "", f"not UTF-8 text (byte {raw[exc.start]:#04x} at position {exc.start}); save it as UTF-8")
        )
        return None
    if not text.strip():
        problems.append(Problem(name, "", "the file is empty"))
        return None
    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - SafeLoader subclass
    except _DuplicateKey as exc:
        problems.append(Problem(name, exc.path, f"duplicate key '{exc.key}' (line {exc.line})"))
        return None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "unknown place"
        what = getattr(exc, "problem", None) or "invalid YAML"
        problems.append(Problem(name, "", f"YAML syntax error at {where}: {what}"))
        return None
    if data is None:
        problems.append(Problem(name, "", "the file is empty"))
        return None
    if not isinstance(data, dict):
        problems.append(Problem(name, "", f"must be a mapping of fields, found {_kind(data)}"))
        return None
    return data


class _DuplicateKey(Exception):
    def __init__(self, key: str, path: str, line: int):
        self.key, self.path, self.line = key, path, line


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe loader that refuses a key given twice in one mapping (YAML would keep the last)."""

    def construct_mapping(self, node, deep=False):
        seen: set = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                raise yaml.constructor.ConstructorError(
                    None, None, "a key must be plain text, not a list or mapping", key_node.start_mark
                )
            if key in seen:
                raise _DuplicateKey(str(key), _node_path(self, node), key_node.start_mark.line + 1)
            seen.add(key)
        return super().construct_mapping(node, deep)

    def compose_document(self):
        """The document's nodes, remembered so that a duplicate key can name its path."""
        node = super().compose_document()
        self._pact_root = node
        return node


def _node_path(loader: yaml.SafeLoader, target) -> str:
    """The dotted YAML path of a mapping node inside the document being loaded."""

    def walk(node, path: str):
        if node is target:
            return path
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                found = walk(v, f"{path}.{k.value}" if path else str(k.value))
                if found is not None:
                    return found
        elif isinstance(node, yaml.SequenceNode):
            for i, v in enumerate(node.value):
                found = walk(v, f"{path}[{i}]")
                if found is not None:
                    return found
        return None

    root = getattr(loader, "_pact_root", None)
    return (walk(root, "") if root is not None else None) or ""


_MESSAGES = {
    "missing": "missing field",
    "extra_forbidden": "unknown field",
    "string_type": "must be text",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "bool_type": "must be true or false",
    "list_type": "must be a list",
    "dict_type": "must be a mapping",
    "model_type": "must be a mapping",
    "literal_error": "must be one of",
}
_LANG_NAMES = {"en": "English", "es": "Spanish"}


def _parse(model: type[BaseModel], data: Any, file: str, prefix: str, problems: list[Problem]):
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = [str(x) for x in err["loc"]]
            kind = err["type"]
            if loc and loc[-1] == "[key]":
                path = _join(prefix, err["loc"][:-2], data)
                problems.append(Problem(file, path, f"every key must be text, found {_kind(err['input'])}"))
                continue
            path = _join(prefix, err["loc"], data)
            if kind == "missing" and loc and loc[-1] in _LANG_NAMES:
                message = f"missing {_LANG_NAMES[loc[-1]]} text ({loc[-1]})"
            elif kind == "missing":
                message = f"missing field '{loc[-1]}'" if loc else "missing field"
            elif kind == "extra_forbidden":
                message = f"unknown field '{loc[-1]}'"
            elif kind in ("string_too_short", "string_pattern_mismatch"):
                message = "must not be empty"
            elif kind == "literal_error":
                expected = err.get("ctx", {}).get("expected", "")
                message = f"must be one of {expected}, found {err['input']!r}"
            elif kind in _MESSAGES:
                message = f"{_MESSAGES[kind]}, found {_kind(err['input'])}"
            else:
                message = err["msg"]
            problems.append(Problem(file, path, message))
        return None


def _join(prefix: str, loc, data: Any = None) -> str:
    """A YAML path such as `steps.arrival.options[1].next`, indexing only where `data` has a list."""
    path = prefix
    for part in loc:
        if isinstance(part, int) and isinstance(data, list):
            path += f"[{part}]"
        else:
            path = f"{path}.{part}" if path else str(part)
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            data = None
    return path


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, str):
        return f"text {value!r}" if len(value) < 40 else "text"
    if isinstance(value, int):
        return f"number {value}"
    if isinstance(value, float):
        return f"number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__
