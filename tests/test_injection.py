"""Hostile text in the data is displayed, never obeyed and never blocking.

The bundled study with HTML, script, spreadsheet formulas and template syntax
(``{rule}``, ``{{x}}``, ``${x}``) in programme names, survey free text,
interview quotes and an input's file name: ingest and the real report build,
the page shows every payload as text, opened in headless Chromium no dialog,
script or network request runs, and every CSV the package wrote is
formula-safe.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kemuning_eval.csvsafe import FORMULA_STARTS
from kemuning_eval.paths import ProjectPaths
from kemuning_eval.report.engine.build import build_report
from kemuning_eval.report.engine.checks import scan

REPO = Path(__file__).resolve().parent.parent
YEAR = 2026
KEY = "test-key-injection-0123456789abcdef"

pytestmark = [pytest.mark.slow]

TEMPLATES = "{rule} {{x}} ${x} {0}"
#: prefixed to every programme name (no leading "=": a workbook cell would become a formula)
NAME = '<img src=x onerror="alert(1);window.__pwned=1"> ' + TEMPLATES + " x;=SUM(1+1) "
#: prefixed to every survey suggestion
SUGGESTION = '=HYPERLINK("http://evil.example/?q=1","klik") <script>alert(2)</script> ' + TEMPLATES + " "
#: prefixed to every interview quote
QUOTE = '@SUM(1+1) <svg onload="alert(3)"><a href="javascript:alert(4)">x</a> ' + TEMPLATES + " "
#: the survey's file name
FILE_NAME = '=HYPERLINK("x") survei <b onmouseover=alert(5)>{rule} ${x}.csv'  # no "/" in a file name


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    raw, notebook = REPO / "data" / "raw" / str(YEAR), REPO / "notebooks" / "laporan_evaluasi.ipynb"
    if not (raw / "studi.yaml").is_file() or not notebook.is_file():
        pytest.skip("the bundled study or notebooks/laporan_evaluasi.ipynb is not there")
    import openpyxl
    import pandas as pd

    root = tmp_path_factory.mktemp("hostile")
    folder = root / "data" / "raw" / str(YEAR)
    shutil.copytree(raw, folder)
    (root / "notebooks").mkdir()
    shutil.copy(notebook, root / "notebooks" / notebook.name)
    program_notebook = REPO / "notebooks" / "laporan_program.ipynb"
    if program_notebook.is_file():
        shutil.copy(program_notebook, root / "notebooks" / program_notebook.name)
    workbook_path = folder / f"data-penyelenggaraan-{YEAR}.xlsx"
    workbook = openpyxl.load_workbook(workbook_path)
    sheet = workbook["Program"]
    header = [c.value for c in sheet[1]]
    col = header.index("Nama Pelatihan") + 1
    renamed = {}
    for row in range(2, sheet.max_row + 1):
        cell = sheet.cell(row=row, column=col)
        if cell.value:
            renamed[cell.value] = NAME + cell.value
            cell.value = renamed[cell.value]
    workbook.save(workbook_path)
    survey_path = folder / f"survei-reaksi-{YEAR}.csv"
    survey = pd.read_csv(survey_path, dtype=str, keep_default_na=False)
    survey["Saran dan masukan"] = SUGGESTION + survey["Saran dan masukan"]
    survey.to_csv(folder / FILE_NAME, index=False)
    survey_path.unlink()
    quotes_path = folder / f"wawancara-{YEAR}.csv"
    quotes = pd.read_csv(quotes_path, dtype=str, keep_default_na=False)
    quotes["Kutipan"] = QUOTE + quotes["Kutipan"]
    quotes.to_csv(quotes_path, index=False)
    config = folder / "studi.yaml"
    text = config.read_text(encoding="utf-8")
    quoted = "'" + FILE_NAME.replace("'", "''") + "'"
    config.write_text(text.replace(f"file: survei-reaksi-{YEAR}.csv", f"file: {quoted}"), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "kemuning_eval", "--quiet", "--root", str(root),
                           "ingest", "--year", str(YEAR)], capture_output=True, text=True,
                          env={**__import__("os").environ, "KEMUNING_EVAL_KEY": KEY})
    assert done.returncode == 0, done.stderr
    result = build_report(YEAR, paths=ProjectPaths(root))  # builds: hostile text never blocks
    return root, result


def test_report_builds_and_shows_every_payload_as_text(hostile):
    root, result = hostile
    page = result.html.read_text("utf-8")
    assert scan(page) == []  # no active element, event handler, network load or loose image
    assert "<script>alert" not in page and "<img src=x" not in page and "<svg onload" not in page
    assert "&lt;img src=x onerror=" in page  # programme name, escaped
    for template in ("{rule}", "{{x}}", "${x}"):
        assert template in page, template  # not formatted away by any template engine


def test_programme_report_with_a_hostile_name_builds_and_shows_it_as_text(hostile):
    root, _ = hostile
    paths = ProjectPaths(root)
    if not (paths.notebooks / "laporan_program.ipynb").is_file():
        pytest.skip("no programme report notebook")
    from kemuning_eval.report.engine.build import program_ids
    from kemuning_eval.report.engine.index import read_title

    program = program_ids(paths, YEAR)[0]
    result = build_report(YEAR, paths=paths, program_id=program)
    page = result.html.read_text("utf-8")
    assert scan(page) == [] and "<img src=x" not in page
    assert "&lt;img src=x onerror=" in page
    index = (paths.reports_root / "index.html").read_text("utf-8")
    assert scan(index) == [] and "<img src=x" not in index
    head = page.split("</title>")[0]
    assert "&lt;img src=x" in head  # the page title: escaped
    title = read_title(result.html)  # the index reads it as text ...
    assert title.startswith("Laporan") and '<img src=x onerror="alert(1)' in title
    assert "&lt;img src=x" in index  # ... and escapes it again


def test_csvs_the_package_wrote_are_formula_safe(hostile):
    root, _ = hostile
    paths = ProjectPaths(root)
    files = [*sorted((paths.reports(YEAR) / "tabel").glob("*.csv")),
             paths.processed(YEAR) / f"duplikat-{YEAR}.csv"]
    assert len(files) > 1
    cells = 0
    for path in files:
        # "," as written, and ";" as Excel with Indonesian regional settings splits a line
        for delimiter in (",", ";"):
            with open(path, encoding="utf-8-sig", newline="") as fh:
                for row in csv.reader(fh, delimiter=delimiter):
                    for cell in row:
                        cells += 1
                        if cell.startswith(FORMULA_STARTS):
                            float(cell.replace(",", "."))  # only a plain number may start with - or +
    assert cells > 0
    duplicates = (paths.processed(YEAR) / f"duplikat-{YEAR}.csv").read_text("utf-8-sig")
    assert "'" + FILE_NAME in duplicates or "'" + FILE_NAME.replace('"', '""') in duplicates
    programs = (paths.reports(YEAR) / "tabel" / "program.csv")
    if programs.is_file():
        assert "<img src=x" in programs.read_text("utf-8-sig")  # the name itself is kept, as text


@pytest.mark.browser
def test_nothing_runs_in_chromium(hostile):
    from test_browser import CHROMIUM_ARGS, _chromium, _open

    executable = _chromium()
    if executable is None:
        pytest.skip("no Chromium found (/usr/bin/chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    root, result = hostile
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            for target in (result.html, root / "reports" / "index.html"):
                dialogs: list = []
                page, requests, errors = _open(browser, target, dialogs=dialogs)
                page.mouse.move(200, 200)
                page.mouse.move(400, 300)
                assert dialogs == [] and errors == []
                assert [u for u in requests if not u.startswith(("file://", "data:"))] == []
                assert page.evaluate("typeof window.__pwned") == "undefined"
                if target == result.html:
                    text = page.inner_text("body")
                    assert '<img src=x onerror="alert(1);window.__pwned=1">' in text
                    assert "{rule} {{x}} ${x}" in text
                    shown = [p for p in (NAME, SUGGESTION, QUOTE) if p.strip() in text]
                    assert NAME.strip() in text and len(shown) >= 2, shown
                    assert page.locator("img[src='x']").count() == 0
                    assert page.locator("svg[onload]").count() == 0
                    assert page.locator("a[href^='javascript']").count() == 0
                page.close()
        finally:
            browser.close()
