"""User-facing words of the course in English and Spanish, looked up by key."""

from __future__ import annotations

LANGUAGES = {"en": "English", "es": "Español"}

MESSAGES: dict[str, dict[str, str]] = {
    "guideline": {"en": "Guideline {number}: {title}", "es": "Norma {number}: {title}"},
    "score": {"en": "Score: {score} out of {maximum}", "es": "Puntuación: {score} de {maximum}"},
    "upholds": {"en": "Upholds", "es": "Respeta"},
    "breaches": {"en": "Goes against", "es": "Va en contra de"},
    "critical": {
        "en": "Critical error: this choice could put a parent or child at risk.",
        "es": "Error grave: esta decisión podría poner en riesgo a una madre, un padre o un niño.",
    },
    "no_log": {
        "en": "No decisions were recorded for this scenario.",
        "es": "No se registró ninguna decisión en este escenario.",
    },
}


def t(key: str, lang: str = "en", **values: object) -> str:
    """The message `key` in `lang` (English if unknown), with `values` filled in."""
    entry = MESSAGES[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text
