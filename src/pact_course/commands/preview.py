"""The `preview` command: a scenario file in the practice player in the browser, redrawn whenever it is saved."""

from __future__ import annotations

import argparse
import signal
import sys
import webbrowser
from pathlib import Path

from ..deploy import preview as server
from ..engine.content import GUIDELINES_FILE, load_scenario_files
from ..engine.root import find_course_root


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "preview",
        help="open a scenario file in the practice player in the browser; it redraws whenever you save the file",
        description=(
            "Open SCENARIO_FILE in the practice player in your browser, served on this machine only. "
            "Each time you save the file the page shows the new version, or the problems to fix instead. "
            "Assessment scenarios are shown with their comments (feedback), for authors. Ctrl+C stops it."
        ),
    )
    p.add_argument(
        "scenario", metavar="SCENARIO_FILE", help="the scenario's .yaml file, e.g. content/scenarios/wrong-link.yaml"
    )
    p.add_argument("--port", type=int, default=server.DEFAULT_PORT, help="port (default 8867, or a free one if taken)")
    p.add_argument("--no-browser", action="store_true", help="print the address instead of opening the browser")
    p.set_defaults(func=_preview)


def _preview(args: argparse.Namespace) -> int:
    file = Path(args.scenario)
    if not file.is_file():
        print(f"pact-course preview: {file}: no such file", file=sys.stderr)
        return 1
    root = find_course_root(getattr(args, "root", None), start=file.resolve().parent)
    _, problems = load_scenario_files([file], root / "content" / GUIDELINES_FILE)
    if problems:
        print(f"{len(problems)} problem(s) in {file} for now; the preview lists them until they are fixed.")
    port = server.free_port(server.DEFAULT_HOST, args.port)
    preview = server.start(file, root, port=port)

    def _terminate(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _terminate)
    try:
        try:
            server.wait_until_serving(preview.host, preview.port, timeout=120, proc=preview.proc)
        except RuntimeError as exc:
            print(
                f"pact-course preview: the preview server did not start ({exc}):\n{preview.log_tail()}", file=sys.stderr
            )
            return 1
        print(f"Preview of {file} on {preview.url} (Ctrl+C stops it)", flush=True)
        if not args.no_browser:
            webbrowser.open(preview.url)
        return preview.proc.wait()
    except KeyboardInterrupt:
        return 130
    finally:
        preview.stop()
