"""Words of the author's live preview (`pact-course preview`), in English and Spanish."""

from __future__ import annotations

PREVIEW_WORDS: dict[str, dict[str, str]] = {
    "preview.title": {"en": "Preview of {file}", "es": "Vista previa de {file}"},
    "preview.watching": {
        "en": "Save the file in your editor: this page shows the change within a second.",
        "es": "Guarda el archivo en tu editor: esta página muestra el cambio en menos de un segundo.",
    },
    "preview.assessment": {
        "en": (
            "An assessment scenario, shown here with its comments for authors only. "
            "Trainees see the comments only after grading."
        ),
        "es": (
            "Un escenario de evaluación, que aquí se muestra con sus comentarios solo para quien lo escribe. "
            "Las personas participantes ven los comentarios solo después de la corrección."
        ),
    },
    "preview.shown_at": {"en": "Shown at {time}.", "es": "Mostrado a las {time}."},
    "preview.problems": {
        "en": "This scenario has {n} problem(s) to fix before it can be played. Fix them and save:",
        "es": "Este escenario tiene {n} problema(s) que corregir antes de poder jugarlo. Corrígelos y guarda:",
    },
}
