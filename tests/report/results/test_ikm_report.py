"""Tests of the IKM report (results.ikm_report), the facilitator table (results.facilitator_report),
the report.follow_up configuration and the rules that name weak IKM elements and facilitators.

References: PermenPANRB 14/2017 (NRR = mean of the 1-4 answers, weight 1/9, x25, grades on the
converted value rounded to 2 decimals; docs/domain.md sections 3, 6 and 8).  Expected values
below are computed by hand from the crafted answers.
"""

from __future__ import annotations

import pandas as pd
import pytest

from kemuning_eval.errors import ConfigError
from kemuning_eval.report.results.common import Context
from kemuning_eval.report.results.facilitator_report import facilitator_report
from kemuning_eval.report.results.ikm_report import ikm_report
from kemuning_eval.report.results.model import IkmReport
from kemuning_eval.report.results.rules import derive_challenges, derive_recommendations
from kemuning_eval.stats.ikm import ELEMENTS
from tests.crafted_metrics import crafted


def _survey(fours: dict[str, int], n: int = 10000) -> tuple[pd.DataFrame, pd.DataFrame]:
    """n answers per element: 3 everywhere, ``k`` of them 4 (mean 3 + k/n) or, for k < 0, 2."""
    cols = {}
    for i, element in enumerate(ELEMENTS):
        k = fours.get(element, n // 2)
        high = 4.0 if k >= 0 else 2.0
        cols[f"u{i}"] = [high] * abs(k) + [3.0] * (n - abs(k))
    items = pd.DataFrame({"variable": list(cols), "ikm_element": list(ELEMENTS), "instrument": "reaction"})
    return pd.DataFrame(cols), items


def test_elements_in_regulation_order_with_weighted_and_converted_values():
    data, items = _survey({"sarana": -2000, "waktu": 641, "pengaduan": 643})  # 2.80, 3.0641, 3.0643
    out = IkmReport.model_validate(ikm_report({"reaction": data, "items": items}, Context(year=2026)))
    assert [e.element for e in out.elements] == list(ELEMENTS)
    sarana = out.elements[ELEMENTS.index("sarana")]
    assert sarana.nrr == pytest.approx(2.8)
    assert sarana.nrr_weighted == pytest.approx(2.8 / 9)
    assert sarana.converted == pytest.approx(70.0)
    assert (sarana.grade, sarana.category, sarana.below_b) == ("C", "kurang_baik", True)
    waktu, pengaduan = (out.elements[ELEMENTS.index(e)] for e in ("waktu", "pengaduan"))
    assert waktu.nrr == pytest.approx(3.0641) and (waktu.grade, waktu.below_b) == ("C", True)
    assert pengaduan.nrr == pytest.approx(3.0643) and (pengaduan.grade, pengaduan.below_b) == ("B", False)
    assert out.weight == pytest.approx(1 / 9)
    assert out.index == pytest.approx(sum(e.nrr for e in out.elements) / 9)
    assert out.below_b == ["sarana", "waktu"]  # lowest NRR first


def test_follow_up_plan_lowest_first_priority_and_configured_overrides():
    data, items = _survey({"sarana": -2000, "waktu": 641, "produk": -7000})  # 2.80 (70.00), 3.0641, 2.30 (57.50)
    follow = {"waktu": {"action": "Jadwal diumumkan", "deadline": "2027-02-15", "owner": "Bidang Diklat"}}
    out = IkmReport.model_validate(ikm_report({"reaction": data, "items": items},
                                              Context(year=2026, follow_up=follow)))
    plan = [(r.rank, r.element, r.grade, r.priority, r.deadline, r.owner_code, r.owner, r.action)
            for r in out.follow_up]
    assert plan == [
        (1, "produk", "D", "high", "2027-06-30", "kurikulum", None, None),
        (2, "sarana", "C", "high", "2027-03-31", "sekretariat", None, None),
        (3, "waktu", "C", "medium", "2027-02-15", "penyelenggaraan", "Bidang Diklat", "Jadwal diumumkan"),
    ]
    stricter = ikm_report({"reaction": data, "items": items},
                          Context(year=2026, rules={"ikm_priority_high_converted": 65.0}))
    assert [r["priority"] for r in stricter["follow_up"]] == ["high", "medium", "medium"]
    assert stricter["priority_high_below"] == 65.0


def test_programme_of_four_is_suppressed_and_profile_in_natural_order():
    data, items = _survey({}, n=16)
    data["program_id"] = ["A"] * 6 + ["B"] * 6 + ["C"] * 4
    data["participant_id"] = [f"p{i}" for i in range(16)]
    people = pd.DataFrame({"participant_id": [f"p{i}" for i in range(16)],
                           "age_band": ["50+"] * 5 + ["<30"] * 6 + ["30-39"] * 5,
                           "nip_kind": ["PNS"] * 11 + ["PPPK"] * 5,
                           "grade": ["IV/a"] * 5 + ["III/b"] * 6 + ["IX"] * 5})
    out = ikm_report({"reaction": data, "items": items, "participants": people}, Context(year=2026))
    programmes = {r["program_id"]: r for r in out["by_program"]}
    assert programmes["C"]["suppressed"] and programmes["C"]["index"] is None and programmes["C"]["grade"] is None
    assert not all(r["suppressed"] for r in out["by_program"])
    assert [(r["variable"], r["value"]) for r in out["profile"]] == [
        ("age_band", "<30"), ("age_band", "30-39"), ("age_band", "50+"),
        ("grade", "III/b"), ("grade", "IV/a"), ("grade", "PPPK IX")]


def test_survey_period_and_no_report_without_all_nine_elements():
    data, items = _survey({}, n=6)
    data["submitted_at"] = pd.to_datetime(["2026-05-02", "2026-03-01", "2026-04-04"] * 2)
    out = ikm_report({"reaction": data, "items": items}, Context(year=2026))
    assert out["period"] == {"first": "2026-03-01", "last": "2026-05-02"}
    assert ikm_report({"reaction": data, "items": items.iloc[:8]}, Context()) is None


def _ratings():
    rows = []
    for fid, n, low in (("zz-pseudo", 6, 3.0), ("aa-pseudo", 6, 4.0), ("mm-pseudo", 4, 4.0)):
        rows += [{"facilitator_id": fid, "fac_materi": 4.0, "fac_waktu": low} for _ in range(n)]
    return pd.DataFrame(rows)


def test_facilitator_codes_stable_means_weakest_and_a_group_of_four_suppressed():
    ratings = _ratings()
    out = facilitator_report({"facilitator_ratings": ratings}, Context())
    codes = {r["code"]: r for r in out["rows"]}
    assert list(codes) == ["FAS-01", "FAS-02", "FAS-03"]  # aa, mm, zz: sorted pseudonymous ids
    assert codes["FAS-02"]["suppressed"] and codes["FAS-02"]["mean"] is None and codes["FAS-02"]["n"] == 4
    assert codes["FAS-03"]["mean"] == pytest.approx(3.5)
    assert (codes["FAS-03"]["weakest"], codes["FAS-03"]["weakest_mean"]) == ("fac_waktu", 3.0)
    again = facilitator_report({"facilitator_ratings": ratings.sample(frac=1, random_state=1)}, Context())
    assert [r["code"] for r in again["rows"]] == list(codes)
    assert "zz-pseudo" not in str(out) and "aa-pseudo" not in str(out)


def test_rule_names_every_ikm_element_below_b_and_weak_facilitators():
    data, items = _survey({"sarana": -2000, "waktu": 641, "pengaduan": -1900})
    ikm = ikm_report({"reaction": data, "items": items}, Context(year=2026))
    fac = facilitator_report({"facilitator_ratings": _ratings()}, Context())
    m = crafted({"reaction": {"available": True, "ikm_report": ikm, "facilitator_report": fac}})
    challenges = derive_challenges(m)
    low = [c for c in challenges if c.id == "low_ikm_element"]
    assert [c.text["element"] for c in low] == ["sarana", "pengaduan", "waktu"]
    assert all(c.text["elements"] == "sarana,pengaduan,waktu" for c in low)
    assert low[0].evidence[0].path == f"reaction.ikm_report.elements.{ELEMENTS.index('sarana')}.nrr"
    weak = [c for c in challenges if c.id == "low_facilitator_aspect"]
    assert [(c.text["facilitator"], c.text["aspect"]) for c in weak] == [("FAS-03", "fac_waktu")]
    recs = {r.id: r for r in derive_recommendations(challenges)}
    assert recs["ikm_followup"].because == ["low_ikm_element"] and len(recs["ikm_followup"].evidence) == 3
    assert recs["facilitator_development"].audience == "facilitators"


def _study(tmp_path, follow_up: str):
    (tmp_path / "tes.csv").write_text("NIP;Nilai\n", encoding="utf-8")
    path = tmp_path / "studi.yaml"
    path.write_text("study: {year: 2026}\ninputs:\n  tests: {file: tes.csv}\nreport:\n  follow_up: "
                    + follow_up + "\n", encoding="utf-8")
    return path


def test_follow_up_configuration_validated_at_load(tmp_path):
    from kemuning_eval.config import load_study

    cfg = load_study(_study(tmp_path, "{sarana: {owner: Subbagian Umum, deadline: 2027-03-31}}"))
    assert cfg.report["follow_up"]["sarana"] == {"owner": "Subbagian Umum", "deadline": "2027-03-31"}
    with pytest.raises(ConfigError, match="report.follow_up.saranaa"):
        load_study(_study(tmp_path, "{saranaa: {owner: x}}"))
    with pytest.raises(ConfigError, match="report.follow_up.sarana.deadline"):
        load_study(_study(tmp_path, "{sarana: {deadline: Maret 2027}}"))
    with pytest.raises(ConfigError, match="report.follow_up.sarana.when"):
        load_study(_study(tmp_path, "{sarana: {when: 2027-03-31}}"))
