"""The trainer console in Chromium: a whole cycle for two trainees (and one damaged submission) from its buttons."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import time
from pathlib import Path
from urllib.parse import urljoin

import pytest

from conftest import free_port
from lab import BIN, COURSE_ID, TrainerCourse, http_get, isolated_env
from pact_course.engine.content import load_course
from pact_course.engine.scoring import best_path

pytestmark = [pytest.mark.slow, pytest.mark.browser]

ASSIGNMENT = "induction"
WAIT = 180_000  # ms


def trainee_config(exchange: Path, trainee: str) -> str:
    return (
        "c = get_config()\n"
        f"c.CourseDirectory.course_id = {COURSE_ID!r}\n"
        f"c.Exchange.root = {str(exchange)!r}\n"
        f"c.CourseDirectory.student_id = {trainee!r}\n"
    )


class Trainees:
    """Trainees working from their own folders with nbgrader's own commands against the shared exchange."""

    def __init__(self, course: TrainerCourse):
        self.course, self.base = course, course.root.parent / "trainees"

    def folder(self, trainee: str) -> Path:
        return self.base / trainee

    def nbgrader(self, trainee: str, *args: str) -> subprocess.CompletedProcess:
        ws = self.folder(trainee)
        ws.mkdir(parents=True, exist_ok=True)
        (ws / "nbgrader_config.py").write_text(trainee_config(self.course.exchange, trainee))
        env = isolated_env(ws / "home", PACT_EXCHANGE=str(self.course.exchange))
        proc = subprocess.run(
            [str(BIN / "nbgrader"), *args, "--course", COURSE_ID],
            cwd=ws,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert proc.returncode == 0, f"{trainee}: nbgrader {args}: {proc.stdout}\n{proc.stderr}"
        return proc

    def take(self, trainee: str, choose_best: bool) -> None:
        """Fetch, choose (the decision log the player writes), submit."""
        self.nbgrader(trainee, "fetch_assignment", ASSIGNMENT)
        entries = []
        for s in load_course(self.course.root).assessment(ASSIGNMENT):
            path = best_path(s)
            taken = path if choose_best else path[:1]
            for t in taken:
                option = t.option.id if choose_best else min(s.steps[t.step_id].options, key=lambda o: o.points).id
                entries.append({"scenario": s.id, "step": t.step_id, "option": option, "lang": "en"})
        log = {"format": 1, "decisions": entries}
        (self.folder(trainee) / ASSIGNMENT / "decisions.json").write_text(json.dumps(log), encoding="utf-8")
        (self.folder(trainee) / ASSIGNMENT / "decisions.json.lock").write_text("")  # the player's lock file
        self.nbgrader(trainee, "submit", ASSIGNMENT)


@pytest.fixture(scope="module")
def console(tmp_path_factory, browser, screenshots_dir):
    """The trainer's course, its `pact-course trainer` server, and a browser page on the console."""
    course = TrainerCourse.copy_of_repo(tmp_path_factory.mktemp("console"))
    course.pact("build", ASSIGNMENT)
    course.pact("roster", "add", "ana", "Ana María Núñez", "--lang", "es")
    port = free_port()
    log = open(course.root.parent / "trainer.log", "w+", encoding="utf-8")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [str(BIN / "pact-course"), "--root", str(course.root), "trainer", "--port", str(port), "--no-browser"],
        env=course.env(),
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=course.root,
        start_new_session=True,
    )
    try:
        deadline, url = time.monotonic() + 120, None
        while time.monotonic() < deadline and server.poll() is None:
            log.seek(0)
            found = re.search(r"Trainer console: (http://\S+\?token=(\S+))", log.read())
            if found and http_get(f"http://127.0.0.1:{port}/api/status?token={found.group(2)}")[0] == 200:
                url = found.group(1)
                break
            time.sleep(0.5)
        log.seek(0)
        assert url, f"the trainer console did not start:\n{log.read()[-3000:]}"
        context = browser.new_context(viewport={"width": 1366, "height": 900})  # the formgrader opens in a second tab
        page = context.new_page()
        page.set_default_timeout(WAIT)
        page.goto(url)
        page.locator(".pact-console").wait_for()
        yield course, page, screenshots_dir
        context.close()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
        log.close()


def click(page, css: str) -> None:
    page.locator(f"button.{css}").click()


def message(page, text: str) -> str:
    box = page.locator(".pact-console-message")
    box.filter(has_text=text).wait_for()
    return box.inner_text()


def row(page, trainee: str):
    return page.locator(f".pact-console-table tr[data-trainee='{trainee}']")


def gradebook(course: TrainerCourse) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(course.gradebook_url, COURSE_ID) as gb:
        out = {}
        for s in gb.students:
            try:
                sub = gb.find_submission(ASSIGNMENT, s.id)
            except Exception:  # noqa: BLE001 - no submission
                continue
            out[s.id] = sum(g.score for nb in sub.notebooks for g in nb.grades if g.cell_type == "code")
        return out


def test_a_whole_cycle_from_the_console(console):
    """Release, trainees submit, collect, autograde with progress, feedback released; the page agrees with the
    gradebook, names come from the roster, and a damaged submission is reported in words."""
    course, page, shots = console
    shot = lambda name: page.screenshot(path=str(shots / f"console-{name}.png"), full_page=True)  # noqa: E731
    shot("1-opened")

    page.locator(".pact-console-tabs .lm-TabBar-tab, .pact-console-tabs .p-TabBar-tab", has_text="Trainees").click()
    page.locator(".pact-roster-id input").fill("ben")
    page.locator(".pact-roster-name input").fill("Ben Okafor")
    click(page, "pact-roster-add")
    page.locator(".pact-console-roster", has_text="Saved ben").wait_for()
    shot("2-roster")
    page.locator(
        ".pact-console-tabs .lm-TabBar-tab, .pact-console-tabs .p-TabBar-tab", has_text="Assessment cycle"
    ).click()

    click(page, "pact-console-release")
    message(page, "Released")
    assert (course.exchange / COURSE_ID / "outbound" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").is_file()
    assert "not submitted yet" in row(page, "ana").inner_text()

    trainees = Trainees(course)
    trainees.take("ana", choose_best=True)
    trainees.take("ben", choose_best=False)
    trainees.take("cara", choose_best=True)
    click(page, "pact-console-refresh")
    row(page, "cara").filter(has_text="submitted, not collected").wait_for()
    shot("3-submitted")

    click(page, "pact-console-collect")
    assert "Collected 3 submission(s)" in message(page, "Collected")
    assert not list((course.root / "submitted").glob("*/*/*.lock")), "the log's lock file is never collected"
    (course.root / "submitted" / "cara" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").write_text("{ damaged", encoding="utf-8")
    row(page, "ana").filter(has_text="collected, not graded").wait_for()

    click(page, "pact-console-autograde")
    page.locator(".pact-console-progress").wait_for(state="visible")
    text = message(page, "Graded 2 trainee(s)")
    assert "1 could not be graded" in text and "cara: could not be graded" in text
    assert "Traceback" not in text
    assert page.locator(".pact-console-progress .widget-label", has_text="3 of 3").count() == 1
    shot("4-autograded")

    scores = gradebook(course)
    for trainee, name in (("ana", "Ana María Núñez"), ("ben", "Ben Okafor")):
        shown = row(page, trainee).inner_text()
        assert name in shown and "graded" in shown
        assert re.search(rf"\b{scores[trainee]:g} of \d+", shown), (shown, scores[trainee])
    # unanswered reflections score 0 at autograde, and reflections never block a pass
    assert "pass" in row(page, "ana").locator(".result").inner_text()
    assert "follow-up" in row(page, "ben").locator(".result").inner_text()

    formgrader_fits_trainers(page, shots)

    click(page, "pact-console-feedback")
    assert "Feedback released to 2 trainee(s)" in message(page, "Feedback released")
    for trainee in ("ana", "ben"):
        row(page, trainee).filter(has_text="feedback released").wait_for()
        trainees.nbgrader(trainee, "fetch_feedback", ASSIGNMENT)
        assert list((trainees.folder(trainee) / ASSIGNMENT / "feedback").glob(f"*/{ASSIGNMENT}.html"))
    shot("5-feedback-released")

    page.locator(
        ".pact-console-tabs .lm-TabBar-tab, .pact-console-tabs .p-TabBar-tab", has_text="Cohort by guideline"
    ).click()
    page.locator(".pact-console-cohort table.guidelines").wait_for()
    assert page.locator(".pact-console-cohort .plan", has_text="Ben Okafor").count() >= 1
    shot("6-cohort-by-guideline")

    page.locator(
        ".pact-console-tabs .lm-TabBar-tab, .pact-console-tabs .p-TabBar-tab", has_text="Item analysis"
    ).click()
    page.locator(".pact-console-items svg").wait_for()
    shot("7-item-analysis")

    page.locator(".pact-console-tabs .lm-TabBar-tab, .pact-console-tabs .p-TabBar-tab", has_text="Report").click()
    click(page, "pact-console-report")
    page.locator(".pact-console-report-links", has_text="Report written").wait_for()
    shot("8-report")
    link = page.locator(".pact-console-report-links a", has_text="the report page")
    # as a click does: the same-origin Referer Jupyter requires of cookie-authenticated file requests
    opened = page.request.get(urljoin(page.url, link.get_attribute("href") or ""), headers={"Referer": page.url})
    assert opened.ok and "Ana María Núñez" in opened.text(), "the report opens from the console's link"
    assert (course.root / "reports" / ASSIGNMENT / "certificates" / "ana.pdf").is_file()
    assert not (course.root / "reports" / ASSIGNMENT / "certificates" / "ben.pdf").exists()

    page.locator(".pact-console-language button", has_text="Español").click()
    page.locator(".pact-console h1", has_text="Consola de formación de PACT").wait_for()
    page.locator(".pact-console-tabs .lm-TabBar-tab, .pact-console-tabs .p-TabBar-tab", has_text="Ciclo").click()
    row(page, "ana").filter(has_text="comentarios enviados").wait_for()
    assert "aprobado" in row(page, "ana").locator(".result").inner_text()
    assert page.locator("button.pact-console-release", has_text="1. Publicar").count() == 1
    message(page, "Comentarios enviados a 2 participante(s)")  # the last outcome, said again in Spanish
    shot("9-spanish")


def formgrader_fits_trainers(page, shots: Path) -> None:
    """From the console's link: the formgrader's list has the roster's names and no "Tests Failed" column; a
    submission shows the rubric above each written answer and each scenario's key folded to its name."""
    link = page.locator(".pact-formgrader-link")
    grading = page.context.new_page()
    grading.set_default_timeout(WAIT)
    grading.goto(urljoin(page.url, link.get_attribute("href") or ""))
    grading.locator("td.tests-failed").first.wait_for(state="attached")
    grading.locator("button", has_text="Show All Names").click()
    grading.locator("tr", has_text="Okafor").first.wait_for()
    assert not grading.locator("th", has_text=re.compile("Tests failed", re.I)).is_visible()
    assert not grading.locator("td.tests-failed").first.is_visible()
    grading.screenshot(path=str(shots / "formgrader-1-submissions.png"), full_page=True)
    grading.locator("tr", has_text="Okafor").locator("a >> visible=true").first.click()
    grading.locator("text=Rubric for the trainer").first.wait_for()
    html = grading.content()
    assert html.count("Rubric for the trainer") == 2, "one rubric above each written answer"
    assert "HIDDEN TESTS" in html and "KEY: the scenario" in html and '"steps"' not in html
    grading.locator("text=Rubric for the trainer").first.scroll_into_view_if_needed()
    grading.screenshot(path=str(shots / "formgrader-2-rubric.png"))
    grading.close()
