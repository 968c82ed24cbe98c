"""Event study and its pre-trend test against independent references.

References: statsmodels OLS with explicit activity and period dummies and
``cov_type="cluster"`` (coefficients and the CR1 sandwich; its small-sample
factor counts every dummy, so its covariance is rescaled by (N - K_full) /
(N - K_nested), fixest's documented ``ssc(fixef.K = "nested")``), statsmodels'
``wald_test`` for the joint F(q, G - 1) test, the ``wildboottest`` package
(py-econometrics port of Stata's ``boottest``) for a single pre-period
coefficient under the bootstrap, and a brute-force bootstrap loop refitting
statsmodels on every replication for the joint bootstrap test.  pyfixest is
not in the lock and is not added for a test.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from kemuning_eval.errors import DataError
from kemuning_eval.stats.event_study import event_study
from kemuning_eval.stats.wildboot import draw_weights, wild_cluster_wald


def panel(units: int = 24, treated_units: int = 12, activities: int = 3, periods: int = 5, first_post: int = 3,
          trend: float = 0.0, seed: int = 0) -> pd.DataFrame:
    """The package's outcome layout: activities nested in units, unit x period shocks."""
    rng = np.random.default_rng(seed)
    rows = []
    shocks = rng.normal(0, 0.03, (units, periods))
    for u in range(units):
        for a in range(activities):
            level = rng.normal(0, 0.05)
            for p in range(periods):
                tr, po = u < treated_units, p >= first_post
                rows.append({"unit": f"U{u:02d}", "activity_id": f"A{u:02d}-{a}", "period_index": p, "post": po,
                             "treated": tr, "budget_ratio": 0.9 + level + 0.01 * p + shocks[u, p]
                             + 0.05 * tr * po + trend * tr * p + rng.normal(0, 0.04)})
    return pd.DataFrame(rows)


def _statsmodels(data: pd.DataFrame):
    """Explicit dummies: activity FE, period FE, treated x period (reference = last pre period)."""
    import statsmodels.formula.api as smf

    ref = int(data.loc[~data["post"], "period_index"].max())
    frame = data.assign(tr=data["treated"].astype(float))
    terms = [f"I(tr * (period_index == {p}))" for p in sorted(data["period_index"].unique()) if p != ref]
    fit = smf.ols("budget_ratio ~ C(activity_id) + C(period_index) + " + " + ".join(terms), frame).fit(
        cov_type="cluster", cov_kwds={"groups": pd.factorize(frame["unit"])[0]}, use_t=True)
    return fit, terms


def test_coefficients_and_cr1_match_statsmodels_with_explicit_dummies():
    data = panel()
    res = event_study(data, outcomes="budget_ratio", inference="cr1")
    coef = res.coefficients.set_index("period")
    fit, terms = _statsmodels(data)
    n, k_full = len(data), len(fit.params)
    k_nested = k_full - data["activity_id"].nunique()  # the intercept stands for one activity's effect
    rescale = np.sqrt((n - k_full) / (n - k_nested))
    periods = [p for p in range(5) if p != 2]
    for p, term in zip(periods, terms, strict=True):
        assert coef.loc[p, "estimate"] == pytest.approx(fit.params[term], abs=1e-10)
        assert coef.loc[p, "se"] == pytest.approx(fit.bse[term] * rescale, rel=1e-8)
        assert coef.loc[p, "df"] == 23
    assert coef.loc[2, "reference"] and coef.loc[2, "estimate"] == 0.0
    assert coef["relative"].tolist() == [-3, -2, -1, 0, 1]
    # joint test of the two pre-period coefficients: statsmodels' F(2, G - 1) on the same covariance
    r = np.zeros((2, k_full))
    for i, term in enumerate(terms[:2]):
        r[i, list(fit.params.index).index(term)] = 1.0
    wald = fit.wald_test(r, use_f=True, scalar=True)
    row = res.pretrend.iloc[0]
    assert row["statistic"] == pytest.approx(float(wald.statistic) / rescale**2, rel=1e-8)
    assert (row["df"], row["df2"], row["n_tested"]) == (2, 23, 2)
    from scipy import stats

    assert row["p_val"] == pytest.approx(stats.f.sf(row["statistic"], 2, 23))
    assert "joint Wald test" in row["method"] and row["inference"] == "cr1"


def test_pretrend_decision_flags_a_differential_trend_and_not_parallel_trends():
    flagged = event_study(panel(trend=0.03, seed=1), outcomes="budget_ratio").pretrend.iloc[0]
    assert flagged["p_val"] < 0.01 and bool(flagged["parallel_trends_rejected"])
    flat = event_study(panel(seed=1), outcomes="budget_ratio").pretrend.iloc[0]
    assert flat["p_val"] > 0.05 and not bool(flat["parallel_trends_rejected"])


def test_few_treated_clusters_use_the_bootstrap_and_one_pre_coefficient_equals_wildboottest():
    import statsmodels.api as sm

    wildboottest = pytest.importorskip("wildboottest.wildboottest")
    data = panel(units=20, treated_units=4, periods=4, first_post=2, seed=3)
    res = event_study(data, outcomes="budget_ratio")
    assert (res.coefficients["inference"] == "wild_bootstrap").all()
    assert "wild cluster bootstrap" in res.coefficients["method"].iloc[0]
    row = res.pretrend.iloc[0]
    assert row["n_tested"] == 1 and row["inference"] == "wild_bootstrap" and np.isnan(row["df2"])
    # reference: wildboottest on the within-activity regression (the activity effects are nested in units)
    frame = data.assign(tr=data["treated"].astype(float))
    cols = {f"d{p}": (frame["period_index"] == p).astype(float) for p in (0, 2, 3)}
    x = pd.DataFrame({**cols, **{f"t{p}": frame["tr"] * cols[f"d{p}"] for p in (0, 2, 3)}})
    codes = pd.factorize(frame["activity_id"])[0]
    within = pd.concat([x, frame["budget_ratio"]], axis=1)
    within = within - within.groupby(codes).transform("mean")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = wildboottest.wildboottest(sm.OLS(within["budget_ratio"].to_numpy(), within[list(x)]), B=9999,
                                        cluster=pd.factorize(frame["unit"], sort=True)[0], param="t0",
                                        weights_type="rademacher", seed=20261, show=False)
    assert row["p_val"] == float(ref["p-value"].iloc[0])
    assert row["statistic"] == pytest.approx(float(ref["statistic"].iloc[0]) ** 2, rel=1e-8)


def test_joint_bootstrap_equals_a_brute_force_statsmodels_loop():
    import statsmodels.api as sm

    rng = np.random.default_rng(4)
    g = np.repeat(np.arange(9), 6)
    x = np.column_stack([np.ones(len(g)), rng.normal(size=(len(g), 3))])
    y = x @ [1.0, 0.3, 0.0, 0.0] + rng.normal(0, 0.5, 9)[g] + rng.normal(size=len(g))
    mine = wild_cluster_wald(y, x, g, columns=[2, 3], reps=199, weights="webb", seed=8)
    r = np.zeros((2, 4))
    r[0, 2] = r[1, 3] = 1.0

    def f_stat(outcome):
        fit = sm.OLS(outcome, x).fit(cov_type="cluster", cov_kwds={"groups": g})
        return float(fit.wald_test(r, use_f=True, scalar=True).statistic)

    observed = f_stat(y)
    restricted = sm.OLS(y, x[:, :2]).fit()
    v, _ = draw_weights(9, reps=199, weights="webb", seed=8)
    boot = [f_stat(restricted.fittedvalues + restricted.resid * v[g, b]) for b in range(v.shape[1])]
    assert mine.statistic == pytest.approx(observed, rel=1e-8)
    assert mine.p_val == pytest.approx(np.mean(np.array(boot) > observed * (1 + 1e-9)))


@pytest.mark.parametrize(("change", "reason"), [
    (lambda d: d[d["period_index"] == 0], "one period only"),
    (lambda d: d[d["post"]], "no pre period"),
    (lambda d: d.assign(treated=True), "one arm only"),
    (lambda d: d.assign(post=d["period_index"] >= 3 - d["treated"].astype(int)), "staggered timing"),
    (lambda d: d[~d["unit"].isin([f"U{u:02d}" for u in range(2, 12)])], "too few clusters in an arm"),
    (lambda d: d[~(d["treated"] & (d["period_index"] == 4))], "no variation"),
])
def test_degenerate_designs_give_nan_with_a_reason(change, reason):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = event_study(change(panel()), outcomes="budget_ratio")
    assert res.coefficients["estimate"].isna().all() and res.coefficients["note"].str.contains(reason).all()
    row = res.pretrend.iloc[0]
    assert np.isnan(row["p_val"]) and pd.isna(row["parallel_trends_rejected"]) and reason in row["note"]


def test_one_pre_period_has_nothing_to_test_and_a_constant_outcome_no_inference():
    res = event_study(panel(periods=4, first_post=1), outcomes="budget_ratio")
    row = res.pretrend.iloc[0]
    assert row["n_tested"] == 0 and "no pre-period coefficient" in row["note"]
    assert pd.isna(row["parallel_trends_rejected"])
    assert res.coefficients["relative"].tolist() == [-1, 0, 1, 2]
    flat = event_study(panel().assign(budget_ratio=1.0), outcomes="budget_ratio")
    assert flat.coefficients["se"].isna().all() and np.isnan(flat.pretrend.iloc[0]["p_val"])
    assert "no residual variation" in flat.pretrend.iloc[0]["note"]


def test_bad_input_is_a_data_error_naming_the_column():
    with pytest.raises(DataError) as err:
        event_study(panel().assign(post=2), outcomes="budget_ratio")
    assert err.value.column == "post"
    with pytest.raises(DataError):
        event_study(panel().drop(columns="activity_id"), outcomes="budget_ratio")
