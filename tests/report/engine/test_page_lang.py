"""``<html lang>`` of the published page is the report's language, however the notebook was run."""

from __future__ import annotations

import nbformat
import pytest

from kemuning_eval.report.engine.export import export_html
from kemuning_eval.report.engine.nbexport import KemuningExporter, notebook_lang


def _notebook(lang: str | None = None, *, injected: str | None = None):
    nb = nbformat.v4.new_notebook()
    cells = [nbformat.v4.new_markdown_cell("# Laporan\n\n## Hasil")]
    if lang is not None:  # run in JupyterLab: the language is the parameters cell's value
        cell = nbformat.v4.new_code_cell(f'year: int = 2026\nlang: str = "{lang}"  # report language')
        cell.metadata["tags"] = ["parameters"]
        cells.insert(0, cell)
    if injected is not None:  # run by papermill: recorded in the metadata
        nb.metadata["papermill"] = {"parameters": {"lang": injected}}
    nb.cells = cells
    return nb


@pytest.mark.parametrize("lang", ["id", "en"])
def test_exported_page_carries_the_report_language(lang):
    page = export_html(_notebook(), lang=lang)
    assert f'<html lang="{lang}">' in page
    assert page.count("<html") == 1


@pytest.mark.parametrize(("cell", "injected", "expected"), [
    ("en", None, "en"), ("id", None, "id"), ("id", "en", "en"), (None, "en", "en"), (None, None, None)])
def test_language_of_a_notebook(cell, injected, expected):
    assert notebook_lang(_notebook(cell, injected=injected)) == expected


@pytest.mark.parametrize("lang", ["id", "en"])
def test_nbconvert_exporter_follows_the_parameters_cell(lang, monkeypatch):
    monkeypatch.delenv("KEMUNING_EVAL_LANG", raising=False)
    page, _ = KemuningExporter().from_notebook_node(_notebook(lang))
    assert f'<html lang="{lang}">' in page
