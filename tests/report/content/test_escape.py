"""Untrusted text stays text: HTML escaping in the report, formula-safe CSV for spreadsheets."""

from __future__ import annotations

import csv

import pandas as pd
from crafted_metrics import crafted

from kemuning_eval.report.content import render
from kemuning_eval.report.content.tables import csv_safe, export_csv_tables, html_table, neutralise
from kemuning_eval.report.results.metrics import empty_metrics
from kemuning_eval.report.results.model import Metrics
from kemuning_eval.report.results.rules import derive_challenges, derive_recommendations

SCRIPT = '<script>alert("x")</script>'
FORMULA = '=HYPERLINK("http://evil.example","klik")'


def _metrics() -> Metrics:
    m = empty_metrics(2026, report_date="2026-12-15")
    m["study"].update(n_programs=1, agency="BPSDM <b>Kemuning</b>", region="Kemuning", min_group_size=5,
                      programs=[{"program_id": "X1", "name": FORMULA, "field": SCRIPT, "jp": 10,
                                 "capacity": 20, "applicants": 30, "participants": 20, "cost": 1000}])
    m["qualitative"] = {"available": True, "n_excerpts": 6,
                        "themes": [{"theme": "t", "label": "<i>tema</i>", "n": 6, "share": 1.0}],
                        "quotes": [{"theme": "t", "theme_label": "<i>tema</i>", "role": "Pengelola",
                                    "text": "Saran: " + SCRIPT}]}
    m["reaction"] = {"available": True, "n_responses": 6, "response_rate": 0.3,
                     "dimensions": [{"dimension": "x", "label": SCRIPT, "n": 6, "mean": 3.1,
                                     "favourable": 0.5, "category": "Cukup"}]}
    typed = crafted(m)
    challenges = derive_challenges(typed)  # low_dimension, naming the (hostile) dimension label
    findings = typed.findings.model_copy(update={"challenges": challenges,
                                                 "recommendations": derive_recommendations(challenges)})
    return typed.model_copy(update={"findings": findings})


def test_text_from_the_data_is_escaped_everywhere_in_the_html():
    rep = render.Report(_metrics(), "id")
    page = "\n".join([rep.title()] + [rep.section(s) for s in render.CELLS] + [rep.figure("themes")])
    assert "<script>" not in page and "<b>Kemuning" not in page and "<i>tema" not in page
    assert "&amp;lt;" not in page and "&amp;#x27;" not in page and "&amp;quot;" not in page  # escaped once
    challenges = rep.section("challenges") + rep.section("recommendations")
    assert challenges.count("&lt;script&gt;alert(&quot;x&quot;)") == 2
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page  # quote text (htmlsafe.esc)
    assert "&lt;script&gt;alert(" in page.split("report-table")[1]  # table cell (html.escape)
    assert "<td>=HYPERLINK(&quot;http://evil.example&quot;,&quot;klik&quot;)</td>" in page  # text, inert


def test_html_table_escapes_cells_and_caption():
    out = html_table(pd.DataFrame({"<th>": [SCRIPT]}), caption="<u>Tabel</u>")
    assert "<script>" not in out and "<u>" not in out and "&lt;th&gt;" in out


def test_csv_neutralises_formula_starts(tmp_path):
    assert [neutralise(x) for x in ("=1+1", "+62", "-5", "@SUM(A1)", "\tx", "\rx", "Baik", 5)] == [
        "'=1+1", "'+62", "'-5", "'@SUM(A1)", "'\tx", "'\rx", "Baik", 5]
    frame = csv_safe(pd.DataFrame({"name": [FORMULA], "=col": ["ok"], "n": [3]}))
    assert frame.loc[0, "name"].startswith("'=") and list(frame.columns) == ["name", "'=col", "n"]
    files = export_csv_tables(_metrics(), tmp_path / "tabel")
    assert [f.name for f in files] == ["program.csv", "reaksi-dimensi.csv", "tema-wawancara.csv"]
    with open(tmp_path / "tabel" / "program.csv", encoding="utf-8-sig", newline="") as fh:
        row = next(csv.DictReader(fh))
    assert row["name"] == "'" + FORMULA and row["field"] == SCRIPT
