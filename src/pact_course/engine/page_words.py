"""Words of the trainee's pages (home, guidelines, modules, assessment, written answers, submit), in both languages."""

from __future__ import annotations

PAGE_WORDS: dict[str, dict[str, str]] = {
    # --- shared by the pages (pact_course.player.pagekit and the pages) ---
    "page.back_home": {"en": "← Back to the course", "es": "← Volver al curso"},
    "page.read_feedback": {"en": "Read your feedback", "es": "Lee tus comentarios"},
    "page.pick_scenario": {
        "en": "Choose a scenario to open it below. The first one you have not done yet is already open.",
        "es": "Elige un escenario para abrirlo abajo. El primero que todavía no hiciste ya está abierto.",
    },
    "page.open_now": {"en": "open below", "es": "abierto abajo"},
    "page.next_scenario": {"en": "Next scenario: {title}", "es": "Siguiente escenario: {title}"},
    "page.module_all_done": {
        "en": "You have done every scenario in this module. Choose one above to play it again, or go back to "
        "the course.",
        "es": "Ya hiciste todos los escenarios de este módulo. Elige uno arriba para volver a jugarlo, o vuelve "
        "al curso.",
    },
    # --- the home page (pact_course.player.home) ---
    "home.title": {
        "en": "Welcome to the PACT Zoom Group Facilitator Course",
        "es": "Te damos la bienvenida al curso para facilitar grupos de Zoom de PACT",
    },
    "home.intro": {
        "en": "PACT runs Zoom groups for parents and their babies and children. Ten guidelines keep those groups "
        "welcoming, safe and supportive. In this course you meet realistic moments from a call (a baby crying, a "
        "parent arriving late, a worrying disclosure), decide what you would do, and see how each decision "
        "upholds or goes against the guidelines.",
        "es": "PACT organiza grupos de Zoom para madres, padres y sus bebés y niños. Diez normas hacen que esos "
        "grupos sean acogedores, seguros y de apoyo. En este curso vas a vivir momentos reales de una llamada "
        "(un bebé que llora, alguien que llega tarde, una revelación preocupante), decidir qué harías y ver cómo "
        "cada decisión respeta las normas o va en contra de ellas.",
    },
    "home.how_title": {"en": "How the course works", "es": "Cómo funciona el curso"},
    "home.how_practice": {
        "en": "Practice is for learning: after each choice you see at once how good it was, the guidelines it "
        "upholds or goes against, and points. At the end you get a summary and can try again as often as you "
        "like. Everything is saved as you go: close a page whenever you like and carry on later.",
        "es": "La práctica sirve para aprender: después de cada elección ves enseguida qué tan buena fue, las "
        "normas que respeta o contra las que va, y los puntos. Al final tienes un resumen y puedes intentarlo de "
        "nuevo tantas veces como quieras. Todo se guarda sobre la marcha: cierra una página cuando quieras y "
        "sigue más tarde.",
    },
    "home.how_assessment": {
        "en": "An assessment is graded: each choice is final once you confirm it, and you see no feedback or score "
        "until your trainer has graded it. There are also a few short written answers.",
        "es": "Una evaluación tiene nota: cada elección es definitiva cuando la confirmas, y no ves comentarios ni "
        "puntuación hasta que tu formador/a la corrige. También hay algunas respuestas escritas breves.",
    },
    "home.how_feedback": {
        "en": "Feedback: after grading you read what each of your choices meant, and what to practise next. You "
        "pass with at least {share}% of the scenario points and no critical error (a choice that could put a "
        "parent or child at risk).",
        "es": "Los comentarios: después de la corrección lees qué significó cada una de tus elecciones y qué "
        "practicar después. Apruebas con al menos el {share}% de los puntos de los escenarios y sin ningún error "
        "grave (una elección que podría poner en riesgo a una madre, un padre o un niño).",
    },
    "home.map_title": {"en": "Your course", "es": "Tu curso"},
    "home.guidelines_link": {"en": "The ten guidelines", "es": "Las diez normas"},
    "home.guidelines_hint": {
        "en": "what each one asks of you, and where you practise it",
        "es": "qué te pide cada una y dónde la practicas",
    },
    "home.assessments_title": {"en": "Your assessments", "es": "Tus evaluaciones"},
    "home.assessments_how": {
        "en": "Your trainer releases the graded assessments. When one is released, a Start button appears here "
        "(or fetch it in the Assignments panel: menu Nbgrader, Assignments). Open it below to take it, and read "
        "your feedback here once it is graded.",
        "es": "Tu formador/a publica las evaluaciones con nota. Cuando publica una, aquí aparece un botón para "
        "empezarla (o descárgala en el panel Assignments: menú Nbgrader, Assignments). Ábrela abajo para "
        "hacerla, y lee aquí tus comentarios cuando esté corregida.",
    },
    "home.no_assessment": {
        "en": "No assessment has been started yet.",
        "es": "Todavía no empezaste ninguna evaluación.",
    },
    "home.start": {"en": "Start the assessment: {name}", "es": "Empezar la evaluación: {name}"},
    "home.fetch_failed": {
        "en": "The assessment could not be fetched: {detail}. Try again in a moment, or tell your trainer.",
        "es": "No se pudo descargar la evaluación: {detail}. Vuelve a intentarlo en un momento o avisa a tu "
        "formador/a.",
    },
    "home.submitted": {
        "en": "submitted; your feedback will show here once it is graded",
        "es": "entregada; tus comentarios aparecerán aquí cuando esté corregida",
    },
    "home.parts_done": {"en": "{done} of {total} parts done", "es": "{done} de {total} partes hechas"},
    # --- the guidelines page (pact_course.player.home) ---
    "guidelines.intro": {
        "en": "These are PACT's guidelines for its Zoom groups, in the words parents see. Under each one: what it "
        "asks of you as the facilitator, and the practice scenarios that train it.",
        "es": "Estas son las normas de PACT para sus grupos de Zoom, con las palabras que ven las familias. Debajo "
        "de cada una: qué te pide como facilitador/a y los escenarios de práctica que la trabajan.",
    },
    "guidelines.asks": {"en": "What it asks of you:", "es": "Qué te pide:"},
    "guidelines.practised_in": {"en": "Practised in:", "es": "Se practica en:"},
    "guidelines.no_practice": {
        "en": "No practice scenario yet.",
        "es": "Todavía no hay ningún escenario de práctica.",
    },
    # --- the assessment page (pact_course.player.assessment_page) ---
    "assessment.title": {"en": "Assessment: {name}", "es": "Evaluación: {name}"},
    "assessment.how": {
        "en": "Each of the {n} scenarios below shows a situation on a Zoom group. Read it, choose what you would "
        "do and press Confirm. A confirmed choice is final, and you see no feedback or score until your trainer "
        "has graded the assessment.",
        "es": "Cada uno de los {n} escenarios de abajo muestra una situación en un grupo de Zoom. Léela, elige "
        "qué harías y presiona Confirmar. Una elección confirmada es definitiva, y no verás comentarios ni "
        "puntuación hasta que tu formador/a corrija la evaluación.",
    },
    "assessment.graded": {
        "en": "Each decision is scored against PACT's ten guidelines, with partial credit. You pass with at least "
        "{share}% of the scenario points and no critical error (a choice that could put a parent or child at "
        "risk). At the end, write {k} short answers in your own words; your trainer marks them.",
        "es": "Cada decisión se puntúa según las diez normas de PACT, con puntuación parcial. Apruebas con al "
        "menos el {share}% de los puntos de los escenarios y ningún error grave (una decisión que podría poner "
        "en riesgo a una madre, un padre o un niño). Al final, escribe {k} respuestas breves con tus propias "
        "palabras; tu formador/a las corrige.",
    },
    "assessment.saved": {
        "en": "Everything you choose or write is saved at once: you can close this page and come back later.",
        "es": "Todo lo que eliges o escribes se guarda al momento: puedes cerrar esta página y volver más tarde.",
    },
    "assessment.feedback_ready": {"en": "Your feedback is ready.", "es": "Tus comentarios están listos."},
    "assessment.progress_title": {"en": "Your progress", "es": "Tu progreso"},
    "assessment.progress": {"en": "{done} of {total} parts done.", "es": "{done} de {total} partes hechas."},
    "assessment.part_done": {"en": "done", "es": "hecho"},
    "assessment.part_open": {"en": "not done yet", "es": "sin hacer todavía"},
    # --- written answers (pact_course.player.written) ---
    "answers.title": {"en": "Written answers", "es": "Respuestas escritas"},
    "answers.intro": {
        "en": "Write in the box under each question, in your own words. What you type is saved at once: you do not "
        "need to save, and you can come back to it later. Your trainer marks these answers by hand.",
        "es": "Escribe en el recuadro debajo de cada pregunta, con tus propias palabras. Lo que escribes se guarda al "
        "momento: no hace falta guardar, y puedes volver a ello más tarde. Tu formador/a corrige estas respuestas "
        "a mano.",
    },
    "answers.item": {"en": "Written answer {n} of {total}", "es": "Respuesta escrita {n} de {total}"},
    "answers.label": {"en": "Your answer {n}", "es": "Tu respuesta {n}"},
    "answers.placeholder": {"en": "Write your answer here.", "es": "Escribe aquí tu respuesta."},
    "answers.saved": {
        "en": "Saved as you type. There is nothing else to save.",
        "es": "Se guarda mientras escribes. No hace falta guardar nada más.",
    },
    "answers.not_yet": {
        "en": "Not answered yet. What you type is saved at once.",
        "es": "Todavía sin responder. Lo que escribes se guarda al momento.",
    },
    "answers.save_failed": {
        "en": "Your answer could not be saved ({detail}). Copy it somewhere safe and tell your trainer.",
        "es": "No se pudo guardar tu respuesta ({detail}). Cópiala en un lugar seguro y avisa a tu formador/a.",
    },
    "answers.too_long": {
        "en": "This answer is too long to be saved ({detail}). Please shorten it.",
        "es": "Esta respuesta es demasiado larga para guardarla ({detail}). Acórtala, por favor.",
    },
    # --- submitting (pact_course.player.submission) ---
    "submit.title": {"en": "Submit your assessment", "es": "Entrega tu evaluación"},
    "submit.ready": {
        "en": "Every part is answered. When you are happy with your answers, submit the assessment to your trainer.",
        "es": "Respondiste todas las partes. Cuando estés conforme con tus respuestas, entrega la evaluación a tu "
        "formador/a.",
    },
    "submit.missing_intro": {"en": "Not answered yet:", "es": "Todavía sin responder:"},
    "submit.missing_scenario": {"en": "Scenario {n}: {title}", "es": "Escenario {n}: {title}"},
    "submit.missing_answer": {"en": "Written answer {n}", "es": "Respuesta escrita {n}"},
    "submit.button": {"en": "Submit the assessment", "es": "Entregar la evaluación"},
    "submit.confirm": {
        "en": "Some parts are not answered yet, and a part left unanswered scores 0. Submit anyway?",
        "es": "Algunas partes todavía no tienen respuesta, y una parte sin responder vale 0 puntos. ¿La entregas "
        "de todos modos?",
    },
    "submit.anyway": {"en": "Submit anyway", "es": "Entregar de todos modos"},
    "submit.keep_working": {"en": "Keep working", "es": "Seguir respondiendo"},
    "submit.working": {"en": "Submitting…", "es": "Entregando…"},
    "submit.done": {
        "en": "Submitted on {when}. Your trainer will grade it; your feedback will show on this page. Until your "
        "trainer collects it you can still change your written answers and submit again: the last one counts.",
        "es": "Entregada el {when}. Tu formador/a la va a corregir; tus comentarios aparecerán en esta página. "
        "Hasta que tu formador/a la recoja, puedes cambiar tus respuestas escritas y entregarla otra vez: cuenta "
        "la última.",
    },
    "submit.before": {
        "en": "You submitted this assessment on {when}. Submitting again replaces it, until your trainer collects it.",
        "es": "Entregaste esta evaluación el {when}. Si la entregas otra vez, reemplaza la anterior hasta que tu "
        "formador/a la recoja.",
    },
    "submit.failed": {
        "en": "The assessment could not be submitted ({detail}). Nothing is lost: try again in a moment, or tell "
        "your trainer.",
        "es": "No se pudo entregar la evaluación ({detail}). No se perdió nada: vuelve a intentarlo en un momento "
        "o avisa a tu formador/a.",
    },
}
