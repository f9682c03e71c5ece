"""`pact-course build`: the assessment notebooks, their grading cells, determinism, and refusing unsafe rebuilds."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from conftest import REPO
from pact_course.build.assessment_notebooks import assessment_notebook, reflections
from pact_course.engine.content import load_course
from pact_course.engine.scoring import best_path, max_score

BIN = str(Path(sys.executable).parent)


def env(home: Path) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("PACT_", "JUPYTER_", "NBGRADER_"))}
    clean.update(
        HOME=str(home), PATH=BIN + os.pathsep + os.environ.get("PATH", ""), PACT_EXCHANGE=str(home / "exchange")
    )
    return clean


def pact(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [f"{BIN}/pact-course", "--root", str(root), *args],
        cwd=root,
        env=env(root / ".home"),
        capture_output=True,
        text=True,
        timeout=600,
    )


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def copy_course(dest: Path, scenarios: Path | None = None) -> Path:
    """A course root with the repository's content (or one scenario folder) and nbgrader_config.py."""
    shutil.copytree(REPO / "content", dest / "content")
    if scenarios is not None:
        shutil.rmtree(dest / "content" / "scenarios")
        shutil.copytree(scenarios, dest / "content" / "scenarios")
    shutil.copy(REPO / "nbgrader_config.py", dest / "nbgrader_config.py")
    return dest


def built_tea_break_course(tmp_path: Path) -> Path:
    """A course with only the fixture scenario, built (source/ and release/)."""
    scenarios = tmp_path / "scenarios"
    scenarios.mkdir()
    shutil.copy(Path(__file__).parent / "data" / "tea-break.yaml", scenarios / "tea-break.yaml")
    root = copy_course(tmp_path / "course", scenarios)
    assert pact(root, "build").returncode == 0
    return root


# --- the notebook (fast) -----------------------------------------------------------------------


def nbgrader_meta(cell) -> dict:
    return cell.metadata.get("nbgrader", {})


def test_one_player_and_one_grading_cell_per_scenario(course_dir, tea_break):
    """Each assessment scenario gets one locked player cell and one locked grading cell worth its maximum, whose visible
    line gives nothing of the key away."""
    course = load_course(course_dir)
    nb = assessment_notebook(course, "induction")
    nbformat.validate(nb)
    grading = [c for c in nb.cells if nbgrader_meta(c).get("grade") and not nbgrader_meta(c).get("solution")]
    assert [c.metadata.nbgrader["grade_id"] for c in grading] == ["tea-break"]
    cell = grading[0]
    assert cell.metadata.nbgrader["points"] == max_score(tea_break) == 8
    assert cell.metadata.nbgrader["locked"] and cell.cell_type == "code"
    first, *rest = cell.source.splitlines()
    assert first.startswith('"""') and first.endswith('""";') and len(first) > 6
    assert rest[0] == "### BEGIN HIDDEN TESTS" and rest[-1] == "### END HIDDEN TESTS"
    visible = first
    for word in ("points", "critical", "upholds", "Good listening", "Never promise"):
        assert word not in visible
    players = [c for c in nb.cells if 'assessment("' in c.source]
    assert len(players) == 1 and nbgrader_meta(players[0])["locked"] and 'assessment("tea-break")' in players[0].source


def test_every_cell_is_in_the_gradebook_and_ids_are_stable(course_dir):
    """Every cell has a unique id that is also its nbgrader grade_id, and is either locked or an answer cell."""
    nb = assessment_notebook(load_course(course_dir), "induction")
    ids = [c.id for c in nb.cells]
    assert len(set(ids)) == len(ids)
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        assert meta["grade_id"] == cell.id
        assert meta["locked"] or meta["solution"], f"{cell.id} would escape the sanitizer"


def test_reflections_are_manually_graded_markdown_answers(course_dir):
    """Each assignment has at least two free-text reflections, as unlocked, manually graded markdown answer cells worth
    points."""
    nb = assessment_notebook(load_course(course_dir), "induction")
    answers = [c for c in nb.cells if nbgrader_meta(c).get("solution")]
    assert len(answers) >= 2
    for cell in answers:
        assert cell.cell_type == "markdown" and nbgrader_meta(cell)["grade"] and nbgrader_meta(cell)["points"] > 0
        assert not nbgrader_meta(cell)["locked"]
    assert "Write the words you would use" in " ".join(c.source for c in nb.cells)
    for assignment in ("induction", "safeguarding", "induction-v2"):
        assert len(reflections(assignment)) >= 2


def test_static_text_is_bilingual_side_by_side(course_dir):
    """The header shows English and Spanish side by side, and every other locked markdown cell is in both languages."""
    nb = assessment_notebook(load_course(course_dir), "induction")
    header = nb.cells[0].source
    assert '<td lang="en">' in header and '<td lang="es">' in header
    for en, es in (
        ("final", "definitiva"),
        ("graded", "corrige"),
        ("80%", "80%"),
        ("The tea break", "La pausa del té"),
    ):
        assert en in header and es in header
    for cell in nb.cells:
        if cell.cell_type == "markdown" and nbgrader_meta(cell)["locked"] and cell.id != "header":
            assert ('lang="es"' in cell.source) or (" / " in cell.source), cell.id


def test_the_trainee_page_is_drawn_by_locked_cells_and_the_trainers_text_is_tagged(course_dir):
    """The trainee's page: a locked intro (the language switch, progress), a player per scenario, a locked written
    answer before each answer cell, a locked Submit last; the bilingual markdown (header, titles, questions, answer
    cells) is tagged for trainers only, so the page shows each title once and no Markdown answer box."""
    from pact_course.build.assessment_notebooks import NOTEBOOK_ONLY

    nb = assessment_notebook(load_course(course_dir), "induction")
    code = [c for c in nb.cells if c.cell_type == "code"]
    ids = "('reflection-words', 'reflection-guideline')"
    assert code[0].id == "intro" and code[0].source.endswith(f"assessment_intro('induction', answers={ids})")
    assert code[-1].id == "submit" and code[-1].source == f"submit_assessment('induction', answers={ids})"
    for cell in code:
        assert nbgrader_meta(cell)["locked"], cell.id
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            assert cell.metadata.get("tags") == [NOTEBOOK_ONLY], cell.id
    order = [c.id for c in nb.cells]
    for item in reflections("induction"):
        write = order.index(f"{item.id}-write")
        assert order[write + 1] == item.id and f"written_answer({item.id!r}, en=" in nb.cells[write].source
    assert order.index("submit") == len(order) - 1


def test_guide_has_a_rubric_for_every_free_text_item():
    """The trainer guide has a rubric for every free-text item and names every command of the grading cycle."""
    guide = (REPO / "docs" / "trainer-guide.md").read_text(encoding="utf-8")
    for assignment in ("induction", "safeguarding"):
        for item in reflections(assignment):
            assert f"`{item.id}`" in guide, f"no rubric for {item.id}"
    for command in (
        "nbgrader release_assignment",
        "nbgrader collect",
        "nbgrader autograde",
        "nbgrader generate_feedback",
        "nbgrader release_feedback",
        "pact-course results",
        "make trainer",
        "pact-course build",
    ):
        assert command in guide


# --- the command (slow: nbgrader runs) -----------------------------------------------------------


@pytest.fixture(scope="module")
def built_course(tmp_path_factory) -> Path:
    """One build of the real bank (source/ and release/) in a temporary course, shared by this module."""
    root = copy_course(tmp_path_factory.mktemp("built") / "course")
    proc = pact(root, "build")
    assert proc.returncode == 0, proc.stderr
    return root


def built_files(root: Path) -> dict[str, bytes]:
    return {**files(root / "source"), **{f"release/{k}": v for k, v in files(root / "release").items()}}


@pytest.mark.slow
def test_committed_source_and_release_are_in_sync_with_content(built_course):
    """The committed source/ and release/ are exactly what building the current content/ gives."""
    for folder in ("source", "release"):
        assert files(REPO / folder) == files(built_course / folder), (
            f"{folder}/ is out of date with content/: run `make build` (pact-course build) and commit {folder}/"
        )


def nbgrader_validate(notebook: Path, home: Path) -> subprocess.CompletedProcess[str]:
    """`nbgrader validate` on a notebook, in its folder, with its own home."""
    return subprocess.run(
        [sys.executable, "-m", "nbgrader", "validate", str(notebook)],
        cwd=notebook.parent,
        env=env(home),
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.slow
def test_nbgrader_validate_gives_full_marks_for_the_best_path(built_course, tmp_path):
    """nbgrader validate passes a source notebook with a best-path log, and notices a partial one."""
    course = load_course(built_course)
    for assignment in course.assignments():
        work = tmp_path / "validate" / assignment
        shutil.copytree(built_course / "source" / assignment, work)
        entries = [
            {"scenario": s.id, "step": t.step_id, "option": t.option.id}
            for s in course.assessment(assignment)
            for t in best_path(s)
        ]
        notebook = work / f"{assignment}.ipynb"
        (work / "decisions.json").write_text(json.dumps({"format": 1, "decisions": entries}))
        good = nbgrader_validate(notebook, tmp_path / "home")
        assert "Success! Your notebook passes all the tests." in good.stdout, good.stdout + good.stderr
        (work / "decisions.json").write_text(json.dumps({"format": 1, "decisions": entries[:1]}))
        partial = nbgrader_validate(notebook, tmp_path / "home")
        assert "Success!" not in partial.stdout, "validate must notice a path that is not the best"


@pytest.mark.slow
def test_build_twice_changes_nothing(built_course):
    """Building again over a built course changes no file in source/ or release/."""
    before = built_files(built_course)
    second = pact(built_course, "build")
    assert second.returncode == 0, second.stderr
    assert built_files(built_course) == before
    assignments = load_course(built_course).assignments()
    assert sorted(p.name for p in (built_course / "source").iterdir()) == assignments
    for a in assignments:
        assert not (built_course / "source" / a / "decisions.json").exists()
        assert (built_course / "release" / a / "scenarios.json").is_file()


@pytest.mark.slow
def test_rebuild_with_submissions_is_refused_and_offers_a_new_version(tmp_path):
    """Once an assignment has submissions, an unchanged rebuild passes but a changed one is refused with nothing
    touched, and `--as` builds the change as a new version."""
    from nbgrader.api import Gradebook

    root = built_tea_break_course(tmp_path)
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}", "pact-facilitator") as gb:
        gb.add_student("trainee-1")
        gb.add_submission("induction", "trainee-1")
    same = pact(root, "build")
    assert same.returncode == 0, "an unchanged rebuild is fine even with submissions"
    before = files(root / "source") | {f"release/{k}": v for k, v in files(root / "release").items()}

    yaml_file = root / "content" / "scenarios" / "tea-break.yaml"
    yaml_file.write_text(yaml_file.read_text().replace("points: 4", "points: 5"))
    changed = pact(root, "build")
    assert changed.returncode == 1
    assert (
        "already has 1 submission(s)" in changed.stderr
        and "pact-course build induction --as induction-v2" in changed.stderr
    )
    assert "Traceback" not in changed.stderr
    after = files(root / "source") | {f"release/{k}": v for k, v in files(root / "release").items()}
    assert before == after, "a refused build leaves source/ and release/ as they were"
    assert not list(root.glob(".pact-build-*"))

    version = pact(root, "build", "induction", "--as", "induction-v2")
    assert version.returncode == 0, version.stderr
    nb = nbformat.read(str(root / "source" / "induction-v2" / "induction-v2.ipynb"), as_version=4)
    assert next(c for c in nb.cells if c.id == "tea-break").metadata.nbgrader["points"] == 9
    assert (root / "release" / "induction-v2" / "induction-v2.ipynb").is_file()


def test_build_reports_plain_errors(course_dir, capsys):
    """An unknown assignment, a bad version name, a missing nbgrader_config.py or broken YAML makes `build` exit 1 with
    a plain message and build nothing."""
    from pact_course.commands.cli import main

    shutil.copy(REPO / "nbgrader_config.py", course_dir / "nbgrader_config.py")
    assert main(["--root", str(course_dir), "build", "no-such-assignment"]) == 1
    assert main(["--root", str(course_dir), "build", "induction", "--as", "Bad Name"]) == 1
    (course_dir / "nbgrader_config.py").unlink()
    assert main(["--root", str(course_dir), "build", "induction"]) == 1
    (course_dir / "content" / "scenarios" / "tea-break.yaml").write_text("id: [unclosed")
    assert main(["--root", str(course_dir), "build"]) == 1
    err = capsys.readouterr().err
    assert "no assessment scenarios belong to 'no-such-assignment'" in err
    assert "not a usable assignment name" in err
    assert "has no nbgrader_config.py" in err
    assert "tea-break.yaml:1:5: YAML syntax error" in err
    assert "nothing was built" in err and "Traceback" not in err
    assert not (course_dir / "source").exists()


@pytest.mark.slow
def test_trainer_command_serves_the_formgrader_at_the_course_root(tmp_path):
    """`pact-course trainer` (make trainer): JupyterLab at the course root whose formgrader sees the assignments."""
    import time
    import urllib.request

    from conftest import free_port

    root = built_tea_break_course(tmp_path)
    port, token = free_port(), "pact-trainer-test"
    server = subprocess.Popen(
        [f"{BIN}/pact-course", "--root", str(root), "trainer", "--port", str(port), "--no-browser"],
        cwd=tmp_path,
        env={**env(tmp_path / "home"), "JUPYTER_TOKEN": token},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/formgrader/api/assignments", headers={"Authorization": f"token {token}"}
        )
        deadline, body = time.monotonic() + 180, None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback server
                    body = json.loads(response.read())
                    break
            except OSError:
                time.sleep(1)
        assert body is not None, f"the formgrader did not answer: {server.poll()}"
        assert [a["name"] for a in body] == ["induction"]
        assert body[0]["num_submissions"] == 0
    finally:
        if server.poll() is None:
            os.killpg(server.pid, 15)
            server.wait(timeout=60)


@pytest.mark.slow
def test_the_released_grading_cells_show_the_trainee_nothing(tmp_path):
    """Run in a real kernel, the trainee's copy of each grading cell has no output (no echoed docstring)."""
    from nbclient import NotebookClient

    folder = tmp_path / "induction"
    shutil.copytree(REPO / "release" / "induction", folder)
    nb = nbformat.read(folder / "induction.ipynb", as_version=4)
    graded = [c for c in nb.cells if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("grade")]
    assert graded, "the released notebook has no grading cells"
    nb.cells = graded
    NotebookClient(nb, timeout=60, resources={"metadata": {"path": str(folder)}}).execute()
    for cell in nb.cells:
        assert cell.outputs == [], cell.source.splitlines()[0]
