"""Level 4 per scope: the DiD effect of every unit outcome pooled and per trained programme, Holm-corrected, in its direction.

The pooled effect can hide a real effect of one programme when two trained
programmes move an outcome in opposite directions, so each trained programme
is estimated on its own as well (its treated activities against every
comparison activity, :func:`kemuning_eval.stats.did.did_effect` with
``program``).  Within each scope the outcomes form one family: their p-values
are Holm-adjusted (:func:`kemuning_eval.stats.learning.holm`), and the verdict
(``improved``, ``worsened``, ``not_shown``) is decided once by
:func:`kemuning_eval.stats.bands.outcome_verdict` on the unrounded values,
reading the outcome's direction from ``outcomes.higher_is_better``.  The
pre-trend test (the event study's joint test of the pre-period coefficients)
is stored beside each effect.

Examples
--------
>>> import pandas as pd
>>> outcome_effects({"outcomes": pd.DataFrame()}, Context()) is None
True
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kemuning_eval.config import higher_is_better
from kemuning_eval.report.results.common import Context, as_count, as_float
from kemuning_eval.report.results.model import OutcomeEffect
from kemuning_eval.stats.bands import outcome_verdict, significance, significant_after_holm

#: outcomes with a catalogue label (``report.outcome.<name>``)
KNOWN_OUTCOMES = ("budget_ratio", "on_time", "service_satisfaction")


def _pretrend(outcomes: Any, names: list[str]) -> dict[str, dict]:
    """The event study's pre-trend test per outcome (empty with two periods or nothing to test)."""
    from kemuning_eval.stats.event_study import event_study

    if "period_index" not in outcomes or outcomes["period_index"].nunique() <= 2 or not names:
        return {}
    test = event_study(outcomes, outcomes=names).pretrend
    return {row["outcome"]: row for _, row in test.iterrows()}


def _scope_rows(res: Any, pretrend: dict, program_id: str | None, ctx: Context,
                configured: Mapping[str, bool] | None) -> list[OutcomeEffect]:
    """One scope's rows: Holm across its outcomes, then each verdict decided once."""
    import pandas as pd

    from kemuning_eval.i18n import t
    from kemuning_eval.stats.learning import holm

    adjusted = holm(res["p_val"].to_numpy(dtype=float))
    rows = []
    for (_, row), p_holm in zip(res.iterrows(), adjusted, strict=True):
        estimate, low, high, p = (as_float(row[k]) for k in ("estimate", "ci_low", "ci_high", "p_val"))
        direction = significance(estimate, low, high, p, ctx.alpha)
        better = higher_is_better(row["outcome"], configured)
        test = pretrend.get(row["outcome"], {})
        rejected = test.get("parallel_trends_rejected", None)
        rows.append(OutcomeEffect(
            program_id=program_id, name=ctx.programs.get(program_id, program_id) if program_id else None,
            outcome=row["outcome"], label=t(f"report.outcome.{row['outcome']}", ctx.lang)
            if row["outcome"] in KNOWN_OUTCOMES else row["outcome"], higher_is_better=better,
            estimate=estimate, ci_low=low, ci_high=high, p_val=p, p_holm=as_float(p_holm), direction=direction,
            significant_after_holm=significant_after_holm(direction, as_float(p_holm), ctx.alpha),
            verdict=outcome_verdict(direction, as_float(p_holm), better, ctx.alpha),
            n_treated_clusters=as_count(row["n_treated_clusters"]), n_control_clusters=as_count(row["n_control_clusters"]),
            inference=row.get("inference"), pretrend_p=as_float(test.get("p_val")),
            parallel_trends_rejected=None if rejected is None or pd.isna(rejected) else bool(rejected), reason=None))
    return rows


def _programme_effects(outcomes: Any, ctx: Context, configured: Mapping[str, bool] | None) -> list[OutcomeEffect]:
    """Each trained programme's effects against every comparison activity."""
    from kemuning_eval.errors import DataError
    from kemuning_eval.stats.did import TooFewClusters, did_effect

    rows: list[OutcomeEffect] = []
    treated = outcomes["treated"].astype(bool)
    for pid in sorted(outcomes.loc[treated, "program_id"].dropna().unique()):
        scope = outcomes[(outcomes["program_id"] == pid) | ~treated]
        try:
            res = did_effect(scope)
        except (TooFewClusters, DataError):  # too few of its units for an honest interval: named, not estimated
            continue
        rows += _scope_rows(res, _pretrend(scope, list(res["outcome"])), str(pid), ctx, configured)
    return rows


def outcome_effects(tables: dict, ctx: Context, configured: Mapping[str, bool] | None = None, *,
                    pooled: tuple[Any, Any] | None = None) -> list[OutcomeEffect] | None:
    """The DiD effects pooled and per trained programme, Holm across outcomes within each scope.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The processed tables in scope (``outcomes`` with ``treated``, ``post``, ``unit``).
    ctx : Context
        Language, significance level, programme names.
    configured : mapping of str to bool, optional
        ``outcomes.higher_is_better`` of ``studi.yaml`` (else the defaults of :mod:`kemuning_eval.config`).
    pooled : (DataFrame, EventStudy or None), optional
        The pooled fit already made by :func:`~kemuning_eval.report.results.outcomes.pooled_did`
        (default: fitted here).

    Returns
    -------
    list of OutcomeEffect or None
        The pooled rows first (``program_id`` None), then each programme's;
        None when the pooled effect cannot be estimated (the level says why).

    Examples
    --------
    A whole DiD design is too large for a doctest (``tests/report/results/test_outcome_effects.py``);
    without treated activities there is nothing to estimate:

    >>> import pandas as pd
    >>> print(outcome_effects({"outcomes": pd.DataFrame({"treated": [False, False]})}, Context()))
    None
    """
    from kemuning_eval.errors import DataError
    from kemuning_eval.stats.did import TooFewClusters

    outcomes = tables.get("outcomes")
    if outcomes is None or outcomes.empty or "treated" not in outcomes or not outcomes["treated"].astype(bool).any():
        return None
    if pooled is None:
        from kemuning_eval.report.results.outcomes import pooled_did

        try:
            pooled = pooled_did(outcomes)
        except (TooFewClusters, DataError):
            return None
    res, events = pooled
    pretrend = {row["outcome"]: row for _, row in events.pretrend.iterrows()} if events is not None else {}
    rows = _scope_rows(res, pretrend, None, ctx, configured)
    if "program_id" in outcomes and outcomes.loc[outcomes["treated"].astype(bool), "program_id"].nunique() > 1:
        rows += _programme_effects(outcomes, ctx, configured)
    return rows
