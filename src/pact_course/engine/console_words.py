"""The trainer console's words in English and Spanish (merged into engine/messages.py's MESSAGES)."""

from __future__ import annotations

CONSOLE_WORDS: dict[str, dict[str, str]] = {
    "console.title": {"en": "PACT trainer console", "es": "Consola de formación de PACT"},
    "console.assessment": {"en": "Assessment:", "es": "Evaluación:"},
    "console.refresh": {"en": "Refresh", "es": "Actualizar"},
    "console.tab_cycle": {"en": "Assessment cycle", "es": "Ciclo de la evaluación"},
    "console.tab_cohort": {"en": "Cohort by guideline", "es": "Grupo por norma"},
    "console.tab_items": {"en": "Item analysis", "es": "Análisis de preguntas"},
    "console.tab_trainees": {"en": "Trainees", "es": "Participantes"},
    "console.tab_report": {"en": "Report", "es": "Informe"},
    "console.steps": {
        "en": "<ol><li><b>Release</b> the assessment; trainees fetch it from their Assignments tab, take it and "
        "submit.</li><li><b>Collect</b> the submissions.</li><li><b>Autograde</b>: every decision is scored.</li>"
        "<li>Mark the written reflections in the formgrader, with the rubric shown beside each answer.</li>"
        "<li><b>Feedback</b>: make each trainee's feedback page and send it to them.</li></ol>",
        "es": "<ol><li><b>Publica</b> la evaluación; cada participante la descarga desde su pestaña Assignments, "
        "la hace y la entrega.</li><li><b>Recoge</b> las entregas.</li><li><b>Corrige</b>: se puntúa cada "
        "decisión.</li><li>Corrige las reflexiones escritas en el formgrader, con la rúbrica junto a cada "
        "respuesta.</li><li><b>Comentarios</b>: prepara la página de comentarios de cada participante y "
        "envíasela.</li></ol>",
    },
    "console.release": {"en": "1. Release", "es": "1. Publicar"},
    "console.collect": {"en": "2. Collect submissions", "es": "2. Recoger entregas"},
    "console.autograde": {"en": "3. Autograde", "es": "3. Corregir"},
    "console.feedback": {"en": "4. Make and release feedback", "es": "4. Preparar y enviar comentarios"},
    "console.formgrader": {
        "en": "Open the formgrader to mark the written reflections",
        "es": "Abrir el formgrader para corregir las reflexiones escritas",
    },
    "console.formgrader_note": {
        "en": "(a new tab; the rubric is shown beside each answer).",
        "es": "(en otra pestaña; la rúbrica aparece junto a cada respuesta).",
    },
    "console.of": {"en": "{n} of {total}", "es": "{n} de {total}"},
    "console.working": {"en": "Working…", "es": "Un momento…"},
    "console.grading": {
        "en": "Grading… {n} of {total} done (last: {who}).",
        "es": "Corrigiendo… {n} de {total} (último: {who}).",
    },
    "console.no_assessments": {"en": "The course has no assessments.", "es": "El curso no tiene evaluaciones."},
    "console.no_trainees": {
        "en": "No trainees yet: add them in the Trainees tab, or release the assessment.",
        "es": "Todavía no hay participantes: agrégalos en la pestaña Participantes o publica la evaluación.",
    },
    "console.nothing_graded": {"en": "Nothing graded yet.", "es": "Todavía no hay nada corregido."},
    "console.head_trainee": {"en": "trainee", "es": "participante"},
    "console.head_where": {"en": "where they are", "es": "en qué punto está"},
    "console.head_score": {"en": "score", "es": "puntuación"},
    "console.head_result": {"en": "result", "es": "resultado"},
    "console.head_critical": {"en": "critical errors", "es": "errores graves"},
    "console.roster_intro": {
        "en": "Trainees' full names and languages: shown here, in the formgrader and on certificates.",
        "es": "Nombre completo e idioma de cada participante: aparecen aquí, en el formgrader y en los certificados.",
    },
    "console.roster_id": {"en": "Id:", "es": "Identificador:"},
    "console.roster_name": {"en": "Full name:", "es": "Nombre completo:"},
    "console.roster_lang": {"en": "Language:", "es": "Idioma:"},
    "console.roster_add": {"en": "Add or update", "es": "Agregar o cambiar"},
    "console.roster_missing": {"en": "Type an id and a full name.", "es": "Escribe un id y un nombre completo."},
    "console.roster_saved": {"en": "Saved {id}: {name}.", "es": "Guardado {id}: {name}."},
    "console.report_intro": {
        "en": "Writes the report page, results.csv, certificates and xAPI.",
        "es": "Escribe la página del informe, results.csv, los certificados y xAPI.",
    },
    "console.report_make": {"en": "Make the report", "es": "Preparar el informe"},
    "console.report_none": {
        "en": "Nothing to report yet: release, collect and autograde first.",
        "es": "Todavía no hay nada que informar: primero publica, recoge y corrige.",
    },
    "console.report_writing": {"en": "Writing the report…", "es": "Escribiendo el informe…"},
    # where a trainee is in the cycle (pact_course.console.status)
    "console.status.not submitted yet": {"en": "not submitted yet", "es": "todavía no entregó"},
    "console.status.submitted, not collected": {"en": "submitted, not collected", "es": "entregó, sin recoger"},
    "console.status.collected, not graded": {"en": "collected, not graded", "es": "recogida, sin corregir"},
    "console.status.graded": {"en": "graded", "es": "corregida"},
    "console.status.graded, feedback not released": {
        "en": "graded, feedback not released",
        "es": "corregida, comentarios sin enviar",
    },
    "console.status.feedback released": {"en": "feedback released", "es": "comentarios enviados"},
}

# What each of the console's buttons did (pact_course.console.cycle); {reason} is nbgrader's own words.
OUTCOME_WORDS: dict[str, dict[str, str]] = {
    "console.out.not_prepared": {
        "en": "“{a}” could not be prepared for release: {reason}",
        "es": "No se pudo preparar «{a}» para publicarla: {reason}",
    },
    "console.out.released": {
        "en": "Released: trainees can now fetch “{a}” from their Assignments tab.",
        "es": "Publicada: cada participante ya puede descargar «{a}» desde su pestaña Assignments.",
    },
    "console.out.already_released": {
        "en": "“{a}” was already released: trainees can fetch it.",
        "es": "«{a}» ya estaba publicada: se puede descargar.",
    },
    "console.out.not_released": {
        "en": "“{a}” could not be released: {reason}",
        "es": "No se pudo publicar «{a}»: {reason}",
    },
    "console.out.collect_first_release": {
        "en": "Nothing to collect: the assessment has not been released yet (press 1. Release).",
        "es": "No hay nada que recoger: la evaluación todavía no se publicó (presiona 1. Publicar).",
    },
    "console.out.collect_failed": {"en": "Collecting failed: {reason}", "es": "No se pudo recoger: {reason}"},
    "console.out.nobody_submitted": {
        "en": "Nobody has submitted yet: nothing to collect.",
        "es": "Nadie entregó todavía: no hay nada que recoger.",
    },
    "console.out.collected": {"en": "Collected {n} submission(s).", "es": "Entregas recogidas: {n}."},
    "console.out.nothing_new": {
        "en": "Collected: nothing new since last time.",
        "es": "Recogido: nada nuevo desde la última vez.",
    },
    "console.out.graded": {"en": "Graded {n} trainee(s).", "es": "Participantes corregidos: {n}."},
    "console.out.skipped": {"en": "{n} already graded.", "es": "Ya estaban corregidos: {n}."},
    "console.out.failed": {
        "en": "{n} could not be graded (see below).",
        "es": "No se pudieron corregir: {n} (ver abajo).",
    },
    "console.out.failure": {"en": "{who}: could not be graded: {reason}", "es": "{who}: no se pudo corregir: {reason}"},
    "console.out.nothing_to_grade": {
        "en": "Nothing to grade: every collected submission is already graded.",
        "es": "No hay nada que corregir: todas las entregas recogidas ya están corregidas.",
    },
    "console.out.grade_first": {
        "en": "No feedback to make yet: nobody is graded (collect and autograde first).",
        "es": "Todavía no hay comentarios que preparar: nadie está corregido (primero recoge y corrige).",
    },
    "console.out.feedback_failed": {
        "en": "The feedback could not be made: {reason}",
        "es": "No se pudieron preparar los comentarios: {reason}",
    },
    "console.out.feedback_not_sent": {
        "en": "The feedback was made but could not be released: {reason}",
        "es": "Los comentarios se prepararon, pero no se pudieron enviar: {reason}",
    },
    "console.out.feedback_sent": {
        "en": "Feedback released to {n} trainee(s): they fetch it from their Assignments tab.",
        "es": "Comentarios enviados a {n} participante(s): los descargan desde su pestaña Assignments.",
    },
    "console.out.error": {"en": "That did not work: {reason}", "es": "Eso no funcionó: {reason}"},
}
CONSOLE_WORDS.update(OUTCOME_WORDS)

# The cohort's tables, in the report and the console (pact_course.reports.html_page).
TABLE_WORDS: dict[str, dict[str, str]] = {
    "table.trainee": {"en": "trainee", "es": "participante"},
    "table.upheld": {"en": "✓ {n} upheld", "es": "✓ {n} respetada"},
    "table.against": {"en": "✗ {n} against", "es": "✗ {n} en contra"},
    "table.critical": {"en": "{n} critical", "es": "{n} grave(s)"},
    "table.nobody_follow_up": {"en": "Nobody needs follow-up.", "es": "Nadie necesita seguimiento."},
    "table.step": {"en": "Step", "es": "Paso"},
    "table.heads": {
        "en": "option|text|points|key|chosen|share|flags",
        "es": "opción|texto|puntos|clave|elegida|porcentaje|avisos",
    },
    "table.best": {"en": "best", "es": "mejor"},
    "table.critical_mark": {"en": "critical", "es": "grave"},
    "table.of": {"en": "{n} of {total}", "es": "{n} de {total}"},
    "flag.wrong-popular": {
        "en": "a wrong option chosen by more than 40%: teach this moment again",
        "es": "una opción equivocada elegida por más del 40%: vuelve a trabajar este momento",
    },
    "flag.best-rare": {
        "en": "the best option chosen by fewer than 20%: is it clear, or is another option too tempting?",
        "es": "la mejor opción la eligió menos del 20%: ¿está clara, o hay otra opción demasiado tentadora?",
    },
    "flag.unused": {
        "en": "nobody chose this option: is it a real choice?",
        "es": "nadie eligió esta opción: ¿es una alternativa real?",
    },
    "console.cohort_title": {
        "en": "Decisions that upheld (✓) and went against (✗) each guideline",
        "es": "Decisiones que respetaron (✓) y fueron en contra (✗) de cada norma",
    },
    "console.cohort_colours": {
        "en": "Green: mostly upheld; amber: mixed; red: mostly against; grey: not met. Critical errors in red.",
        "es": "Verde: casi siempre respetada; ámbar: mixto; rojo: casi siempre en contra; gris: no aparece. "
        "Errores graves en rojo.",
    },
    "console.plans_title": {"en": "Follow-up plans", "es": "Planes de seguimiento"},
    "console.nobody_graded": {
        "en": "Nobody is graded yet: autograde first.",
        "es": "Nadie está corregido: primero corrige.",
    },
    "console.scenario": {"en": "Scenario:", "es": "Escenario:"},
    "console.pick_scenario": {"en": "Pick a scenario.", "es": "Elige un escenario."},
    "console.items_intro": {
        "en": "{n} graded trainee(s). Green: the best path; red: critical options; each arrow says how many of those "
        "who reached the step chose that option.",
        "es": "Participantes corregidos: {n}. Verde: el mejor camino; rojo: opciones graves; cada flecha dice cuántas "
        "personas de las que llegaron a ese paso eligieron esa opción.",
    },
    "console.no_map": {
        "en": "The branch map could not be drawn ({reason}): install Graphviz.",
        "es": "No se pudo dibujar el mapa ({reason}): instala Graphviz.",
    },
    "console.roster_empty": {"en": "Nobody on the roster yet.", "es": "Todavía no hay nadie en la lista."},
}
CONSOLE_WORDS.update(TABLE_WORDS)
