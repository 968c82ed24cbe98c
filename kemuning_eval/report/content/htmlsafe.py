"""Small, escaping HTML building blocks for the report.

Every text that comes from the data (programme and unit names, answers,
quotes, file names) is escaped here before it reaches the HTML; the
catalogue's own texts are escaped too, so nothing is ever inserted raw.
:class:`Html` marks a string that is *already* safe HTML and lets Jupyter
display it (``_repr_html_``).

Examples
--------
>>> p("<script>alert(1)</script>")
Html('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>')
>>> heading(2, "Hasil & temuan", anchor="hasil")
Html('<h2 id="hasil">Hasil &amp; temuan</h2>')
>>> join([p("a"), p("b")])
Html('<p>a</p>\\n<p>b</p>')
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable


class Html(str):
    """A string of safe HTML; Jupyter shows it as HTML.

    Subclass of :class:`str` that marks its content as already escaped, so
    the builders of this module insert it unchanged instead of escaping it
    again.

    Parameters
    ----------
    object : str
        The HTML text (it is *not* escaped: only wrap trusted HTML).

    Examples
    --------
    >>> h = Html("<b>Rata-rata</b>")
    >>> h._repr_html_()
    '<b>Rata-rata</b>'
    >>> tag("p", h), tag("p", "<b>x</b>")
    (Html('<p><b>Rata-rata</b></p>'), Html('<p>&lt;b&gt;x&lt;/b&gt;</p>'))
    """

    def _repr_html_(self) -> str:
        return str(self)

    def __repr__(self) -> str:
        return f"Html({str.__repr__(self)})"


def esc(text: object) -> str:
    """Escape ``text`` for HTML text and attribute values (quotes included).

    Parameters
    ----------
    text : object
        Any value; ``None`` becomes the empty string, others are passed
        through :class:`str`.

    Returns
    -------
    str
        The escaped text (``&``, ``<``, ``>``, ``"`` and ``'`` replaced).

    Examples
    --------
    >>> esc('Unit "A" & <B>')
    'Unit &quot;A&quot; &amp; &lt;B&gt;'
    >>> esc(None), esc(3.5)
    ('', '3.5')
    """
    return html.escape("" if text is None else str(text), quote=True)


def tag(name: str, content: str | Html, **attrs: str) -> Html:
    """Return ``<name attrs>content</name>``; ``content`` is escaped unless it is :class:`Html`.

    Parameters
    ----------
    name : str
        The element name, e.g. ``"td"``.
    content : str or Html
        The element's content; plain text is escaped.
    **attrs : str
        Attribute values (escaped).  A trailing underscore is dropped
        (``class_`` -> ``class``) and other underscores become hyphens
        (``data_x`` -> ``data-x``).

    Returns
    -------
    Html
        The element.

    Examples
    --------
    >>> tag("td", "3 < 4", class_="num", data_col="n")
    Html('<td class="num" data-col="n">3 &lt; 4</td>')
    """
    body = content if isinstance(content, Html) else esc(content)
    attr = "".join(f' {k.rstrip("_").replace("_", "-")}="{esc(v)}"' for k, v in attrs.items())
    return Html(f"<{name}{attr}>{body}</{name}>")


def p(text: str | Html, **attrs: str) -> Html:
    """A paragraph.

    Parameters
    ----------
    text : str or Html
        The paragraph's content (escaped unless :class:`Html`).
    **attrs : str
        Attributes of the ``<p>`` element, as for :func:`tag`.

    Returns
    -------
    Html
        The ``<p>`` element.

    Examples
    --------
    >>> p("Skor & nilai", class_="catatan")
    Html('<p class="catatan">Skor &amp; nilai</p>')
    """
    return tag("p", text, **attrs)


def slug(text: str) -> str:
    """Return an anchor id made of ``[a-z0-9-]``.

    Examples
    --------
    >>> slug("Hasil dan Temuan: Level 1")
    'hasil-dan-temuan-level-1'
    """
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "bagian"


def heading(level: int, text: str, *, anchor: str | None = None) -> Html:
    """A heading ``<hN id=...>``.

    Parameters
    ----------
    level : int
        Heading level 1-6.
    text : str
        The heading text (escaped).
    anchor : str, optional
        The ``id``; by default :func:`slug` of ``text``.

    Returns
    -------
    Html
        The heading element.

    Examples
    --------
    >>> heading(3, "Level 2: Pembelajaran")
    Html('<h3 id="level-2-pembelajaran">Level 2: Pembelajaran</h3>')
    """
    return tag(f"h{level}", text, id=anchor or slug(text))


def ul(items: Iterable[str | Html]) -> Html:
    """A bullet list.

    Parameters
    ----------
    items : iterable of str or Html
        The list items (plain strings are escaped).

    Returns
    -------
    Html
        The ``<ul>`` element with one ``<li>`` per item.

    Examples
    --------
    >>> ul(["a < b", Html("<em>c</em>")])
    Html('<ul><li>a &lt; b</li>\\n<li><em>c</em></li></ul>')
    """
    return tag("ul", join(tag("li", item) for item in items))


def join(parts: Iterable[str | Html], sep: str = "\n") -> Html:
    """Join already-safe parts (plain strings are escaped).

    Parameters
    ----------
    parts : iterable of str or Html
        The parts; :class:`Html` parts are kept, others escaped.
    sep : str, default "\\n"
        Separator (inserted as is).

    Returns
    -------
    Html
        The joined HTML.

    Examples
    --------
    >>> join([Html("<br>"), "a&b"], sep="")
    Html('<br>a&amp;b')
    """
    return Html(sep.join(part if isinstance(part, Html) else esc(part) for part in parts))


def quoted(text: object) -> Html:
    """Text quoted from the data (a survey item, an answer, a name), escaped and marked ``class="data"``.

    The report prints such text as the respondents or the codebook wrote it,
    in their language; the mark tells a reader's tools (and the language
    check of the tests) that it is data, not the report's own wording.

    Examples
    --------
    >>> quoted("Materi <baru> & jelas")
    Html('<span class="data">Materi &lt;baru&gt; &amp; jelas</span>')
    """
    return Html(f'<span class="data">{esc(text)}</span>')


def fill_quoted(fill: Callable[..., str], **data: object) -> Html:
    """A catalogue sentence whose ``data`` placeholders hold quoted data (:func:`quoted`), all else escaped.

    Parameters
    ----------
    fill : callable
        Called with one keyword per ``data`` entry; returns the sentence
        (e.g. ``lambda **d: t("key", lang, other=..., **d)``).
    **data : object
        The placeholders that hold text from the data; a value that is
        already :class:`Html` (a part holding quoted data itself) is inserted unchanged.

    Returns
    -------
    Html
        The escaped sentence with each data value marked.

    Examples
    --------
    >>> fill_quoted(lambda **d: "“{text}” — peserta & alumni".format(**d), text="<b>Bagus</b>")
    Html('“<span class="data">&lt;b&gt;Bagus&lt;/b&gt;</span>” — peserta &amp; alumni')
    """
    marks = {name: f"\x00{i}\x00" for i, name in enumerate(data)}
    text = esc(fill(**marks))
    for name, mark in marks.items():
        value = data[name]
        text = text.replace(mark, str(value) if isinstance(value, Html) else str(quoted(value)))
    return Html(text)
