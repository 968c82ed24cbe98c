"""The daftar tabel, daftar gambar and daftar singkatan of a finished report page, and its cross-references.

Built like the contents list (:mod:`~kemuning_eval.report.engine.toc`) from
the final HTML: every numbered caption (``<table id="tabel-n"><caption>``,
``<figure id="gambar-n">...<figcaption>``) becomes a link to its table or
figure, and an abbreviation of the catalogue's glossary (``front.abbrev.<code>.term``)
is listed only when the report's text uses it.  They go, with the contents
list, into the front matter's slot (``<div class="report-lists">``); a page
without that slot (a programme's report) is left as it is.  A "Tabel n",
"Gambar n" or "Lampiran B" written in a paragraph becomes a link to it.

Examples
--------
>>> page = ('<h1>L</h1><nav class="report-toc">isi</nav><div class="report-lists"></div>'
...         '<p>Lihat Tabel 1 dan Lampiran B; ASN.</p>'
...         '<table id="tabel-1"><caption>Tabel 1. Program &amp; peserta</caption></table>'
...         '<h3 id="lampiran-kualitas">Lampiran B</h3>')
>>> out = move_toc(add_lists(page, "id"))
>>> out.index("report-lists") < out.index(">isi<") < out.index("Daftar Tabel")
True
>>> '<a href="#tabel-1">Tabel 1. Program &amp; peserta</a>' in out
True
>>> "Aparatur Sipil Negara" in out, "Indeks Kepuasan Masyarakat" in out
(True, False)
>>> '<p>Lihat <a href="#tabel-1">Tabel 1</a> dan <a href="#lampiran-kualitas">Lampiran B</a>; ASN.</p>' in out
True
"""

from __future__ import annotations

import html
import re

from kemuning_eval.i18n import t
from kemuning_eval.report.content.sections import LISTS_SLOT
from kemuning_eval.report.engine.toc import TOC_NAV
from kemuning_eval.texts import catalogue

__all__ = ["APPENDIX_ANCHORS", "LISTS_OPEN", "abbreviations", "add_lists", "captions", "link_references", "move_toc"]

#: the slot's opening tag: still there once the lists fill it
LISTS_OPEN = LISTS_SLOT.removesuffix("</div>")
_TABLE = re.compile(r'<table[^>]*\sid="(tabel-\d+)"[^>]*>\s*<caption>(.*?)</caption>', re.DOTALL)
_FIGURE = re.compile(r'<figure[^>]*\sid="(gambar-\d+)"[^>]*>.*?<figcaption>(.*?)</figcaption>', re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_SKIP = re.compile(r"<(style|script)\b.*?</\1>|<img\b[^>]*>", re.DOTALL | re.IGNORECASE)
_PROSE = re.compile(r"(<(p|li)\b[^>]*>)(.*?)(</\2>)", re.DOTALL)
_ANCHOR_OR_TAG = re.compile(r"(<a\b.*?</a>|<[^>]*>)", re.DOTALL)
_REFERENCE = re.compile(r"\b(Tabel|Table|Gambar|Figure|Lampiran|Appendix) (\d+|[A-C]\b)")
_SECTION_REF = re.compile(r"\b(bagian|section|Bagian|Section) (\d+(?:\.\d+)+)\b")
#: a numbered heading of the page: its anchor and number ("4.2", "4.2.1")
_NUMBERED_HEADING = re.compile(r'<h[2-4][^>]*\sid="([^"]+)"[^>]*>\s*(\d+(?:\.\d+)+)\s')
#: appendix letter -> its anchor (render.Report._s_appendix)
APPENDIX_ANCHORS = {"A": "lampiran-butir", "B": "lampiran-kualitas", "C": "lampiran-asal"}
_PREFIX = {"Tabel": "tabel", "Table": "tabel", "Gambar": "gambar", "Figure": "gambar"}


def captions(page: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Return the numbered tables and figures of ``page``: ``(anchor, caption text)`` each, in order.

    Examples
    --------
    >>> captions('<table class="t" id="tabel-2"><caption>Tabel 2. A</caption></table>')
    ([('tabel-2', 'Tabel 2. A')], [])
    """
    def text(inner: str) -> str:
        return " ".join(html.unescape(_TAG.sub("", inner)).split())

    return ([(a, text(c)) for a, c in _TABLE.findall(page)], [(a, text(c)) for a, c in _FIGURE.findall(page)])


def abbreviations(page: str, lang: str) -> list[tuple[str, str]]:
    """Return the glossary's abbreviations that occur in the text of ``page``, sorted, with their meaning.

    Examples
    --------
    >>> abbreviations("<p>Skor IKM dan NRR per ASN</p><style>ROI</style>", "id")[0]
    ('ASN', 'Aparatur Sipil Negara')
    >>> [a for a, _ in abbreviations("<p>Skor IKM dan NRR per ASN</p><style>ROI</style>", "id")]
    ['ASN', 'IKM', 'NRR']
    """
    text = html.unescape(_TAG.sub(" ", _SKIP.sub(" ", page)))
    found = []
    for key in catalogue():
        if key.startswith("front.abbrev.") and key.endswith(".term"):
            abbr = t(key, lang)
            if re.search(rf"(?<![\w-]){re.escape(abbr)}(?![\w-])", text):
                found.append((abbr, t(key.removesuffix(".term") + ".meaning", lang)))
    return sorted(found, key=lambda x: x[0].lower())


def _list(title: str, anchor: str, body: str) -> str:
    """One list of the front matter: a chapter-level heading (in the contents list and Word's) and its entries."""
    return f'<section class="report-list {anchor}"><h2 id="{anchor}">{html.escape(title)}</h2>{body}</section>'


def _links(entries: list[tuple[str, str]]) -> str:
    return "<ol>" + "".join(f'<li><a href="#{html.escape(a)}">{html.escape(c)}</a></li>' for a, c in entries) + "</ol>"


def move_toc(page: str) -> str:
    """Return ``page`` with its contents list (``nav.report-toc``) moved to the start of the front matter's slot.

    Examples
    --------
    >>> move_toc('<h1>L</h1><nav class="report-toc">isi</nav><div class="report-lists"><p>x</p></div>')
    '<h1>L</h1><div class="report-lists"><nav class="report-toc">isi</nav><p>x</p></div>'
    """
    nav = TOC_NAV.search(page)
    if nav is None or LISTS_OPEN not in page:
        return page
    page = page[:nav.start()] + page[nav.end():]
    return page.replace(LISTS_OPEN, LISTS_OPEN + nav.group(0), 1)


def link_references(page: str) -> str:
    """Return ``page`` with "Tabel n", "Gambar n", "Lampiran B", "bagian 4.2" in paragraphs and list items linked.

    Only references to an ``id`` the page has are linked (a section by the
    number of its heading); text already inside a link is left as it is.

    Examples
    --------
    >>> link_references('<p>Tabel 2, <a href="#x">Tabel 1</a></p><table id="tabel-1"></table>')
    '<p>Tabel 2, <a href="#x">Tabel 1</a></p><table id="tabel-1"></table>'
    >>> link_references('<h3 id="reaksi">4.2 Level 1</h3><p>Lihat bagian 4.2 dan bagian 4.9.</p>')
    '<h3 id="reaksi">4.2 Level 1</h3><p>Lihat <a href="#reaksi">bagian 4.2</a> dan bagian 4.9.</p>'
    """
    ids = set(re.findall(r'\sid="([^"]+)"', page))
    sections = {number: ident for ident, number in _NUMBERED_HEADING.findall(page)}

    def target(word: str, ref: str) -> str | None:
        anchor = APPENDIX_ANCHORS.get(ref) if word in ("Lampiran", "Appendix") else f"{_PREFIX[word]}-{ref}"
        return anchor if anchor in ids else None

    def link(match: re.Match) -> str:
        anchor = target(match.group(1), match.group(2)) if match.group(2).isdigit() == (
            match.group(1) in _PREFIX) else None
        return f'<a href="#{anchor}">{match.group(0)}</a>' if anchor else match.group(0)

    def section(match: re.Match) -> str:
        anchor = sections.get(match.group(2))
        return f'<a href="#{anchor}">{match.group(0)}</a>' if anchor else match.group(0)

    def plain(text: str) -> str:  # the references of a piece of text outside any tag or link
        return _SECTION_REF.sub(section, _REFERENCE.sub(link, text))

    def prose(match: re.Match) -> str:
        parts = _ANCHOR_OR_TAG.split(match.group(3))
        inner = "".join(part if part.startswith("<") else plain(part) for part in parts)
        return match.group(1) + inner + match.group(4)

    return _PROSE.sub(prose, page)


def add_lists(page: str, lang: str) -> str:
    """Return ``page`` with the lists of tables, figures and abbreviations in the front matter's slot.

    Made before the contents list (their headings are listed in it);
    :func:`move_toc` then puts the contents list in front of them.

    Parameters
    ----------
    page : str
        The exported page.
    lang : {"id", "en"}
        Language of the lists' headings and of the abbreviations' meanings.

    Examples
    --------
    >>> add_lists("<p>no front matter</p>", "id")
    '<p>no front matter</p>'
    >>> 'id="daftar-singkatan"' in add_lists('<div class="report-lists"></div><p>JP</p>', "en")
    True
    """
    if LISTS_SLOT not in page:
        return page
    page = link_references(page)
    tables, figures = captions(page)
    parts = []
    if tables:
        parts.append(_list(t("front.lists.tables", lang), "daftar-tabel", _links(tables)))
    if figures:
        parts.append(_list(t("front.lists.figures", lang), "daftar-gambar", _links(figures)))
    abbrevs = abbreviations(page, lang)
    if abbrevs:
        items = "".join(f"<dt>{html.escape(a)}</dt><dd>{html.escape(m)}</dd>" for a, m in abbrevs)
        parts.append(_list(t("front.lists.abbreviations", lang), "daftar-singkatan", f"<dl>{items}</dl>"))
    return page.replace(LISTS_SLOT, LISTS_OPEN + "".join(parts) + "</div>", 1)
