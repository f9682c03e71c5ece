"""A course's nbgrader settings and its cohort on disk: who submitted, who is fully graded, failures in plain words."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

CONFIG_FILE = "nbgrader_config.py"


@dataclass(frozen=True)
class Failure:
    """One trainee whose submission could not be graded, and why, in plain words."""

    student: str
    reason: str

    def __str__(self) -> str:
        return f"{self.student}: {self.reason}"


@dataclass(frozen=True)
class CourseConfig:
    """The course's nbgrader configuration (nbgrader_config.py) and the places it names."""

    root: Path
    loaded: Config

    @classmethod
    def load(cls, root: Path | str) -> CourseConfig:
        root = Path(root).resolve()
        config = PyFileConfigLoader(CONFIG_FILE, path=str(root)).load_config()
        config.CourseDirectory.root = str(root)
        return cls(root, config)

    def config(self) -> Config:
        """A fresh copy of the configuration, to change for one run."""
        copy = Config()
        copy.merge(self.loaded)
        return copy

    @property
    def db_url(self) -> str:
        return str(self.loaded.CourseDirectory.get("db_url") or f"sqlite:///{self.root / 'gradebook.db'}")

    def folder(self, kind: str, student: str, assignment: str) -> Path:
        """submitted/, autograded/ or feedback/ of one trainee's assignment (nbgrader's default layout)."""
        return self.root / kind / student / assignment

    def ensure_students(self, students: list[str]) -> None:
        """Every trainee to grade exists in the gradebook (nbgrader would add them too; names are kept)."""
        from nbgrader.api import Gradebook

        with Gradebook(self.db_url) as gb:
            known = {s.id for s in gb.students}
            for student in students:
                if student not in known:
                    gb.update_or_create_student(student)


def gradebook_is_sqlite(url: str) -> bool:
    return url.startswith("sqlite:///")


def submitted_students(course: CourseConfig, assignment: str) -> list[str]:
    """Trainees with a collected submission of `assignment`, sorted."""
    base = course.root / "submitted"
    if not base.is_dir():
        return []
    return sorted(p.name for p in base.iterdir() if (p / assignment).is_dir() and not p.name.startswith("."))


def _timestamp(folder: Path) -> str:
    try:
        return (folder / "timestamp.txt").read_text(encoding="utf-8").strip()
    except OSError:
        return ""


def needs_grading(course: CourseConfig, assignment: str, student: str) -> bool:
    """True unless the trainee's latest submission is fully autograded (an interrupted run counts as not)."""
    from nbgrader.api import Gradebook, MissingEntry

    submitted = course.folder("submitted", student, assignment)
    autograded = course.folder("autograded", student, assignment)
    if not autograded.is_dir() or _timestamp(submitted) != _timestamp(autograded):
        return True
    with Gradebook(course.db_url) as gb:
        try:
            submission = gb.find_submission(assignment, student)
        except MissingEntry:
            return True
        for notebook in submission.notebooks:
            if not (autograded / f"{notebook.name}.ipynb").is_file():
                return True
            for grade in notebook.grades:
                if grade.cell.cell_type == "code" and grade.auto_score is None:
                    return True
    return False


EXPLANATIONS = (
    (
        ("not valid json", "notebook json is invalid", "unreadable notebook", "bad notebook", "jsondecodeerror"),
        "their notebook file is damaged and could not be read; ask them to submit again from the Assignments tab",
    ),
    (("no submitted file", "no notebooks found"), "their submission holds no assessment notebook"),
    (("timeout", "timed out"), "grading stopped: a cell ran longer than the time limit"),
    (("kernel died", "dead kernel"), "the notebook's kernel stopped during grading"),
    (("permission denied",), "a file of the submission could not be read (permission denied)"),
)


def explain(lines: list[str]) -> str:
    """The plain reason for a failed grading, from what nbgrader logged."""
    text = " ".join(lines).lower()
    for needles, reason in EXPLANATIONS:
        if any(n in text for n in needles):
            return reason
    useful = [line.strip() for line in lines if line.strip() and "see the error log" not in line.lower()]
    return useful[-1].splitlines()[0][:300] if useful else ""
