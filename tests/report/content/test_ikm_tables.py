"""Tests of the IKM tables, the RTL matrix and the facilitator table (report.content.ikm_tables).

On crafted metrics (tests/crafted_metrics.py) where the right rows are known, and on the bundled
2026 study end to end (issue 12: the RTL matrix with its three grade-C elements, the facilitator
table, no names).
"""

from __future__ import annotations

import pytest

from kemuning_eval.report.content.render import Report
from tests.crafted_metrics import crafted
from tests.subset_study import identifiers, ingest, make_project, visible_text


def _element(code, nrr, grade, below):
    return {"element": code, "n": 30, "nrr": nrr, "nrr_weighted": nrr / 9, "converted": nrr * 25, "grade": grade,
            "category": {"B": "baik", "C": "kurang_baik"}[grade], "below_b": below}


IKM = {
    "n": 30, "weight": 1 / 9, "index": 3.2, "converted": 80.0, "grade": "B", "category": "baik",
    "elements": [_element("persyaratan", 3.3, "B", False), _element("sarana", 2.9, "C", True)],
    "below_b": ["sarana"], "period": {"first": "2026-02-14", "last": "2026-05-15"},
    "profile": [{"variable": "grade", "label": "Golongan", "value": "PPPK IX", "n": 6, "share": 0.2,
                 "suppressed": False}],
    "by_program": [{"program_id": "KP", "name": "Kepemimpinan", "n": 4, "index": None, "converted": None,
                    "grade": None, "category": None, "suppressed": True}],
    "follow_up": [{"element": "sarana", "rank": 1, "nrr": 2.9, "converted": 72.5, "grade": "C", "priority": "medium",
                   "action": None, "deadline": "2027-03-31", "owner_code": "sekretariat",
                   "owner": "<b>Subbagian Umum & Aset</b>"}],
    "priority_high_below": 70.8,
}
FACILITATORS = {
    "n_facilitators": 2,
    "aspects": [{"aspect": "fac_1", "label": "Penguasaan materi", "n": 10, "mean": 4.0, "category": "baik"}],
    "rows": [
        {"code": "FAS-01", "n": 6, "suppressed": False, "mean": 4.25, "category": "sangat_baik",
         "aspects": [{"aspect": "fac_1", "label": "Penguasaan materi", "n": 6, "mean": 4.25,
                      "category": "sangat_baik"}], "weakest": "fac_1", "weakest_label": "Penguasaan materi",
         "weakest_mean": 4.25},
        {"code": "FAS-02", "n": 4, "suppressed": True, "mean": None, "category": None,
         "aspects": [{"aspect": "fac_1", "label": "Penguasaan materi", "n": None, "mean": None, "category": None}],
         "weakest": None, "weakest_label": None, "weakest_mean": None},
    ],
}


@pytest.fixture()
def report():
    m = crafted({"reaction": {"available": True, "ikm_report": IKM, "facilitator_report": FACILITATORS}})
    return Report(m, "id")


def test_ikm_table_rows_and_the_elements_below_b(report):
    text = visible_text(str(report.ikm_tables()))
    assert "Sarana dan Prasarana 30 2,90 0,322 72,50 C Kurang Baik" in text
    assert "IKM (jumlah NRR tertimbang) 30 – 3,200 80,00 B Baik" in text
    assert "Unsur dengan mutu di bawah B: Sarana dan Prasarana." in text
    assert "antara 14 Februari 2026 dan 15 Mei 2026" in text
    assert "PPPK golongan IX" in text
    assert "Kepemimpinan 4 n < 5" in text  # a programme of four respondents: values hidden


def test_rtl_matrix_escapes_configured_text_and_words_defaults(report):
    html = str(report.follow_up_matrix())
    assert "<b>" not in html and "&lt;b&gt;Subbagian Umum &amp; Aset&lt;/b&gt;" in html
    text = visible_text(html)
    assert "1 Sarana dan Prasarana 2,90 C Sedang Disarankan agar sarana prasarana pelatihan" in text
    assert "31 Maret 2027" in text and "di bawah 70,80" in text


def test_facilitator_table_hides_a_group_of_four(report):
    text = visible_text(str(report.facilitator_table()))
    assert "FAS-01 6 4,25 4,25 Sangat Baik Penguasaan materi" in text
    assert "FAS-02 4 n < 5 n < 5 n < 5 n < 5" in text
    assert "kurang dari 5 responden" in text


def test_no_tables_without_an_ikm_or_ratings():
    rep = Report(crafted({"reaction": {"available": True}}), "en")
    assert str(rep.ikm_tables()) == str(rep.facilitator_table()) == str(rep.follow_up_matrix()) == ""


@pytest.mark.slow
def test_bundled_2026_rtl_matrix_and_facilitator_table(tmp_path):
    from kemuning_eval.report.results.metrics import compute_metrics

    root = make_project(tmp_path, "everything")
    ingest(root)
    m = compute_metrics(2026, root=root)
    rep = Report(m, "id")
    rtl = visible_text(str(rep.follow_up_matrix()))
    rows = [r.element for r in m.reaction.ikm_report.follow_up]
    assert rows == ["pengaduan", "sarana", "waktu"]
    assert [r.grade for r in m.reaction.ikm_report.follow_up] == ["C", "C", "C"]
    for name in ("Penanganan Pengaduan, Saran dan Masukan", "Sarana dan Prasarana", "Waktu Penyelesaian"):
        assert name in rtl
    recommendations = visible_text(str(rep.section("recommendations")))
    assert "Penanganan Pengaduan, Saran dan Masukan; Sarana dan Prasarana; Waktu Penyelesaian" in recommendations
    challenges = visible_text(str(rep.section("challenges")))
    assert challenges.count("di bawah batas mutu B") == 3
    facilitators = visible_text(str(rep.facilitator_table()))
    assert "FAS-01" in facilitators and len(m.reaction.facilitator_report.rows) == m.study.n_facilitators
    html = "".join(str(x) for x in (rep.ikm_tables(), rep.follow_up_matrix(), rep.facilitator_table()))
    assert not [v for v in identifiers() if v in html]
