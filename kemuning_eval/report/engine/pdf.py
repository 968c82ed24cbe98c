"""Print the report page to an A4 PDF with headless Chromium (through Playwright).

The PDF is the published HTML page printed by a real browser engine:
Chromium's ``Page.printToPDF`` (DevTools protocol), driven by Playwright's
``page.pdf`` with the machine's Chromium (``/usr/bin/chromium``, or
``KEMUNING_EVAL_CHROMIUM``; Playwright downloads no browser here).  Before
printing, the page gets the print rules of ``templates/kemuning/print.css``
(A4 margins, chapter breaks, rows that never split, table headers repeated on
every page, figures kept with their captions) and the bundled DejaVu Sans
fonts as ``@font-face`` data URLs, so every machine prints the same glyphs;
Chromium embeds the subset used.  The running header (report title, and the
synthetic-data notice when the data are synthetic) and the page numbers are
Chromium's header and footer templates, so they appear on every page.

Chromium stamps the print time into the file (``/CreationDate``,
``/ModDate``, an XMP packet and a random ``/ID``): :func:`normalise_pdf`
rewrites these with pypdf from the report date, so the same inputs give the
same bytes.

Examples
--------
>>> header = header_template("Laporan <2026>", notice="DATA SINTETIS")
>>> "Laporan &lt;2026&gt;" in header, "DATA SINTETIS" in header
(True, True)
>>> pdf_date("2026-12-15")
'D:20261215000000Z'
"""

from __future__ import annotations

import base64
import html as _html
import os
import re
import shutil
from pathlib import Path

from kemuning_eval.errors import ReportError
from kemuning_eval.i18n import t
from kemuning_eval.report.content.htmlsafe import esc
from kemuning_eval.report.engine.lists import LISTS_OPEN
from kemuning_eval.report.engine.toc import TOC_NAV

#: Environment variable naming the Chromium (or Chrome) program to print with.
CHROMIUM_ENV = "KEMUNING_EVAL_CHROMIUM"
#: Where Chromium is looked for when the variable is not set (then ``PATH``).
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")
#: Command-line switches of the headless browser (no sandbox: runs as root in CI and containers).
CHROMIUM_ARGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking")
#: Seconds Chromium may take to load and print one report.
PRINT_TIMEOUT_SECONDS = 180
_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)
_CHAPTER = re.compile(r"<h2 id=")
_NODE_ID = re.compile(r"node\d{8}")
_FONTS = {"FONT_REGULAR": "DejaVuSans.ttf", "FONT_BOLD": "DejaVuSans-Bold.ttf"}
_TEMPLATE_STYLE = ("font-family: 'Kemuning Sans', sans-serif; font-size: 8pt; color: #333; width: 100%;"
                   " margin: 0 20mm 0 25mm; display: flex; justify-content: space-between;")


def find_chromium() -> str | None:
    """Return the Chromium program to print with, or None when there is none.

    ``KEMUNING_EVAL_CHROMIUM`` when set (and a file), else the first of
    :data:`CHROMIUM_CANDIDATES`, else the first of :data:`CHROMIUM_NAMES` on ``PATH``.

    Examples
    --------
    >>> os.environ[CHROMIUM_ENV] = "/no/such/chromium"
    >>> find_chromium() is None
    True
    >>> del os.environ[CHROMIUM_ENV]
    """
    configured = os.environ.get(CHROMIUM_ENV)
    if configured:
        return configured if Path(configured).is_file() else None
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).is_file():
            return candidate
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def require_chromium(lang: str = "id") -> str:
    """Return the Chromium program, or raise the catalogue's error saying how to install it.

    Called before a build starts, so that a missing browser writes nothing.

    Raises
    ------
    ReportError
        No Chromium, or the Playwright library is missing.

    Examples
    --------
    >>> os.environ[CHROMIUM_ENV] = "/no/such/chromium"
    >>> require_chromium("en")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kemuning_eval.errors.ReportError: Chromium not found; ... -> install Chromium (Debian/Ubuntu: ...
    >>> del os.environ[CHROMIUM_ENV]
    """
    executable = find_chromium()
    if executable is None:
        raise ReportError(t("formats.error.no_chromium", lang), hint=t("formats.hint.no_chromium", lang))
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        raise ReportError(t("formats.error.no_playwright", lang),
                          hint=t("formats.hint.no_playwright", lang)) from None
    return executable


def fonts_dir() -> Path:
    """Return the folder of the bundled fonts (``templates/fonts``).

    Examples
    --------
    >>> (fonts_dir() / "DejaVuSans.ttf").is_file()
    True
    """
    from kemuning_eval.report.engine.export import templates_dir

    return templates_dir() / "fonts"


def print_stylesheet() -> str:
    """Return the print rules of the PDF with the bundled fonts as ``data:`` URLs.

    Examples
    --------
    >>> css = print_stylesheet()
    >>> "size: A4" in css, "url(data:font/ttf;base64," in css, "FONT_BOLD" in css
    (True, True, False)
    """
    from kemuning_eval.report.engine.export import templates_dir

    css = (templates_dir() / "kemuning" / "print.css").read_text(encoding="utf-8")
    for placeholder, name in _FONTS.items():
        data = base64.b64encode((fonts_dir() / name).read_bytes()).decode("ascii")
        css = css.replace(f"url({placeholder})", f"url(data:font/ttf;base64,{data})")
    return css


def font_subset(name: str, text: str) -> bytes:
    """Return the bundled font ``name`` cut down to the characters of ``text`` (fontTools).

    Chromium parses the header and footer templates again for every page: a
    full font there makes printing several times slower.

    Examples
    --------
    >>> len(font_subset("DejaVuSans.ttf", "Halaman 0123456789")) < 40_000
    True
    """
    import io

    from fontTools import subset

    options = subset.Options()
    options.name_IDs, options.notdef_outline = ["*"], True
    options.drop_tables = [*options.drop_tables, "FFTM"]  # FontForge's timestamp table
    font = subset.load_font(str(fonts_dir() / name), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text + "0123456789 ")
    subsetter.subset(font)
    out = io.BytesIO()
    subset.save_font(font, out, options)
    return out.getvalue()


def template_fonts(text: str) -> str:
    """A ``<style>`` with the bundled fonts, cut to ``text``, for Chromium's header and footer.

    The templates are separate documents that do not see the page's fonts.

    Examples
    --------
    >>> template_fonts("Halaman").startswith("<style>@font-face")
    True
    """
    faces = []
    for weight, name in ((400, _FONTS["FONT_REGULAR"]), (700, _FONTS["FONT_BOLD"])):
        data = base64.b64encode(font_subset(name, text)).decode("ascii")
        faces.append(f'@font-face {{ font-family: "Kemuning Sans"; font-weight: {weight}; '
                     f'src: url(data:font/ttf;base64,{data}) format("truetype"); }}')
    return "<style>" + " ".join(faces) + "</style>"


def print_page(page: str) -> str:
    """Return the HTML ``page`` as it is printed: print rules added, contents list after the cover.

    The print rules come last, so they win over the page's own; the contents
    list (``nav.report-toc``, after the title on screen) moves to just before
    the first chapter, so that the cover (notice, title, subtitle) has a page
    of its own and the contents list another.

    Examples
    --------
    >>> out = print_page('<html><head></head><body><h1>T</h1><nav class="report-toc">toc</nav>'
    ...                  '<p class="subtitle">sub</p><h2 id="a">A</h2></body></html>')
    >>> out.index("@font-face") < out.index("</head>")
    True
    >>> out.index(">sub<") < out.index(">toc<") < out.index(">A</h2>")
    True
    """
    nav = None if LISTS_OPEN in page else TOC_NAV.search(page)  # the front matter placed it already
    if nav:
        rest = page[:nav.start()] + page[nav.end():]
        chapter = _CHAPTER.search(rest, nav.start())
        if chapter:
            page = rest[:chapter.start()] + nav.group(0) + rest[chapter.start():]
    style = f"<style>\n{print_stylesheet()}\n</style>\n"
    head_end = page.find("</head>")
    return page[:head_end] + style + page[head_end:] if head_end >= 0 else style + page


def page_title(page: str) -> str:
    """Return the text of the page's ``<title>`` (unescaped; ``""`` when there is none).

    Examples
    --------
    >>> page_title("<head><title>Laporan &amp; Evaluasi</title></head>")
    'Laporan & Evaluasi'
    """
    found = _TITLE.search(page)
    return _html.unescape(found.group(1)).strip() if found else ""


def header_template(title: str, *, notice: str = "") -> str:
    """Chromium's header template: the report title, and ``notice`` (synthetic data) when given.

    Examples
    --------
    >>> "<b>" in header_template("T", notice="N"), "<b>" in header_template("T")
    (True, False)
    """
    right = f"<b>{esc(notice)}</b>" if notice else ""
    return (f'{template_fonts(title + notice)}<div style="{_TEMPLATE_STYLE}"><span>{esc(title)}</span>'
            f"<span>{right}</span></div>")


def footer_template(lang: str, *, notice: str = "") -> str:
    """Chromium's footer template: ``notice`` (synthetic data) and "Halaman x dari n".

    Examples
    --------
    >>> 'class="pageNumber"' in footer_template("id")
    True
    """
    numbers = t("formats.pdf.page", lang, page='<span class="pageNumber"></span>',
                pages='<span class="totalPages"></span>')
    return (f'{template_fonts(notice + numbers)}<div style="{_TEMPLATE_STYLE}"><span>{esc(notice)}</span>'
            f"<span>{numbers}</span></div>")


def pdf_date(report_date: str) -> str:
    """Return the PDF date string (``D:YYYYMMDD000000Z``) of an ISO date.

    Examples
    --------
    >>> pdf_date("2027-01-02")
    'D:20270102000000Z'
    """
    return "D:" + report_date.replace("-", "") + "000000Z"


def normalise_pdf(path: Path, *, report_date: str, title: str) -> None:
    """Rewrite the PDF at ``path`` so that equal inputs give equal bytes (pypdf).

    Sets ``/CreationDate`` and ``/ModDate`` to ``report_date``, the title,
    drops Chromium's XMP packet (it repeats the print time), numbers the
    structure elements of the tagged PDF in document order (Chromium names
    them after its DOM node counter, which differs between runs; see
    :func:`renumber_structure_ids`), and derives the ``/ID`` from the content
    instead of the clock.

    Parameters
    ----------
    path : Path
        The PDF, replaced in place.
    report_date : str
        ISO date the file carries.
    title : str
        Document title (``/Title``).

    Examples
    --------
    >>> import tempfile
    >>> from pypdf import PdfReader, PdfWriter
    >>> with tempfile.TemporaryDirectory() as d:
    ...     path = Path(d) / "a.pdf"
    ...     writer = PdfWriter()
    ...     _ = writer.add_blank_page(595, 842)
    ...     _ = writer.write(path)
    ...     normalise_pdf(path, report_date="2026-12-15", title="Laporan")
    ...     first = path.read_bytes()
    ...     normalise_pdf(path, report_date="2026-12-15", title="Laporan")
    ...     meta = PdfReader(path).metadata
    ...     print(meta["/CreationDate"], meta.title, first == path.read_bytes())
    D:20261215000000Z Laporan True
    """
    import hashlib
    import logging

    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, ByteStringObject, NameObject

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # Chromium's trailer /Size is one short: harmless
    writer = PdfWriter(clone_from=PdfReader(path))
    writer._root_object.pop(NameObject("/Metadata"), None)
    renumber_structure_ids(writer)
    stamp = pdf_date(report_date)
    writer.metadata = {"/Title": title, "/Creator": "kemuning-eval", "/Producer": "Chromium, pypdf",
                       "/CreationDate": stamp, "/ModDate": stamp}
    digest = hashlib.md5(b"".join(p.get_contents().get_data() for p in writer.pages
                                  if p.get_contents() is not None), usedforsecurity=False).digest()
    writer._ID = ArrayObject([ByteStringObject(digest), ByteStringObject(digest)])
    with open(path, "wb") as out:
        writer.write(out)


def renumber_structure_ids(writer) -> int:
    """Rename Chromium's structure element ids (``node00000128``) in order of appearance.

    Every occurrence (the elements' ``/ID``, table cells' ``/Headers``, the
    ``/IDTree``) is renamed consistently; the leaves of the id tree are sorted
    again.  Returns how many ids were renamed.

    Parameters
    ----------
    writer : pypdf.PdfWriter
        The document, changed in place.

    Examples
    --------
    >>> from pypdf import PdfWriter
    >>> from pypdf.generic import DictionaryObject, NameObject, TextStringObject
    >>> w = PdfWriter()
    >>> elem = w._add_object(DictionaryObject({NameObject("/ID"): TextStringObject("node00000042")}))
    >>> renumber_structure_ids(w), elem.get_object()["/ID"]
    (1, 'node00000001')
    """
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

    mapping: dict[str, str] = {}

    def rename(value):
        if isinstance(value, str) and _NODE_ID.fullmatch(str(value)):
            new = mapping.setdefault(str(value), f"node{len(mapping) + 1:08d}")
            return TextStringObject(new)
        if isinstance(value, DictionaryObject):  # raw items: references are not followed
            for key, item in list(dict.items(value)):
                dict.__setitem__(value, key, rename(item))
            names = dict.get(value, "/Names")
            if isinstance(names, ArrayObject) and len(names) % 2 == 0 and len(names) > 0:
                pairs = sorted(zip(names[0::2], names[1::2], strict=True), key=lambda kv: str(kv[0]))
                value[NameObject("/Names")] = ArrayObject([item for pair in pairs for item in pair])
                if "/Limits" in value:
                    value[NameObject("/Limits")] = ArrayObject([pairs[0][0], pairs[-1][0]])
        elif isinstance(value, ArrayObject):
            for i, item in enumerate(list.__iter__(value)):
                list.__setitem__(value, i, rename(item))
        return value

    for obj in writer._objects:
        if obj is not None:
            rename(obj)
    return len(mapping)


def write_pdf(html_path: Path, out: Path, *, lang: str, synthetic: bool, report_date: str,
              executable: str | None = None) -> Path:
    """Print the report page ``html_path`` to the A4 PDF ``out``.

    Parameters
    ----------
    html_path : Path
        The exported, checked report page.
    out : Path
        The PDF to write (in the build folder; a failure leaves no file).
    lang : {"id", "en"}
        Language of the header and footer.
    synthetic : bool
        Print the synthetic-data notice on every page.
    report_date : str
        ISO date the file carries (see :func:`normalise_pdf`).
    executable : str, optional
        Chromium program (default: :func:`require_chromium`).

    Returns
    -------
    Path
        ``out``.

    Raises
    ------
    ReportError
        No Chromium, or printing failed.

    Examples
    --------
    Printing takes seconds (see tests/report/engine/test_formats.py); without
    Chromium the error says how to install it:

    >>> import tempfile
    >>> os.environ[CHROMIUM_ENV] = "/no/such/chromium"
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = (Path(d) / "r.html").write_text("<p>x</p>", encoding="utf-8")
    ...     write_pdf(Path(d) / "r.html", Path(d) / "r.pdf", lang="id", synthetic=False,
    ...               report_date="2026-12-15")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kemuning_eval.errors.ReportError: Chromium tidak ditemukan; ...
    >>> del os.environ[CHROMIUM_ENV]
    """
    executable = executable or require_chromium(lang)
    page_html = html_path.read_text(encoding="utf-8")
    title = page_title(page_html)
    notice = t("formats.pdf.synthetic_notice", lang) if synthetic else ""
    source = out.with_name(f".print-{out.stem}.html")
    source.write_text(print_page(page_html), encoding="utf-8")
    try:
        _print(executable, source, out, header=header_template(title, notice=notice),
               footer=footer_template(lang, notice=notice))
        normalise_pdf(out, report_date=report_date, title=title)
    except ReportError:
        out.unlink(missing_ok=True)
        raise
    except Exception as exc:  # Playwright's errors: a browser that will not start or print
        out.unlink(missing_ok=True)
        raise ReportError(t("formats.error.pdf_failed", lang, error=str(exc).splitlines()[0]),
                          file=str(out), hint=t("formats.hint.no_chromium", lang)) from None
    finally:
        source.unlink(missing_ok=True)
    return out


def _print(executable: str, source: Path, out: Path, *, header: str, footer: str) -> None:
    """Print ``source`` to ``out`` in a thread of its own.

    Playwright's synchronous API refuses to run in a thread with a running
    asyncio loop (a Jupyter kernel, another Playwright session); a new thread has none.
    """
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(_print_here, executable, source, out, header=header, footer=footer).result()


def _print_here(executable: str, source: Path, out: Path, *, header: str, footer: str) -> None:
    """Open ``source`` in headless Chromium (only file: and data: requests) and print it to ``out``."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=list(CHROMIUM_ARGS))
        try:
            page = browser.new_page()
            page.emulate_media(media="print")
            page.route("**/*", lambda route: route.continue_()
                       if route.request.url.startswith(("file:", "data:")) else route.abort())
            page.goto(source.resolve().as_uri(), wait_until="load",
                      timeout=PRINT_TIMEOUT_SECONDS * 1000)
            page.evaluate("document.fonts.ready.then(() => true)")
            page.pdf(path=str(out), format="A4", print_background=True, prefer_css_page_size=True,
                     display_header_footer=True, header_template=header, footer_template=footer,
                     outline=True, tagged=True)
        finally:
            browser.close()
