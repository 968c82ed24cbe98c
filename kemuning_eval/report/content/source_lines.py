"""The "Sumber: ..." line under every table and figure: which data the table or figure comes from.

A table is known by its caption's catalogue key (a caption not listed is the
team's own analysis), a figure by its name (``Report.figure``), a block of
tables built elsewhere by the method that shows it; each maps to a kind of
data worded by ``front.source.<kind>``.

Examples
--------
>>> str(source_line("reaction", "id", year=2026))
'<p class="report-source">Sumber: survei reaksi peserta 2026, diolah</p>'
>>> html = '<table id="tabel-1"></table><figure id="gambar-1"><img><figcaption>G</figcaption></figure>'
>>> out = with_source(html, source_line("cost", "en", year=2026))
>>> out.count("Source: training cost data 2026"), out.endswith("Source: training cost data 2026, processed</p>")
(2, True)
>>> with_source(out, source_line("cost", "en", year=2026)) == out
True
"""

from __future__ import annotations

import re

from kemuning_eval.i18n import t
from kemuning_eval.report.content.htmlsafe import Html, p

__all__ = ["FIGURE_KINDS", "METHOD_KINDS", "TABLE_KINDS", "source_line", "with_source"]

#: caption catalogue key of a table -> the kind of data it shows
TABLE_KINDS = {
    "report.overview.table_caption": "programs",
    "report.profile.caption": "participants",
    "report.reaction.table_caption": "reaction",
    "report.reaction.ikm_caption": "reaction",
    "report.learning.table_caption": "learning",
    "report.effects.table_caption": "results",
    "report.cost.table_caption": "cost",
    "report.compare.table_caption": "comparison",
    "report.appendix.items_caption": "reaction",
    "report.appendix.reliability_caption": "reaction",
    "report.appendix.quality_caption": "inputs",
    "report.appendix.inputs_caption": "inputs",
    "report.service.ikm_caption": "reaction",
    "report.service.profile_caption": "reaction",
    "report.service.program_caption": "reaction",
    "report.service.facilitator_caption": "reaction",
    "report.econ.roi_caption": "cost",
    "report.econ.demand_caption": "cost",
}
#: figure name -> the kind of data it shows
FIGURE_KINDS = {"likert": "reaction", "prepost": "learning", "forest": "learning", "applying": "behavior",
                "did": "results", "themes": "qualitative", "comparison": "comparison"}
#: Report method showing tables built by another module -> the kind of data they show
METHOD_KINDS = {"program_table": "analysis", "suggestions": "qualitative", "triangulation": "analysis"}
_END = re.compile(r"</(table|figure)>(?!\s*<p class=\"report-source\">)")


def source_line(kind: str, lang: str, *, year: int, previous: int | str = "") -> Html:
    """The ``<p class="report-source">`` line naming the data of ``kind`` (``front.source.<kind>``).

    Examples
    --------
    >>> str(source_line("comparison", "en", year=2026, previous=2025))
    '<p class="report-source">Source: evaluation reports 2025 and 2026, processed</p>'
    """
    source = t(f"front.source.{kind}", lang, year=year, previous=previous or "")
    return p(t("front.source.line", lang, source=source), class_="report-source")


def with_source(html: str, line: Html) -> Html:
    """``html`` with ``line`` right after every table and figure that has none yet.

    After, not inside, the figure: Word (pandoc) would make a figure with
    more than its image and caption into a layout table.

    Examples
    --------
    >>> str(with_source("<p>no table</p>", Html("<p>s</p>")))
    '<p>no table</p>'
    """
    return Html(_END.sub(lambda match: match.group(0) + "\n" + line, html))
