"""Results (Kirkpatrick level 4): difference-in-differences on unit outcomes.

Input is the processed ``outcomes`` table: one row per activity x period with
``unit``, ``treated`` (activity led by an alumnus), ``post`` (period after the
training), ``period_index`` and the outcomes ``budget_ratio`` (realised /
planned), ``on_time`` (bool, analysed as 0/1: a linear probability model) and
``service_satisfaction``.

Definition
----------
``y = b0 + b1 treated + b2 post + b3 treated x post + e`` by OLS; ``b3`` is the
effect.  Standard errors are cluster-robust by ``unit`` (CR1: the sandwich
``(X'X)^-1 sum_g X_g'e_g e_g'X_g (X'X)^-1`` times ``G/(G-1) (N-1)/(N-K)``, as
statsmodels ``cov_type="cluster"`` and Stata).  Reference distribution: with
``use_t=True`` (default) t with ``G - 1`` degrees of freedom, the conservative
choice with few clusters (R's sandwich + lmtest would use the residual df);
``use_t=False`` gives the normal.  Rows with a missing outcome are dropped for
that outcome only (complete cases per outcome).

Parallel trends: b3 is the training's effect only if, without it, treated and
comparison units would have moved in parallel.  When two or more pre periods
exist, a pre-trend check fits ``y = treated + period dummies + d treated x
period_index`` on the pre periods (same clustering and reference distribution)
and reports the p-value of ``d`` (a linear differential trend; with exactly two
pre periods it is the event-study placebo test).

Examples
--------
>>> import pandas as pd
>>> rows = [(u, p, t, po, 0.8 + 0.05 * t + 0.02 * po + 0.1 * t * po + 0.01 * ((u * 7 + p) % 3))
...         for u in range(8) for p, po in [(0, False), (1, True)] for t in [u % 2 == 0]]
>>> data = pd.DataFrame(rows, columns=["unit", "period_index", "treated", "post", "budget_ratio"])
>>> res = did_effect(data, outcomes=["budget_ratio"])
>>> round(float(res["estimate"].iloc[0]), 4), int(res["n_clusters"].iloc[0]), int(res["df"].iloc[0])
(0.1, 8, 7)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from kemuning_eval.errors import DataError, check_arg
from kemuning_eval.i18n import check_lang, t
from kemuning_eval.stats._common import (
    DEFAULT_LEVEL,
    as_columns,
    check_level,
    numeric_matrix,
    require_columns,
)

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    import pandas as pd

OUTCOMES = ("budget_ratio", "on_time", "service_satisfaction")


def cluster_ols(y: np.ndarray, x: np.ndarray, groups: Any, *, level: float = DEFAULT_LEVEL,
                use_t: bool = True) -> Any:
    """OLS with CR1 cluster-robust covariance (statsmodels), t on G-1 df when ``use_t``.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.column_stack([np.ones(6), [0, 1, 0, 1, 0, 1]])
    >>> fit = cluster_ols(np.array([1., 2., 1.5, 2.5, 1., 2.2]), x, [1, 1, 2, 2, 3, 3])
    >>> round(float(fit.params[1]), 4), float(fit.df_resid_inference)
    (1.0667, 2.0)
    """
    import statsmodels.api as sm

    return sm.OLS(y, x).fit(cov_type="cluster", cov_kwds={"groups": groups, "use_correction": True},
                            use_t=use_t)


def _codes(values: pd.Series) -> np.ndarray:
    import pandas as pd

    return pd.factorize(values, sort=True)[0]


def _pretrend(sub: pd.DataFrame, y: str, level: float, use_t: bool) -> dict[str, float]:
    """Linear differential pre-trend test on the pre periods (NaN if fewer than 2)."""
    import numpy as np
    import pandas as pd

    pre = sub.loc[~sub["_post"]]
    periods = np.sort(pre["_period"].unique())
    empty = {"pretrend_estimate": np.nan, "pretrend_statistic": np.nan, "pretrend_df": np.nan,
             "pretrend_p_val": np.nan, "n_pre_periods": float(len(periods))}
    if len(periods) < 2 or pre["_cluster"].nunique() < 2:
        return empty
    dummies = pd.get_dummies(pre["_period"], drop_first=True, dtype="float64").to_numpy()
    trend = pre["_treated"].to_numpy() * (pre["_period"].to_numpy(dtype=np.float64) - periods.mean())
    x = np.column_stack([np.ones(len(pre)), pre["_treated"].to_numpy(), dummies, trend])
    fit = cluster_ols(pre[y].to_numpy(dtype=np.float64), x, _codes(pre["_cluster"]), level=level, use_t=use_t)
    j = x.shape[1] - 1
    return {"pretrend_estimate": float(fit.params[j]), "pretrend_statistic": float(fit.tvalues[j]),
            "pretrend_df": float(fit.df_resid_inference) if use_t else np.inf,
            "pretrend_p_val": float(fit.pvalues[j]), "n_pre_periods": float(len(periods))}


def did_effect(
    data: pd.DataFrame,
    *,
    outcomes: str | Sequence[str] | None = None,
    treated: str = "treated",
    post: str = "post",
    cluster: str = "unit",
    period: str = "period_index",
    by: str | Sequence[str] | None = None,
    program: str | None = None,
    level: float = DEFAULT_LEVEL,
    use_t: bool = True,
    lang: str = "id",
) -> pd.DataFrame:
    """Difference-in-differences effect with unit-clustered standard errors.

    Parameters
    ----------
    data : DataFrame
        The ``outcomes`` table.
    outcomes : str or list of str, optional
        Outcome columns; default those of ``budget_ratio``, ``on_time``,
        ``service_satisfaction`` present in ``data``.
    treated, post : str
        Boolean (or 0/1) columns: treated group and post period.
    cluster : str
        Column whose values are the clusters (work unit).
    period : str
        Period index used for the pre-trend check (ignored if absent).
    by : str or list of str, optional
        Grouping columns: one model per group (both arms split alike).
    program : str, optional
        Column naming the programme of the *treated* rows (``program_id``):
        one model per programme, its treated rows against every untreated row
        (the comparison group has no programme).  Not with ``by``.
    level : float
        Confidence level.
    use_t : bool
        t with clusters - 1 df (default) or the normal distribution.
    lang : {"id", "en"}
        Language of the assumption text in ``DataFrame.attrs``.

    Returns
    -------
    DataFrame
        One row per group and outcome: grouping columns, ``outcome``, ``n`` (rows), ``n_units``, ``n_clusters``,
        ``mean_control_pre``, ``mean_control_post``, ``mean_treated_pre``,
        ``mean_treated_post``, ``estimate`` (b3), ``se``, ``ci_low``, ``ci_high``,
        ``statistic``, ``df`` (inf for the normal), ``p_val``, ``n_pre_periods``,
        ``pretrend_estimate``, ``pretrend_statistic``, ``pretrend_df``,
        ``pretrend_p_val``, ``method``.  A group (with ``by``) whose design is
        incomplete keeps its row with NaN numbers and the reason in ``method``;
        without ``by`` it raises :class:`~kemuning_eval.errors.DataError`.  ``attrs["assumption"]`` holds the
        parallel-trends statement and ``attrs["pretrend_note"]`` the check's wording.

    Examples
    --------
    >>> import pandas as pd
    >>> data = pd.DataFrame({"unit": list("AABBCCDD"), "treated": [1, 1, 0, 0, 1, 1, 0, 0],
    ...                      "post": [0, 1] * 4, "on_time": [0, 1, 0, 0, 1, 1, 1, 1]})
    >>> res = did_effect(data, outcomes="on_time", lang="en")
    >>> round(float(res["estimate"].iloc[0]), 6), res.attrs["assumption"][:15]
    (0.5, 'Parallel-trends')
    """
    import numpy as np
    import pandas as pd

    level = check_level(level)
    lang = check_lang(lang)
    check_arg(isinstance(use_t, bool), "use_t", use_t, "True or False")
    by_cols = as_columns(by)
    check_arg(program is None or not by_cols, "program", program, "None when 'by' is given")
    require_columns(data, [treated, post, cluster, *by_cols, *as_columns(program)], table="outcomes")
    ys = [c for c in OUTCOMES if c in data.columns] if outcomes is None else as_columns(outcomes)
    check_arg(len(ys) > 0, "outcomes", outcomes, "at least one outcome column")
    numeric_matrix(data, [*ys, treated, post], table="outcomes")
    frame = pd.DataFrame({
        "_treated": data[treated].astype("float64"), "_post": data[post].astype("float64"),
        "_cluster": data[cluster],
        "_period": data[period].astype("float64") if period in data.columns else np.nan,
    })
    for col, key in ((treated, "_treated"), (post, "_post")):
        bad = frame[key].notna() & ~frame[key].isin([0.0, 1.0])
        if bad.any():
            raise DataError(t("stats2.error.not_binary", table="outcomes"), column=col,
                            value=data.loc[bad, col].iloc[0], hint=t("stats2.hint.not_binary"))
    units = data["unit"] if "unit" in data.columns else frame["_cluster"]
    if program is not None:
        arm = frame["_treated"] == 1.0
        names = sorted(data.loc[arm, program].dropna().astype(str).unique())
        groups = [(name, data.index[(arm & (data[program].astype(str) == name)) | (frame["_treated"] == 0.0)])
                  for name in names]
        by_cols = [program]
    elif by_cols:
        keys = by_cols[0] if len(by_cols) == 1 else by_cols
        groups = list(data.groupby(keys, sort=True, observed=True).groups.items())
    else:
        groups = [((), data.index)]
    records = []
    for key, index in groups:
        labels = dict(zip(by_cols, key if isinstance(key, tuple) else (key,), strict=True))
        for y in ys:
            sub = frame.loc[index].assign(**{y: data.loc[index, y].astype("float64")})
            try:
                records.append({**labels, **_did_one(sub, y, units, cluster, level, use_t)})
            except DataError as err:
                if not by_cols:
                    raise
                # one group without a usable design: keep the row, say why, no numbers
                records.append({**labels, "outcome": y, "n": int(sub[y].notna().sum()),
                                "method": f"not estimable: {err.message}"})
    out = pd.DataFrame.from_records(records)
    out = out.reindex(columns=[*by_cols, *_did_columns()])
    out.attrs["assumption"] = t("stats2.did.assumption", lang)
    out.attrs["pretrend_note"] = t("stats2.did.pretrend_method", lang)
    return out


def _did_columns() -> list[str]:
    return ["outcome", "n", "n_units", "n_clusters", "mean_control_pre", "mean_control_post",
            "mean_treated_pre", "mean_treated_post", "estimate", "se", "ci_low", "ci_high",
            "statistic", "df", "p_val", "n_pre_periods", "pretrend_estimate", "pretrend_statistic",
            "pretrend_df", "pretrend_p_val", "method"]


def _did_one(sub: pd.DataFrame, y: str, units: pd.Series, cluster: str, level: float, use_t: bool) -> dict[str, Any]:
    """Fit the DiD model for one outcome on one group (see :func:`did_effect`)."""
    import numpy as np

    sub = sub.dropna(subset=[y, "_treated", "_post", "_cluster"])
    n_clusters = int(sub["_cluster"].nunique())
    if n_clusters < 2 or sub["_treated"].nunique() < 2 or sub["_post"].nunique() < 2:
        raise DataError(t("stats2.error.did_design", outcome=y, n=n_clusters), column=y,
                        hint=t("stats2.hint.did_design"))
    tr, po = sub["_treated"].to_numpy(), sub["_post"].to_numpy()
    x = np.column_stack([np.ones(len(sub)), tr, po, tr * po])
    fit = cluster_ols(sub[y].to_numpy(dtype=np.float64), x, _codes(sub["_cluster"]), level=level, use_t=use_t)
    ci = np.asarray(fit.conf_int(alpha=1 - level))[3]
    cells = sub.groupby(["_treated", "_post"])[y].mean()
    sub = sub.assign(_post=sub["_post"].astype(bool))
    return {
        "outcome": y, "n": len(sub), "n_units": int(units.loc[sub.index].nunique()),
        "n_clusters": n_clusters,
        "mean_control_pre": float(cells.get((0.0, 0.0), np.nan)),
        "mean_control_post": float(cells.get((0.0, 1.0), np.nan)),
        "mean_treated_pre": float(cells.get((1.0, 0.0), np.nan)),
        "mean_treated_post": float(cells.get((1.0, 1.0), np.nan)),
        "estimate": float(fit.params[3]), "se": float(fit.bse[3]),
        "ci_low": float(ci[0]), "ci_high": float(ci[1]),
        "statistic": float(fit.tvalues[3]),
        "df": float(fit.df_resid_inference) if use_t else np.inf,
        "p_val": float(fit.pvalues[3]),
        **_pretrend(sub, y, level, use_t),
        "method": (
            f"difference-in-differences by OLS, y ~ treated + post + treated:post; "
            f"CR1 cluster-robust SE by {cluster} ({n_clusters} clusters); "
            + (f"t with clusters - 1 = {n_clusters - 1} df" if use_t else "normal reference distribution")
            + f"; interval at {level:g}; complete cases per outcome"
        ),
    }
