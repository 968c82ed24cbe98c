"""The report and exploratory notebooks: thin, tagged, committed without outputs.

Static checks run always; executing the report notebooks with papermill is
marked slow.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import notebook_rules as rules
import pytest

ROOT = Path(__file__).resolve().parent.parent
REPORTS = [ROOT / "notebooks" / "laporan_evaluasi.ipynb", ROOT / "notebooks" / "laporan_program.ipynb"]
EXPLORE = sorted((ROOT / "notebooks" / "eksplorasi").glob("*.ipynb"))
ALL = REPORTS + EXPLORE
CONTRACT = {"year": 2026, "lang": "id", "program_id": "", "project_root": "", "output_dir": "",
            "report_date": "", "seed": 0}


def _load(path: Path) -> nbformat.NotebookNode:
    book = nbformat.read(path, as_version=4)
    nbformat.validate(book)
    return book


def _code(book):
    return rules.code_cells(book)


def test_expected_notebooks_exist():
    assert all(p.is_file() for p in REPORTS)
    assert [p.stem for p in EXPLORE] == ["01_reaksi", "02_pembelajaran", "03_perilaku", "04_hasil", "05_biaya_roi"]


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_one_typed_parameters_cell_with_literal_values(path):
    values = rules.parameters(_load(path))
    if path in REPORTS:
        assert values == CONTRACT, "the engine's parameter contract (docs/report-pipeline.md)"
    else:
        assert set(values) <= set(CONTRACT) and values["year"] == 2026


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_parameters_checked_in_the_cell_after_them(path):
    rules.check_cell(_load(path))


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_papermill_help_lists_types_and_help(path):
    from papermill.inspection import _infer_parameters

    book = _load(path)
    found = {p.name: p for p in _infer_parameters(book, name="kemuning-eval", language="python")}
    assert sorted(found) == sorted(rules.parameters(book))
    for name, param in found.items():
        assert param.inferred_type_name in rules.PARAMETER_TYPES, name
        assert param.help, name


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_committed_without_outputs(path):
    for cell in _code(_load(path)):
        assert cell.outputs == [] and cell.execution_count is None, cell.source[:40]


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_thin_no_definitions_and_tagged(path):
    rules.thin(_load(path))


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_report_cells_hide_code_and_setup(path):
    book = _load(path)
    rules.report_layout(book)
    text = json.dumps(book)
    assert "datetime.now" not in text and "date.today" not in text


@pytest.fixture(scope="module")
def small_study(tmp_path_factory):
    from report_study import build_study

    return build_study(tmp_path_factory.mktemp("study"))


@pytest.mark.slow
@pytest.mark.parametrize(("path", "program"), [(REPORTS[0], ""), (REPORTS[1], "PM")], ids=["study", "program"])
def test_report_notebook_executes_and_writes_valid_metrics(path, program, tmp_path_factory):
    import papermill as pm
    from report_study import build_study

    from kemuning_eval.report.metrics import validate_metrics

    root = build_study(tmp_path_factory.mktemp("nb"))
    out = tmp_path_factory.mktemp("stage")
    executed = pm.execute_notebook(
        str(path), str(out / "executed.ipynb"), kernel_name="python3", cwd=str(ROOT), progress_bar=False,
        parameters=dict(CONTRACT, project_root=str(root), output_dir=str(out), program_id=program,
                        report_date="2026-12-15"))
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    validate_metrics(metrics)
    assert metrics["study"]["program_id"] == (program or None)
    assert (out / "tabel" / "program.csv").is_file()
    html = "".join(o.get("data", {}).get("text/html", "") for c in executed.cells
                   for o in c.get("outputs", []) if isinstance(o.get("data", {}).get("text/html", ""), str))
    assert "<figure" in html and "<h2" in html and str(root) not in html
    errors = [o for c in executed.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []


@pytest.mark.slow
@pytest.mark.parametrize("path", EXPLORE, ids=lambda p: p.stem)
def test_exploratory_notebook_runs_top_to_bottom(path, small_study, tmp_path):
    import papermill as pm

    executed = pm.execute_notebook(str(path), str(tmp_path / path.name), kernel_name="python3", cwd=str(ROOT),
                                   progress_bar=False, parameters={"project_root": str(small_study)})
    outputs = [o for c in executed.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert sum(o.get("output_type") == "execute_result" for o in outputs) >= 3
