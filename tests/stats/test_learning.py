"""Tests of kemuning_eval.stats.learning.

References: scipy.stats.ttest_rel (t, df, p, CI of the mean difference);
scipy.stats.wilcoxon (exact p; normal approximation with correction=True,
zero_method="wilcox"); R's V recomputed with scipy.stats.rankdata;
pingouin.wilcoxon's RBC (Kerby matched-pairs rank-biserial);
statsmodels.stats.contingency_tables.mcnemar (exact binomial and chi-square
with continuity correction); statsmodels.stats.multitest.multipletests
(Holm); an independent bisection of the noncentral t for the CI of d_z and
the large-sample normal approximation var(d_z) = 1/n + d_z^2/(2n).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pingouin as pg
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats
from statsmodels.stats.contingency_tables import mcnemar
from statsmodels.stats.multitest import multipletests

from kemuning_eval.errors import DataError
from kemuning_eval.stats.learning import (
    effect_sizes,
    holm,
    learning_summary,
    normalized_gain,
    paired_change,
    pass_rate,
    wilcoxon_signed_rank,
)


@pytest.fixture(scope="module")
def tests_table():
    rng = np.random.default_rng(11)
    frames = []
    for prog, n, gain in (("PKA", 80, 12.0), ("PKP", 40, 3.0), ("LTX", 12, 8.0), ("MIN", 3, 5.0)):
        pre = np.clip(np.round(rng.normal(60, 12, n)), 0, 100)
        post = np.clip(np.round(pre + rng.normal(gain, 9, n)), 0, 100)
        frames.append(pd.DataFrame({"program_id": prog, "pre": pre, "post": post}))
    data = pd.concat(frames, ignore_index=True)
    data.loc[[2, 50], "post"] = np.nan  # incomplete pairs are dropped
    data.loc[5, "pre"] = 100.0
    data.loc[5, "post"] = 100.0
    return data


def _groups(data, min_n=5):
    full = data.dropna(subset=["pre", "post"])
    return {p: g for p, g in full.groupby("program_id") if len(g) >= min_n}


def test_paired_change_matches_scipy_ttest_rel(tests_table):
    out = paired_change(tests_table, by="program_id").set_index("program_id")
    for prog, g in _groups(tests_table).items():
        ref = stats.ttest_rel(g["post"], g["pre"])
        ci = ref.confidence_interval(0.95)
        row = out.loc[prog]
        if row["suppressed"]:
            assert np.isnan(row["statistic"])
            continue
        assert row["n"] == len(g)
        assert row["statistic"] == pytest.approx(ref.statistic)
        assert row["df"] == ref.df
        assert row["p_val"] == pytest.approx(ref.pvalue)
        assert (row["ci_low"], row["ci_high"]) == pytest.approx((ci.low, ci.high))
        assert row["estimate"] == pytest.approx((g["post"] - g["pre"]).mean())
    assert out.loc["MIN", "suppression"] == "primary"
    assert out.loc["LTX", "suppression"] == "secondary"  # next-smallest hides MIN from totals
    ref_holm = multipletests(out["p_val"].dropna().to_numpy(), method="holm")[1]
    assert out["p_holm"].dropna().to_numpy() == pytest.approx(ref_holm)


def test_wilcoxon_normal_method_matches_scipy_and_r_v(tests_table):
    out = wilcoxon_signed_rank(tests_table, by="program_id").set_index("program_id")
    for prog, g in _groups(tests_table).items():
        d = (g["post"] - g["pre"]).to_numpy()
        row = out.loc[prog]
        if row["suppressed"]:
            continue
        ref = stats.wilcoxon(d, zero_method="wilcox", correction=True, method="approx")
        nz = d[d != 0]
        ranks = stats.rankdata(np.abs(nz))
        v = ranks[nz > 0].sum()  # R's V
        assert row["method"] == "normal"  # rounded scores: ties
        assert row["statistic"] == pytest.approx(v)
        assert row["w_min"] == pytest.approx(ref.statistic)
        assert row["p_val"] == pytest.approx(ref.pvalue, rel=1e-9)
        assert row["n_zero"] == int(np.sum(d == 0))
        rbc = pg.wilcoxon(g["post"].to_numpy(), g["pre"].to_numpy())["RBC"].iloc[0]
        assert row["rank_biserial"] == pytest.approx(rbc)


def test_wilcoxon_exact_without_ties_and_normal_with_zeros():
    pre = np.array([50, 52, 47, 61, 55, 43, 58, 49, 60, 45.0])
    d = np.array([3.5, -1.25, 7.0, 2.0, 9.5, -0.5, 4.25, 6.0, 1.0, 8.75])
    data = pd.DataFrame({"pre": pre, "post": pre + d})
    row = wilcoxon_signed_rank(data).iloc[0]
    ref = stats.wilcoxon(d, method="exact")
    assert row["method"] == "exact"
    assert row["p_val"] == pytest.approx(ref.pvalue)
    assert row["w_min"] == ref.statistic
    # with a zero difference scipy's exact p is unreliable (docs/domain.md s7): normal method used
    data.loc[0, "post"] = data.loc[0, "pre"]
    row = wilcoxon_signed_rank(data).iloc[0]
    ref = stats.wilcoxon(data["post"] - data["pre"], method="approx", correction=True)
    assert row["method"] == "normal" and row["n_zero"] == 1
    assert row["p_val"] == pytest.approx(ref.pvalue)


def _nct_bisect(t_obs, df, q, lo=-60.0, hi=60.0):
    """Independent inversion: plain bisection on ncp with nct.sf (not brentq / cdf)."""
    for _ in range(200):
        mid = (lo + hi) / 2
        if stats.nct.sf(t_obs, df, mid) < 1 - q:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def test_effect_sizes_d_z_and_g_z(tests_table):
    out = effect_sizes(tests_table, by="program_id")
    for prog, g in _groups(tests_table).items():
        d = (g["post"] - g["pre"]).to_numpy()
        n = len(d)
        dz = d.mean() / d.std(ddof=1)
        j = 1 - 3 / (4 * (n - 1) - 1)
        rows = out[out["program_id"] == prog].set_index("measure")
        if rows["suppressed"].all():
            continue
        assert rows.loc["dz", "estimate"] == pytest.approx(dz)
        assert rows.loc["gz", "estimate"] == pytest.approx(j * dz)
        t_obs = dz * np.sqrt(n)
        low = _nct_bisect(t_obs, n - 1, 0.975) / np.sqrt(n)
        high = _nct_bisect(t_obs, n - 1, 0.025) / np.sqrt(n)
        assert rows.loc["dz", "ci_low"] == pytest.approx(low, abs=1e-8)
        assert rows.loc["dz", "ci_high"] == pytest.approx(high, abs=1e-8)
        assert rows.loc["gz", "ci_low"] == pytest.approx(j * low, abs=1e-8)
        # close to the large-sample normal approximation for the biggest group
        if n >= 70:
            se = np.sqrt(1 / n + dz**2 / (2 * n))
            assert rows.loc["dz", "ci_low"] == pytest.approx(dz - 1.96 * se, abs=0.02)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 100_000), n=st.integers(6, 40))
def test_property_d_z_changes_sign_when_pre_and_post_swap(seed, n):
    rng = np.random.default_rng(seed)
    pre = rng.uniform(20, 80, n).round(1)
    data = pd.DataFrame({"pre": pre, "post": np.clip(pre + rng.normal(5, 10, n), 0, 100)})
    a = effect_sizes(data).set_index("measure")
    b = effect_sizes(data, pre="post", post="pre").set_index("measure")
    assert b.loc["dz", "estimate"] == pytest.approx(-a.loc["dz", "estimate"])
    assert b.loc["dz", "ci_low"] == pytest.approx(-a.loc["dz", "ci_high"], abs=1e-7)


def test_normalized_gain_both_ways(tests_table):
    out = normalized_gain(tests_table, by="program_id")
    g = tests_table.dropna(subset=["pre", "post"])
    g = g[g["program_id"] == "PKA"]
    rows = out[out["program_id"] == "PKA"].set_index("measure")
    cls = (g["post"].mean() - g["pre"].mean()) / (100 - g["pre"].mean())
    keep = g[g["pre"] < 100]
    ind = ((keep["post"] - keep["pre"]) / (100 - keep["pre"])).mean()
    assert rows.loc["class_average", "estimate"] == pytest.approx(cls)
    assert rows.loc["average_individual", "estimate"] == pytest.approx(ind)
    assert rows.loc["average_individual", "n_excluded"] == 1  # the pre = 100 participant
    assert rows.loc["class_average", "band"] == ("low" if cls < 0.3 else "medium")


def test_pass_rate_and_mcnemar_match_statsmodels():
    rng = np.random.default_rng(2)
    n = 450
    pre = rng.uniform(40, 90, n).round()
    data = pd.DataFrame({"program_id": np.repeat(["A", "B"], [400, 50]), "pre": pre,
                         "post": np.clip(pre + rng.normal(6, 8, n), 0, 100).round()})
    programs = pd.DataFrame({"program_id": ["A", "B"], "pass_mark": [70.0, 75.0]})
    out = pass_rate(data, programs, by="program_id").set_index("program_id")
    for prog, mark in (("A", 70.0), ("B", 75.0)):
        g = data[data["program_id"] == prog]
        a, b = g["pre"] >= mark, g["post"] >= mark
        table = [[(a & b).sum(), (a & ~b).sum()], [(~a & b).sum(), (~a & ~b).sum()]]
        disc = table[0][1] + table[1][0]
        exact = disc < 25
        ref = mcnemar(table, exact=exact, correction=True)
        row = out.loc[prog]
        assert row["method"] == ("exact binomial" if exact else "chi-square, continuity corrected")
        assert row["p_val"] == pytest.approx(ref.pvalue)
        assert row["statistic"] == pytest.approx(ref.statistic)
        assert row["pass_pre"] == pytest.approx(a.mean())
        assert row["pass_post"] == pytest.approx(b.mean())
    assert set(out["method"]) == {"exact binomial", "chi-square, continuity corrected"}


def test_holm_matches_statsmodels():
    p = np.array([0.001, 0.04, 0.03, 0.2, 0.012])
    assert holm(p) == pytest.approx(multipletests(p, method="holm")[1])


def test_summary_and_errors(tests_table):
    out = learning_summary(tests_table, by="program_id")
    assert list(out["program_id"]) == ["LTX", "MIN", "PKA", "PKP"]
    assert out.loc[out["program_id"] == "MIN", "estimate"].isna().all()
    row = out[out["program_id"] == "PKA"].iloc[0]
    ref = paired_change(tests_table, by="program_id").set_index("program_id").loc["PKA"]
    assert row["estimate"] == ref["estimate"]
    bad = tests_table.copy()
    bad.loc[7, "post"] = 105.0
    with pytest.raises(DataError, match="post"):
        paired_change(bad)


def test_grouping_column_that_clashes_with_working_columns_is_a_clear_usage_error():
    # Regression: by=["program_id", "g"] silently overwrote the grouping column "g"
    # (586 rows instead of 20) and learning_summary then failed with a raw merge error.
    import pandas as pd
    import pytest

    from kemuning_eval.errors import UsageError
    from kemuning_eval.stats.learning import learning_summary, normalized_gain

    tests = pd.DataFrame({"program_id": ["A"] * 6, "g": ["x", "y"] * 3,
                          "pre": [50, 60, 55, 70, 40, 65.0], "post": [70, 72, 60, 85, 58, 66.0]})
    for func in (normalized_gain, learning_summary):
        with pytest.raises(UsageError, match="'by'"):
            func(tests, by=["program_id", "g"])
