"""The scenario player (ipywidgets). Released notebooks call `practice`, `assessment` and `module_progress`."""

from __future__ import annotations

from importlib import import_module

from .notebook import assessment, message, module_progress, practice

# Loaded on first use, so that a grading kernel (which only needs `assessment` to do nothing)
# never imports ipywidgets.
_LAZY = {
    "ModuleProgress": ".progress",
    "Player": ".view",
    "current_language": ".session",
    "language_switch": ".session",
    "set_language": ".session",
}

__all__ = ["assessment", "message", "module_progress", "practice", *_LAZY]


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
