"""The course model: guidelines, scenarios, steps and options, as plain pydantic data."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr

LANGUAGES = ("en", "es")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Strict):
    """A text in English and Spanish."""

    en: StrictStr = Field(pattern=r"\S")
    es: StrictStr = Field(pattern=r"\S")

    def get(self, lang: str) -> str:
        return self.es if lang == "es" else self.en


class Option(_Strict):
    """One thing the facilitator could do at a step, with its key."""

    id: StrictStr = Field(min_length=1)
    text: Text
    points: StrictInt
    upholds: list[StrictStr] = []
    breaches: list[StrictStr] = []
    critical: StrictBool = False
    feedback: Text
    next: StrictStr | None = None


class Step(_Strict):
    """A moment on the call where the facilitator decides."""

    prompt: Text
    options: list[Option]

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)


class Scenario(_Strict):
    """A situation on a Zoom call, as a branching path of steps."""

    id: StrictStr = Field(min_length=1)
    use: Literal["practice", "assessment"]
    assignment: StrictStr | None = None
    title: Text
    setting: Text
    start: StrictStr
    steps: dict[str, Step]
    kiosk: StrictBool = False
    teaser: Text | None = None  # kiosk: one line that says what happens (else the setting's first sentence)

    def step(self, step_id: str) -> Step | None:
        return self.steps.get(step_id)


class Guideline(_Strict):
    """One of PACT's ten Zoom group guidelines."""

    id: StrictStr = Field(min_length=1)
    number: StrictInt
    title: Text
    text: Text
    asks: Text | None = None  # what the guideline asks of the facilitator (the guideline itself speaks to parents)


class Course(_Strict):
    """The ten guidelines and every scenario, keyed by id in file-name order."""

    guidelines: list[Guideline]
    scenarios: dict[str, Scenario]

    def guideline(self, guideline_id: str) -> Guideline | None:
        return next((g for g in self.guidelines if g.id == guideline_id), None)

    def practice(self) -> list[Scenario]:
        return [s for s in self.scenarios.values() if s.use == "practice"]

    def assessment(self, assignment: str | None = None) -> list[Scenario]:
        return [
            s
            for s in self.scenarios.values()
            if s.use == "assessment" and (assignment is None or s.assignment == assignment)
        ]

    def assignments(self) -> list[str]:
        return sorted({s.assignment for s in self.assessment() if s.assignment})
