"""The public part of a scenario (no key): what `scenarios.json` carries to trainees."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from .model import Scenario, Text

PUBLIC_FILE = "scenarios.json"
FORMAT = 1


class _Public(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PublicOption(_Public):
    id: str
    text: Text
    next: str | None = None


class PublicStep(_Public):
    prompt: Text
    options: list[PublicOption]

    def option(self, option_id: str) -> PublicOption | None:
        return next((o for o in self.options if o.id == option_id), None)


class PublicScenario(_Public):
    """A scenario as a trainee sees it: titles, setting, prompts, option ids and texts, next."""

    id: str
    title: Text
    setting: Text
    start: str
    steps: dict[str, PublicStep]

    def step(self, step_id: str) -> PublicStep | None:
        return self.steps.get(step_id)


def public(scenario: Scenario) -> PublicScenario:
    """Strip the key (points, upholds, breaches, critical, feedback) from a scenario."""
    return PublicScenario.model_validate(
        scenario.model_dump(
            include={
                "id": True,
                "title": True,
                "setting": True,
                "start": True,
                "steps": {"__all__": {"prompt": True, "options": {"__all__": {"id", "text", "next"}}}},
            }
        )
    )


def write_public(scenarios: list[Scenario], path: Path) -> None:
    """Write the public part of `scenarios` as JSON (stable order, so rebuilding changes nothing)."""
    data = {"format": FORMAT, "scenarios": [public(s).model_dump() for s in scenarios]}
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def read_public(path: Path | str = PUBLIC_FILE) -> dict[str, PublicScenario]:
    """Read a scenarios.json; raises ValueError with a plain message if it is missing or damaged."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {s["id"]: PublicScenario.model_validate(s) for s in data["scenarios"]}
    except FileNotFoundError:
        raise ValueError(f"{path.name} is missing: this notebook must stay in its assignment folder") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{path.name} is damaged and cannot be read ({type(exc).__name__})") from None
