"""Render the report's sections as safe HTML from the metrics dict.

The notebooks call :func:`title`, :func:`banner` and :func:`section` and
display what they return (an :class:`~kemuning_eval.report.htmlsafe.Html`).
All text comes from the catalogue via :mod:`kemuning_eval.report.narrative`;
every value from the data is escaped.

Examples
--------
>>> from kemuning_eval.report.metrics import empty_metrics
>>> m = empty_metrics(2026, report_date="2026-12-15")
>>> m["study"]["synthetic"] = True
>>> "SINTETIS" in banner(m, "id")
True
>>> title(m, "en").startswith("<h1")
True
"""

from __future__ import annotations

from kemuning_eval.i18n import t
from kemuning_eval.report.htmlsafe import Html, heading, join, p, tag


def title(m: dict, lang: str) -> Html:
    """The report's title block (title, agency, date)."""
    study = m["study"]
    parts = [heading(1, t("report.title", lang, year=study["year"]), anchor="judul")]
    sub = " · ".join(str(x) for x in (study.get("agency"), study.get("report_date")) if x)
    if sub:
        parts.append(p(sub, class_="subtitle"))
    return join(parts)


def banner(m: dict, lang: str) -> Html:
    """A visible warning when the study's data are synthetic (empty otherwise)."""
    if not m["study"].get("synthetic"):
        return Html("")
    return tag("div", t("report.banner.synthetic", lang), class_="banner-synthetic", role="note",
               style="border:3px solid #b35806;background:#fff3e0;padding:0.8em;font-weight:bold;")
