"""The bundled 2026 study rendered as the report notebooks render it, and the text a reader sees.

:func:`render_notebook` runs the shown cells of a report notebook (``display(rep....)``) on a
:class:`~kemuning_eval.report.content.render.Report` built from the metrics, without a kernel;
:func:`visible_text` keeps the text of the page only (no attributes, no ``<script>``/``<style>``);
:func:`own_text` keeps the report's own wording: the visible text less what is quoted from the data
(``class="data"``: survey items, answers; ``<blockquote>``: interview quotes).
"""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

from report_study import pseudonym_key

REPO = Path(__file__).resolve().parents[1]
YEAR = 2026
KEY = "test-key-presentation-0123456789abcdef"


def bundled_project(root: Path) -> Path:
    """A project holding a copy of the bundled ``data/raw/2026``, ingested."""
    from kemuning_eval.ingest.pipeline import ingest_study
    from kemuning_eval.paths import ProjectPaths

    shutil.copytree(REPO / "data" / "raw" / str(YEAR), root / "data" / "raw" / str(YEAR))
    with pseudonym_key(KEY):
        ingest_study(YEAR, paths=ProjectPaths(root))
    return root


def render_notebook(root: Path, notebook: str, lang: str, program_id: str = "") -> str:
    """The HTML the shown cells of ``notebooks/<notebook>`` display, in order."""
    from kemuning_eval.report.content import render
    from kemuning_eval.report.results import metrics

    data = metrics.load_scoped_tables(YEAR, root=root)
    m = metrics.compute_metrics(YEAR, root=root, lang=lang, program_id=program_id or None,
                                report_date="2026-12-15", tables=data)
    rep = render.Report(m, lang, tests=metrics.scope_tables(data, program_id or None).get("tests"))
    shown: list[str] = []
    nb = json.loads((REPO / "notebooks" / notebook).read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if "remove-input" in (cell["metadata"].get("tags") or []):
            exec("".join(cell["source"]), {"rep": rep, "display": lambda h: shown.append(str(h))})  # noqa: S102
    return "\n".join(shown)


#: elements without an end tag (never on the stack of open elements)
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


class _Text(HTMLParser):
    def __init__(self, *, quoted: bool = True) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._quoted = quoted
        self._open: list[tuple[str, bool]] = []  # open elements: (tag, is its content left out?)

    def _skipped(self, tag, attrs) -> bool:
        if tag in ("script", "style"):
            return True
        classes = (dict(attrs).get("class") or "").split()
        return not self._quoted and (tag == "blockquote" or "data" in classes)

    def handle_starttag(self, tag, attrs):
        if tag not in _VOID:
            self._open.append((tag, self._skipped(tag, attrs)))

    def handle_endtag(self, tag):
        if any(name == tag for name, _ in self._open):  # an element left open inside closes with its parent
            while self._open.pop()[0] != tag:
                pass

    def handle_data(self, data):
        if not any(skip for _, skip in self._open):
            self.parts.append(data)


def visible_text(page: str) -> str:
    """The text a reader sees: element contents only, one part per line."""
    parser = _Text()
    parser.feed(page)
    return "\n".join(x for x in parser.parts if x.strip())


def own_text(page: str) -> str:
    """The report's own wording: :func:`visible_text` less the text quoted from the data."""
    parser = _Text(quoted=False)
    parser.feed(page)
    return "\n".join(x for x in parser.parts if x.strip())
