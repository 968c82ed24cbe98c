"""Wild cluster bootstrap and the few-cluster rules of stats.did.

Reference implementation: the ``wildboottest`` package (py-econometrics,
Fischer & Roodman's Python port of the "fast and wild" algorithm of Stata's
``boottest``; Roodman, MacKinnon, Nielsen & Webb 2019), installed with the
test extras.  Both draw the weights from ``numpy.random.default_rng(seed)`` in
the same order, so the p-values agree exactly; with Rademacher weights and
2**G <= B both enumerate every sign pattern (no randomness at all).  The
interval is checked by test inversion against the same reference: just
inside a bound the reference p-value is above 1 - level, just outside it is not.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from kemuning_eval.errors import DataError, UsageError
from kemuning_eval.stats.did import TooFewClusters, did_effect
from kemuning_eval.stats.wildboot import wild_cluster_bootstrap

wildboottest = pytest.importorskip("wildboottest.wildboottest")


def _design(seed: int, clusters: int = 8, treated: int = 3, rows: int = 6):
    rng = np.random.default_rng(seed)
    g = np.repeat(np.arange(clusters), rows)
    tr = (g < treated).astype(float)
    po = np.tile(np.repeat([0.0, 1.0], rows // 2), clusters)
    x = np.column_stack([np.ones(len(g)), tr, po, tr * po])
    y = x @ [1.0, 0.2, 0.1, 0.3] + rng.normal(0, 0.3, clusters)[g] + rng.normal(0, 1, len(g))
    return y, x, g


def _reference_p(y, x, g, *, null: float, reps: int, weights: str, seed: int) -> float:
    import statsmodels.api as sm

    frame = pd.DataFrame(x, columns=["const", "treated", "post", "treated_post"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "2^G < the number of boot iterations, setting full_enumeration"
        res = wildboottest.wildboottest(sm.OLS(y - null * x[:, 3], frame), B=reps, cluster=g,
                                        param="treated_post", weights_type=weights, seed=seed, show=False)
    return float(res["p-value"].iloc[0])


@pytest.mark.parametrize(("weights", "reps", "seed", "null"), [
    ("rademacher", 999, 1, 0.0), ("webb", 999, 7, 0.5), ("rademacher", 99, 3, -0.4), ("webb", 499, 11, 0.0)])
def test_p_value_equals_wildboottest(weights, reps, seed, null):
    y, x, g = _design(seed)
    mine = wild_cluster_bootstrap(y, x, g, column=3, null=null, reps=reps, weights=weights, seed=seed,
                                  interval=False)
    assert mine.p_val == _reference_p(y, x, g, null=null, reps=reps, weights=weights, seed=seed)
    assert mine.enumerated == (weights == "rademacher" and 2**8 <= reps)


def test_interval_is_the_test_inversion_of_the_reference():
    y, x, g = _design(5, clusters=10, treated=4)
    res = wild_cluster_bootstrap(y, x, g, column=3, reps=999, weights="webb", seed=5)
    assert res.ci_low < res.estimate < res.ci_high
    step = 1e-3 * res.se
    for bound, inward in ((res.ci_low, 1.0), (res.ci_high, -1.0)):
        inside = _reference_p(y, x, g, null=bound + inward * step, reps=999, weights="webb", seed=5)
        outside = _reference_p(y, x, g, null=bound - inward * step, reps=999, weights="webb", seed=5)
        assert inside > 0.05 >= outside


def test_same_seed_same_result_and_seed_is_a_parameter():
    y, x, g = _design(2)
    a = wild_cluster_bootstrap(y, x, g, column=3, seed=4)
    b = wild_cluster_bootstrap(y, x, g, column=3, seed=4)
    c = wild_cluster_bootstrap(y, x, g, column=3, seed=5)
    assert a == b and a.p_val != c.p_val or a.ci_low != c.ci_low
    with pytest.raises(UsageError):
        wild_cluster_bootstrap(y, x, g, column=3, weights="mammen")


def _outcomes(units: int = 20, treated_units: int = 4, activities: int = 3, periods: int = 4, seed: int = 0):
    """The package's outcome layout: several activities per unit and period."""
    rng = np.random.default_rng(seed)
    rows = []
    for u in range(units):
        shock = rng.normal(0, 0.05, periods)
        for a in range(activities):
            for p in range(periods):
                treated, post = u < treated_units, p >= periods // 2
                rows.append({"unit": f"U{u:02d}", "activity_id": f"A{u}-{a}", "period_index": p, "post": post,
                             "treated": treated,
                             "budget_ratio": 0.9 + 0.05 * treated * post + shock[p] + rng.normal(0, 0.03)})
    return pd.DataFrame(rows)


def test_did_switches_to_the_bootstrap_with_few_treated_clusters_and_says_so():
    few = did_effect(_outcomes(treated_units=4), outcomes="budget_ratio").iloc[0]
    assert few["inference"] == "wild_bootstrap" and np.isnan(few["df"])
    assert (few["n_treated_clusters"], few["n_control_clusters"]) == (4, 16)
    assert "wild cluster bootstrap" in few["method"] and "4 treated" in few["method"]
    assert "rademacher weights" in few["method"]
    data = _outcomes(treated_units=4)
    tr, po = data["treated"].to_numpy(float), data["post"].to_numpy(float)
    x = np.column_stack([np.ones(len(data)), tr, po, tr * po])
    ref = _reference_p(data["budget_ratio"].to_numpy(), x, pd.factorize(data["unit"])[0], null=0.0, reps=9999,
                       weights="rademacher", seed=20261)  # "auto": Rademacher above 12 clusters
    assert few["p_val"] == ref
    many = did_effect(_outcomes(units=30, treated_units=15), outcomes="budget_ratio").iloc[0]
    assert many["inference"] == "cr1" and many["df"] == 29
    forced = did_effect(_outcomes(treated_units=4), outcomes="budget_ratio", inference="cr1").iloc[0]
    assert forced["inference"] == "cr1" and forced["se"] == pytest.approx(few["se"])


@pytest.mark.parametrize("treated_units", [1, 2])
def test_one_or_two_treated_clusters_are_refused(treated_units):
    with pytest.raises(TooFewClusters) as err:
        did_effect(_outcomes(treated_units=treated_units), outcomes="budget_ratio")
    assert err.value.n_treated_clusters == treated_units and err.value.n_control_clusters == 20 - treated_units
    grouped = did_effect(_outcomes(treated_units=treated_units).assign(region="a"), outcomes="budget_ratio",
                         by="region").iloc[0]
    assert np.isnan(grouped["estimate"]) and grouped["method"].startswith("not estimable")
    assert grouped["n_treated_clusters"] == treated_units


def test_no_identifying_variation_is_a_data_error_not_a_zero_division():
    one_row_per_cell = pd.DataFrame({"unit": ["A", "A", "B", "B"], "treated": [1, 1, 0, 0], "post": [0, 1, 0, 1],
                                     "budget_ratio": [0.8, 0.9, 0.85, 0.86]})
    with pytest.raises(DataError):
        did_effect(one_row_per_cell, outcomes="budget_ratio", inference="cr1")
    data = _outcomes(treated_units=5)
    only_post_treated = data[~(data["treated"] & ~data["post"])]  # treated x post collinear with treated
    with pytest.raises(DataError):
        did_effect(only_post_treated, outcomes="budget_ratio")


@pytest.mark.parametrize("treated_units", [4, 15])
def test_outcome_without_residual_variation_gives_nan_not_significance(treated_units):
    data = _outcomes(units=30, treated_units=treated_units).assign(budget_ratio=1.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        row = did_effect(data, outcomes="budget_ratio").iloc[0]
    assert row["estimate"] == pytest.approx(0.0, abs=1e-12)
    assert np.isnan([row["se"], row["p_val"], row["ci_low"], row["ci_high"]]).all()
    assert "no residual variation" in row["note"]
    y, x, g = _design(1)
    flat = wild_cluster_bootstrap(x @ [1.0, 0.2, 0.1, 0.3], x, g, column=3)
    assert np.isnan(flat.p_val) and flat.reps == 0


def test_pretrend_check_uses_the_same_bootstrap_as_the_effect():
    """Reference: wildboottest on the pre-period regression y ~ treated + C(period) + treated x period."""
    import statsmodels.api as sm

    data = _outcomes(treated_units=4, periods=5)  # pre periods 0 and 1, post 2-4
    row = did_effect(data, outcomes="budget_ratio").iloc[0]
    assert row["inference"] == "wild_bootstrap" and row["n_pre_periods"] == 2
    pre = data[~data["post"]]
    tr = pre["treated"].to_numpy(float)
    period = pre["period_index"].to_numpy(float)
    x = pd.DataFrame({"const": 1.0, "treated": tr, "p1": (period == 1).astype(float),
                      "trend": tr * (period - np.unique(period).mean())})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = wildboottest.wildboottest(sm.OLS(pre["budget_ratio"].to_numpy(), x), B=9999,
                                        cluster=pd.factorize(pre["unit"])[0], param="trend",
                                        weights_type="rademacher", seed=20261, show=False)
    assert row["pretrend_p_val"] == float(ref["p-value"].iloc[0])
    assert np.isnan(row["pretrend_df"])
