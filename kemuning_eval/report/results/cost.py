"""Cost per participant and the Phillips ROI of the monetised benefits (:mod:`kemuning_eval.stats.cost`, ``roi``).

Examples
--------
>>> cost({}, Context()).instruments
['costs']
"""

from __future__ import annotations

from typing import Any

from kemuning_eval.report.results.availability import not_measured
from kemuning_eval.report.results.common import (
    Context,
    as_count,
    as_float,
    as_number,
    has_rows,
)
from kemuning_eval.report.results.model import (
    Cost,
    Unavailable,
)
from kemuning_eval.stats._common import TOTAL


def cost(tables: dict, ctx: Context) -> Cost | Unavailable:
    """Cost per participant (stats.cost) and the Phillips ROI of the monetised benefits (stats.roi).

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The processed tables in scope (``programs`` with a ``cost`` column is
        needed; ``benefits`` adds the ROI, ``tests`` the cost per gain point).
    ctx : Context
        Programme names.

    Returns
    -------
    Cost or Unavailable
        ``available``, totals in Rupiah, ``by_program`` and, with
        benefits, ``total_benefit``, ``bcr``, ``roi_pct``, ``payback_months``.

    Examples
    --------
    >>> import pandas as pd
    >>> programs = pd.DataFrame({"program_id": ["A", "B"], "jp": [30, 20], "participants": [20, 10],
    ...                          "cost": [60_000_000, 30_000_000]})
    >>> roster = pd.DataFrame({"participant_id": [f"P{k}" for k in range(30)]})
    >>> c = cost({"programs": programs, "participants": roster}, Context())
    >>> c.total_cost, c.n_participants, c.cost_per_participant
    (90000000, 30, 3000000)
    >>> [(p.program_id, p.cost_per_participant) for p in c.by_program]
    [('A', 3000000), ('B', 3000000)]

    Without a roster nobody was counted, so there is no cost per participant:

    >>> c = cost({"programs": programs}, Context())
    >>> c.total_cost, c.n_participants, c.cost_per_participant
    (90000000, None, None)
    """
    if not has_rows(tables, "programs") or "cost" not in tables["programs"]:
        return not_measured("no_data", "costs")
    from kemuning_eval.stats.cost import cost_summary
    from kemuning_eval.stats.roi import roi_by_program

    programs = tables["programs"]
    if not programs["cost"].notna().any():
        return not_measured("not_collected", "costs")
    enrolled = has_rows(tables, "participants")
    if not enrolled:  # without a roster nobody was counted: per-participant costs are not measured
        programs = programs.assign(participants=float("nan"))
    cs = cost_summary(programs[programs["cost"].notna()], tests=tables.get("tests"))
    total = cs[cs["program_id"] == TOTAL].iloc[0] if (cs["program_id"] == TOTAL).any() else cs.iloc[0]
    out: dict[str, Any] = {
        "available": True, "total_cost": as_number(total["cost"]),
        "n_participants": as_count(total["participants"]) if enrolled else None,
        "cost_per_participant": as_number(total["cost_per_participant"]), "cost_per_jp": as_number(total["cost_per_jp"]),
        "by_program": [{"program_id": row["program_id"], "name": ctx.programs.get(row["program_id"], row["program_id"]),
                        "cost": as_number(row["cost"]), "participants": as_count(row["participants"]),
                        "cost_per_participant": as_number(row["cost_per_participant"]),
                        "cost_per_gain_point": as_float(row.get("cost_per_gain_point"))}
                       for _, row in cs[cs["program_id"] != TOTAL].sort_values("program_id").iterrows()],
    }
    out.update(total_benefit=None, benefit_costs=None, bcr=None, roi_pct=None, payback_months=None, roi_method=None)
    if has_rows(tables, "benefits"):
        roi = roi_by_program(tables["benefits"], programs)
        tot = roi[roi["program_id"] == TOTAL].iloc[0] if (roi["program_id"] == TOTAL).any() else roi.iloc[0]
        out.update(total_benefit=as_number(tot["benefits"]), benefit_costs=as_number(tot["costs"]), bcr=as_float(tot["bcr"]),
                   roi_pct=as_float(tot["roi_pct"]), payback_months=payback_if_gain(tot),
                   roi_method=str(tot.get("method")))
    return Cost.model_validate(out)


def payback_if_gain(row: Any) -> float | None:
    """The payback period (months) only when benefits exceed costs (BCR > 1), else None.

    A programme that returns less than it costs within the benefit year has no
    payback to report (a "payback" of 15 months beside a negative ROI reads as a gain).

    Examples
    --------
    >>> payback_if_gain({"bcr": 1.25, "payback_months": 9.6}), payback_if_gain({"bcr": 0.8, "payback_months": 15.0})
    (9.6, None)
    """
    bcr = as_float(row["bcr"])
    return as_float(row["payback_months"]) if bcr is not None and bcr > 1 else None
