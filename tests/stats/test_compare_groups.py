"""compare_groups against published and independent references.

- Published benchmark: the NSW experimental sample of Dehejia & Wahba (1999),
  shipped in tests/fixtures/nsw (source and licence in its README): difference
  in 1978 earnings 1,794.34, pooled SE 632.85, HC1 SE 670.82 (as printed in
  Imbens & Wooldridge 2009 and Cunningham's Mixtape).
- scipy.stats.ttest_ind(equal_var=False) for Welch's t, df and p;
  statsmodels CompareMeans.tconfint_diff(usevar="unequal") for the interval;
  statsmodels OLS (nonrobust, HC1) for the two regression SEs;
  pingouin.compute_effsize(eftype="hedges") for g; scipy.stats.mannwhitneyu;
  scipy.stats.nct for the defining property of the noncentral-t interval.
"""

from __future__ import annotations

import math
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from kemuning_eval.errors import DataError
from kemuning_eval.stats.groups import compare_groups

NSW = Path(__file__).resolve().parents[1] / "fixtures" / "nsw" / "nsw_dw_experimental.csv"


@pytest.fixture(scope="module")
def nsw() -> pd.DataFrame:
    return pd.read_csv(NSW)


def test_reproduces_the_dehejia_wahba_nsw_benchmark(nsw):
    row = compare_groups(nsw, outcome="re78", group="treat", treated=1).iloc[0]
    assert (row["n_treated"], row["n_control"]) == (185, 260)
    assert round(row["estimate"], 2) == 1794.34
    assert round(row["se_pooled"], 2) == 632.85
    assert round(row["se_hc1"], 2) == 670.82
    assert not row["suppressed"]


def test_matches_scipy_statsmodels_and_pingouin(nsw):
    import pingouin as pg
    import statsmodels.api as sm
    from statsmodels.stats.weightstats import CompareMeans, DescrStatsW

    row = compare_groups(nsw, outcome="re78", group="treat", treated=1, level=0.9).iloc[0]
    x1 = nsw.loc[nsw["treat"] == 1, "re78"].to_numpy(float)
    x0 = nsw.loc[nsw["treat"] == 0, "re78"].to_numpy(float)
    welch = stats.ttest_ind(x1, x0, equal_var=False)
    assert row["statistic"] == pytest.approx(welch.statistic, rel=1e-12)
    assert row["p_val"] == pytest.approx(welch.pvalue, rel=1e-10)
    assert row["df"] == pytest.approx(welch.df, rel=1e-12)
    low, high = CompareMeans(DescrStatsW(x1), DescrStatsW(x0)).tconfint_diff(alpha=0.1, usevar="unequal")
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((low, high), rel=1e-10)
    x = sm.add_constant(nsw["treat"].to_numpy(float))
    assert row["se_pooled"] == pytest.approx(sm.OLS(nsw["re78"].to_numpy(float), x).fit().bse[1], rel=1e-10)
    assert row["se_hc1"] == pytest.approx(
        sm.OLS(nsw["re78"].to_numpy(float), x).fit(cov_type="HC1").bse[1], rel=1e-10)
    assert row["hedges_g"] == pytest.approx(pg.compute_effsize(x1, x0, eftype="hedges"), rel=1e-10)
    mw = stats.mannwhitneyu(x1, x0, alternative="two-sided", method="asymptotic")  # ties (zeros): normal
    assert row["mw_u"] == mw.statistic and row["mw_p_val"] == pytest.approx(mw.pvalue)
    assert row["rank_biserial"] == pytest.approx(2 * mw.statistic / (185 * 260) - 1)


def test_hedges_interval_inverts_the_noncentral_t(nsw):
    row = compare_groups(nsw, outcome="re78", group="treat", treated=1).iloc[0]
    n1, n0 = 185, 260
    n = n1 + n0
    j = 1 - 3 / (4 * n - 9)
    scale = math.sqrt(n1 * n0 / n)
    t_obs = row["hedges_g"] / j * scale
    assert stats.nct.sf(t_obs, n - 2, row["g_ci_low"] / j * scale) == pytest.approx(0.025, abs=1e-9)
    assert stats.nct.cdf(t_obs, n - 2, row["g_ci_high"] / j * scale) == pytest.approx(0.025, abs=1e-9)


def test_mann_whitney_is_exact_below_50_without_ties_as_r():
    rng = np.random.default_rng(3)
    for n, method in ((49, "exact"), (50, "asymptotic")):
        data = pd.DataFrame({"g": [True] * n + [False] * n, "y": rng.permutation(2 * n).astype(float)})
        row = compare_groups(data, outcome="y", group="g").iloc[0]
        x1, x0 = data.loc[data["g"], "y"], data.loc[~data["g"], "y"]
        ref = stats.mannwhitneyu(x1, x0, alternative="two-sided", method=method)
        assert row["mw_p_val"] == pytest.approx(ref.pvalue, rel=1e-9)
        assert ("exact" if method == "exact" else "normal") in row["method"]


def test_degenerate_groups_give_nan_with_a_reason_and_no_numpy_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        same = compare_groups(pd.DataFrame({"g": [1] * 5 + [0] * 5, "y": [3.0] * 10}), outcome="y", group="g",
                              treated=1).iloc[0]
        assert same["estimate"] == 0 and np.isnan(same["statistic"]) and np.isnan(same["hedges_g"])
        assert "zero variance" in same["note"]
        one = compare_groups(pd.DataFrame({"g": [1] + [0] * 6, "y": [1.0, 2, 3, 4, 5, 6, 7]}), outcome="y",
                             group="g", treated=1, min_n=1).iloc[0]
        assert np.isnan(one["se"]) and "fewer than 2" in one["note"]
        small = compare_groups(pd.DataFrame({"g": [1] * 3 + [0] * 6, "y": np.arange(9.0)}), outcome="y",
                               group="g", treated=1).iloc[0]
        assert small["suppressed"] and np.isnan(small["estimate"]) and small["n_arm_min"] == 3


def test_group_column_must_hold_two_values_one_of_them_treated():
    with pytest.raises(DataError):
        compare_groups(pd.DataFrame({"g": ["a", "b", "c"], "y": [1.0, 2, 3]}), outcome="y", group="g")
    with pytest.raises(DataError):
        compare_groups(pd.DataFrame({"g": ["a", "b"], "y": [1.0, 2]}), outcome="y", group="g", treated="c")


def test_by_gives_one_row_per_group_and_outcome(nsw):
    res = compare_groups(nsw, outcome=["re78", "re75"], group="treat", treated=1, by="black")
    assert len(res) == 4 and set(res["black"]) == {0, 1}
    sub = nsw[nsw["black"] == 1]
    ref = compare_groups(sub, outcome="re78", group="treat", treated=1).iloc[0]
    got = res[(res["black"] == 1) & (res["outcome"] == "re78")].iloc[0]
    assert got["estimate"] == pytest.approx(ref["estimate"]) and got["se"] == pytest.approx(ref["se"])
