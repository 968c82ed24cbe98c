"""Return on investment (Phillips level 5) where benefits are monetised.

Definitions (Phillips; domain reference section 3)
--------------------------------------------------
adjusted benefit
    ``annual_value * attribution * confidence``: the share of the benefit the
    training caused (attribution, 0-1) discounted by how sure the estimators
    are (confidence, 0-1).  Both come from the ``benefits`` table and can be
    overridden for everyone by an explicit number (a sensitivity analysis).
BCR
    ``benefits / costs`` (adjusted benefits over the first year, fully loaded costs).
ROI %
    ``(BCR - 1) * 100 = (benefits - costs) / costs * 100``.
payback (months)
    ``costs / (benefits / 12)``.

Worked example (Phillips): benefits 60,000 and costs 20,000 give BCR 3,
ROI 200 % and a payback of 4 months.

Examples
--------
>>> phillips_roi(60_000, 20_000)
{'benefits': 60000.0, 'costs': 20000.0, 'bcr': 3.0, 'roi_pct': 200.0, 'payback_months': 4.0}
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kemuning_eval.errors import DataError, check_arg
from kemuning_eval.i18n import t
from kemuning_eval.stats._common import TOTAL, check_amounts, numeric_matrix, require_columns

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd



def _check_number(value: Any, name: str, *, fraction: bool = False) -> float | None:
    if value is None:
        return None
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and value == value and value >= 0
    if fraction:
        ok = ok and value <= 1
    check_arg(ok, name, value, "a number between 0 and 1" if fraction else "a number >= 0")
    return float(value)


def phillips_roi(benefits: float, costs: float, *, months: float = 12.0) -> dict[str, float]:
    """BCR, ROI % and payback months of one benefit total against one cost total.

    Parameters
    ----------
    benefits : float
        Adjusted monetised benefits over ``months``.
    costs : float
        Fully loaded programme costs (> 0).
    months : float
        Period the benefits cover (default a year).

    Examples
    --------
    >>> phillips_roi(15_000, 20_000)["roi_pct"]
    -25.0
    """
    b = _check_number(benefits, "benefits")
    c = _check_number(costs, "costs")
    check_arg(c is not None and c > 0, "costs", costs, "a positive number")
    m = _check_number(months, "months")
    check_arg(m is not None and m > 0, "months", months, "a positive number of months")
    bcr = b / c
    monthly = b / m
    return {"benefits": b, "costs": c, "bcr": bcr, "roi_pct": (bcr - 1.0) * 100.0,
            "payback_months": c / monthly if monthly > 0 else float("inf")}


def roi_by_program(
    benefits: pd.DataFrame,
    programs: pd.DataFrame,
    *,
    attribution: float | None = None,
    confidence: float | None = None,
    months: float = 12.0,
    total: bool = True,
) -> pd.DataFrame:
    """Phillips ROI per programme that has monetised benefits.

    Parameters
    ----------
    benefits : DataFrame
        The ``benefits`` table (``program_id``, ``benefit``, ``annual_value``,
        ``attribution``, ``confidence``).
    programs : DataFrame
        The ``programs`` table (``program_id``, ``cost``).
    attribution, confidence : float, optional
        Override the table's values for every benefit (0-1).
    months : float
        Period ``annual_value`` covers (12: a year).
    total : bool
        Append a row ``program_id =`` :data:`~kemuning_eval.stats._common.TOTAL` over the programmes with benefits
        (programmes without monetised benefits are left out of the ROI, not
        counted as zero).

    Raises
    ------
    DataError
        A cost that is not > 0 or a negative benefit, naming the programme
        (the same rule as :func:`phillips_roi` and :mod:`~kemuning_eval.stats.cost`).

    Returns
    -------
    DataFrame
        ``program_id``, ``n_benefits``, ``benefits_gross``, ``benefits`` (adjusted),
        ``costs``, ``bcr``, ``roi_pct``, ``payback_months``, ``method``.

    Examples
    --------
    >>> import pandas as pd
    >>> benefits = pd.DataFrame({"program_id": ["PM", "PM"], "benefit": ["a", "b"],
    ...                          "annual_value": [100_000.0, 50_000.0],
    ...                          "attribution": [0.5, 0.4], "confidence": [0.8, 0.5]})
    >>> programs = pd.DataFrame({"program_id": ["PM"], "cost": [20_000.0]})
    >>> roi_by_program(benefits, programs, total=False)[["benefits", "bcr", "roi_pct"]].to_dict("records")
    [{'benefits': 50000.0, 'bcr': 2.5, 'roi_pct': 150.0}]
    """
    import numpy as np
    import pandas as pd

    attribution = _check_number(attribution, "attribution", fraction=True)
    confidence = _check_number(confidence, "confidence", fraction=True)
    months = _check_number(months, "months")
    check_arg(months is not None and months > 0, "months", months, "a positive number of months")
    cols = ["annual_value", "attribution", "confidence"]
    require_columns(benefits, ["program_id", *cols], table="benefits")
    require_columns(programs, ["program_id", "cost"], table="programs")
    values = numeric_matrix(benefits, cols, table="benefits")
    check_amounts(benefits, "annual_value", table="benefits", positive=False)
    check_amounts(programs, "cost", table="programs", positive=True)
    for j, col in enumerate(cols[1:], start=1):
        bad = ~np.isnan(values[:, j]) & ((values[:, j] < 0) | (values[:, j] > 1))
        if bad.any():
            row = int(np.flatnonzero(bad)[0])
            raise DataError(t("stats2.error.bad_share", table="benefits"), row=row + 2, column=col,
                            value=values[row, j], hint=t("stats2.hint.bad_share"))
    attr = np.full(len(values), attribution) if attribution is not None else values[:, 1]
    conf = np.full(len(values), confidence) if confidence is not None else values[:, 2]
    frame = pd.DataFrame({"program_id": benefits["program_id"].to_numpy(), "gross": values[:, 0],
                          "adjusted": values[:, 0] * attr * conf})
    out = frame.groupby("program_id", sort=True).agg(
        n_benefits=("gross", "count"), benefits_gross=("gross", "sum"), benefits=("adjusted", "sum"))
    costs = programs.drop_duplicates("program_id").set_index("program_id")["cost"].astype("float64")
    out["costs"] = costs.reindex(out.index)
    out = out.reset_index()
    if total:
        tot = out[["n_benefits", "benefits_gross", "benefits", "costs"]].sum(min_count=1).to_dict()
        out = pd.concat([out, pd.DataFrame([{"program_id": TOTAL, **tot}])], ignore_index=True)
    c = out["costs"].to_numpy(dtype=np.float64)
    b = out["benefits"].to_numpy(dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        bcr = np.where(c > 0, b / c, np.nan)
        out["bcr"] = bcr
        out["roi_pct"] = (bcr - 1.0) * 100.0
        out["payback_months"] = np.where(b > 0, c / (b / months), np.inf)
    out.loc[~(c > 0), "payback_months"] = np.nan
    src = "overridden" if attribution is not None or confidence is not None else "from the benefits table"
    out["method"] = (f"Phillips: benefits = annual value x attribution x confidence ({src}); "
                     f"BCR = benefits / costs; ROI % = (BCR - 1) x 100; payback = costs / (benefits / {months:g}) months")
    out["n_benefits"] = out["n_benefits"].astype("int64")
    return out
