"""The scenario player (ipywidgets). Released notebooks call `practice`, `assessment` and `module_progress`."""

from .view import (
    ModuleProgress,
    Player,
    assessment,
    current_language,
    language_switch,
    message,
    module_progress,
    practice,
    set_language,
)

__all__ = [
    "ModuleProgress",
    "Player",
    "assessment",
    "current_language",
    "language_switch",
    "message",
    "module_progress",
    "practice",
    "set_language",
]
