"""`make hub` for real: PAM accounts, trainees in their own homes, the course's service and a PostgreSQL gradebook."""

from __future__ import annotations

import contextlib
import csv
import json
import re
import secrets
import shutil
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest

from conftest import free_port
from course_pages import open_lab
from hub import (
    HUB_VENV,
    Hub,
    Postgres,
    as_user,
    copy_course,
    hub_env,
    open_folder,
    remove_accounts,
    require_hub_tools,
    source_tree,
)
from lab import COURSE_ID, Lab
from pact_course.deploy import hubenv
from pact_course.engine.content import load_course
from pact_course.engine.decisions import read_log
from pact_course.engine.practice import modules
from pact_course.engine.scoring import replay
from test_console_browser import click, message
from test_journey import ASSIGNMENT, Trainee, check_feedback_page, normalised, take_assessment

pytestmark = [pytest.mark.hub, pytest.mark.browser, pytest.mark.slow]

WAIT = 120_000  # ms: the longest a page state may take on a busy 2-core machine
SERVICE = f"/services/{COURSE_ID}"


@pytest.fixture(scope="session")
def postgres():
    """One PostgreSQL server for the session, in a temporary folder on a free loopback port; stopped at the end."""
    require_hub_tools()
    server = Postgres.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def source():
    """The course tree the hub tests install and serve (this working tree, or HEAD: see hub.source_tree)."""
    require_hub_tools()
    base = open_folder("pact-hub-source-")
    yield source_tree(base)
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def hub_venv(source) -> Path:
    """The hub's own Python environment (Debian's python3, the course copied in), as `make hub` builds it."""
    hubenv.ensure(HUB_VENV, source, log=lambda message: None)
    return HUB_VENV


@pytest.fixture(scope="session")
def hub(postgres, hub_venv, source, screenshots_dir):
    """`pact-course hub` on free ports: two trainees and a trainer with system accounts, a PostgreSQL gradebook."""
    tag = "pt" + secrets.token_hex(3)
    names = {
        "trainees": f"{tag}-trainees",
        "trainers": f"{tag}-trainers",
        "course": f"{tag}-course",
        "a": f"{tag}a",
        "b": f"{tag}b",
        "trainer": f"{tag}t",
    }
    base = open_folder("pact-hub-")
    ports = {"hub": free_port(), "api": free_port(), "proxy": free_port(), "service": free_port()}
    gradebook = postgres.create_database(f"gradebook_{tag}")
    h = Hub(
        base,
        copy_course(base, source),
        hub_env(base, names, ports, gradebook),
        f"http://127.0.0.1:{ports['hub']}",
        names,
        {},
    )
    try:
        h.add_account(names["a"], "trainee", "en", "Ana Trainee")
        h.add_account(names["b"], "trainee", "es", "Beatriz Aprendiz")
        h.add_account(names["trainer"], "trainer", "en", "Tom Trainer")
        h.pact("build", ASSIGNMENT)  # source/ and release/ as the content says (a trainer builds before a cycle)
        h.start()
        yield h
    finally:
        h.stop()
        if h.log and h.log.exists():
            shutil.copy(h.log, screenshots_dir / "hub.log")  # the hub's and every server's log, to read afterwards
        remove_accounts(
            [names["a"], names["b"], names["trainer"], names["course"]], [names["trainees"], names["trainers"]]
        )
        shutil.rmtree(base, ignore_errors=True)


def login(browser, hub: Hub, user: str):
    """A fresh browser context signed in to the hub with the account's password (PAM)."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(WAIT)
    page.goto(f"{hub.url}/hub/login")
    page.fill("#username_input", user)
    page.fill("#password_input", hub.passwords[user])
    page.click("#login_submit")
    return page


def released_scenarios(hub: Hub):
    """The scenarios of the assessment as built into source/ (what trainees get), with their key from content/."""
    course = load_course(hub.course)
    public = json.loads((hub.course / "source" / ASSIGNMENT / "scenarios.json").read_text(encoding="utf-8"))
    return [course.scenarios[s["id"]] for s in public["scenarios"]]


class SignedIn:
    """A signed-in browser context where the journey test's helpers expect a browser: same pages, same cookies."""

    def __init__(self, context):
        self.context = context

    def new_page(self, **_options):
        page = self.context.new_page()
        page.set_default_timeout(WAIT)
        return page


def trainee_lab(hub: Hub, user: str) -> Lab:
    """A trainee's server behind the hub, as the journey test's helpers address a lab (the cookie signs them in)."""
    base = f"{hub.url}/user/{user}"
    return Lab(base, "", f"{base}/lab", Path("/home") / user, hub.log or hub.base / "hub.log")


def practise(page, hub: Hub, user: str, shot) -> tuple[str, str, str]:
    """Open a practice module from the file browser and click the first option of its first scenario: its feedback
    shows. Works whether JupyterLab shows the notebook itself (Run All) or as a page (Voila preview)."""
    course = load_course(hub.base / "public")
    module, scenarios = next((m, ss) for m, ss in modules(course) if ss)
    scenario = scenarios[0]
    option = scenario.steps[scenario.start].options[0]
    page.goto(f"{hub.url}/user/{user}/lab?reset")
    page.locator(".jp-DirListing-item", has_text=module.notebook).dblclick()
    page.locator(".lm-TabBar-tab.jp-mod-current", has_text=module.notebook).wait_for()
    current = page.locator(".jp-MainAreaWidget:not(.lm-mod-hidden)").last
    if current.locator("iframe").count() or not current.locator(".jp-Notebook").count():
        where = page.frame_locator(".jp-MainAreaWidget:not(.lm-mod-hidden) iframe").last
    else:
        kernel_idle = page.locator("#jp-main-statusbar .jp-StatusBar-TextItem", has_text=re.compile(r"\| Idle$"))
        kernel_idle.wait_for()
        page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).click()
        page.locator(".lm-Menu-item[data-command='runmenu:run-all']").click()
        where = page
    button = where.locator(f"button.pact-option-{option.id}").first
    button.wait_for()
    button.scroll_into_view_if_needed()
    button.click()
    where.locator(".pact-feedback [role=alert]").first.wait_for()
    shot("practice-feedback")
    return scenario.id, scenario.start, option.id


def open_console(page, hub: Hub):
    """The course's service opens on the trainer console (Voila), as `make trainer` does; its cycle tab."""
    page.goto(f"{hub.url}{SERVICE}/")
    page.locator(".pact-console").wait_for()
    tabs = ".pact-console-tabs .lm-TabBar-tab, .pact-console-tabs .p-TabBar-tab"
    page.locator(tabs, has_text="Assessment cycle").click()
    return page


def read_feedback_in_lab(browser, trainee: Trainee, scenarios, shot) -> None:
    """nbgrader's Assignments panel: Fetch Feedback, then "view feedback" opens the page; it explains the trainee's
    own choices (the journey test's check)."""
    assert trainee.server is not None
    page = open_lab(browser, trainee.server.lab)
    try:
        page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Nbgrader$")).click()
        page.locator(".lm-Menu-item[data-command='nbgrader:open-assignment-list']").click()
        submitted = page.locator("#submitted_assignments_list")
        submitted.locator("button", has_text="Fetch Feedback").click()
        submitted.locator(".nested_list_item a", has_text="view feedback").click()
        page.locator(".lm-TabBar-tab.jp-mod-current", has_text=f"{ASSIGNMENT}.html").wait_for()
        feedback = page.frame_locator(".jp-MainAreaWidget:not(.lm-mod-hidden) iframe").first
        feedback.locator("h1").wait_for()
        check_feedback_page(feedback.locator("body").inner_text(), trainee, scenarios)
        shot("feedback-page")
    finally:
        page.close()


@pytest.fixture(scope="session")
def cohort(hub, browser, screenshots_dir):
    """The whole cycle once: the trainer releases from the console, A practises, A and B take and submit, the trainer
    collects, autogrades and returns feedback from the console (the course's service), A and B fetch feedback."""
    started = time.monotonic()
    names = hub.names
    scenarios = released_scenarios(hub)
    a = Trainee(
        names["a"],
        "en",
        0,
        [
            "I would thank her for joining and say she can come and go as she needs.",
            "Guideline 8 was hardest: I will speak to the parent privately first.",
        ],
        keyboard=False,
    )
    b = Trainee(
        names["b"],
        "es",
        1,
        [
            "Le diría que puede entrar y salir cuando lo necesite.",
            "La norma 9: hablaré con la responsable de protección el mismo día.",
        ],
        keyboard=False,
    )
    pages: dict[str, Any] = {}

    def shots(who: str):
        return lambda name: pages[who].screenshot(path=str(screenshots_dir / f"hub-{who}-{name}.png"))

    try:
        pages["trainer"] = login(browser, hub, names["trainer"])
        console = open_console(pages["trainer"], hub)
        click(console, "pact-console-release")
        message(console, "Released")
        shots("trainer")("released")
        for who, trainee in (("a", a), ("b", b)):
            pages[who] = login(browser, hub, trainee.id)
            pages[who].wait_for_url(f"**/user/{trainee.id}/lab/tree/00-welcome.ipynb*")
            pages[who].locator(".jp-DirListing-item").first.wait_for()
            if who == "a":
                hub.facts["practised"] = practise(pages[who], hub, trainee.id, shots(who))
            # the journey test's own steps, in this trainee's signed-in browser: open, answer, submit
            server = SimpleNamespace(lab=trainee_lab(hub, trainee.id), workspace=Path("/home") / trainee.id)
            trainee.server = cast(Any, server)  # what the journey's helpers use of a trainee's server
            take_assessment(SignedIn(pages[who].context), hub, scenarios, trainee, screenshots_dir)
        hub.facts["formgrader_status"] = {
            who: pages[who].goto(f"{hub.url}{SERVICE}/formgrader/manage_assignments").status for who in ("trainer", "a")
        }
        console = open_console(pages["trainer"], hub)
        click(console, "pact-console-collect")
        hub.facts["collected_message"] = message(console, "Collected")
        hub.facts["collected"] = time.monotonic() - started
        click(console, "pact-console-autograde")
        hub.facts["graded_message"] = message(console, "Graded")
        click(console, "pact-console-feedback")
        hub.facts["feedback_message"] = message(console, "Feedback released")
        shots("trainer")("feedback-released")
        # A fetches and reads the feedback in the browser (the journey test's steps), B with nbgrader's command
        read_feedback_in_lab(SignedIn(pages["a"].context), a, scenarios, shots("a"))
        home_b = Path("/home") / b.id
        hub.facts["b_fetch"] = as_user(
            b.id,
            str(HUB_VENV / "bin" / "nbgrader"),
            "fetch_feedback",
            ASSIGNMENT,
            cwd=home_b,
            env={"HOME": str(home_b), "PATH": f"{HUB_VENV / 'bin'}:/usr/bin:/bin"},
        )
    except Exception:
        for who in pages:
            with contextlib.suppress(Exception):  # the failure itself is what matters; a shot is a bonus
                shots(who)("failed")
        raise
    finally:
        for page in pages.values():
            page.context.close()
    hub.facts.update(scenarios=scenarios, trainees=(a, b), seconds=time.monotonic() - started)
    return hub


def test_trainees_take_the_assessment_and_read_feedback_through_the_hub(cohort, postgres):
    """A practises and both trainees submit in their own servers; the trainer runs the cycle from the console in the
    course's service (the formgrader is theirs, not a trainee's) with a PostgreSQL gradebook; each trainee's feedback
    reaches their own home with their own choices."""
    hub, (a, b) = cohort, cohort.facts["trainees"]
    scenario, step, option = hub.facts["practised"]
    practice_log = read_log(Path("/home") / a.id / "decisions.json")
    assert (scenario, step, option) in [(d.scenario, d.step, d.option) for d in practice_log.decisions]
    assert hub.facts["formgrader_status"] == {"trainer": 200, "a": 403}, "the formgrader is for trainers only"
    assert "Collected 2 submission(s)" in hub.facts["collected_message"]
    assert "Graded 2 trainee(s)" in hub.facts["graded_message"]
    assert "Feedback released to 2 trainee(s)" in hub.facts["feedback_message"]
    assert hub.facts["b_fetch"].returncode == 0, hub.facts["b_fetch"].stderr
    for trainee in (a, b):
        found = sorted((Path("/home") / trainee.id / ASSIGNMENT / "feedback").glob(f"*/{ASSIGNMENT}.html"))
        assert len(found) == 1, f"{trainee.id}: {found}"
        shown = normalised(re.sub(r"<[^>]+>", " ", found[0].read_text(encoding="utf-8")))
        for d in trainee.clicked:
            option = next(s for s in hub.facts["scenarios"] if s.id == d.scenario).steps[d.step].option(d.option)
            assert normalised(option.feedback.get(trainee.lang)) in shown, f"{trainee.id} {d}: no feedback for it"
    assert not (hub.course / "gradebook.db").exists(), "the gradebook is PostgreSQL, not a file in the course"
    db = hub.env["PACT_GRADEBOOK_URL"].rsplit("/", 1)[1]
    count = postgres.psql("SELECT count(*) FROM submitted_assignment;", database=db)
    assert int(count) == 2, "both submissions are in the PostgreSQL gradebook"
    rows = results(hub, hub.env)
    assert set(rows) == {a.id, b.id}
    for trainee in (a, b):
        expected = sum(
            replay(s, [d for d in trainee.clicked if d.scenario == s.id]).score for s in hub.facts["scenarios"]
        )
        assert float(rows[trainee.id]["score"]) == pytest.approx(expected), (trainee.id, rows[trainee.id])
    print(f"\nhub cycle: {hub.facts['seconds']:.0f} s (collected after {hub.facts['collected']:.0f} s)")


def results(hub: Hub, env: dict[str, str]) -> dict[str, dict[str, str]]:
    """`pact-course results` as CSV rows by trainee, for the gradebook named in env."""
    out = hub.base / f"results-{secrets.token_hex(3)}.csv"
    hub.pact("results", ASSIGNMENT, "--csv", str(out), env=env)
    with open(out, newline="", encoding="utf-8") as fh:
        return {row["trainee"]: row for row in csv.DictReader(fh)}


def test_a_trainee_reads_neither_the_course_nor_another_trainees_work(cohort):
    """As trainee B's own account: the course (key, gradebook folder, collected work), A's home and the exchange's
    inbound listing are all refused; the public copy holds the practice scenarios only."""
    hub, (a, b) = cohort, cohort.facts["trainees"]
    attempts = {
        "content": ["cat", str(hub.course / "content" / "guidelines.yaml")],
        "source": ["ls", str(hub.course / "source")],
        "collected": ["cat", str(hub.course / "submitted" / a.id / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")],
        "A's home": ["cat", str(Path("/home") / a.id / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")],
        "A's log": ["cat", str(Path("/home") / a.id / ASSIGNMENT / "decisions.json")],
        "inbound": ["ls", str(hub.exchange / COURSE_ID / "inbound")],
    }
    assert (hub.course / "submitted" / a.id / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").is_file(), "A's work was collected"
    for what, command in attempts.items():
        proc = as_user(b.id, *command)
        assert proc.returncode != 0 and "Permission denied" in proc.stderr, f"B could read {what}: {proc.stdout[:200]}"
    assert as_user(b.id, "cat", str(Path("/home") / b.id / ASSIGNMENT / "decisions.json")).returncode == 0
    public = {p.stem for p in (hub.base / "public" / "content" / "scenarios").glob("*.yaml")}
    course = load_course(hub.course)
    assert public == {s.id for s in course.practice()}, "only practice scenarios are published to trainees"


def test_a_gradebook_backup_restores_into_a_fresh_database(cohort, postgres):
    """`pact-course gradebook backup` then `restore` into a new PostgreSQL database: `pact-course results` agrees,
    and a second restore into a gradebook that holds grades is refused without --force."""
    hub = cohort
    dump = hub.base / "gradebook.dump"
    hub.pact("gradebook", "backup", str(dump))
    assert dump.stat().st_mode & 0o777 == 0o600
    fresh = postgres.create_database(f"restored_{secrets.token_hex(3)}")
    env = dict(hub.env, PACT_GRADEBOOK_URL=fresh)
    hub.pact("gradebook", "restore", str(dump), env=env)
    assert results(hub, env) == results(hub, hub.env)
    again = hub.pact("gradebook", "restore", str(dump), env=env, check=False)
    assert again.returncode == 2 and "--force" in again.stderr
