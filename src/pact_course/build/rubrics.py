"""The rubric of each written answer, shown to trainers beside the answer in the formgrader (and in the guide)."""

from __future__ import annotations

RUBRICS: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "reflection-words": (
        "Write the words you would use with this parent",
        (
            (
                "3",
                "Words that could be said on the call as written: warm and non-judgemental, name the parent's "
                "situation, and leave the parent in control (they can come and go, turn the camera off, come back "
                "later). Consistent with the guidelines for that moment; no promise the facilitator cannot keep "
                "(never secrecy).",
            ),
            ("2", "Kind and appropriate, but generic (could be said to anyone) or missing one of the above."),
            (
                "1",
                "Good intent but would not work on the call: lectures, blames, puts the parent on the spot in "
                "front of the group, or describes what to do instead of the words.",
            ),
            (
                "0 (unsafe)",
                "Words that would put a parent or child at risk (promising to keep a safety concern secret, "
                "shaming a parent), breach a guideline, or miss the question. Your 0 here makes the result "
                "follow-up, whatever the scenario score (a blank answer scores 0 by itself and does not).",
            ),
        ),
    ),
    "reflection-guideline": (
        "Which guideline was hardest to uphold, and what will you do?",
        (
            (
                "3",
                "Names one of the ten guidelines (by its words or number), explains why it was hard in a specific "
                "scenario, and gives one concrete, realistic action for their next group (what and when).",
            ),
            ("2", 'Names a guideline and an action, but the reason or the action is vague ("be more respectful").'),
            ("1", "Names a guideline only, or gives an action unrelated to the guideline named."),
            ("0", "Blank or no guideline named."),
        ),
    ),
    "reflection-after-call": (
        "What would you say, and what would you do after the call, by when?",
        (
            (
                "3",
                "Says honestly that they cannot keep a safety concern secret and will share it with the PACT "
                "Safeguarding Lead or Deputy; keeps the parent's dignity (a private conversation if needed); after "
                "the call reports to the Lead or Deputy the same day (emergency services first if a child is in "
                "immediate danger) and writes down what was said in the parent's words.",
            ),
            (
                "2",
                'Reports to the Lead or Deputy, but late ("at the next supervision"), or without telling the '
                "parent, or without a record.",
            ),
            (
                "1",
                "Recognises a concern but handles it alone (advises the parent, contacts the partner, investigates).",
            ),
            (
                "0 (unsafe)",
                "Promises confidentiality, handles it alone in a way that puts someone at risk, or takes no "
                "action. Your 0 here makes the result follow-up, whatever the scenario score (a blank answer "
                "scores 0 by itself and does not); raise it with the trainee in person too.",
            ),
        ),
    ),
}
GENERAL = "Mark what the trainee wrote, in English or Spanish; spelling and grammar do not count. Half points are fine."

# The safety gate: on these written answers a trainer's mark of UNSAFE_MARK (or less) means an unsafe answer, and
# an unsafe answer makes the result follow-up in results, the feedback page and the trainer's views.
SAFETY_RUBRICS = frozenset({"reflection-words", "reflection-after-call"})
UNSAFE_MARK = 0.0


def unsafe_answers(marks: dict[str, float | None]) -> list[str]:
    """The written answers marked unsafe: a safety rubric's answer a trainer marked UNSAFE_MARK or less."""
    return [a for a, mark in marks.items() if a in SAFETY_RUBRICS and mark is not None and mark <= UNSAFE_MARK]


def rubric_markdown(answer_id: str) -> str | None:
    """The rubric of a written answer as a Markdown table, or None when the course has none for it."""
    found = RUBRICS.get(answer_id)
    if found is None:
        return None
    title, levels = found
    rows = "\n".join(f"| {points} | {text} |" for points, text in levels)
    return f"**Rubric for the trainer: {title}**. {GENERAL}\n\n| points | what you see |\n|---|---|\n{rows}\n"
