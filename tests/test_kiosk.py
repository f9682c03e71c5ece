"""The kiosk in-process: its screens, scenario filter, idle reset, no files written, config and command."""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

import ipywidgets as widgets
import pytest

from pact_course.deploy import kiosk_server as kiosk_command
from pact_course.engine.content import load_course
from pact_course.engine.messages import MESSAGES, t
from pact_course.engine.model import Course
from pact_course.engine.scoring import best_path
from pact_course.engine.showcase import kiosk_scenarios, one_line
from pact_course.player.idle import IDLE_ENV, IdleTimer
from pact_course.player.kiosk import Kiosk, kiosk
from pact_course.player.view import Player

REPO = Path(__file__).resolve().parents[1]


def kt(key: str, lang: str) -> str:
    """A kiosk message: `key` in the "kiosk." part of pact_course.engine.messages."""
    return t(f"kiosk.{key}", lang)


def in_fresh_thread(fn):
    """Run `fn` in a new thread with no event loop: in this process Playwright's sync API may own the
    main thread's loop (a session-wide browser), where the kernel's timer would never get to run."""
    result: dict = {}

    def run():
        try:
            result["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test's thread
            result["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(120)
    assert not thread.is_alive(), "timed out"
    if "error" in result:
        raise result["error"]
    return result.get("value")


def wait_until(condition, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


@pytest.fixture
def fixture_course(tea_break) -> Course:
    """The real guidelines with practice variants of the fixture scenario (one safe, one not)."""
    course = load_course(REPO)
    safe_steps = {
        sid: step.model_copy(
            update={"options": [o for o in step.options if "safeguarding" not in (*o.upholds, *o.breaches)]}
        )
        for sid, step in tea_break.steps.items()
        if sid != "follow"
    }
    safe_steps["ask"] = safe_steps["ask"].model_copy(
        update={
            "options": [
                o.model_copy(update={"next": "wrap"}) if o.next == "follow" else o for o in safe_steps["ask"].options
            ]
        }
    )
    safe = tea_break.model_copy(
        update={"id": "tea-safe", "use": "practice", "assignment": None, "kiosk": True, "steps": safe_steps}
    )
    risky = tea_break.model_copy(update={"id": "tea-risky", "use": "practice", "assignment": None, "kiosk": True})
    hidden = safe.model_copy(update={"id": "tea-hidden", "kiosk": False})
    exam = safe.model_copy(update={"id": "tea-exam", "use": "assessment", "assignment": "induction"})
    scenarios = {s.id: s for s in (safe, risky, hidden, exam)}
    return Course(guidelines=course.guidelines, scenarios=scenarios)


def playing(app: Kiosk) -> Player:
    """The kiosk's player: there is one while a scenario is on screen."""
    assert app.player is not None, f"no player on the {app.screen} screen"
    return app.player


def play_to_end(app: Kiosk, pick=lambda buttons: buttons[0]) -> int:
    clicks = 0
    while app.screen == "play":
        buttons = playing(app).option_buttons()
        assert buttons, "a step with no option buttons"
        pick(buttons).click()
        clicks += 1
        assert clicks < 50
    return clicks


# --- which scenarios a visitor may see ----------------------------------------------------------


def test_only_safe_kiosk_practice_scenarios_are_offered(fixture_course):
    """The kiosk offers only practice scenarios flagged for it that never touch safeguarding."""
    assert [s.id for s in kiosk_scenarios(fixture_course)] == ["tea-safe"]


def test_real_bank_kiosk_scenarios_are_practice_without_safeguarding():
    """The real bank offers at least one kiosk scenario, each a flagged practice scenario with no safeguarding and no
    critical option."""
    course = load_course()
    offered = kiosk_scenarios(course)
    assert offered, "the bank has no scenario fit for the kiosk (kiosk: true, no safeguarding)"
    for scenario in offered:
        assert scenario.use == "practice" and scenario.kiosk
        for step in scenario.steps.values():
            for option in step.options:
                assert "safeguarding" not in option.upholds + option.breaches, scenario.id
                assert not option.critical, scenario.id
    flagged = [s for s in course.scenarios.values() if s.kiosk and s.use == "practice"]
    assert {s.id for s in offered} <= {s.id for s in flagged}


def test_one_line_is_the_first_sentence_or_a_cut_at_a_word():
    """`one_line` gives the first sentence, or cuts a long text at a word with an ellipsis within the limit."""
    assert one_line("It is Tuesday. Amina joins late.") == "It is Tuesday."
    long = "word " * 60
    cut = one_line(long, limit=40)
    assert cut.endswith("…") and len(cut) <= 40 and "  " not in cut


# --- the screens ------------------------------------------------------------------------------


def test_attract_screen_offers_languages_and_a_big_try_button(fixture_course):
    """The attract screen offers English and Español and a main Try button, with the idle countdown not yet armed."""
    app = Kiosk(fixture_course, idle_seconds=60)
    text = app.shown_text()
    assert app.screen == "attract"
    assert "English" in text and "Español" in text
    assert kt("try", "en") in text and kt("page_title", "en") in text
    assert "pact-kiosk-main" in app._try._dom_classes
    assert not app.idle.armed, "nothing to forget before anyone touches the screen"


def test_visitor_plays_to_the_end_then_spanish_then_start_again(fixture_course):
    """A visitor picks a safe scenario and plays it to the end, without a log, to see the score and guidelines learned,
    switches that screen to Spanish, and starting again returns to the attract screen in English."""
    app = Kiosk(fixture_course, idle_seconds=60)
    app._try.click()
    assert app.screen == "choice"
    choice = app.shown_text()
    assert "The tea break" in choice and "A parent asks a question during the break." in choice  # what happens
    assert "tea-risky" not in app._choice_buttons and "tea-hidden" not in app._choice_buttons
    app._choice_buttons["tea-safe"].click()
    assert app.screen == "play" and app.idle.armed
    assert playing(app).log_path is None
    assert next(b.description for b in playing(app).option_buttons()) == "Listen and answer"
    play_to_end(app)
    assert app.screen == "end"
    text = app.shown_text()
    scenario = fixture_course.scenarios["tea-safe"]
    result = playing(app).replay()
    assert f"Score: {result.score} out of {result.maximum}" in text
    ending = (
        "end_best"
        if result.score >= result.maximum
        else "end_title"
        if 2 * result.score >= result.maximum
        else "end_low"
    )
    assert kt(ending, "en") in text and kt("start_again", "en") in text
    learned = {g for t in best_path(scenario) for g in t.option.upholds}
    for gid in learned:
        g = fixture_course.guideline(gid)
        assert f"Guideline {g.number}: {g.title.en}" in text

    app._lang_buttons["es"].click()
    text = app.shown_text()
    assert app.lang == "es" and playing(app).lang == "es"
    assert "La pausa del té" in text and kt(ending, "es") in text
    assert f"Puntuación: {result.score} de {result.maximum}" in text
    assert kt("start_again", "es") in text and kt("start_again", "en") not in text

    app._again.click()
    assert app.screen == "attract" and app.player is None and app.lang == "en"
    assert kt("try", "en") in app.shown_text()
    assert not app.idle.armed


def test_language_can_be_chosen_before_starting(fixture_course):
    """Spanish chosen on the attract screen is marked as current and carries into the player."""
    app = Kiosk(fixture_course, idle_seconds=60)
    app._lang_buttons["es"].click()
    assert kt("try", "es") in app.shown_text() and kt("page_title", "es") in app.shown_text()
    assert "pact-kiosk-lang-current" in app._lang_buttons["es"]._dom_classes
    assert "pact-kiosk-lang-current" not in app._lang_buttons["en"]._dom_classes
    app._try.click()
    app._choice_buttons["tea-safe"].click()
    assert playing(app).lang == "es"
    assert "Escuchas y respondes" in [b.description for b in playing(app).option_buttons()]


def test_back_from_the_choice_returns_to_the_attract_screen(fixture_course):
    """Back on the scenario choice screen returns to the attract screen."""
    app = Kiosk(fixture_course, idle_seconds=60)
    app._try.click()
    app._back.click()
    assert app.screen == "attract"


def test_every_button_has_a_label_and_no_icon(fixture_course):
    """On every screen, each button has a text label and no icon."""
    app = Kiosk(fixture_course, idle_seconds=60)
    seen = []
    for step in (
        lambda: None,
        app._try.click,
        lambda: app._choice_buttons["tea-safe"].click(),
        lambda: play_to_end(app),
    ):
        step()
        for b in app.buttons():
            assert b.description.strip(), "a button with no text"
            assert not b.icon, "icons come from a CDN font: none in the kiosk"
            seen.append(b.description)
    assert seen


def test_a_dropped_player_is_closed(fixture_course):
    """A reset closes the old player's widgets."""
    app = Kiosk(fixture_course, idle_seconds=60)
    app._try.click()
    app._choice_buttons["tea-safe"].click()
    player = playing(app)
    app.reset()
    assert player.widget.comm is None, "the old player's widgets stay open"


# --- idle reset ----------------------------------------------------------------------------------


def test_idle_reset_returns_to_the_attract_screen_and_forgets_the_visitor(fixture_course):
    """After the idle countdown mid-play, the kiosk returns to the attract screen in English with no player, scenario or
    language choice left."""
    in_fresh_thread(lambda: _idle_reset(fixture_course))


def _idle_reset(fixture_course):
    app = Kiosk(fixture_course, idle_seconds=0.4)
    app._lang_buttons["es"].click()
    app._try.click()
    app._choice_buttons["tea-safe"].click()
    playing(app).option_buttons()[0].click()
    assert app.screen == "play"
    assert wait_until(lambda: app.screen == "attract", timeout=10)
    assert app.player is None and app.scenario is None and app.lang == "en"
    assert kt("try", "en") in app.shown_text()
    assert app.resets == 1 and not app.idle.armed


def test_every_touch_restarts_the_idle_countdown(fixture_course):
    """Each touch restarts the idle countdown, so a visitor who keeps touching is never reset, and the reset comes once
    they stop."""
    in_fresh_thread(lambda: _touches(fixture_course))


def _touches(fixture_course):
    app = Kiosk(fixture_course, idle_seconds=0.6)
    app._try.click()
    app._choice_buttons["tea-safe"].click()
    for _ in range(4):  # 4 x 0.3 s of touches outlast one 0.6 s countdown
        time.sleep(0.3)
        app._lang_buttons["es" if app.lang == "en" else "en"].click()
        assert app.screen == "play"
    assert wait_until(lambda: app.screen == "attract", timeout=10)


def test_idle_timer_uses_the_event_loop_when_one_runs():
    """With an event loop running, the idle timer schedules its callback on that loop."""
    import asyncio

    fired = []

    async def main():
        timer = IdleTimer(0.05, lambda: fired.append(asyncio.get_running_loop()))
        timer.touch()
        assert isinstance(timer._handle, asyncio.TimerHandle)
        await asyncio.sleep(0.3)
        return asyncio.get_running_loop()

    loop_used = in_fresh_thread(lambda: asyncio.run(main()))
    assert fired == [loop_used]


def test_idle_seconds_come_from_the_environment(fixture_course, monkeypatch):
    """The idle timeout comes from the environment and is shown on screen, falling back to 90 seconds when unset or not
    a number."""
    monkeypatch.setenv(IDLE_ENV, "7")
    assert Kiosk(fixture_course).idle.seconds == 7
    assert "7 seconds" in Kiosk(fixture_course).shown_text()
    monkeypatch.setenv(IDLE_ENV, "nonsense")
    assert Kiosk(fixture_course).idle.seconds == 90
    monkeypatch.delenv(IDLE_ENV)
    assert Kiosk(fixture_course).idle.seconds == 90


# --- nothing on disk, nothing broken ----------------------------------------------------------------


def test_a_play_writes_no_file(fixture_course, tmp_path, monkeypatch):
    """Playing a scenario to the end and starting again writes no file."""
    monkeypatch.chdir(tmp_path)
    app = Kiosk(fixture_course, idle_seconds=60)
    app._try.click()
    app._choice_buttons["tea-safe"].click()
    play_to_end(app)
    app._again.click()
    assert list(tmp_path.iterdir()) == []


def test_kiosk_entry_point_shows_a_plain_message_when_content_is_broken(tmp_path):
    """With broken content, the kiosk entry point shows a bilingual 'unavailable' message instead of a traceback."""
    (tmp_path / "content" / "scenarios").mkdir(parents=True)
    (tmp_path / "content" / "guidelines.yaml").write_text("guidelines: not a list\n")
    shown = kiosk(tmp_path)
    assert isinstance(shown, widgets.Widget)
    text = " ".join(w.value for w in shown.children if isinstance(w, widgets.HTML))
    assert kt("unavailable", "en") in text and kt("unavailable", "es") in text
    assert "Traceback" not in text


def test_kiosk_entry_point_builds_the_real_kiosk():
    """The kiosk entry point builds a Kiosk over the real course, with scenarios to offer."""
    shown = kiosk()
    assert "pact-kiosk" in shown._dom_classes
    assert isinstance(shown.app, Kiosk) and shown.app.scenarios


def test_every_kiosk_message_is_in_english_and_spanish():
    """Every kiosk message has distinct, non-empty English and Spanish texts, the Spanish without usted."""
    for key, entry in ((k, e) for k, e in MESSAGES.items() if k.startswith("kiosk.")):
        assert set(entry) == {"en", "es"}, key
        assert entry["en"].strip() and entry["es"].strip(), key
        assert entry["en"] != entry["es"], key
        assert " usted " not in f" {entry['es'].lower()} ", key


# --- the notebook, the Voila configuration and the command --------------------------------------


def test_kiosk_notebook_is_one_line_with_no_outputs():
    """The kiosk notebook is a single one-line python3 code cell with no outputs."""
    nb = json.loads((REPO / "notebooks" / "kiosk.ipynb").read_text())
    assert len(nb["cells"]) == 1
    cell = nb["cells"][0]
    assert cell["cell_type"] == "code" and cell["outputs"] == []
    assert "".join(cell["source"]).strip().count("\n") == 0
    assert nb["metadata"]["kernelspec"]["name"] == "python3"


def test_voila_configuration_is_locked_down():
    """The committed Voila configuration preheats kernels, strips sources and tracebacks, forbids template and theme
    overrides, culls idle kernels, and names only real Voila settings."""
    from jupyter_server.services.kernels.kernelmanager import MappingKernelManager
    from voila.app import Voila
    from voila.configuration import VoilaConfiguration
    from voila.execute import VoilaExecutor

    config = json.loads((REPO / "kiosk" / "voila.json").read_text())
    vc = config["VoilaConfiguration"]
    assert vc["preheat_kernel"] is True and vc["default_pool_size"] >= 1
    assert vc["strip_sources"] is True and vc["show_tracebacks"] is False
    assert vc["allow_template_override"] == "NO" and vc["allow_theme_override"] == "NO"
    assert vc["template"] == "pact-kiosk"
    km = config["MappingKernelManager"]
    assert km["cull_idle_timeout"] > 0 and km["cull_interval"] > 0
    # every name is a real, configurable trait of the installed Voila (a typo is silently ignored)
    for cls, section in (
        (VoilaConfiguration, vc),
        (VoilaExecutor, config["VoilaExecutor"]),
        (MappingKernelManager, km),
        (Voila, config["Voila"]),
    ):
        traits = cls.class_traits(config=True)
        for name in section:
            assert name in traits, f"{cls.__name__}.{name} is not a Voila setting"
    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
    from voila.voila_kernel_manager import voila_kernel_manager_factory

    pooled = voila_kernel_manager_factory(AsyncMappingKernelManager, True, 1)
    for name in config["VoilaKernelManager"]:
        assert name in pooled.class_traits(config=True), name


def test_template_extends_lab_and_drops_cdn_links():
    """The pact-kiosk template extends Voila's lab template, links no https:// resource, and ships its own kiosk.css."""
    template = kiosk_command.TEMPLATES_ROOT / "voila" / "templates" / "pact-kiosk"
    assert json.loads((template / "conf.json").read_text())["base_template"] == "lab"
    source = (template / "index.html.j2").read_text()
    assert "extends 'lab/index.html.j2'" in source and "block notebook_css" in source
    assert "https://" not in source
    assert (template / "static" / "kiosk.css").is_file()


def test_command_runs_standalone_voila_with_the_committed_config(tmp_path):
    """The kiosk command runs the standalone Voila app with the committed config, port, host and preheat setting, in an
    environment giving the idle time, course root and templates."""
    cmd = kiosk_command.voila_command(
        REPO / "notebooks" / "kiosk.ipynb", port=9123, host="0.0.0.0", config_dir=REPO / "kiosk", preheat=False
    )
    assert cmd[1:3] == ["-m", "voila"], "the standalone app, never the Jupyter server extension"
    assert "--port=9123" in cmd and "--Voila.ip=0.0.0.0" in cmd
    assert f"--Voila.config_file_paths={REPO / 'kiosk'}" in cmd
    assert "--VoilaConfiguration.preheat_kernel=False" in cmd
    env = kiosk_command.voila_env(REPO, 12)
    assert env[IDLE_ENV] == "12" and env["PACT_COURSE_ROOT"] == str(REPO)
    assert env["JUPYTER_PATH"].split(os.pathsep)[0] == str(kiosk_command.TEMPLATES_ROOT)


def test_command_line_options(monkeypatch):
    """`kiosk` defaults to port 8866, host 127.0.0.1 and 90 idle seconds, takes other values as options, and refuses an
    idle time of 0."""
    from pact_course.commands.cli import parser

    monkeypatch.delenv("PORT", raising=False)
    monkeypatch.delenv("HOST", raising=False)
    monkeypatch.delenv(IDLE_ENV, raising=False)
    args = parser().parse_args(["kiosk"])
    assert (args.port, args.host, args.idle_seconds, args.no_preheat) == (8866, "127.0.0.1", 90, False)
    args = parser().parse_args(["kiosk", "--port", "9000", "--host", "0.0.0.0", "--idle-seconds", "15"])
    assert (args.port, args.host, args.idle_seconds) == (9000, "0.0.0.0", 15)
    with pytest.raises(SystemExit):
        parser().parse_args(["kiosk", "--idle-seconds", "0"])


@pytest.mark.slow
def test_kiosk_notebook_runs_in_a_real_kernel_and_writes_nothing(tmp_path):
    """Run in a real kernel, the kiosk notebook outputs one widget and writes no file."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(REPO / "notebooks" / "kiosk.ipynb", as_version=4)
    workdir = tmp_path / "notebooks"
    workdir.mkdir()
    env_before = os.environ.get("PACT_COURSE_ROOT")
    os.environ["PACT_COURSE_ROOT"] = str(REPO)
    try:
        NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(workdir)}}).execute()
    finally:
        if env_before is None:
            os.environ.pop("PACT_COURSE_ROOT", None)
        else:
            os.environ["PACT_COURSE_ROOT"] = env_before
    outputs = nb.cells[0].outputs
    assert [o.output_type for o in outputs] == ["execute_result"], outputs
    assert "application/vnd.jupyter.widget-view+json" in outputs[0].data
    assert list(workdir.iterdir()) == []
