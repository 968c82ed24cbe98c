"""Foreign terms in italics (EYD V): a technical term of another language in the report's text is written slanted.

The terms are listed in the catalogue (``report.foreign_terms``, ``;``-separated, per report
language: English terms in the Indonesian text, Indonesian ones in the English text).
:func:`italicize` wraps each occurrence in the text of already safe HTML in
``<i lang="..">``; tags, attributes and text quoted from the data (``class="data"``) are
left as they are, and nothing is unescaped.

Examples
--------
>>> from kemuning_eval.report.content.htmlsafe import Html
>>> italicize(Html('<p title="pre-test">Nilai pre-test &amp; post-test</p>'), "id")
Html('<p title="pre-test">Nilai <i lang="en">pre-test</i> &amp; <i lang="en">post-test</i></p>')
>>> italicize(Html('<p>pre-test <span class="data">pre-test</span></p>'), "en")
Html('<p>pre-test <span class="data">pre-test</span></p>')
"""

from __future__ import annotations

import re
from functools import cache

from kemuning_eval.i18n import t
from kemuning_eval.report.content.htmlsafe import Html

#: the language a report's foreign terms are in
_OTHER = {"id": "en", "en": "id"}
#: elements whose text is never changed (already slanted, code, quoted data is a span with class data)
_KEEP = frozenset({"i", "em", "code", "script", "style", "title"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
_TAG = re.compile(r"(<[^>]*>)")
_NAME = re.compile(r"</?\s*([a-zA-Z0-9]+)")


@cache
def _pattern(lang: str) -> re.Pattern | None:
    terms = sorted((x.strip() for x in t("report.foreign_terms", lang).split(";") if x.strip()), key=len, reverse=True)
    if not terms:
        return None
    return re.compile(r"(?<![\w/.-])(" + "|".join(re.escape(x) for x in terms) + r")(?![\w/-])", re.IGNORECASE)


def italicize(html: Html, lang: str) -> Html:
    """``html`` with the foreign terms of ``lang``'s text (``report.foreign_terms``) in ``<i lang="..">``.

    Parameters
    ----------
    html : Html
        Safe HTML of the report.
    lang : {"id", "en"}
        The report's language.

    Returns
    -------
    Html
        The same HTML, each term outside tags, ``<i>``/``<code>`` and quoted data slanted.

    Examples
    --------
    >>> italicize(Html("<p>Return on Investment (ROI) dan wild cluster bootstrap</p>"), "id")
    Html('<p><i lang="en">Return on Investment</i> (ROI) dan <i lang="en">wild cluster bootstrap</i></p>')
    """
    pattern = _pattern(lang)
    if pattern is None:
        return html
    wrap = rf'<i lang="{_OTHER[lang]}">\1</i>'
    out: list[str] = []
    open_tags: list[tuple[str, bool]] = []
    for part in _TAG.split(str(html)):
        if part.startswith("<"):
            match = _NAME.match(part)
            name = match.group(1).lower() if match else ""
            if part.startswith("</"):
                if any(n == name for n, _ in open_tags):
                    while open_tags.pop()[0] != name:
                        pass
            elif name and name not in _VOID and not part.endswith("/>"):
                open_tags.append((name, name in _KEEP or bool(re.search(r'class="[^"]*\bdata\b', part))))
            out.append(part)
        elif any(keep for _, keep in open_tags):
            out.append(part)
        else:
            out.append(pattern.sub(wrap, part))
    return Html("".join(out))
