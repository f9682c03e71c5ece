"""The feedback preprocessor that keeps the key out of feedback: no hidden tests, no tracebacks that quote them."""

from __future__ import annotations

from nbformat.v4 import new_output
from nbgrader.preprocessors import ClearHiddenTests, NbGraderPreprocessor
from nbgrader.utils import is_grade
from traitlets import List
from traitlets.config import Config


class HideKey(NbGraderPreprocessor):
    """For feedback: drop hidden tests, replace error tracebacks with a plain note, clear the players' output."""

    # nbgrader's feedback configures this for every preprocessor; declaring it keeps its "not recognized" warning away.
    display_data_priority: List[str] = List(config=True)

    NOTE = (
        "This cell could not run during grading; your trainer has been told.\n"
        "Esta celda no se pudo ejecutar durante la corrección; tu formador/a ya lo sabe.\n"
    )

    def preprocess(self, nb, resources):
        clear = ClearHiddenTests(config=Config(), enforce_metadata=False)  # its own config: no stray warnings
        for cell in nb.cells:
            if "HIDDEN TESTS" in cell.get("source", ""):
                clear._remove_hidden_test_region(cell)
            if cell.cell_type != "code":
                continue
            if not is_grade(cell):
                cell.outputs = []
                continue
            outputs = []
            for output in cell.outputs:
                if output.output_type == "error" or output.get("name") == "stderr":
                    outputs.append(new_output("stream", name="stdout", text=self.NOTE))
                else:
                    outputs.append(output)
            cell.outputs = outputs
        return nb, resources
