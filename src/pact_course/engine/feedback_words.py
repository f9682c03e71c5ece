"""Words of the trainee's feedback page (pact_course.reports.feedback_page), in English and Spanish."""

from __future__ import annotations

FEEDBACK_WORDS: dict[str, dict[str, str]] = {
    "feedback.title": {"en": "Your feedback: {name}", "es": "Tus comentarios: {name}"},
    "feedback.for": {"en": "For {who}", "es": "Para {who}"},
    "feedback.result": {"en": "Your result", "es": "Tu resultado"},
    "feedback.pass": {"en": "Passed", "es": "Aprobada"},
    "feedback.follow_up": {"en": "Follow-up needed", "es": "Necesita seguimiento"},
    "feedback.awaiting": {
        "en": "Written answers still being marked",
        "es": "Respuestas escritas pendientes de corregir",
    },
    "feedback.scored": {
        "en": "You scored {score} of {maximum} points in the scenarios ({percent}%); {share}% is needed to pass.",
        "es": "Obtuviste {score} de {maximum} puntos en los escenarios ({percent} %); para aprobar hace falta el "
        "{share} %.",
    },
    "feedback.no_critical": {
        "en": "You made no critical error.",
        "es": "No cometiste ningún error grave.",
    },
    "feedback.critical_one": {
        "en": "One of your choices was a critical error: it could put a parent or child at risk, so the assessment "
        "needs a follow-up with your trainer whatever the points.",
        "es": "Una de tus decisiones fue un error grave: podría poner en riesgo a una madre, un padre o un niño, así "
        "que la evaluación necesita un seguimiento con tu formador/a, sean cuales sean los puntos.",
    },
    "feedback.critical_many": {
        "en": "{n} of your choices were critical errors: they could put a parent or child at risk, so the "
        "assessment needs a follow-up with your trainer whatever the points.",
        "es": "{n} de tus decisiones fueron errores graves: podrían poner en riesgo a una madre, un padre o un niño, "
        "así que la evaluación necesita un seguimiento con tu formador/a, sean cuales sean los puntos.",
    },
    "feedback.unsafe_answer": {
        "en": "Your trainer marked one of your written answers as unsafe: it could put a parent or child at risk, "
        "so the assessment needs a follow-up with your trainer whatever the points.",
        "es": "Tu formador/a marcó una de tus respuestas escritas como insegura: podría poner en riesgo a una madre, "
        "un padre o un niño, así que la evaluación necesita un seguimiento con tu formador/a, sean cuales sean los "
        "puntos.",
    },
    "feedback.awaiting_note": {
        "en": "Your trainer has not marked every written answer yet; this page will be updated when they have.",
        "es": "Tu formador/a todavía no corrigió todas las respuestas escritas; esta página se actualizará cuando "
        "lo haga.",
    },
    "feedback.scenarios": {"en": "Your choices, scenario by scenario", "es": "Tus decisiones, escenario por escenario"},
    "feedback.you_chose": {"en": "You chose: “{text}”", "es": "Elegiste: «{text}»"},
    "feedback.work_on": {"en": "Guidelines to work on", "es": "Normas para trabajar"},
    "feedback.work_on_intro": {
        "en": "Work on these guidelines, in this order, with the practice scenarios named under each. You find "
        "them in the course's practice modules.",
        "es": "Trabaja estas normas, en este orden, con los escenarios de práctica que aparecen debajo de cada una. "
        "Los encuentras en los módulos de práctica del curso.",
    },
    "feedback.work_on_none": {
        "en": "Nothing in particular: your choices upheld the guidelines well. Keep practising any scenario you like.",
        "es": "Nada en especial: tus decisiones respetaron bien las normas. Sigue practicando los escenarios que "
        "quieras.",
    },
    "feedback.went_against_one": {
        "en": "1 of your choices went against it.",
        "es": "1 de tus decisiones fue en contra de ella.",
    },
    "feedback.went_against_many": {
        "en": "{n} of your choices went against it.",
        "es": "{n} de tus decisiones fueron en contra de ella.",
    },
    "feedback.missed_one": {
        "en": "Once, a better option would have upheld it.",
        "es": "Una vez, una opción mejor la habría respetado.",
    },
    "feedback.missed_many": {
        "en": "{n} times, a better option would have upheld it.",
        "es": "{n} veces, una opción mejor la habría respetado.",
    },
    "feedback.practise": {"en": "Practise it with:", "es": "Practícala con:"},
    "feedback.practise_again": {
        "en": "You have done every practice scenario for it; play one again:",
        "es": "Ya hiciste todos los escenarios de práctica de esta norma; vuelve a jugar uno:",
    },
    "feedback.in_module": {"en": "in “{module}”", "es": "en «{module}»"},
    "feedback.no_practice": {
        "en": "No practice scenario trains it yet: talk it through with your trainer.",
        "es": "Todavía no hay escenarios de práctica para esta norma: háblala con tu formador/a.",
    },
    "feedback.answers": {"en": "Your written answers", "es": "Tus respuestas escritas"},
    "feedback.answer": {"en": "Written answer {n}", "es": "Respuesta escrita {n}"},
    "feedback.your_answer": {"en": "What you wrote:", "es": "Lo que escribiste:"},
    "feedback.no_answer": {"en": "You did not write an answer.", "es": "No escribiste ninguna respuesta."},
    "feedback.mark": {"en": "Mark: {score} out of {maximum}", "es": "Nota: {score} de {maximum}"},
    "feedback.not_marked": {"en": "Not marked yet", "es": "Todavía sin corregir"},
    "feedback.comment": {"en": "Your trainer's comment:", "es": "El comentario de tu formador/a:"},
    "feedback.unreadable": {
        "en": "This page could not be put together in full ({detail}); your trainer has been told.",
        "es": "Esta página no se pudo preparar completa ({detail}); tu formador/a ya lo sabe.",
    },
}
