"""Authoring without a programmer: the live preview's widget, the preview command, `make validate`, the guide."""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from conftest import DATA, REPO
from pact_course.commands.cli import main, parser
from pact_course.deploy.preview import notebook
from pact_course.player.preview import LivePreview
from pact_course.player.session import SESSION, set_language

GUIDE = REPO / "docs" / "scenario-authoring.md"


@pytest.fixture(autouse=True)
def fresh_session():
    """Each test starts a new kernel session (English, no players)."""
    SESSION.reset()
    yield
    for p in list(SESSION.players):
        p.close()
    SESSION.reset()


@pytest.fixture
def course(tmp_path: Path) -> Path:
    (tmp_path / "content" / "scenarios").mkdir(parents=True)
    shutil.copy(REPO / "content" / "guidelines.yaml", tmp_path / "content" / "guidelines.yaml")
    shutil.copy(DATA / "tea-break.yaml", tmp_path / "content" / "scenarios" / "tea-break.yaml")
    (tmp_path / "nbgrader_config.py").write_text("c = get_config()  # noqa\n", encoding="utf-8")
    return tmp_path


def save(file: Path, text: str) -> None:
    """Write as an editor saves; the modification time moves on even on a coarse clock."""
    before = file.stat().st_mtime_ns
    file.write_text(text, encoding="utf-8")
    if file.stat().st_mtime_ns == before:
        os.utime(file, ns=(before + 1_000_000, before + 1_000_000))


def shown(preview: LivePreview) -> str:
    return (preview.player.shown_text() if preview.player else "") + "\n" + preview.widget.children[0].value


def test_the_preview_plays_an_assessment_with_its_comments(course):
    """An assessment scenario is played as practice, so the author sees each comment, under a note saying so."""
    preview = LivePreview(course / "content" / "scenarios" / "tea-break.yaml", course / "content" / "guidelines.yaml")
    assert preview.player is not None and preview.problems == []
    assert "An assessment scenario, shown here with its comments for authors only" in shown(preview)
    preview.player.choose("listen")
    assert "Good listening." in preview.player.shown_text()


def test_a_saved_change_redraws_at_the_same_step(course):
    """check() notices a save, shows the new words, and plays the author's choices again up to where they were."""
    file = course / "content" / "scenarios" / "tea-break.yaml"
    original = file.read_text(encoding="utf-8")
    preview = LivePreview(file, course / "content" / "guidelines.yaml")
    assert preview.check() is False  # nothing changed yet
    assert preview.player is not None
    preview.player.choose("listen")
    save(file, original.replace("She shares a worry.", "She shares a worry about sleep."))
    assert preview.check() is True
    assert preview.player is not None and preview.player.current_step == "follow"
    assert "She shares a worry about sleep." in preview.player.shown_text()


def test_problems_replace_the_player_until_the_file_is_fixed(course):
    """A broken save shows every problem in plain words instead of the player; the fixed file brings it back."""
    file = course / "content" / "scenarios" / "tea-break.yaml"
    original = file.read_text(encoding="utf-8")
    preview = LivePreview(file, course / "content" / "guidelines.yaml")
    assert preview.player is not None
    preview.player.choose("listen")
    save(file, original.replace("points: 3", "points: three").replace("next: follow", "next: folow"))
    preview.check()
    assert preview.player is None
    problems = preview.widget.children[2].children[0].value
    assert "This scenario has 3 problem(s) to fix" in problems  # and so step 'follow' is unreachable
    assert "points: must be a whole number, found text &#x27;three&#x27;" in problems
    assert "no step &#x27;folow&#x27; (did you mean &#x27;follow&#x27;?)" in problems
    save(file, original)
    preview.check()
    assert preview.player is not None and preview.player.current_step == "follow"


def test_a_change_to_the_guidelines_file_is_noticed_too(course):
    """Renaming a guideline the scenario uses turns the preview into the list of problems."""
    guidelines = course / "content" / "guidelines.yaml"
    preview = LivePreview(course / "content" / "scenarios" / "tea-break.yaml", guidelines)
    save(guidelines, guidelines.read_text(encoding="utf-8").replace("id: respect", "id: respect-all"))
    assert preview.check() is True
    assert preview.player is None
    assert any("unknown guideline id 'respect' (did you mean 'respect-all'?)" in str(p) for p in preview.problems)


def test_the_header_follows_the_language(course):
    """Switching the player to Spanish turns the preview's own words Spanish at the next look."""
    preview = LivePreview(course / "content" / "scenarios" / "tea-break.yaml", course / "content" / "guidelines.yaml")
    set_language("es")
    preview.check()
    assert "Vista previa de" in preview.widget.children[0].value
    assert "comentarios" in preview.widget.children[0].value


def test_the_preview_watches_the_file_by_itself(course):
    """watch() in a thread (a plain Python session) looks at the file by itself; in a kernel, the browser test."""
    file = course / "content" / "scenarios" / "tea-break.yaml"
    preview = LivePreview(file, course / "content" / "guidelines.yaml")
    preview.watch(seconds=0.05, in_thread=True)
    save(file, file.read_text(encoding="utf-8").replace("What do you do?", "What do you do now?"))
    deadline = time.monotonic() + 10
    while "What do you do now?" not in shown(preview) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "What do you do now?" in shown(preview)


def test_the_preview_notebook_is_one_cell_naming_the_files(course):
    """The generated notebook is valid and only calls live_preview with the scenario, guidelines and course."""
    import nbformat

    scenario = course / "content" / "scenarios" / "tea-break.yaml"
    nb = nbformat.from_dict(notebook(scenario, course))
    nbformat.validate(nb)
    (cell,) = nb.cells
    assert cell.source.splitlines() == [
        "from pact_course.player.preview import live_preview",
        f"live_preview({str(scenario)!r}, {str(course / 'content' / 'guidelines.yaml')!r}, root={str(course)!r})",
    ]


def test_the_preview_command_names_a_missing_file(capsys):
    """`pact-course preview` on a file that does not exist says so in one line and exits 1."""
    assert main(["preview", "content/scenarios/no-such-scenario.yaml"]) == 1
    assert "no-such-scenario.yaml: no such file" in capsys.readouterr().err


def make_validate(course: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """`make validate` on `course`, without letting make reinstall the environment."""
    return subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.installed", "validate", *extra],
        cwd=REPO,
        env=dict(os.environ, PACT_COURSE_ROOT=str(course)),
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_validate_lists_the_problems_without_makes_own_error_line(course):
    """`make validate` shows the problems and the count, then no "make: *** ... Error 1" line."""
    shutil.copy(DATA / "faults" / "every-fault.yaml", course / "content" / "scenarios" / "every-fault.yaml")
    done = make_validate(course)
    assert "9 problem(s) found in 1 file(s)" in done.stderr
    assert "did you mean 'children-welcome'?" in done.stderr
    assert "make:" not in done.stderr + done.stdout and "Error" not in done.stderr
    assert done.returncode == 0
    strict = make_validate(course, "VALIDATE_STRICT=1")
    assert strict.returncode != 0


GUIDE_COMMANDS = re.compile(r"pact-course ([a-z]+)")


def test_the_guide_uses_only_commands_that_exist():
    """Every `pact-course COMMAND` the authoring guide names is a real command."""
    sub = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    commands = set(sub.choices)
    named = set(GUIDE_COMMANDS.findall(GUIDE.read_text(encoding="utf-8")))
    assert {"validate", "schema", "preview"} <= named
    assert named <= commands, named - commands


def test_the_guides_modeline_points_at_the_schema():
    """The `# yaml-language-server: $schema=...` line in the guide resolves, from content/scenarios/, to the schema."""
    text = GUIDE.read_text(encoding="utf-8")
    match = re.search(r"# yaml-language-server: \$schema=(\S+)", text)
    assert match, "the guide shows the modeline"
    assert (REPO / "content" / "scenarios" / match.group(1)).resolve() == (REPO / "content" / "scenario.schema.json")
    assert "JetBrains" in text and ".vscode/settings.json" in text
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert "./content/scenario.schema.json" in settings["yaml.schemas"]
