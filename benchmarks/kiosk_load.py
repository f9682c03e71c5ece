"""Load test of the kiosk on loopback: visitors come and leave; the live kernels must fall back to the pool."""

from __future__ import annotations

import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from pact_course.deploy import kiosk_server
from pact_course.deploy.kiosk_guard import DEFAULT_MAX_KERNELS
from pact_course.engine.messages import t

REPO = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"  # loopback only: the load never leaves the machine
POOL = 1  # kiosk/voila.json's default_pool_size
GETS = 20


def wait_for_kernels(server, target: int, timeout: float) -> float | None:
    """Seconds until the kiosk runs `target` kernels, or None after `timeout`."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if len(kiosk_server.kernels_of(server.connection_dir)) == target:
            return time.monotonic() - started
        time.sleep(0.5)
    return None


def kernels(server) -> int:
    return len(kiosk_server.kernels_of(server.connection_dir))


def visit(browser, url: str, scenario_title: str):
    """One visitor: opens the kiosk and plays the first step; (context, page, 'in' or 'busy')."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(url)
    try_button = page.get_by_role("button", name=t("kiosk.try", "en"), exact=True)
    busy = page.get_by_text(t("kiosk.busy_title", "en"))
    try_button.or_(busy).first.wait_for(state="visible", timeout=180_000)
    if busy.is_visible():
        return context, page, "busy"
    try_button.click()
    page.get_by_role("button", name=scenario_title, exact=True).click()
    page.locator(".pact-option").first.wait_for(state="visible", timeout=120_000)
    return context, page, "in"


def plain_gets(url: str, count: int) -> tuple[int, int]:
    """`count` GETs with no JavaScript (a script, a crawler): pages served, busy pages."""
    served = busy = 0
    for _ in range(count):
        try:
            with urllib.request.urlopen(url, timeout=120) as response:  # noqa: S310 - loopback kiosk
                served += response.status == 200
        except urllib.error.HTTPError as exc:
            busy += exc.code == 503
    return served, busy


def run(browser, visitors: int, scenario_title: str, log: Path) -> list[tuple[str, str]]:
    """Visitors arrive, play, leave; then plain GETs; the measurements as (what, value) rows."""
    from socket import socket

    with socket() as s:
        s.bind((HOST, 0))
        port = s.getsockname()[1]
    rows: list[tuple[str, str]] = []
    with log.open("w") as out:
        server = kiosk_server.start(REPO, port=port, host=HOST, log=out)
        try:
            kiosk_server.wait_until_serving(HOST, port, timeout=120, proc=server)
            url = f"http://{HOST}:{port}/"
            wait_for_kernels(server, POOL, 120)
            rows.append(("kernels at rest (the preheated pool)", str(kernels(server))))
            started = time.monotonic()
            pages = [visit(browser, url, scenario_title) for _ in range(visitors)]
            admitted = sum(1 for *_, state in pages if state == "in")
            rows.append(
                (
                    f"visitors admitted / shown the busy page (cap {DEFAULT_MAX_KERNELS})",
                    f"{admitted} / {visitors - admitted}",
                )
            )
            rows.append(("seconds for all visitors to arrive and play a step", f"{time.monotonic() - started:.1f}"))
            rows.append(("kernels with everyone on the kiosk", str(kernels(server))))
            # those on the busy page go first (their page would let them in as soon as others leave), then the rest
            for context, page, _ in sorted(pages, key=lambda visit: visit[2] != "busy"):
                page.close(run_before_unload=True)
                context.close()
            back = wait_for_kernels(server, POOL, 120)
            rows.append(
                (
                    "seconds after the last visitor left until kernels = pool",
                    "not within 120" if back is None else f"{back:.1f}",
                )
            )
            served, busy = plain_gets(url, GETS)
            rows.append((f"{GETS} plain GETs (no JavaScript, never closed): pages / busy", f"{served} / {busy}"))
            rows.append((f"kernels after {GETS} plain GETs", str(kernels(server))))
            back = wait_for_kernels(server, POOL, 150)
            rows.append(
                (
                    "seconds until their kernels are culled (kernels = pool)",
                    "not within 150" if back is None else f"{back:.1f}",
                )
            )
        finally:
            kiosk_server.stop(server)
    return rows


def print_table(rows: list[tuple[str, str]], visitors: int) -> None:
    print(f"Kiosk load test on {HOST}: {visitors} visitors in headless Chromium, then {GETS} plain GETs.")
    width = max(len(what) for what, _ in rows)
    print(f"| {'measure':<{width}} | {'value':>14} |")
    print(f"|{'-' * (width + 2)}|{'-' * 16}|")
    for what, value in rows:
        print(f"| {what:<{width}} | {value:>14} |")
    sys.stdout.flush()
