"""What every level of the results shares: the :class:`Context`, the converters, the paired change.

The converters keep full precision: :func:`as_float`, :func:`as_count` and
:func:`as_number` only turn NaN into ``None`` and whole numbers into ints; the
wording layer rounds for display.  :func:`change_fields` makes the decision on a
paired change (``direction``, ``significant``) once, on the unrounded values.

Examples
--------
>>> as_float(2.675), as_float(float("nan")), as_count(3.0)
(2.675, None, 3)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from kemuning_eval.config import (
    DEFAULT_ALPHA,
    DEFAULT_MIN_GROUP_SIZE,
)
from kemuning_eval.report.results.decisions import is_significant, significance
from kemuning_eval.stats.bands import LIKERT_CUTOFFS


@dataclass(frozen=True)
class Context:
    """What every level needs besides the tables.

    Parameters
    ----------
    lang : {"id", "en"}, default "id"
        Report language (labels).
    min_n : int, default 5
        Smallest group published (privacy).
    alpha : float, default 0.05
        Significance level.
    seed : int, default 0
        Seed for random choices (quote selection ties).
    themes : path, optional
        Theme codebook (``tema.yaml``).
    programs : dict, optional
        Programme ID -> name.
    cutoffs : dict, optional
        Likert category bands ``{label: lowest mean}`` (see :func:`likert_cutoffs`).
    rules : dict, optional
        ``report.rules`` thresholds as loaded (defaults filled in where read).

    Examples
    --------
    >>> ctx = Context(lang="en", programs={"A": "Alpha"})
    >>> ctx.min_n, ctx.alpha, ctx.programs["A"], ctx.cutoffs
    (5, 0.05, 'Alpha', None)
    """

    lang: str = "id"
    min_n: int = DEFAULT_MIN_GROUP_SIZE
    alpha: float = DEFAULT_ALPHA
    seed: int = 0
    themes: Any = None  # theme codebook path (tema.yaml) or None
    programs: dict = field(default_factory=dict)  # program_id -> name
    cutoffs: dict | None = None  # Likert category bands {label: lowest mean} (scoring.likert_cutoffs)
    rules: dict = field(default_factory=dict)  # report.rules as loaded (config.REPORT_RULE_DEFAULTS fill the rest)


def likert_cutoffs(configured: Any, lang: str) -> dict | None:
    """The category bands to use: ``scoring.likert_cutoffs`` of studi.yaml, else the default.

    Bands are put in increasing order of their lower bound (YAML order does
    not matter).  Configured labels are shown as written; when they are the default bands
    and the report is not Indonesian, the default (translated) labels are used.

    Examples
    --------
    >>> likert_cutoffs({"Kurang": 1.0, "Baik": 3.41}, "id")
    {'Kurang': 1.0, 'Baik': 3.41}
    >>> likert_cutoffs({"Baik": 3.41, "Kurang": 1.0}, "id")
    {'Kurang': 1.0, 'Baik': 3.41}
    >>> likert_cutoffs(None, "id") is None
    True
    """
    if not configured:
        return None
    bands = {str(k): float(v) for k, v in sorted(dict(configured).items(), key=lambda kv: float(kv[1]))}
    if lang != "id" and list(bands.values()) == list(LIKERT_CUTOFFS.values()):
        return None
    return bands


def as_float(x: Any) -> float | None:
    """A number at full precision; ``None`` for missing values (no rounding: the wording layer rounds for display).

    Parameters
    ----------
    x : object
        A number (or anything convertible by :class:`float`).

    Returns
    -------
    float or None
        ``None`` for ``None``, NaN, infinities and non-numbers.

    Examples
    --------
    >>> as_float(2.675), as_float("1e-9"), as_float(float("nan")), as_float("n/a"), as_float(None)
    (2.675, 1e-09, None, None, None)
    """
    if x is None:
        return None
    try:
        x = float(x)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def as_count(x: Any) -> int | None:
    """A count as an integer, ``None`` when missing.

    Parameters
    ----------
    x : object
        A whole number (``12.0`` from a float column is 12).

    Returns
    -------
    int or None

    Raises
    ------
    ValueError
        When ``x`` is not a whole number (a count is never rounded).

    Examples
    --------
    >>> as_count(12.0), as_count(float("nan")), as_count(None)
    (12, None, None)
    >>> as_count(2.5)
    Traceback (most recent call last):
    ...
    ValueError: a count must be a whole number, not 2.5
    """
    v = as_float(x)
    if v is None:
        return None
    if not v.is_integer():
        raise ValueError(f"a count must be a whole number, not {v}")
    return int(v)


def as_number(x: Any) -> int | float | None:
    """An amount (Rupiah, JP) at full precision: an int when whole, else a float; ``None`` when missing.

    Examples
    --------
    >>> as_number(90_000_000.0), as_number(2_999_999.5), as_number(float("nan"))
    (90000000, 2999999.5, None)
    """
    v = as_float(x)
    return int(v) if v is not None and v.is_integer() else v


def text_or_none(x: Any) -> str | None:
    """A label from a table, ``None`` for missing values (never the text ``"nan"``).

    Examples
    --------
    >>> text_or_none("Baik"), text_or_none(float("nan")), text_or_none("nan"), text_or_none(None)
    ('Baik', None, None, None)
    """
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return None
    try:
        import pandas as pd

        if pd.isna(x):
            return None
    except (TypeError, ValueError):
        pass
    text = str(x)
    return None if text.strip().lower() in ("", "nan", "none", "<na>", "nat") else text


def has_rows(tables: dict, name: str) -> bool:
    """True when table ``name`` is present and holds at least one row.

    Examples
    --------
    >>> import pandas as pd
    >>> has_rows({"tests": pd.DataFrame({"pre": [1]})}, "tests"), has_rows({"tests": pd.DataFrame()}, "tests")
    (True, False)
    """
    frame = tables.get(name)
    return frame is not None and len(frame) > 0


def change_fields(row: Any, ctx: Context, *, est: str = "estimate") -> dict:
    """The fields of a paired change (estimate, CI, p) and the decision on them, made on the unrounded values.

    Examples
    --------
    >>> f = change_fields({"estimate": 1.2, "ci_low": 0.05, "ci_high": 2.35, "p_val": 0.0496}, Context())
    >>> f["p_val"], f["direction"], f["significant"]
    (0.0496, 'increase', True)
    """
    estimate, low, high, p = (as_float(row.get(key)) for key in (est, "ci_low", "ci_high", "p_val"))
    return {"estimate": estimate, "ci_low": low, "ci_high": high, "p_val": p,
            "direction": significance(estimate, low, high, p, ctx.alpha),
            "significant": is_significant(estimate, low, high, p, ctx.alpha)}
