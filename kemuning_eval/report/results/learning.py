"""Level 2 of the results: the knowledge tests before and after training (:mod:`kemuning_eval.stats.learning`).

Examples
--------
>>> learning({}, Context()).reason
'no_data'
"""

from __future__ import annotations

from typing import Any

from kemuning_eval.config import (
    DEFAULT_PASS_MARK,
)
from kemuning_eval.report.results.availability import not_measured
from kemuning_eval.report.results.common import (
    Context,
    as_count,
    as_float,
    change_fields,
    text_or_none,
)
from kemuning_eval.report.results.model import (
    Learning,
    Unavailable,
)


def learning(tables: dict, ctx: Context, *, pass_mark: float = DEFAULT_PASS_MARK) -> Learning | Unavailable:
    """Level 2: paired change, Wilcoxon, d_z/g_z, Hake gain, pass rates (stats.learning).

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The processed tables in scope (``tests`` with ``pre`` and ``post``
        is needed; ``programs`` gives pass marks).
    ctx : Context
        Language, privacy, significance level, programme names.
    pass_mark : float, default 70.0
        Pass mark of programmes without their own.

    Returns
    -------
    Learning or Unavailable
        ``available``, ``overall`` (the paired change of all participants)
        and ``by_program``; or :func:`~kemuning_eval.report.results.availability.not_measured`.

    Examples
    --------
    >>> import pandas as pd
    >>> tests = pd.DataFrame({"program_id": ["A"] * 6, "participant_id": list("abcdef"),
    ...                       "pre": [50, 55, 60, 45, 70, 65], "post": [60, 70, 66, 58, 75, 80]})
    >>> o = learning({"tests": tests}, Context()).overall
    >>> o.n, o.pre_mean, round(o.post_mean, 2), round(o.estimate, 2), o.direction
    (6, 57.5, 68.17, 10.67, 'increase')
    """
    tests = tables.get("tests")
    if tests is None or tests.dropna(subset=["pre", "post"]).empty:
        return not_measured("no_data", "tests")
    from kemuning_eval.stats.learning import learning_summary

    programs = tables.get("programs")
    overall = learning_summary(tests, programs, by=None, min_n=ctx.min_n, pass_mark=pass_mark)
    byp = learning_summary(tests, programs, by="program_id", min_n=ctx.min_n, pass_mark=pass_mark)

    def entry(row: Any) -> dict:
        change = change_fields(row, ctx)
        return {"n": as_count(row["n"]), "pre_mean": as_float(row["pre_mean"]), "post_mean": as_float(row["post_mean"]),
                **change, "t": as_float(row["t"]), "w_stat": as_float(row["w_stat"]), "w_p": as_float(row["w_p"]),
                "w_method": text_or_none(row.get("w_method")), "rank_biserial": as_float(row["rank_biserial"]),
                "dz": as_float(row["dz"]), "dz_ci_low": as_float(row["dz_ci_low"]), "dz_ci_high": as_float(row["dz_ci_high"]),
                "gz": as_float(row["gz"]), "effect_band": text_or_none(row.get("effect_band")),
                "gain_class": as_float(row["gain_class"]), "gain_individual": as_float(row["gain_individual"]),
                "gain_band": text_or_none(row.get("gain_band")),
                "pass_pre": as_float(row["pass_pre"]), "pass_post": as_float(row["pass_post"]),
                "suppressed": bool(row.get("suppressed", False))}

    rows = []
    for _, row in byp.sort_values("program_id").iterrows():
        e = entry(row)
        rows.append({"program_id": row["program_id"], "name": ctx.programs.get(row["program_id"], row["program_id"]),
                     "n": e["n"], "pre_mean": e["pre_mean"], "post_mean": e["post_mean"], "estimate": e["estimate"],
                     "ci_low": e["ci_low"], "ci_high": e["ci_high"], "p_val": e["p_val"],
                     "p_holm": as_float(row.get("p_holm")), "dz": e["dz"], "gain_class": e["gain_class"],
                     "significant": e["significant"], "suppressed": e["suppressed"]})
    return Learning.model_validate({"available": True, "overall": entry(overall.iloc[0]), "by_program": rows})
