"""The kiosk's idle reset: a timer that fires once no one has touched the screen for a while."""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Callable

IDLE_ENV = "PACT_KIOSK_IDLE_SECONDS"
DEFAULT_IDLE_SECONDS = 90.0


def idle_seconds_from_env(default: float = DEFAULT_IDLE_SECONDS) -> float:
    """The idle timeout from $PACT_KIOSK_IDLE_SECONDS (read when the kiosk is built), else `default`."""
    try:
        value = float(os.environ.get(IDLE_ENV, ""))
    except ValueError:
        return default
    return value if value > 0 else default


class IdleTimer:
    """Calls `on_idle` once `seconds` pass with no `touch()`; runs on the kernel's event loop when there is one."""

    def __init__(self, seconds: float, on_idle: Callable[[], None]):
        self.seconds = seconds
        self.on_idle = on_idle
        self._handle: asyncio.TimerHandle | threading.Timer | None = None
        self._lock = threading.Lock()

    @property
    def armed(self) -> bool:
        return self._handle is not None

    def touch(self) -> None:
        """Start counting again from now."""
        with self._lock:
            self._cancel()
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                timer = threading.Timer(self.seconds, self._fire)
                timer.daemon = True
                timer.start()
                self._handle = timer
            else:
                self._handle = loop.call_later(self.seconds, self._fire)

    def cancel(self) -> None:
        with self._lock:
            self._cancel()

    def _cancel(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    def _fire(self) -> None:
        with self._lock:
            self._handle = None
        self.on_idle()
