"""Results (Kirkpatrick level 4): event study (effects per period) and the pre-trend test.

Definition
----------
``y_it = a_i + l_t + sum_{p != ref} d_p treated_i [t = p] + e_it`` by OLS,
with fixed effects of the panel entity ``a_i`` (the activity, nested in its
work unit) and of the period ``l_t``; ``ref`` is the last pre period, so
``d_p`` is the change of the treated-comparison gap from ``ref`` to ``p``.
Post-period ``d_p`` are the effects period by period, pre-period ``d_p`` are
placebo effects (0 under parallel trends).  The entity effects are absorbed by
demeaning within entity (Frisch-Waugh-Lovell: identical coefficients and
residuals to explicit dummies); when ``treated`` varies within an entity its
main effect is kept as a regressor.

Inference as :func:`kemuning_eval.stats.did.did_effect`: CR1 standard errors
clustered by ``cluster`` with t on G - 1 df, or, when the treated or the
comparison arm has fewer than ``DID_BOOTSTRAP_BELOW`` (12) clusters, the
restricted wild cluster bootstrap (p-value and interval by test inversion);
the method is named in ``inference`` and ``method``.  Small-sample factor
``G/(G-1) (N-1)/(N-K)`` with ``K`` counting the period effects and the
regressors but not the entity effects, which are nested in the clusters
(fixest's default ``ssc(fixef.K = "nested")``; Stata's ``reghdfe``).

Pre-trend test: the joint Wald test that every pre-period ``d_p`` is 0, with
the CR1 covariance and F(q, G - 1) as statsmodels' ``wald_test``; under the
bootstrap, the restricted wild cluster bootstrap of the same Wald statistic
(:func:`~kemuning_eval.stats.wildboot.wild_cluster_wald`).  With one tested
coefficient it is that coefficient's test.  The decision
``parallel_trends_rejected`` is ``p_val < 1 - level``, made here once.

Degenerate designs give NaN with the reason in ``note`` (no error): one
period, no pre or no post period, timing that differs within a period, one
arm only, entities not nested in clusters, fewer than
``DID_MIN_ARM_CLUSTERS`` (3) clusters in an arm, a coefficient without
variation (a period lacking an arm); an outcome without residual variation
keeps its estimates with NaN inference.  With one pre period (the reference)
there is nothing to test: the pre-trend row is NaN with that reason.

Examples
--------
>>> import pandas as pd
>>> rows = [(u, u * 10 + a, p, u < 12, p >= 2, 1.0 + 0.1 * (u < 12) * (p >= 2) + 0.01 * ((u * 5 + a + p * 3) % 7))
...         for u in range(24) for a in range(2) for p in range(4)]
>>> data = pd.DataFrame(rows, columns=["unit", "activity_id", "period_index", "treated", "post", "budget_ratio"])
>>> res = event_study(data, outcomes="budget_ratio")
>>> res.coefficients["relative"].tolist(), res.coefficients["inference"].iloc[0]
([-2, -1, 0, 1], 'cr1')
>>> int(res.pretrend["n_tested"].iloc[0]), res.pretrend["inference"].iloc[0]
(1, 'cr1')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kemuning_eval.errors import DataError
from kemuning_eval.i18n import t
from kemuning_eval.stats._common import (
    DEFAULT_BOOT_REPS,
    DEFAULT_BOOT_WEIGHTS,
    DEFAULT_LEVEL,
    DEFAULT_SEED,
    check_level,
    require_columns,
)
from kemuning_eval.stats.did import (
    DID_MIN_ARM_CLUSTERS,
    NO_RESIDUAL_NOTE,
    Inference,
    arm_clusters,
    cluster_codes,
    cluster_ols,
    inference_from_args,
    outcome_columns,
)

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    import pandas as pd

COEFFICIENT_COLUMNS = ["outcome", "period", "relative", "reference", "post", "n", "n_clusters",
                       "n_treated_clusters", "n_control_clusters", "inference", "estimate", "se", "ci_low",
                       "ci_high", "statistic", "df", "p_val", "method", "note"]
PRETREND_COLUMNS = ["outcome", "n_pre_periods", "n_tested", "n_clusters", "inference", "statistic", "df", "df2",
                    "p_val", "parallel_trends_rejected", "method", "note"]
_MODEL = ("event study by OLS with entity ({entity}) and period fixed effects, "
          "y ~ treated x C(period), reference = last pre period")


@dataclass(frozen=True)
class EventStudy:
    """Result of :func:`event_study`.

    Attributes
    ----------
    coefficients : DataFrame
        One row per outcome and period (:data:`COEFFICIENT_COLUMNS`); the
        reference period has estimate 0 and NaN inference.
    pretrend : DataFrame
        One row per outcome (:data:`PRETREND_COLUMNS`): the joint test of the
        pre-period coefficients and the decision ``parallel_trends_rejected``
        (nullable boolean: missing when there is nothing to test).

    Examples
    --------
    >>> import pandas as pd
    >>> res = EventStudy(coefficients=pd.DataFrame(columns=COEFFICIENT_COLUMNS),
    ...                  pretrend=pd.DataFrame(columns=PRETREND_COLUMNS))
    >>> len(res.coefficients), list(res.pretrend.columns)[-3:]
    (0, ['parallel_trends_rejected', 'method', 'note'])
    """

    coefficients: pd.DataFrame
    pretrend: pd.DataFrame


def _within(values: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """``values`` (n, k) minus their mean within each entity code."""
    import numpy as np

    n_groups = int(codes.max()) + 1
    sums = np.zeros((n_groups, values.shape[1]))
    np.add.at(sums, codes, values)
    counts = np.bincount(codes, minlength=n_groups).astype(np.float64)
    return values - (sums / counts[:, None])[codes]


def _relative(periods: list[float], first_post: float) -> dict[float, int]:
    """Periods since the first post period, by order (-1 is the last pre period)."""
    start = periods.index(first_post)
    return {p: i - start for i, p in enumerate(periods)}


def _degenerate(sub: pd.DataFrame, periods: list[float]) -> str:
    """Why the design gives no event study ("" when it can be estimated)."""
    timing = sub.groupby("_period")["_post"].nunique()
    if len(periods) < 2:
        return "one period only: no change over time to estimate"
    if (timing > 1).any():
        return "post differs within a period (staggered timing): one common first post period is needed"
    if sub["_post"].min() == 1.0:
        return "no pre period: no reference period"
    if sub["_post"].max() == 0.0:
        return "no post period: no effect to estimate"
    if sub["_treated"].nunique() < 2:
        return "no variation in treated: one arm only"
    if (sub.groupby("_entity")["_cluster"].nunique() > 1).any():
        return "entities not nested in clusters: an entity belongs to several clusters"
    n_treated, n_control = arm_clusters(sub)
    if min(n_treated, n_control) < DID_MIN_ARM_CLUSTERS:
        return (f"too few clusters in an arm ({n_treated} treated, {n_control} comparison; fewer than "
                f"{DID_MIN_ARM_CLUSTERS}): no honest interval")
    return ""


def _design(sub: pd.DataFrame, others: list[float]) -> tuple[np.ndarray, int]:
    """Within-entity design: period dummies, treated x period dummies (+ treated); index of the first interaction."""
    import numpy as np

    period = sub["_period"].to_numpy()
    tr = sub["_treated"].to_numpy()
    dummies = (period[:, None] == np.asarray(others)[None, :]).astype(np.float64)
    parts = [dummies, tr[:, None] * dummies]
    if (sub.groupby("_entity")["_treated"].nunique() > 1).any():  # not absorbed by the entity effects
        parts.append(tr[:, None])
    codes = cluster_codes(sub["_entity"])
    return _within(np.column_stack(parts), codes), len(others)


def _pretrend(yd: np.ndarray, xd: np.ndarray, codes: np.ndarray, tested: list[int], inf: Inference,
              kind: str) -> dict[str, Any]:
    """Joint test that the coefficients ``tested`` are 0 (F(q, G-1) or the bootstrap)."""
    import numpy as np

    from kemuning_eval.stats.wildboot import exact_fit, wild_cluster_bootstrap, wild_cluster_wald

    q, g = len(tested), int(codes.max()) + 1
    out: dict[str, Any] = {"n_tested": q, "statistic": np.nan, "df": float(q), "df2": np.nan, "p_val": np.nan,
                           "note": ""}
    if q == 0:
        return {**out, "df": np.nan, "note": "one pre period (the reference): no pre-period coefficient to test"}
    if exact_fit(yd, xd):
        return {**out, "note": NO_RESIDUAL_NOTE}
    if q > g - 1:
        return {**out, "note": f"{q} pre-period coefficients and {g} clusters: the cluster-robust covariance "
                                "cannot test more than clusters - 1 jointly"}
    if kind == "wild_bootstrap" and q == 1:
        res = wild_cluster_bootstrap(yd, xd, codes, column=tested[0], reps=inf.reps, weights=inf.weights,
                                     seed=inf.seed, interval=False)
        return {**out, "statistic": res.statistic**2, "p_val": res.p_val}
    if kind == "wild_bootstrap":
        joint = wild_cluster_wald(yd, xd, codes, columns=tested, reps=inf.reps, weights=inf.weights, seed=inf.seed)
        return {**out, "statistic": joint.statistic, "p_val": joint.p_val}
    restriction = np.zeros((q, xd.shape[1]))
    restriction[np.arange(q), tested] = 1.0
    wald = cluster_ols(yd, xd, codes, level=inf.level, use_t=inf.use_t).wald_test(
        restriction, use_f=inf.use_t, scalar=True)
    stat = float(wald.statistic) if inf.use_t else float(wald.statistic) / q
    return {**out, "statistic": stat, "df2": float(g - 1) if inf.use_t else np.inf, "p_val": float(wald.pvalue)}


def _pretrend_method(q: int, kind: str, inf: Inference) -> str:
    """The pre-trend test in words."""
    what = ("test that the one pre-period coefficient is 0" if q == 1
            else f"joint Wald test that the {q} pre-period coefficients are all 0")
    if kind == "wild_bootstrap":
        return f"pre-trend check: {what}, p-value by restricted wild cluster bootstrap of the CR1 Wald statistic"
    dist = f"F({q}, clusters - 1)" if inf.use_t else f"chi-square({q})"
    return f"pre-trend check: {what}, CR1 covariance, {dist} as statsmodels wald_test"


def _one(sub: pd.DataFrame, y: str, inf: Inference, names: dict[str, str]) -> tuple[list[dict], dict]:
    """Coefficient rows and the pre-trend row of one outcome."""
    import numpy as np

    sub = sub.dropna()
    periods = sorted(float(p) for p in sub["_period"].unique())
    n_treated, n_control = arm_clusters(sub)
    base = {"outcome": y, "n_clusters": int(sub["_cluster"].nunique()), "n_treated_clusters": n_treated,
            "n_control_clusters": n_control}
    pre = [p for p in periods if (sub.loc[sub["_period"] == p, "_post"] == 0.0).all()]
    reason = _degenerate(sub, periods)
    post = [p for p in periods if p not in pre]
    relative = _relative(periods, post[0]) if pre and post and not reason.startswith("post differs") else {}
    rows = [{**base, "period": p, "relative": relative.get(p), "reference": bool(pre) and p == pre[-1],
             "post": p in post, "n": int((sub["_period"] == p).sum())} for p in periods] or [{**base, "n": 0}]
    pretrend = {**base, "n_pre_periods": len(pre), "n_tested": max(len(pre) - 1, 0)}
    xd, first = _design(sub, [p for p in periods if p != pre[-1]]) if not reason else (None, 0)
    if not reason and np.linalg.matrix_rank(xd) < xd.shape[1]:
        reason = "no variation: a period lacks one of the arms, its coefficient is not identified"
    if reason:
        return ([{**r, "note": reason} for r in rows], {**pretrend, "note": reason})
    kind = inf.resolve(n_treated, n_control)
    codes = cluster_codes(sub["_cluster"])
    yd = _within(sub[[y]].to_numpy(dtype=np.float64), cluster_codes(sub["_entity"]))[:, 0]
    method = (_MODEL.format(entity=names["entity"]) + "; "
              + inf.describe(kind, names["cluster"], base["n_clusters"], n_treated, n_control)
              + "; K in (N-1)/(N-K) without the entity effects (nested in clusters)"
              + f"; interval at {inf.level:g}; complete cases per outcome")
    others = [p for p in periods if p != pre[-1]]
    for r in rows:
        r.update(inference=kind, method=method)
        if r["reference"]:
            r.update(estimate=0.0, note="reference period")
        else:
            r.update(inf.coefficient(yd, xd, codes, first + others.index(r["period"]), kind))
    tested = [first + others.index(p) for p in pre[:-1]]
    test = _pretrend(yd, xd, codes, tested, inf, kind)
    return rows, {**pretrend, **test, "inference": kind, "method": _pretrend_method(len(tested), kind, inf)}


def event_study(
    data: pd.DataFrame,
    *,
    outcomes: str | Sequence[str] | None = None,
    treated: str = "treated",
    post: str = "post",
    entity: str = "activity_id",
    cluster: str = "unit",
    period: str = "period_index",
    level: float = DEFAULT_LEVEL,
    use_t: bool = True,
    inference: str = "auto",
    reps: int = DEFAULT_BOOT_REPS,
    weights: str = DEFAULT_BOOT_WEIGHTS,
    seed: int = DEFAULT_SEED,
) -> EventStudy:
    """Event study with entity and period fixed effects, and the pre-trend test from its coefficients.

    Parameters
    ----------
    data : DataFrame
        The ``outcomes`` table (one row per entity and period).
    outcomes : str or list of str, optional
        Outcome columns; default those of ``budget_ratio``, ``on_time``,
        ``service_satisfaction`` present.
    treated, post : str
        Boolean (or 0/1) columns: treated group and post period (``post``
        must be the same for every row of a period).
    entity : str
        Column of the panel entity whose fixed effects are absorbed (the
        activity; nested in ``cluster``).
    cluster : str
        Column of the clusters (work unit).
    period : str
        Numeric period index (orders the periods).
    level, use_t, inference, reps, weights, seed
        As :func:`kemuning_eval.stats.did.did_effect` (same method selection).

    Returns
    -------
    EventStudy
        ``coefficients`` (one row per outcome and period: ``relative``
        counts periods from the first post period, so the reference is -1)
        and ``pretrend`` (one row per outcome with ``parallel_trends_rejected``).
        A degenerate design gives NaN numbers and the reason in ``note``.

    Raises
    ------
    DataError
        A missing column, text in a numeric column or a treated/post value
        other than 0/1.

    Examples
    --------
    >>> import pandas as pd
    >>> one = pd.DataFrame({"unit": [1, 2], "activity_id": [1, 2], "period_index": [0, 0],
    ...                     "treated": [1, 0], "post": [0, 0], "on_time": [1.0, 0.0]})
    >>> res = event_study(one, outcomes="on_time")
    >>> res.coefficients["note"].iloc[0], bool(res.pretrend["parallel_trends_rejected"].isna().all())
    ('one period only: no change over time to estimate', True)
    """
    import numpy as np
    import pandas as pd

    level = check_level(level)
    inf = inference_from_args(inference, level, use_t, reps, weights, seed)
    require_columns(data, [treated, post, entity, cluster, period], table="outcomes")
    ys = outcome_columns(data, outcomes, [treated, post, period])
    frame = pd.DataFrame({"_treated": data[treated].astype("float64"), "_post": data[post].astype("float64"),
                          "_entity": data[entity], "_cluster": data[cluster],
                          "_period": data[period].astype("float64")})
    for col, key in ((treated, "_treated"), (post, "_post")):
        bad = frame[key].notna() & ~frame[key].isin([0.0, 1.0])
        if bad.any():
            raise DataError(t("stats2.error.not_binary", table="outcomes"), column=col,
                            value=data.loc[bad, col].iloc[0], hint=t("stats2.hint.not_binary"))
    coefficients, pretrend = [], []
    for y in ys:
        rows, test = _one(frame.assign(**{y: data[y].astype("float64")}), y, inf,
                          {"entity": entity, "cluster": cluster})
        coefficients.extend(rows)
        pretrend.append(test)
    coef = pd.DataFrame.from_records(coefficients).reindex(columns=COEFFICIENT_COLUMNS)
    coef["relative"] = coef["relative"].astype("Int64")
    tests = pd.DataFrame.from_records(pretrend).reindex(columns=PRETREND_COLUMNS)
    p = tests["p_val"].astype("float64")
    tests["parallel_trends_rejected"] = pd.array(
        [bool(v < 1 - level) if np.isfinite(v) else pd.NA for v in p], dtype="boolean")
    return EventStudy(coefficients=coef, pretrend=tests)
