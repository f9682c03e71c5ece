"""`pact-course roster`: names and languages for trainee ids, written to the roster and to nbgrader's gradebook."""

from __future__ import annotations

import pytest

from pact_course.commands.cli import main
from pact_course.engine.roster import read_roster
from pact_course.grading.names import split_name, sync_names


@pytest.mark.slow  # nbgrader creates a gradebook (alembic)
def test_roster_add_list_and_remove(course_dir, capsys, monkeypatch):
    monkeypatch.setenv("PACT_GRADEBOOK_URL", f"sqlite:///{course_dir / 'gradebook.db'}")
    (course_dir / "nbgrader_config.py").write_text("")
    assert main(["--root", str(course_dir), "roster", "add", "ana", "Ana María Núñez", "--lang", "es"]) == 0
    assert main(["--root", str(course_dir), "roster", "add", "ben", "Ben Okafor"]) == 0
    person = read_roster(course_dir)["ana"]
    assert (person.name, person.lang, person.role) == ("Ana María Núñez", "es", "trainee")
    assert main(["--root", str(course_dir), "roster", "list"]) == 0
    out = capsys.readouterr().out
    assert "ana\tAna María Núñez\tes\ttrainee" in out and "ben\tBen Okafor\ten" in out

    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course_dir / 'gradebook.db'}") as gb:
        student = gb.find_student("ana")
        assert (student.first_name, student.last_name) == ("Ana María", "Núñez"), "the formgrader shows the name"

    assert main(["--root", str(course_dir), "roster", "remove", "ben"]) == 0
    assert "ben" not in read_roster(course_dir)
    assert main(["--root", str(course_dir), "roster", "remove", "ben"]) == 1
    assert "not on the roster" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("full", "parts"), [("Ana María Núñez", ("Ana María", "Núñez")), ("Cher", ("Cher", "")), ("", ("", ""))]
)
def test_split_name(full, parts):
    assert split_name(full) == parts


@pytest.mark.slow
def test_sync_names_skips_people_without_a_name(course_dir, monkeypatch):
    from pact_course.engine.roster import upsert

    monkeypatch.setenv("PACT_GRADEBOOK_URL", f"sqlite:///{course_dir / 'gradebook.db'}")
    upsert(course_dir, "nameless", role="trainee")
    upsert(course_dir, "dee", role="trainee", name="Dee Ode")
    assert sync_names(course_dir) == 1
