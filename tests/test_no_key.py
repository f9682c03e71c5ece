"""No key reaches a trainee: release/, fetched files, the installed package and feedback HTML are scanned."""

from __future__ import annotations

import html
import json
from pathlib import Path

import nbformat
import pytest

from conftest import REPO
from pact_course.engine.content import load_course

KEY_MARKERS = (
    '"points"',
    '"critical"',
    '"upholds"',
    '"breaches"',
    '"feedback"',
    "BEGIN HIDDEN TESTS",
    "END HIDDEN TESTS",
    "pact_course.grading",
)


def feedback_texts(scenarios) -> set[str]:
    return {
        t for s in scenarios for step in s.steps.values() for o in step.options for t in (o.feedback.en, o.feedback.es)
    }


def notebook_text(path: Path) -> str:
    """What a trainee can see in a notebook: every cell's source and outputs (not nbgrader's cell metadata)."""
    nb = nbformat.read(str(path), as_version=4)
    parts = []
    for cell in nb.cells:
        parts.append(cell.source)
        for output in cell.get("outputs", []):
            parts.append(json.dumps(output, ensure_ascii=False))
    parts.append(json.dumps(dict(nb.metadata.items()), ensure_ascii=False))
    return "\n".join(parts)


def visible_text(path: Path) -> str:
    if path.suffix == ".ipynb":
        return notebook_text(path)
    text = path.read_text(encoding="utf-8", errors="replace")
    return html.unescape(text) if path.suffix == ".html" else text


def leaks(folder: Path, texts: set[str], markers=KEY_MARKERS, pattern: str = "*") -> list[str]:
    found = []
    for path in sorted(p for p in folder.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts):
        if path.suffix in {".pyc", ".png", ".woff", ".woff2"}:
            continue
        text = visible_text(path)
        flat = " ".join(text.split())  # wrapped output or JSON-escaped newlines must not hide a text
        flat_json = " ".join(text.replace("\\n", " ").split())
        found += [f"{path.relative_to(folder)}: {m}" for m in markers if m in text]
        found += [
            f"{path.relative_to(folder)}: feedback text {t[:40]!r}"
            for t in texts
            if " ".join(t.split()) in flat or " ".join(t.split()) in flat_json
        ]
    return found


def test_release_holds_no_key():
    """Nothing in release/ holds a key marker or any assessment feedback text."""
    course = load_course(REPO)
    assert course.assessment(), "the bank has assessment scenarios"
    assert (REPO / "release").is_dir(), "release/ is committed (pact-course build)"
    assert not leaks(REPO / "release", feedback_texts(course.assessment()))


def test_scenarios_json_is_the_public_part_only():
    """Each option in a released scenarios.json holds only its id, text and next step."""
    for path in (REPO / "release").glob("*/scenarios.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        for scenario in data["scenarios"]:
            for step in scenario["steps"].values():
                for option in step["options"]:
                    assert set(option) == {"id", "text", "next"}, path


def test_the_installed_package_holds_no_assessment_feedback():
    """The installed pact_course package holds no assessment feedback text."""
    import pact_course

    package = Path(pact_course.__file__).parent
    assert not leaks(package, feedback_texts(load_course(REPO).assessment()), markers=())


def test_no_decision_log_in_source():
    """No decisions.json is left in source/."""
    assert not list((REPO / "source").rglob("decisions.json"))


@pytest.mark.slow
def test_fetched_files_and_feedback_hold_no_key(tmp_path_factory, tea_break):
    """A trainee's fetched files and the outbound exchange hold no key, and each feedback page shows only the feedback
    of the options that trainee chose."""
    from test_nbgrader_cycle import ASSIGNMENT, COHORT, shared_cycle

    cycle = shared_cycle(tmp_path_factory)
    all_feedback = feedback_texts([tea_break])
    fetched = cycle.workspace("blank") / ASSIGNMENT
    assert (fetched / f"{ASSIGNMENT}.ipynb").is_file()
    assert not leaks(fetched, all_feedback)
    exchange_out = cycle.exchange / "pact-facilitator" / "outbound" / ASSIGNMENT
    assert not leaks(exchange_out, all_feedback)

    feedback_markers = (*KEY_MARKERS, "### BEGIN", "Traceback (most recent call last)", "grade(r'''", "Error:")
    scanned = 0
    for t in COHORT:
        page = cycle.root / "feedback" / t.id / ASSIGNMENT / f"{ASSIGNMENT}.html"
        if not page.exists():
            continue
        chosen = {o.feedback.en for s in tea_break.steps.values() for o in s.options if o.id in t.choices}
        chosen |= {o.feedback.es for s in tea_break.steps.values() for o in s.options if o.id in t.choices}
        if t.id == "forged":
            chosen |= {"Fine but later.", "Nice close."}
        not_chosen = all_feedback - chosen
        # the folder also returns the trainee's own files (their decisions.json); the page is what nbgrader wrote
        assert not leaks(page.parent, not_chosen, feedback_markers, "*.html"), t.id
        text = page.read_text(encoding="utf-8")  # the course's own page: a verdict, and no code at all
        assert "pact-fb-verdict" in text and "In [" not in text and "import " not in text, t.id
        scanned += 1
    assert scanned >= 8
    fetched_feedback = cycle.workspace("full") / ASSIGNMENT / "feedback"
    assert not leaks(
        fetched_feedback,
        all_feedback - {"Good listening.", "Right.", "Nice close.", "Buena escucha.", "Correcto.", "Buen cierre."},
        feedback_markers,
        "*.html",
    )
