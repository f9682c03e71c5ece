"""`pact-course course` for real: JupyterLab on a free loopback port, a practice notebook run and clicked in
Chromium."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import free_port
from pact_course.engine.content import load_course
from pact_course.engine.practice import modules

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:  # noqa: S310 - loopback test server
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
        return 0, str(exc)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """`pact-course course` started as a trainee would start it (via the console script), on a free port."""
    tmp = tmp_path_factory.mktemp("lab")
    workspace = tmp / "workspace"
    port = free_port()
    env = dict(os.environ, PACT_EXCHANGE=str(tmp / "exchange"), PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    log = open(tmp / "lab.log", "w+", encoding="utf-8")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [
            str(BIN / "pact-course"),
            "course",
            "--trainee",
            "browser-trainee",
            "--workspace",
            str(workspace),
            "--port",
            str(port),
            "--no-browser",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
        cwd=tmp,
    )
    try:
        url = None
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            log.seek(0)
            found = re.search(r"JupyterLab: (http://127\.0\.0\.1:\d+/\S+\?token=(\S+))", log.read())
            if found:
                url, token = found.group(1), found.group(2)
                status, _ = _get(f"http://127.0.0.1:{port}/api/status?token={token}")
                if status == 200:
                    break
            time.sleep(0.25)
        else:
            log.seek(0)
            pytest.fail(f"JupyterLab did not start:\n{log.read()[-3000:]}")
        yield {
            "url": url,
            "base": f"http://127.0.0.1:{port}",
            "token": token,
            "workspace": workspace,
            "log": tmp / "lab.log",
        }
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
        # stopping `pact-course course` stops its JupyterLab too
        deadline = time.monotonic() + 30
        while _get(f"http://127.0.0.1:{port}/api/status")[0] != 0 and time.monotonic() < deadline:
            time.sleep(0.25)
        assert _get(f"http://127.0.0.1:{port}/api/status")[0] == 0, "JupyterLab kept running after pact-course stopped"


@pytest.mark.slow
def test_the_server_offers_the_assignments_panel_but_no_trainer_tools(lab):
    """`pact-course course` opens the welcome notebook in JupyterLab with the Assignments panel, but no formgrader,
    create-assignment or validate tools."""
    base, token = lab["base"], lab["token"]
    assert lab["url"].startswith(base + "/lab/tree/00-welcome.ipynb?token=")
    status, body = _get(f"{base}/assignments?course_id=pact-facilitator&token={token}")
    assert status == 200 and json.loads(body)["success"] is True
    assert _get(f"{base}/formgrader?token={token}")[0] == 404
    status, page = _get(f"{base}/lab?token={token}")
    assert status == 200
    found = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', page, re.S)
    assert found, "JupyterLab's page has no config data"
    config = json.loads(found.group(1))
    disabled = config["disabledExtensions"]
    for plugin in (
        "@jupyter/nbgrader:formgrader",
        "@jupyter/nbgrader:create-assignment",
        "@jupyter/nbgrader:validate-assignment",
    ):
        assert plugin in disabled
    assert "@jupyter/nbgrader:assignment-list" not in disabled
    assert (lab["workspace"] / "10-everyday.ipynb").exists()


@pytest.mark.slow
@pytest.mark.browser
def test_a_practice_notebook_runs_and_a_click_shows_feedback(lab, browser, screenshots_dir):
    """In a running practice notebook, clicking an option shows its feedback and logs the decision, the next option
    works from the keyboard, and the player has no serious axe violations."""
    course = load_course(REPO)
    module, scenarios = next((m, ss) for m, ss in modules(course) if ss)
    scenario = scenarios[0]
    first_step = scenario.steps[scenario.start]
    option = first_step.options[0]
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    try:
        page.goto(f"{lab['base']}/lab/tree/{module.notebook}?token={lab['token']}")
        page.locator(".jp-Notebook .jp-MarkdownOutput h1").first.wait_for(timeout=90_000)
        page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").first.wait_for(timeout=90_000)
        page.screenshot(path=str(screenshots_dir / "lab-1-notebook-open.png"))
        page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).click()
        page.locator(".lm-Menu-item[data-command='runmenu:run-all']").click()
        button = page.locator(f"button.pact-option-{option.id}").first
        button.wait_for(timeout=120_000)
        button.scroll_into_view_if_needed()
        page.screenshot(path=str(screenshots_dir / "lab-2-player-shown.png"))
        # the option is a real, labelled button carrying the full text, wrapping rather than cut
        assert button.inner_text().strip() == option.text.en.strip()
        assert button.evaluate("b => getComputedStyle(b).whiteSpace") == "normal"
        assert button.evaluate("b => b.scrollWidth <= b.clientWidth + 1")
        button.click()
        feedback = page.locator(".pact-feedback [role=alert]").first
        feedback.wait_for(timeout=60_000)
        words = " ".join(option.feedback.en.split()[:6])
        page.wait_for_function(
            (
                "w => [...document.querySelectorAll('.pact-feedback')].some(e "
                "=> e.innerText.replace(/\\s+/g, ' ').includes(w))"
            ),
            arg=words,
            timeout=30_000,
        )
        feedback.scroll_into_view_if_needed()
        page.screenshot(path=str(screenshots_dir / "lab-3-feedback.png"))
        text = page.locator(".pact-feedback").first.inner_text()
        assert ("Upholds" in text) or ("Goes against" in text) or not (option.upholds or option.breaches)
        # keyboard: the next step's options can be reached and pressed without a mouse
        if option.next:
            nxt = scenario.steps[option.next].options[0]
            second = page.locator(f"button.pact-option-{nxt.id}").first
            second.wait_for(timeout=30_000)
            second.focus()
            page.keyboard.press("Enter")
            page.wait_for_function(
                "n => document.querySelectorAll('.pact-feedback').length >= n", arg=2, timeout=30_000
            )
            page.screenshot(path=str(screenshots_dir / "lab-4-keyboard-choice.png"))
        # axe finds no serious or critical problem in the player (JupyterLab's own page is not ours)
        from axe_playwright_python.sync_playwright import Axe

        results = Axe().run(page, context=".pact-player")
        serious = [
            f"{v['id']}: {v['help']} ({len(v['nodes'])} node(s))"
            for v in results.response["violations"]
            if v.get("impact") in ("serious", "critical")
        ]
        assert not serious, serious
        log = json.loads((lab["workspace"] / "decisions.json").read_text(encoding="utf-8"))
        assert log["decisions"][0]["scenario"] == scenario.id
        assert log["decisions"][0]["option"] == option.id
    finally:
        page.close()
