"""Print, per assessment assignment, the key's safety and give-away numbers (the rules of tests/test_bank_safety.py)."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from pact_course.engine.content import ContentError, load_course  # noqa: E402
from pact_course.engine.model import Step  # noqa: E402
from pact_course.engine.scoring import best_through, max_score  # noqa: E402
from pact_course.engine.settings import PASS_THRESHOLD  # noqa: E402

NAMES_LEAD = re.compile(r"\b(Safeguarding Lead|Lead|Deputy)\b")


def best_index(step: Step) -> int:
    top = max(o.points for o in step.options)
    return next(i for i, o in enumerate(step.options) if o.points == top)


def longest(step: Step, lang: str) -> bool:
    lengths = [len(o.text.get(lang).strip()) for o in step.options]
    return lengths[best_index(step)] == max(lengths)


def report(course, assignment: str, verbose: bool) -> list[str]:
    scenarios = course.assessment(assignment)
    maxima = {s.id: max_score(s) for s in scenarios}
    total = sum(maxima.values())
    mark = PASS_THRESHOLD * total
    out = [f"== {assignment}: {len(scenarios)} scenarios, {total} points, pass mark {mark:g}"]
    worst, unsafe_lines = None, []
    for s in scenarios:
        for step_id, step in s.steps.items():
            for o in step.options:
                if not (o.critical or "safeguarding" in o.breaches):
                    continue
                here = best_through(s, step_id, o)
                reach = here + total - maxima[s.id]
                if not o.critical:
                    worst = reach if worst is None else max(worst, reach)
                flag = "critical" if o.critical else ("PASSES" if reach >= mark - 1e-9 else "fails")
                unsafe_lines.append(f"   {s.id}: steps.{step_id} ({o.id}): best total {reach}/{total}, {flag}")
    out.append(
        "  best total with an unsafe (safeguarding-breaching, not critical) option taken: "
        + ("none: every unsafe option is critical" if worst is None else f"{worst}/{total}")
    )
    if verbose:
        out += unsafe_lines
    steps = [(s, sid, st) for s in scenarios for sid, st in s.steps.items()]
    width = max((len(st.options) for _, _, st in steps), default=0)
    counts = [sum(best_index(st) == i for _, _, st in steps) for i in range(width)]
    out.append(
        f"  best option position over {len(steps)} steps: " + ", ".join(f"{i + 1}: {n}" for i, n in enumerate(counts))
    )
    lead = [st for _, _, st in steps if any(NAMES_LEAD.search(o.text.en) for o in st.options)]
    best_lead = sum(bool(NAMES_LEAD.search(st.options[best_index(st)].text.en)) for st in lead)
    out.append(f"  steps where an option names the Lead: {len(lead)}; the best names the Lead at {best_lead}")
    out.append(
        f"  best option is the longest: English {sum(longest(st, 'en') for _, _, st in steps)}, "
        f"Spanish {sum(longest(st, 'es') for _, _, st in steps)}"
    )
    for s in scenarios:
        out.append(
            f"   {s.id}: {maxima[s.id]} points, positions "
            + " ".join(str(best_index(st) + 1) for st in s.steps.values())
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("assignment", nargs="*", help="assignments to report (default: all)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every unsafe or critical option")
    args = parser.parse_args(argv)
    try:
        course = load_course(ROOT)
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    steps = [st for s in course.assessment() for st in s.steps.values()]
    first = sum(best_index(st) == 0 for st in steps)
    print(
        f"{len(course.scenarios)} scenarios in the bank; best option first at {first} of {len(steps)} "
        f"assessment steps ({first / max(1, len(steps)):.0%})"
    )
    for assignment in args.assignment or course.assignments():
        print("\n".join(report(course, assignment, args.verbose)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
