"""Primary and secondary suppression of small cells in a published table.

Definition used
---------------
*Primary*: a cell (row) whose count ``n`` is below ``min_n`` (default 5;
NaN counts as 0) is hidden.

*Secondary*: a *partition* is a set of cells that add up to a total that is
published elsewhere (the cells of one breakdown).  Within every partition
that holds a hidden cell, hidden cells are added, smallest ``n`` first (ties:
the first row in table order), until **at least two cells are hidden and the
hidden cells together hold at least** ``min_n`` **respondents**, or every cell
of the partition is hidden.  Otherwise a hidden cell's count, mean or share
could be recovered as the total minus the visible cells, and two hidden cells
of, say, 1 and 2 people together would still describe fewer than ``min_n``
people.  With several partitions (e.g. the rows and the columns of a
programme x gender table) the rule is applied repeatedly until nothing
changes, so a cell hidden for one margin is protected in the other too.

The count column ``n`` stays visible (the report says "n < 5"); the value
columns of hidden rows become NaN.  Two columns are added: ``suppressed``
(bool) and ``suppression`` (``""``, ``"primary"`` or ``"secondary"``).

Other modules (e.g. Statistics II) use :func:`suppress` on any tidy table.

Examples
--------
>>> import pandas as pd
>>> table = pd.DataFrame({"program_id": ["A", "B", "C"], "n": [40, 3, 12],
...                       "estimate": [4.1, 3.0, 3.8]})
>>> suppress(table)[["program_id", "n", "estimate", "suppressed"]].round(4).to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
[{'program_id': 'A', 'n': 40, 'estimate': 4.1, 'suppressed': False},
 {'program_id': 'B', 'n': 3, 'estimate': nan, 'suppressed': True},
 {'program_id': 'C', 'n': 12, 'estimate': nan, 'suppressed': True}]

One partition per programme (e.g. the genders within each programme):

>>> cells = pd.DataFrame({"program_id": ["A", "A", "B", "B"], "gender": ["L", "P"] * 2,
...                       "n": [30, 25, 9, 2], "estimate": [4.0, 4.2, 3.9, 3.1]})
>>> suppress(cells, partitions=[["program_id"]])["suppressed"].tolist()
[False, False, True, True]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from kemuning_eval.errors import check_arg
from kemuning_eval.stats._common import DEFAULT_MIN_N, check_min_n, require_columns

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    import pandas as pd

PRIMARY = "primary"
SECONDARY = "secondary"


def suppress(
    table: pd.DataFrame,
    *,
    min_n: int = DEFAULT_MIN_N,
    n_col: str = "n",
    partitions: Sequence[Sequence[str]] | None = None,
    value_cols: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Hide small cells (primary) and the cells that would reveal them (secondary).

    Parameters
    ----------
    table : DataFrame
        One row per published cell, with a count column ``n_col``.  A column
        ``suppressed`` already present is honoured as a primary reason.
    min_n : int, default 5
        Smallest count that may be published.
    n_col : str, default "n"
        The count column.
    partitions : list of list of str, optional
        Each entry names the columns whose equal values form one breakdown
        adding up to a published total.  ``[[]]`` (default) treats the whole
        table as one breakdown; ``[["item"]]`` one breakdown per item;
        ``[["program_id"], ["gender"]]`` both margins of a two-way table.
    value_cols : list of str, optional
        Columns set to NaN in hidden rows.  Default: every float column
        except ``n_col`` and the partition columns.

    Returns
    -------
    DataFrame
        A copy of ``table`` with hidden values set to NaN and the columns
        ``suppressed`` (bool) and ``suppression`` (str).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"unit": list("abcd"), "n": [2, 2, 50, 60], "estimate": 1.0})
    >>> suppress(t)["suppression"].tolist()  # 2 + 2 < 5: a third cell is hidden
    ['primary', 'primary', 'secondary', '']
    """
    import numpy as np
    import pandas as pd

    min_n = check_min_n(min_n)
    check_arg(isinstance(table, pd.DataFrame), "table", type(table).__name__, "a pandas DataFrame")
    require_columns(table, [n_col], table="table")
    parts = [list(p) for p in (partitions if partitions is not None else [[]])]
    for part in parts:
        require_columns(table, part, table="table")

    out = table.copy()
    n = pd.to_numeric(out[n_col], errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
    n = np.where(np.isnan(n), 0.0, n)
    primary = n < min_n
    if "suppressed" in out.columns:
        primary |= out["suppressed"].fillna(False).to_numpy(dtype=bool)
    hidden = primary.copy()

    groups = [_partition_indices(out, part) for part in parts]
    changed = bool(hidden.any())
    while changed:
        changed = False
        for indices in groups:
            for idx in indices:
                changed |= _protect(idx, n, hidden, min_n)

    if value_cols is None:
        skip = {n_col, "suppressed", *(c for p in parts for c in p)}
        value_cols = [
            c for c in out.columns if c not in skip and pd.api.types.is_float_dtype(out[c])
        ]
    require_columns(out, value_cols, table="table")
    for col in value_cols:
        if hidden.any():
            if not pd.api.types.is_float_dtype(out[col]) and pd.api.types.is_numeric_dtype(out[col]):
                out[col] = out[col].astype("float64")
            out[col] = out[col].mask(hidden)
    out["suppressed"] = hidden
    out["suppression"] = np.where(primary, PRIMARY, np.where(hidden, SECONDARY, ""))
    return out


def _partition_indices(table: pd.DataFrame, columns: list[str]) -> list[np.ndarray]:
    """Row positions of each breakdown (all rows when ``columns`` is empty)."""
    import numpy as np

    if not columns:
        return [np.arange(len(table))]
    grouped = table.groupby(columns, sort=False, dropna=False).indices
    return [np.sort(np.asarray(v)) for v in grouped.values()]


def _protect(idx: np.ndarray, n: np.ndarray, hidden: np.ndarray, min_n: int) -> bool:
    """Hide cells of one breakdown until the hidden ones cannot be recovered."""
    import numpy as np

    changed = False
    while True:
        h = hidden[idx]
        k = int(h.sum())
        if k == 0 or k == len(idx):
            return changed
        if k >= 2 and n[idx][h].sum() >= min_n:
            return changed
        visible = idx[~h]
        pick = visible[int(np.argmin(n[visible]))]
        hidden[pick] = True
        changed = True


def is_protected(
    table: pd.DataFrame,
    *,
    min_n: int = DEFAULT_MIN_N,
    n_col: str = "n",
    partitions: Sequence[Sequence[str]] | None = None,
) -> bool:
    """Check the rule of :func:`suppress` on a table with a ``suppressed`` column.

    True when no cell under ``min_n`` is visible and, in every breakdown that
    hides anything, either all cells are hidden or at least two are hidden
    holding together at least ``min_n`` respondents.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"n": [3, 40], "suppressed": [True, False]})
    >>> is_protected(t)
    False
    >>> is_protected(suppress(t))
    True
    """
    import numpy as np

    require_columns(table, [n_col, "suppressed"], table="table")
    n = table[n_col].fillna(0).to_numpy(dtype=np.float64)
    hidden = table["suppressed"].to_numpy(dtype=bool)
    if np.any((n < min_n) & ~hidden):
        return False
    for part in partitions if partitions is not None else [[]]:
        for idx in _partition_indices(table, list(part)):
            h = hidden[idx]
            k = int(h.sum())
            if 0 < k < len(idx) and (k < 2 or n[idx][h].sum() < min_n):
                return False
    return True


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
    within = [c for c in within if c in frame.columns]
    return suppress(frame, min_n=min_n, n_col=n_col, partitions=[within],
                    value_cols=[c for c in columns if c in frame.columns])
