"""The service tables of the report: the IKM as PermenPANRB 14/2017 lays it out, the RTL matrix, the facilitators.

:class:`ServiceTables` gives :class:`~kemuning_eval.report.content.render.Report`
three methods that read the typed results (``self.model``) and decide
nothing: :meth:`~ServiceTables.ikm_tables` (per element NRR, weighted NRR,
converted value and grade, the IKM, the elements below B, survey period,
respondent profile, IKM per programme), :meth:`~ServiceTables.follow_up_matrix`
(the rencana tindak lanjut of the elements below B) and
:meth:`~ServiceTables.facilitator_table` (one row per pseudonymous
facilitator code).  Texts are in ``catalogue/report_service_tables.yaml`` and
``catalogue/report_follow_up.yaml``; every cell is escaped by
:func:`~kemuning_eval.report.content.tables.html_table`.

Examples
--------
>>> from kemuning_eval.report.content.render import Report
>>> from kemuning_eval.report.results.metrics import empty_metrics
>>> rep = Report(empty_metrics(2026, report_date="2026-12-15"), "id")
>>> [str(x) for x in (rep.ikm_tables(), rep.follow_up_matrix(), rep.facilitator_table())]
['', '', '']
"""

from __future__ import annotations

from typing import Any

from kemuning_eval.i18n import t
from kemuning_eval.report.content import wording
from kemuning_eval.report.content.htmlsafe import Html, join, p
from kemuning_eval.report.content.labels import aspect_label, label
from kemuning_eval.report.content.reading import min_group_size
from kemuning_eval.report.content.source_lines import TABLE_KINDS
from kemuning_eval.report.content.tables import html_table
from kemuning_eval.stats.sampling import PPPK_PREFIX


def profile_value(value: str, lang: str) -> str:
    """A profile category as the reader sees it: a PPPK grade labelled, anything else as stored.

    Examples
    --------
    >>> profile_value("PPPK IX", "id"), profile_value("III/a", "id"), profile_value("PPPK X", "en")
    ('PPPK golongan IX', 'III/a', 'PPPK grade X')
    """
    if value.startswith(PPPK_PREFIX):
        return t("report.service.pppk_grade", lang, value=value[len(PPPK_PREFIX):])
    return value


def element_rows(report: Any, lang: str) -> list[dict]:
    """The rows of the IKM element table: one per element in the regulation's order, then the IKM.

    Parameters
    ----------
    report : IkmReport
        ``reaction.ikm_report`` of the typed results.
    lang : {"id", "en"}
        Report language.

    Returns
    -------
    list of dict
        ``label``, ``n``, ``nrr``, ``nrr_weighted``, ``converted``, ``grade``, ``quality``.

    Examples
    --------
    >>> import pandas as pd
    >>> from kemuning_eval.report.results.common import Context
    >>> from kemuning_eval.report.results.ikm_report import ikm_report
    >>> from kemuning_eval.report.results.model import IkmReport
    >>> from kemuning_eval.stats.ikm import ELEMENTS
    >>> data = pd.DataFrame({e: [3.0, 3.0, 2.0, 3.0, 3.0] for e in ELEMENTS})
    >>> items = pd.DataFrame({"variable": list(ELEMENTS), "ikm_element": list(ELEMENTS)})
    >>> report = IkmReport.model_validate(ikm_report({"reaction": data, "items": items}, Context(year=2026)))
    >>> rows = element_rows(report, "id")
    >>> rows[0]["label"], rows[0]["grade"], rows[0]["quality"], rows[-1]["label"]
    ('Persyaratan', 'C', 'Kurang Baik', 'IKM (jumlah NRR tertimbang)')
    """
    rows = [{"label": label("ikm_element", e.element, lang), "n": e.n, "nrr": e.nrr, "nrr_weighted": e.nrr_weighted,
             "converted": e.converted, "grade": e.grade, "quality": label("ikm", e.category, lang)}
            for e in report.elements]
    rows.append({"label": t("report.service.ikm_total", lang), "n": report.n, "nrr": None,
                 "nrr_weighted": report.index, "converted": report.converted, "grade": report.grade,
                 "quality": label("ikm", report.category, lang)})
    return rows


def follow_up_rows(report: Any, lang: str) -> list[dict]:
    """The rows of the RTL matrix, in the plan's order (lowest NRR first).

    The action and the unit responsible are the configured texts
    (``report.follow_up``) when given, else the catalogue's defaults.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> from kemuning_eval.report.results.model import FollowUpRow
    >>> plan = [FollowUpRow(element="persyaratan", rank=1, nrr=2.8, converted=70.0, grade="C", priority="high",
    ...                     action=None, deadline="2027-06-30", owner_code="penyelenggaraan", owner=None)]
    >>> report = SimpleNamespace(follow_up=plan)
    >>> row = follow_up_rows(report, "en")[0]
    >>> row["label"], row["priority"], row["deadline"], row["owner"]
    ('Requirements', 'High', '30 June 2027', 'Training Delivery Division')
    """
    return [{"rank": row.rank, "label": label("ikm_element", row.element, lang), "nrr": row.nrr,
             "grade": row.grade, "priority": t(f"report.follow_up.priority.{row.priority}", lang),
             "action": row.action or t(f"report.follow_up.action.{row.element}", lang),
             "deadline": wording.fmt_date(row.deadline, lang),
             "owner": row.owner or t(f"report.follow_up.owner.{row.owner_code}", lang)}
            for row in report.follow_up]


def facilitator_frame(report: Any, lang: str, min_n: int) -> Any:
    """The per-facilitator table as text cells: code, n, mean per aspect, overall, category, weakest aspect.

    A suppressed facilitator shows "n < min_n" in every value cell.

    Examples
    --------
    >>> import pandas as pd
    >>> from kemuning_eval.report.results.common import Context
    >>> from kemuning_eval.report.results.facilitator_report import facilitator_report
    >>> from kemuning_eval.report.results.model import FacilitatorReport
    >>> ratings = pd.DataFrame({"facilitator_id": ["f1"] * 7 + ["f2"] * 4, "fac_materi": [4.0] * 11})
    >>> report = FacilitatorReport.model_validate(facilitator_report({"facilitator_ratings": ratings}, Context()))
    >>> facilitator_frame(report, "id", 5).values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['FAS-01', '7', 'n < 5', 'n < 5', 'n < 5', 'n < 5'], ['FAS-02', '4', 'n < 5', 'n < 5', 'n < 5', 'n < 5']]

    FAS-02, rated by four, is hidden, and FAS-01 with it: the mean over all facilitators is
    published, so FAS-02's could otherwise be worked out (secondary suppression).
    """
    import pandas as pd

    num2, hidden = wording.FORMATS["num2"], t("report.suppressed_cell", lang, min_n=min_n)
    col = lambda key: t(f"report.col.{key}", lang)  # noqa: E731
    data = []
    for row in report.rows:
        cells = {col("facilitator"): row.code, col("n"): wording.fmt_value(row.n, "int", lang)}
        for aspect in row.aspects:
            cells[aspect_label(aspect.label, lang)] = hidden if row.suppressed else num2(aspect.mean, lang)
        cells[col("overall")] = hidden if row.suppressed else num2(row.mean, lang)
        cells[col("category")] = hidden if row.suppressed else (label("likert", row.category, lang) or "–")
        cells[col("weakest")] = hidden if row.suppressed else (aspect_label(row.weakest_label, lang) or "–")
        data.append(cells)
    return pd.DataFrame(data)


class ServiceTables:
    """The IKM tables, the RTL matrix and the facilitator table, as methods of the report.

    Examples
    --------
    >>> from kemuning_eval.report.content.render import Report
    >>> issubclass(Report, ServiceTables)
    True
    """

    model: Any
    m: dict
    lang: str
    _table_no: int
    _heading: Any  # the report's numbered heading of a sections.SECTIONS entry
    _sourced: Any  # the report's "Sumber:" line under a table (source_lines.with_source)

    def _reaction_part(self, name: str) -> Any:
        reaction = getattr(self.model, "reaction", None) if self.model is not None else None
        return getattr(reaction, name, None) if reaction is not None and reaction.available else None

    def _caption(self, key: str) -> str:
        self._table_no += 1
        return t(key, self.lang, n=self._table_no)

    def ikm_tables(self) -> Html:
        """The IKM per element as the regulation lays it out, the elements below B, period, profile, programmes."""
        report, lang = self._reaction_part("ikm_report"), self.lang
        if report is None:
            return Html("")
        cols = [("label", "element", None), ("n", "n", "int"), ("nrr", "nrr", "num2"),
                ("nrr_weighted", "nrr_weighted", "num3"), ("converted", "converted", "num2"),
                ("grade", "grade", None), ("quality", "quality", None)]
        parts = [self._heading("ikm"), p(t("report.service.ikm_intro", lang, k=len(report.elements))),
                 self._table(element_rows(report, lang), cols, "report.service.ikm_caption")]
        below = [label("ikm_element", code, lang) for code in report.below_b]
        parts.append(p(t("report.service.below_b", lang, elements="; ".join(below)) if below
                       else t("report.service.below_b_none", lang)))
        n = wording.fmt_value(report.n, "int", lang)
        parts.append(p(t("report.service.period", lang, n=n, first=wording.fmt_date(report.period.first, lang),
                         last=wording.fmt_date(report.period.last, lang)) if report.period
                       else t("report.service.respondents", lang, n=n)))
        parts += self._ikm_profile_and_programmes(report)
        return join(parts)

    def _ikm_profile_and_programmes(self, report: Any) -> list[Html]:
        lang, parts = self.lang, []
        profile = [dict(row.model_dump(), value=profile_value(row.value, lang)) for row in report.profile]
        parts.append(self._table(profile, [("label", "characteristic", None), ("value", "value", None),
                                           ("n", "n", "int"), ("share", "share", "pct1")],
                                 "report.service.profile_caption"))
        programmes = [dict(row.model_dump(), name=row.name or row.program_id, category=label("ikm", row.category, lang))
                      for row in report.by_program]
        parts.append(self._table(programmes, [("name", "name", None), ("n", "n", "int"), ("index", "ikm", "num2"),
                                              ("converted", "converted", "num2"), ("grade", "grade", None),
                                              ("category", "quality", None)], "report.service.program_caption"))
        if any(row.suppressed for row in report.profile) or any(row.suppressed for row in report.by_program):
            parts.append(p(t("report.suppressed_note", lang, min_n=min_group_size(self.m))))
        return parts

    def follow_up_matrix(self) -> Html:
        """The follow-up plan (RTL) of the IKM elements below B: element, NRR, grade, priority, action, time, owner."""
        report, lang = self._reaction_part("ikm_report"), self.lang
        if report is None:
            return Html("")
        if not report.follow_up:
            return p(t("report.service.follow_up_none", lang))
        high = wording.fmt_value(report.priority_high_below, "num2", lang)
        cols = [("rank", "rank", "int"), ("label", "element", None), ("nrr", "nrr", "num2"), ("grade", "grade", None),
                ("priority", "priority", None), ("action", "action", None), ("deadline", "deadline", None),
                ("owner", "owner", None)]
        return join([p(t("report.service.follow_up_intro", lang, high=high)),
                     self._table(follow_up_rows(report, lang), cols, "report.service.follow_up_caption")])

    def facilitator_table(self) -> Html:
        """One row per facilitator (pseudonymous code): n, mean per aspect and overall, category, weakest aspect."""
        report, lang = self._reaction_part("facilitator_report"), self.lang
        if report is None or not report.rows:
            return Html("")
        min_n = min_group_size(self.m)
        key = "report.service.facilitator_caption"
        caption = self._caption(key)  # numbered and anchored for the daftar tabel
        table = html_table(facilitator_frame(report, lang, min_n), caption=caption, anchor=f"tabel-{self._table_no}")
        parts = [self._heading("facilitators"), p(t("report.service.facilitator_intro", lang)),
                 self._sourced(table, TABLE_KINDS[key])]
        if any(row.suppressed for row in report.rows):
            parts.append(p(t("report.suppressed_note", lang, min_n=min_n)))
        return join(parts)

