"""Table of contents for an exported report (nbconvert has none).

:func:`add_toc` gives every ``h2``/``h3`` heading a unique ``id`` (kept when
the content already set one), and inserts a ``<nav>`` with nested links to
them right after the title (the first ``h1``).  Headings come from Markdown
cells and from HTML/Markdown outputs alike, since it works on the final HTML.

Examples
--------
>>> page = "<main><h1>Laporan</h1><h2>Hasil &amp; Temuan</h2><h3>Level 1</h3><h2>Hasil &amp; Temuan</h2></main>"
>>> out = add_toc(page, title="Daftar Isi")
>>> print(out.replace("><", ">\\n<"))  # doctest: +NORMALIZE_WHITESPACE
<main>
<h1>Laporan</h1>
<nav class="report-toc" aria-label="Daftar Isi">
<h2 class="report-toc-title">Daftar Isi</h2>
<ol>
<li>
<a href="#hasil-temuan">Hasil &amp; Temuan</a>
<ol>
<li>
<a href="#level-1">Level 1</a>
</li>
</ol>
</li>
<li>
<a href="#hasil-temuan-2">Hasil &amp; Temuan</a>
</li>
</ol>
</nav>
<h2 id="hasil-temuan">Hasil &amp; Temuan</h2>
<h3 id="level-1">Level 1</h3>
<h2 id="hasil-temuan-2">Hasil &amp; Temuan</h2>
</main>
>>> first_heading(page)
'Laporan'
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

#: the contents list :func:`add_toc` writes (found again by the PDF, Word and front-matter steps)
TOC_NAV = re.compile(r'<nav class="report-toc".*?</nav>', re.DOTALL)
_HEADING = re.compile(r"<h([1-6])(\s[^>]*)?>(.*?)</h\1\s*>", re.DOTALL | re.IGNORECASE)
_ID_ATTR = re.compile(r"""\sid\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Heading:
    """One entry of the table of contents.

    Parameters
    ----------
    level : int
        Heading level (2 for ``h2``...).
    anchor : str
        The heading's ``id``.
    text : str
        The heading's plain text.

    Examples
    --------
    >>> h = Heading(2, "hasil", "Hasil")
    >>> render_toc([h], "Isi")
    '<nav class="report-toc" aria-label="Isi"><h2 class="report-toc-title">Isi</h2><ol><li><a href="#hasil">Hasil</a></li></ol></nav>'
    """

    level: int
    anchor: str
    text: str


def heading_text(inner_html: str) -> str:
    """Return the plain text of a heading's inner HTML (tags removed, entities decoded).

    Examples
    --------
    >>> heading_text('Hasil <em>&amp;</em> temuan<a class="anchor-link" href="#x">¶</a>')
    'Hasil & temuan'
    """
    without_anchor = re.sub(r'<a[^>]*class="anchor-link"[^>]*>.*?</a>', "", inner_html, flags=re.DOTALL)
    return " ".join(html.unescape(_TAG.sub("", without_anchor)).split())


def make_anchor(text: str) -> str:
    """Return an ASCII anchor for ``text`` (accents folded, ``[a-z0-9-]``).

    Examples
    --------
    >>> make_anchor("Rekomendasi: Penyelenggara (2026)")
    'rekomendasi-penyelenggara-2026'
    >>> make_anchor("***")
    'bagian'
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or "bagian"


def first_heading(page: str, level: int = 1) -> str | None:
    """Return the text of the first heading of ``level`` in ``page``, or None.

    Parameters
    ----------
    page : str
        An HTML page.
    level : int, default 1
        The heading level searched.

    Returns
    -------
    str or None
        The heading's plain text (see :func:`heading_text`).

    Examples
    --------
    >>> first_heading("<h2>Ringkasan</h2><h2>Metode</h2>", level=2)
    'Ringkasan'
    >>> print(first_heading("<p>no heading</p>"))
    None
    """
    for match in _HEADING.finditer(page):
        if int(match.group(1)) == level:
            return heading_text(match.group(3))
    return None


def _number_headings(page: str, levels: tuple[int, ...]) -> tuple[str, list[Heading]]:
    """Give every heading of ``levels`` a unique id; return the page and the headings."""
    used = {m.group(1) or m.group(2) for m in _ID_ATTR.finditer(page)}
    headings: list[Heading] = []
    seen: set[str] = set()

    def replace(match: re.Match) -> str:
        level, attrs, inner = int(match.group(1)), match.group(2) or "", match.group(3)
        if level not in levels:
            return match.group(0)
        existing = _ID_ATTR.search(attrs)
        anchor = (existing.group(1) or existing.group(2)) if existing else None
        if not anchor or anchor in seen:
            base = make_anchor(heading_text(inner))
            anchor, n = base, 1
            while anchor in seen or (anchor in used and not existing):
                n += 1
                anchor = f"{base}-{n}"
            attrs = _ID_ATTR.sub("", attrs) + f' id="{html.escape(anchor)}"'
        seen.add(anchor)
        headings.append(Heading(level, anchor, heading_text(inner)))
        return f"<h{level}{attrs}>{inner}</h{level}>"

    return _HEADING.sub(replace, page), headings


def render_toc(headings: list[Heading], title: str) -> str:
    """Return the ``<nav>`` element listing ``headings`` (nested by level).

    Parameters
    ----------
    headings : list of Heading
        The entries, in page order; the smallest level is the top of the
        nesting.
    title : str
        Heading of the contents list (escaped).

    Returns
    -------
    str
        The ``<nav class="report-toc">`` element with nested ``<ol>`` lists.

    Examples
    --------
    >>> nav = render_toc([Heading(2, "a", "A"), Heading(3, "b", "B <1>")], "Isi")
    >>> nav.count("<ol>"), '<a href="#b">B &lt;1&gt;</a>' in nav
    (2, True)
    """
    parts = [f'<nav class="report-toc" aria-label="{html.escape(title)}">',
             f'<h2 class="report-toc-title">{html.escape(title)}</h2>']
    depth, top = 0, min((h.level for h in headings), default=2)
    for h in headings:
        level = h.level - top + 1
        if level > depth:
            parts.append("<ol><li>" * (level - depth))
        else:
            parts.append("</li></ol>" * (depth - level) + "</li><li>")
        depth = level
        parts.append(f'<a href="#{html.escape(h.anchor)}">{html.escape(h.text)}</a>')
    parts.append("</li></ol>" * depth)
    parts.append("</nav>")
    return "".join(parts)


def add_toc(page: str, *, title: str, levels: tuple[int, ...] = (2, 3)) -> str:
    """Return ``page`` with anchored headings and a table of contents after the first ``h1``.

    Without an ``h1`` the contents go at the start of ``<main>`` (or of the
    page); a page with no heading of ``levels`` is returned unchanged.

    Parameters
    ----------
    page : str
        The exported HTML page.
    title : str
        Heading of the contents list (from the catalogue).
    levels : tuple of int
        Heading levels listed (default h2 and h3).

    Returns
    -------
    str
        The page with unique heading ids and the ``<nav>``.

    Examples
    --------
    >>> add_toc('<h2 id="x">A</h2>', title="Isi")
    '<nav class="report-toc" aria-label="Isi"><h2 class="report-toc-title">Isi</h2><ol><li><a href="#x">A</a></li></ol></nav><h2 id="x">A</h2>'
    >>> add_toc("<p>tanpa judul</p>", title="Isi")
    '<p>tanpa judul</p>'
    """
    page, headings = _number_headings(page, levels)
    if not headings:
        return page
    nav = render_toc(headings, title)
    h1 = next((m for m in _HEADING.finditer(page) if m.group(1) == "1"), None)
    if h1 is not None:
        return page[: h1.end()] + nav + page[h1.end() :]
    main = re.search(r"<main[^>]*>", page)
    at = main.end() if main else 0
    return page[:at] + nav + page[at:]
