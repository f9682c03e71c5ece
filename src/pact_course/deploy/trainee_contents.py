"""The trainee's file manager: course pages open without a trust question, the course's own files stay out of sight."""

from __future__ import annotations

from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager

# What a trainee never needs to see in their file browser: the course's settings and the files the pages keep.
HIDDEN = (
    "__pycache__",
    "*.pyc",
    "*.pyo",
    ".DS_Store",
    "*~",
    "nbgrader_config.py",
    "decisions.json",
    "decisions.json.*",
    "answers.json",
    "answers.json.*",
    "scenarios.json",
    "practice.json",
    "*.lock",
)


class TraineeContentsManager(AsyncLargeFileManager):
    """JupyterLab's file manager for a trainee's server.

    A notebook with no outputs cannot carry script or HTML from anyone: it is marked trusted, so a
    course page opens as a page at once, without "Untrusted notebook detected". A notebook with
    outputs is checked against its signature as usual.
    """

    def mark_trusted_cells(self, nb, path=""):
        if not any(c.get("outputs") for c in nb.get("cells", []) if c.get("cell_type") == "code"):
            self.notary.mark_cells(nb, True)
            return
        super().mark_trusted_cells(nb, path)
