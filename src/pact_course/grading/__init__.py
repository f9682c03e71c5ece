"""nbgrader glue. Hidden test cells import `grade` from here: keep this import light (engine only)."""

from .hidden_test import grade

__all__ = ["grade"]
