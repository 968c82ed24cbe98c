"""Facilitator (widyaiswara) ratings per facilitator and rated dimension.

The processed ``facilitator_ratings`` table has one row per response
(participant x facilitator) and one float column per rated dimension
(``fac_*``: mastery of material, punctuality, systematic presentation ...,
scored 1-5 after ingestion).

Definitions used
----------------
- :func:`facilitator_dimensions`: every ``fac_*`` column summarised per
  facilitator exactly as a Likert item in
  :func:`kemuning_eval.stats.likert.summarize_items` (n, mean, sd, t CI,
  distribution, top-2-box, category), the column name in ``item``.
- :func:`facilitator_overall`: a respondent's overall rating of a
  facilitator is the mean of the dimensions he or she rated; summarised per
  facilitator like a dimension in
  :func:`kemuning_eval.stats.likert.summarize_dimensions` (``dimension`` =
  ``"overall"``), sorted from the highest mean.
- Facilitators rated by fewer than ``min_n`` respondents are suppressed, with
  secondary suppression across facilitators (each dimension one breakdown).

On the bundled data::

    import pandas as pd
    d = "data/processed/2026/"
    facilitator_overall(pd.read_parquet(d + "facilitator_ratings.parquet"))
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from kemuning_eval.errors import DataError
from kemuning_eval.i18n import t
from kemuning_eval.stats._common import DEFAULT_LEVEL, DEFAULT_MIN_N, as_columns
from kemuning_eval.stats.likert import summarize_dimensions, summarize_items

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

PREFIX = "fac_"
OVERALL = "overall"


def _rating_columns(ratings: pd.DataFrame, columns: Sequence[str] | None) -> list[str]:
    cols = list(columns) if columns is not None else [
        c for c in ratings.columns if str(c).startswith(PREFIX)]
    if not cols:
        raise DataError(t("stats.fac.error.no_columns"), column=PREFIX + "*",
                        hint=t("stats.fac.hint.no_columns"))
    return cols


def _items_for(items, cols, dimension=None):
    """Items metadata for the rating columns (scale 1-5 when no table is given)."""
    import pandas as pd

    if items is not None:
        table = items[items["variable"].isin(cols)].copy()
    else:
        table = pd.DataFrame({"variable": cols, "label": cols, "scale_min": 1, "scale_max": 5})
    if dimension is not None:
        table["dimension"] = dimension
    return table


def facilitator_dimensions(
    ratings: pd.DataFrame,
    items: pd.DataFrame | None = None,
    *,
    by: str | Sequence[str] = "facilitator_id",
    columns: Sequence[str] | None = None,
    cutoffs: Mapping[str, float] | None = None,
    min_n: int = DEFAULT_MIN_N,
    level: float = DEFAULT_LEVEL,
) -> pd.DataFrame:
    """Summary of every rated dimension (``fac_*``) per facilitator.

    Columns as :func:`kemuning_eval.stats.likert.summarize_items`.

    Examples
    --------
    >>> import pandas as pd
    >>> ratings = pd.DataFrame({"facilitator_id": ["F1"] * 6 + ["F2"] * 6,
    ...                         "fac_materi": [5, 4, 5, 4, 5, 5, 3, 4, 3, 3, 4, 2.0],
    ...                         "fac_waktu": [4, 4, 5, 3, 4, 4, 4, 3, 3, 4, 4, 3.0]})
    >>> out = facilitator_dimensions(ratings)
    >>> out[["facilitator_id", "item", "n", "estimate", "category"]].round(2).to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'facilitator_id': 'F1', 'item': 'fac_materi', 'n': 6, 'estimate': 4.67, 'category': 'sangat_baik'},
     {'facilitator_id': 'F1', 'item': 'fac_waktu', 'n': 6, 'estimate': 4.0, 'category': 'baik'},
     {'facilitator_id': 'F2', 'item': 'fac_materi', 'n': 6, 'estimate': 3.17, 'category': 'cukup'},
     {'facilitator_id': 'F2', 'item': 'fac_waktu', 'n': 6, 'estimate': 3.5, 'category': 'baik'}]
    """
    cols = _rating_columns(ratings, columns)
    return summarize_items(ratings, _items_for(items, cols), columns=cols,
                           by=as_columns(by), cutoffs=cutoffs, min_n=min_n, level=level)


def facilitator_overall(
    ratings: pd.DataFrame,
    items: pd.DataFrame | None = None,
    *,
    by: str | Sequence[str] = "facilitator_id",
    columns: Sequence[str] | None = None,
    cutoffs: Mapping[str, float] | None = None,
    min_n: int = DEFAULT_MIN_N,
    level: float = DEFAULT_LEVEL,
) -> pd.DataFrame:
    """Overall rating per facilitator (mean of each respondent's dimension ratings).

    Columns as :func:`kemuning_eval.stats.likert.summarize_dimensions`,
    sorted by ``estimate`` (highest first, suppressed rows last).

    Examples
    --------
    >>> import pandas as pd
    >>> ratings = pd.DataFrame({"facilitator_id": ["F1"] * 6 + ["F2"] * 6,
    ...                         "fac_materi": [5, 4, 5, 4, 5, 5, 3, 4, 3, 3, 4, 2.0],
    ...                         "fac_waktu": [4, 4, 5, 3, 4, 4, 4, 3, 3, 4, 4, 3.0]})
    >>> facilitator_overall(ratings)[["facilitator_id", "n", "estimate", "favourable"]].round(3).to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'facilitator_id': 'F1', 'n': 6, 'estimate': 4.333, 'favourable': 0.917},
     {'facilitator_id': 'F2', 'n': 6, 'estimate': 3.333, 'favourable': 0.417}]
    """
    cols = _rating_columns(ratings, columns)
    out = summarize_dimensions(ratings, _items_for(items, cols, OVERALL), columns=cols,
                               by=as_columns(by), cutoffs=cutoffs, min_n=min_n, level=level)
    return out.sort_values(["suppressed", "estimate"], ascending=[True, False],
                           kind="stable").reset_index(drop=True)
