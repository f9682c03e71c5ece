"""`pact-course preview` in headless Chromium: the scenario in the player, redrawn on save, problems instead of it."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import DATA, REPO
from pact_course.deploy import preview as server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FIRST_SCREEN_TIMEOUT = 120_000  # ms: a cold kernel on a busy 2-core machine
CHANGE_TIMEOUT = 15_000  # ms: the page polls the file twice a second


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A course folder with the real guidelines and the fixture scenario (an assessment) to edit."""
    (tmp_path / "content" / "scenarios").mkdir(parents=True)
    shutil.copy(REPO / "content" / "guidelines.yaml", tmp_path / "content" / "guidelines.yaml")
    shutil.copy(DATA / "tea-break.yaml", tmp_path / "content" / "scenarios" / "tea-break.yaml")
    return tmp_path


@pytest.fixture
def running(browser, course, tmp_path_factory):
    """The preview server on the fixture scenario, stopped (and its folder removed) afterwards."""
    log_path = tmp_path_factory.mktemp("preview") / "voila.log"
    with log_path.open("w") as log:
        preview = server.start(
            course / "content" / "scenarios" / "tea-break.yaml", course, port=server.free_port(), log=log
        )
        try:
            server.wait_until_serving(preview.host, preview.port, timeout=120, proc=preview.proc)
        except RuntimeError:
            preview.stop()
            pytest.fail(f"the preview server did not start:\n{log_path.read_text()[-3000:]}")
        yield preview
        preview.stop()
    assert not preview.folder.exists(), "stopping the preview removes its temporary folder"


def save(file: Path, text: str) -> None:
    """Write as an editor saves, making sure the modification time moves on."""
    time.sleep(0.05)
    file.write_text(text, encoding="utf-8")


def test_the_preview_shows_the_scenario_and_follows_each_save(browser, course, running, screenshots_dir):
    """The page plays the assessment scenario with its comments; a saved edit shows without a reload, a broken save
    shows the problems instead of the player, and the fixed file brings the player back at the same step."""
    file = course / "content" / "scenarios" / "tea-break.yaml"
    original = file.read_text(encoding="utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    navigations: list[str] = []
    page.on("framenavigated", lambda f: navigations.append(f.url) if f == page.main_frame else None)
    try:
        page.goto(running.url)
        page.get_by_role("button", name="Listen and answer", exact=True).wait_for(timeout=FIRST_SCREEN_TIMEOUT)
        expect(page.get_by_text("Preview of")).to_be_visible()
        expect(page.get_by_text("An assessment scenario, shown here with its comments")).to_be_visible()
        page.screenshot(path=str(screenshots_dir / "preview-start.png"), full_page=True)

        # An assessment shows its comments to the author straight away.
        page.get_by_role("button", name="Listen and answer", exact=True).click()
        expect(page.get_by_text("Good listening.")).to_be_visible(timeout=CHANGE_TIMEOUT)
        expect(page.get_by_text("She shares a worry.")).to_be_visible()

        # Edit the step the author is on: the new words appear, still at that step.
        save(file, original.replace("She shares a worry.", "She shares a worry about her baby's sleep."))
        expect(page.get_by_text("She shares a worry about her baby's sleep.")).to_be_visible(timeout=CHANGE_TIMEOUT)
        expect(page.get_by_text("Good listening.")).to_be_visible()
        page.screenshot(path=str(screenshots_dir / "preview-edited.png"), full_page=True)

        # A broken save: the problems, in plain words, instead of the player.
        save(file, original.replace("points: 3", "points: three"))
        problems = page.locator(".pact-problems")
        expect(problems).to_be_visible(timeout=CHANGE_TIMEOUT)
        expect(problems).to_contain_text("1 problem(s) to fix")
        expect(problems).to_contain_text("step 'ask', option 1 ('listen'), points: must be a whole number")
        expect(page.get_by_role("button", name="Listen and answer", exact=True)).to_have_count(0)
        page.screenshot(path=str(screenshots_dir / "preview-problems.png"), full_page=True)

        # Fixed again: the player is back where the author was.
        save(file, original)
        expect(page.get_by_text("She shares a worry.")).to_be_visible(timeout=CHANGE_TIMEOUT)
        expect(page.locator(".pact-problems")).to_have_count(0)
        assert len(navigations) == 1, f"the page must never reload: {navigations}"
        body = page.inner_text("body")
        assert "Traceback" not in body and "live_preview" not in body
    finally:
        context.close()
