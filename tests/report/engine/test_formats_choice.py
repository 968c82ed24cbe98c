"""Choosing formats, and a missing Chromium: a clear message, exit 1, nothing written.

Runs on the fixture notebook project (fast); the PDF and DOCX themselves are
tested on a real report in test_formats.py.
"""

from __future__ import annotations

import pytest
from report_engine_project import REPORT_DATE, YEAR, make_project

from kemuning_eval.cli import main
from kemuning_eval.errors import ReportError, UsageError
from kemuning_eval.report.engine.build import build_report
from kemuning_eval.report.engine.formats import choose_formats
from kemuning_eval.report.engine.pdf import CHROMIUM_ENV


def test_choose_formats_flags_and_errors():
    assert choose_formats(None) == ("html", "pdf", "docx")
    assert choose_formats("pdf,html") == ("html", "pdf")
    assert choose_formats("html,pdf,docx", no_pdf=True) == ("html", "docx")
    with pytest.raises(UsageError):
        choose_formats("pdf,docx")  # the HTML is what the others are made from
    with pytest.raises(UsageError):
        choose_formats("html,rtf")


def test_missing_chromium_says_how_to_install_and_writes_nothing(tmp_path, monkeypatch, capsys):
    paths = make_project(tmp_path)
    monkeypatch.setenv(CHROMIUM_ENV, str(tmp_path / "no-such-chromium"))
    with pytest.raises(ReportError, match="apt-get install chromium"):
        build_report(YEAR, paths=paths, report_date=REPORT_DATE)
    assert main(["--root", str(tmp_path), "report", "--year", str(YEAR)]) == 1
    assert "Chromium" in capsys.readouterr().err
    folder = paths.reports(YEAR)
    assert not list(folder.glob("laporan-evaluasi-*")), "no half-written report"
    assert not list(folder.rglob("*.pdf")) and not list(folder.rglob("*.html"))


def test_html_only_build_publishes_no_pdf_or_docx_and_drops_old_ones(tmp_path, monkeypatch):
    paths = make_project(tmp_path)
    monkeypatch.setenv(CHROMIUM_ENV, str(tmp_path / "no-such-chromium"))  # never needed here
    stale = paths.reports(YEAR) / f"laporan-evaluasi-{YEAR}.pdf"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"%PDF-old")
    result = build_report(YEAR, paths=paths, report_date=REPORT_DATE, formats=("html",))
    assert result.html.is_file()
    assert not stale.exists() and not result.html.with_suffix(".docx").exists()
    index = (paths.reports_root / "index.html").read_text(encoding="utf-8")
    assert ".pdf" not in index and ".docx" not in index
