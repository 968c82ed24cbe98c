"""Where the evidence of a challenge or recommendation is shown: "Sumber: Tabel 6, Gambar 3", linked.

The report numbers its tables and figures in display order; each gets a stable
anchor (``tabel-<n>``, ``gambar-<n>``).  :class:`Sources` records which metric
list each numbered table or figure shows, and :func:`sources_html` cites, for
an item's evidence paths, the tables and figures already shown (else the
section that words the value), each as a link to its anchor.  Nothing is
decided here: the paths are the evidence the rules stored.

Examples
--------
>>> src = Sources()
>>> src.add("table", "study.programs", 1)
>>> src.add("figure", "qualitative.themes", 3)
>>> str(sources_html(["qualitative.themes.0.share", "study.demand_ratio"], src, "id"))
'Sumber: <a href="#gambar-3">Gambar 3</a>, <a href="#tabel-1">Tabel 1</a>.'
>>> str(sources_html(["behavior.change.dz"], src, "en"))
'Source: <a href="#perilaku">section Level 3 — Behaviour at Work</a>.'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from kemuning_eval.i18n import t
from kemuning_eval.report.content.htmlsafe import Html, esc, tag
from kemuning_eval.report.content.sections import SECTIONS, section_title

#: evidence path prefix -> what shows it: (the metric list a table or figure shows, ...) and the
#: section (``sections.SECTIONS`` key) that words it, cited when none of those was shown.
EVIDENCE_SOURCES: dict[str, tuple[tuple[str, ...], str]] = {
    "reaction.dimensions": (("reaction.dimensions",), "reaction"),
    "reaction.ikm.elements": (("reaction.ikm.elements",), "reaction"),
    "qualitative.themes": (("qualitative.themes",), "qualitative"),
    "qualitative.n_excerpts": (("qualitative.themes",), "qualitative"),
    "study.applicants_total": (("study.programs",), "overview"),
    "study.capacity_total": (("study.programs",), "overview"),
    "study.demand_ratio": (("study.programs",), "overview"),
    "study.sample": ((), "method"),
    "behavior.applying": (("behavior.applying_by_program",), "behavior"),
    "behavior.change": ((), "behavior"),
    "results.did": (("results.did",), "results"),
    "learning.overall": (("learning.overall",), "learning"),
    "cost.roi": (("cost.roi",), "cost"),
    "cost": ((), "cost"),
    "study.demand": (("study.demand",), "cost"),
    "program_table": (("program_table",), "findings"),
    "reaction.ikm_report": (("reaction.ikm_report",), "reaction"),
    "reaction.facilitator_report": (("reaction.facilitator_report",), "reaction"),
    "results.effects": (("results.effects",), "results"),
}

#: figure name (``Report.figure``) -> the metric lists it shows
FIGURE_SOURCES: dict[str, tuple[str, ...]] = {
    "likert": ("reaction.dimensions",),
    "prepost": ("learning.overall",),
    "forest": ("learning.by_program",),
    "applying": ("behavior.applying_by_program",),
    "did": ("results.did",),
    "themes": ("qualitative.themes",),
    "comparison": ("findings.comparison",),
}

#: kind -> anchor prefix and catalogue key of the reference's name
_KINDS = {"table": ("tabel", "report.cite.table"), "figure": ("gambar", "report.cite.figure")}


class Sources:
    """The numbered tables and figures shown so far, by the metric list they show.

    Examples
    --------
    >>> src = Sources()
    >>> src.add("table", "reaction.dimensions", 2)
    >>> src.shown("reaction.dimensions")
    [('table', 2)]
    >>> anchor("table", 2), anchor("figure", 5)
    ('tabel-2', 'gambar-5')
    """

    def __init__(self) -> None:
        self._shown: dict[str, list[tuple[str, int]]] = {}

    def add(self, kind: str, source: str, number: int) -> None:
        """Record that table or figure ``number`` shows the metric list ``source``."""
        self._shown.setdefault(source, []).append((kind, number))

    def shown(self, source: str) -> list[tuple[str, int]]:
        """The ``(kind, number)`` of every table and figure showing ``source``, in display order."""
        return list(self._shown.get(source, []))


def anchor(kind: str, number: int) -> str:
    """The stable anchor of a numbered table or figure (``tabel-3``, ``gambar-2``).

    Examples
    --------
    >>> anchor("table", 3)
    'tabel-3'
    """
    return f"{_KINDS[kind][0]}-{number}"


def _entry(path: str) -> tuple[tuple[str, ...], str] | None:
    parts = path.split(".")
    for end in range(len(parts), 0, -1):  # the longest prefix with an entry
        found = EVIDENCE_SOURCES.get(".".join(parts[:end]))
        if found:
            return found
    return None


def cited(paths: Iterable[str], sources: Sources) -> list[tuple[str, int | str]]:
    """What cites the evidence ``paths``: ``("table"|"figure", number)`` or ``("section", name)``, no repeats.

    Examples
    --------
    >>> src = Sources()
    >>> src.add("figure", "results.did", 4)
    >>> cited(["results.did.0.estimate", "results.did.0.p_val", "study.sample.achieved"], src)
    [('figure', 4), ('section', 'method')]
    """
    out: list[tuple[str, int | str]] = []
    for path in paths:
        entry = _entry(path)
        if entry is None:
            continue
        lists, section = entry
        refs: list[tuple[str, int | str]] = [ref for source in lists for ref in sources.shown(source)]
        for ref in refs or [("section", section)]:
            if ref not in out:
                out.append(ref)
    return out


def sources_html(paths: Iterable[str], sources: Sources, lang: str, *,
                 numbers: Mapping[str, str] | None = None) -> Html:
    """``Sumber: Tabel 6, Gambar 3.`` with each reference a link to its anchor (empty when none applies).

    Parameters
    ----------
    paths : iterable of str
        The evidence's metric paths (``Evidence.path``).
    sources : Sources
        The tables and figures shown so far.
    lang : {"id", "en"}
        Report language.
    numbers : mapping, optional
        The report's section numbers (:func:`~kemuning_eval.report.content.sections.section_numbers`):
        a cited section is named with its number ("bagian 4.3 Level 3 — ...").

    Returns
    -------
    Html

    Examples
    --------
    >>> sources_html(["unknown.path"], Sources(), "id")
    Html('')
    """
    links = []
    for kind, ref in cited(paths, sources):
        if kind == "section":
            target = SECTIONS[str(ref)][2]
            text = t("report.cite.section", lang, section=section_title(str(ref), lang, numbers))
        else:
            target, text = anchor(kind, int(ref)), t(_KINDS[kind][1], lang, n=ref)
        links.append(str(tag("a", text, href=f"#{target}")))
    if not links:
        return Html("")
    return Html(esc(t("report.cite.intro", lang)) + " " + ", ".join(links) + ".")
