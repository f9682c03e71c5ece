"""Notebook builders: practice notebooks and nbgrader's assessment source notebooks, from the course model."""
