"""The kiosk on real screen sizes: it fills and centres the screen, says what each situation is, ends in one language,
and axe finds nothing serious or critical on any of its screens."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import free_port
from course_pages import serious_axe_violations
from pact_course.deploy import kiosk_server
from pact_course.engine.content import load_course
from pact_course.engine.messages import t
from pact_course.engine.showcase import kiosk_scenarios, teaser

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[1]
SCREENS = [(1280, 800), (1920, 1080), (1080, 1920)]
WAIT = 180_000
COLUMN = """() => { const k = document.querySelector('.pact-kiosk').getBoundingClientRect();
  return {left: k.left, right: window.innerWidth - k.right, width: k.width, height: k.height,
          screen: window.innerWidth, tall: window.innerHeight}; }"""


@pytest.fixture(scope="module")
def kiosk(tmp_path_factory):
    log_path = tmp_path_factory.mktemp("kiosk-layout") / "voila.log"
    port = free_port()
    with log_path.open("w") as log:
        proc = kiosk_server.start(REPO, port=port, idle_seconds=600, log=log)
        try:
            kiosk_server.wait_until_serving("127.0.0.1", port, timeout=120, proc=proc)
            yield f"http://127.0.0.1:{port}/"
        finally:
            kiosk_server.stop(proc)


@pytest.fixture(scope="module")
def scenarios():
    return kiosk_scenarios(load_course(REPO))


def play_to_the_end(page, option: str) -> None:
    """Tap an option at each step until the end card shows (each tap waits for the next step or the end)."""
    end = page.locator(".pact-kiosk-end")
    ready = (
        "() => { const end = document.querySelector('.pact-kiosk-end'); "
        "return document.querySelector('.pact-option') || (end && getComputedStyle(end).display !== 'none'); }"
    )
    for _ in range(12):
        page.wait_for_function(ready)
        if end.is_visible():
            return
        count = page.locator(".pact-feedback").count()
        page.locator(option).click()
        page.wait_for_function("n => document.querySelectorAll('.pact-feedback').length > n", arg=count)
    end.wait_for()


def visit(browser, url: str, size):
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    page.set_default_timeout(WAIT)
    page.goto(url)
    page.locator(".pact-kiosk-try").wait_for()
    return page


@pytest.mark.parametrize("size", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_kiosk_fills_and_centres_every_screen(browser, kiosk, scenarios, size, screenshots_dir):
    """On each screen the kiosk is one column in the middle (equal margins, most of the width, the full height),
    with nothing wider than the screen, the first screen's content centred top to bottom; axe finds nothing
    serious on the first screen, the choice of situations, a step and the end card."""
    page = visit(browser, kiosk, size)
    name = f"{size[0]}x{size[1]}"
    try:
        box = page.evaluate(COLUMN)
        assert abs(box["left"] - box["right"]) <= 2, box
        assert box["width"] >= min(0.6 * box["screen"], 1000), box
        assert box["height"] >= box["tall"] - 2, box
        heading = page.locator(".pact-kiosk-attract h1").bounding_box()
        assert heading and heading["y"] > 0.15 * size[1], "the first screen sits in the middle, top to bottom"
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")
        page.screenshot(path=str(screenshots_dir / f"kiosk-{name}-1-attract.png"))
        assert serious_axe_violations(page) == []
        page.locator(".pact-kiosk-try").click()
        page.locator(".pact-kiosk-scenario").first.wait_for()
        page.screenshot(path=str(screenshots_dir / f"kiosk-{name}-2-choose.png"))
        assert serious_axe_violations(page) == []
        page.locator(".pact-kiosk-scenario").first.click()
        page.locator(".pact-option").first.wait_for()
        page.screenshot(path=str(screenshots_dir / f"kiosk-{name}-3-step.png"))
        assert serious_axe_violations(page) == []
        play_to_the_end(page, ".pact-option >> nth=0")
        page.locator(".pact-kiosk-end").wait_for()
        page.locator(".pact-kiosk-again").scroll_into_view_if_needed()
        page.screenshot(path=str(screenshots_dir / f"kiosk-{name}-4-end.png"))
        assert serious_axe_violations(page) == []
    finally:
        page.close()


def test_each_situation_says_what_happens_and_the_end_card_is_in_one_language(browser, kiosk, scenarios):
    """The choice shows a different line for each situation, saying what happens (not "It is the ... group"); the
    end card, in Spanish, holds no English."""
    page = visit(browser, kiosk, (1920, 1080))
    try:
        page.locator(".pact-kiosk-try").click()
        lines = page.locator(".pact-kiosk-choice .widget-html").all_inner_texts()
        assert len(lines) == len(scenarios) and len(set(lines)) == len(lines)
        for scenario, line in zip(scenarios, lines, strict=True):
            assert line.strip() == teaser(scenario, "en") and not line.startswith("It is the")
        page.locator(".pact-kiosk-lang", has_text="Español").click()
        page.locator(".pact-kiosk-scenario").first.click()
        play_to_the_end(page, ".pact-option >> nth=-1")
        end = page.locator(".pact-kiosk-end").inner_text()
        assert "Puntuación" in end and t("kiosk.start_again", "es") in end
        for english in ("Score", "Well done", "Guideline", "Start again", "You reached"):
            assert english not in end, english
    finally:
        page.close()
