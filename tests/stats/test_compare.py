"""Year-on-year differences (stats.compare) against independent references.

- Welch: ``scipy.stats.ttest_ind(equal_var=False)`` on raw samples, its
  ``confidence_interval()``; ``scipy.stats.ttest_ind_from_stats``.
- Newcombe hybrid score interval: the worked examples of Newcombe (1998),
  "Interval estimation for the difference between independent proportions:
  comparison of eleven methods", Statistics in Medicine 17, Table II, method 10;
  and ``statsmodels.stats.proportion.confint_proportions_2indep(method="newcomb")``;
  the p-value against ``statsmodels.stats.proportion.proportions_ztest``.
- IKM linearised SE: with complete answers, the SD of the respondents' mean
  score over sqrt(n) (numpy); with missing answers, a nonparametric
  bootstrap of the index agrees within Monte-Carlo error.
- Kitagawa (1955): components add up to the change exactly; a hand-computed
  two-programme example.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from kemuning_eval.stats.compare import (
    ikm_index_se,
    kitagawa,
    newcombe_difference,
    normal_difference,
    welch_difference,
)


def test_welch_matches_scipy_ttest_ind_unequal_variances():
    rng = np.random.default_rng(12)
    x1, x0 = rng.normal(4.1, 0.6, 37), rng.normal(3.9, 0.9, 52)
    row = welch_difference(x1.mean(), x1.std(ddof=1), len(x1), x0.mean(), x0.std(ddof=1), len(x0))
    ref = stats.ttest_ind(x1, x0, equal_var=False)
    ci = ref.confidence_interval(0.95)
    assert row["statistic"] == pytest.approx(ref.statistic, rel=1e-10)
    assert row["p_val"] == pytest.approx(ref.pvalue, rel=1e-9)
    assert row["df"] == pytest.approx(ref.df, rel=1e-10)
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((ci.low, ci.high), rel=1e-10)
    from_stats = stats.ttest_ind_from_stats(x1.mean(), x1.std(ddof=1), len(x1), x0.mean(), x0.std(ddof=1), len(x0),
                                            equal_var=False)
    assert row["p_val"] == pytest.approx(from_stats.pvalue, rel=1e-9)


@pytest.mark.parametrize(("args", "reason"), [
    ((4.0, 0.5, 1, 3.0, 0.5, 10), "too_few"),
    ((4.0, 0.0, 10, 3.0, 0.0, 10), "no_variance"),
    ((4.0, None, 10, 3.0, 0.5, 10), "missing"),
])
def test_welch_degenerate_input_has_no_interval_and_says_why(args, reason):
    row = welch_difference(*args)
    assert row["reason"] == reason
    assert math.isnan(row["ci_low"]) and math.isnan(row["p_val"])


# Newcombe (1998), Table II, method 10 (hybrid score, no continuity correction)
NEWCOMBE_TABLE_II = {
    "a": ((56, 70, 48, 80), (0.0524, 0.3339)),
    "b": ((9, 10, 3, 10), (0.1705, 0.8090)),
    "c": ((6, 7, 2, 7), (0.0582, 0.8062)),
    "d": ((5, 56, 0, 29), (-0.0381, 0.1926)),
    "e": ((0, 10, 0, 20), (-0.1611, 0.2775)),
    "f": ((10, 10, 0, 20), (0.6791, 1.0000)),
}


@pytest.mark.parametrize("example", list(NEWCOMBE_TABLE_II))
def test_newcombe_reproduces_the_papers_worked_examples(example):
    (c1, n1, c0, n0), (low, high) = NEWCOMBE_TABLE_II[example]
    row = newcombe_difference(c1, n1, c0, n0)
    assert round(row["ci_low"], 4) == pytest.approx(low, abs=1e-4)
    assert round(row["ci_high"], 4) == pytest.approx(high, abs=1e-4)


@pytest.mark.parametrize(("c1", "n1", "c0", "n0"), [(56, 70, 48, 80), (130, 210, 95, 190), (3, 40, 9, 38)])
def test_newcombe_matches_statsmodels(c1, n1, c0, n0):
    from statsmodels.stats.proportion import confint_proportions_2indep, proportions_ztest

    row = newcombe_difference(c1, n1, c0, n0)
    low, high = confint_proportions_2indep(c1, n1, c0, n0, method="newcomb", compare="diff")
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((low, high), rel=1e-9)
    z, p = proportions_ztest([c1, c0], [n1, n0])
    assert row["statistic"] == pytest.approx(z, rel=1e-9) and row["p_val"] == pytest.approx(p, rel=1e-9)


def test_newcombe_without_trials_or_without_variance():
    assert newcombe_difference(1, 0, 1, 10)["reason"] == "too_few"
    row = newcombe_difference(10, 10, 20, 20)  # all successes both years: an interval, no test
    assert row["reason"] == "no_variance" and math.isnan(row["p_val"]) and row["ci_high"] > 0


def test_normal_difference_is_the_wald_interval():
    row = normal_difference(80.0, 1.0, 77.0, 1.2)
    se = math.hypot(1.0, 1.2)
    assert row["se"] == pytest.approx(se)
    assert row["ci_low"] == pytest.approx(3.0 - stats.norm.ppf(0.975) * se)
    assert row["p_val"] == pytest.approx(2 * stats.norm.sf(3.0 / se))
    assert normal_difference(80.0, 0.0, 77.0, 0.0)["reason"] == "no_variance"


def test_ikm_se_with_complete_answers_is_the_se_of_the_respondents_mean():
    rng = np.random.default_rng(7)
    frame = pd.DataFrame(rng.integers(1, 5, size=(60, 9)).astype(float), columns=[f"u{k}" for k in range(9)])
    row = ikm_index_se(frame)
    per_respondent = frame.mean(axis=1).to_numpy()
    assert row["estimate"] == pytest.approx(per_respondent.mean())
    assert row["se"] == pytest.approx(per_respondent.std(ddof=1) / math.sqrt(len(frame)), rel=1e-10)


def test_ikm_se_with_missing_answers_agrees_with_a_bootstrap():
    rng = np.random.default_rng(8)
    x = rng.integers(1, 5, size=(200, 9)).astype(float)
    x[rng.random(x.shape) < 0.15] = np.nan
    frame = pd.DataFrame(x)
    row = ikm_index_se(frame)
    boots = [np.nanmean(x[rng.integers(0, 200, 200)], axis=0).mean() for _ in range(3000)]
    assert row["se"] == pytest.approx(np.std(boots, ddof=1), rel=0.08)
    assert ikm_index_se(frame.iloc[:1])["reason"] == "too_few"


def test_kitagawa_components_add_up_and_match_a_hand_computation():
    # A: 0.2 -> 0.3 with shares 0.5 -> 0.25; B: 0.6 -> 0.6 with shares 0.5 -> 0.75
    out = kitagawa({"A": 0.3, "B": 0.6}, {"A": 25, "B": 75}, {"A": 0.2, "B": 0.6}, {"A": 50, "B": 50})
    assert out["pooled0"] == pytest.approx(0.4) and out["pooled1"] == pytest.approx(0.525)
    assert out["rate"] == pytest.approx(0.375 * 0.1)  # mean share of A times its rate change
    assert out["mix"] == pytest.approx(0.25 * -0.25 + 0.6 * 0.25)
    assert out["rate"] + out["mix"] == pytest.approx(out["change"])
    assert out["mix_share"] == pytest.approx(abs(out["mix"]) / (abs(out["rate"]) + abs(out["mix"])))


def test_kitagawa_a_programme_of_one_year_is_mix_and_no_change_has_no_share():
    out = kitagawa({"A": 0.1, "C": 0.9}, {"A": 50, "C": 50}, {"A": 0.1}, {"A": 10})
    assert out["rate"] == pytest.approx(0.0) and out["mix"] == pytest.approx(out["change"]) and out["mix_share"] == 1
    same = kitagawa({"A": 0.1}, {"A": 5}, {"A": 0.1}, {"A": 9})
    assert same["reason"] == "no_change" and math.isnan(same["mix_share"])
    assert kitagawa({}, {}, {"A": 0.1}, {"A": 1})["reason"] == "missing"
