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
from collections.abc import Iterable


class Html(str):
    """A string of safe HTML; Jupyter shows it as HTML."""

    def _repr_html_(self) -> str:
        return str(self)

    def __repr__(self) -> str:
        return f"Html({str.__repr__(self)})"


def esc(text: object) -> str:
    """Escape ``text`` for HTML text and attribute values (quotes included)."""
    return html.escape("" if text is None else str(text), quote=True)


def tag(name: str, content: str | Html, **attrs: str) -> Html:
    """Return ``<name attrs>content</name>``; ``content`` is escaped unless it is :class:`Html`."""
    body = content if isinstance(content, Html) else esc(content)
    attr = "".join(f' {k.rstrip("_").replace("_", "-")}="{esc(v)}"' for k, v in attrs.items())
    return Html(f"<{name}{attr}>{body}</{name}>")


def p(text: str | Html, **attrs: str) -> Html:
    """A paragraph."""
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
    """A heading ``<hN id=...>``."""
    return tag(f"h{level}", text, id=anchor or slug(text))


def ul(items: Iterable[str | Html]) -> Html:
    """A bullet list."""
    return tag("ul", join(tag("li", item) for item in items))


def join(parts: Iterable[str | Html], sep: str = "\n") -> Html:
    """Join already-safe parts (plain strings are escaped)."""
    return Html(sep.join(part if isinstance(part, Html) else esc(part) for part in parts))
