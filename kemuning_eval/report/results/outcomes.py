"""Level 4 of the results: unit outcomes, difference-in-differences and the event study (:mod:`kemuning_eval.stats.did`).

Examples
--------
>>> results({}, Context()).reason
'no_data'
"""

from __future__ import annotations

from typing import Any

from kemuning_eval.i18n import t
from kemuning_eval.report.results.availability import not_measured
from kemuning_eval.report.results.common import (
    Context,
    as_count,
    as_float,
    change_fields,
    has_rows,
)
from kemuning_eval.report.results.model import (
    Results,
    Unavailable,
)


def pooled_did(outcomes: Any) -> tuple[Any, Any]:
    """The pooled DiD per outcome and, with more than two periods, its event study (else None).

    Fitted once per report: :func:`results` and
    :func:`~kemuning_eval.report.results.outcome_effects.outcome_effects` both read it.
    Raises what :func:`kemuning_eval.stats.did.did_effect` raises.

    Examples
    --------
    A whole DiD design is too large for a doctest (``tests/report/results``); see :func:`results`.
    """
    from kemuning_eval.stats.did import did_effect
    from kemuning_eval.stats.event_study import event_study

    res = did_effect(outcomes)
    many = outcomes["period_index"].nunique() > 2 if "period_index" in outcomes.columns else False
    return res, event_study(outcomes, outcomes=list(res["outcome"])) if many and len(res) else None


def results(tables: dict, ctx: Context, *, fitted: dict | None = None) -> Results | Unavailable:
    """Level 4: difference-in-differences per outcome, unit-clustered (t with G - 1 df).

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The processed tables in scope (``outcomes`` is needed).
    ctx : Context
        Language and significance level.
    fitted : dict, optional
        Receives ``pooled``, the result of :func:`pooled_did`, for the effects computed after.

    Returns
    -------
    Results or Unavailable
        ``available``, ``n_clusters``, ``n_treated_clusters``,
        ``n_control_clusters``, ``inference`` (``cr1`` or ``wild_bootstrap``),
        ``did`` (one row per outcome), ``event_study`` (per outcome and
        period relative to the last pre period, when there are more than two
        periods; else empty; ``stats.event_study``), each ``did`` row with the
        pre-trend decision from the event study's pre-period coefficients
        (``parallel_trends_rejected``, ``pretrend_p``, ``pretrend_inference``;
        None with two periods or nothing to test) and ``method``; or
        :func:`~kemuning_eval.report.results.availability.not_measured` with reason
        ``no_data``, ``no_treated_units``, ``did_too_few_clusters`` (too few
        treated or comparison units for an honest interval) or
        ``did_design_incomplete``.

    Examples
    --------
    >>> import pandas as pd
    >>> results({"outcomes": pd.DataFrame({"program_id": ["A", "A"], "treated": [False, False]})}, Context())
    Unavailable(available=False, reason='no_treated_units', instruments=['outcomes'])
    """
    if not has_rows(tables, "outcomes"):
        return not_measured("no_data", "outcomes")
    import pandas as pd

    from kemuning_eval.errors import DataError
    from kemuning_eval.stats.did import TooFewClusters

    outcomes = tables["outcomes"]
    if not outcomes["treated"].astype(bool).any():
        return not_measured("no_treated_units", "outcomes")
    try:
        res, events = pooled_did(outcomes)
    except TooFewClusters:  # 1 or 2 treated (or comparison) units: no interval would be honest
        return not_measured("did_too_few_clusters", "outcomes")
    except DataError:  # the design is incomplete (e.g. no post period for this programme)
        return not_measured("did_design_incomplete", "outcomes")
    if fitted is not None:
        fitted["pooled"] = (res, events)
    # per period, relative to the last pre period; the pre-trend decision from its pre-period coefficients
    pretrend = events.pretrend.set_index("outcome") if events is not None else None
    rows = []
    for _, row in res.iterrows():
        entry = change_fields(row, ctx)
        test = pretrend.loc[row["outcome"]] if pretrend is not None else {}
        rows.append({
            "outcome": row["outcome"], "label": t(f"report.outcome.{row['outcome']}", ctx.lang)
            if row["outcome"] in ("budget_ratio", "on_time", "service_satisfaction") else row["outcome"],
            "n": as_count(row["n"]), "n_clusters": as_count(row["n_clusters"]), **entry,
            "mean_control_pre": as_float(row["mean_control_pre"]), "mean_control_post": as_float(row["mean_control_post"]),
            "mean_treated_pre": as_float(row["mean_treated_pre"]), "mean_treated_post": as_float(row["mean_treated_post"]),
            "pretrend_p": as_float(test.get("p_val")), "pretrend_inference": test.get("inference"),
            "parallel_trends_rejected": None if pd.isna(test.get("parallel_trends_rejected", pd.NA))
            else bool(test["parallel_trends_rejected"]),
            "n_treated_clusters": as_count(row["n_treated_clusters"]), "n_control_clusters": as_count(row["n_control_clusters"]),
            "inference": row["inference"],
        })
    n_clusters = max((row["n_clusters"] or 0 for row in rows), default=None)
    first = res.iloc[0] if len(res) else {}
    coef = events.coefficients if events is not None else None
    event_study = [] if coef is None else [  # an outcome whose design is degenerate has NaN rows: left out
        {"outcome": e["outcome"], "relative": int(e["relative"]), "reference": bool(e["reference"]),
         "estimate": as_float(e["estimate"]), "ci_low": as_float(e["ci_low"]), "ci_high": as_float(e["ci_high"])}
        for _, e in coef[coef.groupby("outcome")["estimate"].transform("count") > 0].iterrows()]
    if not rows:
        return not_measured("no_data", "outcomes")
    return Results.model_validate({"available": True, "n_clusters": n_clusters, "did": rows,
            "n_treated_clusters": as_count(first.get("n_treated_clusters")),
            "n_control_clusters": as_count(first.get("n_control_clusters")), "inference": first.get("inference"),
            "event_study": event_study, "method": str(res["method"].iloc[0]) if len(res) else None})
