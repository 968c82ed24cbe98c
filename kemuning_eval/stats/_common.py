"""Helpers shared by the statistics modules (Statistics I and II).

Everything here is small and dependency-light so that every estimator words
its argument errors the same way and builds confidence intervals the same way.

Public helpers
--------------
``as_columns(by)``
    ``None`` / a column name / a sequence of names -> ``list[str]``.
``require_columns(data, columns, *, table)``
    Raise :class:`~kemuning_eval.errors.DataError` naming the missing columns.
``numeric_matrix(data, columns, *, table)``
    The columns as a float64 ``(n, k)`` array; raises ``DataError`` on text.
``check_range(x, columns, low, high)``
    Raise ``DataError`` at the first value outside its scale (row, column, value).
``check_min_n(min_n)``, ``check_level(level)``
    Validate the common keyword arguments (``UsageError`` via ``check_arg``).
``group_by(frame, keys)``
    The grouper of ``frame`` by ``keys``, or one constant group named
    :data:`ALL` when there are no keys.
``grouped(data, by)``, ``drop_all(frame)``
    The same constant group as a column (for ``groupby`` by name), and its removal.
``t_interval(estimate, sd, n, level)``
    Vectorised t confidence interval of a mean: ``estimate +- t(df=n-1) * sd / sqrt(n)``.
``t_test_mean(estimate, sd, n)``
    Vectorised two-sided one-sample t test of a mean against 0 (the paired t on D).
``wilson_interval(count, n, level)``
    Vectorised Wilson score interval of a proportion (behaviour, cost).
``check_amounts(frame, column, *, table, positive)``
    Refuse negative (or zero) money amounts, naming the programme (cost, ROI).
``item_metadata(data, items, *, columns, include_ikm)``
    The rows of the ``items`` table (docs/architecture.md) for the item
    columns present in ``data``: dimension, label, scale_min, scale_max,
    reverse, ikm_element, indexed by variable.

Output-column vocabulary (chosen once, used by every stats module)
------------------------------------------------------------------
``n`` (count used), ``estimate`` (the point estimate), ``sd``, ``ci_low``,
``ci_high`` (bounds of the ``level`` interval), ``statistic``, ``df``,
``p_val``, ``method`` (the definition used, in words), the grouping columns,
``suppressed`` (bool) and ``suppression`` (``""``, ``"primary"``,
``"secondary"``) from :mod:`kemuning_eval.stats.suppression`.

Examples
--------
>>> import pandas as pd
>>> as_columns("program_id"), as_columns(None), as_columns(["a", "b"])
(['program_id'], [], ['a', 'b'])
>>> low, high = t_interval([3.0], [1.0], [10])
>>> round(float(low[0]), 4), round(float(high[0]), 4)
(2.2846, 3.7154)
>>> require_columns(pd.DataFrame({"pre": [1]}), ["pre", "post"], table="tests")
Traceback (most recent call last):
...
kemuning_eval.errors.DataError: kolom tidak ada di tabel 'tests': post [kolom 'post'] -> periksa nama kolom (tersedia: pre)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from kemuning_eval.config import DEFAULT_MIN_GROUP_SIZE, DEFAULTS
from kemuning_eval.errors import DataError, check_arg
from kemuning_eval.i18n import t

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    import pandas as pd

#: Smallest group published (``privacy.min_group_size``; the default lives in :mod:`kemuning_eval.config`).
DEFAULT_MIN_N: int = DEFAULT_MIN_GROUP_SIZE
#: A programme's pass mark when the programme table has none (``scoring.pass_mark_default``).
DEFAULT_PASS_MARK: float = DEFAULTS["scoring"]["pass_mark_default"]
#: JP per ASN per year (``scoring.jp_target``).
DEFAULT_JP_TARGET: float = DEFAULTS["scoring"]["jp_target"]
DEFAULT_LEVEL = 0.95
#: Wild cluster bootstrap (stats.wildboot, stats.did): replications and seed.
DEFAULT_BOOT_REPS = 9999
DEFAULT_SEED = 20261
#: Weights of the wild cluster bootstrap: "auto" = "webb" (six points, recommended by MacKinnon &
#: Webb when clusters are few) up to BOOT_WEBB_MAX_CLUSTERS clusters, else "rademacher" (+-1,
#: boottest's default); or either by name.
DEFAULT_BOOT_WEIGHTS = "auto"
BOOT_WEBB_MAX_CLUSTERS = 12
#: stats.did: the wild cluster bootstrap replaces CR1 + t(G-1) when the treated or the
#: comparison arm has fewer clusters than this (CR1 + t(G-1) covers 88.8 % with 4 treated
#: clusters of 20 and 94.5 % with 10; see the coverage table in README.md).
DID_BOOTSTRAP_BELOW = 12
#: stats.learning: the class-average gain (post - pre)/(100 - pre) is flagged unreliable when the
#: pre mean lies within this many points of the maximum score (100).
GAIN_CEILING_DISTANCE = 10.0
#: Name of the constant grouping column used when there are no grouping keys.
ALL = "_all"
#: ``program_id`` of the total row that cost and ROI tables append (``total=True``).  Never a
#: programme code: those come from the data and ``--program all`` selects every programme, so
#: the total row must not be called ``"all"``.
TOTAL = "__total__"


def as_columns(by: str | Sequence[str] | None) -> list[str]:
    """Normalise a ``by`` argument to a list of column names.

    Parameters
    ----------
    by : str, sequence of str or None
        One grouping column, several, or none.

    Returns
    -------
    list of str
        ``[]`` for None, ``[by]`` for one name, else the names as a list.

    Raises
    ------
    UsageError
        If a sequence holds something other than strings.

    Examples
    --------
    >>> as_columns("program_id"), as_columns(None), as_columns(("a", "b"))
    (['program_id'], [], ['a', 'b'])
    >>> as_columns([1])
    Traceback (most recent call last):
    ...
    kemuning_eval.errors.UsageError: argument 'by' must be a column name or a list of names, got [1]
    """
    if by is None:
        return []
    if isinstance(by, str):
        return [by]
    cols = list(by)
    check_arg(all(isinstance(c, str) for c in cols), "by", by, "a column name or a list of names")
    return cols


def require_columns(data: pd.DataFrame, columns: Iterable[str], *, table: str = "data") -> None:
    """Raise :class:`DataError` if any of ``columns`` is missing from ``data``.

    Parameters
    ----------
    data : DataFrame
        The table to check.
    columns : iterable of str
        The columns that must be present.
    table : str, default "data"
        Name of the table, quoted in the message.

    Raises
    ------
    UsageError
        If ``data`` is not a DataFrame.
    DataError
        Naming the table and the missing columns (the first in ``column``)
        and listing up to 12 available columns in the hint.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"pre": [1.0], "post": [2.0]})
    >>> require_columns(frame, ["pre", "post"], table="tests")
    >>> require_columns(frame, ["pre", "gain"], table="tests")
    Traceback (most recent call last):
    ...
    kemuning_eval.errors.DataError: kolom tidak ada di tabel 'tests': gain [kolom 'gain'] -> periksa nama kolom (tersedia: pre, post)
    """
    import pandas as pd

    check_arg(isinstance(data, pd.DataFrame), "data", type(data).__name__, "a pandas DataFrame")
    missing = [c for c in columns if c not in data.columns]
    if missing:
        available = ", ".join(map(str, data.columns[:12]))
        raise DataError(
            t("stats.error.missing_columns", table=table, columns=", ".join(missing)),
            column=missing[0],
            hint=t("stats.hint.check_columns", available=available),
        )


def numeric_matrix(data: pd.DataFrame, columns: Sequence[str], *, table: str = "data") -> np.ndarray:
    """Return ``data[columns]`` as a float64 array, refusing text columns.

    Parameters
    ----------
    data : DataFrame
        The table holding the columns.
    columns : sequence of str
        The numeric (or boolean) columns, in the order of the array columns.
    table : str, default "data"
        Name of the table, quoted in error messages.

    Returns
    -------
    ndarray
        Shape ``(len(data), len(columns))``, dtype float64; missing values
        (``None``, ``NaN``, ``pd.NA``) become NaN, booleans 0/1.  Always
        writable: under pandas' copy-on-write, ``to_numpy`` of one float block
        (a parquet table, a frame built from a 2-D array) is a read-only view,
        so a copy is made then.

    Raises
    ------
    DataError
        If a column is missing or is not numeric (naming the column and its
        first non-missing value).

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"pre": [1, None], "passed": [True, False], "name": ["x", "y"]})
    >>> numeric_matrix(frame, ["pre", "passed"]).tolist()
    [[1.0, 1.0], [nan, 0.0]]
    >>> numeric_matrix(frame, ["pre", "name"], table="tests")
    Traceback (most recent call last):
    ...
    kemuning_eval.errors.DataError: kolom harus berisi angka di tabel 'tests' [kolom 'name', nilai 'x'] -> gunakan tabel hasil ingest (data/processed) yang skornya sudah berupa angka
    """
    import numpy as np
    import pandas as pd

    require_columns(data, columns, table=table)
    dtypes = dict(zip(data.columns, data.dtypes, strict=True))  # one look-up, not one column per check
    for col in columns:
        if not (pd.api.types.is_numeric_dtype(dtypes[col]) or pd.api.types.is_bool_dtype(dtypes[col])):
            bad = data[col].dropna()
            raise DataError(
                t("stats.error.not_numeric", table=table),
                column=col,
                value=bad.iloc[0] if len(bad) else None,
                hint=t("stats.hint.not_numeric"),
            )
    x = np.asarray(data[list(columns)].to_numpy(dtype="float64", na_value=np.nan), dtype=np.float64)
    return x if x.flags.writeable else x.copy()


def check_range(x: np.ndarray, columns: Sequence[str], low: Any, high: Any) -> None:
    """Raise :class:`DataError` at the first value of ``x`` outside ``[low, high]``.

    ``x`` is the ``(n, k)`` matrix of ``columns`` (NaN allowed); ``low`` and
    ``high`` are numbers or one bound per column.  The error names the row
    (1-based), the column and the value.

    Examples
    --------
    >>> import numpy as np
    >>> check_range(np.array([[1.0, np.nan], [4.0, 2.0]]), ["u1", "u2"], 1, 4)
    >>> check_range(np.array([[1.0, 5.0]]), ["u1", "u2"], 1, [4, 5])
    >>> check_range(np.array([[1.0, 2.0], [5.0, 2.0]]), ["u1", "u2"], 1, 4)
    Traceback (most recent call last):
    ...
    kemuning_eval.errors.DataError: skor di luar rentang skala 1-4 [baris 2, kolom 'u1', nilai '5.0'] -> periksa pemetaan label ke skor di codebook lalu jalankan ingest lagi
    """
    import numpy as np

    k = x.shape[1]
    lo = np.broadcast_to(np.asarray(low, dtype=np.float64), (k,))
    hi = np.broadcast_to(np.asarray(high, dtype=np.float64), (k,))
    with np.errstate(invalid="ignore"):
        bad = (x < lo) | (x > hi)
    if bad.any():
        row, col = (int(v[0]) for v in np.nonzero(bad))
        raise DataError(
            t("stats.error.out_of_range", low=f"{lo[col]:g}", high=f"{hi[col]:g}"),
            row=row + 1, column=columns[col], value=x[row, col],
            hint=t("stats.hint.out_of_range"),
        )


def group_by(frame: pd.DataFrame, keys: Sequence[str]) -> list[pd.Series] | pd.Series:
    """The grouper of ``frame`` by ``keys``; one constant group named :data:`ALL` without keys.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"program_id": ["A", "B", "A"], "x": [1.0, 2.0, 3.0]})
    >>> frame["x"].groupby(group_by(frame, ["program_id"])).sum().to_dict()
    {'A': 4.0, 'B': 2.0}
    >>> frame["x"].groupby(group_by(frame, [])).sum().to_dict()
    {0: 6.0}
    """
    import pandas as pd

    if keys:
        return [frame[k] for k in keys]
    return pd.Series(0, index=frame.index, name=ALL)


def grouped(data: pd.DataFrame, by: Sequence[str]) -> tuple[pd.DataFrame, list[str]]:
    """Return ``data`` and the grouping keys, adding a constant key when ``by`` is empty.

    Parameters
    ----------
    data : DataFrame
        The table to group.
    by : sequence of str
        Grouping columns (possibly empty).

    Returns
    -------
    (DataFrame, list of str)
        ``data`` unchanged with ``list(by)``, or a copy with a constant
        column :data:`ALL` (value ``"all"``) and ``[ALL]``.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"program_id": ["A", "B"], "x": [1.0, 2.0]})
    >>> grouped(frame, ["program_id"])[1]
    ['program_id']
    >>> data, keys = grouped(frame, [])
    >>> keys, data[keys[0]].tolist()
    (['_all'], ['all', 'all'])
    """
    keys = list(by)
    if keys:
        return data, keys
    return data.assign(**{ALL: "all"}), [ALL]


def drop_all(frame: pd.DataFrame) -> pd.DataFrame:
    """Remove the constant grouping column :data:`ALL` (added by :func:`grouped` or :func:`group_by`).

    Parameters
    ----------
    frame : DataFrame
        A result table, with or without the constant column.

    Returns
    -------
    DataFrame
        ``frame`` without :data:`ALL`.

    Examples
    --------
    >>> import pandas as pd
    >>> data, keys = grouped(pd.DataFrame({"x": [1.0, 2.0]}), [])
    >>> data.columns.tolist(), drop_all(data).columns.tolist()
    (['x', '_all'], ['x'])
    """
    return frame.drop(columns=[ALL], errors="ignore")


def check_min_n(min_n: Any) -> int:
    """Validate ``min_n`` (an integer >= 1) and return it.

    Parameters
    ----------
    min_n : int
        Smallest group size that may be published.

    Returns
    -------
    int
        ``min_n`` unchanged.

    Raises
    ------
    UsageError
        If ``min_n`` is not an integer >= 1 (booleans are refused).

    Examples
    --------
    >>> check_min_n(5)
    5
    >>> check_min_n(0)
    Traceback (most recent call last):
    ...
    kemuning_eval.errors.UsageError: argument 'min_n' must be an integer >= 1, got 0
    """
    ok = isinstance(min_n, int) and not isinstance(min_n, bool) and min_n >= 1
    check_arg(ok, "min_n", min_n, "an integer >= 1")
    return int(min_n)


def check_level(level: Any) -> float:
    """Validate a confidence level (0 < level < 1) and return it as float.

    Parameters
    ----------
    level : float
        Confidence level, e.g. 0.95 (not 95).

    Returns
    -------
    float
        ``level`` as a float.

    Raises
    ------
    UsageError
        If ``level`` is not a number strictly between 0 and 1.

    Examples
    --------
    >>> check_level(0.9)
    0.9
    >>> check_level(95)
    Traceback (most recent call last):
    ...
    kemuning_eval.errors.UsageError: argument 'level' must be a number between 0 and 1 (e.g. 0.95), got 95
    """
    ok = isinstance(level, (int, float)) and not isinstance(level, bool) and 0 < level < 1
    check_arg(ok, "level", level, "a number between 0 and 1 (e.g. 0.95)")
    return float(level)


def t_interval(
    estimate: Any, sd: Any, n: Any, level: float = DEFAULT_LEVEL
) -> tuple[np.ndarray, np.ndarray]:
    """Two-sided t interval of a mean, vectorised; NaN where ``n < 2`` or ``sd == 0``.

    ``estimate +- t_{1-(1-level)/2, n-1} * sd / sqrt(n)``.  Identical values
    (``sd == 0``) give NaN instead of an interval of zero width that would claim
    certainty the data cannot give.

    Parameters
    ----------
    estimate, sd, n : array_like
        Means, standard deviations (ddof=1) and counts; broadcast together.
    level : float, default 0.95
        Confidence level.

    Returns
    -------
    (ndarray, ndarray)
        Lower and upper bounds, float64; NaN where ``n < 2`` or ``sd == 0``.

    Examples
    --------
    Mean 3, SD 1, n = 10 (t_{0.975, 9} = 2.2622, as ``scipy.stats.t.interval``);
    a group of one has no interval:

    >>> low, high = t_interval([3.0, 2.0, 4.0], [1.0, 1.0, 0.0], [10, 1, 8])
    >>> [round(float(v), 4) for v in low], [round(float(v), 4) for v in high]
    ([2.2846, nan, nan], [3.7154, nan, nan])
    """
    import numpy as np
    from scipy import stats

    est = np.asarray(estimate, dtype=np.float64)
    sd_ = np.asarray(sd, dtype=np.float64)
    n_ = np.asarray(n, dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        df = np.where(n_ >= 2, n_ - 1, np.nan)
        half = np.where(sd_ > 0, stats.t.ppf(0.5 + level / 2, df) * sd_ / np.sqrt(n_), np.nan)
    return est - half, est + half


def t_test_mean(estimate: Any, sd: Any, n: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Two-sided one-sample t test of a mean against 0, vectorised; NaN where ``n < 2`` or ``sd == 0``.

    ``t = estimate / (sd / sqrt(n))`` on ``n - 1`` df, ``p = 2 * P(T > |t|)``;
    on the differences D = post - pre this is the paired t test.

    Parameters
    ----------
    estimate, sd, n : array_like
        Means, standard deviations (ddof=1) and counts; broadcast together.

    Returns
    -------
    (ndarray, ndarray, ndarray)
        ``t``, ``df`` and the two-sided ``p``, float64.

    Examples
    --------
    Mean 1, SD 2, n = 16: t = 2 on 15 df (as ``scipy.stats.ttest_1samp``):

    >>> tstat, df, p = t_test_mean([1.0, 1.0], [2.0, 2.0], [16, 1])
    >>> [round(float(v), 4) for v in tstat], df.tolist(), [round(float(v), 4) for v in p]
    ([2.0, 0.5], [15.0, nan], [0.0639, nan])
    """
    import numpy as np
    from scipy import stats

    est = np.asarray(estimate, dtype=np.float64)
    sd_ = np.asarray(sd, dtype=np.float64)
    n_ = np.asarray(n, dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        tstat = np.where(sd_ > 0, est / (sd_ / np.sqrt(n_)), np.nan)
        df = np.where(n_ >= 2, n_ - 1, np.nan)
        p = 2 * stats.t.sf(np.abs(tstat), df)
    return tstat, df, p


def ncp_interval(t_obs: float, df: float, level: float = DEFAULT_LEVEL) -> tuple[float, float]:
    """Interval of the noncentrality parameter of a t statistic (Steiger & Fouladi 1997).

    The bounds are the ``ncp`` at which ``P(T <= t_obs) = 1 - a/2`` and ``a/2``
    (``a = 1 - level``, ``T`` noncentral t on ``df``); dividing them by the
    factor that turns an effect size into t gives the effect size's interval.

    Examples
    --------
    d_z = 0.5 with n = 10: t = 0.5 * sqrt(10) on 9 df.

    >>> low, high = ncp_interval(0.5 * 10 ** 0.5, 9)
    >>> round(low / 10 ** 0.5, 4), round(high / 10 ** 0.5, 4)
    (-0.1723, 1.1482)
    """
    import math

    from scipy import optimize, stats

    if not (math.isfinite(t_obs) and df > 0):
        return math.nan, math.nan
    width = 10 + 2 * abs(t_obs)

    def cdf(ncp: float) -> float:
        # P(T <= t_obs) falls monotonically in ncp; scipy returns NaN deep in a tail
        value = stats.nct.cdf(t_obs, df, ncp)
        return value if math.isfinite(value) else (0.0 if ncp > t_obs else 1.0)

    def ncp_for(q: float) -> float:
        return optimize.brentq(lambda ncp: cdf(ncp) - q, t_obs - width, t_obs + width, xtol=1e-12)

    a = (1 - level) / 2
    return float(ncp_for(1 - a)), float(ncp_for(a))


def _nan_extreme(x: np.ndarray, how: Any, axis: int | None = None) -> Any:
    """Minimum (``np.fmin``) or maximum (``np.fmax``) ignoring NaN; NaN for an all-missing
    column, without numpy's "All-NaN slice" RuntimeWarning."""
    import numpy as np

    flat = x.ravel() if axis is None else x
    return how.reduce(flat, axis=0, initial=np.nan) if flat.shape[0] else np.full(flat.shape[1:], np.nan)


ITEM_FIELDS = ("label", "dimension", "scale_min", "scale_max", "reverse", "ikm_element")


def item_metadata(
    data: pd.DataFrame,
    items: pd.DataFrame | None,
    *,
    columns: Sequence[str] | None = None,
    include_ikm: bool = False,
    scale: tuple[float, float] | None = None,
) -> pd.DataFrame:
    """Return the metadata of the item columns to analyse, indexed by variable.

    Parameters
    ----------
    data : DataFrame
        A wide table with one float column per item.
    items : DataFrame or None
        The processed ``items`` table.  Without it, ``columns`` is required and
        the scale range is taken from the observed minimum and maximum.
    columns : list of str, optional
        The item columns; default every ``items.variable`` present in ``data``.
    include_ikm : bool, default False
        Keep items that carry an ``ikm_element`` (scored 1-4 for the IKM).
    scale : (min, max), optional
        Scale range used when ``items`` is None (default: observed range).

    Examples
    --------
    >>> import pandas as pd
    >>> data = pd.DataFrame({"mat_1": [4.0, 5.0], "ikm_u1": [3.0, 4.0]})
    >>> items = pd.DataFrame({"variable": ["mat_1", "ikm_u1"], "dimension": ["materi", "ikm"],
    ...                       "scale_min": [1, 1], "scale_max": [5, 4],
    ...                       "ikm_element": [None, "persyaratan"]})
    >>> item_metadata(data, items).index.tolist()
    ['mat_1']
    """
    import numpy as np
    import pandas as pd

    if items is None:
        check_arg(columns is not None and len(columns) > 0, "columns", columns,
                  "a list of item columns when no items table is given")
        cols = list(columns)
        if scale is not None:
            lo, hi = float(scale[0]), float(scale[1])
        else:
            x = numeric_matrix(data, cols)
            lo, hi = np.floor(_nan_extreme(x, np.fmin, axis=0)), np.ceil(_nan_extreme(x, np.fmax, axis=0))
        meta = pd.DataFrame({"label": cols, "dimension": None, "scale_min": lo,
                             "scale_max": hi, "reverse": False, "ikm_element": None}, index=cols)
    else:
        require_columns(items, ["variable"], table="items")
        meta = items.drop_duplicates("variable").set_index("variable")
        for field in ITEM_FIELDS:
            if field not in meta.columns:
                meta[field] = meta.index if field == "label" else None
        if columns is None:
            keep = meta.index.isin(data.columns)
            if not include_ikm:
                keep &= meta["ikm_element"].isna().to_numpy()
            cols = [c for c in meta.index[keep]]
        else:
            cols = list(columns)
            unknown = [c for c in cols if c not in meta.index]
            if unknown:
                raise DataError(t("stats.error.unknown_items", items=", ".join(unknown)),
                                column="variable", value=unknown[0],
                                hint=t("stats.hint.unknown_items"))
        meta = meta.loc[cols, list(ITEM_FIELDS)].copy()
    require_columns(data, cols, table="data")
    for field, pos in (("scale_min", 0), ("scale_max", 1)):
        meta[field] = pd.to_numeric(meta[field], errors="coerce").astype("float64")
        if meta[field].isna().any():
            if scale is not None:
                fill = float(scale[pos])
            else:
                x = numeric_matrix(data, cols)
                fill = np.floor(_nan_extreme(x, np.fmin)) if pos == 0 else np.ceil(_nan_extreme(x, np.fmax))
            meta[field] = meta[field].fillna(fill)
    meta.index.name = "item"
    meta["label"] = meta["label"].fillna(pd.Series(meta.index, index=meta.index))
    return meta


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

    x = numeric_matrix(frame, [column], table=table)[:, 0]
    bad = (x <= 0) if positive else (x < 0)
    if bad.any():
        j = int(np.flatnonzero(bad)[0])
        program = frame[key].iloc[j] if key in frame.columns else j + 1
        raise DataError(t("stats3.error.bad_amount_positive" if positive else "stats3.error.bad_amount_negative",
                          column=column, program=program, table=table),
                        column=column, value=float(x[j]), hint=t("stats3.hint.bad_amount"))
