"""Browser test helpers for the trainee's pages: in JupyterLab (the Voila preview tab) or on their own, axe, shots."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import free_port
from lab import CourseLabProcess, Lab, TrainerCourse, isolated_env

WAIT = 180_000  # ms: the longest a page may take to open or answer on a slow, shared 2-core machine
PAGE_FRAME = ".jp-MainAreaWidget:not(.lm-mod-hidden) iframe"  # the page in JupyterLab's current tab
JUPYTER_ON_SCREEN = (".jp-InputArea", ".jp-InputPrompt", ".jp-OutputPrompt", ".jp-CodeMirrorEditor", ".cm-editor")
WIDGET_ERRORS = ("Error displaying widget", "model not found", "Traceback", "Error:")


def open_lab(browser, lab: Lab, path: str = "", size=(1366, 900)):
    """A new browser page on the trainee's JupyterLab, at a notebook (opened as a page) or at a clean layout."""
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    page.set_default_timeout(WAIT)
    page.goto(lab.url_for(f"/lab/tree/{path}" if path else "/lab?reset"))
    page.locator(".jp-DirListing-item").first.wait_for()
    return page


def current_page(page, part: str = ".pact-page"):
    """The course page in JupyterLab's current tab (a frame), once `part` of it is drawn."""
    frame = page.frame_locator(PAGE_FRAME).first
    frame.locator(part).first.wait_for()
    return frame


def standalone(browser, lab: Lab, path: str, size=(1280, 900), part: str = ".pact-page"):
    """A course page on its own (Voila, as JupyterLab's tab shows it), for axe and whole-page screenshots."""
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    page.set_default_timeout(WAIT)
    page.goto(lab.url_for(f"/voila/render/{path}"))
    page.locator(part).first.wait_for()
    page.wait_for_function("() => !document.getElementById('loading')")
    return page


def whole_page_shot(page, path: Path) -> None:
    """A screenshot of the whole page (Voila scrolls inside #rendered_cells: the window is made as tall)."""
    size = page.viewport_size or {"width": 1280, "height": 900}
    height = page.evaluate("() => (document.getElementById('rendered_cells') || document.body).scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": min(max(height + 16, 300), 16_000)})
    page.screenshot(path=str(path))
    page.set_viewport_size(size)


def serious_axe_violations(page, context: str | None = None) -> list[str]:
    """axe's serious and critical findings on the page (or in `context`), one line each."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context=context) if context else Axe().run(page)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} node(s): {v['nodes'][0].get('target')})"
        for v in results.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]


def jupyter_visible(page_or_frame) -> list[str]:
    """Jupyter's code areas and prompts visible on a page: none may be."""
    return [s for s in JUPYTER_ON_SCREEN if page_or_frame.locator(s).filter(visible=True).count()]


def normalised(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def tab_to(page, frame, selector: str, presses: int = 80) -> None:
    """Press Tab (keyboard only) until the element matching `selector` inside the page's frame has the focus."""
    target = frame.locator(selector).first
    target.wait_for()
    # the trainee is in the page (as after tabbing into it): from its top, Tab alone must reach the target
    target.evaluate(
        "e => { e.ownerDocument.defaultView.focus(); if (document.activeElement) document.activeElement.blur(); }"
    )
    for _ in range(presses):
        if target.evaluate("e => e === document.activeElement || e.contains(document.activeElement)"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


class TraineeServer:
    """A trainee's `pact-course course`, which a test may stop and start again on the same workspace (a restart)."""

    def __init__(self, course: TrainerCourse, trainee: str, base: Path):
        self.course, self.trainee = course, trainee
        self.workspace = base / trainee
        self.env = isolated_env(base / f"home-{trainee}", PACT_EXCHANGE=str(course.exchange))
        self.process: CourseLabProcess | None = None
        self.lab = self.start()

    def start(self) -> Lab:
        self.process = CourseLabProcess(self.course.root, self.trainee, self.workspace, free_port(), self.env)
        self.lab = self.process.ready()
        return self.lab

    def restart(self) -> Lab:
        self.stop()
        return self.start()

    def stop(self) -> None:
        if self.process is not None:
            self.process.stop()
            self.process = None
