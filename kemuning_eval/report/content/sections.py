"""The report's sections, in reading order: heading level, catalogue key of the heading, anchor.

One table, read by the renderer (headings) and by the citations (a value
cited by the section that words it links to that section's anchor).

Examples
--------
>>> SECTIONS["limitations"]
(2, 'report.sec.limitations', 'keterbatasan')
>>> list(SECTIONS)[:3]
['summary', 'intro', 'overview']
"""

from __future__ import annotations

__all__ = ["SECTIONS"]

#: section name -> (heading level, catalogue key, anchor)
SECTIONS = {
    "summary": (2, "report.sec.summary", "ringkasan"),
    "intro": (2, "report.sec.intro", "pendahuluan"),
    "overview": (2, "report.sec.overview", "gambaran"),
    "method": (2, "report.sec.method", "metode"),
    "findings": (2, "report.sec.findings", "hasil"),
    "reaction": (3, "report.sec.reaction", "reaksi"),
    "learning": (3, "report.sec.learning", "pembelajaran"),
    "behavior": (3, "report.sec.behavior", "perilaku"),
    "results": (3, "report.sec.results", "hasil-unit"),
    "cost": (3, "report.sec.cost", "biaya-roi"),
    "qualitative": (3, "report.sec.qualitative", "wawancara"),
    "comparison": (3, "report.sec.comparison", "perbandingan"),
    "challenges": (2, "report.sec.challenges", "tantangan"),
    "recommendations": (2, "report.sec.recommendations", "rekomendasi"),
    "limitations": (2, "report.sec.limitations", "keterbatasan"),
    "conclusion": (2, "report.sec.conclusion", "kesimpulan"),
    "appendix": (2, "report.sec.appendix", "lampiran"),
}
