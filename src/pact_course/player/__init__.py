"""The scenario player and the course's pages (ipywidgets); notebooks call the entry points listed in __all__."""

from __future__ import annotations

from importlib import import_module

from .notebook import (
    assessment,
    assessment_intro,
    guidelines,
    home,
    message,
    module,
    module_progress,
    practice,
    submit_assessment,
    written_answer,
)

# Loaded on first use, so that a grading kernel (which only needs `assessment` to do nothing)
# never imports ipywidgets.
_LAZY = {
    "ModuleProgress": ".progress",
    "Player": ".view",
    "current_language": ".session",
    "language_switch": ".session",
    "set_language": ".session",
}

__all__ = [
    "assessment",
    "assessment_intro",
    "guidelines",
    "home",
    "message",
    "module",
    "module_progress",
    "practice",
    "submit_assessment",
    "written_answer",
    *_LAZY,
]


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
