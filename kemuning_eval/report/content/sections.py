"""The report's sections, in reading order: heading level, catalogue key of the heading, anchor.

One table, read by the renderer (headings and their numbers) and by the
citations (a value cited by the section that words it links to that
section's anchor).  A level-2 section is a chapter (BAB I-V), a level-3
section a numbered subsection of the chapter above it (``4.2``), a level-4
section a part of that subsection (``4.2.1``); the
sections of :data:`UNNUMBERED` (the executive summary before BAB I, the
appendices after BAB V) carry no number.  :func:`section_numbers` computes
the numbers from this order: no number is typed into the catalogue.

Examples
--------
>>> SECTIONS["limitations"]
(3, 'report.sec.limitations', 'keterbatasan')
>>> list(SECTIONS)[:3]
['summary', 'intro', 'background']
>>> numbers = section_numbers()
>>> numbers["intro"], numbers["legal"], numbers["closing"], numbers["learning"], numbers["recommendations"]
('I', '1.3', 'V', '4.3', '5.2')
>>> numbers["programs"], numbers["ikm"], numbers["limitations"], numbers["triangulation"]
('4.1', '4.2.1', '3.6', '4.10.1')
>>> "summary" in numbers, "appendix" in numbers
(False, False)
>>> CELLS[:4]
('summary', 'intro', 'overview', 'method')
"""

from __future__ import annotations

from collections.abc import Mapping

from kemuning_eval.i18n import t

__all__ = ["CELLS", "LISTS_SLOT", "PARTS", "SECTIONS", "UNNUMBERED", "roman", "section_numbers", "section_title"]

#: where the front matter puts the contents list and the lists of tables, figures and abbreviations
#: (made from the finished page by :mod:`kemuning_eval.report.engine.lists`)
LISTS_SLOT = '<div class="report-lists"></div>'

#: section name -> (heading level, catalogue key, anchor)
SECTIONS = {
    "summary": (2, "report.sec.summary", "ringkasan"),
    "intro": (2, "report.sec.intro", "pendahuluan"),
    "background": (3, "report.sec.background", "latar-belakang"),
    "purpose": (3, "report.sec.purpose", "tujuan"),
    "legal": (3, "report.sec.legal", "dasar-hukum"),
    "scope": (3, "report.sec.scope", "ruang-lingkup"),
    "overview": (2, "report.sec.overview", "gambaran"),
    "method": (2, "report.sec.method", "metode"),
    "model": (3, "report.sec.model", "model-instrumen"),
    "sample": (3, "report.sec.sample", "sampel"),
    "statistics": (3, "report.sec.statistics", "metode-statistik"),
    "privacy": (3, "report.sec.privacy", "pelindungan-data"),
    "quality": (3, "report.sec.quality", "kualitas-data"),
    "limitations": (3, "report.sec.limitations", "keterbatasan"),
    "findings": (2, "report.sec.findings", "hasil"),
    "programs": (3, "programs.heading", "keputusan-program"),
    "reaction": (3, "report.sec.reaction", "reaksi"),
    "ikm": (4, "report.sec.ikm", "ikm"),
    "facilitators": (4, "report.sec.facilitators", "fasilitator"),
    "learning": (3, "report.sec.learning", "pembelajaran"),
    "behavior": (3, "report.sec.behavior", "perilaku"),
    "results": (3, "report.sec.results", "hasil-unit"),
    "cost": (3, "report.sec.cost", "biaya-roi"),
    "economics": (4, "report.sec.economics", "analisis-ekonomi"),
    "qualitative": (3, "report.sec.qualitative", "wawancara"),
    "suggestions": (3, "suggestions.heading", "saran-peserta"),
    "comparison": (3, "report.sec.comparison", "perbandingan"),
    "challenges": (3, "report.sec.challenges", "tantangan"),
    "triangulation": (4, "triangulation.heading", "triangulasi"),
    "closing": (2, "report.sec.closing", "penutup"),
    "conclusion": (3, "report.sec.conclusion", "kesimpulan"),
    "recommendations": (3, "report.sec.recommendations", "rekomendasi"),
    "followup": (4, "recs.followup.heading", "tindak-lanjut"),
    "appendix": (2, "report.sec.appendix", "lampiran"),
}

#: parts whose heading comes with another section's text (``1.1 Latar Belakang`` in BAB I) or with a report
#: method of their own (``program_table``, ``ikm_tables``...), not with ``Report.section``
PARTS = frozenset({"background", "purpose", "legal", "scope", "model", "sample", "statistics", "privacy", "quality",
                   "programs", "ikm", "facilitators", "economics", "suggestions", "triangulation", "followup"})

#: the sections ``Report.section`` shows, each in a notebook cell of its own, in reading order
CELLS = tuple(name for name in SECTIONS if name not in PARTS)

#: sections outside the BAB numbering (front matter before BAB I, appendices after BAB V)
UNNUMBERED = frozenset({"summary", "appendix"})


def roman(n: int) -> str:
    """Return ``n`` (1-39) in Roman numerals, as chapters are numbered.

    Examples
    --------
    >>> [roman(n) for n in (1, 4, 5, 9, 14)]
    ['I', 'IV', 'V', 'IX', 'XIV']
    """
    out = "X" * (n // 10)
    ones = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")
    return out + ones[n % 10]


def section_numbers(shown: tuple[str, ...] | None = None) -> dict[str, str]:
    """Return each numbered section's number: ``"IV"`` for a chapter, ``"4.2"`` for a subsection.

    Parameters
    ----------
    shown : tuple of str, optional
        The sections a report shows (default all of :data:`SECTIONS`); a
        section not shown takes no number.

    Examples
    --------
    >>> section_numbers(("intro", "findings", "reaction"))
    {'intro': 'I', 'findings': 'II', 'reaction': '2.1'}
    >>> section_numbers(("findings", "reaction", "ikm", "facilitators", "learning"))["facilitators"]
    '1.1.2'
    """
    numbers: dict[str, str] = {}
    chapter = sub = subsub = 0
    for name, (level, _key, _anchor) in SECTIONS.items():
        if name in UNNUMBERED or (shown is not None and name not in shown):
            continue
        if level == 2:
            chapter, sub = chapter + 1, 0
            numbers[name] = roman(chapter)
        elif level == 3 and chapter:
            sub, subsub = sub + 1, 0
            numbers[name] = f"{chapter}.{sub}"
        elif sub:  # level 4: a part of the subsection above it ("4.2.1")
            subsub += 1
            numbers[name] = f"{chapter}.{sub}.{subsub}"
    return numbers


def section_title(name: str, lang: str, numbers: Mapping[str, str] | None = None, **params: object) -> str:
    """The heading of section ``name``: ``"BAB IV Hasil dan Pembahasan"``, ``"4.2 Level 2 — ..."`` or unnumbered.

    Parameters
    ----------
    name : str
        A key of :data:`SECTIONS`.
    lang : {"id", "en"}
        Report language.
    numbers : mapping, optional
        :func:`section_numbers` of the report (none: no number).
    **params
        Placeholders of the heading's catalogue text (``year`` of the follow-up).

    Examples
    --------
    >>> section_title("findings", "id", section_numbers()), section_title("learning", "en", section_numbers())
    ('BAB IV Hasil dan Pembahasan', '4.3 Level 2 — Learning')
    >>> section_title("summary", "id", section_numbers()), section_title("intro", "en")
    ('Ringkasan Eksekutif', 'Introduction')
    >>> section_title("followup", "id", section_numbers(), year=2025)
    '5.2.1 Tindak Lanjut Rekomendasi Tahun 2025'
    """
    level, key, _anchor = SECTIONS[name]
    title, number = t(key, lang, **params), (numbers or {}).get(name)
    if not number:
        return title
    template = "front.chapter_heading" if level == 2 else "front.section_heading"
    return t(template, lang, numeral=number, number=number, title=title)
