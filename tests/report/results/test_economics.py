"""ROI per programme and the budget rule, decided once in the results layer (issue 12, items 1, 7 and 8).

The expected values are hand computations on crafted tables (Phillips ROI: adjusted
benefit = value x attribution x confidence, BCR = benefits / costs); the bundled 2026
study is checked end to end for the per-programme BCRs and for the budget challenge,
which must fire nowhere because every programme is below its quota.
"""

from __future__ import annotations

import pandas as pd
import pytest
from crafted_metrics import crafted

from kemuning_eval.report.results.common import Context
from kemuning_eval.report.results.economics import demand_results, roi_results
from kemuning_eval.report.results.rules import derive_challenges

ROSTER = pd.DataFrame({"participant_id": [f"P{k}" for k in range(40)]})


def _programs(participants: int = 20, applicants: int = 30, capacity: int = 20) -> pd.DataFrame:
    return pd.DataFrame({"program_id": ["A"], "name": ["Alpha"], "applicants": [applicants], "capacity": [capacity],
                         "participants": [participants], "cost": [40_000_000.0]})


def _interviews(n: int, naming: int) -> pd.DataFrame:
    themes = ["anggaran_terbatas"] * naming + ["materi_usang"] * (n - naming)
    return pd.DataFrame({"excerpt_id": [f"E{k}" for k in range(n)], "role": "Pengelola", "program_id": "A",
                         "text": "x", "themes": themes})


def _row(tables: dict, **rules) -> object:
    ctx = Context(programs={"A": "Alpha"}, rules=rules)
    return demand_results({"participants": ROSTER, **tables}, ctx).by_program[0]


def test_budget_rule_fires_when_demand_exceeds_seats_and_seats_are_full():
    row = _row({"programs": _programs(participants=20)})
    assert row.demand_exceeds_seats and row.seats_full and row.budget_limited
    assert row.not_admitted == 10 and row.unused_seats == 0
    assert row.cost_all_applicants == pytest.approx(30 * 2_000_000)
    # within the tolerance (2 %): 49 of 50 seats is full; 48 of 50 is not
    assert _row({"programs": _programs(participants=49, applicants=80, capacity=50)}).seats_full
    assert not _row({"programs": _programs(participants=48, applicants=80, capacity=50)}).seats_full


def test_budget_rule_fires_when_the_interviews_name_funding_though_seats_are_not_full():
    row = _row({"programs": _programs(participants=15), "interviews": _interviews(20, 5)})
    assert not row.seats_full and row.funding_named and row.budget_limited
    assert row.funding_theme_n == 5 and row.funding_theme_share == pytest.approx(0.25)


@pytest.mark.parametrize(("n", "naming"), [(20, 3), (40, 5)])  # share 15 % / count 5 but share 12.5 %
def test_budget_rule_needs_both_share_and_count_of_the_funding_theme(n, naming):
    row = _row({"programs": _programs(participants=15), "interviews": _interviews(n, naming)})
    assert row.funding_named is False and row.budget_limited is False
    few = _row({"programs": _programs(participants=15), "interviews": _interviews(8, 4)})  # 50 % but only 4
    assert few.funding_named is False and few.budget_limited is False


def test_budget_rule_does_not_fire_without_excess_demand_even_when_seats_are_full():
    row = _row({"programs": _programs(participants=20, applicants=22)})  # 1.10 applicants per seat < 1.20
    assert row.seats_full and row.demand_exceeds_seats is False and row.budget_limited is False
    assert _row({"programs": _programs(participants=20, applicants=22)}, demand_ratio=1.05).budget_limited


def test_budget_rule_does_not_fire_when_seats_are_left_empty_and_funding_is_not_named():
    row = _row({"programs": _programs(participants=15), "interviews": _interviews(20, 0)})
    assert row.demand_exceeds_seats and not row.seats_full and not row.funding_named
    assert row.budget_limited is False


def test_budget_challenge_names_each_programme_it_fires_for():
    fired = _row({"programs": _programs(participants=20)})
    quiet = fired.model_copy(update={"program_id": "B", "name": "Beta", "budget_limited": False})
    m = crafted({"study": {"demand": {"by_program": [fired.model_dump(), quiet.model_dump()], "total": None}}})
    (ch,) = [c for c in derive_challenges(m) if c.id == "unmet_demand"]
    assert ch.text["programs"] == "Alpha"
    assert {ev.program for ev in ch.evidence} == {"Alpha"}
    assert {ev.path for ev in ch.evidence} == {"study.demand.by_program.0.applicants_per_seat",
                                             "study.demand.by_program.0.seat_fill"}


def _roi_tables() -> dict:
    benefits = pd.DataFrame({"program_id": ["A", "B"], "benefit": ["x", "y"], "annual_value": [100e6, 100e6],
                             "attribution": [0.5, 0.5], "confidence": [0.8, 0.8]})
    programs = pd.DataFrame({"program_id": ["A", "B"], "cost": [50e6, 30e6]})
    return {"benefits": benefits, "programs": programs}


def test_a_programme_with_bcr_below_one_triggers_the_roi_rule_by_name():
    roi = roi_results(_roi_tables(), Context(programs={"A": "Alpha", "B": "Beta"}))
    a, b = roi.by_program  # A: 40e6 / 50e6 = 0.80; B: 40e6 / 30e6 = 1.33; pooled 80e6 / 80e6 = 1.00
    assert a.bcr == pytest.approx(0.8) and a.bcr_band == "below" and a.low_roi
    assert b.bcr == pytest.approx(4 / 3) and b.bcr_band == "above" and not b.low_roi
    assert roi.pooled.bcr == pytest.approx(1.0) and roi.pooled.bcr_band == "breakeven"
    assert a.payback_months is None and a.payback_reason == "benefits_not_above_costs"
    assert b.payback_months == pytest.approx(30e6 / (40e6 / 12))
    m = crafted({"cost": {"available": True, "roi_pct": roi.pooled.roi_pct, "roi": roi.model_dump()}})
    (ch,) = [c for c in derive_challenges(m) if c.id == "low_roi"]
    assert ch.text["programs"] == "Alpha"
    assert [(ev.program, ev.path) for ev in ch.evidence] == [("Alpha", "cost.roi.by_program.0.roi_pct")]


def test_roi_rule_names_the_pooled_roi_when_it_is_low_too():
    tables = _roi_tables()
    tables["programs"] = tables["programs"].assign(cost=[50e6, 60e6])
    roi = roi_results(tables, Context())
    assert roi.pooled.low_roi and all(r.low_roi for r in roi.by_program)
    m = crafted({"cost": {"available": True, "roi": roi.model_dump()}})
    (ch,) = [c for c in derive_challenges(m) if c.id == "low_roi"]
    assert [ev.program for ev in ch.evidence] == ["A", "B", None]


def test_sensitivity_share_and_breakeven_halfwidth_come_from_the_rules():
    roi = roi_results(_roi_tables(), Context(rules={"roi_sensitivity_share": 0.1, "breakeven_halfwidth": 0.0}))
    a = roi.by_program[0]
    assert roi.sensitivity_share == 0.1
    assert a.bcr_low == pytest.approx(0.8 * 0.9 * 0.9) and a.bcr_high == pytest.approx(0.8 * 1.1 * 1.1)


def test_missing_attribution_gives_no_roi_and_no_challenge_from_a_zero():
    tables = _roi_tables()
    tables["benefits"].loc[0, "attribution"] = float("nan")
    roi = roi_results(tables, Context())
    assert roi.by_program[0].bcr is None and roi.by_program[0].reason == "missing_share"
    assert roi.by_program[0].low_roi is None and roi.pooled.bcr is None


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    import subset_study

    from kemuning_eval.report.results.metrics import compute_metrics

    root = subset_study.make_project(tmp_path_factory.mktemp("econ"), "everything")
    subset_study.ingest(root)
    return compute_metrics(2026, root=root)


def test_bundled_2026_roi_per_programme_and_no_budget_challenge(bundled):
    roi = {r.program_id: r for r in bundled.cost.roi.by_program}
    assert bundled.cost.roi.pooled.bcr == pytest.approx(1.03, abs=0.005)
    assert bundled.cost.roi.pooled.bcr_band == "breakeven"
    for code, bcr in {"KP": 0.80, "LD": 0.60, "PKD": 0.86}.items():
        assert roi[code].bcr == pytest.approx(bcr, abs=0.005) and roi[code].low_roi
        assert roi[code].payback_months is None
    low = [c for c in bundled.findings.challenges if c.id == "low_roi"]
    assert len(low) == 1 and {ev.program for ev in low[0].evidence} == {roi[c].name for c in ("KP", "LD", "PKD")}
    demand = bundled.study.demand
    assert all(r.participants < r.capacity for r in demand.by_program)  # every programme below its quota
    assert not any(r.budget_limited for r in [*demand.by_program, demand.total])
    assert "unmet_demand" not in {c.id for c in bundled.findings.challenges}
    assert demand.total.not_admitted == demand.total.applicants - demand.total.participants
