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
    ``costs / (benefits / 12)``; per programme (:func:`roi_by_program`) only
    when the first-year benefits exceed the costs (a programme that does not
    pay back within the year has no payback period).
sensitivity band
    the BCR and ROI recomputed with attribution and confidence both at their
    low values (``share x (1 - s)``) and both at their high values
    (``min(share x (1 + s), 1)``), ``s`` = 0.20 by default
    (:func:`vary_shares`, :func:`roi_sensitivity`): Phillips & Phillips'
    advice to show how the conservative estimate moves with the judgement
    shares (Phillips, J. J. & Phillips, P. P., *Return on Investment in
    Training and Performance Improvement Programs*, 2nd ed., 2003).

Worked example (Phillips): benefits 60,000 and costs 20,000 give BCR 3,
ROI 200 % and a payback of 4 months.

Examples
--------
>>> phillips_roi(60_000, 20_000)
{'benefits': 60000.0, 'costs': 20000.0, 'bcr': 3.0, 'roi_pct': 200.0, 'payback_months': 4.0}
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kemuning_eval.config import REPORT_RULE_DEFAULTS
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
        ``costs``, ``bcr``, ``roi_pct``, ``payback_months``, ``reason``, ``payback_reason``, ``method``.
        A benefit whose annual value, attribution or confidence is missing leaves its
        programme (and the total) without benefits, BCR and ROI (NaN, never a benefit of 0) and
        ``reason`` names why (:data:`ROI_REASONS`); the payback period is given only when the
        benefits exceed the costs, else NaN with ``payback_reason`` (:data:`PAYBACK_REASONS`).

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
                          "adjusted": values[:, 0] * attr * conf,
                          "no_value": np.isnan(values[:, 0]), "no_share": np.isnan(attr) | np.isnan(conf)})
    out = frame.groupby("program_id", sort=True).agg(
        n_benefits=("gross", "size"), benefits_gross=("gross", "sum"), benefits=("adjusted", "sum"),
        no_value=("no_value", "any"), no_share=("no_share", "any"))
    costs = programs.drop_duplicates("program_id").set_index("program_id")["cost"].astype("float64")
    out["costs"] = costs.reindex(out.index)
    out = out.reset_index()
    if total:
        tot = out[["n_benefits", "benefits_gross", "benefits", "costs"]].sum(min_count=1).to_dict()
        tot.update(no_value=bool(out["no_value"].any()), no_share=bool(out["no_share"].any()),
                   costs=tot["costs"] if out["costs"].notna().all() else np.nan)
        out = pd.concat([out, pd.DataFrame([{"program_id": TOTAL, **tot}])], ignore_index=True)
    return _ratios(out, months, "overridden" if attribution is not None or confidence is not None
                   else "from the benefits table")


#: why a programme's ROI is missing (``reason``), checked in this order
ROI_REASONS: tuple[str, ...] = ("missing_value", "missing_share", "missing_cost")
#: why a payback period is missing (``payback_reason``)
PAYBACK_REASONS: tuple[str, ...] = ("no_roi", "benefits_not_above_costs")


def _ratios(out: pd.DataFrame, months: float, src: str) -> pd.DataFrame:
    """BCR, ROI % and payback of the summed rows; a missing value, share or cost leaves them NaN with a reason."""
    import numpy as np

    reason = np.select([out["no_value"].to_numpy(bool), out["no_share"].to_numpy(bool), ~(out["costs"] > 0)],
                       list(ROI_REASONS), default="")
    missing = reason != ""
    out.loc[missing, "benefits"] = np.nan  # a benefit without its value or share is unknown, never 0
    c = out["costs"].to_numpy(dtype=np.float64)
    b = out["benefits"].to_numpy(dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        bcr = np.where(c > 0, b / c, np.nan)
        out["bcr"] = bcr
        out["roi_pct"] = (bcr - 1.0) * 100.0
        # first-year benefits: the costs are paid back within the year only when the benefits exceed them
        pays = ~missing & (b > c)
        out["payback_months"] = np.where(pays, c / (b / months), np.nan)
    out["reason"] = _none_codes(reason)
    out["payback_reason"] = _none_codes(np.where(missing, "no_roi", np.where(pays, "", "benefits_not_above_costs")))
    out["method"] = (f"Phillips: benefits = annual value x attribution x confidence ({src}); "
                     f"BCR = benefits / costs; ROI % = (BCR - 1) x 100; payback = costs / (benefits / {months:g}) "
                     "months, only when the benefits exceed the costs; a benefit without its value, attribution "
                     "or confidence leaves its programme (and the total) without an ROI")
    out["n_benefits"] = out["n_benefits"].astype("int64")
    return out.drop(columns=["no_value", "no_share"])


def _none_codes(codes: Any) -> list[str | None]:
    """Codes as a list with ``""`` turned into ``None`` (a reason column: None when there is no reason)."""
    return [str(c) if c else None for c in codes]


#: Default relative change of the attribution and confidence shares in the sensitivity band
#: (``report.rules.roi_sensitivity_share`` of the study configuration).
DEFAULT_SENSITIVITY_SHARE: float = REPORT_RULE_DEFAULTS["roi_sensitivity_share"]


def vary_shares(benefits: pd.DataFrame, *, share: float = DEFAULT_SENSITIVITY_SHARE,
                side: str = "low") -> pd.DataFrame:
    """The ``benefits`` table with attribution and confidence moved to their low or high value.

    Parameters
    ----------
    benefits : DataFrame
        The ``benefits`` table (``attribution``, ``confidence`` as shares 0-1).
    share : float
        Relative change ``s`` (0-1): low = ``x (1 - s)``, high = ``min(x (1 + s), 1)``
        (a share cannot exceed 1).  Missing shares stay missing.
    side : {"low", "high"}
        Which end of the band.

    Returns
    -------
    DataFrame
        A copy with ``attribution`` and ``confidence`` changed.

    Examples
    --------
    >>> import pandas as pd
    >>> b = pd.DataFrame({"attribution": [0.5, 0.9], "confidence": [0.6, None]})
    >>> vary_shares(b, side="low").round(3).values.tolist()
    [[0.4, 0.48], [0.72, nan]]
    >>> vary_shares(b, side="high").round(3).values.tolist()
    [[0.6, 0.72], [1.0, nan]]
    """
    import numpy as np

    ok = isinstance(share, (int, float)) and not isinstance(share, bool) and 0 <= share <= 1
    check_arg(ok, "share", share, "a number between 0 and 1")
    check_arg(side in ("low", "high"), "side", side, "'low' or 'high'")
    require_columns(benefits, ["attribution", "confidence"], table="benefits")
    factor = 1.0 - float(share) if side == "low" else 1.0 + float(share)
    out = benefits.copy()
    for col in ("attribution", "confidence"):
        out[col] = np.minimum(numeric_matrix(benefits, [col], table="benefits")[:, 0] * factor, 1.0)
    return out


def roi_sensitivity(
    benefits: pd.DataFrame,
    programs: pd.DataFrame,
    *,
    share: float = DEFAULT_SENSITIVITY_SHARE,
    months: float = 12.0,
    total: bool = True,
) -> pd.DataFrame:
    """BCR and ROI per programme with its sensitivity band (attribution and confidence low/high).

    Parameters
    ----------
    benefits, programs : DataFrame
        As for :func:`roi_by_program`.
    share : float
        Relative change of both shares at the ends of the band (:func:`vary_shares`).
    months : float
        Period ``annual_value`` covers.
    total : bool
        Append the pooled row :data:`~kemuning_eval.stats._common.TOTAL`.

    Returns
    -------
    DataFrame
        The columns of :func:`roi_by_program` plus ``benefits_low``, ``benefits_high``,
        ``bcr_low``, ``bcr_high``, ``roi_pct_low``, ``roi_pct_high`` and ``share``
        (NaN where the ROI itself is missing).

    Examples
    --------
    >>> import pandas as pd
    >>> benefits = pd.DataFrame({"program_id": ["PM"], "benefit": ["a"], "annual_value": [100.0],
    ...                          "attribution": [0.5], "confidence": [0.5]})
    >>> programs = pd.DataFrame({"program_id": ["PM"], "cost": [20.0]})
    >>> res = roi_sensitivity(benefits, programs, total=False)
    >>> res[["bcr_low", "bcr", "bcr_high"]].round(3).values.tolist()
    [[0.8, 1.25, 1.8]]
    """
    base = roi_by_program(benefits, programs, months=months, total=total)
    for side in ("low", "high"):
        varied = roi_by_program(vary_shares(benefits, share=share, side=side), programs, months=months, total=total)
        varied = varied.set_index("program_id").reindex(base["program_id"])
        for col in ("benefits", "bcr", "roi_pct"):
            base[f"{col}_{side}"] = varied[col].to_numpy()
    base["share"] = float(share)
    return base
