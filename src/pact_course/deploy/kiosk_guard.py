"""The kiosk's gatekeeper inside Voila: known host names only, a cap on live kernels, the page's xsrf cookie."""

from __future__ import annotations

import html
import ipaddress
import json
import os
import socket
from collections.abc import Awaitable

from jupyter_server.auth.identity import PasswordIdentityProvider
from tornado import web

from ..engine.messages import t

HOSTS_ENV = "PACT_KIOSK_HOSTS"  # comma-separated host names the kiosk answers to (set by kiosk_server)
MAX_KERNELS_ENV = "PACT_KIOSK_MAX_KERNELS"
DEFAULT_MAX_KERNELS = 6  # visitors at once: ~70 MB each, and 2 cores keep 6 pages responsive
LOCAL_NAMES = ("localhost", "127.0.0.1", "::1")
RETRY_SECONDS = 5
WORDS_PATH = "/pact-kiosk/words.json"


def allowed_hosts(bind: str, extra: list[str] | tuple[str, ...] = ()) -> list[str]:
    """The Host names the kiosk accepts: the loopback names, the bound address, the given names, and, when it
    listens on every interface, this machine's own names and addresses (never a name it does not know)."""
    names = [*LOCAL_NAMES, *extra]
    if bind not in ("", "0.0.0.0", "::"):
        names.append(bind)
    else:
        names += [socket.gethostname(), socket.getfqdn()]
        try:
            import psutil  # type: ignore[import-untyped]

            names += [
                a.address.split("%")[0]
                for addrs in psutil.net_if_addrs().values()
                for a in addrs
                if a.family in (socket.AF_INET, socket.AF_INET6)
            ]
        except Exception:  # noqa: BLE001 - without psutil, the names above and those given
            pass
    return list(dict.fromkeys(n.strip().lower().strip("[]") for n in names if n and n.strip()))


def configured_hosts() -> list[str]:
    """The accepted host names from $PACT_KIOSK_HOSTS (set by kiosk_server), else the loopback names only."""
    hosts = [h.strip().lower() for h in os.environ.get(HOSTS_ENV, "").split(",") if h.strip()]
    return hosts or list(LOCAL_NAMES)


def max_kernels() -> int:
    try:
        value = int(os.environ.get(MAX_KERNELS_ENV, ""))
    except ValueError:
        return DEFAULT_MAX_KERNELS
    return value if value > 0 else DEFAULT_MAX_KERNELS


def host_name(host_header: str) -> str:
    """The name in a Host header, without its port or IPv6 brackets, lower case."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    if host.count(":") == 1:
        host = host.rsplit(":", 1)[0]
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        return host.rstrip(".")


def busy_page(base_url: str = "/") -> str:
    """The bilingual "busy, one moment" page; it tries again by itself every few seconds."""
    parts = []
    for lang in ("en", "es"):
        parts.append(
            f'<section lang="{lang}"><h1>{html.escape(t("kiosk.busy_title", lang))}</h1>'
            f"<p>{html.escape(t('kiosk.busy_text', lang))}</p></section>"
        )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="refresh" content="{RETRY_SECONDS}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(t('kiosk.busy_title', 'en'))}</title>"
        "<style>body{font-family:system-ui,sans-serif;font-size:26px;line-height:1.5;margin:0;padding:8vh 8vw;"
        "background:#fff;color:#111}h1{font-size:40px;margin:0 0 .5em}section{margin-bottom:2em;max-width:40em}"
        '</style></head><body class="pact-kiosk-busy">' + "".join(parts) + "</body></html>"
    )


def _refuse(handler: web.RequestHandler, status: int, body: str, content_type: str) -> None:
    handler.clear()
    handler.set_status(status)
    handler.set_header("Content-Type", content_type)
    handler.set_header("Cache-Control", "no-store")
    if status == 503:
        handler.set_header("Retry-After", str(RETRY_SECONDS))
    handler.finish(body)
    raise web.Finish()


class WordsHandler(web.RequestHandler):
    """The kiosk page's own words (from engine.messages), for its messages when the kernel is gone."""

    def get(self) -> None:
        if host_name(self.request.host) not in configured_hosts():
            raise web.HTTPError(403)
        self.set_header("Content-Type", "application/json")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps({"kiosk.lost": {lang: t("kiosk.lost", lang) for lang in ("en", "es")}}))


class KioskGuard(PasswordIdentityProvider):
    """Voila's identity provider, with the kiosk's checks before anyone is let in (Voila.identity_provider_class).

    - A request naming a host the kiosk does not know is refused (403): no DNS rebinding from another site.
    - A new page when the live kernels reach the cap gets the busy page (503) instead of another kernel.
    - The page gets the `_xsrf` cookie Voila's own script sends back when the page closes, so the page's
      kernel is shut down at once (without it, the request is refused and the kernel lives until culled).
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.hosts = configured_hosts()
        self.cap = max_kernels()

    def get_handlers(self):
        return [*super().get_handlers(), (WORDS_PATH, WordsHandler)]

    def get_user(self, handler):
        if host_name(handler.request.host) not in self.hosts:
            self.log.warning(
                "Refused a request for host %r (not one of %s)", handler.request.host, ", ".join(self.hosts)
            )
            _refuse(handler, 403, "This kiosk does not answer to that host name.\n", "text/plain; charset=utf-8")
        page = self._is_page(handler)
        if page and self._in_use(handler) >= self.cap:
            self.log.warning("Kiosk busy: %s visitors at once; a new visitor sees the busy page", self.cap)
            _refuse(handler, 503, busy_page(), "text/html; charset=utf-8")
        if page:
            self._fresh_pool(handler)
        return self._user(handler, page)

    async def _user(self, handler, page: bool):
        user = super().get_user(handler)
        if isinstance(user, Awaitable):
            user = await user
        if page:
            handler.current_user = user  # as prepare() does next; the xsrf cookie depends on it
            handler.xsrf_token  # noqa: B018 - sets the _xsrf cookie Voila's unload beacon sends back
        return user

    @staticmethod
    def _is_page(handler) -> bool:
        from voila.handler import VoilaHandler

        return isinstance(handler, VoilaHandler) and handler.request.method == "GET"

    @staticmethod
    def _pooled(handler) -> set[str]:
        """Kernels waiting in Voila's preheated pool for the next visitor."""
        waiting = set()
        manager = getattr(handler, "kernel_manager", None)
        for task in getattr(manager, "_pools", {}).get(getattr(handler, "notebook_path", None), ()):
            try:
                if task.done() and not task.cancelled() and task.exception() is None:
                    waiting.add(task.result().get("kernel_id"))
            except Exception:  # noqa: BLE001 - a pool entry that failed holds no kernel
                continue
        return waiting

    def _in_use(self, handler) -> int:
        """Live kernels given to visitors: all of Voila's kernels but those waiting in its preheated pool."""
        try:
            live = set(handler.kernel_manager.list_kernel_ids())
        except Exception:  # noqa: BLE001 - no kernel manager: nothing to count
            return 0
        return len(live - self._pooled(handler))

    def _fresh_pool(self, handler) -> None:
        """The pooled kernel this page is about to get counts as active from now: the culler (which ends kernels no
        page connected to within a minute) must not take it while the visitor's page is still loading."""
        from jupyter_server._tz import utcnow

        for kernel_id in self._pooled(handler):
            try:
                handler.kernel_manager.get_kernel(kernel_id).last_activity = utcnow()
            except Exception:  # noqa: BLE001 - gone meanwhile
                continue
