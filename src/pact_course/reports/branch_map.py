"""A scenario's branch map: steps and options as a graph (Graphviz), best path and critical options marked, counts."""

from __future__ import annotations

import re
import textwrap
from collections import Counter

from ..engine.model import Scenario
from ..engine.scoring import best_path

BEST = "#1b7f3b"
CRITICAL = "#b00020"
PLAIN = "#555555"


def _wrap(text: str, width: int = 34, lines: int = 4) -> str:
    """The text wrapped for a node, at most `lines` lines (the whole text is the node's tooltip)."""
    return "\n".join(textwrap.wrap(text, width, max_lines=lines, placeholder=" …")) or " "


def graph(scenario: Scenario, lang: str = "en", counts: Counter | None = None, reached_total: int | None = None):
    """A graphviz.Digraph of the scenario: a box per step, an oval per option, an arrow to where it leads.

    Best-path options are green and bold, critical options red and marked "CRITICAL"; with `counts`
    ((step id, option id) -> trainees), each option's arrow is labelled "n of m" (m: those who reached the step).
    """
    import graphviz

    best = {(t.step_id, t.option.id) for t in best_path(scenario)}
    g = graphviz.Digraph(comment=scenario.id, graph_attr={"rankdir": "TB", "fontname": "DejaVu Sans", "fontsize": "11"})
    g.attr("node", fontname="DejaVu Sans", fontsize="10")
    g.attr("edge", fontname="DejaVu Sans", fontsize="9")
    g.node("start", "start" if lang == "en" else "inicio", shape="circle", style="filled", fillcolor="#dddddd")
    g.edge("start", f"step__{scenario.start}")
    ends = 0
    for step_id, step in scenario.steps.items():
        g.node(
            f"step__{step_id}",
            f"{step_id}\n{_wrap(step.prompt.get(lang))}",
            shape="box",
            style="rounded,filled",
            fillcolor="#eef3fb",
            tooltip=step.prompt.get(lang),
        )
        reached = sum(counts[(step_id, o.id)] for o in step.options) if counts is not None else 0
        for option in step.options:
            key = (step_id, option.id)
            node = f"opt__{step_id}__{option.id}"
            colour = CRITICAL if option.critical else BEST if key in best else PLAIN
            marks = []
            if key in best:
                marks.append("best" if lang == "en" else "mejor")
            if option.critical:
                marks.append("CRITICAL" if lang == "en" else "GRAVE")
            head = f"{option.id} ({option.points:+d})" + (f" [{', '.join(marks)}]" if marks else "")
            g.node(
                node,
                f"{head}\n{_wrap(option.text.get(lang), 30, 3)}",
                shape="box",
                tooltip=option.text.get(lang),
                color=colour,
                fontcolor=colour,
                penwidth="2.5" if key in best or option.critical else "1",
            )
            label = ""
            if counts is not None:
                label = f"{counts[key]} of {reached}" if lang == "en" else f"{counts[key]} de {reached}"
            g.edge(
                f"step__{step_id}",
                node,
                label=label,
                color=colour,
                fontcolor=colour,
                penwidth=str(1 + 4 * counts[key] / reached) if counts is not None and reached else "1",
            )
            if option.next and option.next in scenario.steps:
                g.edge(node, f"step__{option.next}", color=colour)
            else:
                ends += 1
                end = f"end__{ends}"
                g.node(end, "end" if lang == "en" else "fin", shape="doublecircle", fontsize="8", width="0.3")
                g.edge(node, end, color=colour)
    return g


def svg(scenario: Scenario, lang: str = "en", counts: Counter | None = None) -> str:
    """The branch map as SVG text (Graphviz's `dot`), ready to save or to put inline in an HTML page."""
    return graph(scenario, lang, counts).pipe(format="svg", encoding="utf-8")


def inline_svg(scenario: Scenario, lang: str = "en", counts: Counter | None = None) -> str:
    """The SVG without its XML prologue and doctype, for embedding in HTML."""
    text = svg(scenario, lang, counts)
    return re.sub(r"^.*?(?=<svg)", "", text, flags=re.S)
