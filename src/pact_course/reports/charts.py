"""The report's charts with matplotlib (offline, no browser library): PNG bytes, or data URIs to embed in a page."""

from __future__ import annotations

import base64
import io

SCORE_OK = "#1b7f3b"
SCORE_LOW = "#b00020"


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")  # no display: draw to memory only
    import matplotlib.pyplot as plt

    return plt


def png(fig) -> bytes:
    """A figure as PNG bytes (the figure is closed)."""
    plt = _pyplot()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return buffer.getvalue()


def data_uri(data: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


def scores_chart(names: list[str], shares: list[float], passed: list[bool], threshold: float) -> bytes:
    """One bar per trainee: their share of the scenario points, the pass line, pass or follow-up in the label."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7, 0.45 * max(3, len(names)) + 1))
    colours = [SCORE_OK if p else SCORE_LOW for p in passed]
    ax.barh(range(len(names)), [100 * s for s in shares], color=colours)
    ax.set_yticks(
        range(len(names)), [f"{n} ({'pass' if p else 'follow-up'})" for n, p in zip(names, passed, strict=True)]
    )
    ax.invert_yaxis()
    ax.axvline(100 * threshold, color="#333333", linestyle="--", linewidth=1)
    ax.text(100 * threshold, -0.7, f" pass line {threshold:.0%}", fontsize=8, va="bottom")
    ax.set_xlim(0, 100)
    ax.set_xlabel("share of the scenario points (%)")
    for i, s in enumerate(shares):
        ax.text(100 * s + 1, i, f"{100 * s:.0f}%", va="center", fontsize=8)
    ax.set_title("Scores")
    return png(fig)


def guideline_chart(trainees: list[str], guidelines: list[str], upheld: list[list[int]], breached: list[list[int]]):
    """Trainee by guideline: colour from upheld (green) to breached (red), each cell labelled "upheld/breached"."""
    plt = _pyplot()
    import numpy as np

    up, down = np.array(upheld, dtype=float), np.array(breached, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        balance = np.where(up + down > 0, (up - down) / (up + down), np.nan)
    fig, ax = plt.subplots(figsize=(1.1 * max(4, len(guidelines)) + 2, 0.5 * max(3, len(trainees)) + 2))
    cmap = plt.get_cmap("RdYlGn").copy()
    cmap.set_bad("#eeeeee")
    ax.imshow(np.ma.masked_invalid(balance), cmap=cmap, vmin=-1.6, vmax=1.6, aspect="auto")  # light: text stays legible
    ax.set_xticks(range(len(guidelines)), guidelines, rotation=35, ha="right", fontsize=8)
    ax.set_yticks(range(len(trainees)), trainees, fontsize=8)
    for i in range(len(trainees)):
        for j in range(len(guidelines)):
            ax.text(j, i, f"{int(up[i, j])}/{int(down[i, j])}", ha="center", va="center", fontsize=8)
    ax.set_title("Decisions that upheld / went against each guideline")
    return png(fig)


def option_chart(labels: list[str], shares: list[float], colours: list[str], title: str) -> bytes:
    """One step of a scenario: the share of the cohort choosing each option."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6, 0.4 * len(labels) + 0.8))
    ax.barh(range(len(labels)), [100 * s for s in shares], color=colours)
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of those who reached this step", fontsize=8)
    ax.set_title(title, fontsize=9)
    return png(fig)
