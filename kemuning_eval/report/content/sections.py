"""The report's sections, in reading order: heading level, catalogue key of the heading, anchor.

One table, read by the renderer (headings and their numbers) and by the
citations (a value cited by the section that words it links to that
section's anchor).  A level-2 section is a chapter (BAB I-V), a level-3
section a numbered subsection of the chapter above it (``4.2``); the
sections of :data:`UNNUMBERED` (the executive summary before BAB I, the
appendices after BAB V) carry no number.  :func:`section_numbers` computes
the numbers from this order: no number is typed into the catalogue.

Examples
--------
>>> SECTIONS["limitations"]
(3, 'report.sec.limitations', 'keterbatasan')
>>> list(SECTIONS)[:3]
['summary', 'intro', 'overview']
>>> numbers = section_numbers()
>>> numbers["intro"], numbers["closing"], numbers["learning"], numbers["recommendations"]
('I', 'V', '4.2', '5.2')
>>> "summary" in numbers, "appendix" in numbers
(False, False)
"""

from __future__ import annotations

from collections.abc import Mapping

from kemuning_eval.i18n import t

__all__ = ["SECTIONS", "UNNUMBERED", "roman", "section_numbers", "section_title"]

#: section name -> (heading level, catalogue key, anchor)
SECTIONS = {
    "summary": (2, "report.sec.summary", "ringkasan"),
    "intro": (2, "report.sec.intro", "pendahuluan"),
    "overview": (2, "report.sec.overview", "gambaran"),
    "method": (2, "report.sec.method", "metode"),
    "limitations": (3, "report.sec.limitations", "keterbatasan"),
    "findings": (2, "report.sec.findings", "hasil"),
    "reaction": (3, "report.sec.reaction", "reaksi"),
    "learning": (3, "report.sec.learning", "pembelajaran"),
    "behavior": (3, "report.sec.behavior", "perilaku"),
    "results": (3, "report.sec.results", "hasil-unit"),
    "cost": (3, "report.sec.cost", "biaya-roi"),
    "qualitative": (3, "report.sec.qualitative", "wawancara"),
    "comparison": (3, "report.sec.comparison", "perbandingan"),
    "challenges": (3, "report.sec.challenges", "tantangan"),
    "closing": (2, "report.sec.closing", "penutup"),
    "conclusion": (3, "report.sec.conclusion", "kesimpulan"),
    "recommendations": (3, "report.sec.recommendations", "rekomendasi"),
    "appendix": (2, "report.sec.appendix", "lampiran"),
}

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
    """
    numbers: dict[str, str] = {}
    chapter = sub = 0
    for name, (level, _key, _anchor) in SECTIONS.items():
        if name in UNNUMBERED or (shown is not None and name not in shown):
            continue
        if level == 2:
            chapter, sub = chapter + 1, 0
            numbers[name] = roman(chapter)
        elif chapter:
            sub += 1
            numbers[name] = f"{chapter}.{sub}"
    return numbers


def section_title(name: str, lang: str, numbers: Mapping[str, str] | None = None) -> str:
    """The heading of section ``name``: ``"BAB IV Hasil dan Pembahasan"``, ``"4.2 Level 2 — ..."`` or unnumbered.

    Parameters
    ----------
    name : str
        A key of :data:`SECTIONS`.
    lang : {"id", "en"}
        Report language.
    numbers : mapping, optional
        :func:`section_numbers` of the report (none: no number).

    Examples
    --------
    >>> section_title("findings", "id", section_numbers()), section_title("learning", "en", section_numbers())
    ('BAB IV Hasil dan Pembahasan', '4.2 Level 2 — Learning')
    >>> section_title("summary", "id", section_numbers()), section_title("intro", "en")
    ('Ringkasan Eksekutif', 'Introduction')
    """
    level, key, _anchor = SECTIONS[name]
    title, number = t(key, lang), (numbers or {}).get(name)
    if not number:
        return title
    template = "front.chapter_heading" if level == 2 else "front.section_heading"
    return t(template, lang, numeral=number, number=number, title=title)
