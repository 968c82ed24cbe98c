"""Report engine, fast parts: parameter checks, contents, page checks, PNG metadata, index."""

from __future__ import annotations

import base64
import io

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from kemuning_eval.errors import ReportError, UsageError
from kemuning_eval.report.engine import checks, execute, export, images, index, toc

PARAMS = {"year": 2026, "lang": "id", "program_id": "", "project_root": "/p",
          "output_dir": "/p/o", "report_date": "", "seed": 0}
PARAMETER_CELL = "\n".join(f"{k} = {v!r}" for k, v in PARAMS.items())


def _notebook(tmp_path, *cells):
    path = tmp_path / "nb.ipynb"
    nbformat.write(new_notebook(cells=list(cells)), path)
    return path


def test_parameters_checked_before_execution(tmp_path):
    good = _notebook(tmp_path, new_code_cell(PARAMETER_CELL, metadata={"tags": ["parameters"]}))
    execute.check_parameters(good, PARAMS)
    with pytest.raises(UsageError, match="colour"):
        execute.check_parameters(good, {**PARAMS, "colour": "red"})
    with pytest.raises(UsageError, match="year"):
        execute.check_parameters(good, {**PARAMS, "year": "2026"})  # a string from a shell
    untagged = _notebook(tmp_path, new_code_cell(PARAMETER_CELL))
    with pytest.raises(ReportError, match="tepat satu sel"):
        execute.check_parameters(untagged, PARAMS)
    partial = _notebook(tmp_path, new_code_cell("year = 2026\nlang = 'id'",
                                                metadata={"tags": ["parameters"]}))
    with pytest.raises(ReportError, match="output_dir"):
        execute.check_parameters(partial, PARAMS)


def test_export_drops_code_tagged_cells_and_stderr():
    code = "rahasia_internal = hitung_sesuatu(123456)"
    nb = new_notebook(cells=[
        new_markdown_cell("# Judul"),
        new_code_cell("year = 2026", metadata={"tags": ["parameters"]}),
        new_code_cell('year = 2027\noutput_dir = "/tmp/x"', metadata={"tags": ["injected-parameters"]}),
        new_code_cell(code, outputs=[
            nbformat.v4.new_output("stream", name="stderr", text="UserWarning: /home/u/x.py"),
            nbformat.v4.new_output("stream", name="stdout", text="terlihat"),
        ]),
        new_code_cell("x", metadata={"tags": ["remove-output"]},
                      outputs=[nbformat.v4.new_output("stream", name="stdout", text="TERSEMBUNYI")]),
        new_markdown_cell("dibuang", metadata={"tags": ["remove-cell"]}),
    ])
    page = export.export_html(nb, lang="en")
    assert "terlihat" in page and '<html lang="en">' in page
    for hidden in ("rahasia_internal", "2027", "/tmp/x", "UserWarning", "TERSEMBUNYI", "dibuang",
                   "<script", "In&nbsp;[", "jp-InputPrompt\">"):
        assert hidden not in page, hidden
    checks.check_page(page, name="r.html", code_sources=[code])


def test_toc_links_resolve_and_keep_content_ids():
    page = ('<main><h1>Laporan</h1><h2 id="ringkasan">Ringkasan</h2>'
            '<h2>Hasil</h2><h3>Level 1</h3><h2>Hasil</h2><p id="hasil-2">x</p></main>')
    out = toc.add_toc(page, title="Daftar Isi")
    links = [a for a in out.split('href="#')[1:]]
    anchors = [a.split('"')[0] for a in links]
    assert anchors == ["ringkasan", "hasil", "level-1", "hasil-3"]  # hasil-2 is taken
    for anchor in anchors:
        assert out.count(f'id="{anchor}"') == 1
    assert out.index("<nav") > out.index("</h1>")


@pytest.mark.parametrize("bad", [
    '<link rel="stylesheet" href="https://fonts.example/x.css">',
    '<script src="https://cdn.example/require.js"></script>',
])
def test_make_offline_removes_network_loads(bad):
    page = make = checks.make_offline(f"<main>{bad}<p>isi</p></main>")
    assert page == "<main><p>isi</p></main>", make
    checks.check_page(page, name="r.html")


@pytest.mark.parametrize("bad, rule", [
    ('<img src="http://x/a.png">', "internet"),
    ('<div style="background:url(https://x/a.png)"></div>', "internet"),
    ('<img src="a.png">', "tertanam"),
    ('<img src="data:image/png;base64,AA" onerror="x()">', "skrip"),
    ("<iframe></iframe>", "skrip"),
    ("<p>" + "x" * 600 + "</p>", "terlalu besar"),
])
def test_check_page_refuses(bad, rule):
    with pytest.raises(ReportError, match=rule):
        checks.check_page(bad, name="r.html", max_bytes=500)


def test_png_metadata_stripped_pixels_unchanged():
    """A matplotlib PNG carries 'Software'; stripped, it decodes to the same pixels."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.image as mpimg
    import matplotlib.pyplot as plt
    import numpy as np

    fig, ax = plt.subplots(figsize=(1, 1))
    ax.plot([0, 1], [1, 0])
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": "matplotlib", "Author": "x"})
    plt.close(fig)
    raw = buf.getvalue()
    assert b"Software" in raw
    clean = images.strip_png_metadata(raw)
    assert b"Software" not in clean and b"Author" not in clean
    np.testing.assert_array_equal(mpimg.imread(io.BytesIO(raw)), mpimg.imread(io.BytesIO(clean)))
    uri = "data:image/png;base64," + base64.b64encode(raw).decode()
    assert b"Software" not in base64.b64decode(images.strip_png_data_uris(uri).split(",")[1])


def test_index_lists_reports_and_escapes(tmp_path):
    for rel in ("2025/laporan-evaluasi-2025.html", "2026/laporan-evaluasi-2026.html",
                "2026/en/laporan-evaluasi-2026.html", "2026/program/A&B/laporan-A&B-2026.html"):
        page = tmp_path / rel
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"<title>{rel} &lt;b&gt;</title>", encoding="utf-8")
    entries = index.find_reports(tmp_path)
    assert [(e.year, e.lang, e.program_id) for e in entries] == [
        (2026, "id", None), (2026, "id", "A&B"), (2026, "en", None), (2025, "id", None)]
    html = index.write_index(tmp_path).read_text(encoding="utf-8")
    assert 'href="2026/program/A%26B/laporan-A%26B-2026.html"' in html
    assert "&lt;b&gt;" in html and "<b>" not in html
    assert "Bahasa Inggris" in html


@pytest.mark.parametrize("argv, code, message", [
    (["report", "--year", "2026", "--program", "../x"], 2, "kode program tidak sah"),
    (["report", "--year", "2026", "--jobs", "0"], 2, "--jobs"),
    (["report", "--year", "2026"], 1, "data olahan tahun ini belum ada"),  # notebooks are bundled
    (["report", "--year", "2026", "--program", "all"], 1, "programs.parquet"),
])
def test_cli_exit_codes(tmp_path, monkeypatch, capsys, argv, code, message):
    from kemuning_eval.cli import main

    monkeypatch.setenv("KEMUNING_EVAL_ROOT", str(tmp_path))  # restored after the test
    assert main(["--root", str(tmp_path), *argv]) == code
    assert message in capsys.readouterr().err




def test_results_and_content_never_import_the_engine():
    # layers import only downward; imports inside functions count (a cycle hides there)
    import ast
    from pathlib import Path

    import kemuning_eval

    report = Path(kemuning_eval.__file__).parent / "report"
    offenders = []
    for layer in ("results", "content"):
        for source in sorted((report / layer).glob("*.py")):
            for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("kemuning_eval.report.engine"):
                    offenders.append(f"{layer}/{source.name}: {node.module}")
    assert offenders == []
