"""The course engine in plain Python: model, loading and validation, scoring, decision log (no widgets, no nbgrader)."""
