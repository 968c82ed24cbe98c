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
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from kemuning_eval.errors import ReportError
from kemuning_eval.i18n import t

#: Largest report page accepted (bytes).
MAX_BYTES = 5 * 1024 * 1024

_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script\s*>|<script\b[^>]*/>", re.DOTALL | re.IGNORECASE)
_LINK = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_IMPORT = re.compile(r"@import\s+[^;]+;", re.IGNORECASE)
#: Elements that run code or load a document: never published.
ACTIVE_TAGS = frozenset({"script", "iframe", "frame", "frameset", "object", "embed", "applet",
                         "base", "portal"})
#: Attributes whose value is loaded when the page opens (network if not ``data:``).
LOAD_ATTRS = frozenset({"src", "srcset", "poster", "data", "action", "formaction", "background",
                        "xlink:href", "ping", "manifest"})
#: Attributes whose value is a link a click follows.
LINK_ATTRS = frozenset({"href", "xlink:href", "action", "formaction", "src", "data"})
_EXTERNAL_URL = re.compile(r"^\s*(?:https?:)?//", re.IGNORECASE)
_ACTIVE_URL = re.compile(r"^\s*(?:javascript:|vbscript:|data:text/html|data:application)", re.IGNORECASE)
_CSS_EXTERNAL = re.compile(r"""url\(\s*["']?\s*(?:https?:)?//[^)]*\)|@import\b[^;]*""", re.IGNORECASE)
_CSS_ACTIVE = re.compile(r"(?<![-\w])(?:expression\s*\(|behavior\s*:)|javascript:", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    """One element or attribute of a page that breaks a publishing rule.

    Parameters
    ----------
    rule : {"external", "script", "image"}
        The rule broken (``engine.check.<rule>`` in the catalogue).
    text : str
        The offending markup (the start tag, attribute or CSS), cut to 120 characters.

    Examples
    --------
    >>> Finding("script", "<script>").rule
    'script'
    """

    rule: str
    text: str


class _Scanner(HTMLParser):
    """Collect :class:`Finding` s from real markup only: text and attribute values are data."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[Finding] = []
        self._in_style = False

    def _add(self, rule: str, text: str) -> None:
        self.findings.append(Finding(rule, text[:120]))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raw = self.get_starttag_text() or f"<{tag}>"
        if tag in ACTIVE_TAGS:
            self._add("script", raw)
        if tag == "meta" and any(k == "http-equiv" and (v or "").strip().lower() == "refresh"
                                 for k, v in attrs):
            self._add("script", raw)
        if tag == "link":
            self._add("external", raw)
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") or name == "srcdoc":
                self._add("script", raw)
            elif name in LINK_ATTRS and _ACTIVE_URL.match(value):
                self._add("script", raw)
            elif name in LOAD_ATTRS and any(_EXTERNAL_URL.match(part.strip().split(" ")[0] or " ")
                                            for part in value.split(",")):
                self._add("external", f'{name}="{value}"')
            elif name == "style":
                self._css(value)
        if tag == "img":
            src = dict(attrs).get("src") or ""
            if not src.strip().lower().startswith("data:image/"):
                self._add("image", src)
        if tag == "style":
            self._in_style = True

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self._css(data)

    def _css(self, css: str) -> None:
        for match in _CSS_EXTERNAL.finditer(css):
            self._add("external", match.group(0))
        for match in _CSS_ACTIVE.finditer(css):
            self._add("script", match.group(0))


def scan(markup: str) -> list[Finding]:
    """Return what in ``markup`` is active, loads from the network or is a non-embedded image.

    The markup is parsed as a browser would: only real elements and
    attributes count, so escaped text from the data (``&lt;img src=x
    onerror=...&gt;`` in a table cell or an ``alt`` text) is never a finding.

    Parameters
    ----------
    markup : str
        HTML (a page or one cell output).

    Returns
    -------
    list of Finding
        In document order.

    Examples
    --------
    >>> scan('<img alt="&lt;img src=x onerror=alert(1)&gt;" src="data:image/png;base64,AA">')
    []
    >>> [f.rule for f in scan('<p onclick="x()">a</p><img src="x.png"><a href="javascript:x()">b</a>')]
    ['script', 'image', 'script']
    >>> scan('<p>&lt;script&gt;alert(1)&lt;/script&gt; src=//evil.example</p>')
    []
    """
    scanner = _Scanner()
    scanner.feed(markup)
    scanner.close()
    return scanner.findings


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
    return [f.text for f in scan(page) if f.rule == "external"]


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


#: Cell tags whose outputs never reach the page.
_DROPPED_TAGS = {"remove-cell", "remove-output", "parameters", "injected-parameters"}
_SHOWN_MIME = ("text/html", "text/markdown", "image/svg+xml")


def cell_contents(nb: Any) -> list[tuple[str, str]]:
    """Return ``(cell description, markup)`` for every output and Markdown cell the page shows.

    Used by :func:`check_page` to name the cell an offending element came from.

    Parameters
    ----------
    nb : nbformat.NotebookNode or dict
        The executed notebook.

    Returns
    -------
    list of (str, str)
        ``"sel N 'first line' [tag ...]"`` (N = position, 1-based) and the
        HTML/Markdown text of each shown output (stderr and dropped cells skipped).

    Examples
    --------
    >>> nb = {"cells": [{"cell_type": "code", "source": "tampil()", "metadata": {},
    ...                  "outputs": [{"output_type": "display_data", "data": {"text/html": "<p>x</p>"}}]},
    ...                 {"cell_type": "code", "source": "x", "metadata": {"tags": ["remove-output"]},
    ...                  "outputs": [{"output_type": "display_data", "data": {"text/html": "<script>"}}]}]}
    >>> cell_contents(nb)
    [("sel 1 'tampil()'", '<p>x</p>')]
    """
    from kemuning_eval.report.engine.execute import cell_label

    out = []
    for i, cell in enumerate(nb["cells"], start=1):
        tags = set((cell.get("metadata") or {}).get("tags") or [])
        if tags & _DROPPED_TAGS:
            continue
        label = f"sel {i} {cell_label(cell)}"
        if cell.get("cell_type") == "markdown":
            source = cell.get("source") or ""
            out.append((label, "".join(source) if isinstance(source, list) else source))
            continue
        for output in cell.get("outputs") or []:
            for mime in _SHOWN_MIME:
                text = (output.get("data") or {}).get(mime)
                if text:
                    out.append((label, "".join(text) if isinstance(text, list) else text))
    return out


def check_page(
    page: str,
    *,
    name: str,
    code_sources: Iterable[str] = (),
    forbidden_texts: Iterable[str] = (),
    max_bytes: int = MAX_BYTES,
    lang: str = "id",
    content: Iterable[tuple[str, str]] = (),
) -> None:
    """Raise :class:`ReportError` unless ``page`` is fit to publish.

    Markup is told from text by parsing (:func:`scan`): text from the data
    that the content escaped (a programme name ``<img src=x onerror=...>``
    in a table, an ``alt`` text, a quote) is text and passes; a real active
    element, event attribute, network load or non-embedded image fails, and
    the message names the notebook cell whose output holds it (``content``),
    or the page template when no output does.  Active elements in an
    output are refused even though the exporter would drop ``<script>``:
    they mean a text was not escaped.

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
    content : iterable of (str, str)
        The shown outputs, from :func:`cell_contents`.

    Examples
    --------
    >>> check_page("<p>ok</p>", name="r.html")
    >>> check_page('<img src="grafik.png">', name="r.html")
    Traceback (most recent call last):
    ...
    kemuning_eval.errors.ReportError: gambar tidak tertanam dalam laporan [file r.html, nilai 'grafik.png'] -> ...
    >>> check_page('<td>&lt;img src=x onerror=alert(1)&gt;</td>', name="r.html")
    >>> check_page('<p>a</p>', name="r.html", content=[("sel 4 'tabel()'", '<b onmouseover="x()">P1</b>')])
    Traceback (most recent call last):
    ...
    kemuning_eval.errors.ReportError: laporan memuat skrip atau elemen aktif [file r.html, nilai '<b onmouseover="x()">'] -> berasal dari sel 4 'tabel()': ...
    """
    def fail(key: str, value: object, source: str | None = None) -> None:
        hint = t("engine.hint.check", lang)
        if source:
            hint = t("check.hint.source", lang, source=source, hint=hint)
        raise ReportError(t(f"engine.check.{key}", lang), file=name, value=value, hint=hint)

    size = len(page.encode("utf-8"))
    if size > max_bytes:
        fail("too_large", f"{size / 1e6:.1f} MB > {max_bytes / 1e6:.1f} MB")
    for label, markup in content:
        for finding in scan(markup):
            if finding.rule in ("script", "external"):
                fail(finding.rule, finding.text, label)
    findings = scan(page)
    for rule in ("external", "script", "image"):
        first = next((f for f in findings if f.rule == rule), None)
        if first is not None:
            source = next((label for label, markup in content
                           if Finding(rule, first.text) in scan(markup)), None)
            fail(rule, first.text, source or t("check.template", lang))
    leaks = code_leaks(page, code_sources)
    if leaks:
        fail("code", leaks[0])
    for text in forbidden_texts:
        if text and (text in page or html.escape(text) in page):
            fail("forbidden", text)
