"""The ungraded notebooks: generated from content, in sync, and each runs top to bottom in a real kernel."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import nbformat
import pytest

from pact_course.build.practice_notebooks import GUIDELINES, NOTEBOOK_ONLY, PAGE_KEY, WELCOME, exercised_by, notebooks
from pact_course.engine.content import load_course
from pact_course.engine.practice import MODULES, modules

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO / "notebooks"
NOT_HERE = {"kiosk.ipynb"}  # the kiosk's notebook is tested with the kiosk


@pytest.fixture(scope="module")
def course():
    return load_course(REPO)


def test_the_committed_notebooks_are_what_the_generator_writes(course):
    """Each committed notebook is exactly what the generator writes from the current content/."""
    expected = notebooks(course)
    for name, text in expected.items():
        path = NOTEBOOKS / name
        assert path.exists(), f"{name} is missing: run `.venv/bin/python -m pact_course.build.practice_notebooks`"
        assert path.read_text(encoding="utf-8") == text, (
            f"{name} is out of date with content/: run `.venv/bin/python -m pact_course.build.practice_notebooks`"
        )


def test_generating_twice_gives_identical_text(course):
    """Generating the notebooks twice gives identical text."""
    assert notebooks(course) == notebooks(course)


def test_committed_notebooks_have_no_outputs():
    """No committed notebook has a code cell with outputs or an execution count."""
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, path.name


def test_every_practice_scenario_is_in_exactly_one_module(course):
    """Every practice scenario belongs to exactly one module, and each module has its notebook, which draws that
    module's page."""
    placed = [s.id for _, scenarios in modules(course) for s in scenarios]
    assert sorted(placed) == sorted(s.id for s in course.practice())
    assert len(placed) == len(set(placed))
    for m in MODULES:
        nb = nbformat.read(NOTEBOOKS / m.notebook, as_version=4)
        code = [c.source for c in nb.cells if c.cell_type == "code"]
        assert code == [f'from pact_course.player import module\n\nmodule("{m.id}")'], m.notebook


def test_the_themes_follow_the_brief_for_known_scenarios(course):
    """Known scenarios sit in the module whose theme the brief gives them."""
    where = {s.id: m.id for m, ss in modules(course) for s in ss}
    expected = {
        "crying-baby": "everyday",
        "late-joiner": "everyday",
        "busy-kitchen-course": "everyday",
        "cutting-remarks": "behaviour",
        "screenshot-group": "behaviour",
        "promise-not-to-tell": "safeguarding",
        "parent-not-coping": "safeguarding",
        "session-time-complaint": "parent-voice",
    }
    for sid, module_id in expected.items():
        if sid in where:
            assert where[sid] == module_id, sid


@pytest.mark.parametrize(
    ("name", "call"),
    [(WELCOME, "home()"), (GUIDELINES, "guidelines()"), *[(m.notebook, f'module("{m.id}")') for m in MODULES]],
)
def test_each_notebook_is_one_page_with_nothing_to_run(name, call):
    """Each notebook is a course page: one short code cell that draws it, and a bilingual title that only the notebook
    editor shows (tagged so the trainee's page leaves it out); it is marked as a course page a workspace may refresh."""
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    markdown = [c for c in nb.cells if c.cell_type == "markdown"]
    assert len(code) == 1 and code[0].source.endswith(call) and len(code[0].source.splitlines()) <= 3
    assert len(markdown) == 1 and markdown[0].metadata["tags"] == [NOTEBOOK_ONLY]
    assert " / " in markdown[0].source.splitlines()[0]  # English / Spanish
    assert nb.metadata[PAGE_KEY]["page"]
    assert "Run All" not in "\n".join(c.source for c in nb.cells)


def test_which_practice_scenarios_train_each_guideline(course):
    """exercised_by lists the practice scenarios with an option that upholds or breaches the guideline."""
    for g in course.guidelines:
        found = {s.id for s in exercised_by(course, g.id)}
        for s in course.practice():
            options = [o for step in s.steps.values() for o in step.options]
            assert (s.id in found) == any(g.id in o.upholds or g.id in o.breaches for o in options), (g.id, s.id)


def _notebooks_to_run() -> list[Path]:
    return [p for p in sorted(NOTEBOOKS.glob("*.ipynb")) if p.name not in NOT_HERE]


@pytest.mark.slow
@pytest.mark.parametrize("path", _notebooks_to_run(), ids=lambda p: p.name)
def test_each_notebook_runs_top_to_bottom_in_a_real_kernel(path, tmp_path):
    """Each notebook (a page) runs top to bottom in a real kernel within 120 s, with no error or stderr, a first cell
    under 10 s, a widget from every code cell, and no decision log written."""
    from nbclient import NotebookClient

    work = tmp_path / "nb"
    work.mkdir()
    shutil.copy(path, work / path.name)
    nb = nbformat.read(work / path.name, as_version=4)
    client = NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(work)}})
    started = time.monotonic()
    client.execute()
    elapsed = time.monotonic() - started
    code = [c for c in nb.cells if c.cell_type == "code"]
    for cell in code:
        for out in cell.outputs:
            assert out.output_type != "error", f"{path.name}: {out.get('ename')}: {out.get('evalue')}"
            assert not (out.output_type == "stream" and out.name == "stderr"), (
                f"{path.name} wrote to stderr: {out.text}"
            )
    if code:
        first = code[0]
        timing = first.metadata.get("execution", {})
        from datetime import datetime

        took = (
            datetime.fromisoformat(timing["shell.execute_reply"].replace("Z", "+00:00"))
            - datetime.fromisoformat(timing["iopub.execute_input"].replace("Z", "+00:00"))
        ).total_seconds()
        assert took < 10, f"{path.name}: the first cell took {took:.1f}s"
        for cell in code:
            assert any("application/vnd.jupyter.widget-view+json" in out.get("data", {}) for out in cell.outputs), (
                f"{path.name}: cell {cell.id} shows no widget"
            )
    assert not (work / "decisions.json").exists()  # running the page records nothing by itself
    assert elapsed < 120
