"""Words of the follow-up plan, the report, the certificates and the trainer console, in English and Spanish."""

from __future__ import annotations

from .console_words import CONSOLE_WORDS

REPORT_WORDS: dict[str, dict[str, str]] = {
    # --- the follow-up plan (pact_course.reports.follow_up; also in the trainee's feedback) ---
    "followup.title": {"en": "Your follow-up plan", "es": "Tu plan de seguimiento"},
    "followup.none": {
        "en": "No follow-up needed: every decision upheld the guidelines well enough.",
        "es": "No hace falta seguimiento: todas tus decisiones respetaron las normas lo suficiente.",
    },
    "followup.intro": {
        "en": "Work on these guidelines, in this order, with the practice scenarios listed under each.",
        "es": "Trabaja estas normas, en este orden, con los escenarios de práctica que aparecen debajo de cada una.",
    },
    "followup.why_breached": {
        "en": "{n} decision(s) went against it",
        "es": "{n} decisión(es) fueron en contra de ella",
    },
    "followup.why_critical": {
        "en": "{n} critical error(s): a choice that could put a parent or child at risk",
        "es": "{n} error(es) grave(s): una decisión que podría poner en riesgo a una madre, un padre o un niño",
    },
    "followup.why_missed": {
        "en": "{n} time(s) a better option would have upheld it",
        "es": "{n} vez/veces una opción mejor la habría respetado",
    },
    "followup.practise": {"en": "Practise: {list}", "es": "Practica: {list}"},
    "followup.all_done": {
        "en": "You have done every practice scenario for it; play again: {list}",
        "es": "Ya hiciste todos los escenarios de práctica de esta norma; vuelve a jugar: {list}",
    },
    "followup.no_practice": {
        "en": "No practice scenario trains it yet: talk it through with your trainer.",
        "es": "Todavía no hay escenarios de práctica para esta norma: háblala con tu formador/a.",
    },
    # --- the certificate (pact_course.reports.certificates) ---
    "certificate.title": {"en": "Certificate", "es": "Certificado"},
    "certificate.course": {
        "en": "PACT Zoom Group Facilitator Course",
        "es": "Curso de Facilitación de Grupos de Zoom de PACT",
    },
    "certificate.awarded": {"en": "This certifies that", "es": "Se certifica que"},
    "certificate.passed": {
        "en": "has passed the assessment “{assignment}” on {date}, with {score} of {maximum} points,",
        "es": "aprobó la evaluación «{assignment}» el {date}, con {score} de {maximum} puntos,",
    },
    "certificate.assessed": {
        "en": "putting into practice these guidelines for PACT's Zoom groups:",
        "es": "poniendo en práctica estas normas de los grupos de Zoom de PACT:",
    },
    "certificate.signed": {"en": "Trainer", "es": "Formador/a"},
    # --- statuses, as the console and the report show them ---
    "status.pass": {"en": "pass", "es": "aprobado"},
    "status.follow-up": {"en": "follow-up", "es": "seguimiento"},
    "status.awaiting manual grading": {"en": "awaiting manual grading", "es": "pendiente de corrección manual"},
    "status.not graded": {"en": "not graded", "es": "sin corregir"},
}
REPORT_WORDS.update(CONSOLE_WORDS)  # the trainer console's words live in console_words.py

MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "es": [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
}


def long_date(day, lang: str) -> str:
    """A date in words: "2 December 2026" / "2 de diciembre de 2026"."""
    month = MONTHS.get(lang, MONTHS["en"])[day.month - 1]
    return f"{day.day} de {month} de {day.year}" if lang == "es" else f"{day.day} {month} {day.year}"
