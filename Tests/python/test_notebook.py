"""Samples/walkthrough.ipynb, executed by nbclient against the conv kernel: every cell runs,
the figures are inline SVG, and the walkthrough's numbers are in the outputs."""
import xml.etree.ElementTree as ElementTree

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ROOT
from kernel_spec import use_test_kernelspec

NOTEBOOK = ROOT / "Samples" / "walkthrough.ipynb"


@pytest.fixture(scope="module")
def executed():
    use_test_kernelspec()
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="conv", resources={"metadata": {"path": str(ROOT)}}).execute()
    return notebook


def code_cells(notebook):
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def text_of(cell):
    parts = []
    for output in cell.outputs:
        parts.append(output.get("text", ""))
        parts.append(output.get("data", {}).get("text/plain", ""))
    return "".join(parts)


def test_the_notebook_is_checked_in_without_outputs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    assert notebook.metadata.kernelspec.name == "conv"
    for cell in code_cells(notebook):
        assert cell.outputs == [] and cell.execution_count is None


def test_every_cell_runs_without_error(executed):
    cells = code_cells(executed)
    assert [cell.execution_count for cell in cells] == list(range(1, len(cells) + 1))
    for cell in cells:
        assert [output for output in cell.outputs if output.output_type == "error"] == [], cell.source


def test_figure_cells_carry_svg_that_parses(executed):
    figure_cells = [cell for cell in code_cells(executed) if "explain" in cell.source or "plot(" in cell.source]
    assert len(figure_cells) == 6
    for cell in figure_cells:
        drawings = [output.data["image/svg+xml"] for output in cell.outputs
                    if output.output_type == "display_data" and "image/svg+xml" in output.data]
        assert len(drawings) == 1, cell.source
        assert ElementTree.fromstring(drawings[0]).tag == "{http://www.w3.org/2000/svg}svg"


def test_the_walkthrough_numbers_are_in_the_outputs(executed):
    texts = {cell.source: text_of(cell) for cell in code_cells(executed)}
    assert "[1.25, 1.75, 2.25]" in texts["explain conv(x, [0.5], b=0.25)"]
    assert "[-1.9, -2.4]" in texts["explain conv(x, [0.5, -1], b=0.1)"]
    assert "[-1.9]" in texts["explain conv(x, [0.5, -1], b=0.1, s=2)"]
    assert "[-1.9, -2.4]" in texts["explain conv(x, [0.5, -1], b=0.1, s=2, p=1)"]
    assert "step 1: w0·0 + w1·2 + b = 0.5·0 + (−1)·2 + 0.1 = −1.9" in texts["explain conv(x, [0.5, -1], b=0.1, s=2, p=1)"]
    assert texts["lengths(L=3, k=2, s=2, p=1)"].endswith("2")
    # nn.Conv1d computes in float32 as PyTorch does, and explain's result is the layer's own:
    # PyTorch's m(x) is [[[0.17666501, 0.91942883]]] too.
    assert "[[[0.17666501, 0.91942883]]]" in texts["explain m(x)"]
    assert "(-0.0052939812, 0.37932289, [-0.58198076])" in texts["m.weight[0][0][0], m.weight[0][0][1], m.bias"]
