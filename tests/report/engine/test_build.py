"""Report engine end to end on the fixture notebooks: reproducible, incremental, safe failures."""

from __future__ import annotations

import json
import shutil

import nbformat
import pytest
from report_engine_project import FIXTURES, REPORT_DATE, YEAR, make_project

from kemuning_eval.errors import ReportError
from kemuning_eval.report.engine import cache
from kemuning_eval.report.engine.build import build_report

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    paths = make_project(tmp_path_factory.mktemp("proj"))
    first = build_report(YEAR, paths=paths, report_date=REPORT_DATE)
    return paths, first, first.html.read_bytes(), first.metrics.read_bytes()


def test_layout_and_contract(built):
    paths, first, _, metrics = built
    assert first.html == paths.reports(YEAR) / f"laporan-evaluasi-{YEAR}.html"
    assert (paths.reports(YEAR) / "tabel" / "sebaran.csv").is_file()
    assert first.executed == paths.reports(YEAR) / "executed" / f"laporan-evaluasi-{YEAR}.ipynb"
    record = json.loads(metrics)
    assert record["report_date"] == REPORT_DATE
    # kernel: cwd = project root, fixed hash seed, SOURCE_DATE_EPOCH = report date (UTC midnight)
    assert record["kernel"] == {"cwd": str(paths.root.resolve()), "hashseed": "0",
                                "source_date_epoch": "1797292800"}
    assert not (paths.reports(YEAR) / ".staging").exists()
    assert "laporan-evaluasi-2026.html" in (paths.reports_root / "index.html").read_text("utf-8")


def test_no_source_code_or_network_in_html(built):
    paths, first, page_bytes, _ = built
    page = page_bytes.decode("utf-8")
    executed = nbformat.read(first.executed, as_version=4)
    for cell in executed.cells:
        if cell.cell_type != "code":
            continue
        for line in cell.source.splitlines():
            if len(line.strip()) >= 12:
                assert line.strip() not in page, line
    for leak in ("import ", "kemuning_eval.", "output_dir", "project_root", "# Parameters",
                 str(paths.root), "RAHASIA-OUTPUT", "peringatan ke stderr", "http://", "https://"):
        assert leak not in page, leak
    assert "<script" not in page.lower()
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page  # shown, escaped


def test_rebuild_reuses_then_force_is_byte_identical(built, monkeypatch):
    paths, _, page_bytes, metrics = built
    # the package's own files are part of the key; others edit them while tests run
    monkeypatch.setattr(cache, "package_fingerprint", lambda: {"kemuning_eval": "fixed"})
    assert not build_report(YEAR, paths=paths, report_date=REPORT_DATE).reused
    again = build_report(YEAR, paths=paths, report_date=REPORT_DATE)
    assert again.reused
    forced = build_report(YEAR, paths=paths, report_date=REPORT_DATE, force=True)
    assert not forced.reused
    assert forced.html.read_bytes() == page_bytes
    assert forced.metrics.read_bytes() == metrics
    # a changed input invalidates the cache
    (paths.processed(YEAR) / "extra.csv").write_text("a\n1\n", encoding="utf-8")
    assert not build_report(YEAR, paths=paths, report_date=REPORT_DATE).reused


def test_failure_keeps_previous_report_and_names_cell(built):
    paths, first, _, _ = built
    before = first.html.read_bytes()
    notebook = paths.notebooks / "laporan_evaluasi.ipynb"
    saved = notebook.read_bytes()
    shutil.copy(FIXTURES / "laporan_gagal.ipynb", notebook)
    try:
        with pytest.raises(ReportError) as info:
            build_report(YEAR, paths=paths, report_date=REPORT_DATE)
    finally:
        notebook.write_bytes(saved)
    message = str(info.value)
    assert "laporan_evaluasi.ipynb" in message and "sel 3" in message
    assert "# hitung rasio" in message and "ValueError: sengaja gagal" in message
    failed = paths.reports(YEAR) / "executed" / f"failed-laporan-evaluasi-{YEAR}.ipynb"
    assert failed.is_file() and str(failed) in message
    assert first.html.read_bytes() == before
    assert not (paths.reports(YEAR) / ".staging").exists()
    builds = paths.reports(YEAR) / ".builds" / f"laporan-evaluasi-{YEAR}"
    assert not [p for p in builds.iterdir() if p.name.startswith(".")]  # the failed build is gone


def test_all_programmes_in_parallel(built):
    paths, _, _, _ = built
    results = build_report(YEAR, paths=paths, program_id="all", jobs=2, report_date=REPORT_DATE)
    assert [r.spec.program_id for r in results] == ["PKA-01", "PKB-02"]
    for r in results:
        assert r.html == paths.reports(YEAR) / "program" / r.spec.program_id / f"laporan-{r.spec.program_id}-{YEAR}.html"
        assert json.loads(r.metrics.read_text("utf-8"))["program_id"] == r.spec.program_id
    counts = [json.loads(r.metrics.read_text("utf-8"))["n_answers"] for r in results]
    assert counts == [2, 1]  # PKA-01 has two answers in the fixture, PKB-02 one
    index = (paths.reports_root / "index.html").read_text("utf-8")
    assert "program/PKA-01/laporan-PKA-01-2026.html" in index


def test_cell_timeout_names_the_cell(tmp_path):
    from nbformat.v4 import new_code_cell

    from kemuning_eval.report.engine.execute import execute_notebook
    from kemuning_eval.report.engine.kernel import ensure_kernel, kernel_env

    nb = nbformat.read(FIXTURES / "laporan_gagal.ipynb", as_version=4)
    nb.cells = nb.cells[:2] + [new_code_cell("# tunggu lama\nimport time\n\ntime.sleep(60)",
                                             metadata={"tags": ["lambat"]})]
    source = tmp_path / "lambat.ipynb"
    nbformat.write(nb, source)
    params = {"year": YEAR, "lang": "id", "program_id": "", "project_root": str(tmp_path),
              "output_dir": str(tmp_path), "report_date": "", "seed": 0}
    with pytest.raises(ReportError, match=r"sel 2 '# tunggu lama' \[tag lambat\]: CellTimeoutError"):
        execute_notebook(source, tmp_path / "out.ipynb", params, cwd=tmp_path,
                         kernel_name=ensure_kernel(), env=kernel_env(), cell_timeout=1)
    assert (tmp_path / "out.ipynb").is_file()  # the partial notebook is kept


def test_english_report_has_its_own_folder(built):
    paths, first, _, _ = built
    english = build_report(YEAR, paths=paths, lang="en", report_date=REPORT_DATE)
    assert english.html == paths.reports(YEAR) / "en" / f"laporan-evaluasi-{YEAR}.html"
    assert english.executed.name == f"laporan-evaluasi-{YEAR}-en.ipynb"
    assert '<html lang="en">' in english.html.read_text("utf-8") and first.html.is_file()
    assert "en/laporan-evaluasi-2026.html" in (paths.reports_root / "index.html").read_text("utf-8")


def test_failed_kernel_start_is_retried_once(tmp_path, monkeypatch):
    """A kernel that dies at start: two attempts, then a ReportError (not a raw traceback)."""
    import sys

    from kemuning_eval.report.engine.execute import execute_notebook
    from kemuning_eval.report.engine.kernel import kernel_env

    attempts = tmp_path / "attempts.txt"
    spec = tmp_path / "jupyter" / "kernels" / "rusak"
    spec.mkdir(parents=True)
    code = f"open({str(attempts)!r}, 'a').write('x')"
    (spec / "kernel.json").write_text(json.dumps(
        {"argv": [sys.executable, "-c", code, "{connection_file}"], "display_name": "rusak",
         "language": "python"}), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    params = {"year": YEAR, "lang": "id", "program_id": "", "project_root": str(tmp_path),
              "output_dir": str(tmp_path), "report_date": "", "seed": 0}
    with pytest.raises(ReportError, match="kernel rusak gagal dijalankan dua kali"):
        execute_notebook(FIXTURES / "laporan_gagal.ipynb", tmp_path / "out.ipynb", params,
                         cwd=tmp_path, kernel_name="rusak", env=kernel_env(), start_timeout=3)
    assert attempts.read_text(encoding="utf-8") == "xx"
