"""Tap-to-feedback latency for benchmarks/kiosk.py: a visitor tapping options through scenarios, beside a floor."""

from __future__ import annotations

import statistics
import time

FLOOR_FEEDBACK = "floor-feedback"  # the class of the floor notebook's feedback text
TIMEOUT_MS = 60_000


def floor_cell(label: str) -> str:
    """The floor notebook's code: one button whose tap writes one line of feedback (the least a tap can cost)."""
    return (
        "import ipywidgets\n"
        f"button = ipywidgets.Button(description={label!r})\n"
        "feedback = ipywidgets.HTML()\n"
        "taps = []\n"
        "def tapped(_b):\n"
        "    taps.append(1)\n"
        f"    feedback.value = f'<p class=\"{FLOOR_FEEDBACK}\">Done {{len(taps)}}</p>'\n"
        "button.on_click(tapped)\n"
        "ipywidgets.VBox([button, feedback])"
    )


def floor_taps(page, label: str, taps: int) -> list[float]:
    """Seconds from each tap on the floor's button to its new feedback line on screen."""
    button = page.get_by_role("button", name=label, exact=True)
    button.wait_for(state="visible", timeout=TIMEOUT_MS)
    times = []
    for n in range(1, taps + 1):
        start = time.perf_counter()
        button.click()
        page.locator(f".{FLOOR_FEEDBACK}", has_text=f"Done {n}").wait_for(state="visible", timeout=TIMEOUT_MS)
        times.append(time.perf_counter() - start)
    return times


def kiosk_taps(page, words: dict[str, str], scenario_titles: list[str], taps: int) -> list[float]:
    """Seconds from each option tapped to its feedback on screen: a visitor plays the kiosk scenarios in turn,
    taking a different option each time, and taps Start again (then Try a scenario) after each ending.

    `words` holds the labels of the kiosk's "try" and "start again" buttons.
    """
    page.get_by_role("button", name=words["try"], exact=True).wait_for(state="visible", timeout=TIMEOUT_MS)
    times: list[float] = []
    played = 0
    while len(times) < taps:
        page.get_by_role("button", name=words["try"], exact=True).click()
        title = scenario_titles[played % len(scenario_titles)]
        page.get_by_role("button", name=title, exact=True).click()
        played += 1
        options = page.locator(".pact-kiosk-play .pact-option")
        feedback = page.locator(".pact-kiosk-play .pact-feedback-text")
        again = page.get_by_role("button", name=words["again"], exact=True)
        options.first.wait_for(state="visible", timeout=TIMEOUT_MS)
        while len(times) < taps:
            shown = feedback.count()
            choice = options.nth((len(times) + played) % options.count())
            choice.wait_for(state="visible", timeout=TIMEOUT_MS)
            start = time.perf_counter()
            choice.click()
            feedback.nth(shown).wait_for(state="visible", timeout=TIMEOUT_MS)
            times.append(time.perf_counter() - start)
            if _ended(page, options, again):
                break
        if again.is_visible():
            again.click()
    return times


def _ended(page, options, again) -> bool:
    """True once the end screen shows (its Start again); False once the next step's options show."""
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        if again.is_visible():
            return True
        if options.count() and options.first.is_visible():
            return False
        page.wait_for_timeout(20)
    raise RuntimeError("neither the next step nor the end screen appeared")


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) of values, interpolated between the nearest ranks."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def tap_rows(floor: list[float], kiosk: list[float]) -> list[str]:
    """The tap latency table, floor first, in milliseconds."""
    lines = [
        f"| {'tap to feedback (ms)':<34} | {'taps':>5} | {'median':>8} | {'p95':>8} | {'max':>8} |",
        f"|{'-' * 36}|{'-' * 7}|{'-' * 10}|{'-' * 10}|{'-' * 10}|",
    ]
    for name, values in (("floor: one button, one line", floor), ("kiosk: an option, its feedback", kiosk)):
        if not values:
            lines.append(f"| {name:<34} | {0:>5} | {'-':>8} | {'-':>8} | {'-':>8} |")
            continue
        lines.append(
            f"| {name:<34} | {len(values):>5} | {statistics.median(values) * 1000:8.0f} "
            f"| {percentile(values, 95) * 1000:8.0f} | {max(values) * 1000:8.0f} |"
        )
    return lines
