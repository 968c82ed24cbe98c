"""Learning (Kirkpatrick level 2): pre-test / post-test change per programme.

Every function takes the processed ``tests`` table (participant_id,
program_id, pre, post on 0-100), uses the **complete pairs** (rows with both
scores; ``n`` = pairs), works per group of ``by`` (e.g. ``"program_id"``) or
overall, suppresses groups under ``min_n`` (primary + secondary, see
:mod:`kemuning_eval.stats.suppression`) and, across the published groups,
adds Holm-adjusted p-values (``p_holm``; Holm 1979 step-down, as
``statsmodels.stats.multitest.multipletests(method="holm")``).

Definitions used
----------------
:func:`paired_change`
    D = post - pre; ``estimate`` = mean D, ``sd`` = SD of D (ddof=1), t
    interval, paired t-test (``statistic`` = t, ``df`` = n - 1, two-sided).
    With one pair, or when every D is the same (sd = 0: t would be infinite
    and the interval of zero width), the test and interval are NaN and
    ``note`` says why.
:func:`wilcoxon_signed_rank`
    Zero differences dropped (Wilcoxon's rule, R and scipy default);
    ``statistic`` = **V = sum of the ranks of positive differences** (R's V),
    ``w_min`` = the smaller rank sum (scipy's and pingouin's statistic).
    ``method`` "exact" (no ties, no zeros and fewer than 50 non-zero pairs,
    R's ``wilcox.test`` rule; scipy's exact distribution) else "normal":
    normal approximation with the
    tie correction of the variance and a continuity correction of 0.5 (as R's
    ``wilcox.test``).  ``rank_biserial`` = matched-pairs rank-biserial correlation
    (Kerby 2014 simple difference = (T+ - T-)/(T+ + T-); King & Minium),
    positive when scores rise.
:func:`effect_sizes`
    ``d_z`` = mean(D) / sd(D); ``g_z`` = J * d_z with Hedges' J = 1 - 3 / (4(n-1) - 1).
    CI of d_z by inverting the noncentral t distribution (Steiger & Fouladi
    1997) at t = d_z * sqrt(n), df = n - 1; CI of g_z = J * CI of d_z.
    g_z is NaN below 3 pairs (J = 0 at n = 2); both are NaN when every
    difference is the same (sd(D) = 0); the reason is in ``note``.
    Cohen's bands on |d|: < 0.2 negligible, < 0.5 small, < 0.8 medium, else large.
:func:`normalized_gain`
    Hake (1998) on 0-100 scores: ``class_average`` = (mean post - mean pre) /
    (100 - mean pre); ``average_individual`` = mean of (post - pre) / (100 - pre)
    over pairs with pre < 100 (pairs with pre = 100 are excluded and counted in
    ``n_excluded``).  Bands: low < 0.3 <= medium < 0.7 <= high.  The two are
    different measures, not cells of one breakdown: each is suppressed on its
    own ``n``.  The class-average gain divides by ``100 - mean pre``: when the
    pre mean lies within ``GAIN_CEILING_DISTANCE`` (10) points of the maximum
    it is flagged ``unreliable`` (a small denominator makes it jump), and it
    is NaN at a pre mean of 100.
:func:`pass_rate`
    Passed = score >= the programme's ``pass_mark`` (``programs`` table; else
    ``pass_mark``).  Shares before and after; ``estimate`` = after - before;
    McNemar's test on the discordant pairs (b = passed only before, c = only
    after): **exact binomial** (two-sided, ``min(1, 2 * P(X <= min(b, c)))``)
    when b + c < 25, else chi-square with continuity correction
    ``(|b - c| - 1)^2 / (b + c)``, df = 1.

On the bundled data::

    import pandas as pd
    d = "data/processed/2026/"
    learning_summary(pd.read_parquet(d + "tests.parquet"),
                     pd.read_parquet(d + "programs.parquet"), by="program_id")
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from kemuning_eval.errors import check_arg
from kemuning_eval.stats._common import (
    DEFAULT_LEVEL,
    DEFAULT_MIN_N,
    DEFAULT_PASS_MARK,
    GAIN_CEILING_DISTANCE,
    as_columns,
    check_level,
    check_min_n,
    check_range,
    drop_all,
    grouped,
    ncp_interval,
    numeric_matrix,
    require_columns,
    t_interval,
    t_test_mean,
)
from kemuning_eval.stats.bands import effect_band, gain_band
from kemuning_eval.stats.suppression import suppress

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    import pandas as pd

#: R's wilcox.test: exact distribution below this many non-zero differences (and no ties).
WILCOXON_EXACT_BELOW = 50
MCNEMAR_EXACT_BELOW = 25
SCORE_MAX = 100.0


def holm(p_values: Sequence[float] | np.ndarray) -> np.ndarray:
    """Holm step-down adjusted p-values; NaN entries are left out of the family.

    Examples
    --------
    >>> holm([0.01, 0.04, float("nan"), 0.03]).round(3).tolist()
    [0.03, 0.06, nan, 0.06]
    """
    import numpy as np

    p = np.asarray(p_values, dtype=np.float64)
    out = np.full(p.shape, np.nan)
    ok = np.flatnonzero(~np.isnan(p))
    m = len(ok)
    if m == 0:
        return out
    order = ok[np.argsort(p[ok], kind="stable")]
    adjusted = np.maximum.accumulate(p[order] * (m - np.arange(m)))
    out[order] = np.minimum(adjusted, 1.0)
    return out


#: columns the paired-test functions create while working; a ``by`` column may not use them
_WORK_COLUMNS = frozenset({"pre", "post", "d", "g", "mark", "pass_pre", "pass_post", "b", "c"})


def _pairs(tests: pd.DataFrame, by, pre: str, post: str, extra: Sequence[str] = ()):
    """Complete pairs with D = post - pre (plus ``extra`` columns); the grouping keys."""
    import numpy as np
    import pandas as pd

    keys = as_columns(by)
    clash = sorted(set(keys) & _WORK_COLUMNS)
    check_arg(not clash, "by", clash, f"grouping columns other than {sorted(_WORK_COLUMNS)} "
              "(names used for intermediate results: rename the column first)")
    require_columns(tests, [*keys, *extra, pre, post], table="tests")
    x = numeric_matrix(tests, [pre, post], table="tests")
    check_range(x, [pre, post], 0, SCORE_MAX)
    ok = ~np.isnan(x).any(axis=1)
    frame = pd.DataFrame({k: tests[k].to_numpy()[ok] for k in dict.fromkeys([*keys, *extra])})
    frame["pre"], frame["post"] = x[ok, 0], x[ok, 1]
    frame["d"] = frame["post"] - frame["pre"]
    frame, gkeys = grouped(frame.dropna(subset=keys).reset_index(drop=True), keys)
    return frame, keys, gkeys


def _finish(out: pd.DataFrame, keys: list[str], min_n: int, value_cols: list[str],
            p_col: str | None = "p_val", measure: bool = False) -> pd.DataFrame:
    """Drop the dummy key, suppress small groups, add Holm-adjusted p-values.

    With ``measure``, the rows of each ``measure`` are a breakdown of their own
    (different measures are not cells that add up to a total).
    """
    import pandas as pd

    out = drop_all(out.reset_index())
    cell = ["measure"] if measure else []
    parts = [cell] if len(keys) <= 1 else [[*cell, *[k for k in keys if k != key]] for key in keys]
    if p_col is not None:
        value_cols = [*value_cols, p_col]
    out = suppress(out, min_n=min_n, partitions=parts, value_cols=value_cols)
    if p_col is not None:
        out.insert(out.columns.get_loc(p_col) + 1, "p_holm",
                   holm(pd.to_numeric(out[p_col]).to_numpy()))
    return out


def paired_change(
    tests: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = None,
    pre: str = "pre",
    post: str = "post",
    level: float = DEFAULT_LEVEL,
    min_n: int = DEFAULT_MIN_N,
) -> pd.DataFrame:
    """Mean change with its t interval and the paired t-test, per group.

    Returns grouping columns, ``n``, ``pre_mean``, ``post_mean``, ``estimate``
    (mean D), ``sd``, ``ci_low``, ``ci_high``, ``statistic`` (t), ``df``,
    ``p_val``, ``p_holm``, ``method``, ``suppressed``, ``suppression``.

    Examples
    --------
    >>> import pandas as pd
    >>> tests = pd.DataFrame({"pre": [50, 60, 55, 70, 40, 65.0],
    ...                       "post": [70, 72, 60, 85, 58, 66.0]})
    >>> out = paired_change(tests)
    >>> out[["n", "estimate", "sd", "ci_low", "ci_high", "statistic", "df", "p_val"]].round(4).to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'n': 6, 'estimate': 11.8333, 'sd': 7.4677, 'ci_low': 3.9965, 'ci_high': 19.6702, 'statistic': 3.8815, 'df': 5.0, 'p_val': 0.0116}]
    """
    import numpy as np

    level, min_n = check_level(level), check_min_n(min_n)
    frame, keys, gkeys = _pairs(tests, by, pre, post)
    g = frame.groupby(gkeys, sort=True)
    out = g.agg(n=("d", "size"), pre_mean=("pre", "mean"), post_mean=("post", "mean"),
                estimate=("d", "mean"), sd=("d", "std"))
    n = out["n"].to_numpy(dtype=np.float64)
    out["ci_low"], out["ci_high"] = t_interval(out["estimate"], out["sd"], n, level)
    out["statistic"], out["df"], out["p_val"] = t_test_mean(out["estimate"], out["sd"], n)
    flat = (out["sd"] == 0).to_numpy()
    out.loc[flat, ["ci_low", "ci_high", "statistic", "p_val"]] = np.nan
    out["method"] = "paired t-test, two-sided; t CI of mean D"
    out["note"] = np.where(n < 2, "fewer than 2 pairs: no SD, no test",
                           np.where(flat, "every difference is the same (sd = 0): no test, no interval", ""))
    return _finish(out, keys, min_n, ["pre_mean", "post_mean", "estimate", "sd", "ci_low",
                                      "ci_high", "statistic", "df"])


def wilcoxon_signed_rank(
    tests: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = None,
    pre: str = "pre",
    post: str = "post",
    min_n: int = DEFAULT_MIN_N,
) -> pd.DataFrame:
    """Wilcoxon signed-rank test with the matched-pairs rank-biserial r, per group.

    Returns grouping columns, ``n`` (pairs), ``n_zero`` (dropped zero
    differences), ``statistic`` (R's V = T+), ``w_min`` (min(T+, T-)), ``z``
    (normal method only), ``p_val``, ``p_holm``, ``rank_biserial``, ``method``,
    ``suppressed``, ``suppression``.  Vectorised: ranks within groups by one
    grouped rank; only small tie-free groups call scipy's exact distribution.

    Examples
    --------
    >>> import pandas as pd
    >>> tests = pd.DataFrame({"pre": [50, 60, 55, 70, 40, 65.0],
    ...                       "post": [70, 72, 60, 85, 58, 66.0]})
    >>> out = wilcoxon_signed_rank(tests)
    >>> out[["n", "n_zero", "statistic", "w_min", "p_val", "rank_biserial", "method"]].round(4).to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'n': 6, 'n_zero': 0, 'statistic': 21.0, 'w_min': 0.0, 'p_val': 0.0312, 'rank_biserial': 1.0, 'method': 'exact'}]
    """
    import numpy as np
    import pandas as pd
    from scipy import stats

    min_n = check_min_n(min_n)
    frame, keys, gkeys = _pairs(tests, by, pre, post)
    total = frame.groupby(gkeys, sort=True).size().rename("n")
    nz = frame[frame["d"] != 0].copy()
    nz["absd"] = nz["d"].abs()
    nz["rank"] = nz.groupby(gkeys, sort=False)["absd"].rank(method="average")
    nz["r_plus"] = np.where(nz["d"] > 0, nz["rank"], 0.0)
    nz["r_minus"] = np.where(nz["d"] < 0, nz["rank"], 0.0)
    sums = nz.groupby(gkeys, sort=True).agg(n_used=("d", "size"), t_plus=("r_plus", "sum"),
                                            t_minus=("r_minus", "sum"))
    ties = nz.groupby([*gkeys, "absd"], sort=False).size()
    tie_term = (ties.astype(np.float64) ** 3 - ties).groupby(level=gkeys).sum().rename("tie_term")
    out = pd.concat([total, sums, tie_term], axis=1)
    out[["n_used", "t_plus", "t_minus", "tie_term"]] = out[
        ["n_used", "t_plus", "t_minus", "tie_term"]].fillna(0.0)
    m = out["n_used"].to_numpy(dtype=np.float64)
    tp = out["t_plus"].to_numpy()
    mean = m * (m + 1) / 4
    var = m * (m + 1) * (2 * m + 1) / 24 - out["tie_term"].to_numpy() / 48
    with np.errstate(invalid="ignore", divide="ignore"):
        diff = tp - mean
        z = (diff - 0.5 * np.sign(diff)) / np.sqrt(var)
        p = np.where(var > 0, 2 * stats.norm.sf(np.abs(z)), np.nan)
        rbc = (tp - out["t_minus"].to_numpy()) / (tp + out["t_minus"].to_numpy())
    n_zero = out["n"].to_numpy() - m
    exact = (m >= 1) & (m < WILCOXON_EXACT_BELOW) & (out["tie_term"].to_numpy() == 0) & (n_zero == 0)
    if exact.any():
        rows = frame.groupby(gkeys, sort=True).indices
        d_all = frame["d"].to_numpy()
        for pos in np.flatnonzero(exact):
            p[pos] = stats.wilcoxon(d_all[rows[out.index[pos]]], method="exact").pvalue
            z[pos] = np.nan
    out["n_zero"] = n_zero.astype("int64")
    out["statistic"] = tp
    out["w_min"] = np.minimum(tp, out["t_minus"].to_numpy())
    out["z"] = z
    out["p_val"] = p
    out["rank_biserial"] = rbc
    out["method"] = np.where(exact, "exact", "normal")
    out = out[["n", "n_zero", "statistic", "w_min", "z", "p_val", "rank_biserial", "method"]]
    return _finish(out, keys, min_n, ["statistic", "w_min", "z", "rank_biserial"])


def d_z_interval(d_z: float, n: int, level: float = DEFAULT_LEVEL) -> tuple[float, float]:
    """CI of d_z by inverting the noncentral t (Steiger & Fouladi 1997).

    Examples
    --------
    >>> low, high = d_z_interval(0.5, 10)
    >>> round(low, 4), round(high, 4)
    (-0.1723, 1.1482)
    """
    import math

    if n < 2 or not math.isfinite(d_z):
        return math.nan, math.nan
    low, high = ncp_interval(d_z * math.sqrt(n), n - 1, level)
    return low / math.sqrt(n), high / math.sqrt(n)


def effect_sizes(
    tests: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = None,
    pre: str = "pre",
    post: str = "post",
    level: float = DEFAULT_LEVEL,
    min_n: int = DEFAULT_MIN_N,
) -> pd.DataFrame:
    """Standardised mean change d_z and Hedges-corrected g_z with 95% CIs.

    Long format: one row per group and ``measure`` (``"dz"``: d_z, ``"gz"``: g_z) with
    ``n``, ``estimate``, ``ci_low``, ``ci_high``, ``band`` (Cohen), ``method``,
    ``suppressed``, ``suppression``.

    Examples
    --------
    >>> import pandas as pd
    >>> tests = pd.DataFrame({"pre": [50, 60, 55, 70, 40, 65.0],
    ...                       "post": [70, 72, 60, 85, 58, 66.0]})
    >>> effect_sizes(tests)[["measure", "n", "estimate", "ci_low", "ci_high", "band"]].round(3).to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'measure': 'dz', 'n': 6, 'estimate': 1.585, 'ci_low': 0.313, 'ci_high': 2.801, 'band': 'large'},
     {'measure': 'gz', 'n': 6, 'estimate': 1.334, 'ci_low': 0.263, 'ci_high': 2.358, 'band': 'large'}]
    """
    import numpy as np
    import pandas as pd

    level, min_n = check_level(level), check_min_n(min_n)
    frame, keys, gkeys = _pairs(tests, by, pre, post)
    agg = frame.groupby(gkeys, sort=True)["d"].agg(["size", "mean", "std"])
    n = agg["size"].to_numpy(dtype=np.float64)
    sd = agg["std"].to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):
        d = np.where(sd > 0, agg["mean"].to_numpy() / sd, np.nan)
        j = np.where(n >= 3, 1 - 3 / (4 * (n - 1) - 1), np.nan)
    reason = np.where(n < 2, "fewer than 2 pairs: no SD",
                      np.where(sd == 0, "every difference is the same (sd = 0): no standardised effect", ""))
    ci = np.array([d_z_interval(float(v), int(k), level) for v, k in zip(d, n, strict=True)])
    ci = ci.reshape(-1, 2)
    rows = []
    for measure, factor in (("dz", 1.0), ("gz", j)):
        part = pd.DataFrame(index=agg.index)
        part["measure"] = measure
        part["n"] = agg["size"].to_numpy()
        part["estimate"] = d * factor
        part["ci_low"], part["ci_high"] = ci[:, 0] * factor, ci[:, 1] * factor
        part["note"] = reason if measure == "dz" else np.where(
            (n < 3) & (reason == ""), "fewer than 3 pairs: Hedges' J = 1 - 3/(4(n-1)-1) is not positive", reason)
        rows.append(part)
    out = pd.concat(rows).sort_index(kind="stable")
    out["band"] = [effect_band(v) for v in out["estimate"]]
    out["method"] = np.where(out["measure"] == "dz",
                             "d_z = mean(D)/sd(D); noncentral t CI",
                             "g_z = J*d_z, J = 1-3/(4(n-1)-1); CI = J*CI(d_z)")
    out = _finish(out, keys, min_n, ["estimate", "ci_low", "ci_high"], p_col=None, measure=True)
    out.loc[out["suppressed"], "band"] = None
    return out


def normalized_gain(
    tests: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = None,
    pre: str = "pre",
    post: str = "post",
    min_n: int = DEFAULT_MIN_N,
) -> pd.DataFrame:
    """Hake's normalised gain, both ways, with bands.

    Long format: one row per group and ``measure`` (``"class_average"``,
    ``"average_individual"``) with ``n``, ``n_excluded`` (pre = 100, individual
    gains only), ``estimate``, ``band``, ``method``, ``suppressed``, ``suppression``.

    Examples
    --------
    >>> import pandas as pd
    >>> tests = pd.DataFrame({"pre": [50, 60, 100, 70, 40, 80.0],
    ...                       "post": [75, 80, 100, 85, 70, 90.0]})
    >>> normalized_gain(tests, min_n=1)[["measure", "n", "n_excluded", "estimate", "band"]].round(3).to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'measure': 'class_average', 'n': 6, 'n_excluded': 0, 'estimate': 0.5, 'band': 'medium'},
     {'measure': 'average_individual', 'n': 5, 'n_excluded': 1, 'estimate': 0.5, 'band': 'medium'}]
    """
    import numpy as np
    import pandas as pd

    min_n = check_min_n(min_n)
    frame, keys, gkeys = _pairs(tests, by, pre, post)
    with np.errstate(invalid="ignore", divide="ignore"):
        frame["g"] = np.where(frame["pre"] < SCORE_MAX,
                              frame["d"] / (SCORE_MAX - frame["pre"]), np.nan)
    agg = frame.groupby(gkeys, sort=True).agg(n=("d", "size"), pre=("pre", "mean"),
                                              post=("post", "mean"), g=("g", "mean"),
                                              n_g=("g", "count"))
    room = SCORE_MAX - agg["pre"]
    with np.errstate(invalid="ignore", divide="ignore"):
        class_g = np.where(room > 0, (agg["post"] - agg["pre"]) / room, np.nan)
    near = (room < GAIN_CEILING_DISTANCE).to_numpy()
    cls = pd.DataFrame({"measure": "class_average", "n": agg["n"], "n_excluded": 0,
                        "estimate": class_g, "unreliable": near,
                        "method": "(mean post - mean pre)/(100 - mean pre)",
                        "note": np.where(room <= 0, "mean pre = 100: no room to gain, undefined",
                                         np.where(near, f"mean pre within {GAIN_CEILING_DISTANCE:g} points of 100: "
                                                  "small denominator, unstable", ""))})
    ind = pd.DataFrame({"measure": "average_individual", "n": agg["n_g"],
                        "n_excluded": agg["n"] - agg["n_g"], "estimate": agg["g"], "unreliable": False,
                        "method": "mean of (post - pre)/(100 - pre), pre = 100 excluded",
                        "note": np.where(agg["n_g"] == 0, "every pre score is 100: undefined", "")})
    out = pd.concat([cls, ind]).sort_index(kind="stable")
    out["band"] = [gain_band(v) for v in out["estimate"]]
    out = out[["measure", "n", "n_excluded", "estimate", "band", "unreliable", "method", "note"]]
    out = _finish(out, keys, min_n, ["estimate"], p_col=None, measure=True)
    out.loc[out["suppressed"], "band"] = None
    return out


def pass_rate(
    tests: pd.DataFrame,
    programs: pd.DataFrame | None = None,
    *,
    by: str | Sequence[str] | None = None,
    pre: str = "pre",
    post: str = "post",
    pass_mark: float = DEFAULT_PASS_MARK,
    min_n: int = DEFAULT_MIN_N,
) -> pd.DataFrame:
    """Share passing before and after, with McNemar's test, per group.

    Each participant is judged against his or her programme's ``pass_mark``
    (``programs`` joined on ``program_id``); ``pass_mark`` is used where the
    programme has none or no ``programs`` table is given.

    Returns grouping columns, ``n``, ``pass_pre``, ``pass_post`` (shares),
    ``estimate`` (pass_post - pass_pre), ``n_pre_only`` (b), ``n_post_only``
    (c), ``statistic`` (min(b, c) for the exact test, chi-square otherwise),
    ``df``, ``p_val``, ``p_holm``, ``method``, ``suppressed``, ``suppression``.

    Examples
    --------
    >>> import pandas as pd
    >>> tests = pd.DataFrame({"program_id": ["A"] * 6, "pre": [50, 60, 75, 70, 40, 65.0],
    ...                       "post": [70, 72, 60, 85, 58, 66.0]})
    >>> programs = pd.DataFrame({"program_id": ["A"], "pass_mark": [65.0]})
    >>> out = pass_rate(tests, programs)
    >>> out[["n", "pass_pre", "pass_post", "n_pre_only", "n_post_only", "p_val", "method"]].round(3).to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'n': 6, 'pass_pre': 0.5, 'pass_post': 0.667, 'n_pre_only': 1, 'n_post_only': 2, 'p_val': 1.0, 'method': 'exact binomial'}]
    """
    import numpy as np
    import pandas as pd
    from scipy import stats

    min_n = check_min_n(min_n)
    check_arg(isinstance(pass_mark, (int, float)) and 0 <= pass_mark <= SCORE_MAX,
              "pass_mark", pass_mark, "a score between 0 and 100")
    extra = ["program_id"] if programs is not None else []
    frame, keys, gkeys = _pairs(tests, by, pre, post, extra)
    marks = np.full(len(frame), float(pass_mark))
    if programs is not None:
        require_columns(programs, ["program_id", "pass_mark"], table="programs")
        per_prog = programs.drop_duplicates("program_id").set_index("program_id")["pass_mark"]
        found = pd.to_numeric(frame["program_id"].map(per_prog), errors="coerce").to_numpy()
        marks = np.where(np.isnan(found), marks, found)
    frame["mark"] = marks
    frame["pass_pre"] = frame["pre"] >= marks
    frame["pass_post"] = frame["post"] >= marks
    frame["b"] = frame["pass_pre"] & ~frame["pass_post"]
    frame["c"] = ~frame["pass_pre"] & frame["pass_post"]
    out = frame.groupby(gkeys, sort=True).agg(
        n=("d", "size"), pass_mark=("mark", "mean"), pass_pre=("pass_pre", "mean"),
        pass_post=("pass_post", "mean"), n_pre_only=("b", "sum"), n_post_only=("c", "sum"))
    out["estimate"] = out["pass_post"] - out["pass_pre"]
    b = out["n_pre_only"].to_numpy(dtype=np.float64)
    c = out["n_post_only"].to_numpy(dtype=np.float64)
    disc = b + c
    exact = disc < MCNEMAR_EXACT_BELOW
    with np.errstate(invalid="ignore", divide="ignore"):
        chi2 = (np.abs(b - c) - 1) ** 2 / disc
        p_exact = np.minimum(1.0, 2 * stats.binom.cdf(np.minimum(b, c), disc, 0.5))
        p_chi2 = stats.chi2.sf(chi2, 1)
    out["statistic"] = np.where(exact, np.minimum(b, c), chi2)
    out["df"] = np.where(exact, np.nan, 1.0)
    out["p_val"] = np.where(disc == 0, 1.0, np.where(exact, p_exact, p_chi2))
    out["method"] = np.where(exact, "exact binomial", "chi-square, continuity corrected")
    return _finish(out, keys, min_n, ["pass_pre", "pass_post", "estimate", "n_pre_only",
                                      "n_post_only", "statistic", "df"])


def learning_summary(
    tests: pd.DataFrame,
    programs: pd.DataFrame | None = None,
    *,
    by: str | Sequence[str] | None = "program_id",
    level: float = DEFAULT_LEVEL,
    min_n: int = DEFAULT_MIN_N,
    pass_mark: float = DEFAULT_PASS_MARK,
) -> pd.DataFrame:
    """One row per group with the headline numbers of every learning measure.

    Columns (the names of the results model and ``metrics.json``): grouping columns, ``n``,
    ``pre_mean``, ``post_mean``, ``estimate`` (mean change), ``ci_low``, ``ci_high``, ``t``, ``p_val``,
    ``p_holm`` (paired t), ``w_stat``, ``w_p``, ``w_p_holm``, ``w_method`` (Wilcoxon V),
    ``rank_biserial``, ``dz``, ``dz_ci_low``, ``dz_ci_high``,
    ``gz``, ``gz_ci_low``, ``gz_ci_high``, ``effect_band``, ``gain_class``,
    ``gain_band``, ``gain_class_unreliable`` (pre mean near 100), ``gain_individual``, ``pass_pre``, ``pass_post``,
    ``mcnemar_p_val``, ``mcnemar_p_holm``, ``mcnemar_method``, ``suppressed``.

    Examples
    --------
    >>> import pandas as pd
    >>> tests = pd.DataFrame({"program_id": ["A"] * 6, "pre": [50, 60, 55, 70, 40, 65.0],
    ...                       "post": [70, 72, 60, 85, 58, 66.0]})
    >>> row = learning_summary(tests).iloc[0]
    >>> print(row["program_id"], row["n"], round(row["estimate"], 2), round(row["gz"], 3))
    A 6 11.83 1.334
    """
    keys = as_columns(by)
    kw = {"by": keys or None, "min_n": min_n}
    change = paired_change(tests, level=level, **kw)
    wil = wilcoxon_signed_rank(tests, **kw)
    eff = effect_sizes(tests, level=level, **kw)
    gain = normalized_gain(tests, **kw)
    passed = pass_rate(tests, programs, pass_mark=pass_mark, **kw)
    out = change[[*keys, "n", "pre_mean", "post_mean", "estimate", "ci_low", "ci_high",
                  "statistic", "p_val", "p_holm", "suppressed"]].rename(columns={"statistic": "t"})
    suppressed = out.pop("suppressed")
    on = keys or None

    def add(frame, columns):
        nonlocal out
        part = frame[[*keys, *columns]].rename(columns=columns)
        out = out.merge(part, on=on, how="left") if keys else out.join(part)

    add(wil, {"statistic": "w_stat", "p_val": "w_p", "p_holm": "w_p_holm", "method": "w_method",
              "rank_biserial": "rank_biserial"})
    for measure in ("dz", "gz"):
        sub = eff[eff["measure"] == measure].reset_index(drop=True)
        cols = {"estimate": measure, "ci_low": f"{measure}_ci_low", "ci_high": f"{measure}_ci_high"}
        if measure == "dz":
            cols["band"] = "effect_band"
        add(sub, cols)
    for measure, name in (("class_average", "gain_class"), ("average_individual", "gain_individual")):
        sub = gain[gain["measure"] == measure].reset_index(drop=True)
        add(sub, {"estimate": name, **({"band": "gain_band", "unreliable": "gain_class_unreliable"}
                                       if name == "gain_class" else {})})
    add(passed, {"pass_pre": "pass_pre", "pass_post": "pass_post", "p_val": "mcnemar_p_val",
                 "p_holm": "mcnemar_p_holm", "method": "mcnemar_method"})
    out["suppressed"] = suppressed.to_numpy()
    return out
