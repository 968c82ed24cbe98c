"""Checks and clean-up of a report page before it is published.

A published report must open with no network, run no script, embed every
image, show no source code and stay small.  :func:`make_offline` removes
what nbconvert or a library might add (scripts, external style sheets);
:func:`check_page` then refuses a page that still breaks a rule, with a
:class:`~kemuning_eval.errors.ReportError` saying which rule and where.

Examples
--------
>>> page = '<p>a</p><script src="https://cdn.example/x.js"></script>'
>>> make_offline(page)
'<p>a</p>'
>>> external_references('<img src="https://x/y.png"><a href="https://bpsdm.example">situs</a>')
['src="https://x/y.png"']
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from kemuning_eval.errors import ReportError
from kemuning_eval.i18n import t

#: Largest report page accepted (bytes).
MAX_BYTES = 5 * 1024 * 1024

_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script\s*>|<script\b[^>]*/>", re.DOTALL | re.IGNORECASE)
_LINK = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_IMPORT = re.compile(r"@import\s+[^;]+;", re.IGNORECASE)
_EXTERNAL = re.compile(
    r"""(?:\b(?:src|srcset|poster|data|action|formaction|background)\s*=\s*["']?\s*(?:https?:)?//[^"'\s>]*["']?"""
    r"""|url\(\s*["']?\s*(?:https?:)?//[^)]*\))""",
    re.IGNORECASE,
)
_IMG_SRC = re.compile(r"""<img\b[^>]*?\ssrc\s*=\s*["']?([^"'\s>]*)""", re.IGNORECASE)
_EVENT_ATTR = re.compile(r"<[a-zA-Z][^<>]*\son[a-z]+\s*=", re.IGNORECASE)
_ACTIVE_TAGS = re.compile(r"<(?:script|iframe|object|embed|base)\b", re.IGNORECASE)


def make_offline(page: str) -> str:
    """Remove scripts, ``<link>`` elements and CSS ``@import`` from ``page``.

    Parameters
    ----------
    page : str
        An HTML page.

    Returns
    -------
    str
        The page without ``<script>`` elements, ``<link>`` elements and
        ``@import`` rules; everything else unchanged.

    Examples
    --------
    >>> make_offline('<link rel="stylesheet" href="x.css"><style>@import url(a.css); p {}</style><p>ok</p>')
    '<style> p {}</style><p>ok</p>'
    """
    return _IMPORT.sub("", _LINK.sub("", _SCRIPT.sub("", page)))


def external_references(page: str) -> list[str]:
    """Return every reference in ``page`` that would load something from the network.

    Plain links (``<a href>``) are navigation, not loads, and are allowed.

    Parameters
    ----------
    page : str
        An HTML page.

    Returns
    -------
    list of str
        The offending attribute or CSS ``url(...)`` texts, in page order.

    Examples
    --------
    >>> external_references('<div style="background: url(//cdn.example/b.png)"></div>')
    ['url(//cdn.example/b.png)']
    >>> external_references('<img src="data:image/png;base64,AAAA">')
    []
    """
    return [m.group(0) for m in _EXTERNAL.finditer(page)]


def code_leaks(page: str, sources: Iterable[str], *, min_chars: int = 20) -> list[str]:
    """Return the lines of code ``sources`` that appear in ``page`` (escaped or not).

    Examples
    --------
    >>> code_leaks("<p>total = df.groupby('x').sum()</p>", ["total = df.groupby('x').sum()\\nx=1"])
    ["total = df.groupby('x').sum()"]
    """
    found = []
    for source in sources:
        for line in source.splitlines():
            line = line.strip()
            if len(line) >= min_chars and (line in page or html.escape(line) in page
                                           or html.escape(line, quote=False) in page):
                found.append(line)
    return found


def check_page(
    page: str,
    *,
    name: str,
    code_sources: Iterable[str] = (),
    forbidden_texts: Iterable[str] = (),
    max_bytes: int = MAX_BYTES,
    lang: str = "id",
) -> None:
    """Raise :class:`ReportError` unless ``page`` is fit to publish.

    Parameters
    ----------
    page : str
        The final HTML.
    name : str
        Name of the report file (for the message).
    code_sources : iterable of str
        Sources of the notebook's code cells, none of which may be shown.
    forbidden_texts : iterable of str
        Other texts that must not appear (e.g. the staging folder's path).
    max_bytes : int
        Size limit of the page.
    lang : {"id", "en"}
        Language of the messages.

    Examples
    --------
    >>> check_page("<p>ok</p>", name="r.html")
    >>> check_page('<img src="grafik.png">', name="r.html")
    Traceback (most recent call last):
    ...
    kemuning_eval.errors.ReportError: gambar tidak tertanam dalam laporan [file r.html, nilai 'grafik.png'] -> ...
    """
    def fail(key: str, value: object) -> None:
        raise ReportError(t(f"engine.check.{key}", lang), file=name, value=value,
                          hint=t("engine.hint.check", lang))

    size = len(page.encode("utf-8"))
    if size > max_bytes:
        fail("too_large", f"{size / 1e6:.1f} MB > {max_bytes / 1e6:.1f} MB")
    external = external_references(page)
    if external:
        fail("external", external[0])
    active = _ACTIVE_TAGS.search(page) or _EVENT_ATTR.search(page)
    if active:
        fail("script", page[active.start() : active.start() + 60])
    for src in _IMG_SRC.findall(page):
        if not src.startswith("data:"):
            fail("image", src)
    leaks = code_leaks(page, code_sources)
    if leaks:
        fail("code", leaks[0])
    for text in forbidden_texts:
        if text and (text in page or html.escape(text) in page):
            fail("forbidden", text)
