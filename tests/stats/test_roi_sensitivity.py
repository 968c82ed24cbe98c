"""ROI per programme with missing shares, the payback rule, the sensitivity band and the admission gap.

References: the Phillips ROI methodology (Phillips, J. J. & Phillips, P. P., *Return on
Investment in Training and Performance Improvement Programs*, 2nd ed., 2003: adjusted
benefit = value x attribution x confidence, BCR = benefits / costs, ROI % = (BCR - 1) x 100,
payback = costs / monthly benefits) and the worked example of the domain reference
(benefits 60,000, costs 20,000 -> BCR 3, ROI 200 %, payback 4 months); every other
expected value is computed by hand in the test.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from kemuning_eval.errors import UsageError
from kemuning_eval.stats._common import TOTAL
from kemuning_eval.stats.bands import bcr_band
from kemuning_eval.stats.cost import admission_gap
from kemuning_eval.stats.roi import roi_by_program, roi_sensitivity, vary_shares

PROGRAMS = pd.DataFrame({"program_id": ["A", "B"], "cost": [20_000.0, 100_000.0]})


def _benefits(attribution=(0.5, 0.5), confidence=(0.8, 0.8)):
    return pd.DataFrame({"program_id": ["A", "B"], "benefit": ["x", "y"],
                         "annual_value": [150_000.0, 100_000.0],
                         "attribution": list(attribution), "confidence": list(confidence)})


def test_worked_example_per_programme_with_payback_only_when_benefits_exceed_costs():
    res = roi_by_program(_benefits(), PROGRAMS).set_index("program_id")
    # A: 150,000 x 0.5 x 0.8 = 60,000 against 20,000 -> the Phillips worked example
    assert res.loc["A", "bcr"] == pytest.approx(3.0)
    assert res.loc["A", "roi_pct"] == pytest.approx(200.0)
    assert res.loc["A", "payback_months"] == pytest.approx(4.0)
    # B: 100,000 x 0.4 = 40,000 against 100,000 -> BCR 0.4, ROI -60 %, no payback
    assert res.loc["B", "bcr"] == pytest.approx(0.4)
    assert res.loc["B", "roi_pct"] == pytest.approx(-60.0)
    assert math.isnan(res.loc["B", "payback_months"]) and res.loc["B", "payback_reason"] == "benefits_not_above_costs"
    # pooled: 100,000 / 120,000
    assert res.loc[TOTAL, "bcr"] == pytest.approx(100_000 / 120_000)
    assert res.loc[TOTAL, "payback_reason"] == "benefits_not_above_costs"
    assert res["reason"].isna().all()


@pytest.mark.parametrize("column", ["attribution", "confidence"])
def test_a_missing_share_gives_no_roi_with_a_reason_never_zero(column):
    benefits = _benefits()
    benefits.loc[1, column] = float("nan")
    res = roi_by_program(benefits, PROGRAMS).set_index("program_id")
    assert res.loc["A", "bcr"] == pytest.approx(3.0)  # the other programme is unaffected
    for code in ("B", TOTAL):  # the programme and the pooled total are unknown, not a benefit of 0
        assert math.isnan(res.loc[code, "benefits"]) and math.isnan(res.loc[code, "bcr"])
        assert res.loc[code, "reason"] == "missing_share"
        assert res.loc[code, "payback_reason"] == "no_roi"
    # an explicit override fills the share for everyone: the ROI is computed again
    over = roi_by_program(benefits, PROGRAMS, attribution=0.5, confidence=0.8).set_index("program_id")
    assert over.loc["B", "bcr"] == pytest.approx(0.4)


def test_missing_value_and_missing_cost_are_named():
    benefits = _benefits()
    benefits.loc[0, "annual_value"] = float("nan")
    res = roi_by_program(benefits, PROGRAMS, total=False).set_index("program_id")
    assert res.loc["A", "reason"] == "missing_value" and math.isnan(res.loc["A", "bcr"])
    res = roi_by_program(_benefits(), PROGRAMS.iloc[:1], total=False).set_index("program_id")
    assert res.loc["B", "reason"] == "missing_cost" and math.isnan(res.loc["B", "bcr"])


def test_vary_shares_moves_both_shares_and_caps_them_at_one():
    b = _benefits(attribution=(0.5, 0.9), confidence=(0.8, 0.9))
    low, high = vary_shares(b, share=0.2, side="low"), vary_shares(b, share=0.2, side="high")
    assert low["attribution"].tolist() == pytest.approx([0.4, 0.72])
    assert low["confidence"].tolist() == pytest.approx([0.64, 0.72])
    assert high["attribution"].tolist() == pytest.approx([0.6, 1.0])  # 0.9 x 1.2 = 1.08 -> 1
    assert high["confidence"].tolist() == pytest.approx([0.96, 1.0])
    assert b["attribution"].tolist() == [0.5, 0.9]  # the input is left alone
    with pytest.raises(UsageError):
        vary_shares(b, share=1.5)
    with pytest.raises(UsageError):
        vary_shares(b, side="middle")


def test_sensitivity_band_against_a_hand_computation():
    res = roi_sensitivity(_benefits(), PROGRAMS, share=0.2).set_index("program_id")
    # A low: 150,000 x 0.4 x 0.64 = 38,400 -> BCR 1.92; high: 150,000 x 0.6 x 0.96 = 86,400 -> 4.32
    assert res.loc["A", "bcr_low"] == pytest.approx(1.92)
    assert res.loc["A", "bcr_high"] == pytest.approx(4.32)
    assert res.loc["A", "roi_pct_low"] == pytest.approx(92.0)
    # B low: 100,000 x 0.4 x 0.64 / 100,000 = 0.256; high: 0.6 x 0.96 = 0.576
    assert res.loc["B", "bcr_low"] == pytest.approx(0.256)
    assert res.loc["B", "bcr_high"] == pytest.approx(0.576)
    # pooled low: (38,400 + 25,600) / 120,000
    assert res.loc[TOTAL, "bcr_low"] == pytest.approx(64_000 / 120_000)
    assert (res["bcr_low"] <= res["bcr"]).all() and (res["bcr"] <= res["bcr_high"]).all()
    flat = roi_sensitivity(_benefits(), PROGRAMS, share=0.0)
    assert flat["bcr_low"].tolist() == pytest.approx(flat["bcr"].tolist())


def test_bcr_band_breakeven_on_the_unrounded_ratio():
    assert bcr_band(1.03) == "breakeven"
    assert bcr_band(0.80) == "below" and bcr_band(1.57) == "above"
    assert bcr_band(1.0499) == "breakeven" and bcr_band(1.0501) == "above"
    assert bcr_band(0.95) == "breakeven" and bcr_band(0.9499) == "below"
    assert bcr_band(1.03, halfwidth=0.02) == "above"
    assert bcr_band(float("nan")) is None


def test_admission_gap_counts_applicants_not_admitted_and_unused_seats():
    programs = pd.DataFrame({"program_id": ["A", "B"], "applicants": [180, 90], "capacity": [120, 100],
                             "participants": [105, 90], "cost": [210_000_000.0, 90_000_000.0]})
    res = admission_gap(programs).set_index("program_id")
    assert res.loc["A", "not_admitted"] == 75 and res.loc["A", "unused_seats"] == 15
    assert res.loc["A", "cost_per_participant"] == pytest.approx(2_000_000)
    assert res.loc["A", "cost_all_applicants"] == pytest.approx(360_000_000)  # 180 x 2,000,000
    assert res.loc["A", "extra_cost"] == pytest.approx(150_000_000)         # 75 x 2,000,000
    assert res.loc["B", "not_admitted"] == 0 and res.loc["B", "unused_seats"] == 10
    # the total sums each programme at its own unit cost (not the average unit cost)
    assert res.loc[TOTAL, "cost_all_applicants"] == pytest.approx(360_000_000 + 90_000_000)
    assert res.loc[TOTAL, "seat_fill"] == pytest.approx(195 / 220)
    without_roster = admission_gap(programs.assign(participants=float("nan"))).set_index("program_id")
    assert without_roster[["not_admitted", "unused_seats", "cost_all_applicants"]].isna().all().all()
