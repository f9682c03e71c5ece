"""Shared fixtures: a temporary course root, the fixture scenario, and headless Chromium."""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
CHROMIUM = Path(os.environ.get("PACT_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture
def course_dir(tmp_path: Path) -> Path:
    """A course root with the real guidelines and only the fixture scenario."""
    (tmp_path / "content" / "scenarios").mkdir(parents=True)
    shutil.copy(REPO / "content" / "guidelines.yaml", tmp_path / "content" / "guidelines.yaml")
    shutil.copy(DATA / "tea-break.yaml", tmp_path / "content" / "scenarios" / "tea-break.yaml")
    return tmp_path


@pytest.fixture(scope="session")
def tea_break():
    """The fixture scenario, loaded and validated."""
    from pact_course.engine.content import load_scenario_files

    scenarios, problems = load_scenario_files([DATA / "tea-break.yaml"], REPO / "content" / "guidelines.yaml")
    assert not problems, problems
    return scenarios[0]


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def require_chromium() -> Path:
    """Debian's Chromium, or skip (fail when PACT_REQUIRE_BROWSER=1, as in CI)."""
    if CHROMIUM.exists():
        return CHROMIUM
    if os.environ.get("PACT_REQUIRE_BROWSER") == "1":
        pytest.fail(f"PACT_REQUIRE_BROWSER=1 but Chromium is missing at {CHROMIUM} (apt-get install chromium)")
    pytest.skip(f"Chromium not found at {CHROMIUM}; install Debian's chromium to run browser tests")


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session (Debian's build, driven by Playwright)."""
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(executable), headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def screenshots_dir() -> Path:
    """Where browser tests write screenshots of each step (gitignored)."""
    path = Path(os.environ.get("PACT_SCREENSHOTS", REPO / "test-screenshots"))
    path.mkdir(parents=True, exist_ok=True)
    return path
