"""Notebook cells with stable ids, nbgrader metadata where asked, and the notebook text as the builders write it."""

from __future__ import annotations

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def markdown(cell_id: str, source: str, metadata: dict | None = None) -> nbformat.NotebookNode:
    """A Markdown cell with a stable id."""
    cell = new_markdown_cell(source, metadata=metadata or {})
    cell.id = cell_id
    return cell


def code(cell_id: str, source: str, metadata: dict | None = None) -> nbformat.NotebookNode:
    """A code cell with a stable id."""
    cell = new_code_cell(source, metadata=metadata or {})
    cell.id = cell_id
    return cell


def notebook(cells: list) -> nbformat.NotebookNode:
    """A notebook for the course's Python kernel."""
    return new_notebook(cells=cells, metadata={"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}})


def text(nb: nbformat.NotebookNode) -> str:
    """The notebook as the builders write it (validated, with a final newline)."""
    nbformat.validate(nb)
    return nbformat.writes(nb) + "\n"
