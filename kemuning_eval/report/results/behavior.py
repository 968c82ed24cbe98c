"""Level 3 of the results: behaviour at work before and after training (:mod:`kemuning_eval.stats.behavior`).

Examples
--------
>>> behavior({}, Context()).instruments
['observations']
"""

from __future__ import annotations

from typing import Any

from kemuning_eval.report.results.availability import not_measured
from kemuning_eval.report.results.common import (
    Context,
    as_count,
    as_float,
    change_fields,
    has_rows,
)
from kemuning_eval.report.results.decisions import effect_band
from kemuning_eval.report.results.model import (
    Behavior,
    Unavailable,
)


def behavior(tables: dict, ctx: Context) -> Behavior | Unavailable:
    """Level 3: supervisors' change of the composite, share applying, supervisor-peer agreement.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The processed tables in scope (``observations`` is needed).
    ctx : Context
        Language, privacy and significance level.

    Returns
    -------
    Behavior or Unavailable
        ``available``, ``rater``, ``change`` (paired change and d_z),
        ``by_rater``, ``applying``, ``applying_by_program`` and ``agreement``
        (ICC(2,1)) as far as the data allow; or
        :func:`~kemuning_eval.report.results.availability.not_measured`.

    Examples
    --------
    Observations before and after training are too large for a doctest;
    without them the level is unavailable:

    >>> behavior({}, Context())
    Unavailable(available=False, reason='no_data', instruments=['observations'])
    """
    if not has_rows(tables, "observations"):
        return not_measured("no_data", "observations")
    from kemuning_eval.stats.behavior import behavior_change, rater_agreement, share_applying

    obs = tables["observations"]
    out: dict[str, Any] = {"available": True, "rater": "supervisor", "change": None, "applying": None,
                           "applying_by_program": None, "agreement": None}
    ch = behavior_change(obs, by="rater", min_n=ctx.min_n)
    sup = ch[(ch["indicator"] == "obs_mean") & (ch["rater"] == "supervisor")]
    if len(sup) and not bool(sup.iloc[0].get("suppressed", False)):
        row = sup.iloc[0]
        out["change"] = {"n": as_count(row["n"]), "baseline_mean": as_float(row["baseline_mean"]),
                         "followup_mean": as_float(row["followup_mean"]), **change_fields(row, ctx),
                         "dz": as_float(row.get("dz")), "gz": None,
                         "effect_band": effect_band(row.get("dz"))}
    out["by_rater"] = [{"rater": row["rater"], "n": as_count(row["n"]), "estimate": as_float(row["estimate"]),
                        "ci_low": as_float(row["ci_low"]), "ci_high": as_float(row["ci_high"]),
                        "suppressed": bool(row.get("suppressed", False))}
                       for _, row in ch[ch["indicator"] == "obs_mean"].sort_values("rater").iterrows()]
    if "applies" in obs and obs["applies"].notna().any():
        a = share_applying(obs, by=None, rater="supervisor", min_n=ctx.min_n).iloc[0]
        out["applying"] = {"n": as_count(a["n"]), "count": as_count(a["count"]), "share": as_float(a["estimate"]),
                           "ci_low": as_float(a["ci_low"]), "ci_high": as_float(a["ci_high"])}
        byp = share_applying(obs, by="program_id", rater="supervisor", min_n=ctx.min_n)
        out["applying_by_program"] = [{
            "program_id": row["program_id"], "name": ctx.programs.get(row["program_id"], row["program_id"]),
            "n": as_count(row["n"]), "share": as_float(row["estimate"]), "ci_low": as_float(row["ci_low"]),
            "ci_high": as_float(row["ci_high"]), "suppressed": bool(row.get("suppressed", False)),
        } for _, row in byp.sort_values("program_id").iterrows()]
    raters = set(obs["rater"].dropna())
    if {"supervisor", "peer"} <= raters:
        agr = rater_agreement(obs, raters=("supervisor", "peer"), min_n=ctx.min_n)
        icc = agr[(agr["measure"] == "icc2_1") & ~agr["suppressed"].astype(bool)]
        out["agreement"] = [{"measure": "icc2_1", "indicator": row["indicator"], "n": as_count(row["n"]),
                             "estimate": as_float(row["estimate"]), "ci_low": as_float(row["ci_low"]),
                             "ci_high": as_float(row["ci_high"])}
                            for _, row in icc.sort_values("indicator").iterrows()]
    return Behavior.model_validate(out)
