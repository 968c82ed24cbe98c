"""Differences between two study years, with 95 % confidence intervals, and the shift-share of a pooled change.

Year-on-year comparisons work from the summaries each year's report stores
(means with their SD and n, counts of successes, an index with its standard
error, per-programme rates and weights), so every function here takes summary
statistics, not records:

- :func:`welch_difference`: difference of two independent means, Welch's t
  with Welch-Satterthwaite degrees of freedom (the same as
  ``scipy.stats.ttest_ind(equal_var=False)`` and its ``confidence_interval``).
- :func:`newcombe_difference`: difference of two independent proportions,
  Newcombe's hybrid score interval (Newcombe 1998, method 10, from the two
  Wilson intervals; ``statsmodels`` ``confint_proportions_2indep(method="newcomb")``)
  with the pooled two-proportion z test for the p-value.
- :func:`ikm_index_se` and :func:`normal_difference`: the IKM index
  (PermenPANRB 14/2017: the mean of the nine element means) with its
  linearised standard error, and the difference of two such estimates with a
  normal interval.
- :func:`kitagawa`: Kitagawa's (1955) decomposition of the change of a pooled
  rate (a weighted mean of per-programme rates) into a rate component (the
  programmes changed) and a mix component (the weights changed); the two add
  up to the change exactly.

Degenerate input gives NaN with a ``reason`` code, never a wrong number.

Examples
--------
>>> row = welch_difference(4.2, 0.5, 40, 4.0, 0.6, 50)
>>> round(row["estimate"], 2), round(row["ci_low"], 3), round(row["ci_high"], 3), row["reason"]
(0.2, -0.03, 0.43, None)
>>> row = newcombe_difference(56, 70, 48, 80)
>>> round(row["estimate"], 4), round(row["ci_low"], 4), round(row["ci_high"], 4)
(0.2, 0.0524, 0.3339)
"""

from __future__ import annotations

import math
from typing import Any

from kemuning_eval.stats._common import DEFAULT_LEVEL, check_level, wilson_interval

#: why a difference has no value (``reason``)
REASONS = ("too_few", "no_variance", "missing", "no_change")

NAN = float("nan")


def _finite(*values: Any) -> bool:
    try:
        return all(v is not None and math.isfinite(float(v)) for v in values)
    except (TypeError, ValueError):
        return False


def _empty(reason: str, estimate: float = NAN) -> dict[str, Any]:
    return {"estimate": estimate, "se": NAN, "df": NAN, "statistic": NAN, "p_val": NAN,
            "ci_low": NAN, "ci_high": NAN, "reason": reason}


def welch_difference(mean1: Any, sd1: Any, n1: Any, mean0: Any, sd0: Any, n0: Any,
                     level: float = DEFAULT_LEVEL) -> dict[str, Any]:
    """Difference ``mean1 - mean0`` of two independent means, Welch's t interval and test.

    Parameters
    ----------
    mean1, sd1, n1 : float
        Mean, sample SD (ddof 1) and size of this year.
    mean0, sd0, n0 : float
        The same for the previous year.
    level : float, default 0.95
        Confidence level.

    Returns
    -------
    dict
        ``estimate``, ``se``, ``df`` (Welch-Satterthwaite), ``statistic``
        (t), ``p_val`` (two-sided), ``ci_low``, ``ci_high`` and ``reason``:
        None, or ``missing`` (a summary is missing), ``too_few`` (a year has
        fewer than two values), ``no_variance`` (both SDs are zero: no
        interval would be honest).

    Examples
    --------
    >>> row = welch_difference(3.9, 0.7, 120, 4.1, 0.8, 100)
    >>> round(row["estimate"], 2), round(row["df"], 1), round(row["p_val"], 4)
    (-0.2, 198.4, 0.0522)
    >>> welch_difference(3.9, 0.7, 1, 4.1, 0.8, 100)["reason"]
    'too_few'
    """
    from scipy import stats

    level = check_level(level)
    if not _finite(mean1, sd1, n1, mean0, sd0, n0):
        return _empty("missing", float(mean1) - float(mean0) if _finite(mean1, mean0) else NAN)
    m1, s1, k1, m0, s0, k0 = (float(v) for v in (mean1, sd1, n1, mean0, sd0, n0))
    estimate = m1 - m0
    if k1 < 2 or k0 < 2:
        return _empty("too_few", estimate)
    v1, v0 = s1**2 / k1, s0**2 / k0
    if v1 + v0 <= 0:
        return _empty("no_variance", estimate)
    se = math.sqrt(v1 + v0)
    df = (v1 + v0) ** 2 / (v1**2 / (k1 - 1) + v0**2 / (k0 - 1))
    t = estimate / se
    half = float(stats.t.ppf(0.5 + level / 2, df)) * se
    return {"estimate": estimate, "se": se, "df": df, "statistic": t, "p_val": float(2 * stats.t.sf(abs(t), df)),
            "ci_low": estimate - half, "ci_high": estimate + half, "reason": None}


def newcombe_difference(count1: Any, n1: Any, count0: Any, n0: Any,
                        level: float = DEFAULT_LEVEL) -> dict[str, Any]:
    """Difference ``count1/n1 - count0/n0`` of two proportions, Newcombe's hybrid score interval.

    The interval combines the two Wilson score intervals ``(l1, u1)`` and
    ``(l0, u0)``: ``d - sqrt((p1 - l1)^2 + (u0 - p0)^2)`` to
    ``d + sqrt((u1 - p1)^2 + (p0 - l0)^2)`` (Newcombe 1998, method 10).
    The p-value is the pooled two-proportion z test.

    Parameters
    ----------
    count1, n1 : int
        Successes and trials of this year.
    count0, n0 : int
        The same for the previous year.
    level : float, default 0.95
        Confidence level.

    Returns
    -------
    dict
        ``estimate``, ``se`` (unpooled), ``statistic`` (z), ``p_val``,
        ``ci_low``, ``ci_high``, ``df`` (NaN) and ``reason``: None, ``missing``
        or ``too_few`` (a year without trials).  When both years are all
        successes (or all failures) the interval exists but the test does not:
        ``p_val`` is NaN with reason ``no_variance``.

    Examples
    --------
    Newcombe (1998), Table II, example (b): 9/10 against 3/10.

    >>> row = newcombe_difference(9, 10, 3, 10)
    >>> round(row["ci_low"], 4), round(row["ci_high"], 4)
    (0.1705, 0.809)
    >>> newcombe_difference(3, 0, 2, 10)["reason"]
    'too_few'
    """
    from scipy import stats

    level = check_level(level)
    if not _finite(count1, n1, count0, n0):
        return _empty("missing")
    c1, k1, c0, k0 = (float(v) for v in (count1, n1, count0, n0))
    if k1 < 1 or k0 < 1:
        return _empty("too_few")
    p1, p0 = c1 / k1, c0 / k0
    estimate = p1 - p0
    lows, highs = wilson_interval([c1, c0], [k1, k0], level)
    (l1, l0), (u1, u0) = (float(v) for v in lows), (float(v) for v in highs)
    low = estimate - math.sqrt((p1 - l1) ** 2 + (u0 - p0) ** 2)
    high = estimate + math.sqrt((u1 - p1) ** 2 + (p0 - l0) ** 2)
    pooled = (c1 + c0) / (k1 + k0)
    se0 = math.sqrt(pooled * (1 - pooled) * (1 / k1 + 1 / k0))
    out = {"estimate": estimate, "se": math.sqrt(p1 * (1 - p1) / k1 + p0 * (1 - p0) / k0), "df": NAN,
           "statistic": NAN, "p_val": NAN, "ci_low": low, "ci_high": high, "reason": None}
    if se0 <= 0:
        out["reason"] = "no_variance"
        return out
    z = estimate / se0
    out.update(statistic=z, p_val=float(2 * stats.norm.sf(abs(z))))
    return out


def normal_difference(estimate1: Any, se1: Any, estimate0: Any, se0: Any,
                      level: float = DEFAULT_LEVEL) -> dict[str, Any]:
    """Difference of two independent estimates with known standard errors: normal (Wald) interval and z test.

    Parameters
    ----------
    estimate1, se1 : float
        This year's estimate and its standard error.
    estimate0, se0 : float
        The previous year's.
    level : float, default 0.95
        Confidence level.

    Returns
    -------
    dict
        ``estimate``, ``se`` (``sqrt(se1^2 + se0^2)``), ``statistic`` (z),
        ``p_val``, ``ci_low``, ``ci_high``, ``df`` (NaN), ``reason`` (None,
        ``missing``, ``no_variance``).

    Examples
    --------
    >>> row = normal_difference(80.0, 1.0, 77.0, 1.2)
    >>> round(row["ci_low"], 3), round(row["ci_high"], 3), round(row["p_val"], 4)
    (-0.062, 6.062, 0.0548)
    """
    from scipy import stats

    level = check_level(level)
    if not _finite(estimate1, se1, estimate0, se0):
        return _empty("missing", float(estimate1) - float(estimate0) if _finite(estimate1, estimate0) else NAN)
    estimate = float(estimate1) - float(estimate0)
    se = math.hypot(float(se1), float(se0))
    if se <= 0:
        return _empty("no_variance", estimate)
    z = estimate / se
    half = float(stats.norm.ppf(0.5 + level / 2)) * se
    return {"estimate": estimate, "se": se, "df": NAN, "statistic": z, "p_val": float(2 * stats.norm.sf(abs(z))),
            "ci_low": estimate - half, "ci_high": estimate + half, "reason": None}


def ikm_index_se(scores: Any) -> dict[str, Any]:
    """The IKM index (mean of the element means) and its linearised standard error.

    The index ``I = (1/k) sum_e mean_e`` is linear in the element means, so
    its variance is ``(1/k^2) sum_e sum_f cov(mean_e, mean_f)``; with each
    element answered by its own respondents the covariance of two means is
    estimated from the pairwise-complete answers:
    ``cov(mean_e, mean_f) = s_ef * n_ef / (n_e * n_f)``.  With complete answers
    this is the SD of the respondents' mean scores over ``sqrt(n)``.

    Parameters
    ----------
    scores : pandas.DataFrame
        One column per IKM element (scores 1-4), one row per respondent;
        missing answers as NaN.

    Returns
    -------
    dict
        ``estimate`` (the index on the 1-4 scale), ``se``, ``n`` (respondents
        with at least one answer) and ``reason`` (None, ``too_few`` when an
        element has fewer than two answers).

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"a": [3, 4, 3, 2], "b": [3, 3, 4, 3]})
    >>> row = ikm_index_se(frame)
    >>> row["estimate"], round(row["se"], 4), row["n"]
    (3.125, 0.2394, 4)
    """
    import numpy as np

    x = scores.to_numpy(dtype=np.float64)
    answered = ~np.isnan(x)
    n_e = answered.sum(axis=0)
    n = int(answered.any(axis=1).sum())
    if x.shape[1] == 0 or (n_e < 2).any():
        return {"estimate": NAN, "se": NAN, "n": n, "reason": "too_few"}
    means = np.nanmean(x, axis=0)
    k = x.shape[1]
    dev = np.where(answered, x - means, 0.0)
    both = answered.astype(np.float64).T @ answered.astype(np.float64)  # n_ef
    with np.errstate(invalid="ignore", divide="ignore"):
        # pairwise-complete covariance around the element means, ddof 1
        s_ef = (dev.T @ dev) / np.where(both > 1, both - 1, np.nan)
        cov_means = s_ef * both / np.outer(n_e, n_e)
    cov_means = np.where(both > 1, cov_means, 0.0)
    var = float(cov_means.sum()) / k**2
    return {"estimate": float(means.mean()), "se": math.sqrt(max(var, 0.0)), "n": n, "reason": None}


def kitagawa(rate1: Any, weight1: Any, rate0: Any, weight0: Any) -> dict[str, Any]:
    """Kitagawa (1955) decomposition of the change of a pooled rate into rate and mix components.

    The pooled rate of a year is ``R = sum_p s_p r_p`` with ``s_p`` the
    programmes' shares of the weight (participants, cost).  Its change splits
    exactly into ``rate = sum_p (s1_p + s0_p)/2 * (r1_p - r0_p)`` and
    ``mix = sum_p (r1_p + r0_p)/2 * (s1_p - s0_p)``.  A programme run in one
    year only has no rate change: its whole contribution is mix.

    Parameters
    ----------
    rate1, weight1 : mapping of str to float
        Per programme, this year's rate and weight (positive).
    rate0, weight0 : mapping of str to float
        The same for the previous year.

    Returns
    -------
    dict
        ``pooled1``, ``pooled0``, ``change``, ``rate``, ``mix`` and
        ``mix_share = |mix| / (|rate| + |mix|)`` (the mix component's share of
        the change), and ``reason``: None, ``missing`` (no programme with a
        rate and a positive weight in a year) or ``no_change`` (both
        components zero: ``mix_share`` is NaN).

    Examples
    --------
    The same rate in each programme, a changed mix: the whole change is mix.

    >>> out = kitagawa({"A": 0.1, "B": 0.5}, {"A": 20, "B": 80}, {"A": 0.1, "B": 0.5}, {"A": 80, "B": 20})
    >>> round(out["change"], 3), round(out["rate"], 3), round(out["mix"], 3), out["mix_share"]
    (0.24, 0.0, 0.24, 1.0)
    """

    def shares(rate: Any, weight: Any) -> dict[str, tuple[float, float]]:
        kept = {p: (float(rate[p]), float(w)) for p, w in dict(weight).items()
                if p in rate and _finite(rate[p], w) and float(w) > 0}
        total = sum(w for _, w in kept.values())
        return {p: (r, w / total) for p, (r, w) in kept.items()}

    one, zero = shares(rate1, weight1), shares(rate0, weight0)
    if not one or not zero:
        return {"pooled1": NAN, "pooled0": NAN, "change": NAN, "rate": NAN, "mix": NAN, "mix_share": NAN,
                "reason": "missing"}
    rate = mix = 0.0
    for p in sorted(set(one) | set(zero)):
        r1, s1 = one.get(p, (None, 0.0))
        r0, s0 = zero.get(p, (None, 0.0))
        r1 = r0 if r1 is None else r1
        r0 = r1 if r0 is None else r0
        rate += (s1 + s0) / 2 * (r1 - r0)
        mix += (r1 + r0) / 2 * (s1 - s0)
    pooled1 = sum(r * s for r, s in one.values())
    pooled0 = sum(r * s for r, s in zero.values())
    size = abs(rate) + abs(mix)
    return {"pooled1": pooled1, "pooled0": pooled0, "change": pooled1 - pooled0, "rate": rate, "mix": mix,
            "mix_share": abs(mix) / size if size > 0 else NAN, "reason": None if size > 0 else "no_change"}
