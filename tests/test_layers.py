"""The package's layers, as docs/architecture.md names them: imports point only down, and the engine stays plain
Python."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "src" / "pact_course"

# Each layer and the layers it may import (itself included). docs/architecture.md has the same table.
LAYERS: dict[str, set[str]] = {
    "engine": {"engine"},
    "player": {"engine", "player"},
    "build": {"engine", "build"},
    "grading": {"engine", "build", "grading"},
    "reports": {"engine", "build", "grading", "reports"},
    "console": {"engine", "player", "build", "grading", "reports", "console"},
    "deploy": {"engine", "build", "grading", "reports", "deploy"},
    "commands": {"engine", "player", "build", "grading", "reports", "console", "deploy", "commands"},
}
MAX_LINES = 320  # "modules of a few hundred lines at most"
HEAVY = ("ipywidgets", "nbgrader", "nbformat", "nbconvert", "jupyter_server", "voila", "matplotlib")


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def layer_of(path: Path) -> str | None:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else None


def imported_layers(path: Path) -> set[str]:
    """The package layers a module imports, from relative and absolute imports alike."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = path.relative_to(PACKAGE).parent.parts
    found: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(here[: len(here) - node.level + 1]) if node.level > 1 else list(here)
                target = [*base, *(node.module.split(".") if node.module else [])]
                names = [".".join([*target, a.name]) if not node.module else ".".join(target) for a in node.names]
            elif node.module and node.module.startswith("pact_course"):
                names = [node.module.removeprefix("pact_course").lstrip(".")]
        elif isinstance(node, ast.Import):
            names = [
                a.name.removeprefix("pact_course").lstrip(".") for a in node.names if a.name.startswith("pact_course.")
            ]
        for name in names:
            top = name.split(".")[0] if name else ""
            if top in LAYERS:
                found.add(top)
    return found


def test_every_module_sits_in_a_layer():
    """Below the package root there is only __init__.py; every other module belongs to a named layer."""
    loose = [p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py"]
    assert loose == []
    assert {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()} <= set(LAYERS)


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_only_down(path):
    """A module imports only its own layer and the layers below it."""
    layer = layer_of(path)
    if layer is None:
        return
    above = imported_layers(path) - LAYERS[layer]
    assert not above, f"{path.relative_to(PACKAGE)} ({layer}) imports {sorted(above)}, a layer above it"


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_one_concept_per_short_module(path):
    """Each module opens with a one-line docstring and stays a few hundred lines long."""
    text = path.read_text(encoding="utf-8")
    doc = ast.get_docstring(ast.parse(text), clean=False)
    assert doc and "\n" not in doc.strip(), f"{path.name}: no one-line docstring"
    assert len(text.splitlines()) <= MAX_LINES, f"{path.relative_to(PACKAGE)} has {len(text.splitlines())} lines"


@pytest.mark.parametrize("package", ["pact_course.engine", "pact_course.grading"])
def test_the_engine_and_the_grading_call_load_no_widgets_or_nbgrader(package):
    """Importing every engine module (or the grading call hidden tests use) in a fresh interpreter loads nothing
    heavy."""
    names = [f"pact_course.engine.{p.stem}" for p in (PACKAGE / "engine").glob("*.py") if p.stem != "__init__"]
    if package == "pact_course.grading":
        names = ["pact_course.grading"]
    code = (
        f"import sys\nfor n in {names!r}: __import__(n)\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True).stdout
    assert out.strip() == "[]", out


def test_the_architecture_document_names_the_same_layers():
    """docs/architecture.md's layer table lists exactly these layers with the same allowed imports."""
    doc = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    doc = doc.split("\n## Layers\n", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\|\s*`(\w+)/`\s*\|[^|]*\|\s*([^|]*)\|", doc, flags=re.M)
    table = {name: {x.strip("` ") for x in re.findall(r"`(\w+)`", imports)} | {name} for name, imports in rows}
    assert table == LAYERS
