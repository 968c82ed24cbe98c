"""The sources of the triangulated challenges, read from the metrics, each with its signal (concern / ok).

One function per kind of source (:mod:`~kemuning_eval.report.results.triangulation`
holds the mapping of topics to sources and the rule table of the signals).
Each source names the programmes where it is low, from the programme decision
table's flags (decided once in :mod:`~kemuning_eval.report.results.program_cells`).

Examples
--------
>>> from kemuning_eval.report.results.metrics import empty_metrics
>>> from kemuning_eval.report.results.rules import thresholds
>>> dimensions(Metrics.model_validate(empty_metrics(2026)), ("sarana",), thresholds())
[]
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kemuning_eval.report.results.model import Metrics, Source
from kemuning_eval.report.results.program_cells import flag_at_or_above, flag_below


def low_programs(m: Metrics, cell: str, detail: str | None = None) -> list[str]:
    """The programmes whose decision-table ``cell`` is flagged concern (about ``detail`` when given).

    Examples
    --------
    >>> from kemuning_eval.report.results.metrics import empty_metrics
    >>> low_programs(Metrics.model_validate(empty_metrics(2026)), "gain")
    []
    """
    rows = m.program_table.rows if m.program_table else []
    return [r.program_id for r in rows
            if getattr(r, cell).flag == "concern" and (detail is None or getattr(r, cell).detail == detail)]


def dimensions(m: Metrics, codes: tuple[str, ...], th: Mapping[str, Any]) -> list[Source]:
    """The survey dimensions ``codes``: mean, concern below ``low_dimension_mean``.

    Examples
    --------
    >>> from kemuning_eval.report.results.metrics import empty_metrics
    >>> from kemuning_eval.report.results.rules import thresholds
    >>> dimensions(Metrics.model_validate(empty_metrics(2026)), ("materi",), thresholds())
    []
    """
    if not m.reaction.available or not codes:
        return []
    return [Source(kind="survey_dimension", ref=d.dimension, label=d.label, path=f"reaction.dimensions.{i}.mean",
                   value=d.mean, fmt="num2", signal=flag_below(d.mean, th["low_dimension_mean"]),
                   programs=low_programs(m, "reaction", d.dimension))
            for i, d in enumerate(m.reaction.dimensions) if d.dimension in codes and d.mean is not None]


def items(m: Metrics, themes: tuple[str, ...], th: Mapping[str, Any], book: Any) -> list[Source]:
    """The survey items whose wording carries one of ``themes``: mean (after reverse coding), concern when low.

    Examples
    --------
    >>> from kemuning_eval.report.results.metrics import empty_metrics
    >>> from kemuning_eval.report.results.rules import thresholds
    >>> items(Metrics.model_validate(empty_metrics(2026)), ("materi_usang",), thresholds(), None)
    []
    """
    if not m.reaction.available or book is None or not themes or not m.reaction.items:
        return []
    import pandas as pd

    from kemuning_eval.report.results.suggestions import items_on_theme

    table = pd.DataFrame({"variable": [it.variable for it in m.reaction.items],
                          "label": [it.label or "" for it in m.reaction.items]})
    out = []
    for theme in themes:
        chosen = set(items_on_theme(table, book, theme))
        material = theme == str(th["outdated_material_theme"])
        out.extend(Source(kind="survey_item", ref=it.variable, label=it.label, path=f"reaction.items.{i}.mean",
                          value=it.mean, fmt="num2", signal=flag_below(it.mean, th["low_dimension_mean"]),
                          programs=low_programs(m, "material") if material else [])
                   for i, it in enumerate(m.reaction.items) if it.variable in chosen and it.mean is not None)
    return out


def ikm_elements(m: Metrics, codes: tuple[str, ...], th: Mapping[str, Any]) -> list[Source]:
    """The IKM elements ``codes``: NRR, concern below ``ikm_nrr_min`` (the C/B boundary).

    Examples
    --------
    >>> from kemuning_eval.report.results.metrics import empty_metrics
    >>> from kemuning_eval.report.results.rules import thresholds
    >>> ikm_elements(Metrics.model_validate(empty_metrics(2026)), ("sarana",), thresholds())
    []
    """
    if not m.reaction.available or m.reaction.ikm is None or not codes:
        return []
    return [Source(kind="ikm_element", ref=e.element, label=e.label, path=f"reaction.ikm.elements.{i}.nrr",
                   value=e.nrr, fmt="num2", signal=flag_below(e.nrr, th["ikm_nrr_min"]),
                   programs=low_programs(m, "ikm", e.element))
            for i, e in enumerate(m.reaction.ikm.elements) if e.element in codes and e.nrr is not None]


def themes(m: Metrics, codes: tuple[str, ...], th: Mapping[str, Any], *, signal: bool = True) -> list[Source]:
    """The themes ``codes`` in the interviews and suggestions; with ``signal``, a concern when raised by ``theme_share_min``.

    Examples
    --------
    >>> from kemuning_eval.report.results.metrics import empty_metrics
    >>> from kemuning_eval.report.results.rules import thresholds
    >>> themes(Metrics.model_validate(empty_metrics(2026)), ("materi_usang",), thresholds())
    []
    """
    def judged(share: float | None) -> str | None:
        return "concern" if signal and share is not None and share >= th["theme_share_min"] else None

    out = []
    if m.qualitative.available:
        out.extend(Source(kind="interview_theme", ref=x.theme, label=x.label, path=f"qualitative.themes.{i}.share",
                          value=x.share, fmt="pct1", signal=judged(x.share))
                   for i, x in enumerate(m.qualitative.themes) if x.theme in codes and x.share is not None)
    if m.suggestions is not None:
        out.extend(Source(kind="suggestion_theme", ref=x.theme, label=x.label, path=f"suggestions.themes.{i}.share",
                          value=x.share, fmt="pct1", signal=judged(x.share))
                   for i, x in enumerate(m.suggestions.themes) if x.theme in codes and x.share is not None)
    return out


def measures(m: Metrics, names: tuple[str, ...], th: Mapping[str, Any]) -> list[Source]:
    """The level results ``names`` (learning, behavior, outcome, cost, demand) with their signals.

    An outcome is a concern when its effect is not significant; a significant effect has no signal here
    (whether the change is an improvement depends on the outcome's direction, which is not decided here).

    Examples
    --------
    >>> from kemuning_eval.report.results.metrics import empty_metrics
    >>> from kemuning_eval.report.results.rules import thresholds
    >>> measures(Metrics.model_validate(empty_metrics(2026)), ("learning", "cost", "demand"), thresholds())
    []
    """
    out: list[Source] = []
    for name in names:
        out.extend(_MEASURES[name](m, th))
    return out


def _learning(m: Metrics, th: Mapping[str, Any]) -> list[Source]:
    gain = m.learning.overall.gain_class if m.learning.available else None
    if gain is None:
        return []
    return [Source(kind="learning", ref="gain_class", label=None, path="learning.overall.gain_class", value=gain,
                   fmt="num2", signal=flag_below(gain, th["gain_min"]), programs=low_programs(m, "gain"))]


def _behavior(m: Metrics, th: Mapping[str, Any]) -> list[Source]:
    share = m.behavior.applying.share if m.behavior.available and m.behavior.applying else None
    if share is None:
        return []
    return [Source(kind="behavior", ref="applying", label=None, path="behavior.applying.share", value=share,
                   fmt="pct1", signal=flag_below(share, th["applying_share_min"]), programs=low_programs(m, "applying"))]


def _outcome(m: Metrics, th: Mapping[str, Any]) -> list[Source]:
    if not m.results.available:
        return []
    return [Source(kind="outcome", ref=row.outcome, label=row.label, path=f"results.did.{i}.estimate",
                   value=row.estimate, fmt="num3", signal=None if row.significant else "concern",
                   programs=low_programs(m, "outcome"))
            for i, row in enumerate(m.results.did) if row.estimate is not None]


def _cost(m: Metrics, th: Mapping[str, Any]) -> list[Source]:
    if not m.cost.available or m.cost.bcr is None:
        return []
    return [Source(kind="cost", ref="bcr", label=None, path="cost.bcr", value=m.cost.bcr, fmt="num2",
                   signal=flag_below(m.cost.roi_pct, th["roi_min"]), programs=low_programs(m, "bcr"))]


def _demand(m: Metrics, th: Mapping[str, Any]) -> list[Source]:
    ratio = m.study.demand_ratio
    if ratio is None:
        return []
    return [Source(kind="demand", ref="demand_ratio", label=None, path="study.demand_ratio", value=ratio, fmt="num2",
                   signal=flag_at_or_above(ratio, th["demand_ratio"]), programs=low_programs(m, "demand"))]


_MEASURES = {"learning": _learning, "behavior": _behavior, "outcome": _outcome, "cost": _cost, "demand": _demand}
