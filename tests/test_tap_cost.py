"""What one tap costs the player: only what changed is replaced; what stays on screen keeps its widget."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import pytest

from pact_course.engine.content import load_course
from pact_course.player import Player
from pact_course.player.markup import walk
from pact_course.player.session import SESSION

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def english_session():
    for p in list(SESSION.players):
        p.close()
    SESSION.reset()
    yield
    SESSION.reset()


def closed(w: widgets.Widget) -> bool:
    return w.comm is None


def test_a_tap_keeps_the_title_setting_and_earlier_steps_and_closes_what_it_replaces(tea_break):
    """A choice replaces the open step and adds its feedback; the title, the setting and earlier feedback stay the
    same widgets (the page does not redraw them), and every widget taken off the screen is closed."""
    scenario = tea_break.model_copy(update={"use": "practice", "assignment": None})
    course = load_course(REPO)
    player = Player(scenario, mode="practice", guidelines=course.guidelines, log_path=None, lang="en")
    title, setting = player._body.children[:2]
    first_step = list(player._body.children[2:])
    going_on = next(o.id for o in scenario.steps[scenario.start].options if o.next)
    next(b for b in player.option_buttons() if f"pact-option-{going_on}" in b._dom_classes).click()
    assert player._body.children[0] is title and player._body.children[1] is setting
    assert all(closed(w) for old in first_step for w in walk(old)), "the answered step's widgets are closed"
    first_feedback = [w for w in player._body.children if "pact-feedback" in w._dom_classes]
    assert len(first_feedback) == 1 and 'role="alert"' in first_feedback[0].value
    assert not player.finished
    second_step = list(player._body.children[3:])
    player.option_buttons()[0].click()
    shown = list(player._body.children)
    assert shown[0] is title and shown[1] is setting and not closed(title) and not closed(setting)
    feedback = [w for w in shown if "pact-feedback" in w._dom_classes]
    assert len(feedback) == 2
    assert 'role="alert"' not in feedback[0].value and 'role="alert"' in feedback[1].value, (
        "only the newest is read out"
    )
    assert all(closed(w) for old in second_step for w in walk(old) if w not in shown)
    for w in shown:
        assert not closed(w)


def test_a_language_change_redraws_every_text(tea_break):
    """Kept widgets never keep old words: after a language change every text on screen is Spanish."""
    scenario = tea_break.model_copy(update={"use": "practice", "assignment": None})
    course = load_course(REPO)
    player = Player(scenario, mode="practice", guidelines=course.guidelines, log_path=None, lang="en")
    player.option_buttons()[0].click()
    english = [w.value for w in player._body.children if isinstance(w, widgets.HTML)]
    player.set_language("es")
    spanish = [w.value for w in player._body.children if isinstance(w, widgets.HTML)]
    assert spanish and all(s != e for s, e in zip(spanish, english, strict=False))
    assert scenario.title.es in spanish[0] and scenario.setting.es in spanish[1]
