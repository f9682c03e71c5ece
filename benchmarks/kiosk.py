"""Times the kiosk's first clickable option (with and without preheated kernels) and its tap-to-feedback latency,
beside a one-button floor."""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from pact_course.deploy import kiosk_server as kiosk_command
from pact_course.engine.content import load_course
from pact_course.engine.messages import t
from pact_course.engine.showcase import kiosk_scenarios

sys.path.insert(0, str(Path(__file__).resolve().parent))
from kiosk_taps import floor_cell, floor_taps, kiosk_taps, tap_rows

REPO = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
FLOOR_LABEL = "Go"
POOL_FILLED = "Kernel pool of"  # Voila logs "Kernel pool of <nb> is filled with N kernel(s)"


def floor_notebook(folder: Path) -> Path:
    """A notebook with one button and a line its tap fills: the least any Voila page can take."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(floor_cell(FLOOR_LABEL))]
    path = folder / "floor.ipynb"
    nbformat.write(nb, path)
    return path


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def pool_fills(log: Path) -> int:
    return log.read_text(errors="replace").count(POOL_FILLED)


def wait_for(condition, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError("timed out waiting for the kernel pool")
        time.sleep(0.1)


SERVING: list = []  # the Voila servers measure() runs now: a visit waits until all their kernels are idle
QUIET_CPU = 5.0  # percent of one core: a kernel below it is idle


def wait_until_quiet(timeout: float = 60.0) -> None:
    """Wait until no kernel of a running server works (preheating a page, shutting down): on a loaded machine a
    fixed pause may end while the last visit's pool is still running its notebook, which would slow the next page."""
    import psutil  # type: ignore[import-untyped]  # no stubs in the lock

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        kernels = [k for proc in SERVING for k in kiosk_command.kernels_of(proc.connection_dir)]
        for k in kernels:
            try:
                k.cpu_percent(None)
            except psutil.Error:
                continue
        time.sleep(0.5)
        busy = 0.0
        for k in kernels:
            try:
                busy = max(busy, k.cpu_percent(None))
            except psutil.Error:
                continue
        if busy < QUIET_CPU:
            return


def measure(
    browser,
    notebook: Path | None,
    preheat: bool,
    runs: int,
    workdir: Path,
    scenario_title: str | None,
    settle: float,
    taps: int = 0,
    titles: list[str] | None = None,
    out: dict | None = None,
):
    """Seconds from navigation to the first clickable button (and, for the kiosk, to the first option); then, with
    `taps`, one more visitor's seconds from each tap to its feedback (the kiosk: options through `titles`).

    A generator: it pauses after each visitor, so `interleaved` alternates two pages on two servers running side by
    side (the machine's load then weighs on both alike); the lists are in `out` (first, option, taps).
    """
    out = {} if out is None else out
    log_path = workdir / f"voila-{'kiosk' if notebook is None else 'floor'}-{preheat}.log"
    port = free_port()
    with log_path.open("w") as log:
        proc = kiosk_command.start(REPO, port=port, host=HOST, preheat=preheat, notebook=notebook, log=log)
        SERVING.append(proc)
        try:
            kiosk_command.wait_until_serving(HOST, port, timeout=120, proc=proc)
            first, option = out.setdefault("first", []), out.setdefault("option", [])
            for run in range(runs):
                if preheat:  # a fresh visitor meets a full pool, as at a stand
                    wait_for(lambda visitors=run + 1: pool_fills(log_path) >= visitors, timeout=180)
                # "filled" means the kernel started, not that it ran the notebook; and the last visit's
                # kernel is shutting down: let the machine settle, so every visitor finds an idle kiosk
                time.sleep(settle)
                wait_until_quiet()
                context = browser.new_context(viewport={"width": 1280, "height": 800})
                page = context.new_page()
                label = FLOOR_LABEL if notebook is not None else t("kiosk.try", "en")
                start = time.perf_counter()
                page.goto(f"http://{HOST}:{port}/")
                button = page.get_by_role("button", name=label, exact=True)
                button.wait_for(state="visible", timeout=180_000)
                first.append(time.perf_counter() - start)
                if notebook is None:
                    button.click()
                    page.get_by_role("button", name=scenario_title, exact=True).click()
                    page.locator(".pact-option").first.wait_for(state="visible", timeout=60_000)
                    option.append(time.perf_counter() - start)
                page.close(run_before_unload=True)  # as a visitor closing the tab: the kernel is freed at once
                context.close()
                yield
            tapped: list[float] = out.setdefault("taps", [])
            if taps:
                if preheat:
                    wait_for(lambda: pool_fills(log_path) >= runs + 1, timeout=180)
                time.sleep(settle)
                wait_until_quiet()
                context = browser.new_context(viewport={"width": 1280, "height": 800})
                page = context.new_page()
                page.goto(f"http://{HOST}:{port}/")
                if notebook is not None:
                    tapped += floor_taps(page, FLOOR_LABEL, taps)
                else:
                    words = {"try": t("kiosk.try", "en"), "again": t("kiosk.start_again", "en")}
                    tapped += kiosk_taps(page, words, titles or [str(scenario_title)], taps)
                page.close(run_before_unload=True)
                context.close()
                yield
        finally:
            SERVING.remove(proc)
            kiosk_command.stop(proc)


def interleaved(*visits) -> None:
    """Run `measure` generators in turn, one visitor each, until all are done; stop every server at the end."""
    pending = list(visits)
    try:
        while pending:
            for visit in list(pending):
                try:
                    next(visit)
                except StopIteration:
                    pending.remove(visit)
    finally:
        for visit in visits:
            visit.close()


def row(name: str, preheat: bool, values: list[float]) -> str:
    if not values:
        return f"| {name:<34} | {'yes' if preheat else 'no':<7} | {'-':>8} | {'-':>8} | {'-':>8} |"
    return (
        f"| {name:<34} | {'yes' if preheat else 'no':<7} | {statistics.median(values):8.2f} "
        f"| {min(values):8.2f} | {max(values):8.2f} |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3, help="page loads per configuration (default 3)")
    parser.add_argument("--settle", type=float, default=8.0, help="idle seconds before each page load (default 8)")
    parser.add_argument(
        "--taps",
        type=int,
        default=20,
        help="taps timed to their feedback, with preheated kernels (default 20; 0: none)",
    )
    parser.add_argument("--cold", action=argparse.BooleanOptionalAction, default=True, help="also time without preheat")
    parser.add_argument(
        "--visitors",
        type=int,
        default=0,
        help="instead: a load test with this many visitors at once (at most 20), who then leave; the table shows "
        "the busy page, the kernel count and how soon it falls back to the pool",
    )
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    scenarios = kiosk_scenarios(load_course(REPO))
    scenario = scenarios[0]
    if args.visitors:
        return load_test(min(args.visitors, 20), scenario.title.en)
    rows = []
    ratios = []
    floor_tapped: list[float] = []
    kiosk_tapped: list[float] = []
    titles = [s.title.en for s in scenarios]
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        workdir = Path(tmp)
        floor = floor_notebook(workdir)
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            for preheat in (True, False) if args.cold else (True,):
                print(f"measuring preheat={preheat} ...", file=sys.stderr, flush=True)
                taps = args.taps if preheat else 0
                at_floor: dict = {}
                at_kiosk: dict = {}
                interleaved(
                    measure(browser, floor, preheat, args.runs, workdir, None, args.settle, taps, out=at_floor),
                    measure(
                        browser,
                        None,
                        preheat,
                        args.runs,
                        workdir,
                        scenario.title.en,
                        args.settle,
                        taps,
                        titles,
                        at_kiosk,
                    ),
                )
                floor_first, kiosk_first, kiosk_option = at_floor["first"], at_kiosk["first"], at_kiosk["option"]
                floor_tapped = floor_tapped or at_floor["taps"]
                kiosk_tapped = kiosk_tapped or at_kiosk["taps"]
                rows += [
                    row("floor: one-button notebook", preheat, floor_first),
                    row("kiosk: first button (attract)", preheat, kiosk_first),
                    row("kiosk: first option (+2 taps)", preheat, kiosk_option),
                ]
                if floor_first and kiosk_first:
                    ratio = statistics.median(kiosk_first) / statistics.median(floor_first)
                    ratios.append(f"kiosk / floor, first button, preheat {'yes' if preheat else 'no'}: {ratio:.2f}x")
        finally:
            browser.close()
    print(
        f"Seconds from page load to the first clickable button; {args.runs} run(s) each, same Voila and config,"
        f" {args.settle:g} s idle before each load (then until no kernel works), floor and kiosk served side by side"
        " and visited in turn."
    )
    print(f"| {'page':<34} | {'preheat':<7} | {'median':>8} | {'min':>8} | {'max':>8} |")
    print(f"|{'-' * 36}|{'-' * 9}|{'-' * 10}|{'-' * 10}|{'-' * 10}|")
    for line in rows:
        print(line)
    for line in ratios:
        print(line)
    if args.taps:
        print()
        print(
            f"Milliseconds from a tap to its feedback on screen, with preheated kernels; one visitor, {args.taps} taps."
        )
        for line in tap_rows(floor_tapped, kiosk_tapped):
            print(line)
    return 0


def load_test(visitors: int, scenario_title: str) -> int:
    """`--visitors N`: see kiosk_load.py."""
    from playwright.sync_api import sync_playwright

    from kiosk_load import print_table, run

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            rows = run(browser, visitors, scenario_title, Path(tmp) / "voila.log")
        finally:
            browser.close()
    print_table(rows, visitors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
