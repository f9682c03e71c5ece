"""Words of the kiosk server's own screens (busy, lost connection), in both languages."""

from __future__ import annotations

KIOSK_WORDS: dict[str, dict[str, str]] = {
    # --- pact_course.deploy.kiosk_guard (the busy page) and the kiosk template's script (lost kernel) ---
    "kiosk.busy_title": {
        "en": "Busy right now: one moment, please",
        "es": "Ahora hay mucha gente: un momento, por favor",
    },
    "kiosk.busy_text": {
        "en": "Several people are trying the scenarios. This page opens by itself as soon as there is room.",
        "es": "Varias personas están probando los escenarios. Esta página se abre sola en cuanto haya lugar.",
    },
    "kiosk.lost": {
        "en": "Sorry, something went wrong. Starting again…",
        "es": "Lo sentimos, algo salió mal. Volvemos a empezar…",
    },
}
