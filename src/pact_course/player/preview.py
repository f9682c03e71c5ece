"""The author's live preview: one scenario file in the practice player, redrawn whenever the file is saved."""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
import time
from pathlib import Path

import ipywidgets as widgets

from ..engine.content import check_scenario_file, display_name, load_guidelines
from ..engine.messages import t
from ..engine.problems import Problem
from .markup import esc, html_widget
from .session import current_language
from .view import Player

POLL_SECONDS = 0.5


class LivePreview:
    """Shows `scenario_file` as a trainee would practise it (assessments too, with their comments), or its problems.

    `check()` redraws when the scenario or the guidelines file changed on disk; `watch()` calls it every
    POLL_SECONDS on the kernel's event loop. After a redraw the author's choices so far are played again,
    as far as the edited scenario still allows, so a change deep in a path shows without clicking back to it.
    """

    def __init__(self, scenario_file: Path | str, guidelines_file: Path | str):
        self.file = Path(scenario_file).resolve()
        self.guidelines_file = Path(guidelines_file).resolve()
        self.player: Player | None = None
        self.problems: list[Problem] = []
        self._path: list[tuple[str, str]] = []  # (step, option) chosen so far, kept across a broken save
        self.reloads = 0
        self._seen: tuple | None = None
        self._lang = current_language()
        self._task: asyncio.Task | None = None
        self._header = html_widget("", "pact-preview-header")
        self._status = html_widget("", "pact-preview-status")
        self._body = widgets.VBox()
        self.widget = widgets.VBox([self._header, self._status, self._body])
        self.widget.add_class("pact-preview")
        self.check()

    def _fingerprint(self) -> tuple:
        stamps: list[tuple[int, int] | None] = []
        for path in (self.file, self.guidelines_file):
            try:
                st = path.stat()
                stamps.append((st.st_mtime_ns, st.st_size))
            except OSError:
                stamps.append(None)
        return tuple(stamps)

    def check(self) -> bool:
        """Redraw if a file changed since the last look (or the language did); True when it redrew."""
        seen = self._fingerprint()
        if seen == self._seen:
            if self._lang != current_language():
                self._lang = current_language()
                self._draw_header()
            return False
        self._seen = seen
        self.reload()
        return True

    def reload(self) -> None:
        """Read both files again and show the player, or the problems instead of it."""
        problems: list[Problem] = []
        guidelines = load_guidelines(self.guidelines_file, problems)
        scenario, found = check_scenario_file(self.file, {g.id for g in guidelines})
        self.problems = problems + found
        old, self.player = self.player, None
        if old is not None:
            self._path = [(d.step, d.option) for d in old.decisions() if d.attempt == old.attempt]
            old.close()
        if scenario is not None and not self.problems:
            self.player = Player(scenario, mode="practice", guidelines=guidelines, log_path=None, show_language=True)
            self._replay(self.player)
        self.reloads += 1
        self._lang = current_language()
        self._draw_header()
        body = [self.player.widget] if self.player else [self._problems_widget()]
        self._body.children = body

    def _replay(self, player: Player) -> None:
        """The author's last path, chosen again on the new version as far as it still exists."""
        for step_id, option_id in self._path:
            step = player.scenario.step(step_id)
            if player.current_step != step_id or step is None or step.option(option_id) is None:
                return
            player.choose(option_id)

    def _draw_header(self) -> None:
        lang = current_language()
        scenario = self.player.scenario if self.player else None
        lines = [f"<p><b>{esc(t('preview.title', lang, file=display_name(self.file)))}</b></p>"]
        if scenario is not None and scenario.use == "assessment":
            lines.append(f'<p class="pact-preview-assessment">{esc(t("preview.assessment", lang))}</p>')
        lines.append(f"<p>{esc(t('preview.watching', lang))}</p>")
        self._header.value = "".join(lines)
        shown = time.strftime("%H:%M:%S")
        self._status.value = f"<p>{esc(t('preview.shown_at', lang, time=shown))}</p>"

    def _problems_widget(self) -> widgets.HTML:
        lang = current_language()
        pre = 'style="font-family: monospace; white-space: pre-wrap; margin: 0.2rem 0"'
        items = "".join(f"<li><pre {pre}>{esc(str(p))}</pre></li>" for p in self.problems)
        heading = esc(t("preview.problems", lang, n=len(self.problems)))
        return html_widget(f'<div role="alert"><p>{heading}</p><ul>{items}</ul></div>', "pact-error", "pact-problems")

    # --- watching the file ------------------------------------------------------------------

    def watch(self, seconds: float = POLL_SECONDS, in_thread: bool = False) -> None:
        """Look at the files every `seconds` from now on: on the kernel's event loop, or in a daemon thread when
        there is no running loop (or `in_thread`)."""
        try:
            loop = None if in_thread else asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is None:
            threading.Thread(target=self._watch_in_thread, args=(seconds,), daemon=True).start()
        else:
            self._task = loop.create_task(self._watch(seconds))

    async def _watch(self, seconds: float) -> None:
        while True:
            await asyncio.sleep(seconds)
            self._check_safely()

    def _watch_in_thread(self, seconds: float) -> None:
        while True:
            time.sleep(seconds)
            self._check_safely()

    def _check_safely(self) -> None:
        try:
            self.check()
        except Exception as exc:  # noqa: BLE001 - the watcher must keep watching whatever the file holds
            with contextlib.suppress(Exception):
                self._status.value = f"<p>{esc(f'{type(exc).__name__}: {exc}')}</p>"

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def live_preview(scenario_file: Path | str, guidelines_file: Path | str, root: Path | str | None = None) -> LivePreview:
    """The preview notebook's one call: the live preview of `scenario_file`, already watching it.

    With `root`, the kernel works in the course folder, so files are named as the author's terminal names them.
    """
    if root is not None:
        os.chdir(root)
    preview = LivePreview(scenario_file, guidelines_file)
    preview.watch()
    return preview
