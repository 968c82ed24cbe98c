"""Likert summaries per item and per dimension, by any grouping, with suppression.

Definitions used
----------------
- **Item**: over the respondents who answered the item (available-case):
  ``n``, mean (``estimate``), ``sd`` (ddof=1), two-sided t interval
  (``ci_low``, ``ci_high``, df = n - 1), the distribution of answers
  (``count_<s>`` and ``share_<s>`` for every score ``s`` of the scale) and
  ``favourable`` = top-2-box share (answers >= scale maximum - 1, e.g. 4 and 5
  on a 1-5 scale).  Scores are taken as stored: the processed ``reaction``
  table is already reverse-recoded (higher = better).
- **Dimension**: each respondent's dimension score is the mean of the items
  of that dimension he or she answered (respondents with none are left
  out); ``n``, ``estimate``, ``sd`` and the t interval describe those
  respondent scores.  The distribution columns and ``favourable`` pool all
  answers to the dimension's items (``n_answers``).
- **Category** (``category``): the mean rounded to 2 decimals, placed in
  configurable bands (``cutoffs`` = ``scoring.likert_cutoffs`` of ``studi.yaml``).  Default (the common Indonesian equal-width class
  interval (5 - 1) / 5 = 0.8 on a 1-5 mean): 1.00-1.80 Sangat Kurang,
  1.81-2.60 Kurang, 2.61-3.40 Cukup, 3.41-4.20 Baik, 4.21-5.00 Sangat Baik
  (:data:`kemuning_eval.stats.bands.LIKERT_CUTOFFS`; the column holds the
  code, e.g. ``sangat_baik``, or the configured label as given).
  The default applies to 1-5 scales only; pass ``cutoffs`` for other scales.
- **Small groups**: with ``by``, groups with ``n < min_n`` are suppressed,
  plus the secondary cells of :func:`kemuning_eval.stats.suppression.suppress`
  (each item / dimension is one breakdown; with several ``by`` columns every
  margin is protected).  Rows whose group value is missing are left out of a
  breakdown.  Participant attributes (gender, grade, unit ...) live in the
  ``participants`` table: join them first, e.g.
  ``reaction.merge(participants[["participant_id", "gender"]], on="participant_id")``.

Output columns
--------------
grouping columns, ``item`` / ``dimension``, ``label`` (items), ``n``,
``n_answers`` (dimensions), ``estimate``, ``sd``, ``ci_low``, ``ci_high``,
``favourable``, ``category``, ``count_<s>``, ``share_<s>``, ``method``,
``suppressed``, ``suppression``.

On the bundled data::

    import pandas as pd
    d = "data/processed/2026/"
    summarize_dimensions(pd.read_parquet(d + "reaction.parquet"),
                         pd.read_parquet(d + "items.parquet"), by="program_id")
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from kemuning_eval.errors import DataError
from kemuning_eval.i18n import t  # error messages only
from kemuning_eval.stats._common import (
    DEFAULT_LEVEL,
    DEFAULT_MIN_N,
    as_columns,
    check_level,
    check_min_n,
    check_range,
    drop_all,
    group_by,
    item_metadata,
    numeric_matrix,
    require_columns,
    t_interval,
)
from kemuning_eval.stats.bands import likert_category
from kemuning_eval.stats.suppression import suppress

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

ITEM_METHOD = "item mean, t CI, available answers; favourable = top-2-box"
DIMENSION_METHOD = "mean of respondent dimension scores (answered items), t CI; favourable = top-2-box of pooled answers"


def summarize_items(
    data: pd.DataFrame,
    items: pd.DataFrame | None = None,
    *,
    columns: Sequence[str] | None = None,
    by: str | Sequence[str] | None = None,
    cutoffs: Mapping[str, float] | None = None,
    min_n: int = DEFAULT_MIN_N,
    level: float = DEFAULT_LEVEL,
    scale: tuple[int, int] = (1, 5),
) -> pd.DataFrame:
    """Summarise every Likert item, optionally by group.

    Parameters
    ----------
    data : DataFrame
        Wide table, one row per response, one float column per item
        (``reaction`` or ``facilitator_ratings``).
    items : DataFrame, optional
        The processed ``items`` table (dimension, label, scale).  IKM items
        (with an ``ikm_element``) are left out unless named in ``columns``.
    columns : list of str, optional
        Items to summarise (default: every item of ``items`` in ``data``).
    by : str or list of str, optional
        Grouping columns (programme, cohort, unit, gender, grade ...).
    cutoffs : mapping, optional
        Category bands, see :func:`kemuning_eval.stats.bands.likert_category`.
    min_n : int, default 5
        Smallest group published (see module docstring).
    level : float, default 0.95
        Confidence level of the t interval.
    scale : (min, max), default (1, 5)
        Scale range of the items when no ``items`` table is given.

    Returns
    -------
    DataFrame
        One row per (group, item); columns in the module docstring.

    Examples
    --------
    >>> import pandas as pd
    >>> data = pd.DataFrame({"mat_1": [5, 4, 4, 3, 5, 2.0], "mat_2": [4, 4, 5, 5, 4, 4.0]})
    >>> out = summarize_items(data, columns=["mat_1", "mat_2"])
    >>> out[["item", "n", "estimate", "favourable", "category", "count_5"]].round(3).to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'item': 'mat_1', 'n': 6, 'estimate': 3.833, 'favourable': 0.667, 'category': 'baik', 'count_5': 2},
     {'item': 'mat_2', 'n': 6, 'estimate': 4.333, 'favourable': 1.0, 'category': 'sangat_baik', 'count_5': 2}]
    """
    min_n, level = check_min_n(min_n), check_level(level)
    meta = item_metadata(data, items, columns=columns, include_ikm=columns is not None,
                         scale=scale)
    keys = as_columns(by)
    require_columns(data, keys, table="data")
    values = _checked_values(data, meta)
    long = _grouped_stats(data[keys], values, keys, _scores(meta), unit="item")
    long = long.join(meta[["label", "dimension", "scale_max"]], on="item")
    out = _finish(long, meta, keys, "item", cutoffs, level, ITEM_METHOD)
    return _suppressed(out, keys, "item", min_n)


def summarize_dimensions(
    data: pd.DataFrame,
    items: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = None,
    cutoffs: Mapping[str, float] | None = None,
    min_n: int = DEFAULT_MIN_N,
    level: float = DEFAULT_LEVEL,
    columns: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Summarise each dimension (materi, penyelenggaraan, sarana, manfaat ...).

    The dimension score of a respondent is the mean of the dimension's items
    he or she answered; see the module docstring for every definition.

    Parameters
    ----------
    data, items, by, cutoffs, min_n, level, columns
        As in :func:`summarize_items`; ``items`` must give a ``dimension``
        for every item used.

    Examples
    --------
    >>> import pandas as pd
    >>> data = pd.DataFrame({"a1": [5, 4, 4, 3, 5.0], "a2": [4, 4, None, 5, 4],
    ...                      "b1": [2, 3, 3, 4, 3.0]})
    >>> items = pd.DataFrame({"variable": ["a1", "a2", "b1"],
    ...                       "dimension": ["materi", "materi", "sarana"],
    ...                       "scale_min": 1, "scale_max": 5})
    >>> out = summarize_dimensions(data, items)
    >>> out[["dimension", "n", "n_answers", "estimate", "sd", "category"]].round(3).to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'dimension': 'materi', 'n': 5, 'n_answers': 9, 'estimate': 4.2, 'sd': 0.274, 'category': 'baik'},
     {'dimension': 'sarana', 'n': 5, 'n_answers': 5, 'estimate': 3.0, 'sd': 0.707, 'category': 'cukup'}]
    """
    import numpy as np
    import pandas as pd

    min_n, level = check_min_n(min_n), check_level(level)
    meta = item_metadata(data, items, columns=columns, include_ikm=columns is not None)
    if meta["dimension"].isna().any():
        first = meta.index[meta["dimension"].isna()][0]
        raise DataError(t("stats.error.no_dimension"), column="dimension", value=first,
                        hint=t("stats.hint.no_dimension"))
    keys = as_columns(by)
    require_columns(data, keys, table="data")
    values = _checked_values(data, meta)
    scores = _scores(meta)
    per_item = _grouped_stats(data[keys], values, keys, scores, unit="item")
    per_item["dimension"] = meta["dimension"].reindex(per_item["item"]).to_numpy()
    count_cols = [f"count_{s}" for s in scores]
    pooled = per_item.groupby([*keys, "dimension"], sort=False)[["n", *count_cols]].sum()
    pooled = pooled.rename(columns={"n": "n_answers"})

    dims = list(dict.fromkeys(meta["dimension"]))
    person = {}
    for dim in dims:
        cols = meta.index[meta["dimension"] == dim]
        with np.errstate(all="ignore"):
            person[dim] = np.nanmean(values[cols].to_numpy(), axis=1)
    person_scores = pd.DataFrame(person, index=values.index)
    dim_stats = _grouped_stats(data[keys], person_scores, keys, [], unit="dimension")
    long = dim_stats.join(pooled, on=[*keys, "dimension"])
    smax = meta.groupby("dimension")["scale_max"].max()
    long["scale_max"] = smax.reindex(long["dimension"]).to_numpy()
    out = _finish(long, meta, keys, "dimension", cutoffs, level, DIMENSION_METHOD,
                  share_of="n_answers")
    return _suppressed(out, keys, "dimension", min_n)


def _scores(meta: pd.DataFrame) -> list[int]:
    import numpy as np

    lo = int(np.nanmin(meta["scale_min"].astype("float64")))
    hi = int(np.nanmax(meta["scale_max"].astype("float64")))
    return list(range(lo, hi + 1))


def _checked_values(data: pd.DataFrame, meta: pd.DataFrame) -> pd.DataFrame:
    """The item columns as float64, refusing scores outside their scale."""
    import pandas as pd

    cols = list(meta.index)
    x = numeric_matrix(data, cols, table="data")
    check_range(x, cols, meta["scale_min"].astype("float64").to_numpy(),
                meta["scale_max"].astype("float64").to_numpy())
    return pd.DataFrame(x, columns=cols, index=data.index)


def _grouped_stats(
    key_frame: pd.DataFrame,
    values: pd.DataFrame,
    keys: list[str],
    scores: list[int],
    *,
    unit: str,
) -> pd.DataFrame:
    """Long table of n, mean, sd and answer counts per (group, column): vectorised.

    One grouping of the values (n, mean, sd) and one of every answer count at
    once; the wide results are laid out long (group, then column) with numpy.
    """
    import numpy as np
    import pandas as pd

    grouper = group_by(key_frame, keys)
    g = values.groupby(grouper, sort=True, observed=True, dropna=True)
    parts = {"n": g.count(), "estimate": g.mean(), "sd": g.std(ddof=1)}
    groups, columns = parts["n"].index, values.columns
    if scores:
        x = values.to_numpy()
        hits = pd.DataFrame(np.concatenate([x == s for s in scores], axis=1), index=values.index)
        counts = hits.groupby(grouper, sort=True, observed=True, dropna=True).sum().to_numpy()
        k = len(columns)
        for j, s in enumerate(scores):
            parts[f"count_{s}"] = counts[:, j * k:(j + 1) * k]
    index = groups.repeat(len(columns))
    long = pd.DataFrame({name: np.asarray(wide).ravel() for name, wide in parts.items()},
                        index=pd.RangeIndex(len(index)))
    head = index.to_frame(index=False) if isinstance(index, pd.MultiIndex) \
        else pd.DataFrame({index.name: index})
    head[unit] = np.tile(np.asarray(columns, dtype=object), len(groups))
    long = drop_all(pd.concat([head, long], axis=1))
    long["n"] = long["n"].astype("int64")
    for s in scores:
        long[f"count_{s}"] = long[f"count_{s}"].astype("int64")
    return long


def _finish(
    long: pd.DataFrame,
    meta: pd.DataFrame,
    keys: list[str],
    unit: str,
    cutoffs: Mapping[str, float] | None,
    level: float,
    method: str,
    *,
    share_of: str = "n",
) -> pd.DataFrame:
    """Add the t interval, shares, top-2-box, category and method columns."""
    import numpy as np

    scores = _scores(meta)
    long["ci_low"], long["ci_high"] = t_interval(long["estimate"], long["sd"], long["n"], level)
    denom = long[share_of].to_numpy(dtype=np.float64)
    smax = long["scale_max"].to_numpy(dtype=np.float64)
    fav = np.zeros(len(long))
    with np.errstate(invalid="ignore", divide="ignore"):
        for s in scores:
            counts = long[f"count_{s}"].to_numpy(dtype=np.float64)
            long[f"share_{s}"] = counts / denom
            fav += np.where(s >= smax - 1, counts, 0.0)
        long["favourable"] = fav / denom
    default_scale = (meta["scale_min"].astype(float).eq(1) & meta["scale_max"].astype(float).eq(5)).all()
    if cutoffs is None and not default_scale:
        long["category"] = None
    else:
        long["category"] = likert_category(long["estimate"], cutoffs)
    long["method"] = method
    head = [*keys, unit, *(["label", "dimension"] if unit == "item" else [])]
    middle = ["n", *(["n_answers"] if "n_answers" in long else [])]
    stats_cols = ["estimate", "sd", "ci_low", "ci_high", "favourable", "category"]
    dist = [f"count_{s}" for s in scores] + [f"share_{s}" for s in scores]
    return long[[*head, *middle, *stats_cols, *dist, "method"]].reset_index(drop=True)


def partitions_for(keys: list[str], unit: str) -> list[list[str]]:
    """Breakdowns of a (group x unit) table for :func:`~.suppression.suppress`.

    Each unit (item, dimension ...) is its own breakdown; with several grouping
    columns, the cells sharing every other grouping value add up to a margin.

    Examples
    --------
    >>> partitions_for(["program_id", "gender"], "item")
    [['item', 'gender'], ['item', 'program_id']]
    """
    if not keys:
        return [[unit]]
    return [[unit, *(k for k in keys if k != key)] for key in keys]


def _suppressed(out: pd.DataFrame, keys: list[str], unit: str, min_n: int) -> pd.DataFrame:
    """Primary + secondary suppression of every statistic of small groups."""
    value_cols = [c for c in out.columns
                  if c.startswith(("count_", "share_")) or c in
                  ("estimate", "sd", "ci_low", "ci_high", "favourable", "n_answers")]
    out = suppress(out, min_n=min_n, partitions=partitions_for(keys, unit), value_cols=value_cols)
    out.loc[out["suppressed"], "category"] = None
    return out
