"""ROI per programme with its sensitivity band, and demand against seats (:mod:`kemuning_eval.stats.roi`, ``cost``).

Every decision of this part is made here, once, on unrounded values and with
the thresholds of ``report.rules`` (defaults in
:data:`kemuning_eval.config.REPORT_RULE_DEFAULTS`):

* ``bcr_band`` (below / breakeven / above, :func:`kemuning_eval.stats.bands.bcr_band`,
  ``breakeven_halfwidth``) and ``low_roi`` (ROI % below ``roi_min``) per programme and pooled;
* ``budget_limited`` per programme and in total: applicants per seat at or above
  ``demand_ratio`` **and** either the seats are full (participants at least
  capacity x (1 - ``seats_full_tolerance``)) or the interviews name funding as
  the limit (theme ``budget_limit_theme`` in at least ``budget_limit_theme_share``
  of the excerpts and at least ``budget_limit_theme_min_count`` of them).

The rules (:mod:`kemuning_eval.report.results.rules`) read these stored decisions.

Examples
--------
>>> import pandas as pd
>>> programs = pd.DataFrame({"program_id": ["A"], "applicants": [30], "capacity": [20], "participants": [20],
...                          "cost": [40_000_000.0]})
>>> demand = demand_results({"programs": programs, "participants": pd.DataFrame({"x": range(20)})}, Context())
>>> row = demand.by_program[0]
>>> row.not_admitted, row.cost_all_applicants, row.seats_full, row.budget_limited
(10, 60000000, True, True)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kemuning_eval.config import REPORT_RULE_DEFAULTS
from kemuning_eval.report.results.common import Context, as_count, as_float, as_number, has_rows
from kemuning_eval.report.results.model import DemandResults, DemandRow, RoiResults, RoiRow
from kemuning_eval.stats._common import TOTAL


def _rules(ctx: Context) -> dict[str, Any]:
    return {**REPORT_RULE_DEFAULTS, **dict(ctx.rules or {})}


def money_and_demand(tables: dict) -> Any:
    """The programme table as the cost and demand figures read it (``None`` without one).

    Without a roster nobody was counted: ``participants`` is missing (NaN), so
    nothing per participant is computed (never a count of 0).

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The processed tables in scope.

    Returns
    -------
    pandas.DataFrame or None
        ``program_id``, ``cost``, ``applicants``, ``capacity``, ``participants`` (columns
        the table lacks are missing values).

    Examples
    --------
    >>> import pandas as pd
    >>> money_and_demand({"programs": pd.DataFrame({"program_id": ["A"], "participants": [20]})})["participants"].tolist()
    [nan]
    """
    if not has_rows(tables, "programs"):
        return None
    programs = tables["programs"].copy()
    for col in ("cost", "applicants", "capacity", "participants"):
        if col not in programs or not has_rows(tables, "participants") and col == "participants":
            programs[col] = float("nan")
    return programs[["program_id", "cost", "applicants", "capacity", "participants"]]


def _code(x: Any) -> str | None:
    """A reason code of a statistics row, ``None`` for no reason (None or NaN)."""
    return x if isinstance(x, str) and x else None


def _roi_row(row: Any, name: str | None, th: Mapping[str, Any]) -> RoiRow:
    from kemuning_eval.stats.bands import bcr_band

    bcr, roi = as_float(row["bcr"]), as_float(row["roi_pct"])
    return RoiRow(
        program_id=None if row["program_id"] == TOTAL else str(row["program_id"]), name=name,
        n_benefits=as_count(row["n_benefits"]), benefits=as_number(row["benefits"]), costs=as_number(row["costs"]),
        bcr=bcr, roi_pct=roi, bcr_low=as_float(row["bcr_low"]), bcr_high=as_float(row["bcr_high"]),
        roi_pct_low=as_float(row["roi_pct_low"]), roi_pct_high=as_float(row["roi_pct_high"]),
        bcr_band=bcr_band(bcr, float(th["breakeven_halfwidth"])),
        low_roi=None if roi is None else bool(roi < float(th["roi_min"])),
        payback_months=as_float(row["payback_months"]), payback_reason=_code(row["payback_reason"]), reason=_code(row["reason"]))


def roi_results(tables: dict, ctx: Context) -> RoiResults | None:
    """BCR and ROI per programme and pooled, each with its sensitivity band, band and low-ROI decision.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The processed tables in scope (``benefits`` and ``programs`` with costs).
    ctx : Context
        Programme names and ``report.rules``.

    Returns
    -------
    RoiResults or None
        ``None`` without monetised benefits or costs.

    Examples
    --------
    >>> import pandas as pd
    >>> benefits = pd.DataFrame({"program_id": ["A", "B"], "benefit": ["x", "y"], "annual_value": [100.0, 100.0],
    ...                          "attribution": [0.5, None], "confidence": [0.5, 0.5]})
    >>> programs = pd.DataFrame({"program_id": ["A", "B"], "cost": [20.0, 20.0]})
    >>> res = roi_results({"benefits": benefits, "programs": programs}, Context())
    >>> [(r.program_id, r.bcr, r.bcr_band, r.reason) for r in res.by_program]
    [('A', 1.25, 'above', None), ('B', None, None, 'missing_share')]
    >>> res.pooled.bcr, res.pooled.reason
    (None, 'missing_share')
    """
    programs = money_and_demand(tables)
    if programs is None or not has_rows(tables, "benefits") or not programs["cost"].notna().any():
        return None
    from kemuning_eval.stats.roi import roi_sensitivity

    th = _rules(ctx)
    share = float(th["roi_sensitivity_share"])
    res = roi_sensitivity(tables["benefits"], programs[programs["cost"].notna()], share=share)
    rows = [_roi_row(row, None if row["program_id"] == TOTAL else ctx.programs.get(row["program_id"], row["program_id"]),
                     th) for _, row in res.iterrows()]
    return RoiResults(sensitivity_share=share, breakeven_halfwidth=float(th["breakeven_halfwidth"]),
                      by_program=[r for r in rows if r.program_id is not None],
                      pooled=next((r for r in rows if r.program_id is None), None))


def _funding_theme(tables: dict, ctx: Context, theme: str) -> dict[str, tuple[int | None, float | None]]:
    """Excerpts naming ``theme`` per programme and in total (``TOTAL``): (count, share); small cells hidden."""
    if not has_rows(tables, "interviews"):
        return {}
    from kemuning_eval.stats.qualitative import theme_frequencies

    iv = tables["interviews"]
    out: dict[str, tuple[int | None, float | None]] = {}
    for by in ("program_id", None):
        if by is not None and by not in iv:
            continue
        freq = theme_frequencies(iv, by=by, codebook=ctx.themes, min_n=ctx.min_n)
        for _, row in freq[freq["theme"] == theme].iterrows():
            key = TOTAL if by is None else str(row[by])
            out[key] = (as_count(row["count"]), as_float(row["share"]))
    return out


def _demand_row(row: Any, name: str | None, theme: tuple[int | None, float | None], th: Mapping[str, Any]) -> DemandRow:
    ratio, fill = as_float(row["applicants_per_seat"]), as_float(row["seat_fill"])
    exceeds = None if ratio is None else bool(ratio >= float(th["demand_ratio"]))
    full = None if fill is None else bool(fill >= 1.0 - float(th["seats_full_tolerance"]))
    count, share = theme
    named = None if count is None or share is None else bool(
        share >= float(th["budget_limit_theme_share"]) and count >= float(th["budget_limit_theme_min_count"]))
    limited = None if exceeds is None else bool(exceeds and (full is True or named is True))
    if exceeds and full is None and named is None:
        limited = None  # neither sign of a binding budget could be checked
    return DemandRow(
        program_id=None if row["program_id"] == TOTAL else str(row["program_id"]), name=name,
        applicants=as_count(row["applicants"]), capacity=as_count(row["capacity"]),
        participants=as_count(row["participants"]), not_admitted=as_count(row["not_admitted"]),
        unused_seats=as_count(row["unused_seats"]), seat_fill=fill, applicants_per_seat=ratio,
        cost_per_participant=as_number(row["cost_per_participant"]),
        cost_all_applicants=as_number(row["cost_all_applicants"]), extra_cost=as_number(row["extra_cost"]),
        demand_exceeds_seats=exceeds, seats_full=full, funding_theme_n=count, funding_theme_share=share,
        funding_named=named, budget_limited=limited)


def demand_results(tables: dict, ctx: Context) -> DemandResults | None:
    """Applicants not admitted, unused seats, the cost of serving all applicants, and the budget rule's decision.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The processed tables in scope (``programs`` with ``applicants`` and
        ``capacity``; the roster counts participants, ``interviews`` the funding theme).
    ctx : Context
        Programme names, privacy, theme codebook and ``report.rules``.

    Returns
    -------
    DemandResults or None
        ``None`` without a programme table that records applicants and seats.

    Examples
    --------
    Demand above the seats, but seats left empty and no interview naming funding:
    the budget is not what limits attendance.

    >>> import pandas as pd
    >>> programs = pd.DataFrame({"program_id": ["A"], "applicants": [30], "capacity": [20], "participants": [15],
    ...                          "cost": [30_000_000.0]})
    >>> row = demand_results({"programs": programs, "participants": pd.DataFrame({"x": range(15)})}, Context()).total
    >>> row.not_admitted, row.unused_seats, row.demand_exceeds_seats, row.seats_full, row.budget_limited
    (15, 5, True, False, False)
    """
    programs = money_and_demand(tables)
    if programs is None or not (programs["applicants"].notna().any() and programs["capacity"].notna().any()):
        return None
    from kemuning_eval.stats.cost import admission_gap

    th = _rules(ctx)
    gap = admission_gap(programs)
    themes = _funding_theme(tables, ctx, str(th["budget_limit_theme"]))
    rows = [_demand_row(row, None if row["program_id"] == TOTAL else ctx.programs.get(row["program_id"], row["program_id"]),
                        themes.get(str(row["program_id"]), (None, None)), th) for _, row in gap.iterrows()]
    return DemandResults(by_program=[r for r in rows if r.program_id is not None],
                         total=next((r for r in rows if r.program_id is None), None))
