"""User-facing words of the course in English and Spanish, looked up by key."""

from __future__ import annotations

from .feedback_words import FEEDBACK_WORDS
from .kiosk_words import KIOSK_WORDS
from .page_words import PAGE_WORDS
from .preview_words import PREVIEW_WORDS
from .report_words import REPORT_WORDS

# Every UI text of the package, in both languages. A key without a prefix is shared by several
# parts of the course; "player.*", "grading.*" and "kiosk.*" belong to that part alone.
MESSAGES: dict[str, dict[str, str]] = {
    # --- shared: the player, the kiosk and the grading report all show these ---
    "guideline": {"en": "Guideline {number}: {title}", "es": "Norma {number}: {title}"},
    "score": {"en": "Score: {score} out of {maximum}", "es": "Puntuación: {score} de {maximum}"},
    # --- the player and the practice progress read-out (pact_course.player, pact_course.practice) ---
    "player.upholds": {"en": "Upholds", "es": "Respeta"},
    "player.breaches": {"en": "Goes against", "es": "Va en contra de"},
    "player.critical": {
        "en": "Critical error: this choice could put a parent or child at risk.",
        "es": "Error grave: esta decisión podría poner en riesgo a una madre, un padre o un niño.",
    },
    "player.language": {"en": "Language / Idioma", "es": "Idioma / Language"},
    "player.step": {"en": "Step {n}", "es": "Paso {n}"},
    "player.step_of": {"en": "Step {n} of {total}", "es": "Paso {n} de {total}"},
    "player.step_of_up_to": {"en": "Step {n} of up to {total}", "es": "Paso {n} de hasta {total}"},
    "player.scenario_of": {"en": "Scenario {n} of {total}", "es": "Escenario {n} de {total}"},
    "player.judgement_best": {"en": "Good choice", "es": "Buena elección"},
    "player.judgement_partial": {"en": "Partly right", "es": "En parte acertada"},
    "player.judgement_poor": {"en": "Not a good choice", "es": "No es una buena elección"},
    "player.judgement_critical": {"en": "Critical error", "es": "Error grave"},
    "player.what_next": {"en": "What next?", "es": "¿Y ahora?"},
    "player.your_choice": {"en": "Your choice: {text}", "es": "Tu elección: {text}"},
    "player.points": {"en": "{points:+d} points", "es": "{points:+d} puntos"},
    "player.point": {"en": "{points:+d} point", "es": "{points:+d} punto"},
    "player.choose_prompt": {"en": "Choose one option:", "es": "Elige una opción:"},
    "player.summary": {"en": "End of the scenario: your summary", "es": "Fin del escenario: tu resumen"},
    "player.path": {"en": "The path you took", "es": "El camino que elegiste"},
    "player.went_well": {"en": "What went well", "es": "Lo que salió bien"},
    "player.revisit": {"en": "What to revisit", "es": "Lo que conviene repasar"},
    "player.nothing_yet": {"en": "Nothing to note here this time.", "es": "Esta vez no hay nada que destacar aquí."},
    "player.better_option": {
        "en": "At “{prompt}” a better option was: “{text}”",
        "es": "En «{prompt}» una opción mejor era: «{text}»",
    },
    "player.full_marks": {
        "en": "You found the best path: every choice upheld the guidelines as well as it could.",
        "es": "Encontraste el mejor camino: cada elección respetó las normas lo mejor posible.",
    },
    "player.try_again": {"en": "Try again", "es": "Intentar de nuevo"},
    "player.attempt": {"en": "Attempt {n}", "es": "Intento {n}"},
    "player.confirm": {"en": "Confirm", "es": "Confirmar"},
    "player.selected": {
        "en": "You selected: “{text}”. Press Confirm to make it final, or pick another option.",
        "es": "Seleccionaste: «{text}». Presiona Confirmar para que sea definitiva, o elige otra opción.",
    },
    "player.recorded": {"en": "Answer recorded", "es": "Respuesta registrada"},
    "player.final_note": {
        "en": "In this assessment each choice is final once you confirm it. You will see feedback after grading.",
        "es": (
            "En esta evaluación cada elección es definitiva cuando la "
            "confirmas. Verás los comentarios después de la corrección."
        ),
    },
    "player.all_recorded": {
        "en": "All your answers for this scenario are recorded. You will see feedback and your score after grading.",
        "es": (
            "Todas tus respuestas de este escenario están registradas. "
            "Verás los comentarios y tu puntuación después de la corrección."
        ),
    },
    "player.already_final": {
        "en": "This answer is already recorded and cannot be changed.",
        "es": "Esta respuesta ya está registrada y no se puede cambiar.",
    },
    "player.finished_already": {
        "en": "This scenario is finished. Press “Try again” to start a new attempt.",
        "es": "Este escenario terminó. Presiona «Intentar de nuevo» para empezar otro intento.",
    },
    "player.no_such_option": {
        "en": "There is no option “{option}” at this step.",
        "es": "No hay ninguna opción «{option}» en este paso.",
    },
    "player.nothing_selected": {
        "en": "Pick an option first, then press Confirm.",
        "es": "Primero elige una opción y luego presiona Confirmar.",
    },
    "player.error": {
        "en": (
            "Something went wrong and your click was not recorded: "
            "{detail}. Please reload the page, or tell your trainer."
        ),
        "es": "Algo falló y tu clic no quedó registrado: {detail}. Vuelve a cargar la página o avisa a tu formador/a.",
    },
    "player.log_problem": {
        "en": "Your earlier decisions could not be read ({detail}). New decisions will be recorded in a fresh log.",
        "es": (
            "No se pudieron leer tus decisiones anteriores ({detail}). "
            "Las nuevas decisiones se guardarán en un registro nuevo."
        ),
    },
    "player.no_scenario": {
        "en": "There is no practice scenario “{id}” in the course.",
        "es": "No hay ningún escenario de práctica «{id}» en el curso.",
    },
    "player.no_assessment": {
        "en": "There is no scenario “{id}” in this assignment's scenarios.json.",
        "es": "No hay ningún escenario «{id}» en el scenarios.json de esta evaluación.",
    },
    "player.content_problem": {
        "en": "The course content has problems, so this player cannot start:",
        "es": "El contenido del curso tiene problemas, así que este reproductor no puede empezar:",
    },
    "player.cannot_start": {
        "en": "This scenario cannot start: {detail}",
        "es": "Este escenario no puede empezar: {detail}",
    },
    "player.critical_note": {
        "en": "In an assessment, this choice alone would mean not passing.",
        "es": "En una evaluación, esta elección bastaría por sí sola para no aprobar.",
    },
    "player.progress_title": {"en": "Your progress in this module", "es": "Tu progreso en este módulo"},
    "player.progress_count": {
        "en": "{done} of {total} scenarios done.",
        "es": "{done} de {total} escenarios terminados.",
    },
    "player.progress_count_one": {
        "en": "{done} of {total} scenario done.",
        "es": "{done} de {total} escenario terminado.",
    },
    "player.not_started": {"en": "Not started", "es": "Sin empezar"},
    "player.in_progress": {"en": "In progress", "es": "En curso"},
    "player.done": {
        "en": "Done: best score {best} out of {maximum}",
        "es": "Terminado: mejor puntuación {best} de {maximum}",
    },
    "player.attempts_one": {"en": "{n} attempt", "es": "{n} intento"},
    "player.attempts_many": {"en": "{n} attempts", "es": "{n} intentos"},
    "player.no_module": {"en": "There is no module “{id}”.", "es": "No hay ningún módulo «{id}»."},
    "player.guideline_text": {"en": "The guideline says:", "es": "La norma dice:"},
    # --- the grading report printed under each scenario's hidden-tests cell (pact_course.grading) ---
    "grading.heading": {"en": "Your decisions in “{title}”", "es": "Tus decisiones en «{title}»"},
    "grading.step": {"en": "Step {n}: {prompt}", "es": "Paso {n}: {prompt}"},
    "grading.choice": {"en": "Your choice: {text}", "es": "Tu decisión: {text}"},
    "grading.feedback": {"en": "Feedback: {text}", "es": "Comentario: {text}"},
    "grading.upholds": {"en": "Upholds: {list}", "es": "Respeta: {list}"},
    "grading.breaches": {"en": "Goes against: {list}", "es": "Va en contra de: {list}"},
    "grading.guideline": {"en": "Guideline {number} ({title})", "es": "Norma {number} ({title})"},
    "grading.critical": {
        "en": (
            "CRITICAL ERROR: this choice could put a parent or child at risk; your trainer will follow it up with you."
        ),
        "es": (
            "ERROR GRAVE: esta decisión podría poner en riesgo a una "
            "madre, un padre o un niño; tu formador/a lo hablará contigo."
        ),
    },
    "grading.unfinished": {
        "en": "You did not finish this scenario: no decision was recorded at “{prompt}”.",
        "es": "No terminaste este escenario: no se registró ninguna decisión en «{prompt}».",
    },
    "grading.none": {
        "en": "No decisions were recorded for this scenario.",
        "es": "No se registró ninguna decisión en este escenario.",
    },
    "grading.no_log": {
        "en": "Your decisions could not be read ({reason}), so this scenario scores 0.",
        "es": "No se pudieron leer tus decisiones ({reason}), así que este escenario puntúa 0.",
    },
    "grading.broken": {
        "en": "This scenario could not be graded; your trainer will look at it (score 0 for now).",
        "es": "No se pudo corregir este escenario; tu formador/a lo revisará (de momento, 0 puntos).",
    },
    # --- the kiosk's own screens (pact_course.kiosk_app) ---
    "kiosk.page_title": {
        "en": "Running a PACT Zoom group: what would you do?",
        "es": "Dirigir un grupo de Zoom de PACT: ¿qué harías tú?",
    },
    "kiosk.intro": {
        "en": (
            "PACT runs friendly Zoom groups for parents and their babies and children. "
            "Step into the shoes of the member of staff who runs the call: pick a moment from a group, "
            "choose what you would do, and see which of PACT's guidelines your choice follows."
        ),
        "es": (
            "PACT organiza grupos de Zoom cercanos y de apoyo para madres, padres y sus bebés y niños. "
            "Ponte en el lugar de la persona del equipo que dirige la llamada: elige un momento de un grupo, "
            "decide qué harías y descubre qué normas de PACT sigue tu decisión."
        ),
    },
    "kiosk.try": {"en": "Try a scenario", "es": "Prueba un escenario"},
    "kiosk.choose": {"en": "Choose a situation", "es": "Elige una situación"},
    "kiosk.choose_hint": {
        "en": "Tap one to start. After each choice, you will see how it fits PACT's guidelines.",
        "es": "Toca una para empezar. Después de cada decisión verás cómo encaja con las normas de PACT.",
    },
    "kiosk.back": {"en": "Back to the start", "es": "Volver al inicio"},
    "kiosk.end_title": {"en": "Well done: you reached the end", "es": "¡Muy bien! Llegaste al final"},
    "kiosk.end_best": {
        "en": "Excellent: every choice was the best one",
        "es": "¡Excelente! Cada elección fue la mejor",
    },
    "kiosk.end_low": {
        "en": "You reached the end: see how PACT's guidelines could help",
        "es": "Llegaste al final: mira cómo te pueden ayudar las normas de PACT",
    },
    "kiosk.practised": {"en": "The guidelines behind this scenario", "es": "Las normas de este escenario"},
    "kiosk.start_again": {"en": "Start again", "es": "Empezar de nuevo"},
    "kiosk.idle_note": {
        "en": "Nothing you choose is saved. With no touch for {seconds} seconds, the screen goes back to the start.",
        "es": (
            "No se guarda nada de lo que elijas. Si nadie toca la "
            "pantalla durante {seconds} segundos, vuelve al inicio."
        ),
    },
    "kiosk.no_scenarios": {
        "en": "There are no scenarios to try right now. Please ask a member of PACT staff.",
        "es": "Ahora mismo no hay escenarios para probar. Pregúntale a alguien del equipo de PACT.",
    },
    "kiosk.unavailable": {
        "en": "This demo is not available right now. Please ask a member of PACT staff.",
        "es": "Esta demostración no está disponible ahora mismo. Pregúntale a alguien del equipo de PACT.",
    },
}

# The follow-up plan's, report's, certificates' and console's words (engine/report_words.py).
MESSAGES.update(REPORT_WORDS)
MESSAGES.update(PREVIEW_WORDS)  # the author's live preview (pact_course.player.preview)
MESSAGES.update(PAGE_WORDS)  # the trainee's pages (engine/page_words.py)
MESSAGES.update(FEEDBACK_WORDS)  # the trainee's feedback page (engine/feedback_words.py)
MESSAGES.update(KIOSK_WORDS)  # the kiosk server's busy page and lost-kernel message (engine/kiosk_words.py)


def t(key: str, lang: str = "en", **values: object) -> str:
    """The message `key` in `lang` (English if unknown), with `values` filled in; KeyError if no such key."""
    entry = MESSAGES[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text
