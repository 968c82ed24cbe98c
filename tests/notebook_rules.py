"""What every committed notebook, and a researcher's extended copy, must satisfy.

Used by tests/report/engine/test_notebooks.py (the committed notebooks) and
tests/test_install.py (a report notebook with a researcher's added cell).
The rules are documented in docs/report-pipeline.md.
"""

from __future__ import annotations

import ast

from kemuning_eval.report.content.extension import RESEARCHER_TAG

#: Types the parameters cell may declare (papermill --help-notebook shows them).
PARAMETER_TYPES = {"int": int, "str": str}


def code_cells(book):
    return [c for c in book.cells if c.cell_type == "code"]


def parameters(book) -> dict:
    """Check the parameters cell (typed, one comment per line) and return its values."""
    cells = [c for c in book.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(cells) == 1, "exactly one cell tagged 'parameters'"
    assert code_cells(book)[0] is cells[0], "the parameters cell is the first code cell"
    values = {}
    lines = cells[0].source.splitlines()
    for node in ast.parse(cells[0].source).body:
        assert isinstance(node, ast.AnnAssign), "only annotated assignments (name: type = value  # help)"
        name, annotation = node.target.id, ast.unparse(node.annotation)
        assert annotation in PARAMETER_TYPES, f"{name}: annotate int or str, got {annotation}"
        value = ast.literal_eval(node.value)
        assert type(value) is PARAMETER_TYPES[annotation], f"{name}: default is not {annotation}"
        line = lines[node.lineno - 1]
        assert "  # " in line, f"{name}: a comment saying what the parameter means"
        assert line.count("=") == 1, f"{name}: papermill skips a line with a second '=' (in the comment)"
        values[name] = value
    return values


def check_cell(book) -> None:
    """The first cell after the parameters cell checks them inside the notebook."""
    check = code_cells(book)[1]
    assert "check-parameters" in check.metadata.get("tags", [])
    assert "nbparams.check(globals())" in check.source
    assert "nbparams.project_root(project_root" in check.source


def thin(book) -> None:
    """No logic in notebooks: no definitions or loops, short cells, every code cell tagged."""
    for cell in code_cells(book):
        tree = ast.parse(cell.source)
        for node in ast.walk(tree):
            assert not isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.Lambda, ast.For, ast.While)), (
                f"logic belongs in the library: {cell.source[:60]!r}")
        assert cell.metadata.get("tags"), f"untagged cell: {cell.source[:40]!r}"
        assert len(cell.source.splitlines()) <= 20, "cells stay short"
    assert book.metadata["kernelspec"]["name"] == "kemuning-eval"


def report_layout(book) -> None:
    """Report notebooks: parameters, check, setup (all removed), then display cells.

    A researcher's cell (tagged ``researcher`` and ``remove-input``) may
    compute before it displays; it must show something through ``display(``.
    """
    code = code_cells(book)
    for cell in code[:3]:
        assert "remove-cell" in cell.metadata["tags"], "parameters, check and setup cells are removed"
    assert "metrics.write_metrics(m, out / \"metrics.json\")" in code[2].source
    for cell in code[3:]:
        tags = cell.metadata["tags"]
        assert "remove-input" in tags
        if RESEARCHER_TAG in tags:
            assert "display(rep." in cell.source, "a researcher's cell shows its result through rep"
        else:
            assert cell.source.startswith("display(")
    for cell in book.cells:
        if cell.cell_type == "markdown":
            assert "remove-cell" in cell.metadata.get("tags", []), "report text comes from the catalogue"
