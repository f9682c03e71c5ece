"""Issue 16, kiosk: closed pages free their kernels, a cap with a busy page, known hosts only, lost kernels noticed."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil  # type: ignore[import-untyped]
import pytest

from conftest import free_port
from pact_course.deploy import kiosk_server
from pact_course.engine.messages import t

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
CAP = 3  # visitors at once on the test kiosk (the default is 6)
FIRST_SCREEN = 120_000  # ms: a cold kernel on a busy 2-core machine
KERNEL_ID = re.compile(r'"kernelId": "([0-9a-f-]{36})"')


def kernel_id_in(html: str) -> str:
    """The id of the kernel a kiosk page was given (in its jupyter-config-data)."""
    found = KERNEL_ID.search(html)
    assert found, "no kernel id in the page"
    return found.group(1)


class Kiosk:
    def __init__(self, proc, port: int, log: Path):
        self.proc, self.port, self.log = proc, port, log
        self.url = f"http://{HOST}:{port}/"

    def kernels(self) -> int:
        """Kernel processes this kiosk started (their connection files are in its private folder)."""
        return len(kiosk_server.kernels_of(self.proc.connection_dir))

    def settled(self, count: int, timeout: float) -> float | None:
        """Seconds until exactly `count` kernels run, or None after `timeout`."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if self.kernels() == count:
                return time.monotonic() - started
            time.sleep(0.2)
        return None

    def get(self, path: str = "", host: str | None = None, timeout: float = 120):
        """(status, body, headers) of a plain GET, as a script or a visitor's browser without JavaScript does it."""
        request = urllib.request.Request(self.url + path, headers={"Host": host} if host else {})  # noqa: S310 - loopback
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - loopback kiosk
                return response.status, response.read().decode(), response.headers
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode(errors="replace"), exc.headers

    def shut_down(self, kernel_id: str) -> int:
        """Voila's own shutdown request, as its page sends it on closing (with the _xsrf cookie and field)."""
        token = "5f3a9c"
        request = urllib.request.Request(  # noqa: S310 - loopback kiosk
            f"{self.url}voila/api/shutdown/{kernel_id}",
            data=f"_xsrf={token}".encode(),
            method="POST",
            headers={"Cookie": f"_xsrf={token}", "Content-Type": "application/x-www-form-urlencoded"},
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - loopback kiosk
                return response.status
        except urllib.error.HTTPError as exc:
            return exc.code


@pytest.fixture(scope="module")
def kiosk(browser, tmp_path_factory):
    """One kiosk for the module, capped at CAP visitors, with a long idle time."""
    log_path = tmp_path_factory.mktemp("kiosk-hardening") / "voila.log"
    port = free_port()
    with log_path.open("w") as log:
        proc = kiosk_server.start(REPO, port=port, host=HOST, idle_seconds=600, log=log, max_kernels=CAP)
        try:
            kiosk_server.wait_until_serving(HOST, port, timeout=120, proc=proc)
            server = Kiosk(proc, port, log_path)
            assert server.settled(1, 120) is not None, "the preheated kernel never started"
            yield server
        finally:
            kiosk_server.stop(proc)
    assert not proc.connection_dir.exists()


def open_page(browser, kiosk: Kiosk):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(kiosk.url)
    page.get_by_role("button", name=t("kiosk.try", "en"), exact=True).wait_for(state="visible", timeout=FIRST_SCREEN)
    return context, page


def leave(page, context) -> None:
    """The visitor closes the tab: the page's unload handlers run (Playwright skips them unless asked)."""
    page.close(run_before_unload=True)
    context.close()


def test_only_known_host_names_are_answered(kiosk):
    """A request naming an unknown host (DNS rebinding) is refused; the loopback names are served."""
    assert kiosk.get("pact-kiosk/words.json", host="attacker.example")[0] == 403
    assert kiosk.get("", host=f"evil.example:{kiosk.port}")[0] == 403
    assert kiosk.get("pact-kiosk/words.json", host=f"localhost:{kiosk.port}")[0] == 200
    assert kiosk.get("pact-kiosk/words.json")[0] == 200


def test_a_closed_page_frees_its_kernel_within_seconds(browser, kiosk):
    """Closing the page shuts its kernel down within seconds (Voila's unload request is accepted, not a 403)."""
    assert kiosk.settled(1, 60) is not None
    context, page = open_page(browser, kiosk)
    assert kiosk.settled(2, 60) is not None, "the visitor's kernel and a new preheated one"
    leave(page, context)
    seconds = kiosk.settled(1, 60)
    print(f"closed page's kernel gone after {seconds} s")
    assert seconds is not None and seconds < 10
    assert "'_xsrf' argument missing" not in kiosk.log.read_text()


def test_beyond_the_cap_visitors_see_a_busy_page_and_get_in_when_there_is_room(browser, kiosk):
    """20 page loads start at most CAP kernels; the others get a bilingual busy page at once, which lets the
    visitor in by itself once a kernel is freed."""
    assert kiosk.settled(1, 60) is not None
    started = time.monotonic()
    answers = [kiosk.get() for _ in range(20)]
    kernel_ids = [kernel_id_in(body) for status, body, _ in answers if status == 200]
    busy = [(body, headers) for status, body, headers in answers if status == 503]
    print(
        f"20 GETs in {time.monotonic() - started:.1f} s: {len(kernel_ids)} pages, {len(busy)} busy, "
        f"{kiosk.kernels()} kernels"
    )
    assert len(kernel_ids) == CAP and len(busy) == 20 - CAP
    for body, headers in busy[:1]:
        for lang in ("en", "es"):
            assert t("kiosk.busy_title", lang) in body.replace("&#x27;", "'")
        assert headers["Retry-After"] and 'http-equiv="refresh"' in body
    assert kiosk.kernels() <= CAP + 1

    context = browser.new_context()
    page = context.new_page()
    page.goto(kiosk.url)
    page.get_by_text(t("kiosk.busy_title", "es")).wait_for(timeout=30_000)
    assert kiosk.shut_down(kernel_ids.pop()) == 204
    page.get_by_role("button", name=t("kiosk.try", "en"), exact=True).wait_for(state="visible", timeout=FIRST_SCREEN)
    leave(page, context)
    for kernel_id in kernel_ids:
        assert kiosk.shut_down(kernel_id) == 204
    assert kiosk.settled(1, 30) is not None, f"{kiosk.kernels()} kernels left"


def kernel_process(kernel_id: str) -> psutil.Process:
    for process in psutil.process_iter(["cmdline"]):
        if any(f"kernel-{kernel_id}.json" in part for part in process.info.get("cmdline") or ()):
            return process
    raise AssertionError(f"no process for kernel {kernel_id}")


def test_a_killed_kernel_is_noticed_and_the_page_starts_again(browser, kiosk, screenshots_dir):
    """After kill -9 of the page's kernel, the page says so in both languages and returns to the first screen."""
    context, page = open_page(browser, kiosk)
    navigations = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url) if frame == page.main_frame else None)
    page.get_by_role("button", name=t("kiosk.try", "en"), exact=True).click()
    page.locator(".pact-kiosk-scenario").first.click()
    page.locator(".pact-option").first.wait_for(state="visible", timeout=30_000)
    kernel_id = kernel_id_in(page.content())
    kernel_process(kernel_id).kill()
    lost = page.locator(".pact-kiosk-lost")
    lost.wait_for(state="visible", timeout=30_000)
    assert t("kiosk.lost", "en") in lost.inner_text() and t("kiosk.lost", "es") in lost.inner_text()
    page.screenshot(path=str(screenshots_dir / "kiosk-kernel-lost.png"))
    page.get_by_role("button", name=t("kiosk.try", "en"), exact=True).wait_for(state="visible", timeout=FIRST_SCREEN)
    assert navigations and page.locator(".pact-option").count() == 0
    assert kernel_id_in(page.content()) != kernel_id
    leave(page, context)
    assert kiosk.settled(1, 30) is not None, "the restarted kernel of the old page is shut down too"


def test_the_kiosk_command_says_why_it_stopped_and_cleans_up(tmp_path):
    """When Voila is killed, `pact-course kiosk` says why, exits 1 (not 247), and leaves no kernel or its files."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    port = free_port()
    env = {**os.environ, "TMPDIR": str(tmp), "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"]}
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "pact-course"), "--root", str(REPO), "kiosk", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        kiosk_server.wait_until_serving(HOST, port, timeout=120, proc=proc)
        deadline = time.monotonic() + 120
        while not list(tmp.rglob("kernel-*.json")) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert list(tmp.rglob("kernel-*.json")), "no kernel started"
        voila = next(c for c in psutil.Process(proc.pid).children() if "voila" in " ".join(c.cmdline()))
        voila.send_signal(signal.SIGKILL)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    print(err[-500:])
    assert proc.returncode == 1, (proc.returncode, err[-2000:])
    assert "the kiosk server stopped" in err and "SIGKILL" in err
    assert not list(tmp.rglob("*")), f"left behind: {list(tmp.rglob('*'))}"
    time.sleep(1)
    assert not [p for p in psutil.process_iter(["cmdline"]) if str(tmp) in " ".join(p.info.get("cmdline") or ())]
