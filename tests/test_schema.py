"""The JSON Schemas for editors agree with the model: committed up to date, the bank passes, the faults fail."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import DATA, REPO
from pact_course.commands.cli import main
from pact_course.engine.content import load_scenario_files
from pact_course.engine.schema import GUIDELINES_SCHEMA, SCENARIO_SCHEMA, schema_files
from test_validation import FAULTS

GUIDELINES = REPO / "content" / "guidelines.yaml"
BANK = sorted((REPO / "content" / "scenarios").glob("*.yaml"))
# Faults a JSON Schema cannot see (they compare one value with another, or with the file name, or follow paths):
# `pact-course validate` finds them; an editor's schema check does not.
VALIDATE_ONLY = {
    "id differs from file name",
    "duplicate option ids",
    "start names no step",
    "next names no step",
    "unreachable step",
    "cycle",
    "upholds and breaches the same",
    "nothing to earn",
}


def validator(path: Path) -> jsonschema.Draft7Validator:
    schema = json.loads((REPO / path).read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def test_the_committed_schemas_are_the_generated_ones():
    """content/*.schema.json are what `pact-course schema` writes from the model and the guideline ids."""
    for path, text in schema_files(REPO).items():
        assert path.is_file(), f"{path.relative_to(REPO)} is missing: run `pact-course schema`"
        assert path.read_text(encoding="utf-8") == text, (
            f"{path.relative_to(REPO)} is out of date: run `pact-course schema`"
        )


def test_the_schema_follows_the_model():
    """Every field of every model class is in the schema, with the same required fields and no others allowed."""
    from pact_course.engine.model import Option, Scenario, Step, Text

    schema = json.loads((REPO / SCENARIO_SCHEMA).read_text(encoding="utf-8"))
    parts = {"Scenario": schema, **schema["$defs"]}
    for model in (Scenario, Step, Option, Text):
        part = parts[model.__name__]
        assert set(part["properties"]) == set(model.model_fields), model.__name__
        assert set(part["required"]) == {n for n, f in model.model_fields.items() if f.is_required()}
        assert part["additionalProperties"] is False
    ids = [g["id"] for g in yaml.safe_load(GUIDELINES.read_text(encoding="utf-8"))["guidelines"]]
    assert parts["Option"]["properties"]["upholds"]["items"]["enum"] == ids


@pytest.mark.parametrize("file", BANK, ids=[f.stem for f in BANK])
def test_every_bank_scenario_passes_the_schema(file):
    """Each scenario of the bank is valid for the editors' schema (as it is for `pact-course validate`)."""
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator(SCENARIO_SCHEMA).iter_errors(data)]
    assert errors == []


def test_the_guidelines_file_passes_its_schema():
    """content/guidelines.yaml is valid for content/guidelines.schema.json."""
    data = yaml.safe_load(GUIDELINES.read_text(encoding="utf-8"))
    assert list(validator(GUIDELINES_SCHEMA).iter_errors(data)) == []


def test_the_one_of_each_fault_file_is_rejected_by_the_schema():
    """tests/data/faults/every-fault.yaml fails the schema at each field-level fault, as an editor would underline."""
    data = yaml.safe_load((DATA / "faults" / "every-fault.yaml").read_text(encoding="utf-8"))
    found = {tuple(e.absolute_path): e.validator for e in validator(SCENARIO_SCHEMA).iter_errors(data)}
    assert found[("title",)] == "required"  # the missing Spanish text
    assert found[("steps", "noise", "options", 0, "points")] == "type"  # points: three
    assert found[("steps", "noise", "options", 1, "breaches", 0)] == "enum"  # childen-welcome
    assert ("steps", "noise", "options", 1) in found  # feedbak instead of feedback


SCHEMA_FAULTS = [f for f in FAULTS if f[0] not in VALIDATE_ONLY]


@pytest.mark.parametrize("change", [f[1] for f in SCHEMA_FAULTS], ids=[f[0] for f in SCHEMA_FAULTS])
def test_each_field_fault_is_rejected_by_both_the_schema_and_validate(tmp_path, change):
    """The schema and `pact-course validate` agree on every fault a schema can express."""
    data = copy.deepcopy(yaml.safe_load((DATA / "tea-break.yaml").read_text(encoding="utf-8")))
    assert list(validator(SCENARIO_SCHEMA).iter_errors(data)) == []
    change(data)
    assert list(validator(SCENARIO_SCHEMA).iter_errors(data)) != []
    file = tmp_path / "tea-break.yaml"
    file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert load_scenario_files([file], GUIDELINES)[1] != []


def test_validate_only_faults_are_the_ones_left():
    """Every fault named as validate-only exists in test_validation; all the others are tested against the schema."""
    assert VALIDATE_ONLY.issubset(f[0] for f in FAULTS)  # a renamed fault must not slip out of both lists


def test_the_schema_command_writes_and_checks(tmp_path, capsys):
    """`pact-course schema` writes both files in a course; `--check` exits 1 when one is stale, 0 when current."""
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "guidelines.yaml").write_bytes(GUIDELINES.read_bytes())
    assert main(["--root", str(tmp_path), "schema", "--check"]) == 1
    assert "content/scenario.schema.json: out of date" in capsys.readouterr().err
    assert main(["--root", str(tmp_path), "schema"]) == 0
    assert (tmp_path / SCENARIO_SCHEMA).read_bytes() == (REPO / SCENARIO_SCHEMA).read_bytes()
    assert main(["--root", str(tmp_path), "schema", "--check"]) == 0
    assert "up to date" in capsys.readouterr().out


def test_vscode_maps_the_schemas_to_the_content_files():
    """.vscode/settings.json tells VS Code's YAML extension which schema checks which files."""
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == {
        "./content/scenario.schema.json": "content/scenarios/*.yaml",
        "./content/guidelines.schema.json": "content/guidelines.yaml",
    }
