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

Few treated clusters
--------------------
CR1 with t(G-1) over-rejects when treated or comparison clusters are few
(MacKinnon & Webb 2017; ``make bench-stats``, 20 units with 3 activities
each: CR1 covers 88.8 % with 4 treated, 74.2 % with 2, 31.2 % with 1).  ``inference="auto"`` (default)
therefore switches to the restricted wild cluster bootstrap of
:mod:`kemuning_eval.stats.wildboot` (p-value and interval by test inversion,
as Stata's ``boottest``) when the treated or the comparison arm has fewer than
:data:`~kemuning_eval.stats._common.DID_BOOTSTRAP_BELOW` (12) clusters; a
cluster counts in an arm when it has at least one row of that arm.  ``se`` and
``statistic`` stay the CR1 ones; ``df`` is NaN for the bootstrap.  The output
names the inference (``inference``, ``method``) and the clusters per arm
(``n_treated_clusters``, ``n_control_clusters``).

Designs that cannot give an honest interval are refused with
:class:`TooFewClusters` (a :class:`~kemuning_eval.errors.DataError`): fewer than
:data:`DID_MIN_ARM_CLUSTERS` (3) clusters in an arm (with 1 or 2 treated
clusters of 20 the bootstrap interval covered 100 % in a simulation and was
8-18 times wider than with 10: it carries no information), no residual degrees of freedom (N = K,
e.g. one row per cell) or a design matrix without full rank.

Parallel trends: b3 is the training's effect only if, without it, treated and
comparison units would have moved in parallel.  When two or more pre periods
exist, a pre-trend check fits ``y = treated + period dummies + d treated x
period_index`` on the pre periods (same clustering and reference distribution)
and reports the p-value of ``d`` (a linear differential trend; with exactly two
pre periods it is the event-study placebo test).  The report's pre-trend
decision comes from the event study (:mod:`kemuning_eval.stats.event_study`:
effects per period with activity and period fixed effects, and the joint test
of its pre-period coefficients).

Examples
--------
>>> import pandas as pd
>>> rows = [(u, p, t, po, 0.8 + 0.05 * t + 0.02 * po + 0.1 * t * po + 0.01 * ((u * 7 + p) % 3))
...         for u in range(8) for p, po in [(0, False), (1, True)] for t in [u % 2 == 0]]
>>> data = pd.DataFrame(rows, columns=["unit", "period_index", "treated", "post", "budget_ratio"])
>>> res = did_effect(data, outcomes=["budget_ratio"])
>>> round(float(res["estimate"].iloc[0]), 4), int(res["n_clusters"].iloc[0]), res["inference"].iloc[0]
(0.1, 8, 'wild_bootstrap')
>>> int(res["n_treated_clusters"].iloc[0]), int(res["n_control_clusters"].iloc[0])
(4, 4)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kemuning_eval.errors import DataError, check_arg
from kemuning_eval.i18n import t
from kemuning_eval.stats._common import (
    DEFAULT_BOOT_REPS,
    DEFAULT_BOOT_WEIGHTS,
    DEFAULT_LEVEL,
    DEFAULT_SEED,
    DID_BOOTSTRAP_BELOW,
    as_columns,
    check_level,
    numeric_matrix,
    require_columns,
)

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    import pandas as pd

OUTCOMES = ("budget_ratio", "on_time", "service_satisfaction")
#: Fewest clusters an arm (treated, comparison) may have; fewer is refused (see the module docstring).
DID_MIN_ARM_CLUSTERS = 3
INFERENCE = ("auto", "cr1", "wild_bootstrap")
NO_RESIDUAL_NOTE = "no residual variation (the model fits the outcome exactly, e.g. a constant outcome): no SE, no test"


class TooFewClusters(DataError):
    """The design has too few treated or comparison clusters for an honest interval.

    Attributes
    ----------
    n_treated_clusters, n_control_clusters : int
        Clusters with at least one treated / comparison row.

    Examples
    --------
    >>> err = TooFewClusters("too few", n_treated_clusters=1, n_control_clusters=19)
    >>> isinstance(err, DataError), err.n_treated_clusters
    (True, 1)
    """

    def __init__(self, message: str, *, n_treated_clusters: int, n_control_clusters: int, **kwargs: Any) -> None:
        self.n_treated_clusters = n_treated_clusters
        self.n_control_clusters = n_control_clusters
        super().__init__(message, **kwargs)


@dataclass(frozen=True)
class Inference:
    """How intervals and p-values of one model are computed (see :func:`did_effect`).

    Examples
    --------
    >>> Inference().resolve(4, 16), Inference().resolve(12, 12), Inference(choice="cr1").resolve(1, 1)
    ('wild_bootstrap', 'cr1', 'cr1')
    """

    choice: str = "auto"
    level: float = DEFAULT_LEVEL
    use_t: bool = True
    reps: int = DEFAULT_BOOT_REPS
    weights: str = DEFAULT_BOOT_WEIGHTS
    seed: int = DEFAULT_SEED

    def resolve(self, n_treated: int, n_control: int) -> str:
        """``"cr1"`` or ``"wild_bootstrap"`` for a design with these clusters per arm."""
        if self.choice != "auto":
            return self.choice
        return "wild_bootstrap" if min(n_treated, n_control) < DID_BOOTSTRAP_BELOW else "cr1"

    def coefficient(self, y: np.ndarray, x: np.ndarray, codes: np.ndarray, j: int, kind: str,
                    *, interval: bool = True) -> dict[str, float]:
        """Estimate, se, statistic, df, p_val, ci_low, ci_high of coefficient ``j``."""
        import numpy as np

        from kemuning_eval.stats.wildboot import exact_fit, wild_cluster_bootstrap

        if exact_fit(y, x):  # e.g. a constant outcome: no variance, no test
            return {"estimate": float(np.linalg.lstsq(x, y, rcond=None)[0][j]), "se": np.nan, "statistic": np.nan, "df": np.nan, "p_val": np.nan,
                    "ci_low": np.nan, "ci_high": np.nan, "note": NO_RESIDUAL_NOTE}
        if kind == "wild_bootstrap":
            res = wild_cluster_bootstrap(y, x, codes, column=j, level=self.level, reps=self.reps,
                                         weights=self.weights, seed=self.seed, interval=interval)
            return {"estimate": res.estimate, "se": res.se, "statistic": res.statistic, "df": np.nan,
                    "p_val": res.p_val, "ci_low": res.ci_low, "ci_high": res.ci_high, "note": ""}
        fit = cluster_ols(y, x, codes, level=self.level, use_t=self.use_t)
        ci = np.asarray(fit.conf_int(alpha=1 - self.level))[j]
        return {"estimate": float(fit.params[j]), "se": float(fit.bse[j]), "statistic": float(fit.tvalues[j]),
                "df": float(fit.df_resid_inference) if self.use_t else np.inf,
                "p_val": float(fit.pvalues[j]), "ci_low": float(ci[0]), "ci_high": float(ci[1]), "note": ""}

    def _weights(self, n_clusters: int) -> str:
        from kemuning_eval.stats._common import BOOT_WEBB_MAX_CLUSTERS

        if self.weights != "auto":
            return self.weights
        return "webb" if n_clusters <= BOOT_WEBB_MAX_CLUSTERS else "rademacher"

    def describe(self, kind: str, cluster: str, n_clusters: int, n_treated: int, n_control: int) -> str:
        """The inference part of ``method``, in words."""
        if kind == "wild_bootstrap":
            why = (f"; chosen because an arm has fewer than {DID_BOOTSTRAP_BELOW} clusters"
                   if self.choice == "auto" else "")
            return (f"CR1 cluster-robust SE by {cluster} ({n_clusters} clusters: {n_treated} treated, "
                    f"{n_control} comparison); p-value and interval by restricted wild cluster bootstrap "
                    f"(WCR, {self._weights(n_clusters)} weights, {self.reps} replications, seed {self.seed}; test "
                    f"inversion as boottest, Roodman et al. 2019){why}")
        return (f"CR1 cluster-robust SE by {cluster} ({n_clusters} clusters: {n_treated} treated, "
                f"{n_control} comparison); "
                + (f"t with clusters - 1 = {n_clusters - 1} df" if self.use_t else "normal reference distribution"))


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


def cluster_codes(values: pd.Series) -> np.ndarray:
    """Integer codes 0..G-1 of the cluster labels (sorted), as the bootstrap expects.

    Examples
    --------
    >>> import pandas as pd
    >>> cluster_codes(pd.Series(["B", "A", "B"])).tolist()
    [1, 0, 1]
    """
    import pandas as pd

    return pd.factorize(values, sort=True)[0]


def _pretrend(sub: pd.DataFrame, y: str, inf: Inference, kind: str) -> dict[str, float]:
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
    if len(pre) <= x.shape[1] or np.linalg.matrix_rank(x) < x.shape[1]:
        return empty
    res = inf.coefficient(pre[y].to_numpy(dtype=np.float64), x, cluster_codes(pre["_cluster"]), x.shape[1] - 1, kind,
                          interval=False)
    return {"pretrend_estimate": res["estimate"], "pretrend_statistic": res["statistic"],
            "pretrend_df": res["df"], "pretrend_p_val": res["p_val"], "n_pre_periods": float(len(periods))}


def arm_clusters(sub: pd.DataFrame) -> tuple[int, int]:
    """Clusters with at least one treated row, and with at least one comparison row.

    ``sub`` has the working columns ``_treated`` (0.0/1.0) and ``_cluster``.

    Examples
    --------
    >>> import pandas as pd
    >>> arm_clusters(pd.DataFrame({"_treated": [1.0, 0.0, 0.0, 1.0], "_cluster": ["A", "A", "B", "C"]}))
    (2, 2)
    """
    return (int(sub.loc[sub["_treated"] == 1.0, "_cluster"].nunique()),
            int(sub.loc[sub["_treated"] == 0.0, "_cluster"].nunique()))


def _check_design(sub: pd.DataFrame, x: np.ndarray, y: str) -> tuple[int, int]:
    """Refuse a design without identifying variation or with too few clusters per arm."""
    import numpy as np

    n_clusters = int(sub["_cluster"].nunique())
    if n_clusters < 2 or sub["_treated"].nunique() < 2 or sub["_post"].nunique() < 2:
        raise DataError(t("stats2.error.did_design", outcome=y, n=n_clusters), column=y,
                        hint=t("stats2.hint.did_design"))
    if len(sub) <= x.shape[1] or np.linalg.matrix_rank(x) < x.shape[1]:
        raise DataError(t("stats3.error.did_no_variation", outcome=y, n=len(sub), k=x.shape[1]), column=y,
                        hint=t("stats2.hint.did_design"))
    n_treated, n_control = arm_clusters(sub)
    if min(n_treated, n_control) < DID_MIN_ARM_CLUSTERS:
        raise TooFewClusters(
            t("stats3.error.did_few_clusters", outcome=y, treated=n_treated, control=n_control,
              min=DID_MIN_ARM_CLUSTERS),
            n_treated_clusters=n_treated, n_control_clusters=n_control, column=y,
            hint=t("stats3.hint.did_few_clusters"))
    return n_treated, n_control


def outcome_columns(data: pd.DataFrame, outcomes: Any, numeric: list[str]) -> list[str]:
    """The outcome columns (default: those of OUTCOMES present), checked numeric with ``numeric``.

    Examples
    --------
    >>> import pandas as pd
    >>> outcome_columns(pd.DataFrame({"on_time": [1.0], "post": [0.0]}), None, ["post"])
    ['on_time']
    """
    ys = [c for c in OUTCOMES if c in data.columns] if outcomes is None else as_columns(outcomes)
    check_arg(len(ys) > 0, "outcomes", outcomes, "at least one outcome column")
    numeric_matrix(data, [*ys, *numeric], table="outcomes")
    return ys


def inference_from_args(inference: str, level: float, use_t: bool, reps: int, weights: str, seed: int) -> Inference:
    """The :class:`Inference` of :func:`did_effect`'s keyword arguments, each checked (``UsageError``).

    Examples
    --------
    >>> inference_from_args("auto", 0.95, True, 999, "auto", 1).resolve(4, 16)
    'wild_bootstrap'
    """
    from kemuning_eval.stats.wildboot import WEIGHTS

    check_arg(inference in INFERENCE, "inference", inference, "'auto', 'cr1' or 'wild_bootstrap'")
    check_arg(isinstance(use_t, bool), "use_t", use_t, "True or False")
    check_arg(weights in WEIGHTS, "weights", weights, "'auto', 'webb' or 'rademacher'")
    check_arg(isinstance(reps, int) and not isinstance(reps, bool) and reps >= 99, "reps", reps, "an integer >= 99")
    check_arg(isinstance(seed, int) and not isinstance(seed, bool) and seed >= 0, "seed", seed, "an integer >= 0")
    return Inference(choice=inference, level=level, use_t=use_t, reps=reps, weights=weights, seed=seed)


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
    inference: str = "auto",
    reps: int = DEFAULT_BOOT_REPS,
    weights: str = DEFAULT_BOOT_WEIGHTS,
    seed: int = DEFAULT_SEED,
) -> pd.DataFrame:
    """Difference-in-differences effect with unit-clustered inference (CR1 or wild bootstrap).

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
        CR1 only: t with clusters - 1 df (default) or the normal distribution.
    inference : {"auto", "cr1", "wild_bootstrap"}
        ``"auto"``: the wild cluster bootstrap when an arm has fewer than
        ``DID_BOOTSTRAP_BELOW`` clusters, else CR1 (module docstring).
    reps, weights, seed : int, str, int
        Replications, weight distribution and seed of the bootstrap (defaults
        in :mod:`kemuning_eval.stats._common`); the same seed gives the same result.

    Returns
    -------
    DataFrame
        One row per group and outcome: grouping columns, ``outcome``, ``n`` (rows), ``n_units``, ``n_clusters``,
        ``mean_control_pre``, ``mean_control_post``, ``mean_treated_pre``,
        ``mean_treated_post``, ``n_treated_clusters``, ``n_control_clusters``,
        ``inference`` (``"cr1"`` or ``"wild_bootstrap"``), ``estimate`` (b3), ``se``, ``ci_low``, ``ci_high``,
        ``statistic``, ``df`` (inf for the normal, NaN for the bootstrap), ``p_val``, ``n_pre_periods``,
        ``pretrend_estimate``, ``pretrend_statistic``, ``pretrend_df``,
        ``pretrend_p_val``, ``method``, ``note`` (why the inference is NaN, e.g.
        an outcome without residual variation).  A group (with ``by``) whose design is
        incomplete keeps its row with NaN numbers and the reason in ``method``;
        without ``by`` it raises :class:`~kemuning_eval.errors.DataError`
        (:class:`TooFewClusters` for too few clusters in an arm).  ``attrs["assumption"]`` and
        ``attrs["pretrend_note"]`` hold the catalogue keys of the parallel-trends statement and of
        the check's wording (the report words them; statistics return no text).

    Examples
    --------
    >>> import pandas as pd
    >>> data = pd.DataFrame({"unit": list("AABBCCDDEEFF"), "treated": [1, 1, 0, 0] * 3,
    ...                      "post": [0, 1] * 6, "on_time": [0, 1, 0, 0, 1, 1, 1, 1, 0, 1, 0, 1]})
    >>> res = did_effect(data, outcomes="on_time")
    >>> round(float(res["estimate"].iloc[0]), 6), res.attrs["assumption"]
    (0.333333, 'stats2.did.assumption')
    >>> res["inference"].iloc[0], int(res["n_treated_clusters"].iloc[0])
    ('wild_bootstrap', 3)

    Two treated units are too few for an honest interval:

    >>> did_effect(data.iloc[2:], outcomes="on_time")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kemuning_eval.stats.did.TooFewClusters: selisih-dalam-selisih untuk 'on_time' ditolak: 2 unit perlakuan ...
    """
    import numpy as np
    import pandas as pd

    level = check_level(level)
    inf = inference_from_args(inference, level, use_t, reps, weights, seed)
    by_cols = as_columns(by)
    check_arg(program is None or not by_cols, "program", program, "None when 'by' is given")
    require_columns(data, [treated, post, cluster, *by_cols, *as_columns(program)], table="outcomes")
    ys = outcome_columns(data, outcomes, [treated, post])
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
                records.append({**labels, **_did_one(sub, y, units, cluster, inf)})
            except DataError as err:
                if not by_cols:
                    raise
                # one group without a usable design: keep the row, say why, no numbers
                arms = arm_clusters(sub.dropna(subset=[y, "_treated", "_post", "_cluster"]))
                records.append({**labels, "outcome": y, "n": int(sub[y].notna().sum()),
                                "n_treated_clusters": arms[0], "n_control_clusters": arms[1],
                                "method": f"not estimable: {err.message}"})
    out = pd.DataFrame.from_records(records)
    out = out.reindex(columns=[*by_cols, *_did_columns()])
    out.attrs["assumption"] = "stats2.did.assumption"
    out.attrs["pretrend_note"] = "stats2.did.pretrend_method"
    return out


def _did_columns() -> list[str]:
    return ["outcome", "n", "n_units", "n_clusters", "mean_control_pre", "mean_control_post",
            "mean_treated_pre", "mean_treated_post", "n_treated_clusters", "n_control_clusters",
            "inference", "estimate", "se", "ci_low", "ci_high",
            "statistic", "df", "p_val", "n_pre_periods", "pretrend_estimate", "pretrend_statistic",
            "pretrend_df", "pretrend_p_val", "method", "note"]


def _did_one(sub: pd.DataFrame, y: str, units: pd.Series, cluster: str, inf: Inference) -> dict[str, Any]:
    """Fit the DiD model for one outcome on one group (see :func:`did_effect`)."""
    import numpy as np

    sub = sub.dropna(subset=[y, "_treated", "_post", "_cluster"])
    tr, po = sub["_treated"].to_numpy(), sub["_post"].to_numpy()
    x = np.column_stack([np.ones(len(sub)), tr, po, tr * po])
    n_treated, n_control = _check_design(sub, x, y)
    n_clusters = int(sub["_cluster"].nunique())
    kind = inf.resolve(n_treated, n_control)
    coef = inf.coefficient(sub[y].to_numpy(dtype=np.float64), x, cluster_codes(sub["_cluster"]), 3, kind)
    cells = sub.groupby(["_treated", "_post"])[y].mean()
    sub = sub.assign(_post=sub["_post"].astype(bool))
    return {
        "outcome": y, "n": len(sub), "n_units": int(units.loc[sub.index].nunique()),
        "n_clusters": n_clusters,
        "mean_control_pre": float(cells.get((0.0, 0.0), np.nan)),
        "mean_control_post": float(cells.get((0.0, 1.0), np.nan)),
        "mean_treated_pre": float(cells.get((1.0, 0.0), np.nan)),
        "mean_treated_post": float(cells.get((1.0, 1.0), np.nan)),
        "n_treated_clusters": n_treated, "n_control_clusters": n_control, "inference": kind,
        **coef,
        **_pretrend(sub, y, inf, kind),
        "method": (
            "difference-in-differences by OLS, y ~ treated + post + treated:post; "
            + inf.describe(kind, cluster, n_clusters, n_treated, n_control)
            + f"; interval at {inf.level:g}; complete cases per outcome"
        ),
    }

