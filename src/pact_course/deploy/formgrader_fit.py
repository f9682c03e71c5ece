"""A Jupyter server extension fitting the formgrader to trainers: rubrics by answers, short keys, no "Tests Failed"."""

from __future__ import annotations

import re
from pathlib import Path

from nbconvert.preprocessors import Preprocessor

from ..build.rubrics import rubric_markdown

KEY = re.compile(r"grade\((r'''.*?'''|'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")\s*,", re.S)
# nbgrader's "Tests Failed?" column marks every decision cell below full marks (partial credit is not a
# failure here): the column is hidden, its cells too (the table keeps its shape for nbgrader's scripts).
HIDE_TESTS_FAILED = "<style>td.tests-failed,th.pact-tests-failed{display:none}</style>"
TABLES = ("gradebook_notebook_submissions.tpl", "manage_students_notebook_submissions.tpl")


class TrainerView(Preprocessor):
    """For the formgrader's page only: the rubric above each written answer, each scenario's key folded to a name."""

    def preprocess(self, nb, resources):
        if "submission_id" not in resources:  # not the formgrader's submission page (e.g. feedback): leave as is
            return nb, resources
        cells = []
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            if cell.cell_type == "markdown" and meta.get("solution") and meta.get("grade"):
                rubric = rubric_markdown(meta.get("grade_id", ""))
                if rubric:
                    from nbformat.v4 import new_markdown_cell

                    cells.append(new_markdown_cell(rubric, metadata={"pact": {"rubric": True}}))
            if cell.cell_type == "code" and meta.get("grade") and not meta.get("solution"):
                cell.source = fold_key(cell.source, meta.get("grade_id", ""))
            cells.append(cell)
        nb.cells = cells
        return nb, resources


def fold_key(source: str, scenario_id: str) -> str:
    """The grading call with its one-line key shown as the scenario's name (the key is in content/scenarios/)."""
    folded = "KEY, "
    note = f"  # KEY: the scenario '{scenario_id}' as graded (content/scenarios/{scenario_id}.yaml)"
    out = KEY.sub(lambda _m: "grade(" + folded, source, count=1)
    if out == source:
        return source
    return "\n".join(line + note if line.startswith("grade(KEY") else line for line in out.splitlines())


def _tables_loader(template_path: str):
    """nbgrader's submission tables, with the "Tests Failed?" column hidden."""
    from jinja2 import DictLoader

    changed = {}
    for name in TABLES:
        text = (Path(template_path) / name).read_text(encoding="utf-8")
        text = re.sub(r'<th class="text-center">Tests [Ff]ailed\?</th>', '<th class="pact-tests-failed"></th>', text)
        changed[name] = text.replace("{%- block head -%}", "{%- block head -%}" + HIDE_TESTS_FAILED, 1)
    return DictLoader(changed)


def fit(settings: dict) -> bool:
    """Replace the formgrader's exporter and templates in the web app's settings; False if nbgrader is not loaded."""
    exporter = settings.get("nbgrader_exporter")
    env = settings.get("nbgrader_jinja2_env")
    if exporter is None or env is None:
        return False
    from jinja2 import ChoiceLoader
    from nbconvert.exporters import HTMLExporter
    from nbgrader.server_extensions.formgrader import handlers
    from traitlets.config import Config

    config = Config()
    config.merge(exporter.config)
    # Always nbgrader's grading page, whatever the course's nbgrader_config.py sets for its feedback page.
    config.HTMLExporter.template_name = "formgrade"
    config.HTMLExporter.extra_template_basedirs = [handlers.template_path]
    fitted = HTMLExporter(config=config)
    fitted.register_preprocessor(TrainerView(), enabled=True)
    settings["nbgrader_exporter"] = fitted
    env.loader = ChoiceLoader([_tables_loader(handlers.template_path), env.loader])
    return True


def _load_jupyter_server_extension(serverapp) -> None:
    """Fit the formgrader once every extension is loaded (nbgrader's may load after this one)."""
    from tornado.ioloop import IOLoop

    settings = serverapp.web_app.settings

    def apply() -> None:
        if fit(settings):
            serverapp.log.info("PACT: the formgrader shows rubrics and short keys")
        else:
            serverapp.log.warning("PACT: nbgrader's formgrader is not loaded; nothing to fit")

    IOLoop.current().add_callback(apply)


def _jupyter_server_extension_points() -> list[dict]:
    return [{"module": "pact_course.deploy.formgrader_fit"}]
