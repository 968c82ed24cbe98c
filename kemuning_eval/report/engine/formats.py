"""Which file formats a report is published in: HTML always, PDF and DOCX by default.

``kemuning-eval report`` takes ``--formats html,pdf`` or ``--no-pdf`` /
``--no-docx``; :func:`choose_formats` turns those into the tuple the build
uses, :func:`output_name` names each file.  The PDF is printed from the HTML
page (:mod:`kemuning_eval.report.engine.pdf`), the DOCX converted from it
(:mod:`kemuning_eval.report.engine.docx`).

Examples
--------
>>> choose_formats("html,pdf")
('html', 'pdf')
>>> choose_formats(None, no_docx=True)
('html', 'pdf')
>>> output_name("laporan-evaluasi-2026.html", "docx")
'laporan-evaluasi-2026.docx'
"""

from __future__ import annotations

import time
from pathlib import Path, PurePath

from kemuning_eval.errors import UsageError
from kemuning_eval.i18n import t

#: Every format a report can be published in, in publishing order (HTML first).
FORMATS = ("html", "pdf", "docx")
#: Formats built when nothing is asked for.
DEFAULT_FORMATS = FORMATS


def choose_formats(formats: str | None = None, *, no_pdf: bool = False,
                   no_docx: bool = False) -> tuple[str, ...]:
    """Return the formats to build, in the order of :data:`FORMATS`.

    Parameters
    ----------
    formats : str, optional
        Comma-separated format names (``"html,pdf"``); ``None`` or ``""``:
        :data:`DEFAULT_FORMATS`.
    no_pdf, no_docx : bool
        Leave the PDF / the DOCX out.

    Returns
    -------
    tuple of str
        Always starts with ``"html"`` (the other formats are made from it).

    Raises
    ------
    UsageError
        An unknown name, or a list without ``html``.

    Examples
    --------
    >>> choose_formats(" DOCX , html ")
    ('html', 'docx')
    >>> choose_formats(no_pdf=True, no_docx=True)
    ('html',)
    >>> choose_formats("html,odt")
    Traceback (most recent call last):
    ...
    kemuning_eval.errors.UsageError: format laporan tidak dikenal: odt (yang dikenal: html, pdf, docx) [nilai 'html,odt']
    """
    names = [n.strip().lower() for n in (formats or ",".join(DEFAULT_FORMATS)).split(",") if n.strip()]
    unknown = [n for n in names if n not in FORMATS]
    if unknown:
        raise UsageError(t("formats.error.unknown", names=", ".join(unknown), known=", ".join(FORMATS)),
                         value=formats)
    if "html" not in names:
        raise UsageError(t("formats.error.no_html"), value=formats)
    skipped = {"pdf"} if no_pdf else set()
    skipped |= {"docx"} if no_docx else set()
    return tuple(f for f in FORMATS if f in names and f not in skipped)


def output_name(html_name: str, fmt: str) -> str:
    """Return the file name of format ``fmt`` of the page ``html_name`` (same stem).

    Examples
    --------
    >>> output_name("laporan-PKA-01-2026.html", "pdf")
    'laporan-PKA-01-2026.pdf'
    """
    return PurePath(html_name).with_suffix(f".{fmt}").name


def require_format_tools(formats: tuple[str, ...], lang: str = "id") -> None:
    """Check that the programs the ``formats`` need are there, before anything is built.

    Parameters
    ----------
    formats : tuple of str
        The formats to build.
    lang : {"id", "en"}
        Language of the error.

    Raises
    ------
    ReportError
        No Chromium for the PDF, or no pandoc for the DOCX (the message says how to install it).

    Examples
    --------
    >>> require_format_tools(("html",))
    """
    if "pdf" in formats:
        from kemuning_eval.report.engine.pdf import require_chromium

        require_chromium(lang)
    if "docx" in formats:
        from kemuning_eval.report.engine.docx import pandoc_path

        pandoc_path(lang)


def is_synthetic(metrics: Path) -> bool:
    """True when the report's ``metrics.json`` says its data are synthetic (``study.synthetic``).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = (Path(d) / "m.json").write_text('{"study": {"synthetic": true}}', encoding="utf-8")
    ...     print(is_synthetic(Path(d) / "m.json"), is_synthetic(Path(d) / "none.json"))
    True False
    """
    import json

    try:
        study = json.loads(metrics.read_text(encoding="utf-8")).get("study") or {}
    except (OSError, ValueError, AttributeError):
        return False
    return bool(isinstance(study, dict) and study.get("synthetic"))


def write_formats(stage: Path, html_name: str, formats: tuple[str, ...], *, lang: str,
                  file_date: str, timings: dict[str, float] | None = None) -> dict[str, Path]:
    """Write the PDF and DOCX of the page ``stage/html_name``; record every hash in ``metrics.json``.

    Parameters
    ----------
    stage : Path
        The build folder holding the HTML page and ``metrics.json``.
    html_name : str
        File name of the HTML page.
    formats : tuple of str
        The formats to build (``html`` is there already).
    lang : {"id", "en"}
        Report language.
    file_date : str
        ISO date the files carry (their creation date; fixed, so rebuilds are byte-identical).
    timings : dict, optional
        Filled with the seconds of each format written (``pdf``, ``docx``).

    Returns
    -------
    dict of str to Path
        Format -> staged file, for the formats other than ``html``.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = (Path(d) / "r.html").write_text("<p>x</p>", encoding="utf-8")
    ...     print(write_formats(Path(d), "r.html", ("html",), lang="id", file_date="2026-12-15"))
    {}
    """
    html_path = stage / html_name
    made: dict[str, Path] = {}
    seconds = timings if timings is not None else {}
    if "pdf" in formats:
        clock = time.perf_counter()
        from kemuning_eval.report.engine.pdf import write_pdf

        made["pdf"] = write_pdf(html_path, stage / output_name(html_name, "pdf"), lang=lang,
                                synthetic=is_synthetic(stage / "metrics.json"), report_date=file_date)
        seconds["pdf"] = time.perf_counter() - clock
    if "docx" in formats:
        clock = time.perf_counter()
        from kemuning_eval.report.engine.docx import write_docx

        made["docx"] = write_docx(html_path, stage / output_name(html_name, "docx"), lang=lang,
                                  report_date=file_date)
        seconds["docx"] = time.perf_counter() - clock
    record_output_hashes(stage / "metrics.json", {html_name: html_path,
                                                  **{p.name: p for p in made.values()}})
    return made


def record_output_hashes(metrics: Path, outputs: dict[str, Path]) -> bool:
    """Write the SHA-256 of every published file into ``metrics.json`` (``provenance.outputs``).

    Only a results document (one with ``schema_version`` and ``provenance``) is
    changed, through :func:`kemuning_eval.report.results.metrics.write_metrics`
    (checked against the schema); returns whether it was.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = (Path(d) / "metrics.json").write_text('{"n": 1}', encoding="utf-8")
    ...     print(record_output_hashes(Path(d) / "metrics.json", {}))
    False
    """
    import json

    from kemuning_eval.ingest.store import sha256_file

    try:
        document = json.loads(metrics.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(document, dict) or "schema_version" not in document \
            or not isinstance(document.get("provenance"), dict):
        return False
    from kemuning_eval.report.results.metrics import write_metrics

    document["provenance"]["outputs"] = {name: sha256_file(path) for name, path in sorted(outputs.items())}
    write_metrics(document, metrics)
    return True


def remove_skipped(folder: Path, html_name: str, formats: tuple[str, ...]) -> list[Path]:
    """Remove the published files of formats this build skipped (they describe an older build).

    Parameters
    ----------
    folder : Path
        Where the report is published.
    html_name : str
        File name of the HTML page.
    formats : tuple of str
        The formats of the build just published.

    Returns
    -------
    list of Path
        The files (or links) removed.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = (Path(d) / "r.pdf").write_bytes(b"%PDF")
    ...     print([p.name for p in remove_skipped(Path(d), "r.html", ("html", "docx"))])
    ['r.pdf']
    """
    removed = []
    for fmt in FORMATS:
        visible = folder / output_name(html_name, fmt)
        if fmt not in formats and (visible.is_symlink() or visible.is_file()):
            visible.unlink()
            removed.append(visible)
    return removed
