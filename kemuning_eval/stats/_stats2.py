"""Private helpers of Statistics II (behaviour, DiD, cost, ROI, qualitative).

Only what the Statistics II modules share and :mod:`kemuning_eval.stats._common`
does not already offer: the Wilson score interval, the one check of money
inputs (costs and benefits) every cost and ROI function applies, and
small-cell suppression within one breakdown (grouping on an optional list of columns, ``grouped`` and
``drop_all``, lives in ``_common``).

Suppression is that of :mod:`kemuning_eval.stats.suppression` (primary: ``n``
below ``min_n``, default 5; secondary within each breakdown).

Examples
--------
>>> low, high = wilson_interval([8], [10])
>>> round(float(low[0]), 4), round(float(high[0]), 4)
(0.4902, 0.9433)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from kemuning_eval.stats._common import DEFAULT_LEVEL

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    import pandas as pd


def wilson_interval(count: Any, n: Any, level: float = DEFAULT_LEVEL) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval of a proportion ``count / n``, vectorised.

    ``(p + z^2/2n +- z*sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n)``, NaN where ``n == 0``
    (Wilson 1927; the same as ``statsmodels.stats.proportion.proportion_confint``
    with ``method="wilson"``).

    Parameters
    ----------
    count, n : array_like
        Numbers of successes and of trials; broadcast together.
    level : float, default 0.95
        Confidence level.

    Returns
    -------
    (ndarray, ndarray)
        Lower and upper bounds, float64.

    Examples
    --------
    8 of 10 and 0 of 10 (the interval stays inside [0, 1]); no trials gives NaN:

    >>> low, high = wilson_interval([8, 0, 0], [10, 10, 0])
    >>> [round(float(v), 4) for v in low], [round(float(v), 4) for v in high]
    ([0.4902, 0.0, nan], [0.9433, 0.2775, nan])
    """
    import numpy as np
    from scipy import stats

    c = np.asarray(count, dtype=np.float64)
    n_ = np.asarray(n, dtype=np.float64)
    z = stats.norm.ppf(0.5 + level / 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = c / n_
        denom = 1 + z**2 / n_
        centre = (p + z**2 / (2 * n_)) / denom
        half = z * np.sqrt(p * (1 - p) / n_ + z**2 / (4 * n_**2)) / denom
    return centre - half, centre + half


def check_amounts(frame: pd.DataFrame, column: str, *, table: str, positive: bool, key: str = "program_id") -> None:
    """Refuse negative amounts (and zero ones when ``positive``), naming the programme.

    The one rule of :mod:`~kemuning_eval.stats.cost` and
    :mod:`~kemuning_eval.stats.roi`: a cost must be > 0 (a zero cost makes every
    ratio meaningless, a negative one is a data error), a benefit >= 0.
    Missing values pass (they give NaN results).

    Parameters
    ----------
    frame : DataFrame
        The table (``programs`` or ``benefits``).
    column : str
        The money column (``cost``, ``annual_value``).
    table : str
        Name of the table, quoted in the message.
    positive : bool
        True: the amount must be > 0; False: >= 0.
    key : str, default "program_id"
        Column naming the programme of each row.

    Raises
    ------
    DataError
        At the first bad row: programme, column and value.

    Examples
    --------
    >>> import pandas as pd
    >>> programs = pd.DataFrame({"program_id": ["PM", "PKD"], "cost": [1_000.0, 0.0]})
    >>> check_amounts(programs, "cost", table="programs", positive=True)
    Traceback (most recent call last):
    ...
    kemuning_eval.errors.DataError: nilai uang 'cost' program 'PKD' harus lebih dari 0 di tabel 'programs' [kolom 'cost', nilai '0.0'] -> perbaiki nilai di file sumber (biaya penuh program dalam Rupiah; manfaat tidak boleh negatif) lalu jalankan ulang ingest
    """
    import numpy as np

    from kemuning_eval.errors import DataError
    from kemuning_eval.i18n import t
    from kemuning_eval.stats._common import numeric_matrix

    x = numeric_matrix(frame, [column], table=table)[:, 0]
    bad = (x <= 0) if positive else (x < 0)
    if bad.any():
        j = int(np.flatnonzero(bad)[0])
        program = frame[key].iloc[j] if key in frame.columns else j + 1
        raise DataError(t("stats3.error.bad_amount_positive" if positive else "stats3.error.bad_amount_negative",
                          column=column, program=program, table=table),
                        column=column, value=float(x[j]), hint=t("stats3.hint.bad_amount"))


def suppress_small(
    frame: pd.DataFrame, *, min_n: int, columns: Sequence[str], n_col: str = "n", within: Sequence[str] = ()
) -> pd.DataFrame:
    """Primary and secondary suppression via :func:`kemuning_eval.stats.suppression.suppress`.

    ``within`` names the columns whose equal values form one breakdown (e.g.
    ``["indicator", "rater"]``: the programmes of one indicator and rater add
    up to a published total).  ``columns`` become NaN in hidden rows; ``n``
    stays visible.  Adds ``suppressed`` (bool) and ``suppression``.

    Parameters
    ----------
    frame : DataFrame
        One row per published cell, with a count column.
    min_n : int
        Smallest count that may be published.
    columns : sequence of str
        Value columns hidden in suppressed rows (absent names are ignored).
    n_col : str, default "n"
        The count column.
    within : sequence of str, default ()
        Columns defining the breakdowns for secondary suppression (absent
        names are ignored; empty means the whole table is one breakdown).

    Returns
    -------
    DataFrame
        A copy of ``frame`` with ``suppressed`` and ``suppression``.

    Examples
    --------
    Programme A has 3 participants (primary); B, the next smallest in the
    breakdown, is hidden too so that A cannot be recovered from a total:

    >>> import pandas as pd
    >>> frame = pd.DataFrame({"program_id": ["A", "B", "C"], "n": [3, 12, 20],
    ...                       "estimate": [0.5, 0.6, 0.7]})
    >>> out = suppress_small(frame, min_n=5, columns=["estimate"])
    >>> out["suppression"].tolist(), out["estimate"].isna().tolist()
    (['primary', 'secondary', ''], [True, True, False])
    """
    from kemuning_eval.stats.suppression import suppress

    within = [c for c in within if c in frame.columns]
    return suppress(frame, min_n=min_n, n_col=n_col, partitions=[within],
                    value_cols=[c for c in columns if c in frame.columns])
