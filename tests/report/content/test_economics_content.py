"""The cost section's ROI per programme, sensitivity range, "impas" wording, payback and demand (issue 12).

Crafted metrics where the right answer is known: a pooled BCR of 1.03 is "impas"
(within report.rules.breakeven_halfwidth 0.05 of 1, decided in stats/bands.py), a
programme with a negative ROI shows no payback, and the challenges name each programme.
"""

from __future__ import annotations

import re

import pytest
from crafted_metrics import crafted

from kemuning_eval.report.content import findings
from kemuning_eval.report.content.render import Report
from kemuning_eval.report.results.model import RoiRow
from kemuning_eval.report.results.rules import derive_challenges


def _roi(program_id, name, bcr, band, low_roi, payback, reason=None, payback_reason=None):
    return RoiRow(program_id=program_id, name=name, n_benefits=1, benefits=bcr * 100e6, costs=100e6, bcr=bcr,
                  roi_pct=(bcr - 1) * 100, bcr_low=bcr * 0.64, bcr_high=bcr * 1.44, roi_pct_low=None,
                  roi_pct_high=None, bcr_band=band, low_roi=low_roi, payback_months=payback,
                  payback_reason=payback_reason, reason=reason).model_dump()


def _metrics():
    by_program = [_roi("KP", "Kepemimpinan Pengawas", 0.80, "below", True, None,
                       payback_reason="benefits_not_above_costs"),
                  _roi("PM", "Manajemen Proyek", 1.57, "above", False, 7.6)]
    pooled = _roi(None, None, 1.03, "breakeven", False, 11.6)
    return crafted({"cost": {"available": True, "total_cost": 200_000_000, "n_participants": 40,
                             "cost_per_participant": 5_000_000, "total_benefit": 206_000_000, "bcr": 1.03,
                             "roi_pct": 3.0, "payback_months": 11.6,
                             "roi": {"sensitivity_share": 0.2, "breakeven_halfwidth": 0.05,
                                     "by_program": by_program, "pooled": pooled}}})


@pytest.mark.parametrize(("lang", "word"), [("id", "impas"), ("en", "break-even")])
def test_pooled_bcr_of_103_is_worded_as_breakeven(lang, word):
    rep = Report(_metrics(), lang)
    text = str(rep.economics())
    assert word in text and ("1,03" in text if lang == "id" else "1.03" in text)
    assert "Kepemimpinan Pengawas" in text  # the programme below cost is named
    assert word in str(rep.roi_table())


def test_negative_roi_has_no_payback_in_the_table():
    table = str(Report(_metrics(), "id").roi_table())
    row = next(line for line in table.splitlines() if "Kepemimpinan Pengawas" in line)
    assert "tidak kembali dalam setahun" in row and "-20,0%" in row
    assert re.search(r"<td>0,51–1,15</td>", row)  # the sensitivity range
    pm = next(line for line in table.splitlines() if "Manajemen Proyek" in line)
    assert "<td>7,6</td>" in pm


@pytest.mark.parametrize("lang", ["id", "en"])
def test_low_roi_challenge_names_the_programme_and_its_basis_in_words(lang):
    m = _metrics()
    (ch,) = [c for c in derive_challenges(m) if c.id == "low_roi"]
    text = findings.challenge_text(ch, lang)
    basis = findings.evidence_text(ch, lang)
    assert "Kepemimpinan Pengawas" in text and "Manajemen Proyek" not in text
    assert ("-20,0" if lang == "id" else "-20.0") in text
    assert "Kepemimpinan Pengawas" in basis
    for line in (text, basis):
        assert "{" not in line and not re.search(r"\b[a-z_]+\.[a-z_]+\.[a-z0-9_.]+", line)


def test_budget_challenge_text_names_the_programme_and_why():
    row = {"program_id": "KP", "name": "Kepemimpinan Pengawas", "applicants": 180, "capacity": 120,
           "participants": 120, "applicants_per_seat": 1.5, "seat_fill": 1.0, "demand_exceeds_seats": True,
           "seats_full": True, "funding_named": None, "budget_limited": True}
    m = crafted({"study": {"demand": {"by_program": [row], "total": None}}})
    (ch,) = [c for c in derive_challenges(m) if c.id == "unmet_demand"]
    text = findings.challenge_text(ch, "id")
    assert text.startswith("Anggaran membatasi jumlah peserta")
    assert "Kepemimpinan Pengawas: 1,50 pendaftar per kursi, kursi terisi 100,0%" in text
    assert "{" not in findings.evidence_text(ch, "id")


def test_demand_text_says_the_budget_is_not_shown_to_bind_when_seats_are_left_empty():
    total = {"program_id": None, "applicants": 1293, "capacity": 660, "participants": 600, "not_admitted": 693,
             "unused_seats": 60, "cost_all_applicants": 7_228_500_000, "demand_exceeds_seats": True,
             "seats_full": False, "funding_named": False, "budget_limited": False}
    m = crafted({"study": {"demand": {"by_program": [], "total": total}}, "cost": {"available": True}})
    text = str(Report(m, "id").economics())
    assert "693 tidak tertampung" in text and "60 kursi tidak terisi" in text
    from kemuning_eval.numfmt import fmt_rupiah

    assert fmt_rupiah(7_228_500_000, "id") in text  # the Rupiah format is numfmt's
    assert "tidak menunjukkan bahwa anggaran membatasi" in text
    assert "unmet_demand" not in {c.id for c in derive_challenges(m)}
    table = str(Report(m, "id").demand_table())
    assert "Semua program" in table and "693" in table


def test_demand_text_has_no_zero_counts_and_nothing_without_costs():
    total = {"program_id": None, "applicants": 100, "capacity": 100, "participants": 100, "not_admitted": 0,
             "unused_seats": 0, "cost_all_applicants": 500_000_000, "demand_exceeds_seats": False,
             "seats_full": True, "funding_named": None, "budget_limited": False}
    m = crafted({"study": {"demand": {"by_program": [], "total": total}}, "cost": {"available": True}})
    text = str(Report(m, "id").economics())
    assert "semua tertampung" in text and "semua kursi terisi" in text
    assert not re.search(r"\b0 (kursi|pendaftar)", text) and "Melayani semua" not in text
    unmeasured = crafted({"study": {"demand": {"by_program": [], "total": total}}})  # costs not collected
    assert str(Report(unmeasured, "id").economics()) == "" and str(Report(unmeasured, "id").demand_table()) == ""


def test_pooled_sentence_gives_no_payback_when_benefits_do_not_exceed_costs():
    from kemuning_eval.report.content.narrative import cost

    m = crafted({"cost": {"available": True, "total_cost": 90_000_000, "n_participants": 40,
                          "cost_per_participant": 2_250_000, "total_benefit": 60_000_000, "bcr": 2 / 3,
                          "roi_pct": -100 / 3, "payback_months": None}})
    text = cost(m, "id")[0]
    assert "tidak ada periode pengembalian" in text and "bulan" not in text
