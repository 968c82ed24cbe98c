"""Cost, coverage and Phillips ROI against worked examples and references.

References: the Phillips worked example in the domain reference (benefits
60,000 and costs 20,000 -> BCR 3, ROI 200 %); hand-computed unit costs;
statsmodels.stats.proportion.proportion_confint(method="wilson") for a sampled
20-JP share; hypothesis property tests (ROI monotone in benefits, seats
monotone in budget).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kemuning_eval.errors import DataError, UsageError
from kemuning_eval.stats._common import TOTAL
from kemuning_eval.stats.cost import budget_scenario, cost_summary, demand_coverage, jp_coverage
from kemuning_eval.stats.roi import phillips_roi, roi_by_program

PROGRAMS = pd.DataFrame({
    "program_id": ["PM", "LD"], "cost": [130_000_000.0, 60_000_000.0], "participants": [20, 20],
    "jp": [40, 24], "capacity": [20, 25], "applicants": [42, 18]})


def test_phillips_worked_example():
    res = phillips_roi(60_000, 20_000)  # domain reference section 3 / 6
    assert res["bcr"] == pytest.approx(3.0)
    assert res["roi_pct"] == pytest.approx(200.0)
    assert res["payback_months"] == pytest.approx(4.0)  # 20,000 / (60,000 / 12)
    assert phillips_roi(0, 20_000)["payback_months"] == math.inf
    with pytest.raises(UsageError):
        phillips_roi(60_000, 0)
    with pytest.raises(UsageError):
        phillips_roi(-1, 10)


def test_roi_by_program_adjusts_and_overrides():
    benefits = pd.DataFrame({"program_id": ["PM", "PM", "LD"], "benefit": ["a", "b", "c"],
                             "annual_value": [100_000_000.0, 50_000_000.0, 20_000_000.0],
                             "attribution": [0.5, 0.4, 0.3], "confidence": [0.7, 0.6, 0.5]})
    res = roi_by_program(benefits, PROGRAMS).set_index("program_id")
    pm = 100e6 * 0.5 * 0.7 + 50e6 * 0.4 * 0.6
    assert res.loc["PM", "benefits"] == pytest.approx(pm)
    assert res.loc["PM", "benefits_gross"] == pytest.approx(150e6)
    ref = phillips_roi(pm, 130e6)
    assert res.loc["PM", "bcr"] == pytest.approx(ref["bcr"])
    assert res.loc["PM", "roi_pct"] == pytest.approx(ref["roi_pct"])
    # PM returns less than it costs (BCR 0.47): no payback within the benefit year, with the reason
    assert ref["bcr"] < 1 and math.isnan(res.loc["PM", "payback_months"])
    assert res.loc["PM", "payback_reason"] == "benefits_not_above_costs"
    total = pm + 20e6 * 0.3 * 0.5
    assert res.loc[TOTAL, "bcr"] == pytest.approx(total / 190e6)
    over = roi_by_program(benefits, PROGRAMS, attribution=1.0, confidence=1.0, total=False)
    assert over.set_index("program_id").loc["PM", "benefits"] == pytest.approx(150e6)
    assert "overridden" in over["method"].iloc[0]
    with pytest.raises(DataError, match="antara 0 dan 1"):
        roi_by_program(benefits.assign(attribution=[50.0, 0.4, 0.3]), PROGRAMS)
    with pytest.raises(UsageError):
        roi_by_program(benefits, PROGRAMS, confidence=1.5)


@settings(max_examples=40, deadline=None)
@given(b1=st.floats(0, 1e10), extra=st.floats(0, 1e10), cost=st.floats(1, 1e10))
def test_roi_monotone_in_benefits(b1, extra, cost):
    low, high = phillips_roi(b1, cost), phillips_roi(b1 + extra, cost)
    assert high["roi_pct"] >= low["roi_pct"]
    assert high["bcr"] == pytest.approx(high["roi_pct"] / 100 + 1)


def test_cost_summary_unit_costs():
    tests = pd.DataFrame({"program_id": ["PM"] * 3 + ["LD"] * 2, "pre": [40, 50, np.nan, 70, 60],
                          "post": [70, 70, 90, 68, 60]})
    res = cost_summary(PROGRAMS, tests=tests).set_index("program_id")
    assert res.loc["PM", "cost_per_participant"] == 6_500_000
    assert res.loc["PM", "cost_per_jp"] == pytest.approx(130e6 / (20 * 40))
    assert res.loc["PM", "n_tested"] == 2 and res.loc["PM", "mean_gain"] == 25
    assert res.loc["PM", "cost_per_gain_point"] == pytest.approx(6_500_000 / 25)
    assert np.isnan(res.loc["LD", "cost_per_gain_point"])  # mean gain -1: no price per point
    assert res.loc[TOTAL, "cost_per_participant"] == pytest.approx(190e6 / 40)
    assert res.loc[TOTAL, "cost_per_jp"] == pytest.approx(190e6 / (800 + 480))


def test_demand_and_budget_scenario():
    dem = demand_coverage(PROGRAMS).set_index("program_id")
    assert dem.loc["PM", "unmet_demand"] == 22 and dem.loc["LD", "unmet_demand"] == 0
    assert dem.loc["PM", "share_not_admitted"] == pytest.approx(22 / 42)
    assert dem.loc[TOTAL, "share_not_admitted"] == pytest.approx(22 / 60)
    res = budget_scenario(PROGRAMS, budget_change=50_000_000).set_index("program_id")
    assert res.loc["PM", "extra_seats"] == 7  # floor(50e6 / 6.5e6) = floor(7.69)
    assert res.loc["PM", "unmet_covered"] == 7
    assert res.loc["PM", "share_unmet_covered"] == pytest.approx(7 / 22)
    assert res.loc["LD", "extra_seats"] == 16 and res.loc["LD", "unmet_covered"] == 0
    assert res.loc[TOTAL, "extra_seats"] == math.floor(50e6 / (190e6 / 40))
    cut = budget_scenario(PROGRAMS, budget_change=-10_000_000, program_id="PM")
    assert cut["extra_seats"].iloc[0] == -2 and cut["unmet_covered"].iloc[0] == 0
    with pytest.raises(DataError, match="PX"):
        budget_scenario(PROGRAMS, budget_change=1.0, program_id="PX")
    with pytest.raises(UsageError):
        budget_scenario(PROGRAMS, budget_change=float("nan"))


@settings(max_examples=15, deadline=None)
@given(a=st.floats(-1e9, 1e9), extra=st.floats(0, 1e9))
def test_seats_monotone_in_budget(a, extra):
    low = budget_scenario(PROGRAMS, budget_change=a, program_id="PM")["extra_seats"].iloc[0]
    high = budget_scenario(PROGRAMS, budget_change=a + extra, program_id="PM")["extra_seats"].iloc[0]
    assert high >= low
    assert low * 6_500_000 <= a + 1e-6  # never more seats than the money buys


def test_jp_coverage_census_and_sample():
    from statsmodels.stats.proportion import proportion_confint

    rng = np.random.default_rng(0)
    jp = pd.DataFrame({"person_id": [f"R{i}" for i in range(300)], "unit": np.repeat(["A", "B", "C"], 100),
                       "jp_total": rng.gamma(3, 8, 300)})
    census = jp_coverage(jp).iloc[0]
    share = float((jp["jp_total"] >= 20).mean())
    assert census["estimate"] == pytest.approx(share) and census["ci_low"] == census["ci_high"] == census["estimate"]
    assert "census" in census["method"]
    sample = jp_coverage(jp, population=4200, target=24).iloc[0]
    k = int((jp["jp_total"] >= 24).sum())
    low, high = proportion_confint(k, 300, method="wilson")
    assert (sample["ci_low"], sample["ci_high"]) == pytest.approx((low, high))
    by_unit = jp_coverage(jp.iloc[:203], by="unit")
    assert by_unit.set_index("unit").loc["C", "suppressed"]  # 3 records: hidden
    with pytest.raises(UsageError):
        jp_coverage(jp, population=10)
    with pytest.raises(UsageError):
        jp_coverage(jp, target=0)
