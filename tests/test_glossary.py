"""The course's Spanish (content and interface) keeps to the bilingual glossary in docs/glossary.md."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

from pact_course.engine.messages import MESSAGES

REPO = Path(__file__).resolve().parents[1]
GLOSSARY = REPO / "docs" / "glossary.md"
HEADER = ["English", "Español", "Never use"]


def glossary_rows() -> list[dict[str, str]]:
    """Every row of every glossary table whose header starts English | Español | Never use."""
    rows, columns = [], None
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            columns = None
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if columns is None:
            columns = cells if cells[:3] == HEADER else []
        elif columns and not set("".join(cells)) <= set("-: "):
            rows.append(dict(zip(columns, cells, strict=True)))
    return rows


def never_forms(row: dict[str, str]) -> list[str]:
    """The Never-use cell's forms ("—" or empty for none)."""
    cell = row["Never use"]
    return [] if cell in ("", "—") else [f.strip() for f in cell.split(",") if f.strip()]


def spanish_forms(row: dict[str, str]) -> list[str]:
    """The Español cell's forms, separated by ';'."""
    return [f.strip() for f in row["Español"].split(";") if f.strip()]


def pattern(form: str) -> re.Pattern[str]:
    """A whole-word, case-insensitive pattern: '*' is any letters, spaces any spacing, '/' may have spaces around it."""
    out = []
    for chunk in re.split(r"(\*|\s+|/)", form):
        if chunk == "*":
            out.append(r"\w*")
        elif chunk == "/":
            out.append(r"\s*/\s*")
        elif chunk.isspace():
            out.append(r"\s+")
        else:
            out.append(re.escape(chunk))
    start = r"(?<!\w)" if re.match(r"[\w*]", form) else ""
    end = r"(?!\w)" if re.search(r"[\w*]$", form) else ""
    return re.compile(start + "".join(out) + end, re.IGNORECASE)


def spanish_in(node, where: str):
    """Yield (where, text) for every Spanish text in a loaded YAML tree."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "es" and isinstance(value, str):
                yield where, value
            else:
                yield from spanish_in(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from spanish_in(value, f"{where}[{i}]")


def looks_spanish(text: str) -> bool:
    """A paragraph with Spanish letters or several Spanish function words."""
    words = re.findall(r"\b(el|la|los|las|del|que|una|para|con|tu)\b", text)
    return bool(re.search(r"[áéíóúñ¿¡]", text)) or len(words) >= 3


def package_spanish() -> list[tuple[str, str]]:
    """The Spanish paragraphs of the package's string literals (module texts, notebook builders), not docstrings."""
    found = []
    for path in sorted((REPO / "src" / "pact_course").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(n.body[0].value)
            for n in ast.walk(tree)
            if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and n.body
            and isinstance(n.body[0], ast.Expr)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                where = f"{path.relative_to(REPO)}:{node.lineno}"
                found += [(where, para) for para in re.split(r"\n\s*\n", node.value) if looks_spanish(para)]
    return found


def spanish_texts() -> list[tuple[str, str]]:
    """Every Spanish text the course shows: guidelines, scenarios, the interface's messages and the package's texts."""
    texts = list(
        spanish_in(
            yaml.safe_load((REPO / "content" / "guidelines.yaml").read_text(encoding="utf-8")), "guidelines.yaml"
        )
    )
    for path in sorted((REPO / "content" / "scenarios").glob("*.yaml")):
        texts += spanish_in(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)
    texts += [(f"messages[{key!r}]", value["es"]) for key, value in MESSAGES.items()]
    return texts + package_spanish()


ROWS = glossary_rows()
TEXTS = spanish_texts()
LEAD_FORMS = sorted({f for row in ROWS for f in spanish_forms(row) if "Responsable" in f}, key=len, reverse=True)


def test_glossary_has_the_key_terms():
    """The glossary parses and holds the course's key terms, each with its Spanish."""
    english = {row["English"] for row in ROWS}
    for term in (
        "Safeguarding Lead or Deputy",
        "safeguarding",
        "remove from the call",
        "cell phone",
        "camera, video",
        "to get angry",
        "line manager",
        "children's social care",
        "feedback",
    ):
        assert term in english, f"the glossary has no row for {term!r}"
    assert all(spanish_forms(row) for row in ROWS), "a glossary row has an empty Español cell"
    assert LEAD_FORMS, "the glossary gives no Spanish form for the Safeguarding Lead"


def test_glossary_does_not_ban_its_own_terms():
    """No chosen Spanish form contains a form the glossary bans, so the rules can be followed."""
    banned = [(f, pattern(f)) for row in ROWS for f in never_forms(row)]
    for row in ROWS:
        for form in spanish_forms(row):
            hits = [f for f, p in banned if p.search(form)]
            assert not hits, f"glossary row {row['English']!r}: its Spanish {form!r} uses banned {hits}"


def test_pattern_matches_whole_words_only():
    """The matcher catches inflections through '*' and never part of a longer word."""
    assert pattern("enfad*").search("Se enfadó mucho")
    assert not pattern("cole").search("una colega del colegio")
    assert pattern("ech* de menos").search("Te echamos de menos")
    assert pattern("madre/padre").search("una madre / padre")
    assert pattern("*éis").search("¿Podéis verme?") and not pattern("*éis").search("seis bebés")


@pytest.mark.parametrize("row", [r for r in ROWS if never_forms(r)], ids=lambda r: r["English"])
def test_no_spanish_text_uses_a_banned_form(row):
    """No Spanish text in content/ or the interface uses a form the glossary says never to use."""
    found = []
    for form in never_forms(row):
        p = pattern(form)
        found += [
            f"{where}: {m.group(0)!r} (never {form!r}; use {row['Español']!r})"
            for where, text in TEXTS
            for m in p.finditer(text)
        ]
    assert not found, "\n".join(found)


def test_the_safeguarding_lead_is_named_as_the_glossary_says():
    """Every "Responsable" is one of the glossary's forms for the Lead; every "suplente" is "su" or "la persona"
    suplente."""
    found = []
    for where, text in TEXTS:
        text = re.sub(r"\s+", " ", text)
        for m in re.finditer(r"\bResponsable\b", text):
            if not any(
                text.startswith(f, m.start() - f.index("Responsable"))
                for f in LEAD_FORMS
                if m.start() >= f.index("Responsable")
            ):
                found.append(f"{where}: ...{text[max(0, m.start() - 20) : m.end() + 30]}...")
        for m in re.finditer(r"\bresponsable de salvaguarda\b", text):
            found.append(f"{where}: lower-case {m.group(0)!r}")
        for m in re.finditer(r"\bsuplente\b", text):
            if not re.search(r"\b(su|persona) $", text[: m.start()]):
                found.append(f"{where}: ...{text[max(0, m.start() - 30) : m.end()]}...")
    assert not found, "the Lead must be named as in docs/glossary.md:\n" + "\n".join(found)


def test_assessment_headings_name_each_assignment_in_both_languages():
    """Every assignment has a display name in each language, and the Spanish heading shows no English id."""
    from pact_course.build.assessment_notebooks import DISPLAY_NAMES, _header, display_name, reflections
    from pact_course.engine.content import load_course

    course = load_course(REPO)
    for assignment in sorted({s.assignment for s in course.assessment() if s.assignment}):
        assert assignment in DISPLAY_NAMES, f"give the assignment {assignment!r} a display name in the builder"
        en, es = display_name(assignment)
        header = _header(assignment, course.assessment(assignment), reflections(assignment))
        spanish = header.split('<td lang="es">', 1)[1]
        assert f"# Evaluación: {es}" in spanish and f"# Assessment: {en}" in header
        assert assignment not in spanish.lower().replace(es.lower(), ""), (
            f"English id {assignment!r} in the Spanish view"
        )
    assert display_name("induction-v2") == ("Induction (v2)", "Inducción (v2)")
