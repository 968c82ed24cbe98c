"""The cost section's ROI per programme, sensitivity range, payback and demand, worded from the typed model.

Everything here reads the :class:`~kemuning_eval.report.results.model.Metrics`
attributes (``self.model``) and words decisions the results layer stored
(:mod:`kemuning_eval.report.results.economics`): the BCR band (``impas``), the
low-ROI flag, the payback reason and the budget rule.  Nothing is decided
here.  The methods are mixed into :class:`kemuning_eval.report.content.render.Report`.

Examples
--------
>>> from kemuning_eval.report.results.model import RoiRow
>>> row = RoiRow(program_id="KP", name="Kepemimpinan", n_benefits=2, benefits=80.0, costs=100.0, bcr=0.8,
...              roi_pct=-20.0, bcr_low=0.5, bcr_high=1.15, roi_pct_low=-50.0, roi_pct_high=15.0,
...              bcr_band="below", low_roi=True, payback_months=None,
...              payback_reason="benefits_not_above_costs", reason=None)
>>> roi_row_cells(row, "id")["payback"], roi_row_cells(row, "id")["range"]
('tidak kembali dalam setahun', '0,50–1,15')
"""

from __future__ import annotations

from typing import Any

from kemuning_eval.i18n import t
from kemuning_eval.numfmt import fmt_number, fmt_pct, fmt_rupiah
from kemuning_eval.report.content.htmlsafe import Html, join, p
from kemuning_eval.report.results.model import Challenge, DemandRow, Evidence, Metrics, RoiRow


def roi_row_cells(row: RoiRow, lang: str) -> dict[str, Any]:
    """One ROI row as the table shows it: numbers kept for formatting, range, band and payback as text.

    Parameters
    ----------
    row : RoiRow
        A programme's (or the pooled) ROI.
    lang : {"id", "en"}
        Report language.

    Returns
    -------
    dict
        ``name``, ``costs``, ``benefits``, ``bcr``, ``roi`` (a share), ``range``, ``band``, ``payback``.

    Examples
    --------
    >>> from kemuning_eval.report.results.model import RoiRow
    >>> row = RoiRow(program_id=None, name=None, n_benefits=3, benefits=103.0, costs=100.0, bcr=1.03,
    ...              roi_pct=3.0, bcr_low=0.66, bcr_high=1.49, roi_pct_low=-34.0, roi_pct_high=49.0,
    ...              bcr_band="breakeven", low_roi=False, payback_months=11.6, payback_reason=None, reason=None)
    >>> cells = roi_row_cells(row, "id")
    >>> cells["name"], cells["band"], cells["payback"], cells["roi"]
    ('Semua program', 'impas', '11,6', 0.03)
    """
    no_range = row.bcr_low is None or row.bcr_high is None
    if row.reason is not None:
        band = t(f"report.econ.reason.{row.reason}", lang)
    else:
        band = t(f"report.econ.band.{row.bcr_band}", lang) if row.bcr_band else None
    if row.payback_months is not None:
        payback = fmt_number(row.payback_months, 1, lang)
    else:
        payback = t(f"report.econ.payback.{row.payback_reason or 'no_roi'}", lang)
    return {
        "name": row.name or row.program_id or t("report.econ.all_programs", lang),
        "costs": row.costs, "benefits": row.benefits, "bcr": row.bcr,
        "roi": None if row.roi_pct is None else row.roi_pct / 100.0,
        "range": None if no_range else f"{fmt_number(row.bcr_low, 2, lang)}–{fmt_number(row.bcr_high, 2, lang)}",
        "band": band, "payback": payback,
    }


def demand_row_cells(row: DemandRow, lang: str) -> dict[str, Any]:
    """One demand row as the table shows it (the total row named "all programmes").

    Examples
    --------
    >>> from kemuning_eval.report.results.model import DemandRow
    >>> fields = dict.fromkeys(DemandRow.model_fields)
    >>> demand_row_cells(DemandRow(**{**fields, "applicants": 30}), "en")["name"]
    'All programmes'
    """
    cells = row.model_dump()
    cells["name"] = row.name or row.program_id or t("report.econ.all_programs", lang)
    return cells


def _pooled_text(model: Metrics, lang: str) -> list[str]:
    roi = model.cost.roi if model.cost.available else None
    pooled = roi.pooled if roi else None
    if pooled is None or pooled.bcr is None:
        return []
    out = [t("report.econ.pooled", lang, bcr=fmt_number(pooled.bcr, 2, lang),
             band=t(f"report.econ.band.{pooled.bcr_band}", lang), share=fmt_pct(roi.sensitivity_share, 1, lang),
             low=fmt_number(pooled.bcr_low, 2, lang), high=fmt_number(pooled.bcr_high, 2, lang))]
    if pooled.bcr_band == "breakeven":
        out.append(t("report.econ.pooled_breakeven", lang, bcr=fmt_number(pooled.bcr, 2, lang),
                     halfwidth=fmt_number(roi.breakeven_halfwidth, 2, lang)))
    return out


def _programme_text(model: Metrics, lang: str) -> list[str]:
    roi = model.cost.roi if model.cost.available else None
    if roi is None:
        return []
    out = []
    below = [t("report.econ.below_item", lang, program=r.name or r.program_id, bcr=fmt_number(r.bcr, 2, lang))
             for r in roi.by_program if r.bcr_band == "below"]
    if below:
        out.append(t("report.econ.below_programs", lang, items=", ".join(below)))
    missing = [r.name or r.program_id or "" for r in roi.by_program if r.reason is not None]
    if missing:
        out.append(t("report.econ.no_roi", lang, items=", ".join(missing)))
    if any(r.payback_reason == "benefits_not_above_costs" for r in [*roi.by_program, roi.pooled] if r):
        out.append(t("report.econ.no_payback", lang))
    return out


def demand_text(model: Metrics, lang: str) -> list[str]:
    """Applicants not admitted, unused seats, the cost of serving all, and the budget rule's verdict.

    Parameters
    ----------
    model : Metrics
        The typed results (``study.demand`` is read).
    lang : {"id", "en"}
        Report language.

    Returns
    -------
    list of str
        Empty without demand figures.

    Examples
    --------
    >>> from kemuning_eval.report.results.metrics import empty_metrics
    >>> from kemuning_eval.report.results.model import Metrics
    >>> demand_text(Metrics.model_validate(empty_metrics(2026)), "id")
    []
    """
    demand = model.study.demand
    total = demand.total if demand else None
    if total is None or total.not_admitted is None:
        return []
    admitted = (t("report.econ.demand.not_admitted", lang, n=fmt_number(total.not_admitted, 0, lang))
                if total.not_admitted else t("report.econ.demand.all_admitted", lang))
    seats = (t("report.econ.demand.unused", lang, n=fmt_number(total.unused_seats, 0, lang))
             if total.unused_seats else t("report.econ.demand.all_seats", lang))
    out = [t("report.econ.demand", lang, applicants=fmt_number(total.applicants, 0, lang), admitted=admitted,
             seats=seats)]
    if total.not_admitted and total.cost_all_applicants is not None:
        out.append(t("report.econ.demand.cost_all", lang, cost_all=fmt_rupiah(total.cost_all_applicants, lang)))
    limited = [r.name or r.program_id or "" for r in demand.by_program if r.budget_limited]
    if limited or total.budget_limited:
        out.append(t("report.econ.budget_binding", lang,
                     programs=", ".join(limited) or t("report.econ.all_programs", lang)))
    elif any(r.demand_exceeds_seats for r in [*demand.by_program, total]):
        out.append(t("report.econ.budget_not_binding", lang))
    return out


def _values(ch: Challenge, lang: str) -> list[tuple[Evidence, str]]:
    from kemuning_eval.report.content.wording import fmt_value

    return [(ev, fmt_value(ev.value, ev.fmt, lang)) for ev in ch.evidence]


def low_roi_text(ch: Challenge, lang: str) -> str:
    """The low-ROI challenge naming each programme (and the pooled ROI) below the threshold.

    Examples
    --------
    >>> ch = Challenge.model_validate({"id": "low_roi", "text": {"programs": "KP"}, "evidence": [
    ...     {"name": "roi", "path": "cost.roi.by_program.0.roi_pct", "value": -20.0, "fmt": "num1", "program": "KP"}]})
    >>> low_roi_text(ch, "id")
    'Manfaat moneter belum menutup biaya pada KP (ROI -20,0%).'
    """
    items = [t("report.econ.challenge.low_roi_item", lang, program=ev.program, roi=value)
             if ev.program else t("report.econ.challenge.low_roi_pooled", lang, roi=value)
             for ev, value in _values(ch, lang)]
    return t("report.econ.challenge.low_roi", lang, items=", ".join(items))


def demand_challenge_text(ch: Challenge, lang: str) -> str:
    """The budget challenge naming each programme where demand exceeds seats and the budget binds.

    Examples
    --------
    >>> ch = Challenge.model_validate({"id": "unmet_demand", "text": {}, "evidence": [
    ...     {"name": "ratio", "path": "study.demand.by_program.0.applicants_per_seat", "value": 1.5,
    ...      "fmt": "num2", "program": "KP"},
    ...     {"name": "fill", "path": "study.demand.by_program.0.seat_fill", "value": 1.0, "fmt": "pct1",
    ...      "program": "KP"}]})
    >>> demand_challenge_text(ch, "en")  # doctest: +NORMALIZE_WHITESPACE
    'The budget caps attendance: applicants outnumber the seats and the seats are full or the interviews
    name funding as the limit (KP: 1.50 applicants per seat, seats filled 100.0%).'
    """
    parts: dict[str, list[str]] = {}
    for ev, value in _values(ch, lang):
        who = ev.program or t("report.econ.all_programs", lang)
        parts.setdefault(who, []).append(t(f"report.econ.evidence.{ev.name}", lang, value=value))
    items = [t("report.econ.challenge.demand_item", lang, program=who, parts=", ".join(texts))
             for who, texts in parts.items()]
    return t("report.econ.challenge.unmet_demand", lang, items="; ".join(items))


class EconomicsTables:
    """Report methods of the cost section: ROI per programme with its range, and demand against seats.

    Needs the report's ``model`` (typed :class:`Metrics`), ``lang`` and ``_table``
    (see :class:`kemuning_eval.report.content.render.Report`).

    Examples
    --------
    >>> from kemuning_eval.report.content.render import Report
    >>> from kemuning_eval.report.results.metrics import empty_metrics
    >>> rep = Report(empty_metrics(2026, report_date="2026-12-15"), "id")
    >>> [str(x) for x in (rep.economics(), rep.roi_table(), rep.demand_table())]
    ['', '', '']
    """

    model: Metrics | None
    lang: str
    _heading: Any  # the report's numbered heading of a sections.SECTIONS entry

    def economics(self) -> Html:
        """The sentences on the pooled BCR and its range, the programmes below cost, and demand."""
        if self.model is None or not self.model.cost.available:  # the section says costs were not collected
            return Html("")
        texts = [*_pooled_text(self.model, self.lang), *_programme_text(self.model, self.lang),
                 *demand_text(self.model, self.lang)]
        return join([self._heading("economics"), *(p(x) for x in texts)])

    def roi_table(self) -> Html:
        """Benefits, costs, BCR, ROI, sensitivity range, break-even reading and payback per programme and pooled."""
        roi = self.model.cost.roi if self.model is not None and self.model.cost.available else None
        if roi is None:
            return Html("")
        rows = [roi_row_cells(r, self.lang) for r in [*roi.by_program, roi.pooled] if r is not None]
        return self._table(rows, [
            ("name", "name", None), ("costs", "cost", "rupiah"), ("benefits", "benefits", "rupiah"),
            ("bcr", "bcr", "num2"), ("roi", "roi", "pct1"), ("range", "bcr_range", None),
            ("band", "bcr_band", None), ("payback", "payback", None)], "report.econ.roi_caption", "cost.roi")

    def demand_table(self) -> Html:
        """Applicants, seats, participants, applicants not admitted, unused seats and the cost of serving all."""
        demand = self.model.study.demand if self.model is not None and self.model.cost.available else None
        if demand is None:
            return Html("")
        rows = [demand_row_cells(r, self.lang) for r in [*demand.by_program, demand.total] if r is not None]
        return self._table(rows, [
            ("name", "name", None), ("applicants", "applicants", "int"), ("capacity", "capacity", "int"),
            ("participants", "participants", "int"), ("not_admitted", "not_admitted", "int"),
            ("unused_seats", "unused_seats", "int"), ("cost_per_participant", "cost_per_participant", "rupiah"),
            ("cost_all_applicants", "cost_all_applicants", "rupiah")], "report.econ.demand_caption", "study.demand")
