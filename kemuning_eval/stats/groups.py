"""Two-group comparison at one time point: trained against untrained.

For Level 3 or 4 measures without a baseline (e.g. supervisors' ratings of
alumni and of colleagues who were not trained, or unit results after the
training only), the question is the difference in means of two independent
groups.  Without random assignment it is a description, not a causal effect:
say how the groups were formed.

Definitions
-----------
``estimate``
    ``mean(treated) - mean(comparison)``.
``se`` (Welch), ``ci_low``, ``ci_high``, ``statistic``, ``df``, ``p_val``
    Welch's t: ``se = sqrt(s1^2/n1 + s0^2/n0)``, Welch-Satterthwaite df,
    two-sided (as ``scipy.stats.ttest_ind(equal_var=False)``).  The default
    because it does not assume equal variances.
``se_pooled``
    Student's pooled-variance SE ``s_p sqrt(1/n1 + 1/n0)`` (OLS of the outcome
    on a group dummy).
``se_hc1``
    The heteroskedasticity-robust SE of that OLS slope, HC1 (``n/(n-2)`` times
    HC0; Stata's ``robust``, statsmodels ``cov_type="HC1"``).
``hedges_g``, ``g_ci_low``, ``g_ci_high``
    ``d = estimate / s_p``, ``g = J d`` with ``J = 1 - 3/(4(n1+n0) - 9)``
    (Hedges 1981); CI of d by inverting the noncentral t (Steiger & Fouladi
    1997) at ``t = d sqrt(n1 n0/(n1+n0))`` on ``n1+n0-2`` df, times J.
``mw_u``, ``mw_p_val``, ``rank_biserial``
    Mann-Whitney U of the treated group (``R1 - n1(n1+1)/2``), two-sided:
    exact when both groups have fewer than 50 values and there are no ties,
    else the normal approximation with tie correction and continuity
    correction (as R's ``wilcox.test``); ``rank_biserial = 2U/(n1 n0) - 1``
    (positive when treated values tend to be larger).

Degenerate groups give NaN with the reason in ``note``: fewer than 2 values
in a group (no SD), zero variance in both groups (no test, no standardised
effect).  Groups with fewer than ``min_n`` values in either arm are
suppressed (``n_arm_min`` is the count the rule uses).

Benchmark: the NSW experimental sample of Dehejia & Wahba (1999) gives a
difference in 1978 earnings of 1,794.34 with pooled SE 632.85 and HC1 SE
670.82 (``tests/stats/test_compare_groups.py``).

Examples
--------
>>> import pandas as pd
>>> data = pd.DataFrame({"trained": [True] * 6 + [False] * 6,
...                      "score": [3.8, 4.1, 3.9, 4.4, 4.0, 4.2, 3.5, 3.9, 3.6, 3.7, 3.4, 3.8]})
>>> res = compare_groups(data, outcome="score", group="trained")
>>> row = res.iloc[0].to_dict()
>>> [round(float(row[c]), 3) for c in ("n_treated", "estimate", "se", "df", "p_val", "hedges_g")]
[6.0, 0.417, 0.117, 9.8, 0.005, 1.903]
>>> bool(row["suppressed"])
False
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from kemuning_eval.errors import DataError
from kemuning_eval.i18n import t
from kemuning_eval.stats._common import (
    DEFAULT_LEVEL,
    DEFAULT_MIN_N,
    as_columns,
    check_level,
    check_min_n,
    drop_all,
    grouped,
    ncp_interval,
    numeric_matrix,
    require_columns,
)
from kemuning_eval.stats.suppression import suppress

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    import pandas as pd

#: R's wilcox.test: exact distribution when both groups are smaller than this and there are no ties.
MW_EXACT_BELOW = 50
_VALUES = ("n_treated", "n_control", "mean_treated", "mean_control", "sd_treated", "sd_control", "estimate",
           "se", "se_pooled", "se_hc1", "ci_low", "ci_high", "statistic", "df", "p_val", "hedges_g",
           "g_ci_low", "g_ci_high", "mw_u", "mw_p_val", "rank_biserial")


def _mann_whitney(x1: np.ndarray, x0: np.ndarray) -> tuple[float, float, float, str]:
    """U of ``x1``, two-sided p, rank-biserial r and the method name."""
    import numpy as np
    from scipy import stats

    n1, n0 = len(x1), len(x0)
    ties = len(np.unique(np.concatenate([x1, x0]))) < n1 + n0
    exact = n1 < MW_EXACT_BELOW and n0 < MW_EXACT_BELOW and not ties
    if np.ptp(np.concatenate([x1, x0])) == 0:
        return n1 * n0 / 2, float("nan"), 0.0, "all values equal"
    res = stats.mannwhitneyu(x1, x0, alternative="two-sided", method="exact" if exact else "asymptotic",
                             use_continuity=True)
    u = float(res.statistic)
    return u, float(res.pvalue), 2 * u / (n1 * n0) - 1, ("exact" if exact else "normal, tie and continuity corrected")


def _compare(x1: np.ndarray, x0: np.ndarray, level: float) -> dict[str, Any]:
    """Every statistic of one comparison (see the module docstring)."""
    import math

    import numpy as np
    from scipy import stats

    n1, n0 = len(x1), len(x0)
    out: dict[str, Any] = {name: math.nan for name in _VALUES}
    out.update(n_treated=n1, n_control=n0, n=n1 + n0, n_arm_min=min(n1, n0))
    if n1 == 0 or n0 == 0:
        return {**out, "note": "a group has no values"}
    m1, m0 = float(np.mean(x1)), float(np.mean(x0))
    out.update(mean_treated=m1, mean_control=m0, estimate=m1 - m0)
    u, p_mw, rbc, mw_method = _mann_whitney(x1, x0)
    out.update(mw_u=u, mw_p_val=p_mw, rank_biserial=rbc)
    if n1 < 2 or n0 < 2:
        return {**out, "note": "fewer than 2 values in a group: no SD, no test"}
    v1, v0 = float(np.var(x1, ddof=1)), float(np.var(x0, ddof=1))
    n = n1 + n0
    out.update(sd_treated=math.sqrt(v1), sd_control=math.sqrt(v0))
    if v1 == 0 and v0 == 0:
        return {**out, "note": "zero variance in both groups: no test, no standardised effect"}
    a1, a0 = v1 / n1, v0 / n0
    se = math.sqrt(a1 + a0)
    df = (a1 + a0) ** 2 / (a1**2 / (n1 - 1) + a0**2 / (n0 - 1))
    tval = (m1 - m0) / se
    half = stats.t.ppf(0.5 + level / 2, df) * se
    sp = math.sqrt(((n1 - 1) * v1 + (n0 - 1) * v0) / (n - 2))
    hc0 = (n1 - 1) * v1 / n1**2 + (n0 - 1) * v0 / n0**2
    d = (m1 - m0) / sp
    j = 1 - 3 / (4 * n - 9)
    scale = math.sqrt(n1 * n0 / n)
    low, high = ncp_interval(d * scale, n - 2, level)
    out.update(se=se, se_pooled=sp * math.sqrt(1 / n1 + 1 / n0), se_hc1=math.sqrt(hc0 * n / (n - 2)),
               ci_low=m1 - m0 - half, ci_high=m1 - m0 + half, statistic=tval, df=df,
               p_val=float(2 * stats.t.sf(abs(tval), df)), hedges_g=j * d,
               g_ci_low=j * low / scale, g_ci_high=j * high / scale)
    note = "" if mw_method != "all values equal" else "all values equal: no Mann-Whitney p"
    return {**out, "note": note, "mw_method": mw_method}


def compare_groups(
    data: pd.DataFrame,
    *,
    outcome: str | Sequence[str],
    group: str,
    treated: Any = True,
    by: str | Sequence[str] | None = None,
    level: float = DEFAULT_LEVEL,
    min_n: int = DEFAULT_MIN_N,
) -> pd.DataFrame:
    """Difference in means of two independent groups, with its companions.

    Parameters
    ----------
    data : DataFrame
        One row per person (or unit): the group column and the outcomes.
    outcome : str or list of str
        Numeric outcome columns; missing values are left out per outcome.
    group : str
        Column telling the groups apart (two distinct values, e.g. a boolean).
    treated : scalar, default True
        The value of ``group`` that marks the treated (trained) group; the
        other value is the comparison group.  ``True`` also matches 1.
    by : str or list of str, optional
        One comparison per group of these columns.
    level : float, default 0.95
        Confidence level of both intervals.
    min_n : int, default 5
        Smallest arm that may be published.

    Returns
    -------
    DataFrame
        One row per group of ``by`` and outcome: grouping columns, ``outcome``,
        ``n``, ``n_treated``, ``n_control``, ``n_arm_min``, ``mean_treated``,
        ``mean_control``, ``sd_treated``, ``sd_control``, ``estimate``, ``se``
        (Welch), ``se_pooled``, ``se_hc1``, ``ci_low``, ``ci_high``,
        ``statistic``, ``df``, ``p_val``, ``hedges_g``, ``g_ci_low``,
        ``g_ci_high``, ``mw_u``, ``mw_p_val``, ``rank_biserial``, ``method``,
        ``note`` (reason for NaN), ``suppressed``, ``suppression``.

    Raises
    ------
    DataError
        If ``group`` does not hold exactly two values, or holds two values
        of which none is ``treated``.

    Examples
    --------
    Supervisors' ratings of alumni and of untrained colleagues, per unit type:

    >>> import pandas as pd
    >>> data = pd.DataFrame({"alumnus": ["Ya", "Tidak"] * 6, "rating": [4.2, 3.6, 4.0, 3.9, 4.4, 3.5,
    ...                                                           3.9, 3.8, 4.1, 3.4, 4.3, 3.7]})
    >>> row = compare_groups(data, outcome="rating", group="alumnus", treated="Ya").iloc[0]
    >>> round(float(row["estimate"]), 3), round(float(row["se_hc1"]), 3), bool(row["p_val"] < 0.01)
    (0.5, 0.108, True)
    """
    import numpy as np
    import pandas as pd

    level, min_n = check_level(level), check_min_n(min_n)
    ys, keys = as_columns(outcome), as_columns(by)
    require_columns(data, [group, *ys, *keys], table="data")
    values = numeric_matrix(data, ys, table="data")
    labels = data[group]
    present = pd.unique(labels.dropna())
    is_treated = labels.eq(treated).to_numpy(dtype=bool, na_value=False)
    if len(present) != 2 or not is_treated.any():
        raise DataError(t("stats3.error.two_groups", column=group, n=len(present)), column=group,
                        value=", ".join(map(str, present[:5])), hint=t("stats3.hint.two_groups", treated=treated))
    arm = np.where(labels.isna().to_numpy(), np.nan, is_treated.astype(np.float64))
    frame, gkeys = grouped(data[keys].copy() if keys else pd.DataFrame(index=data.index), keys)
    records = []
    for key, index in frame.groupby(gkeys, sort=True, observed=True).indices.items():
        label = dict(zip(gkeys, key if isinstance(key, tuple) else (key,), strict=True))
        for j, y in enumerate(ys):
            x, a = values[index, j], arm[index]
            ok = ~np.isnan(x) & ~np.isnan(a)
            row = _compare(x[ok & (a == 1.0)], x[ok & (a == 0.0)], level)
            mw = row.pop("mw_method", "")
            row["method"] = (f"difference in means (treated - comparison); Welch t, interval at {level:g}; "
                             f"SE also pooled and HC1; Hedges g with noncentral t CI; Mann-Whitney U ({mw})"
                             if mw else "difference in means")
            records.append({**label, "outcome": y, **row})
    out = drop_all(pd.DataFrame.from_records(records))
    out = out.reindex(columns=[*keys, "outcome", "n", "n_arm_min", *_VALUES, "method", "note"])
    parts = [["outcome"]] if len(keys) <= 1 else [["outcome", *[k for k in keys if k != key]] for key in keys]
    hidden = [c for c in _VALUES if c not in ("n_treated", "n_control")]
    return suppress(out, min_n=min_n, n_col="n_arm_min", partitions=parts, value_cols=hidden)
