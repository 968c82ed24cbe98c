"""The report and exploratory notebooks: thin, tagged, committed without outputs.

Static checks run always; executing the report notebooks with papermill is
marked slow.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import notebook_rules as rules
import pytest

ROOT = Path(__file__).resolve().parents[3]
REPORTS = [ROOT / "notebooks" / "laporan_evaluasi.ipynb", ROOT / "notebooks" / "laporan_program.ipynb"]
EXPLORE = sorted((ROOT / "notebooks" / "eksplorasi").glob("*.ipynb"))
ALL = REPORTS + EXPLORE
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "notebooks").glob("*.ipynb"))
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


def _committed(path: Path) -> str:
    """The notebook as git holds it (the index): a working copy may keep outputs, git strips them."""
    rel = path.relative_to(ROOT).as_posix()
    shown = subprocess.run(["git", "-C", str(ROOT), "show", f":{rel}"], capture_output=True)
    return shown.stdout.decode("utf-8") if shown.returncode == 0 else path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_committed_without_outputs(path):
    book = nbformat.reads(_committed(path), as_version=4)
    for cell in _code(book):
        assert cell.outputs == [] and cell.execution_count is None, cell.source[:40]


_STRIP_ALL = """
import io, json, sys
from nbstripout._nbstripout import main
class Kept(io.BytesIO):
    def close(self):  # nbstripout wraps and drops the stream, which would close it
        pass
out, real = {}, sys.stdout
for path, text in json.loads(sys.stdin.read()).items():
    sys.argv = ["nbstripout", "--keep-id"]
    sys.stdin = io.TextIOWrapper(Kept(text.encode("utf-8")), encoding="utf-8")
    buffer = Kept()
    sys.stdout = io.TextIOWrapper(buffer, encoding="utf-8")
    try:
        main()
    except SystemExit:
        pass
    sys.stdout.flush()
    out[path] = buffer.getvalue().decode("utf-8")
sys.stdout = real
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def stripped():
    """Every committed notebook through nbstripout exactly as git's filter runs it (one process)."""
    pytest.importorskip("nbstripout")
    texts = {str(p): _committed(p) for p in ALL + FIXTURES}
    run = subprocess.run([sys.executable, "-c", _STRIP_ALL], input=json.dumps(texts).encode("utf-8"),
                         capture_output=True, check=True)
    return texts, json.loads(run.stdout)


@pytest.mark.parametrize("path", ALL + FIXTURES, ids=lambda p: p.name)
def test_output_filter_leaves_committed_notebooks_unchanged(path, stripped):
    """git's nbstripout filter (make install) must not rewrite a committed notebook, else every
    checkout would show it modified: cell ids are kept, nothing else differs."""
    texts, out = stripped
    assert out[str(path)] == texts[str(path)]


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

    from kemuning_eval.report.results.metrics import validate_metrics

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
