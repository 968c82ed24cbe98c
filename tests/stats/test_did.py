"""Difference-in-differences against independent references.

References: a hand-built CR1 cluster-robust sandwich in numpy (Cameron & Miller
2015, eq. 11 with the G/(G-1)(N-1)/(N-K) correction, as Stata's vce(cluster));
statsmodels OLS through the formula interface; scipy.stats.t with G-1 df; a
simulated data set with a known effect; hypothesis property tests.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from kemuning_eval.errors import DataError, UsageError
from kemuning_eval.i18n import t
from kemuning_eval.stats.did import did_effect


def simulate(effect: float = 0.1, units: int = 12, periods: int = 4, seed: int = 0,
             pre_trend: float = 0.0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for u in range(units):
        unit_effect = rng.normal(0, 0.05)
        for a in range(3):
            treated = (u + a) % 2 == 0
            for p in range(periods):
                post = p == periods - 1
                y = (0.8 + unit_effect + 0.03 * treated + 0.01 * p + effect * treated * post
                     + pre_trend * treated * p + rng.normal(0, 0.05))
                rows.append({"unit": f"U{u:02d}", "activity_id": f"A{u}-{a}", "period_index": p,
                             "post": post, "treated": treated, "program_id": "PM" if treated else None,
                             "budget_ratio": y, "on_time": bool(rng.random() < 0.5 + 0.2 * treated * post),
                             "service_satisfaction": 75 + rng.normal(0, 2)})
    return pd.DataFrame(rows)


def cr1_sandwich(y, x, groups):
    """Numpy CR1: (X'X)^-1 [sum_g X_g' u_g u_g' X_g] (X'X)^-1 * G/(G-1) * (N-1)/(N-K)."""
    beta = np.linalg.solve(x.T @ x, x.T @ y)
    resid = y - x @ beta
    bread = np.linalg.inv(x.T @ x)
    meat = np.zeros((x.shape[1], x.shape[1]))
    labels = np.unique(groups)
    for g in labels:
        score = x[groups == g].T @ resid[groups == g]
        meat += np.outer(score, score)
    n, k, g = len(y), x.shape[1], len(labels)
    cov = bread @ meat @ bread * g / (g - 1) * (n - 1) / (n - k)
    return beta, np.sqrt(np.diag(cov)), g


def test_matches_hand_built_cr1_sandwich_with_t_on_clusters_minus_one():
    data = simulate()
    res = did_effect(data, outcomes="budget_ratio").iloc[0]
    tr, po = data["treated"].to_numpy(float), data["post"].to_numpy(float)
    x = np.column_stack([np.ones(len(data)), tr, po, tr * po])
    beta, se, g = cr1_sandwich(data["budget_ratio"].to_numpy(), x, data["unit"].to_numpy())
    assert res["estimate"] == pytest.approx(beta[3])
    assert res["se"] == pytest.approx(se[3])
    assert res["df"] == g - 1 == res["n_clusters"] - 1
    tval = beta[3] / se[3]
    assert res["statistic"] == pytest.approx(tval)
    assert res["p_val"] == pytest.approx(2 * stats.t.sf(abs(tval), g - 1))
    half = stats.t.ppf(0.975, g - 1) * se[3]
    assert (res["ci_low"], res["ci_high"]) == pytest.approx((beta[3] - half, beta[3] + half))
    assert "clusters - 1" in res["method"]
    # cell means: b3 is the difference of the two before/after differences
    assert res["estimate"] == pytest.approx((res["mean_treated_post"] - res["mean_treated_pre"])
                                            - (res["mean_control_post"] - res["mean_control_pre"]))


def test_normal_reference_matches_statsmodels_formula():
    import statsmodels.formula.api as smf

    data = simulate(seed=1)
    res = did_effect(data, outcomes=["on_time"], use_t=False).iloc[0]
    frame = data.assign(treated=data["treated"].astype(int), post=data["post"].astype(int),
                        on_time=data["on_time"].astype(float))
    ref = smf.ols("on_time ~ treated * post", frame).fit(
        cov_type="cluster", cov_kwds={"groups": pd.factorize(frame["unit"])[0]})
    assert res["estimate"] == pytest.approx(ref.params["treated:post"])
    assert res["se"] == pytest.approx(ref.bse["treated:post"])
    assert res["p_val"] == pytest.approx(ref.pvalues["treated:post"])
    assert res["df"] == np.inf and "normal" in res["method"]


def test_recovers_known_effect_and_states_assumption():
    data = simulate(effect=-0.05, units=30, seed=2)
    res = did_effect(data)
    row = res.set_index("outcome").loc["budget_ratio"]
    assert row["ci_low"] < -0.05 < row["ci_high"]
    assert row["p_val"] < 0.01
    # the statistics return catalogue keys, the report words them in its language
    assert "Parallel-trends" in t(res.attrs["assumption"], "en")
    assert t(res.attrs["pretrend_note"], "id")
    assert set(res["outcome"]) == {"budget_ratio", "on_time", "service_satisfaction"}
    assert row["n"] == 30 * 3 * 4 and row["n_units"] == 30


def test_pretrend_check_matches_explicit_regression_and_flags_trends():
    import statsmodels.formula.api as smf

    data = simulate(pre_trend=0.04, seed=3, periods=5)
    row = did_effect(data, outcomes="budget_ratio").iloc[0]
    pre = data[~data["post"]].assign(treated=lambda d: d["treated"].astype(int))
    pre = pre.assign(trend=pre["treated"] * (pre["period_index"] - pre["period_index"].unique().mean()))
    ref = smf.ols("budget_ratio ~ treated + C(period_index) + trend", pre).fit(
        cov_type="cluster", cov_kwds={"groups": pd.factorize(pre["unit"])[0]}, use_t=True)
    assert row["pretrend_estimate"] == pytest.approx(ref.params["trend"])
    assert row["pretrend_p_val"] == pytest.approx(ref.pvalues["trend"])
    assert row["pretrend_p_val"] < 0.01 and row["n_pre_periods"] == 4
    flat = did_effect(simulate(seed=3, periods=5), outcomes="budget_ratio").iloc[0]
    assert flat["pretrend_p_val"] > 0.01
    two = did_effect(simulate(periods=2), outcomes="budget_ratio").iloc[0]
    assert np.isnan(two["pretrend_p_val"]) and two["n_pre_periods"] == 1


def test_per_program_uses_all_untreated_rows_as_comparison():
    data = simulate(seed=4)
    data.loc[data["treated"] & (data["unit"] < "U06"), "program_id"] = "PKD"
    res = did_effect(data, outcomes="budget_ratio", program="program_id").set_index("program_id")
    controls = int((~data["treated"]).sum())
    for prog in ("PKD", "PM"):
        assert res.loc[prog, "n"] == controls + int((data["program_id"] == prog).sum())


def test_incomplete_design_raises_or_keeps_an_empty_row():
    data = simulate()
    with pytest.raises(DataError, match="selisih"):
        did_effect(data[data["treated"]], outcomes="budget_ratio")
    with pytest.raises(DataError):
        did_effect(data.assign(unit="U"), outcomes="budget_ratio")
    grouped = did_effect(data.assign(region=np.where(data["treated"], "a", "b")), outcomes="budget_ratio",
                         by="region")
    assert grouped["estimate"].isna().all() and grouped["method"].str.startswith("not estimable").all()
    with pytest.raises(DataError):
        did_effect(data.assign(treated=2), outcomes="budget_ratio")
    with pytest.raises(UsageError):
        did_effect(data, use_t="yes")


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), effect=st.floats(-0.2, 0.2))
def test_flipping_treated_labels_flips_the_sign(seed, effect):
    data = simulate(effect=effect, units=6, periods=2, seed=seed)
    a = did_effect(data, outcomes="budget_ratio").iloc[0]
    b = did_effect(data.assign(treated=~data["treated"]), outcomes="budget_ratio").iloc[0]
    assert b["estimate"] == pytest.approx(-a["estimate"], abs=1e-10)
    assert b["se"] == pytest.approx(a["se"], rel=1e-8)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), shift=st.floats(-1, 1))
def test_adding_a_constant_to_treated_post_cells_moves_the_effect_by_it(seed, shift):
    data = simulate(units=6, periods=2, seed=seed)
    moved = data.assign(budget_ratio=data["budget_ratio"] + shift * (data["treated"] & data["post"]))
    a = did_effect(data, outcomes="budget_ratio").iloc[0]["estimate"]
    b = did_effect(moved, outcomes="budget_ratio").iloc[0]["estimate"]
    assert b - a == pytest.approx(shift, abs=1e-9)
