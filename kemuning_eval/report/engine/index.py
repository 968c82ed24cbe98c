"""The index page ``reports/index.html``: every report built, by year and language.

Regenerated after each build from what is on disk, so it never lists a
report that is not there.  Titles are read from each page's ``<title>``;
every file name and title is escaped, links are percent-encoded relative
paths (the folder can be copied or served anywhere).

Examples
--------
>>> import tempfile
>>> root = Path(tempfile.mkdtemp())
>>> page = root / "2026" / "program" / "P<1>" / "laporan-P<1>-2026.html"
>>> page.parent.mkdir(parents=True)
>>> _ = page.write_text("<title>Program &lt;1&gt;</title>", encoding="utf-8")
>>> [(e.year, e.lang, e.program_id) for e in find_reports(root)]
[(2026, 'id', 'P<1>')]
>>> html = write_index(root).read_text(encoding="utf-8")
>>> 'href="2026/program/P%3C1%3E/laporan-P%3C1%3E-2026.html"' in html, "P<1>" in html
(True, False)
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from kemuning_eval.i18n import LANGS, t
from kemuning_eval.publication import retry_locked

_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL | re.IGNORECASE)


@dataclass(frozen=True)
class ReportEntry:
    """One published report page.

    Parameters
    ----------
    year : int
        Evaluation year.
    lang : str
        Language of the page (``"id"`` or ``"en"``).
    program_id : str or None
        Programme of a per-programme report; ``None`` for the main report.
    path : Path
        The HTML file.
    title : str
        The page's title.

    Examples
    --------
    >>> e = ReportEntry(2026, "id", None, Path("2026/laporan-evaluasi-2026.html"), "Laporan 2026")
    >>> e.year, e.program_id, e.path.name
    (2026, None, 'laporan-evaluasi-2026.html')
    """

    year: int
    lang: str
    program_id: str | None
    path: Path
    title: str


def read_title(path: Path) -> str:
    """Return the text of the page's ``<title>`` (its file name when there is none).

    Only the first 8 KiB are read; entities are decoded.

    Parameters
    ----------
    path : Path
        An HTML file.

    Returns
    -------
    str
        The title text.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     a, b = Path(d) / "a.html", Path(d) / "b.html"
    ...     _ = a.write_text("<title> Hasil &amp; Temuan </title>", encoding="utf-8")
    ...     _ = b.write_text("<p>tanpa judul</p>", encoding="utf-8")
    ...     print(read_title(a), "|", read_title(b))
    Hasil & Temuan | b.html
    """
    with open(path, encoding="utf-8", errors="replace") as handle:
        head = handle.read(8192)
    match = _TITLE.search(head)
    return html.unescape(match.group(1)).strip() if match else path.name


def _pages(folder: Path, year: int, lang: str) -> list[ReportEntry]:
    out = []
    main = folder / f"laporan-evaluasi-{year}.html"
    if main.is_file():
        out.append(ReportEntry(year, lang, None, main, read_title(main)))
    program_root = folder / "program"
    if program_root.is_dir():
        for sub in sorted(program_root.iterdir()):
            page = sub / f"laporan-{sub.name}-{year}.html"
            if page.is_file():
                out.append(ReportEntry(year, lang, sub.name, page, read_title(page)))
    return out


def find_reports(reports_root: Path) -> list[ReportEntry]:
    """Return every report page under ``reports_root``: newest year first, main report first.

    Parameters
    ----------
    reports_root : Path
        The ``reports/`` folder; Indonesian pages live in ``<year>/``,
        others in ``<year>/<lang>/``.

    Returns
    -------
    list of ReportEntry
        The pages found (none when the folder is missing).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     root = Path(d)
    ...     for year in (2025, 2026):
    ...         f = root / str(year) / f"laporan-evaluasi-{year}.html"
    ...         f.parent.mkdir(parents=True)
    ...         _ = f.write_text("<title>L</title>", encoding="utf-8")
    ...     print([(e.year, e.lang, e.program_id) for e in find_reports(root)])
    [(2026, 'id', None), (2025, 'id', None)]
    >>> find_reports(Path("no/such/reports"))
    []
    """
    entries: list[ReportEntry] = []
    if not reports_root.is_dir():
        return entries
    years = sorted((int(p.name) for p in reports_root.iterdir() if p.is_dir() and p.name.isdigit()),
                   reverse=True)
    for year in years:
        for lang in LANGS:
            folder = reports_root / str(year) if lang == LANGS[0] else reports_root / str(year) / lang
            entries.extend(_pages(folder, year, lang))
    return entries


def render_index(entries: list[ReportEntry], reports_root: Path, *, lang: str = "id") -> str:
    """Return the HTML of the index page listing ``entries``.

    Parameters
    ----------
    entries : list of ReportEntry
        The pages to list (from :func:`find_reports`).
    reports_root : Path
        The folder the links are relative to.
    lang : {"id", "en"}
        Language of the index page's own texts.

    Returns
    -------
    str
        A self-contained HTML page (inline CSS), titles and links escaped.

    Examples
    --------
    >>> root = Path("reports")
    >>> e = ReportEntry(2026, "id", None, root / "2026" / "laporan-evaluasi-2026.html", "A & B")
    >>> page = render_index([e], root)
    >>> '<a href="2026/laporan-evaluasi-2026.html">A &amp; B</a>' in page
    True
    >>> "Belum ada laporan" in render_index([], root)
    True
    """
    from kemuning_eval.report.engine.export import templates_dir

    css = (templates_dir() / "kemuning" / "report.css").read_text(encoding="utf-8")
    title = t("engine.index.title", lang)
    parts = ["<!DOCTYPE html>", f'<html lang="{lang}">', "<head>", '<meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
             f"<title>{html.escape(title)}</title>", f"<style>\n{css}</style>", "</head>",
             '<body class="kemuning-report">', "<main>", f"<h1>{html.escape(title)}</h1>"]
    if not entries:
        parts.append(f"<p>{html.escape(t('engine.index.empty', lang))}</p>")
    for year in sorted({e.year for e in entries}, reverse=True):
        parts.append(f'<h2 id="tahun-{year}">{html.escape(t("engine.index.year", lang, year=year))}</h2>')
        for report_lang in LANGS:
            group = [e for e in entries if e.year == year and e.lang == report_lang]
            if not group:
                continue
            parts.append(f"<h3>{html.escape(t(f'engine.index.lang.{report_lang}', lang))}</h3>")
            parts.append("<ul>")
            for e in group:
                href = quote(e.path.relative_to(reports_root).as_posix())
                label = (t("engine.index.main", lang) if e.program_id is None
                         else t("engine.index.program", lang, program_id=e.program_id))
                parts.append(f'<li><a href="{html.escape(href)}">{html.escape(e.title)}</a>'
                             f" <small>({html.escape(label)})</small>"
                             f"{format_links(e.path, reports_root, lang)}</li>")
            parts.append("</ul>")
    parts += ["</main>", "</body>", "</html>", ""]
    return "\n".join(parts)


def format_links(page: Path, reports_root: Path, lang: str = "id") -> str:
    """Return the links to the PDF and DOCX published beside ``page`` (``""`` when there are none).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     root = Path(d)
    ...     _ = (root / "r.pdf").write_bytes(b"%PDF")
    ...     print(repr(format_links(root / "r.html", root)))
    ' · <a href="r.pdf">PDF</a>'
    """
    from kemuning_eval.report.engine.formats import FORMATS, output_name

    links = []
    for fmt in FORMATS[1:]:
        other = page.with_name(output_name(page.name, fmt))
        if other.is_file():
            href = quote(other.relative_to(reports_root).as_posix())
            links.append(f'<a href="{html.escape(href)}">{html.escape(t(f"index.format.{fmt}", lang))}</a>')
    return "".join(f" · {link}" for link in links)


def write_index(reports_root: Path, *, lang: str = "id") -> Path:
    """Regenerate ``reports_root/index.html`` atomically and return its path.

    Parameters
    ----------
    reports_root : Path
        The ``reports/`` folder (created when missing).
    lang : {"id", "en"}
        Language of the index page's own texts.

    Returns
    -------
    Path
        ``reports_root/index.html``.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     out = write_index(Path(d) / "reports", lang="en")
    ...     print(out.name, '<html lang="en">' in out.read_text(encoding="utf-8"))
    index.html True
    """
    reports_root.mkdir(parents=True, exist_ok=True)
    page = render_index(find_reports(reports_root), reports_root, lang=lang)
    target = reports_root / "index.html"
    tmp = target.with_name(f".index.html.tmp-{os.getpid()}")
    tmp.write_text(page, encoding="utf-8")
    retry_locked(lambda: os.replace(tmp, target), target)
    return target
