"""The kiosk's cache of its validated scenarios: used only while fresh, never shows what the kiosk may not."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import ipywidgets as widgets
import pytest

from pact_course.engine import kiosk_cache
from pact_course.engine.content import load_course
from pact_course.engine.kiosk_cache import CACHE, kiosk_course, kiosk_subset, read_cache, refresh_cache, write_cache
from pact_course.engine.messages import t
from pact_course.player.kiosk import Kiosk, kiosk

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A copy of the real course's content (the only part the kiosk reads)."""
    shutil.copytree(REPO / "content", tmp_path / "content")
    return tmp_path


def dumped(course) -> dict:
    return course.model_dump(mode="json")


def no_yaml(monkeypatch) -> None:
    """Make any validation of content/ fail the test: the kiosk must be served from its cache."""

    def refuse(*_a, **_k):
        raise AssertionError("content/ was loaded although the cache is fresh")

    monkeypatch.setattr("pact_course.engine.content.load_course", refuse)


def a_kiosk_scenario_file(root: Path) -> Path:
    return next(f for f in sorted((root / "content" / "scenarios").glob("*.yaml")) if "\nkiosk: true" in f.read_text())


def test_a_fresh_cache_is_the_kiosk_course_without_reading_content(root, monkeypatch):
    """The cache holds exactly the guidelines and kiosk scenarios validation gives; while fresh, it is used as is."""
    expected = kiosk_subset(load_course(root))
    assert expected.scenarios, "the real course offers kiosk scenarios"
    assert write_cache(root) == root / CACHE
    no_yaml(monkeypatch)
    assert dumped(kiosk_course(root)) == dumped(expected)
    assert [s.id for s in Kiosk(kiosk_course(root)).scenarios] == list(expected.scenarios)


def test_a_content_edit_makes_the_cache_stale(root):
    """After an edit to content/ (a title, a scenario off the kiosk), the kiosk shows the content, not the cache."""
    write_cache(root)
    file = a_kiosk_scenario_file(root)
    scenario_id = file.stem
    source = file.read_text()
    title = kiosk_course(root).scenarios[scenario_id].title.en
    file.write_text(source.replace(title, "A retitled scenario", 1))
    assert read_cache(root) is None
    assert kiosk_course(root).scenarios[scenario_id].title.en == "A retitled scenario"
    file.write_text(source.replace("\nkiosk: true", "\nkiosk: false", 1))
    assert scenario_id not in kiosk_course(root).scenarios
    new = root / "content" / "scenarios" / "zz-new.yaml"
    new.write_text(source.replace(f"id: {scenario_id}", "id: zz-new", 1))
    assert "zz-new" in kiosk_course(root).scenarios


def test_a_change_to_the_engine_makes_the_cache_stale(root, monkeypatch, tmp_path):
    """The fingerprint covers the engine's code too (what validation and the kiosk filter accept)."""
    engine = tmp_path / "engine"
    engine.mkdir()
    (engine / "model.py").write_text("# one version\n")
    monkeypatch.setattr(kiosk_cache, "ENGINE", engine)
    write_cache(root)
    assert read_cache(root) is not None
    (engine / "model.py").write_text("# another version\n")
    assert read_cache(root) is None


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.unlink(),
        lambda path: path.write_text("{not json"),
        lambda path: path.write_text("[]"),
        lambda path: path.write_text(json.dumps({**json.loads(path.read_text()), "format": 99})),
        lambda path: path.write_text(json.dumps({**json.loads(path.read_text()), "course": {"guidelines": 1}})),
        lambda path: path.write_bytes(b"\xff\xfe\x00"),
    ],
    ids=["missing", "truncated", "not-an-object", "other-format", "invalid-course", "not-utf8"],
)
def test_a_missing_or_damaged_cache_falls_back_to_the_content(root, damage):
    """Whatever happened to the cache, the kiosk validates content/ itself and shows the same scenarios."""
    expected = dumped(kiosk_subset(load_course(root)))
    write_cache(root)
    damage(root / CACHE)
    assert read_cache(root) is None
    assert dumped(kiosk_course(root)) == expected


def test_a_cache_never_shows_a_scenario_that_is_not_for_the_kiosk(root):
    """Even a cache edited by hand (its fingerprint kept) shows only kiosk: true practice scenarios without
    safeguarding: scenarios not for the kiosk, assessments and safeguarding ones added to it are left out."""
    course = load_course(root)
    write_cache(root)
    data = json.loads((root / CACHE).read_text())
    allowed = set(data["course"]["scenarios"])
    not_kiosk = next(s for s in course.practice() if not s.kiosk)
    exam = next(iter(course.assessment()))
    guarded = next(
        s
        for s in course.scenarios.values()
        if any("safeguarding" in (*o.upholds, *o.breaches) for step in s.steps.values() for o in step.options)
    )
    data["course"]["scenarios"][not_kiosk.id] = not_kiosk.model_dump(mode="json")
    for s in (exam, guarded):
        data["course"]["scenarios"][s.id] = s.model_copy(update={"kiosk": True}).model_dump(mode="json")
    (root / CACHE).write_text(json.dumps(data))
    shown = kiosk_course(root)
    assert set(shown.scenarios) == allowed
    assert not_kiosk.id not in shown.scenarios and exam.id not in shown.scenarios and guarded.id not in shown.scenarios


def test_broken_content_is_never_hidden_by_an_old_cache(root):
    """With a cache from before the content broke, the kiosk shows its 'unavailable' page, not the old scenarios."""
    write_cache(root)
    (root / "content" / "guidelines.yaml").write_text("guidelines: not a list\n")
    shown = kiosk(root)
    text = " ".join(w.value for w in shown.children if isinstance(w, widgets.HTML))
    assert t("kiosk.unavailable", "en") in text and t("kiosk.unavailable", "es") in text
    assert not refresh_cache(root), "broken content writes no cache"


def test_refresh_writes_once_and_an_unwritable_course_still_works(root, tmp_path):
    """`pact-course kiosk` refreshes the cache only when stale; a course folder it cannot write still serves the
    kiosk from content/."""
    assert refresh_cache(root)
    written = (root / CACHE).stat().st_mtime_ns
    assert refresh_cache(root)
    assert (root / CACHE).stat().st_mtime_ns == written
    readonly = tmp_path / "readonly"
    shutil.copytree(REPO / "content", readonly / "content")
    (readonly / "kiosk").write_text("a file where the kiosk folder would be\n")  # mkdir fails, even as root
    assert write_cache(readonly) is None and not refresh_cache(readonly)
    assert kiosk_course(readonly).scenarios


def test_the_kiosk_entry_point_uses_the_cache(root, monkeypatch):
    """notebooks/kiosk.ipynb's kiosk() builds its screens from the fresh cache, with no YAML read."""
    write_cache(root)
    no_yaml(monkeypatch)
    shown = kiosk(root)
    assert isinstance(shown.app, Kiosk) and shown.app.scenarios
