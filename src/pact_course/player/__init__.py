"""The scenario player (ipywidgets). Released notebooks call `practice`, `assessment` and `module_progress`."""

from .notebook import assessment, message, module_progress, practice
from .progress import ModuleProgress
from .session import current_language, language_switch, set_language
from .view import Player

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
