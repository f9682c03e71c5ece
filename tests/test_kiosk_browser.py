"""The kiosk served by Voila, driven in headless Chromium: a visit, Spanish, idle reset, offline, a11y."""

from __future__ import annotations

import asyncio
import json
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from conftest import free_port
from pact_course.deploy import kiosk_server as kiosk_command
from pact_course.engine.content import load_course
from pact_course.engine.messages import t
from pact_course.engine.showcase import kiosk_scenarios

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
FIRST_SCREEN_TIMEOUT = 120_000  # ms: a cold kernel on a busy 2-core machine
STEP_TIMEOUT = 30_000
VIEWPORTS = [(1280, 800), (1920, 1080)]
# Voila scrolls inside #rendered_cells, not the document: look at every box that can scroll sideways.
SIDEWAYS_SCROLLERS = """() => [...document.querySelectorAll('*')]
  .filter(e => e.scrollWidth > e.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX))
  .map(e => e.tagName + '.' + e.className)"""


def kt(key: str, lang: str) -> str:
    """A kiosk message: `key` in the "kiosk." part of pact_course.engine.messages."""
    return t(f"kiosk.{key}", lang)


class Server:
    def __init__(self, proc, port: int, log: Path):
        self.proc, self.port, self.log = proc, port, log
        self.url = f"http://{HOST}:{port}/"


def _serve(tmp_path_factory, name: str, idle_seconds: float):
    log_path = tmp_path_factory.mktemp(name) / "voila.log"
    log = log_path.open("w")
    port = free_port()
    proc = kiosk_command.start(REPO, port=port, host=HOST, idle_seconds=idle_seconds, log=log)
    try:
        kiosk_command.wait_until_serving(HOST, port, timeout=120, proc=proc)
    except RuntimeError:
        kiosk_command.stop(proc)
        log.close()
        pytest.fail(f"Voila did not start:\n{log_path.read_text()[-3000:]}")
    return Server(proc, port, log_path), log


@pytest.fixture(scope="module")
def server(browser, tmp_path_factory):
    """One kiosk for the module, with the default idle time (long enough for any test here)."""
    srv, log = _serve(tmp_path_factory, "kiosk", idle_seconds=600)
    yield srv
    kiosk_command.stop(srv.proc)
    log.close()


@pytest.fixture(scope="module")
def quick_server(browser, tmp_path_factory):
    """A second kiosk whose idle reset comes after a few seconds."""
    srv, log = _serve(tmp_path_factory, "kiosk-idle", idle_seconds=4)
    yield srv
    kiosk_command.stop(srv.proc)
    log.close()


@pytest.fixture(scope="module")
def scenario():
    """The first scenario the kiosk offers, from the real bank."""
    offered = kiosk_scenarios(load_course(REPO))
    assert offered, "no kiosk scenario in the bank"
    return offered[0]


class Visit:
    """A page on the kiosk that records every request and websocket it opens."""

    def __init__(self, browser, server: Server, viewport=(1280, 800)):
        self.context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        self.page = self.context.new_page()
        self.urls: list[str] = []
        self.navigations = 0
        self.context.on("request", lambda r: self.urls.append(r.url))
        self.page.on("websocket", lambda ws: self.urls.append(ws.url))
        self.page.on("framenavigated", lambda f: self._navigated(f))
        self.started = time.monotonic()
        self.page.goto(server.url)
        self.try_button.wait_for(state="visible", timeout=FIRST_SCREEN_TIMEOUT)
        self.first_button_after = time.monotonic() - self.started

    def _navigated(self, frame):
        if frame == self.page.main_frame:
            self.navigations += 1

    @property
    def try_button(self):
        return self.page.get_by_role("button", name=kt("try", "en"), exact=True)

    def button(self, name: str):
        return self.page.get_by_role("button", name=name, exact=True)

    def choose_scenario(self, scenario, lang="en"):
        self.button(kt("try", lang)).click()
        self.button(scenario.title.get(lang)).click()
        self.page.locator(".pact-option").first.wait_for(state="visible", timeout=STEP_TIMEOUT)

    def pick_first_option(self) -> None:
        handle = self.page.locator(".pact-option").first.element_handle(timeout=STEP_TIMEOUT)
        handle.click()
        handle.wait_for_element_state("hidden", timeout=STEP_TIMEOUT)  # the step re-renders

    def play_to_end(self) -> int:
        for clicks in range(40):
            self.page.locator(".pact-option, .pact-kiosk-end").first.wait_for(state="visible", timeout=STEP_TIMEOUT)
            if self.page.locator(".pact-kiosk-end").is_visible():
                return clicks
            self.pick_first_option()
        raise AssertionError("no end screen after 40 choices")

    def shot(self, screenshots_dir: Path, name: str) -> None:
        self.page.screenshot(path=str(screenshots_dir / f"kiosk-{name}.png"), full_page=True)

    def off_machine(self) -> list[str]:
        return [u for u in self.urls if urlparse(u).scheme not in ("data", "blob") and urlparse(u).hostname != HOST]

    def close(self):
        # as a visitor closing the tab: the page's unload handler frees its kernel (Playwright skips it unless asked)
        self.page.close(run_before_unload=True)
        self.context.close()


@pytest.fixture
def visit(browser, server):
    v = Visit(browser, server)
    yield v
    v.close()


def test_first_screen_appears_with_a_clickable_button(visit, screenshots_dir):
    """The first screen shows an enabled Try button and the English and Español buttons."""
    assert visit.try_button.is_enabled()
    visit.button("English").wait_for()
    visit.button("Español").wait_for()
    visit.shot(screenshots_dir, "attract")
    print(f"first clickable button after {visit.first_button_after:.2f} s")


def test_no_code_no_traceback_no_jupyter_chrome(visit, scenario):
    """The served page shows no source code, no traceback or error, and no Jupyter input or output prompts."""
    visit.choose_scenario(scenario)
    html = visit.page.content()
    assert "kiosk_app import" not in html, "sources must be stripped"
    assert visit.page.locator(".jp-InputArea, .jp-InputPrompt, .jp-OutputPrompt").filter(visible=True).count() == 0
    body = visit.page.inner_text("body")
    assert "Traceback" not in body and "Error" not in body


ENDINGS = ("end_best", "end_title", "end_low")  # the end card's title follows the score


def test_visitor_plays_to_the_end_switches_to_spanish_and_starts_again(visit, scenario, screenshots_dir):
    """A visitor plays a scenario to the end, switches the end screen to Spanish, and starts again without a page reload
    or any request leaving the machine."""
    page = visit.page
    visit.button(kt("try", "en")).click()
    visit.button(scenario.title.en).wait_for()
    visit.shot(screenshots_dir, "choice")
    visit.button(scenario.title.en).click()
    first_step = scenario.steps[scenario.start]
    visit.button(first_step.options[0].text.en.strip()).wait_for(timeout=STEP_TIMEOUT)
    visit.shot(screenshots_dir, "step")
    clicks = visit.play_to_end()
    assert clicks >= 1
    expect(visit.button(kt("start_again", "en"))).to_be_in_viewport(timeout=STEP_TIMEOUT)
    end = page.locator(".pact-kiosk-end")
    end_text = end.inner_text()
    assert any(kt(k, "en") in end_text for k in ENDINGS) and "Score:" in end_text
    assert "Guideline" in end_text
    visit.shot(screenshots_dir, "end-en")

    visit.button("Español").click()
    visit.button(kt("start_again", "es")).wait_for(timeout=STEP_TIMEOUT)
    end_text = end.inner_text()
    assert any(kt(k, "es") in end_text for k in ENDINGS) and "Puntuación:" in end_text and "Norma" in end_text
    assert page.get_by_text(scenario.title.es, exact=True).first.is_visible()
    visit.shot(screenshots_dir, "end-es")

    visit.button(kt("start_again", "es")).click()
    visit.try_button.wait_for(state="visible", timeout=STEP_TIMEOUT)
    assert page.locator(".pact-option").count() == 0
    assert visit.navigations == 1, "Start again must not reload the page"
    assert not visit.off_machine(), visit.off_machine()


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=[f"{w}x{h}" for w, h in VIEWPORTS])
def test_fits_the_screen_with_big_touch_targets(browser, server, scenario, viewport, screenshots_dir):
    """At each viewport every screen fits without sideways scrolling, with buttons at least 48 px high and text at least
    20 px."""
    v = Visit(browser, server, viewport)
    try:
        screens = {
            "attract": lambda: None,
            "choice": lambda: v.button(kt("try", "en")).click() or v.button(scenario.title.en).wait_for(),
            "step": lambda: (
                v.button(scenario.title.en).click()
                or v.page.locator(".pact-option").first.wait_for(timeout=STEP_TIMEOUT)
            ),
            "end": v.play_to_end,
        }
        for name, go in screens.items():
            go()
            width = v.page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            assert width[0] <= width[1], f"{name} at {viewport}: sideways scroll {width}"
            assert not v.page.evaluate(SIDEWAYS_SCROLLERS), f"{name} at {viewport}: an inner box scrolls sideways"
            buttons = v.page.locator(".pact-kiosk button").filter(visible=True)
            assert buttons.count() >= 2, name
            for i in range(buttons.count()):
                box = buttons.nth(i).bounding_box()
                assert box["height"] >= 48, f"{name}: button {buttons.nth(i).inner_text()!r} is {box['height']} px high"
                assert box["x"] >= 0 and box["x"] + box["width"] <= viewport[0] + 0.5, name
            size = v.page.evaluate(
                "parseFloat(getComputedStyle(document.querySelector('.pact-kiosk button')).fontSize)"
            )
            assert size >= 20, f"{name}: button text is {size} px"
            v.shot(screenshots_dir, f"{name}-{viewport[0]}x{viewport[1]}")
    finally:
        v.close()


def test_idle_reset_returns_to_the_attract_screen_in_the_same_page(browser, quick_server, scenario, screenshots_dir):
    """Left idle mid-play, the page returns to the attract screen in English without a reload, ready for the next
    visitor."""
    v = Visit(browser, quick_server)
    try:
        v.button("Español").click()
        v.choose_scenario(scenario, lang="es")
        v.pick_first_option()
        assert v.page.locator(".pact-option, .pact-kiosk-end").count() >= 1
        # no touch from here: the kernel's timer puts the first screen back, in English, with no player
        v.try_button.wait_for(state="visible", timeout=STEP_TIMEOUT)
        assert v.page.locator(".pact-player").count() == 0
        assert v.button(kt("try", "es")).count() == 0
        assert v.navigations == 1, "the reset must happen in the kernel, not by reloading the page"
        v.shot(screenshots_dir, "after-idle-reset")
        # and it still works for the next visitor
        v.choose_scenario(scenario)
    finally:
        v.close()


def test_no_request_leaves_the_machine(browser, server, scenario):
    """A whole visit requests nothing beyond the local machine, and the page links no CDN or Font Awesome."""
    v = Visit(browser, server)
    try:
        v.choose_scenario(scenario)
        v.play_to_end()
        v.button("Español").click()
        v.button(kt("start_again", "es")).click()
        v.try_button.wait_for(state="visible", timeout=STEP_TIMEOUT)
        v.page.wait_for_load_state("networkidle")
        assert v.urls, "no requests recorded at all"
        assert not v.off_machine(), v.off_machine()
    finally:
        v.close()
    html = urllib.request.urlopen(server.url, timeout=120).read().decode()  # noqa: S310 - loopback test server
    assert "cdn.jsdelivr.net" not in html and "fontawesome" not in html.lower()


def test_no_serious_or_critical_accessibility_violations(visit, scenario, screenshots_dir):
    """axe finds no serious or critical violation on the attract, choice, step and end screens, nor on the Spanish end
    screen."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    found = {}

    def audit(name):
        results = axe.run(visit.page)
        bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
        found[name] = [
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}" for v in bad
        ]

    audit("attract")
    visit.button(kt("try", "en")).click()
    visit.button(scenario.title.en).wait_for()
    audit("choice")
    visit.button(scenario.title.en).click()
    visit.page.locator(".pact-option").first.wait_for(timeout=STEP_TIMEOUT)
    audit("step")
    visit.play_to_end()
    audit("end")
    visit.button("Español").click()
    visit.button(kt("start_again", "es")).wait_for(timeout=STEP_TIMEOUT)
    audit("end-es")
    assert not any(found.values()), json.dumps(found, indent=1, ensure_ascii=False)


def test_the_page_cannot_run_code_in_the_kernel(visit, tmp_path):
    """Voila's standalone app drops execute requests from the browser side."""
    from tornado.websocket import websocket_connect

    config = json.loads(visit.page.locator("#jupyter-config-data").first.text_content())
    kernel_id = config["kernelId"]
    marker = tmp_path / "ran.txt"
    session = uuid.uuid4().hex

    def message(msg_type, content):
        return json.dumps(
            {
                "header": {
                    "msg_id": uuid.uuid4().hex,
                    "msg_type": msg_type,
                    "session": session,
                    "username": "visitor",
                    "version": "5.3",
                    "date": "",
                },
                "parent_header": {},
                "metadata": {},
                "content": content,
                "channel": "shell",
                "buffers": [],
            }
        )

    async def probe():
        port = urlparse(visit.page.url).port
        ws = await websocket_connect(f"ws://{HOST}:{port}/api/kernels/{kernel_id}/channels?session_id={session}")
        code = f"open({str(marker)!r}, 'w').write('ran')"
        await ws.write_message(message("execute_request", {"code": code, "silent": False}))
        await ws.write_message(message("comm_info_request", {}))  # allowed: shows the channel works
        await ws.write_message(message("kernel_info_request", {}))
        seen = []
        while True:
            raw = await asyncio.wait_for(ws.read_message(), timeout=60)
            assert raw is not None, "the kernel connection closed"
            msg = json.loads(raw) if isinstance(raw, str) else None
            if msg is None:
                continue
            seen.append(msg["header"]["msg_type"])
            if msg["header"]["msg_type"] == "kernel_info_reply":
                ws.close()
                return seen

    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:  # Playwright's sync API owns this thread's event loop
        seen = pool.submit(lambda: asyncio.run(probe())).result(timeout=120)
    assert "comm_info_reply" in seen, seen
    assert "execute_reply" not in seen and "execute_input" not in seen, seen
    assert not marker.exists()


def test_the_url_cannot_change_template_or_theme_or_reach_files(server):
    """Query parameters cannot change the template or theme, and the notebook file, file tree, kernels API and render
    URL are not served."""
    for query in ("?template=lab", "?theme=dark", "?template=reveal&theme=dark"):
        page = urllib.request.urlopen(server.url + query, timeout=180).read().decode()  # noqa: S310 - loopback
        assert "pact-kiosk/static/kiosk.css" in page, f"{query} changed the template"
        assert "theme-dark" not in page and "JupyterLab Dark" not in page, f"{query} changed the theme"
    for path in ("voila/files/kiosk.ipynb", "voila/tree", "api/kernels", "voila/render/kiosk.ipynb"):
        try:
            urllib.request.urlopen(server.url + path, timeout=60)  # noqa: S310 - loopback test server
        except urllib.error.HTTPError as exc:
            assert exc.code in (403, 404), (path, exc.code)
        else:
            raise AssertionError(f"{path} is served")
