"""Convert the report page to an editable Word file (DOCX) with pandoc.

pandoc (the binary that the ``pypandoc-binary`` wheel ships, so no system
install is needed) reads the published HTML page and writes Word's own
structure: the report title in the *Title* style, chapters (``<h2>``) as
*Heading 1*, their sections as *Heading 2* and *Heading 3* (so Word's
navigation pane and automatic table of contents work; a table-of-contents
field is inserted that Word fills on opening), real tables with their
captions, figures as embedded pictures with captions, and plain editable
paragraphs.  The HTML's own contents list is dropped (the Word field
replaces it).

pandoc stamps the conversion time into ``docProps/core.xml`` and the zip
entries: :func:`normalise_docx` sets both from the report date, so the same
inputs give the same bytes.

Examples
--------
>>> drop_html_toc('<p>a</p><nav class="report-toc"><ol><li>x</li></ol></nav><p>b</p>')
'<p>a</p><p>b</p>'
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from kemuning_eval.errors import ReportError
from kemuning_eval.i18n import t
from kemuning_eval.report.engine.toc import TOC_NAV

_STYLE = re.compile(r"<style\b.*?</style>", re.DOTALL)
_CORE_DATE = re.compile(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")
#: pandoc options: chapters (h2) become Heading 1; a Word table-of-contents field of three levels.
PANDOC_ARGS = ("--shift-heading-level-by=-1", "--toc", "--toc-depth=3")


def drop_html_toc(page: str) -> str:
    """Return ``page`` without its contents list (``nav.report-toc``) and style sheets.

    Examples
    --------
    >>> drop_html_toc("<style>p {}</style><p>x</p>")
    '<p>x</p>'
    """
    return _STYLE.sub("", TOC_NAV.sub("", page))


def pandoc_path(lang: str = "id") -> str:
    """Return the pandoc program of ``pypandoc-binary`` (or one on ``PATH``).

    Raises
    ------
    ReportError
        No pandoc, with a hint saying how to install it.

    Examples
    --------
    >>> Path(pandoc_path()).name.startswith("pandoc")
    True
    """
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        raise ReportError(t("formats.error.no_pandoc", lang), hint=t("formats.hint.no_pandoc", lang)) from None


def normalise_docx(path: Path, *, report_date: str) -> None:
    """Rewrite the DOCX at ``path`` with fixed dates, so equal inputs give equal bytes.

    The created/modified dates of ``docProps/core.xml`` become ``report_date``
    (midnight UTC), every zip entry gets that date too, in a fixed order.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = Path(d) / "a.docx"
    ...     with zipfile.ZipFile(p, "w") as z:
    ...         z.writestr("docProps/core.xml", '<dcterms:created x="y">2030-01-01T10:11:12Z</dcterms:created>')
    ...     normalise_docx(p, report_date="2026-12-15")
    ...     with zipfile.ZipFile(p) as z:
    ...         print(z.read("docProps/core.xml").decode(), z.infolist()[0].date_time)
    <dcterms:created x="y">2026-12-15T00:00:00Z</dcterms:created> (2026, 12, 15, 0, 0, 0)
    """
    year, month, day = (int(part) for part in report_date.split("-"))
    with zipfile.ZipFile(path) as source:
        entries = [(info.filename, source.read(info)) for info in source.infolist()]
    tmp = path.with_name(f".{path.name}.tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries:  # [Content_Types].xml stays first, as Word expects
            if name == "docProps/core.xml":
                data = _CORE_DATE.sub(rf"\g<1>{report_date}T00:00:00Z\g<3>", data.decode("utf-8")).encode()
            info = zipfile.ZipInfo(name, date_time=(year, month, day, 0, 0, 0))
            info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            target.writestr(info, data)
    tmp.replace(path)


def write_docx(html_path: Path, out: Path, *, lang: str, report_date: str) -> Path:
    """Convert the report page ``html_path`` to the Word file ``out``.

    Parameters
    ----------
    html_path : Path
        The exported, checked report page.
    out : Path
        The DOCX to write (in the build folder; a failure leaves no file).
    lang : {"id", "en"}
        Language of the messages (and the document's language tag).
    report_date : str
        ISO date the file carries (see :func:`normalise_docx`).

    Returns
    -------
    Path
        ``out``.

    Raises
    ------
    ReportError
        No pandoc, or the conversion failed.

    Examples
    --------
    >>> import tempfile
    >>> import docx
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = (Path(d) / "r.html").write_text("<h1>Laporan</h1><h2 id='a'>Pendahuluan</h2><p>Isi.</p>",
    ...                                         encoding="utf-8")
    ...     out = write_docx(Path(d) / "r.html", Path(d) / "r.docx", lang="id", report_date="2026-12-15")
    ...     print([(p.style.name, p.text) for p in docx.Document(str(out)).paragraphs if p.text])
    [('Title', 'Laporan'), ('Heading 1', 'Pendahuluan'), ('First Paragraph', 'Isi.')]
    """
    import subprocess

    pandoc = pandoc_path(lang)
    source = out.with_name(f".docx-{out.stem}.html")
    source.write_text(drop_html_toc(html_path.read_text(encoding="utf-8")), encoding="utf-8")
    command = [pandoc, "--from=html", "--to=docx", *PANDOC_ARGS, f"--metadata=lang:{lang}",
               f"--metadata=toc-title:{t('engine.toc.title', lang)}",
               f"--output={out}", str(source)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False,
                              env=_pandoc_env(report_date))
        if done.returncode != 0 or not out.is_file():
            error = (done.stderr.strip().splitlines() or [str(done.returncode)])[-1]
            raise ReportError(t("formats.error.docx_failed", lang, error=error), file=str(out))
        normalise_docx(out, report_date=report_date)
    except BaseException:
        out.unlink(missing_ok=True)
        raise
    finally:
        source.unlink(missing_ok=True)
    return out


def _pandoc_env(report_date: str) -> dict[str, str]:
    """The environment of pandoc: ``SOURCE_DATE_EPOCH`` from the report date (its own timestamps)."""
    import datetime as _dt
    import os

    midnight = _dt.datetime.fromisoformat(report_date).replace(tzinfo=_dt.UTC)
    return {**os.environ, "SOURCE_DATE_EPOCH": str(int(midnight.timestamp()))}
