"""Wild cluster bootstrap for one coefficient of an OLS fit (restricted, WCR-C).

The inference :mod:`kemuning_eval.stats.did` uses when treated or comparison
clusters are few, where CR1 standard errors with t(G-1) are known to
over-reject (MacKinnon & Webb 2017).  The algorithm is that of Stata's
``boottest`` (Roodman, MacKinnon, Nielsen & Webb 2019, "Fast and wild"):

1. Impose the null ``b_j = b0``: restricted estimate ``b~`` and residuals ``u~``.
2. For each replication, multiply the residuals of cluster ``g`` by one weight
   ``v_g`` (Rademacher +-1, or Webb's six points +-sqrt(1/2), +-1, +-sqrt(3/2);
   ``"auto"``: Webb up to 12 clusters, where Rademacher has too few distinct
   sign patterns, else Rademacher, ``boottest``'s default),
   build ``y* = X b~ + u~ v`` and compute the CR1 t statistic of ``b_j = b0``
   (small-sample factor ``G/(G-1) (N-1)/(N-K)``, as ``boottest`` and
   ``wildboottest``'s type "11").
3. The symmetric p-value is the share of ``|t*|`` greater than ``|t|``.
4. The confidence interval is the set of ``b0`` not rejected at
   ``1 - level``, found by bisection on the p-value with the same weights for
   every ``b0`` (test inversion); it may be unbounded (``inf``).

Rademacher weights are enumerated in full (every sign pattern once, no
randomness) when ``2**G <= reps``.  Otherwise the weights are drawn from
``numpy.random.default_rng(seed)`` exactly as the ``wildboottest`` package
draws them, so both give identical p-values for the same seed.  The score
algebra is vectorised: with ``S_g = X_g'u~_g``, ``c_g = e_j'(X'X)^-1 S_g``
and ``H_gh = e_j'(X'X)^-1 X_g'X_g (X'X)^-1 S_h``, replication ``b`` has
numerator ``sum_g c_g v_gb`` and squared standard error
``ssc * sum_g (c_g v_gb - sum_h H_gh v_hb)^2``.

Examples
--------
>>> import numpy as np
>>> rng = np.random.default_rng(1)
>>> g = np.repeat(np.arange(8), 5)
>>> x = np.column_stack([np.ones(40), (g < 3).astype(float)])
>>> y = 1 + 0.5 * x[:, 1] + rng.normal(0, 1, 8)[g] * 0.3 + rng.normal(0, 1, 40)
>>> res = wild_cluster_bootstrap(y, x, g, column=1, reps=999, seed=3)
>>> res.p_val < 0.05, res.ci_low < res.estimate < res.ci_high, res.weights
(True, True, 'webb')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kemuning_eval.errors import check_arg
from kemuning_eval.stats._common import (
    BOOT_WEBB_MAX_CLUSTERS,
    DEFAULT_BOOT_REPS,
    DEFAULT_BOOT_WEIGHTS,
    DEFAULT_LEVEL,
    DEFAULT_SEED,
)

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

WEIGHTS = ("auto", "webb", "rademacher")
#: Bisection stops when the bracket is narrower than this share of the CR1 standard error.
_CI_TOL = 1e-6
#: Residuals this small relative to the outcome mean an exact fit (e.g. a constant outcome).
EXACT_FIT_TOL = 1e-10
#: The interval is reported unbounded when b0 = estimate +- this many standard errors is not rejected.
_CI_MAX_SE = 1e4


@dataclass(frozen=True)
class BootResult:
    """Result of :func:`wild_cluster_bootstrap` (all float64 except the counts and names).

    Attributes
    ----------
    estimate, se, statistic : float
        OLS coefficient, its CR1 standard error and ``(estimate - null) / se``.
    p_val : float
        Bootstrap p-value of ``b_j = null`` (symmetric, two-sided).
    ci_low, ci_high : float
        Bounds of the ``level`` interval by test inversion (may be infinite).
    reps : int
        Replications used (``2**G`` under full enumeration).
    weights : str
        ``"webb"`` or ``"rademacher"`` (``"auto"`` resolved).
    enumerated : bool
        True when every Rademacher sign pattern was used once.
    n_clusters : int
        Number of clusters G.

    Examples
    --------
    >>> res = BootResult(estimate=0.5, se=0.2, statistic=2.5, p_val=0.03, ci_low=0.1, ci_high=0.9,
    ...                  reps=9999, weights="webb", enumerated=False, n_clusters=8)
    >>> res.ci_low < res.estimate < res.ci_high
    True
    """

    estimate: float
    se: float
    statistic: float
    p_val: float
    ci_low: float
    ci_high: float
    reps: int
    weights: str
    enumerated: bool
    n_clusters: int


def exact_fit(y: np.ndarray, x: np.ndarray) -> bool:
    """True when OLS of ``y`` on ``x`` leaves no residual variation (no variance to estimate).

    Examples
    --------
    >>> import numpy as np
    >>> x = np.column_stack([np.ones(4), [0.0, 1.0, 0.0, 1.0]])
    >>> exact_fit(np.array([1.0, 1.0, 1.0, 1.0]), x), exact_fit(np.array([1.0, 2.0, 1.5, 2.0]), x)
    (True, False)
    """
    import numpy as np

    beta = np.linalg.lstsq(x, y, rcond=None)[0]
    return bool(np.max(np.abs(y - x @ beta)) <= EXACT_FIT_TOL * max(1.0, float(np.max(np.abs(y)))))


def draw_weights(n_clusters: int, *, reps: int, weights: str, seed: int) -> tuple[np.ndarray, bool]:
    """Bootstrap weights, shape ``(n_clusters, reps)``, and whether they are a full enumeration.

    Parameters
    ----------
    n_clusters : int
        Number of clusters G.
    reps : int
        Replications wanted.
    weights : {"webb", "rademacher"}
        Weight distribution.
    seed : int
        Seed of ``numpy.random.default_rng`` (unused under full enumeration).

    Returns
    -------
    (ndarray, bool)
        The weights and True when all ``2**G`` Rademacher patterns are used.

    Examples
    --------
    >>> v, full = draw_weights(3, reps=999, weights="rademacher", seed=1)
    >>> v.shape, full
    ((3, 8), True)
    >>> v, full = draw_weights(3, reps=10, weights="webb", seed=1)
    >>> v.shape, full, sorted({round(float(abs(w)), 3) for w in v.ravel()}) <= [0.707, 1.0, 1.225]
    ((3, 10), False, True)
    """
    import itertools

    import numpy as np

    if weights == "rademacher" and 2**n_clusters <= reps:
        grid = np.array(list(itertools.product([-1.0, 1.0], repeat=n_clusters)), dtype=np.float64)
        return grid.T.copy(), True
    rng = np.random.default_rng(seed)
    if weights == "rademacher":
        values = np.array([-1.0, 1.0])
    else:
        values = np.concatenate([-np.sqrt(np.array([3.0, 2.0, 1.0]) / 2), np.sqrt(np.array([1.0, 2.0, 3.0]) / 2)])
    v = rng.choice(values, size=n_clusters * reps, replace=True)
    return v.reshape(n_clusters, reps).astype(np.float64), False


class _Design:
    """Per-cluster cross products of one regression, computed once for every null value."""

    def __init__(self, y: np.ndarray, x: np.ndarray, codes: np.ndarray, column: int) -> None:
        import numpy as np

        n, k = x.shape
        self.n_clusters = int(codes.max()) + 1
        g = self.n_clusters
        self.xtx_g = np.zeros((g, k, k))
        self.xty_g = np.zeros((g, k))
        np.add.at(self.xtx_g, codes, x[:, :, None] * x[:, None, :])
        np.add.at(self.xty_g, codes, x * y[:, None])
        self.xtx_inv = np.linalg.inv(self.xtx_g.sum(axis=0))
        self.beta = self.xtx_inv @ self.xty_g.sum(axis=0)
        self.column = column
        self.row = self.xtx_inv[column]  # e_j'(X'X)^-1
        self.q = self.row / self.row[column]  # (X'X)^-1 e_j / (e_j'(X'X)^-1 e_j)
        self.ssc = g / (g - 1) * (n - 1) / (n - k)
        self.w = np.einsum("i,gij,jl->gl", self.row, self.xtx_g, self.xtx_inv)  # (G, k)
        scores = self.xty_g - self.xtx_g @ self.beta
        self.se = float(np.sqrt(self.ssc * np.sum((scores @ self.row) ** 2)))

    def bind(self, v: np.ndarray) -> None:
        """Precompute the replications' pieces for the weights ``v`` (G, B).

        The restricted estimate is linear in the null value ``b0``, so the
        scores are ``S_a + b0 S_b``, the numerators ``n_a + b0 n_b`` and the
        squared standard errors a quadratic in ``b0``: every later
        :meth:`p_value` costs O(B) instead of O(G^2 B).
        """
        import numpy as np

        base = self.beta - self.q * self.beta[self.column]
        parts = []
        for scores in (self.xty_g - self.xtx_g @ base, -(self.xtx_g @ self.q)):
            c = scores @ self.row
            parts.append((c @ v, c[:, None] * v - (self.w @ scores.T) @ v))
        (self.n_a, a_a), (self.n_b, a_b) = parts
        self.d_aa = self.ssc * np.sum(a_a * a_a, axis=0)
        self.d_ab = self.ssc * 2 * np.sum(a_a * a_b, axis=0)
        self.d_bb = self.ssc * np.sum(a_b * a_b, axis=0)

    def p_value(self, null: float) -> float:
        """Symmetric bootstrap p-value of ``b_j = null`` with the bound weights."""
        import numpy as np

        t_obs = (self.beta[self.column] - null) / self.se
        with np.errstate(invalid="ignore", divide="ignore"):
            denom = np.maximum(self.d_aa + null * self.d_ab + null * null * self.d_bb, 0.0)
            t_boot = (self.n_a + null * self.n_b) / np.sqrt(denom)
        return float(np.mean(np.abs(t_boot) > abs(t_obs)))


def _bound(design: _Design, alpha: float, sign: float) -> float:
    """One end of the test-inversion interval (``sign`` -1: lower, +1: upper)."""
    import numpy as np

    est, se = float(design.beta[design.column]), design.se
    inside, step = est, se
    outside = est + sign * step
    while design.p_value(outside) > alpha:
        inside, step = outside, step * 2
        if step > _CI_MAX_SE * se:
            return sign * np.inf
        outside = est + sign * step
    while abs(outside - inside) > _CI_TOL * se:
        mid = (inside + outside) / 2
        if design.p_value(mid) > alpha:
            inside = mid
        else:
            outside = mid
    return (inside + outside) / 2


def wild_cluster_bootstrap(
    y: Any,
    x: Any,
    clusters: Any,
    *,
    column: int,
    null: float = 0.0,
    level: float = DEFAULT_LEVEL,
    reps: int = DEFAULT_BOOT_REPS,
    weights: str = DEFAULT_BOOT_WEIGHTS,
    seed: int = DEFAULT_SEED,
    interval: bool = True,
) -> BootResult:
    """Restricted wild cluster bootstrap test and interval for coefficient ``column``.

    Parameters
    ----------
    y : array_like, shape (n,)
        Outcome (float64, no missing values).
    x : array_like, shape (n, k)
        Design matrix of full column rank, constant included.
    clusters : array_like, shape (n,)
        Cluster labels (at least 2 distinct).
    column : int
        Index of the tested coefficient in ``x``.
    null : float, default 0
        Value of the coefficient under the null hypothesis.
    level : float, default 0.95
        Confidence level of the interval.
    reps : int, default 9999
        Bootstrap replications (Rademacher: at most ``2**G``, enumerated).
    weights : {"auto", "webb", "rademacher"}
        Weight distribution; default ``"auto"`` (Webb up to
        ``BOOT_WEBB_MAX_CLUSTERS`` = 12 clusters, else Rademacher), from
        :mod:`kemuning_eval.stats._common`.
    seed : int
        Seed of the weights; the same seed gives the same result.
    interval : bool, default True
        Compute the interval by test inversion (False: NaN bounds, p-value only).

    Returns
    -------
    BootResult
        NaN statistic, p-value and bounds (``reps`` 0) when the model fits
        the outcome exactly (:func:`exact_fit`).

    Examples
    --------
    Four clusters, Rademacher weights: all 16 sign patterns, no randomness.

    >>> import numpy as np
    >>> g = np.repeat(np.arange(4), 3)
    >>> x = np.column_stack([np.ones(12), np.tile([0.0, 1.0, 2.0], 4)])
    >>> y = np.array([1.0, 2.1, 2.9, 0.8, 2.2, 3.1, 1.1, 1.9, 3.2, 0.9, 2.0, 3.0])
    >>> res = wild_cluster_bootstrap(y, x, g, column=1, weights="rademacher")
    >>> res.reps, res.enumerated, round(res.p_val, 4)
    (16, True, 0.125)
    """
    import numpy as np
    import pandas as pd

    check_arg(weights in WEIGHTS, "weights", weights, "'auto', 'webb' or 'rademacher'")
    check_arg(isinstance(reps, int) and not isinstance(reps, bool) and reps >= 99, "reps", reps,
              "an integer >= 99")
    check_arg(isinstance(seed, int) and not isinstance(seed, bool) and seed >= 0, "seed", seed,
              "an integer >= 0")
    check_arg(0 < level < 1, "level", level, "a number between 0 and 1 (e.g. 0.95)")
    y_ = np.asarray(y, dtype=np.float64)
    x_ = np.asarray(x, dtype=np.float64)
    codes = pd.factorize(pd.Series(np.asarray(clusters)), sort=True)[0]
    design = _Design(y_, x_, codes, column)
    if weights == "auto":
        weights = "webb" if design.n_clusters <= BOOT_WEBB_MAX_CLUSTERS else "rademacher"
    if exact_fit(y_, x_):  # no variance to bootstrap
        nan = float("nan")
        return BootResult(estimate=float(design.beta[column]), se=design.se, statistic=nan, p_val=nan, ci_low=nan,
                          ci_high=nan, reps=0, weights=weights, enumerated=False, n_clusters=design.n_clusters)
    v, enumerated = draw_weights(design.n_clusters, reps=reps, weights=weights, seed=seed)
    design.bind(v)
    alpha = 1 - level
    est = float(design.beta[column])
    low, high = ((_bound(design, alpha, -1.0), _bound(design, alpha, 1.0)) if interval
                 else (np.nan, np.nan))
    return BootResult(
        estimate=est, se=design.se, statistic=(est - null) / design.se,
        p_val=design.p_value(null), ci_low=low, ci_high=high,
        reps=int(v.shape[1]), weights=weights, enumerated=enumerated, n_clusters=design.n_clusters,
    )


@dataclass(frozen=True)
class WaldBootResult:
    """Result of :func:`wild_cluster_wald` (a joint test of several coefficients).

    Attributes
    ----------
    statistic : float
        CR1 Wald statistic divided by the number of restrictions ``q`` (the F
        form statsmodels' ``wald_test(use_f=True)`` reports).
    p_val : float
        Bootstrap p-value: share of replications whose statistic exceeds it.
    q : int
        Number of coefficients tested (all equal to 0).
    reps : int
        Replications used (``2**G`` under full enumeration).
    weights : str
        ``"webb"`` or ``"rademacher"`` (``"auto"`` resolved).
    enumerated : bool
        True when every Rademacher sign pattern was used once.
    n_clusters : int
        Number of clusters G.

    Examples
    --------
    >>> res = WaldBootResult(statistic=1.2, p_val=0.31, q=2, reps=9999, weights="webb", enumerated=False,
    ...                      n_clusters=10)
    >>> res.q, res.p_val < 0.05
    (2, False)
    """

    statistic: float
    p_val: float
    q: int
    reps: int
    weights: str
    enumerated: bool
    n_clusters: int


#: A replication's statistic within this relative distance of the observed one is a tie, not an
#: exceedance (the replication with every weight +1 reproduces the observed statistic exactly).
_TIE_TOL = 1e-9
#: Replications processed at once by :func:`wild_cluster_wald` (bounds memory at G x q x this).
_WALD_BLOCK = 2000


def _cluster_sums(values: np.ndarray, codes: np.ndarray, n_clusters: int) -> np.ndarray:
    """Row sums of ``values`` (n, ...) per cluster: shape (G, ...)."""
    import numpy as np

    out = np.zeros((n_clusters, *values.shape[1:]))
    np.add.at(out, codes, values)
    return out


def wild_cluster_wald(
    y: Any,
    x: Any,
    clusters: Any,
    *,
    columns: Any,
    reps: int = DEFAULT_BOOT_REPS,
    weights: str = DEFAULT_BOOT_WEIGHTS,
    seed: int = DEFAULT_SEED,
) -> WaldBootResult:
    """Restricted wild cluster bootstrap of the joint Wald test that ``columns`` are all 0.

    The joint version of :func:`wild_cluster_bootstrap` (WCR, as ``boottest``
    for several restrictions): the null ``b_J = 0`` is imposed (restricted
    fit without the columns ``J``), each replication multiplies the restricted
    residuals of a cluster by one weight and computes the CR1 Wald statistic
    ``W* = b*_J' V*_JJ^-1 b*_J``; the p-value is the share of ``W*`` above the
    observed ``W``.  The weights are those of :func:`draw_weights`, so with one
    column the p-value equals :func:`wild_cluster_bootstrap`'s (``W = t**2``).
    With per-cluster scores ``s_g = X_g'u~_g``, ``c_g = (X'X)^-1_J s_g`` and
    ``W_g = (X'X)^-1_J X_g'X_g (X'X)^-1``, replication ``b`` has numerator
    ``sum_g c_g v_gb`` and per-cluster terms ``c_g v_gb - W_g sum_h s_h v_hb``.
    A replication equal to the observed statistic up to rounding (a tie, e.g.
    every weight +1) does not count as exceeding it.

    Parameters
    ----------
    y : array_like, shape (n,)
        Outcome (float64, no missing values).
    x : array_like, shape (n, k)
        Design matrix of full column rank.
    clusters : array_like, shape (n,)
        Cluster labels.
    columns : sequence of int
        Indices of the coefficients tested jointly (at least one, at most G - 1).
    reps, weights, seed : int, str, int
        As :func:`wild_cluster_bootstrap`.

    Returns
    -------
    WaldBootResult
        NaN statistic and p-value (``reps`` 0) when the model fits the outcome
        exactly (:func:`exact_fit`) or the CR1 covariance of the tested
        coefficients is singular (more coefficients than clusters - 1).

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(2)
    >>> g = np.repeat(np.arange(10), 4)
    >>> x = np.column_stack([np.ones(40), rng.normal(size=(40, 2))])
    >>> y = x @ [1.0, 0.0, 0.0] + rng.normal(0, 1, 40)
    >>> res = wild_cluster_wald(y, x, g, columns=[1, 2], reps=999, seed=1)
    >>> res.q, res.weights, 0.0 <= res.p_val <= 1.0
    (2, 'webb', True)
    """
    import numpy as np
    import pandas as pd

    check_arg(weights in WEIGHTS, "weights", weights, "'auto', 'webb' or 'rademacher'")
    check_arg(isinstance(reps, int) and not isinstance(reps, bool) and reps >= 99, "reps", reps,
              "an integer >= 99")
    check_arg(isinstance(seed, int) and not isinstance(seed, bool) and seed >= 0, "seed", seed,
              "an integer >= 0")
    y_ = np.asarray(y, dtype=np.float64)
    x_ = np.asarray(x, dtype=np.float64)
    n, k = x_.shape
    cols = [int(c) for c in columns]
    check_arg(0 < len(cols) == len(set(cols)) and all(0 <= c < k for c in cols), "columns", columns,
              f"distinct column indices between 0 and {k - 1}")
    codes = pd.factorize(pd.Series(np.asarray(clusters)), sort=True)[0]
    g = int(codes.max()) + 1
    if weights == "auto":
        weights = "webb" if g <= BOOT_WEBB_MAX_CLUSTERS else "rademacher"
    q = len(cols)
    nan = float("nan")
    empty = WaldBootResult(statistic=nan, p_val=nan, q=q, reps=0, weights=weights, enumerated=False, n_clusters=g)
    if exact_fit(y_, x_) or q > g - 1:
        return empty
    ssc = g / (g - 1) * (n - 1) / (n - k)
    xtx_g = _cluster_sums(x_[:, :, None] * x_[:, None, :], codes, g)
    inv = np.linalg.inv(xtx_g.sum(axis=0))
    beta = inv @ (x_.T @ y_)
    row = inv[cols]  # (X'X)^-1_J, (q, k)
    c_hat = _cluster_sums(x_ * (y_ - x_ @ beta)[:, None], codes, g) @ row.T  # (G, q)
    v_hat = ssc * c_hat.T @ c_hat
    if np.linalg.matrix_rank(v_hat) < q:
        return empty
    observed = float(beta[cols] @ np.linalg.solve(v_hat, beta[cols]))
    keep = [j for j in range(k) if j not in cols]
    restricted = y_ - x_[:, keep] @ np.linalg.lstsq(x_[:, keep], y_, rcond=None)[0] if keep else y_
    scores = _cluster_sums(x_ * restricted[:, None], codes, g)  # s_g, (G, k)
    c = scores @ row.T  # (G, q)
    w = np.einsum("qi,gij,jl->gql", row, xtx_g, inv)  # (G, q, k)
    v, enumerated = draw_weights(g, reps=reps, weights=weights, seed=seed)
    exceed = 0
    for start in range(0, v.shape[1], _WALD_BLOCK):
        vb = v[:, start:start + _WALD_BLOCK]
        num = c.T @ vb  # (q, B)
        terms = c[:, :, None] * vb[:, None, :] - np.einsum("gql,lb->gqb", w, scores.T @ vb)
        cov = ssc * np.einsum("gib,gjb->bij", terms, terms)  # (B, q, q)
        stat = np.einsum("ib,bij,jb->b", num, np.linalg.pinv(cov, hermitian=True), num)
        exceed += int(np.sum(stat > observed * (1 + _TIE_TOL)))
    return WaldBootResult(statistic=observed / q, p_val=exceed / v.shape[1], q=q, reps=int(v.shape[1]),
                          weights=weights, enumerated=enumerated, n_clusters=g)
