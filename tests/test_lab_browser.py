"""`pact-course course` for real: JupyterLab opens the course's pages (no code, no Run All), a practice module is
played with the mouse and the keyboard, and after a server restart every page opens again with its progress."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from course_pages import (
    WIDGET_ERRORS,
    TraineeServer,
    current_page,
    jupyter_visible,
    open_lab,
    serious_axe_violations,
    standalone,
    tab_to,
    whole_page_shot,
)
from lab import TrainerCourse, http_get
from pact_course.engine.content import load_course
from pact_course.engine.decisions import Decision, append_decision, read_log
from pact_course.engine.practice import modules, progress
from pact_course.engine.scoring import best_path

pytestmark = [pytest.mark.slow, pytest.mark.browser]

TRAINEE = "browser-trainee"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    base = tmp_path_factory.mktemp("lab")
    srv = TraineeServer(TrainerCourse.copy_of_repo(base), TRAINEE, base)
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture(scope="module")
def module_with_one_done(server):
    """The first module with two or more scenarios, its first scenario already played to the end (as last week)."""
    course = load_course(server.course.root)
    module, scenarios = next((m, ss) for m, ss in modules(course) if len(ss) >= 2)
    first = scenarios[0]
    for taken in best_path(first):
        append_decision(server.workspace / "decisions.json", Decision(first.id, taken.step_id, taken.option.id))
    return module, scenarios


def test_the_server_offers_the_assignments_panel_but_no_trainer_tools(server):
    """JupyterLab opens the welcome page, with nbgrader's Assignments panel but no formgrader, create or validate
    tools, and the course's page template behind /voila."""
    lab = server.lab
    assert lab.url.startswith(lab.base + "/lab/tree/00-welcome.ipynb?token=")
    status, body = http_get(lab.url_for("/assignments?course_id=pact-facilitator"))
    assert status == 200 and json.loads(body)["success"] is True
    assert http_get(lab.url_for("/formgrader"))[0] == 404
    status, page = http_get(lab.url_for("/lab"))
    found = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', page, re.S)
    assert status == 200 and found, "JupyterLab's page has no config data"
    disabled = json.loads(found.group(1))["disabledExtensions"]
    for plugin in ("formgrader", "create-assignment", "validate-assignment"):
        assert f"@jupyter/nbgrader:{plugin}" in disabled
    assert "@jupyter/nbgrader:assignment-list" not in disabled
    status, home = http_get(lab.url_for("/voila/render/00-welcome.ipynb"))
    assert status == 200 and "Opening the page" in home and "cdn.jsdelivr" not in home


def test_the_course_opens_as_a_page_with_no_code_no_dialog_and_no_internals(server, browser, screenshots_dir):
    """The welcome notebook opens by itself as the course's home page: no code, prompts or kernel dialog, no Run or
    Kernel menu, and none of the course's files (settings, logs, answers) in the file list."""
    page = open_lab(browser, server.lab, "00-welcome.ipynb")
    try:
        home = current_page(page, ".pact-home")
        home.get_by_text("Welcome to the PACT Zoom Group Facilitator Course").wait_for()
        page.screenshot(path=str(screenshots_dir / "lab-1-home.png"))
        assert jupyter_visible(page) == [] and jupyter_visible(home) == []
        assert page.locator(".jp-Dialog").count() == 0, "no dialog (kernel, trust or save) on opening"
        menus = page.locator(".lm-MenuBar-item").all_inner_texts()
        assert "Run" not in menus and "Kernel" not in menus and "Nbgrader" in menus
        listed = page.locator(".jp-DirListing-itemName").all_inner_texts()
        assert "10-everyday.ipynb" in listed
        assert not [n for n in listed if n in ("nbgrader_config.py", "decisions.json", "answers.json")]
        assert not [n for n in listed if n.endswith(".lock")]
    finally:
        page.close()


def test_a_practice_module_opens_where_the_trainee_is_and_plays_by_mouse_and_keyboard(
    server, browser, module_with_one_done, screenshots_dir
):
    """From the home page's course map a module opens as a tab, at its second scenario (the first is done): one
    title, "Scenario 2 of n", the progress; a click shows how good the choice was in words, and the next step is
    played with the keyboard alone."""
    module, scenarios = module_with_one_done
    second = scenarios[1]
    page = open_lab(browser, server.lab, "00-welcome.ipynb")
    try:
        home = current_page(page, ".pact-home")
        home.locator(f'a.pact-page-link[data-path="{module.notebook}"]').click()
        page.locator(".lm-TabBar-tab.jp-mod-current", has_text=module.notebook).wait_for()
        frame = current_page(page, ".pact-module-page")
        frame.locator(".pact-player .pact-title h2", has_text=second.title.en).wait_for()
        shown = normalised_text(frame)
        assert f"scenario 2 of {len(scenarios)}" in shown.lower() and f"1 of {len(scenarios)} scenarios done." in shown
        assert shown.count(second.title.en) == 2, "the scenario's title once, besides its button in the progress"
        assert frame.locator(".pact-language").filter(visible=True).count() == 1, "one language switch"
        page.screenshot(path=str(screenshots_dir / "lab-2-module-opened-at-scenario-2.png"))
        step = second.steps[second.start]
        option = step.options[0]
        button = frame.locator(f"button.pact-option-{option.id}")
        assert normalised(button.inner_text()) == normalised(option.text.en)
        button.click()
        frame.locator(".pact-feedback .pact-judgement").first.wait_for()
        said = frame.locator(".pact-feedback .pact-judgement").first.inner_text()
        assert re.search(r"Good choice|Partly right|Not a good choice|Critical error", said), said
        page.screenshot(path=str(screenshots_dir / "lab-3-feedback.png"))
        if option.next:
            following = second.steps[option.next].options[0]
            tab_to(page, frame, f"button.pact-option-{following.id}")
            page.keyboard.press("Enter")
            frame.locator(".pact-feedback").nth(1).wait_for()
            page.screenshot(path=str(screenshots_dir / "lab-4-keyboard-choice.png"))
        log = read_log(server.workspace / "decisions.json").decisions
        assert (log[-2 if option.next else -1].scenario, log[-2 if option.next else -1].option) == (
            second.id,
            option.id,
        )
    finally:
        page.close()


def normalised(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def normalised_text(frame) -> str:
    return normalised(frame.locator("body").inner_text())


@pytest.mark.parametrize(
    ("path", "part", "name"),
    [
        ("00-welcome.ipynb", ".pact-home", "home"),
        ("01-guidelines.ipynb", ".pact-guidelines-page", "guidelines"),
        ("10-everyday.ipynb", ".pact-module-page", "module"),
    ],
)
def test_each_page_reads_well_and_axe_finds_nothing_serious(server, browser, screenshots_dir, path, part, name):
    """Each practice page, on its own at a laptop's and a phone's width: axe finds nothing serious or critical, no
    code or widget error shows, and nothing is wider than the screen."""
    for size, label in (((1280, 900), "laptop"), ((390, 844), "phone")):
        page = standalone(browser, server.lab, path, size=size, part=part)
        try:
            assert jupyter_visible(page) == []
            body = page.locator("body").inner_text()
            assert not [e for e in WIDGET_ERRORS if e in body], body[:500]
            assert page.evaluate("() => document.getElementById('rendered_cells').scrollWidth <= window.innerWidth + 1")
            assert serious_axe_violations(page) == []
            whole_page_shot(page, screenshots_dir / f"page-{name}-{label}.png")
        finally:
            page.close()


def test_after_a_server_restart_every_page_opens_again_with_its_progress(
    server, browser, module_with_one_done, screenshots_dir
):
    """The server is stopped and started again (as after a reboot): reopening JupyterLab restores the module's tab
    as a working page with the progress so far, no widget error, and its buttons still answer."""
    module, scenarios = module_with_one_done
    before = len(read_log(server.workspace / "decisions.json").decisions)
    lab = server.restart()
    page = open_lab(browser, lab, module.notebook)
    try:
        frame = current_page(page, ".pact-module-page")
        frame.locator(".pact-progress").get_by_text("Done: best score").first.wait_for()
        body = normalised_text(frame)
        assert not [e for e in WIDGET_ERRORS if e in body], body[:500]
        decisions = read_log(server.workspace / "decisions.json").decisions
        done = sum(progress(s, decisions).status == "done" for s in scenarios)
        assert done >= 1 and f"{done} of {len(scenarios)} scenarios done." in body
        assert "Step " in body and frame.locator("button.pact-option").count() > 0
        # coming back, the page opens at the scenario not done yet, not at the top
        expect(frame.locator(".pact-player .pact-title h2")).to_be_in_viewport(timeout=30_000)
        page.screenshot(path=str(screenshots_dir / "lab-5-after-restart.png"))
        frame.locator("button.pact-option").first.click()  # answered by the new kernel: the log grows by one
        for _ in range(120):
            if len(read_log(server.workspace / "decisions.json").decisions) == before + 1:
                break
            page.wait_for_timeout(500)
        assert len(read_log(server.workspace / "decisions.json").decisions) == before + 1
    finally:
        page.close()
