"""Reliability of each scale: Cronbach's alpha with a Feldt CI, and item analysis.

Definitions used
----------------
- **Cronbach's alpha** from the item covariance matrix ``C`` (ddof=1):
  ``alpha = k/(k-1) * (1 - trace(C) / sum(C))``.
- **Missing answers**: ``missing="listwise"`` (default) keeps the rows that
  answered every item of the scale (as ``psych::alpha(na.omit(x))``): ``n`` is
  that row count, used by both alpha and the CI.  ``missing="pairwise"``
  builds ``C`` from pairwise-complete pairs (as ``psych::alpha(x,
  use="pairwise")`` and pingouin's default); its CI uses every row with at
  least one answer and is **approximate**: Feldt's distribution assumes n
  complete rows (by simulation, 15 % of answers missing at random, the
  pairwise interval covers about 91 % where listwise holds 95 %; see the
  coverage table in README.md).  The rule is stated in the ``missing``
  column, and ``method`` says when the interval is approximate.
- **Feldt (1987) CI**: ``1 - (1 - alpha) * F_{1-a/2}(n-1, (n-1)(k-1))`` and
  ``1 - (1 - alpha) * F_{a/2}(...)`` with ``a = 1 - level``; not rounded.
- **Alpha if item deleted** and **corrected item-total correlation**
  (item vs. the sum of the *other* items) come from the same ``C``, hence the
  same rows as the full alpha.
- **Reverse items**: the processed tables are already recoded; for raw data
  name the items in ``reverse`` and they are recoded ``x -> min + max - x``
  with the scale range of the ``items`` table (or ``scale``).
- **Bands** (George & Mallery, :func:`kemuning_eval.stats.bands.alpha_band`):
  > .9 excellent, > .8 good, > .7 acceptable, > .6 questionable, > .5 poor,
  else unacceptable; ``band`` holds the code.
- **Warnings**: alpha < 0.70 (``low_reliability``,
  :data:`kemuning_eval.stats.bands.LOW_RELIABILITY_BELOW`) or fewer than 3 items issue a
  :class:`ReliabilityWarning` and fill the ``warning`` column; so does an
  alpha that cannot be computed (fewer than 2 complete rows, identical
  answers), with the reason instead of a comparison with NaN.
- **Reverse-item guard**: an item whose corrected item-total correlation is
  below ``REVERSE_SUSPECT_BELOW`` (-0.2) is probably a reverse-worded item
  left unrecoded: ``item_analysis`` flags it (``reverse_suspect``),
  ``cronbach_alpha`` lists such items (``reverse_suspects``) and warns,
  suggesting ``reverse: true`` in the codebook.

Output of :func:`cronbach_alpha`: ``scale``, ``k``, ``n``, ``estimate``,
``ci_low``, ``ci_high``, ``method``, ``missing``, ``band``, ``low_reliability``, ``warning``,
``reverse_suspects``.
Output of :func:`item_analysis`: ``scale``, ``item``, ``label``, ``n``,
``mean``, ``sd``, ``item_total_r``, ``alpha_if_deleted``, ``missing``,
``reverse_suspect``.

On the bundled data::

    import pandas as pd
    d = "data/processed/2026/"
    cronbach_alpha(pd.read_parquet(d + "reaction.parquet"), pd.read_parquet(d + "items.parquet"))
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING

from kemuning_eval.errors import check_arg
from kemuning_eval.i18n import t  # warning messages only (in the default language, as errors)
from kemuning_eval.stats._common import (
    DEFAULT_LEVEL,
    check_level,
    item_metadata,
    numeric_matrix,
)
from kemuning_eval.stats.bands import alpha_band, is_low_reliability

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    import pandas as pd

MISSING_RULES = ("listwise", "pairwise")
METHOD = "cronbach alpha, Feldt CI"
METHOD_PAIRWISE = "cronbach alpha, Feldt CI (approximate: pairwise covariances, n = rows with any answer)"
K_MIN = 3
#: An item whose corrected item-total correlation is below this is flagged as a probable reverse item.
REVERSE_SUSPECT_BELOW = -0.2


class ReliabilityWarning(UserWarning):
    """A scale's alpha is below 0.70 or it has fewer than 3 items.

    Issued by :func:`cronbach_alpha` (one warning per problem, text from the
    catalogue in the default language, as error messages); the same text fills the ``warning`` column.  It is
    a :class:`UserWarning`, so it shows in notebooks and can be filtered with
    :mod:`warnings`.

    Examples
    --------
    >>> import warnings
    >>> import pandas as pd
    >>> data = pd.DataFrame({"q1": [4, 5, 3, 4, 2.0], "q2": [4, 4, 3, 5, 2.0]})
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     out = cronbach_alpha(data, columns=["q1", "q2"])
    >>> [w.category.__name__ for w in caught]
    ['ReliabilityWarning']
    >>> print(caught[0].message)
    skala 'skala' hanya punya 2 butir (< 3): alpha kurang stabil
    >>> out["warning"].iloc[0] == str(caught[0].message)
    True
    """


def feldt_interval(alpha: float, n: int, k: int, level: float = DEFAULT_LEVEL) -> tuple[float, float]:
    """Feldt, Woodruff & Salih (1987) confidence interval of alpha.

    Examples
    --------
    >>> low, high = feldt_interval(0.8, 100, 5)
    >>> round(low, 4), round(high, 4)
    (0.7306, 0.8559)
    """
    import math

    from scipy import stats

    if n < 2 or k < 2 or not math.isfinite(alpha):
        return math.nan, math.nan
    df1, df2 = n - 1, (n - 1) * (k - 1)
    a = 1 - level
    low = 1 - (1 - alpha) * stats.f.isf(a / 2, df1, df2)
    high = 1 - (1 - alpha) * stats.f.isf(1 - a / 2, df1, df2)
    return float(low), float(high)


def _prepared(data, items, columns, reverse, scale, missing, scale_name):
    """Scales -> (metadata, float matrix with reverse items recoded)."""
    import numpy as np

    check_arg(missing in MISSING_RULES, "missing", missing, "'listwise' or 'pairwise'")
    meta = item_metadata(data, items, columns=columns, include_ikm=columns is not None,
                         scale=scale)
    if items is None or meta["dimension"].isna().all():
        meta["dimension"] = scale_name
    meta["dimension"] = meta["dimension"].fillna(scale_name)
    x = numeric_matrix(data, list(meta.index), table="data")
    reverse = list(reverse or [])
    for name in reverse:
        check_arg(name in meta.index, "reverse", name, "an item of the scale")
        j = meta.index.get_loc(name)
        lo, hi = float(meta.iloc[j]["scale_min"]), float(meta.iloc[j]["scale_max"])
        check_arg(np.isfinite(lo) and np.isfinite(hi), "scale", scale,
                  "the scale range (min, max) to recode reverse items")
        x[:, j] = lo + hi - x[:, j]
    return meta, x


def _covariance(x: np.ndarray, missing: str) -> tuple[np.ndarray, int]:
    """Covariance matrix and the n of the CI under the missing-data rule."""
    import numpy as np
    import pandas as pd

    answered = ~np.isnan(x)
    if missing == "listwise":
        complete = x[answered.all(axis=1)]
        n = len(complete)
        if n < 2:
            return np.full((x.shape[1], x.shape[1]), np.nan), n
        return np.atleast_2d(np.cov(complete, rowvar=False, ddof=1)), n
    n = int(answered.any(axis=1).sum())
    return pd.DataFrame(x).cov().to_numpy(), n


def _alpha_from_cov(c: np.ndarray) -> float:
    import numpy as np

    k = c.shape[0]
    if k < 2:
        return float("nan")
    total = c.sum()
    return float(k / (k - 1) * (1 - np.trace(c) / total)) if total != 0 else float("nan")


def _item_stats(c: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Corrected item-total r and alpha-if-deleted of every item, from the covariance matrix."""
    import numpy as np

    k = c.shape[0]
    total, rowsum, var = c.sum(), c.sum(axis=1), np.diag(c)
    rest_var = total - 2 * rowsum + var  # variance of the sum of the other items
    with np.errstate(invalid="ignore", divide="ignore"):
        denom = var * rest_var
        r = np.where(denom > 0, (rowsum - var) / np.sqrt(np.where(denom > 0, denom, 1.0)), np.nan)
        rest_trace = np.trace(c) - var
        aid = (np.where(rest_var > 0, (k - 1) / (k - 2) * (1 - rest_trace / np.where(rest_var > 0, rest_var, 1.0)),
                        np.nan) if k > 2 else np.full(k, np.nan))
    return r, aid


def _undefined_reason(c: np.ndarray, n: int, missing: str) -> str:
    import numpy as np

    if c.shape[0] < 2:
        return t("stats3.alpha.reason.one_item")
    if n < 2 or not np.isfinite(c).all():
        return t("stats3.alpha.reason.few_rows", missing=missing)
    return t("stats3.alpha.reason.no_variance")


def cronbach_alpha(
    data: pd.DataFrame,
    items: pd.DataFrame | None = None,
    *,
    columns: Sequence[str] | None = None,
    missing: str = "listwise",
    reverse: Sequence[str] | None = None,
    scale: tuple[float, float] | None = None,
    scale_name: str = "skala",
    level: float = DEFAULT_LEVEL,
) -> pd.DataFrame:
    """Cronbach's alpha per scale (each ``dimension`` of the items table).

    Parameters
    ----------
    data : DataFrame
        Wide table, one float column per item.
    items : DataFrame, optional
        The ``items`` table: one scale per ``dimension`` (IKM items left out).
    columns : list of str, optional
        The items (one scale named ``scale_name`` when ``items`` is None).
    missing : {"listwise", "pairwise"}
        Missing-data rule, see the module docstring.
    reverse : list of str, optional
        Items to recode ``min + max - x`` first (raw data only).
    scale : (min, max), optional
        Scale range for ``reverse`` when ``items`` is None.
    scale_name : str, default "skala"
        Name of the scale when the items carry no dimension.
    level : float, default 0.95
        Level of the Feldt interval.

    Examples
    --------
    >>> import pandas as pd
    >>> data = pd.DataFrame({"q1": [4, 5, 3, 4, 2, 5, 4, 3.0], "q2": [4, 4, 3, 5, 2, 5, 3, 3.0],
    ...                      "q3": [5, 5, 2, 4, 1, 4, 4, 3.0]})
    >>> out = cronbach_alpha(data, columns=["q1", "q2", "q3"])
    >>> out[["scale", "k", "n", "estimate", "ci_low", "ci_high", "band"]].round(3).to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'scale': 'skala', 'k': 3, 'n': 8, 'estimate': 0.912, 'ci_low': 0.701, 'ci_high': 0.981, 'band': 'excellent'}]
    """
    import math

    import numpy as np
    import pandas as pd

    level = check_level(level)
    meta, x = _prepared(data, items, columns, reverse, scale, missing, scale_name)
    rows = []
    for name, idx in _scale_positions(meta).items():
        c, n = _covariance(x[:, idx], missing)
        k = len(idx)
        alpha = _alpha_from_cov(c)
        low, high = feldt_interval(alpha, n, k, level)
        problems = []
        if k < K_MIN:
            problems.append(t("stats.alpha.warning.few_items", scale=name, k=k))
        if math.isnan(alpha):
            problems.append(t("stats3.alpha.warning.undefined", scale=name,
                              reason=_undefined_reason(c, n, missing)))
        elif is_low_reliability(alpha):
            problems.append(t("stats.alpha.warning.low", scale=name, alpha=f"{alpha:.3f}"))
        r, _ = _item_stats(c) if k >= 2 else (np.full(k, np.nan), None)
        suspects = [str(meta.index[idx[j]]) for j in np.flatnonzero(r < REVERSE_SUSPECT_BELOW)]
        for j in np.flatnonzero(r < REVERSE_SUSPECT_BELOW):
            problems.append(t("stats3.alpha.warning.reverse_suspect", scale=name, item=meta.index[idx[j]],
                              r=f"{r[j]:.2f}"))
        for text in problems:
            warnings.warn(text, ReliabilityWarning, stacklevel=2)
        rows.append({"scale": name, "k": k, "n": n, "estimate": alpha, "ci_low": low,
                     "ci_high": high, "method": METHOD if missing == "listwise" else METHOD_PAIRWISE,
                     "missing": missing, "band": alpha_band(alpha),
                     "low_reliability": is_low_reliability(alpha), "warning": "; ".join(problems),
                     "reverse_suspects": ";".join(suspects)})
    return pd.DataFrame(rows)


def _scale_positions(meta: pd.DataFrame) -> dict[str, list[int]]:
    positions: dict[str, list[int]] = {}
    for j, dim in enumerate(meta["dimension"]):
        positions.setdefault(str(dim), []).append(j)
    return positions


def item_analysis(
    data: pd.DataFrame,
    items: pd.DataFrame | None = None,
    *,
    columns: Sequence[str] | None = None,
    missing: str = "listwise",
    reverse: Sequence[str] | None = None,
    scale: tuple[float, float] | None = None,
    scale_name: str = "skala",
) -> pd.DataFrame:
    """Per item: mean, sd, corrected item-total r and alpha if the item is deleted.

    All columns come from the covariance matrix of the full alpha, so they use
    the same rows (listwise) or pairs (pairwise).  Parameters as in
    :func:`cronbach_alpha`.

    Examples
    --------
    >>> import pandas as pd
    >>> data = pd.DataFrame({"q1": [4, 5, 3, 4, 2, 5, 4, 3.0], "q2": [4, 4, 3, 5, 2, 5, 3, 3.0],
    ...                      "q3": [5, 5, 2, 4, 1, 4, 4, 3.0]})
    >>> out = item_analysis(data, columns=["q1", "q2", "q3"])
    >>> out[["item", "n", "item_total_r", "alpha_if_deleted"]].round(3).to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'item': 'q1', 'n': 8, 'item_total_r': 0.917, 'alpha_if_deleted': 0.814},
     {'item': 'q2', 'n': 8, 'item_total_r': 0.78, 'alpha_if_deleted': 0.911},
     {'item': 'q3', 'n': 8, 'item_total_r': 0.835, 'alpha_if_deleted': 0.897}]
    """
    import numpy as np
    import pandas as pd

    meta, x = _prepared(data, items, columns, reverse, scale, missing, scale_name)
    frames = []
    for name, idx in _scale_positions(meta).items():
        sub = x[:, idx]
        c, n = _covariance(sub, missing)
        k = len(idx)
        r, aid = _item_stats(c)
        if missing == "listwise":
            used = sub[~np.isnan(sub).any(axis=1)]
            means, counts = (used.mean(axis=0) if len(used) else np.full(k, np.nan)), len(used)
        else:
            counts = (~np.isnan(sub)).sum(axis=0)
            with np.errstate(invalid="ignore", divide="ignore"):
                means = np.where(counts > 0, np.nansum(sub, axis=0) / np.maximum(counts, 1), np.nan)
        frames.append(pd.DataFrame({
            "scale": name, "item": meta.index[idx], "label": meta["label"].iloc[idx].to_numpy(),
            "n": counts, "mean": means, "sd": np.sqrt(np.diag(c)), "item_total_r": r,
            "alpha_if_deleted": aid, "missing": missing, "reverse_suspect": r < REVERSE_SUSPECT_BELOW,
        }))
    return pd.concat(frames, ignore_index=True)
