"""Behaviour at work (Kirkpatrick level 3): change, share applying, rater agreement.

Input is the processed ``observations`` table (``docs/architecture.md``): one
row per participant x rater (``supervisor`` / ``peer`` / ``self``) x wave
(``baseline`` / ``followup``) with indicator columns ``obs_*`` (1-5) and
``applies`` (bool, follow-up only).

Definitions
-----------
Change
    ``D = followup - baseline`` for the same participant, rater and indicator
    (pairs with both waves observed; a missing indicator drops only that pair:
    *pairwise complete per indicator*).  Reported: mean D with a t interval,
    paired t test (df = n - 1) and d_z = mean(D) / sd(D).
Composite ``obs_mean``
    Mean of the indicators a row has (NaN when it has none), then paired as above.
Share applying
    Follow-up rows of one rater with ``applies`` known; Wilson score interval.
Agreement
    Two or more raters of the same person at one wave, complete cases:
    ICC(2,1) (two-way random, absolute agreement, single rater) and ICC(3,1)
    (two-way mixed, consistency) of Shrout & Fleiss (1979) with the F test and
    the McGraw & Wong (1996) intervals; for two raters also Cohen's kappa with
    quadratic weights on the integer scale between the smallest and largest
    rating seen.

Examples
--------
>>> import pandas as pd
>>> obs = pd.DataFrame({
...     "participant_id": [f"P{i}" for i in range(6)] * 2,
...     "program_id": "PK01", "rater": "supervisor",
...     "wave": ["baseline"] * 6 + ["followup"] * 6,
...     "obs_1": [2, 3, 2, 3, 2, 3, 3, 4, 4, 4, 3, 5],
...     "applies": [None] * 6 + [True, True, False, True, True, True]})
>>> res = behavior_change(obs, by=["rater"], composite=False)
>>> res[["indicator", "rater", "n", "estimate"]].to_string(index=False)
'indicator      rater  n  estimate\\n    obs_1 supervisor  6  1.333333'
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING

from kemuning_eval.errors import DataError, check_arg
from kemuning_eval.i18n import t
from kemuning_eval.stats._common import (
    DEFAULT_LEVEL,
    DEFAULT_MIN_N,
    as_columns,
    check_level,
    check_min_n,
    drop_all,
    grouped,
    require_columns,
    t_interval,
    t_test_mean,
    wilson_interval,
)
from kemuning_eval.stats.suppression import suppress_small

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    import pandas as pd

RATERS = ("supervisor", "peer", "self")
WAVES = ("baseline", "followup")
COMPOSITE = "obs_mean"
_ID = ["participant_id", "rater"]


def _indicators(data: pd.DataFrame, indicators: Sequence[str] | None) -> list[str]:
    cols = [c for c in data.columns if str(c).startswith("obs_") and c != COMPOSITE] if indicators is None else as_columns(indicators)
    check_arg(len(cols) > 0, "indicators", indicators, "at least one indicator column (obs_*)")
    require_columns(data, cols, table="observations")
    return cols


def _wave_frame(data: pd.DataFrame, wave: str, keys: list[str], cols: list[str], composite: bool) -> pd.DataFrame:
    """Rows of one wave indexed by ``keys``; duplicated keys are a data error."""
    part = data.loc[data["wave"] == wave, keys + cols]
    dup = part.duplicated(keys)
    if dup.any():
        first = part.loc[dup, keys].iloc[0]
        raise DataError(
            t("stats2.error.duplicate_rows", table="observations", keys=", ".join(keys)),
            column=keys[0], value=" / ".join(map(str, first.tolist())),
            hint=t("stats2.hint.duplicate_rows"),
        )
    frame = part.set_index(keys)[cols].astype("float64")
    if composite:
        frame[COMPOSITE] = frame[cols].mean(axis=1)
    return frame


def paired_waves(
    data: pd.DataFrame, *, indicators: Sequence[str] | None = None, by: Sequence[str] = (), composite: bool = True
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Baseline and follow-up scores aligned on participant, rater and ``by``.

    Returns two frames with the same index (participant_id, rater, *by) and the
    same indicator columns (plus ``obs_mean`` when ``composite``).

    Examples
    --------
    >>> import pandas as pd
    >>> obs = pd.DataFrame({"participant_id": ["P1", "P1"], "rater": "self",
    ...                     "wave": ["baseline", "followup"], "obs_1": [2, 4]})
    >>> base, follow = paired_waves(obs, composite=False)
    >>> float((follow - base)["obs_1"].iloc[0])
    2.0
    """
    extra = [c for c in as_columns(by) if c not in _ID]
    require_columns(data, _ID + ["wave"] + extra, table="observations")
    cols = _indicators(data, indicators)
    keys = _ID + extra
    base = _wave_frame(data, "baseline", keys, cols, composite)
    follow = _wave_frame(data, "followup", keys, cols, composite)
    base, follow = base.align(follow, join="inner")
    return base, follow


def behavior_change(
    data: pd.DataFrame,
    *,
    indicators: Sequence[str] | None = None,
    by: str | Sequence[str] | None = ("program_id", "rater"),
    composite: bool = True,
    level: float = DEFAULT_LEVEL,
    min_n: int = DEFAULT_MIN_N,
) -> pd.DataFrame:
    """Paired change from baseline to follow-up per indicator and group.

    Parameters
    ----------
    data : DataFrame
        The ``observations`` table.
    indicators : list of str, optional
        Indicator columns; default every ``obs_*`` column.
    by : str or list of str, optional
        Grouping columns (default programme and rater).  Keep ``rater`` in it:
        pooling raters mixes different judges of the same person.
    composite : bool
        Also report ``obs_mean`` (mean of a row's indicators).
    level : float
        Confidence level of the t interval.
    min_n : int
        Groups with fewer pairs are suppressed (NaN statistics).

    Returns
    -------
    DataFrame
        ``indicator``, grouping columns, ``n`` (pairs), ``baseline_mean``,
        ``followup_mean``, ``estimate`` (mean change), ``sd``, ``ci_low``,
        ``ci_high``, ``statistic`` (paired t), ``df``, ``p_val`` (two-sided),
        ``dz`` (d_z), ``method``, ``note`` (why a value is NaN: n < 2, sd = 0),
        ``suppressed``, ``suppression``.

    Examples
    --------
    >>> import pandas as pd
    >>> obs = pd.DataFrame({
    ...     "participant_id": [f"P{i}" for i in range(5)] * 2, "rater": "peer",
    ...     "wave": ["baseline"] * 5 + ["followup"] * 5,
    ...     "obs_1": [2, 3, 2, 3, 2, 3, 4, 4, 4, 3]})
    >>> res = behavior_change(obs, by="rater", composite=False)
    >>> round(float(res["estimate"].iloc[0]), 2), round(float(res["p_val"].iloc[0]), 4)
    (1.2, 0.0039)
    """
    import numpy as np
    import pandas as pd

    level = check_level(level)
    min_n = check_min_n(min_n)
    by_cols = as_columns(by)
    base, follow = paired_waves(data, indicators=indicators, by=by_cols, composite=composite)
    diff = follow - base
    both = diff.notna()
    frames = {"base": base.where(both), "follow": follow.where(both), "diff": diff}
    parts = {}
    for name, frame in frames.items():
        flat, gkeys = grouped(frame.reset_index(), by_cols)
        g = flat.groupby(gkeys, sort=True, observed=True)[list(frame.columns)]
        if name == "diff":
            parts["n"] = g.count().stack()
            parts["estimate"] = g.mean().stack()
            parts["sd"] = g.std(ddof=1).stack()
        else:
            parts[f"{'baseline' if name == 'base' else 'followup'}_mean"] = g.mean().stack()
    out = pd.DataFrame(parts)
    out.index = out.index.set_names([*out.index.names[:-1], "indicator"])
    out = drop_all(out.reset_index())
    n = out["n"].to_numpy(dtype=np.float64)
    est = out["estimate"].to_numpy(dtype=np.float64)
    sd = out["sd"].to_numpy(dtype=np.float64)
    out["n"] = out["n"].astype("int64")
    out["ci_low"], out["ci_high"] = t_interval(est, sd, n, level)
    out["statistic"], out["df"], out["p_val"] = t_test_mean(est, sd, n)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["dz"] = np.where(sd > 0, est / sd, np.nan)
    out["method"] = (
        "paired t test of follow-up minus baseline (same participant and rater), "
        f"t interval at {level:g}, d_z = mean/sd; pairwise complete per indicator"
    )
    out["note"] = np.where(n < 2, "fewer than 2 pairs: no SD, no test",
                           np.where(sd == 0, "every change is the same (sd = 0): no test, no interval", ""))
    cols = ["indicator", *(c for c in by_cols)]
    stats_cols = ["baseline_mean", "followup_mean", "estimate", "sd", "ci_low", "ci_high",
                  "statistic", "df", "p_val", "dz"]
    out = out[cols + ["n", *stats_cols, "method", "note"]]
    within = ["indicator", *(c for c in by_cols if c != "program_id")] if "program_id" in by_cols else ["indicator", *by_cols]
    return suppress_small(out, min_n=min_n, columns=stats_cols, within=within).reset_index(drop=True)


def share_applying(
    data: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = "program_id",
    rater: str = "supervisor",
    level: float = DEFAULT_LEVEL,
    min_n: int = DEFAULT_MIN_N,
) -> pd.DataFrame:
    """Share of alumni applying the skill at follow-up, with a Wilson interval.

    Parameters
    ----------
    data : DataFrame
        The ``observations`` table (column ``applies``).
    by : str or list of str, optional
        Grouping columns (default ``program_id``; ``None`` for overall).
    rater : {"supervisor", "peer", "self"}
        Whose judgement of ``applies`` is counted (one row per participant).
    level : float
        Confidence level.
    min_n : int
        Groups with fewer participants are suppressed.

    Returns
    -------
    DataFrame
        grouping columns, ``rater``, ``n``, ``count`` (applying), ``estimate``
        (share), ``ci_low``, ``ci_high``, ``method``, ``suppressed``, ``suppression``.

    Examples
    --------
    >>> import pandas as pd
    >>> obs = pd.DataFrame({"participant_id": list("ABCDEFGHIJ"), "program_id": "PK01",
    ...                     "rater": "supervisor", "wave": "followup",
    ...                     "applies": [True] * 8 + [False] * 2})
    >>> res = share_applying(obs)
    >>> res[["n", "count", "estimate"]].to_dict("records")
    [{'n': 10, 'count': 8.0, 'estimate': 0.8}]
    >>> round(float(res["ci_low"].iloc[0]), 4)
    0.4902
    """
    import numpy as np

    level = check_level(level)
    min_n = check_min_n(min_n)
    check_arg(rater in RATERS, "rater", rater, f"one of {', '.join(RATERS)}")
    by_cols = as_columns(by)
    require_columns(data, ["participant_id", "rater", "wave", "applies", *by_cols], table="observations")
    rows = data.loc[(data["rater"] == rater) & (data["wave"] == "followup") & data["applies"].notna()]
    rows = rows.drop_duplicates(["participant_id"])
    rows = rows.assign(applies=rows["applies"].astype("float64"))
    rows, keys = grouped(rows, by_cols)
    g = rows.groupby(keys, sort=True, observed=True)["applies"]
    out = g.agg(n="count", count="sum").reset_index()
    out = drop_all(out)
    n = out["n"].to_numpy(dtype=np.float64)
    c = out["count"].to_numpy(dtype=np.float64)
    out["n"] = out["n"].astype("int64")
    out["count"] = out["count"].astype("float64")
    if "rater" not in by_cols:  # by=["program_id", "rater"] already carries it
        out.insert(len(by_cols), "rater", rater)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["estimate"] = c / n
    out["ci_low"], out["ci_high"] = wilson_interval(c, n, level)
    out["method"] = f"share of follow-up ratings by {rater} with applies = yes; Wilson score interval at {level:g}"
    return suppress_small(out, min_n=min_n, columns=["count", "estimate", "ci_low", "ci_high"], within=["rater"])


def icc_two_way(ratings: np.ndarray, *, level: float = DEFAULT_LEVEL) -> dict[str, dict[str, float]]:
    """ICC(2,1) and ICC(3,1) of a complete ``(n subjects, k raters)`` array.

    Two-way ANOVA mean squares: rows (subjects) ``MSR``, columns (raters) ``MSC``,
    residual ``MSE``.  ``ICC(2,1) = (MSR - MSE) / (MSR + (k-1) MSE + k (MSC - MSE) / n)``,
    ``ICC(3,1) = (MSR - MSE) / (MSR + (k-1) MSE)``; F = MSR/MSE on (n-1, (n-1)(k-1)) df.

    Examples
    --------
    >>> import numpy as np
    >>> res = icc_two_way(np.array([[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8],
    ...                             [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]], float))
    >>> round(res["icc2_1"]["estimate"], 2), round(res["icc3_1"]["estimate"], 2)
    (0.29, 0.71)
    """
    import numpy as np
    from scipy import stats

    y = np.asarray(ratings, dtype=np.float64)
    n, k = y.shape
    grand = y.mean()
    ss_r = k * np.sum((y.mean(axis=1) - grand) ** 2)
    ss_c = n * np.sum((y.mean(axis=0) - grand) ** 2)
    ss_e = np.sum((y - grand) ** 2) - ss_r - ss_c
    df1, df_c, df2 = n - 1, k - 1, (n - 1) * (k - 1)
    msr, msc, mse = ss_r / df1, ss_c / df_c, ss_e / df2
    alpha = 1 - level
    with np.errstate(invalid="ignore", divide="ignore"):
        f_val = msr / mse
        p_val = float(stats.f.sf(f_val, df1, df2))
        icc3 = (msr - mse) / (msr + (k - 1) * mse)
        icc2 = (msr - mse) / (msr + (k - 1) * mse + k * (msc - mse) / n)
        # ICC(3,1) interval (Shrout & Fleiss 1979)
        f_l = f_val / stats.f.ppf(1 - alpha / 2, df1, df2)
        f_u = f_val * stats.f.ppf(1 - alpha / 2, df2, df1)
        l3, u3 = (f_l - 1) / (f_l + k - 1), (f_u - 1) / (f_u + k - 1)
        # ICC(2,1) interval (McGraw & Wong 1996, approximate df v)
        fc = msc / mse
        a = k * icc2 * fc + n * (1 + (k - 1) * icc2) - k * icc2
        v = df2 * a**2 / (df1 * k**2 * icc2**2 * fc**2 + (n * (1 + (k - 1) * icc2) - k * icc2) ** 2)
        f2u = stats.f.ppf(1 - alpha / 2, df1, v)
        f2l = stats.f.ppf(1 - alpha / 2, v, df1)
        denom = k * msc + (k * n - k - n) * mse
        l2 = n * (msr - f2u * mse) / (f2u * denom + n * msr)
        u2 = n * (f2l * msr - mse) / (denom + n * f2l * msr)
    common = {"statistic": float(f_val), "df": float(df1), "df2": float(df2), "p_val": p_val}
    return {
        "icc2_1": {"estimate": float(icc2), "ci_low": float(l2), "ci_high": float(u2), **common},
        "icc3_1": {"estimate": float(icc3), "ci_low": float(l3), "ci_high": float(u3), **common},
    }


def _kappa_tables(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """Observed proportions, expected proportions and disagreement weights (None if one category)."""
    import numpy as np

    x = np.rint(np.asarray(a, dtype=np.float64)).astype(np.int64)
    y = np.rint(np.asarray(b, dtype=np.float64)).astype(np.int64)
    if x.size == 0:
        return None
    lo = int(min(x.min(), y.min()))
    size = int(max(x.max(), y.max())) - lo + 1
    if size < 2:
        return None
    observed = np.zeros((size, size), dtype=np.float64)
    np.add.at(observed, (x - lo, y - lo), 1.0)
    observed /= observed.sum()
    expected = np.outer(observed.sum(axis=1), observed.sum(axis=0))
    idx = np.arange(size, dtype=np.float64)
    return observed, expected, (idx[:, None] - idx[None, :]) ** 2 / (size - 1) ** 2


def weighted_kappa(a: np.ndarray, b: np.ndarray) -> float:
    """Cohen's kappa with quadratic weights for two integer ratings of the same subjects.

    Categories are the integers from the smallest to the largest value seen;
    weight ``w_ij = (i - j)^2 / (K - 1)^2``; ``kappa = 1 - sum(w O) / sum(w E)``
    with ``E`` the product of the margins (Cohen 1968).

    Examples
    --------
    >>> import numpy as np
    >>> round(weighted_kappa(np.array([1, 2, 3, 4, 5, 3]), np.array([1, 2, 3, 5, 4, 3])), 4)
    0.9
    """
    tables = _kappa_tables(a, b)
    if tables is None:
        return float("nan")
    observed, expected, w = tables
    return float(1 - (w * observed).sum() / (w * expected).sum())


def weighted_kappa_test(a: np.ndarray, b: np.ndarray, *, level: float = DEFAULT_LEVEL) -> dict[str, float]:
    """Quadratic-weighted kappa with its asymptotic interval and a z test against 0.

    Variances of Fleiss, Cohen & Everitt (1969) with agreement weights
    ``v = 1 - w``: the interval uses the variance under the alternative, the
    z test (``kappa / se0``, two-sided normal) the variance under kappa = 0.

    Examples
    --------
    >>> import numpy as np
    >>> res = weighted_kappa_test(np.array([1, 2, 3, 4, 5, 3, 2, 4]), np.array([1, 2, 3, 5, 4, 3, 3, 4]))
    >>> round(res["estimate"], 3), bool(res["ci_low"] < res["estimate"] < res["ci_high"])
    (0.87, True)
    """
    import numpy as np
    from scipy import stats

    n = float(np.asarray(a).size)
    tables = _kappa_tables(a, b)
    empty = {"estimate": np.nan, "se": np.nan, "ci_low": np.nan, "ci_high": np.nan,
             "statistic": np.nan, "p_val": np.nan}
    if tables is None:
        return empty
    observed, expected, w = tables
    kappa = float(1 - (w * observed).sum() / (w * expected).sum())
    v = 1.0 - w
    row, col = observed.sum(axis=1), observed.sum(axis=0)
    v_row = v @ col  # mean agreement weight of row category i
    v_col = row @ v  # ... of column category j
    pe = float((v * expected).sum())
    with np.errstate(invalid="ignore", divide="ignore"):
        fac = 1.0 / ((1 - pe) ** 2 * n)
        var = ((observed * (v - (v_row[:, None] + v_col[None, :]) * (1 - kappa)) ** 2).sum()
               - (kappa - pe * (1 - kappa)) ** 2) * fac
        var0 = ((expected * (v - (v_row[:, None] + v_col[None, :])) ** 2).sum() - pe**2) * fac
        se, se0 = float(np.sqrt(var)), float(np.sqrt(var0))
        z = stats.norm.ppf(0.5 + level / 2)
        stat = kappa / se0
    return {"estimate": kappa, "se": se, "ci_low": kappa - z * se, "ci_high": kappa + z * se,
            "statistic": float(stat), "p_val": float(2 * stats.norm.sf(abs(stat)))}


def rater_agreement(
    data: pd.DataFrame,
    *,
    raters: Sequence[str] = ("supervisor", "peer"),
    indicators: Sequence[str] | None = None,
    wave: str = "followup",
    by: str | Sequence[str] | None = None,
    level: float = DEFAULT_LEVEL,
    min_n: int = DEFAULT_MIN_N,
) -> pd.DataFrame:
    """Agreement between raters who rate the same participant at one wave.

    Parameters
    ----------
    data : DataFrame
        The ``observations`` table.
    raters : list of str
        Two or more of ``supervisor``, ``peer``, ``self``.
    indicators : list of str, optional
        Indicator columns; default every ``obs_*`` column.
    wave : {"baseline", "followup"}
        Which wave to compare.
    by : str or list of str, optional
        Grouping columns (e.g. ``program_id``); default overall.
    level : float
        Confidence level of the ICC intervals.
    min_n : int
        Groups with fewer participants rated by all raters are suppressed.

    Returns
    -------
    DataFrame
        ``indicator``, grouping columns, ``measure`` (``icc2_1``, ``icc3_1``,
        ``kappa_quadratic`` for two raters), ``n`` (participants), ``n_raters``,
        ``estimate``, ``ci_low``, ``ci_high``, ``statistic`` (F for the ICCs,
        z for kappa), ``df``, ``df2`` (NaN for kappa), ``p_val``, ``method``,
        ``suppressed``, ``suppression``.

    Examples
    --------
    >>> import pandas as pd
    >>> sup = [3, 4, 2, 5, 3, 4, 2, 5]
    >>> peer = [3, 4, 3, 5, 2, 4, 2, 4]
    >>> obs = pd.DataFrame({"participant_id": [f"P{i}" for i in range(8)] * 2,
    ...                     "rater": ["supervisor"] * 8 + ["peer"] * 8,
    ...                     "wave": "followup", "obs_1": sup + peer})
    >>> res = rater_agreement(obs)
    >>> res[["measure", "n", "estimate"]].round(3).to_dict("records")[2]
    {'measure': 'kappa_quadratic', 'n': 8, 'estimate': 0.833}
    """
    import numpy as np
    import pandas as pd

    level = check_level(level)
    min_n = check_min_n(min_n)
    raters = list(raters)
    check_arg(len(raters) >= 2 and len(set(raters)) == len(raters) and set(raters) <= set(RATERS),
              "raters", raters, f"two or more different raters from {', '.join(RATERS)}")
    check_arg(wave in WAVES, "wave", wave, f"one of {', '.join(WAVES)}")
    by_cols = as_columns(by)
    require_columns(data, [*_ID, "wave", *by_cols], table="observations")
    cols = _indicators(data, indicators)
    rows = data.loc[(data["wave"] == wave) & data["rater"].isin(raters)]
    rows, keys = grouped(rows, by_cols)
    wide = rows.pivot_table(index=[*keys, "participant_id"], columns="rater", values=cols, aggfunc="first")
    records = []
    for group, block in wide.groupby(level=list(range(len(keys))), sort=True):
        group = group if isinstance(group, tuple) else (group,)
        for col in cols:
            mat = block[col].reindex(columns=raters).to_numpy(dtype=np.float64)
            mat = mat[~np.isnan(mat).any(axis=1)]
            base = dict(zip(keys, group, strict=True), indicator=col, n=int(mat.shape[0]), n_raters=len(raters))
            iccs = icc_two_way(mat, level=level) if mat.shape[0] >= 2 else {}
            for measure in ("icc2_1", "icc3_1"):
                records.append({**base, "measure": measure, **iccs.get(measure, {})})
            if len(raters) == 2:
                kappa = weighted_kappa_test(mat[:, 0], mat[:, 1], level=level)
                kappa.pop("se")
                records.append({**base, "measure": "kappa_quadratic", **kappa})
    out = pd.DataFrame.from_records(records)
    for col in ("estimate", "ci_low", "ci_high", "statistic", "df", "df2", "p_val"):
        if col not in out.columns:
            out[col] = np.nan
    out["method"] = out["measure"].map({
        "icc2_1": f"ICC(2,1) two-way random, absolute agreement, single rater (Shrout & Fleiss); "
                  f"F test; McGraw & Wong interval at {level:g}; complete cases",
        "icc3_1": f"ICC(3,1) two-way mixed, consistency, single rater (Shrout & Fleiss); "
                  f"F test; interval at {level:g}; complete cases",
        "kappa_quadratic": "Cohen's kappa, quadratic weights on the integer rating scale; Fleiss-Cohen-Everitt "
                           f"asymptotic Wald interval at {level:g}; z test against 0; complete cases",
    })
    out = drop_all(out)
    order = ["indicator", *by_cols, "measure", "n", "n_raters", "estimate", "ci_low", "ci_high",
             "statistic", "df", "df2", "p_val", "method"]
    out = out[order]
    return suppress_small(out, min_n=min_n, within=["indicator", "measure"],
                          columns=["estimate", "ci_low", "ci_high", "statistic", "df", "df2", "p_val"])


def behavior_mixed_model(
    data: pd.DataFrame,
    *,
    participants: pd.DataFrame | None = None,
    indicator: str = COMPOSITE,
    rater: str = "supervisor",
    covariates: Sequence[str] = (),
    unit: str = "unit",
    level: float = DEFAULT_LEVEL,
) -> pd.DataFrame:
    """Mixed model of the change with participants nested in work units (slow; on request).

    ``change_ij = x_ij' beta + u_j + e_ij`` with a random intercept ``u_j`` per
    work unit ``j`` (statsmodels ``MixedLM``, REML).  One change per participant
    (one rater), so the participant level is the residual.

    Parameters
    ----------
    data : DataFrame
        The ``observations`` table.
    participants : DataFrame, optional
        The ``participants`` table supplying ``unit`` when ``data`` lacks it.
    indicator : str
        An ``obs_*`` column or ``obs_mean`` (the composite).
    rater : {"supervisor", "peer", "self"}
        Whose ratings are modelled.
    covariates : list of str
        Fixed-effect columns (e.g. ``["program_id"]``; text columns become dummies).
    unit : str
        The clustering column.
    level : float
        Confidence level of the Wald intervals.

    Returns
    -------
    DataFrame
        ``term``, ``estimate``, ``se``, ``ci_low``, ``ci_high``, ``statistic`` (z),
        ``p_val``, ``n`` (participants), ``n_groups`` (units), ``group_var``
        (unit variance), ``residual_var``, ``converged``, ``warning`` (the
        optimiser's warnings, e.g. a unit variance on the boundary 0), ``method``.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(1)
    >>> ids = [f"P{i}" for i in range(40)]
    >>> unit_effect = np.repeat(rng.normal(0, 0.5, 8), 5)
    >>> obs = pd.DataFrame({"participant_id": ids * 2, "rater": "supervisor",
    ...                     "unit": np.tile(np.repeat([f"U{j}" for j in range(8)], 5), 2),
    ...                     "wave": ["baseline"] * 40 + ["followup"] * 40,
    ...                     "obs_1": np.r_[np.full(40, 3.0), 3.5 + unit_effect + rng.normal(0, .3, 40)]})
    >>> res = behavior_mixed_model(obs, indicator="obs_1")
    >>> res.loc[0, "term"], int(res.loc[0, "n"]), int(res.loc[0, "n_groups"])
    ('Intercept', 40, 8)
    """
    import numpy as np
    import pandas as pd
    import statsmodels.formula.api as smf

    level = check_level(level)
    check_arg(rater in RATERS, "rater", rater, f"one of {', '.join(RATERS)}")
    covariates = as_columns(list(covariates))
    carry = [c for c in [unit, *covariates] if c in data.columns]
    base, follow = paired_waves(
        data, indicators=None if indicator == COMPOSITE else [indicator], by=carry, composite=True
    )
    change = (follow[indicator] - base[indicator]).rename("change").reset_index()
    change = change.loc[change["rater"] == rater]
    missing = [c for c in [unit, *covariates] if c not in change.columns]
    if missing:
        check_arg(participants is not None, "participants", None,
                  f"the participants table (observations lack {', '.join(missing)})")
        require_columns(participants, ["participant_id", *missing], table="participants")
        change = change.merge(participants[["participant_id", *missing]], on="participant_id", how="left")
    change = change.dropna(subset=["change", unit, *covariates])
    groups = change[unit].astype(str)
    if groups.nunique() < 2 or len(change) < 3:
        raise DataError(t("stats2.error.too_few_groups", what=unit, n=groups.nunique()),
                        column=unit, hint=t("stats2.hint.too_few_groups"))
    rhs = " + ".join(f"Q('{c}')" for c in covariates) or "1"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fit = smf.mixedlm(f"change ~ {rhs}", change, groups=groups).fit(reml=True)
    notes = sorted({str(w.message).split("\n")[0] for w in caught})
    names = list(fit.fe_params.index)
    ci = fit.conf_int(alpha=1 - level).loc[names]
    out = pd.DataFrame({
        "term": [re.sub(r"Q\('([^']*)'\)", r"\1", name) for name in names],
        "estimate": fit.fe_params.to_numpy(dtype=np.float64),
        "se": fit.bse_fe.to_numpy(dtype=np.float64),
        "ci_low": ci.iloc[:, 0].to_numpy(dtype=np.float64),
        "ci_high": ci.iloc[:, 1].to_numpy(dtype=np.float64),
        "statistic": fit.tvalues.loc[names].to_numpy(dtype=np.float64),
        "p_val": fit.pvalues.loc[names].to_numpy(dtype=np.float64),
    })
    out["n"] = int(len(change))
    out["n_groups"] = int(groups.nunique())
    out["group_var"] = float(np.asarray(fit.cov_re)[0, 0])
    out["residual_var"] = float(fit.scale)
    out["converged"] = bool(fit.converged)
    out["warning"] = "; ".join(notes)
    out["method"] = (f"linear mixed model (statsmodels MixedLM, REML) of follow-up minus baseline "
                     f"({indicator}, rater {rater}) with a random intercept per {unit}; Wald z at {level:g}")
    return out
