"""The year-on-year comparison worded: one sentence and one table row per key indicator, from the stored verdict.

Reads ``findings.year_on_year`` of the typed :class:`~kemuning_eval.report.results.model.Metrics`
(:mod:`kemuning_eval.report.results.year_on_year` decided every verdict); this
module only words it: a significant change with its interval and p-value, a
programme-mix change with the mix note and no significance claim, an
unchanged value once (and never as a figure panel), a change without an
interval with the reason.

Examples
--------
>>> from kemuning_eval.report.results.model import YearOnYear, YearOnYearRow
>>> row = YearOnYearRow(metric="roi_pct", kind="ratio", fmt="num1", previous=2.2, current=3.3, estimate=1.1,
...                     ci_low=None, ci_high=None, p_val=None, method="none", reason="not_sampled", direction=None,
...                     significant=None, rate_component=0.0, mix_component=1.1, mix_share=1.0, mix_dominated=True,
...                     verdict="mix")
>>> yoy = YearOnYear(previous_year=2025, previous_synthetic=True, level=0.95, mix_share_min=0.5, rows=[row])
>>> sentences(yoy, "id")[1].split(". ")[0]
'ROI (%): 2,2 → 3,3 (1,1 poin persen)'
"""

from __future__ import annotations

from typing import Any

from kemuning_eval.i18n import t
from kemuning_eval.numfmt import fmt_ci, fmt_number, fmt_p, fmt_p_expr, fmt_pct
from kemuning_eval.report.content.wording import fmt_value
from kemuning_eval.report.results.model import YearOnYear, YearOnYearRow

#: indicators whose values are percentages (their differences are percentage points): metric -> scale to percent
PERCENT_POINTS = {"applying_share": 100.0, "roi_pct": 1.0}

#: decimals of a difference by the values' format
DECIMALS = {"int": 0, "num1": 1, "num2": 2, "num3": 3, "pct1": 1}


def _diff(value: float | None, row: YearOnYearRow, lang: str) -> str:
    """A difference in the indicator's unit (percentage points for a share or a percentage)."""
    scale = PERCENT_POINTS.get(row.metric)
    if scale is None:
        return fmt_value(value, row.fmt if row.fmt != "pct1" else "num1", lang)
    return t("report.compare.pp", lang, value=fmt_number(None if value is None else value * scale,
                                                           DECIMALS.get(row.fmt, 1), lang))


def _ci(row: YearOnYearRow, lang: str) -> str:
    scale = PERCENT_POINTS.get(row.metric, 1.0)
    low, high = (None if v is None else v * scale for v in (row.ci_low, row.ci_high))
    return fmt_ci(low, high, DECIMALS.get(row.fmt, 2), lang)


def row_sentence(row: YearOnYearRow, previous_year: int, level: float, lang: str) -> str:
    """The sentence of one compared indicator, from its stored verdict.

    Parameters
    ----------
    row : YearOnYearRow
        One row of ``findings.year_on_year``.
    previous_year : int
        The year compared with.
    level : float
        The intervals' confidence level.
    lang : {"id", "en"}
        Report language.

    Returns
    -------
    str

    Examples
    --------
    >>> from kemuning_eval.report.results.model import YearOnYearRow
    >>> row = YearOnYearRow(metric="n_participants", kind="count", fmt="int", previous=600, current=600,
    ...                     estimate=0.0, ci_low=None, ci_high=None, p_val=None, method="none", reason="census",
    ...                     direction=None, significant=None, rate_component=None, mix_component=None,
    ...                     mix_share=None, mix_dominated=False, verdict="unchanged")
    >>> row_sentence(row, 2025, 0.95, "id")
    'Jumlah peserta sama dengan tahun 2025: 600.'
    """
    values = {"metric": t(f"report.metric.{row.metric}", lang), "previous_year": previous_year,
              "previous": fmt_value(row.previous, row.fmt, lang), "current": fmt_value(row.current, row.fmt, lang),
              "change": _diff(row.estimate, row, lang), "ci": _ci(row, lang), "p": fmt_p_expr(row.p_val, lang),
              "level": fmt_pct(level, 0, lang), "share": fmt_pct(row.mix_share, 0, lang)}
    if row.verdict == "not_tested":
        reason = row.reason if row.reason in ("census", "not_sampled", "no_basis") else "other"
        values["why"] = t(f"report.compare.why.{reason}", lang)
    return t(f"report.compare.verdict.{row.verdict}", lang, **values)


def sentences(yoy: YearOnYear, lang: str) -> list[str]:
    """The introduction and one sentence per compared indicator.

    Parameters
    ----------
    yoy : YearOnYear
        ``findings.year_on_year``.
    lang : {"id", "en"}
        Report language.

    Returns
    -------
    list of str

    Examples
    --------
    >>> from kemuning_eval.report.results.model import YearOnYear
    >>> sentences(YearOnYear(previous_year=2025, previous_synthetic=True, level=0.95, mix_share_min=0.5,
    ...                      rows=[]), "en")[0][:40]
    'Compared with 2025 (synthetic data), eve'
    """
    note = t("report.compare.note.synthetic", lang) if yoy.previous_synthetic else ""
    intro = t("report.compare.intro", lang, previous=yoy.previous_year, note=note, level=fmt_pct(yoy.level, 0, lang))
    return [intro, *(row_sentence(r, yoy.previous_year, yoy.level, lang) for r in yoy.rows)]


def table_rows(yoy: YearOnYear, lang: str) -> tuple[list[dict], list[tuple[str, str, Any]]]:
    """The comparison table: rows of display text and the columns for :meth:`Report._table`.

    Parameters
    ----------
    yoy : YearOnYear
        ``findings.year_on_year``.
    lang : {"id", "en"}
        Report language.

    Returns
    -------
    (list of dict, list of tuple)
        Rows (indicator, previous, current, difference, CI, p, mix share,
        reading) and the ``(key, column key, format)`` triples.

    Examples
    --------
    >>> from kemuning_eval.report.results.model import YearOnYear
    >>> table_rows(YearOnYear(previous_year=2025, previous_synthetic=False, level=0.95, mix_share_min=0.5,
    ...                       rows=[]), "en")[0]
    []
    """
    rows = [{"metric": t(f"report.metric.{r.metric}", lang), "previous": fmt_value(r.previous, r.fmt, lang),
             "current": fmt_value(r.current, r.fmt, lang), "change": _diff(r.estimate, r, lang),
             "ci": _ci(r, lang) if r.ci_low is not None else None,
             "p": fmt_p(r.p_val, lang) if r.p_val is not None else None,
             "mix": fmt_pct(r.mix_share, 0, lang) if r.mix_share is not None else None,
             "verdict": t(f"report.compare.verdict_label.{r.verdict}", lang)} for r in yoy.rows]
    columns = [("metric", "yoy_metric", None), ("previous", "yoy_previous", None), ("current", "yoy_current", None),
               ("change", "yoy_change", None), ("ci", "yoy_ci", None), ("p", "yoy_p", None), ("mix", "yoy_mix", None),
               ("verdict", "yoy_verdict", None)]
    return rows, columns


def figure_metrics(yoy: YearOnYear | None) -> set[str] | None:
    """The indicators that get a figure panel: every compared one except an unchanged value (None: no filter).

    Examples
    --------
    >>> print(figure_metrics(None))
    None
    """
    if yoy is None:
        return None
    return {r.metric for r in yoy.rows if r.verdict != "unchanged"}
