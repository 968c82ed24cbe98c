"""The cells of the programme decision table, one function per measure, each computed once for every programme.

Every function returns ``{program_id: ProgramCell}``; ``None`` when the
measure was not taken this year (the table shows "not measured"), or one
:class:`~kemuning_eval.report.results.model.ProgramCell` that holds for every
programme (Level 4 without per-programme estimates).  The flags are decided
here on the unrounded values (:func:`flag_below`, :func:`flag_at_or_above`)
against the thresholds of ``report.rules``; groups below the privacy size come
back suppressed from the statistics and are marked ``suppressed_small_group``.

Examples
--------
>>> flag_below(0.21, 0.30), flag_below(0.35, 0.30), flag_below(None, 0.30)
('concern', 'ok', None)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kemuning_eval.report.results.common import (
    Context,
    as_count,
    as_float,
    as_number,
    has_rows,
    text_or_none,
)
from kemuning_eval.report.results.model import Metrics, ProgramCell

SUPPRESSED = ProgramCell(value=None, reason="suppressed_small_group")
NOT_MEASURED = ProgramCell(value=None, reason="not_measured")
NO_DATA = ProgramCell(value=None, reason="no_data")
NOT_PER_PROGRAM = ProgramCell(value=None, reason="not_per_program")

Cells = dict[str, ProgramCell]


def flag_below(value: float | None, threshold: float) -> str | None:
    """``"concern"`` when ``value`` is below ``threshold``, ``"ok"`` otherwise, ``None`` without a value.

    Examples
    --------
    >>> flag_below(3.40, 3.41), flag_below(3.41, 3.41)
    ('concern', 'ok')
    """
    if value is None:
        return None
    return "concern" if value < threshold else "ok"


def flag_at_or_above(value: float | None, threshold: float) -> str | None:
    """``"concern"`` when ``value`` reaches ``threshold`` (demand per seat), ``"ok"`` below, ``None`` without one.

    Examples
    --------
    >>> flag_at_or_above(1.2, 1.2), flag_at_or_above(0.9, 1.2), flag_at_or_above(None, 1.2)
    ('concern', 'ok', None)
    """
    if value is None:
        return None
    return "concern" if value >= threshold else "ok"


def demand(tables: dict, th: Mapping[str, Any]) -> Cells | None:
    """Applicants per seat (stats.cost.demand_coverage), concern at or above ``demand_ratio``.

    Examples
    --------
    >>> import pandas as pd
    >>> programs = pd.DataFrame({"program_id": ["A", "B"], "applicants": [30, 10], "capacity": [20, 20]})
    >>> {k: (c.value, c.flag) for k, c in demand({"programs": programs}, {"demand_ratio": 1.2}).items()}
    {'A': (1.5, 'concern'), 'B': (0.5, 'ok')}
    """
    programs = tables.get("programs")
    if not has_rows(tables, "programs") or not {"applicants", "capacity"} <= set(programs.columns):
        return None
    from kemuning_eval.stats.cost import demand_coverage

    cov = demand_coverage(programs, total=False)
    if not cov["applicants_per_seat"].notna().any():
        return None
    out = {}
    for _, row in cov.iterrows():
        ratio = as_float(row["applicants_per_seat"])
        out[str(row["program_id"])] = ProgramCell(value=ratio, n=as_count(row["applicants"]),
                                                  flag=flag_at_or_above(ratio, th["demand_ratio"]))
    return out


def _suppressed(row: Any) -> bool:
    return bool(row.get("suppressed", False))


def reaction(tables: dict, ctx: Context, th: Mapping[str, Any]) -> dict[str, Cells | None]:
    """``reaction`` (mean of the dimension means, flagged on the weakest) and ``material`` (outdated-material items).

    Examples
    --------
    >>> reaction({}, Context(), {})
    {'reaction': None, 'material': None}
    """
    if not has_rows(tables, "reaction") or not has_rows(tables, "items") or "program_id" not in tables["reaction"]:
        return {"reaction": None, "material": None}
    from kemuning_eval.report.results.reaction import survey_likert_items
    from kemuning_eval.stats.likert import summarize_dimensions

    data = tables["reaction"]
    items = survey_likert_items(data, tables["items"])
    if items.empty:
        return {"reaction": None, "material": None}
    dims = summarize_dimensions(data, items, by="program_id", cutoffs=ctx.cutoffs, min_n=ctx.min_n)
    out: Cells = {}
    for pid, group in dims.groupby("program_id", sort=True):
        valid = group[~group["suppressed"].astype(bool) & group["estimate"].notna()]
        if valid.empty:
            out[str(pid)] = SUPPRESSED if group["suppressed"].astype(bool).any() else NO_DATA
            continue
        weakest = valid.sort_values(["estimate", "dimension"]).iloc[0]
        low = as_float(weakest["estimate"])
        out[str(pid)] = ProgramCell(value=as_float(valid["estimate"].mean()), n=as_count(valid["n"].max()),
                                    basis=low, detail=str(weakest["dimension"]),
                                    flag=flag_below(low, th["low_dimension_mean"]))
    return {"reaction": out, "material": _material(data, items, ctx, th)}


def _material(data: Any, items: Any, ctx: Context, th: Mapping[str, Any]) -> Cells | None:
    """Mean of the survey items whose wording carries the outdated-material theme, per programme."""
    from kemuning_eval.report.results.suggestions import items_on_theme, theme_book
    from kemuning_eval.stats.likert import summarize_items

    columns = items_on_theme(items, theme_book(ctx), str(th["outdated_material_theme"]))
    if not columns:
        return None
    res = summarize_items(data, items, columns=columns, by="program_id", min_n=ctx.min_n)
    out: Cells = {}
    for pid, group in res.groupby("program_id", sort=True):
        valid = group[~group["suppressed"].astype(bool) & group["estimate"].notna()]
        if valid.empty:
            out[str(pid)] = SUPPRESSED
            continue
        mean = as_float(valid["estimate"].mean())
        out[str(pid)] = ProgramCell(value=mean, n=as_count(valid["n"].max()), detail=";".join(columns),
                                    flag=flag_below(mean, th["low_dimension_mean"]))
    return out


def learning(m: Metrics) -> Cells | None:
    """The mean change of test scores (points) with its paired-t 95 % CI, from ``learning.by_program``.

    Examples
    --------
    >>> from kemuning_eval.report.results.metrics import empty_metrics
    >>> learning(Metrics.model_validate(empty_metrics(2026))) is None
    True
    """
    if not m.learning.available:
        return None
    return {r.program_id: SUPPRESSED if r.suppressed else
            ProgramCell(value=r.estimate, ci_low=r.ci_low, ci_high=r.ci_high, n=r.n)
            for r in m.learning.by_program}


def gain(m: Metrics, th: Mapping[str, Any]) -> Cells | None:
    """Hake's class-average gain from ``learning.by_program``, concern below ``gain_min``.

    Examples
    --------
    >>> from kemuning_eval.report.results.metrics import empty_metrics
    >>> gain(Metrics.model_validate(empty_metrics(2026)), {}) is None
    True
    """
    if not m.learning.available:
        return None
    return {r.program_id: SUPPRESSED if r.suppressed else
            ProgramCell(value=r.gain_class, n=r.n, flag=flag_below(r.gain_class, th["gain_min"]))
            for r in m.learning.by_program}


def applying(m: Metrics, th: Mapping[str, Any]) -> Cells | None:
    """The share applying at work (Wilson CI) from ``behavior.applying_by_program``, concern below the minimum.

    Examples
    --------
    >>> from kemuning_eval.report.results.metrics import empty_metrics
    >>> applying(Metrics.model_validate(empty_metrics(2026)), {}) is None
    True
    """
    if not m.behavior.available or m.behavior.applying_by_program is None:
        return None
    return {r.program_id: SUPPRESSED if r.suppressed else
            ProgramCell(value=r.share, ci_low=r.ci_low, ci_high=r.ci_high, n=r.n,
                        flag=flag_below(r.share, th["applying_share_min"]))
            for r in m.behavior.applying_by_program}


def outcome(m: Metrics, th: Mapping[str, Any]) -> Cells | ProgramCell | None:
    """Level 4 per programme from ``results.effects`` (Holm across outcomes within the programme).

    The cell shows the programme's first outcome that improved, else its first
    outcome with an estimate (its detail names the outcome), flagged ``concern``
    when no outcome of the programme improved.  Without per-programme effects
    the pooled DiD has no per-programme value (``not_per_program``).

    Examples
    --------
    >>> from kemuning_eval.report.results.metrics import empty_metrics
    >>> outcome(Metrics.model_validate(empty_metrics(2026)), {}) is None
    True
    """
    if not m.results.available:
        return None
    rows = [r for r in (m.results.effects or []) if r.program_id is not None and r.estimate is not None]
    if not rows:
        return NOT_PER_PROGRAM
    out: Cells = {}
    for pid in sorted({r.program_id for r in rows}):
        mine = [r for r in rows if r.program_id == pid]
        improved = [r for r in mine if r.verdict == "improved"]
        r = (improved or mine)[0]
        out[str(pid)] = ProgramCell(value=r.estimate, ci_low=r.ci_low, ci_high=r.ci_high, detail=r.outcome,
                                    flag="ok" if improved else "concern")
    return out


def cost_per_participant(m: Metrics) -> Cells | None:
    """Rupiah per participant from ``cost.by_program`` (no flag: no threshold).

    Examples
    --------
    >>> from kemuning_eval.report.results.metrics import empty_metrics
    >>> cost_per_participant(Metrics.model_validate(empty_metrics(2026))) is None
    True
    """
    if not m.cost.available:
        return None
    return {r.program_id: ProgramCell(value=as_number(r.cost_per_participant), n=r.participants)
            for r in m.cost.by_program}


def bcr(tables: dict, th: Mapping[str, Any]) -> Cells | None:
    """BCR per programme with monetised benefits (stats.roi.roi_by_program), concern when ROI % < ``roi_min``.

    Examples
    --------
    >>> import pandas as pd
    >>> benefits = pd.DataFrame({"program_id": ["A"], "benefit": ["x"], "annual_value": [80.0],
    ...                          "attribution": [1.0], "confidence": [1.0]})
    >>> programs = pd.DataFrame({"program_id": ["A"], "cost": [100.0]})
    >>> c = bcr({"benefits": benefits, "programs": programs}, {"roi_min": 0.0})["A"]
    >>> round(c.value, 2), round(c.basis, 1), c.flag
    (0.8, -20.0, 'concern')
    """
    if not has_rows(tables, "benefits") or not has_rows(tables, "programs") or "cost" not in tables["programs"]:
        return None
    from kemuning_eval.stats.roi import roi_by_program

    programs = tables["programs"][tables["programs"]["cost"].notna()]
    if programs.empty:
        return None
    roi = roi_by_program(tables["benefits"], programs, total=False)
    return {str(row["program_id"]): ProgramCell(value=as_float(row["bcr"]), basis=as_float(row["roi_pct"]),
                                                flag=flag_below(as_float(row["roi_pct"]), th["roi_min"]))
            for _, row in roi.iterrows()}


def ikm(tables: dict, ctx: Context, th: Mapping[str, Any]) -> tuple[Cells | None, dict[str, str]]:
    """The IKM index per programme (stats.ikm) and its grade; concern when the weakest element's NRR < ``ikm_nrr_min``.

    Examples
    --------
    >>> ikm({}, Context(), {})
    (None, {})
    """
    if not has_rows(tables, "reaction") or not has_rows(tables, "items") or "program_id" not in tables["reaction"]:
        return None, {}
    from kemuning_eval.report.results.reaction import ikm_missing_elements
    from kemuning_eval.stats.ikm import ikm_elements, ikm_index

    data, items = tables["reaction"], tables["items"]
    items = items[items["instrument"] == "reaction"] if "instrument" in items else items
    if "ikm_element" not in items or not items["ikm_element"].notna().any() or ikm_missing_elements(data, items):
        return None, {}
    index = ikm_index(data, items, by="program_id", min_n=ctx.min_n)
    elements = ikm_elements(data, items, by="program_id", min_n=ctx.min_n)
    weakest = elements[~elements["suppressed"].astype(bool) & elements["nrr"].notna()].sort_values(
        ["program_id", "nrr", "element"]).drop_duplicates("program_id").set_index("program_id")
    cells: Cells = {}
    grades: dict[str, str] = {}
    for _, row in index.iterrows():
        pid = str(row["program_id"])
        if _suppressed(row) or pid not in weakest.index:
            cells[pid] = SUPPRESSED
            continue
        low = as_float(weakest.loc[pid, "nrr"])
        cells[pid] = ProgramCell(value=as_float(row["estimate"]), n=as_count(row["n"]), basis=low,
                                 detail=text_or_none(weakest.loc[pid, "element"]),
                                 flag=flag_below(low, th["ikm_nrr_min"]))
        grade = text_or_none(row.get("grade"))
        if grade:
            grades[pid] = grade
    return cells, grades
