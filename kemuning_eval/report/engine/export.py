"""Export an executed notebook to one stand-alone, reproducible HTML page.

nbconvert's :class:`~nbconvert.HTMLExporter` runs in this process with the
``kemuning`` template (``templates/kemuning``): no code input, no prompts,
no injected-parameters cell, no scripts, one inline style sheet with print
rules.  Cell tags honoured: ``remove-cell``, ``remove-input``,
``remove-output``, ``injected-parameters``, ``parameters``.  After export
the page gets a table of contents, PNG metadata stripped, pandas Styler ids
made stable, and is checked (:mod:`kemuning_eval.report.engine.checks`).

Examples
--------
>>> normalise_styler_ids('<style>#T_3f9a1_row0_col0 {}</style><table id="T_3f9a1">')
'<style>#T_k1_row0_col0 {}</style><table id="T_k1">'
"""

from __future__ import annotations

import copy
import re
from importlib import resources
from pathlib import Path
from typing import Any

from kemuning_eval.i18n import t

#: Tags whose cell is dropped entirely / whose input or outputs are dropped.
REMOVE_CELL_TAGS = ("remove-cell", "injected-parameters", "parameters", "papermill-error-cell-tag")
REMOVE_INPUT_TAGS = ("remove-input",)
REMOVE_OUTPUT_TAGS = ("remove-output",)

_STYLER_ID = re.compile(r"\bT_([0-9a-f]{5})(?![0-9a-zA-Z])")
_TITLE = re.compile(r"<title>.*?</title>", re.DOTALL)


def templates_dir() -> Path:
    """Return the folder holding the ``kemuning`` nbconvert template.

    Returns
    -------
    Path
        ``kemuning_eval/report/templates``.

    Examples
    --------
    >>> (templates_dir() / "kemuning" / "report.css").is_file()
    True
    """
    return Path(str(resources.files("kemuning_eval.report.engine") / "templates"))


def normalise_styler_ids(page: str) -> str:
    """Replace pandas Styler's random table ids (``T_<5 hex>``) by numbered ones.

    Parameters
    ----------
    page : str
        An HTML page.

    Returns
    -------
    str
        The page with each distinct ``T_<5 hex>`` id replaced by ``T_k1``,
        ``T_k2``... in order of first appearance.

    Examples
    --------
    >>> normalise_styler_ids('<table id="T_aaaaa"></table><table id="T_bbbbb"></table> #T_aaaaa')
    '<table id="T_k1"></table><table id="T_k2"></table> #T_k1'
    """
    mapping: dict[str, str] = {}

    def replace(match: re.Match) -> str:
        key = match.group(1)
        if key not in mapping:
            mapping[key] = f"T_k{len(mapping) + 1}"
        return mapping[key]

    return _STYLER_ID.sub(replace, page)


def prepare_notebook(nb: Any) -> Any:
    """Return a copy of ``nb`` ready to export: tagged cells removed, stderr and PNG metadata dropped.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        The executed notebook (not modified).

    Returns
    -------
    nbformat.NotebookNode
        A copy without cells tagged as in :data:`REMOVE_CELL_TAGS`, without
        the outputs of ``remove-output`` cells and without stderr streams;
        embedded PNGs are stripped of metadata.

    Examples
    --------
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook()
    >>> nb.cells = [
    ...     nbformat.v4.new_code_cell("year = 2026", metadata={"tags": ["parameters"]}),
    ...     nbformat.v4.new_code_cell("x", outputs=[
    ...         nbformat.v4.new_output("stream", name="stderr", text="warning"),
    ...         nbformat.v4.new_output("stream", name="stdout", text="ok")])]
    >>> out = prepare_notebook(nb)
    >>> len(out.cells), [o.name for o in out.cells[0].outputs], len(nb.cells)
    (1, ['stdout'], 2)
    """
    from kemuning_eval.report.engine.images import strip_png_base64

    nb = copy.deepcopy(nb)
    kept = []
    for cell in nb.cells:
        tags = set((cell.get("metadata") or {}).get("tags") or [])
        if tags & set(REMOVE_CELL_TAGS):
            continue
        if cell.get("cell_type") == "code":
            if tags & set(REMOVE_OUTPUT_TAGS):
                cell.outputs = []
            cell.outputs = [o for o in cell.outputs
                            if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]
            for output in cell.outputs:
                data = output.get("data") or {}
                if "image/png" in data:
                    data["image/png"] = strip_png_base64(data["image/png"])
        kept.append(cell)
    nb.cells = kept
    return nb


def _exporter(lang: str) -> Any:
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_name="kemuning",
        language_code=lang,  # nbconvert overwrites resources["language_code"] with this
        extra_template_basedirs=[str(templates_dir())],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        exclude_anchor_links=True,
        embed_images=True,
        sanitize_html=False,
    )


def export_html(nb: Any, *, lang: str = "id", source_dir: str | Path | None = None) -> str:
    """Return the stand-alone HTML page of the executed notebook ``nb``.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        The executed notebook (not modified).
    lang : {"id", "en"}
        Language of the page (``<html lang>``, contents heading).
    source_dir : path, optional
        Folder that relative Markdown image paths are resolved from.

    Returns
    -------
    str
        The page; not yet checked (see :func:`kemuning_eval.report.engine.checks.check_page`).

    Examples
    --------
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook()
    >>> nb.cells = [nbformat.v4.new_markdown_cell("# Laporan A\\n\\n## Hasil")]
    >>> page = export_html(nb)
    >>> "<title>Laporan A</title>" in page, 'href="#hasil"' in page, "<script" in page
    (True, True, False)
    >>> '<html lang="id">' in page, '<html lang="en">' in export_html(nb, lang="en")
    (True, True)
    """
    from kemuning_eval.report.engine.checks import make_offline
    from kemuning_eval.report.engine.images import strip_png_data_uris
    from kemuning_eval.report.engine.lists import add_lists, move_toc
    from kemuning_eval.report.engine.toc import add_toc, first_heading

    css = (templates_dir() / "kemuning" / "report.css").read_text(encoding="utf-8")
    res = {
        "language_code": lang,
        "report_title": "",
        "report_css": css,
        "metadata": {"name": "laporan", "path": str(source_dir or ".")},
    }
    body, _ = _exporter(lang).from_notebook_node(prepare_notebook(nb), resources=res)
    page = make_offline(strip_png_data_uris(body))
    page = normalise_styler_ids(page)
    # the lists of tables, figures and abbreviations, then the contents list before them, in the front matter
    page = move_toc(add_toc(add_lists(page, lang), title=t("engine.toc.title", lang), levels=(2, 3, 4)))
    title = first_heading(page) or t("engine.toc.title", lang)
    import html as _html

    return _TITLE.sub(lambda _: f"<title>{_html.escape(title)}</title>", page, count=1)


def export_checked(
    nb: Any,
    *,
    lang: str,
    name: str,
    source_dir: str | Path | None = None,
    forbidden_texts: list[str] | tuple[str, ...] = (),
) -> str:
    """Return the page of ``nb`` (:func:`export_html`) after the publication checks.

    The one export path of ``kemuning-eval report`` and of the nbconvert
    exporter ``--to kemuning`` (:mod:`kemuning_eval.report.engine.nbexport`).

    Parameters
    ----------
    nb : nbformat.NotebookNode
        The executed notebook.
    lang : {"id", "en"}
        Language of the page and of the messages.
    name : str
        File name of the page (for the messages).
    source_dir : path, optional
        Folder that relative Markdown image paths are resolved from.
    forbidden_texts : sequence of str
        Texts that must not appear (local folders); no line of the
        notebook's code may appear either.

    Returns
    -------
    str
        The checked page.

    Raises
    ------
    ReportError
        The page fails a check of :func:`kemuning_eval.report.engine.checks.check_page`.

    Examples
    --------
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook()
    >>> nb.cells = [nbformat.v4.new_markdown_cell("# Laporan\\n\\n## Hasil")]
    >>> "<title>Laporan</title>" in export_checked(nb, lang="id", name="r.html")
    True
    >>> export_checked(nb, lang="id", name="r.html", forbidden_texts=["Hasil"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kemuning_eval.errors.ReportError: ...
    """
    from kemuning_eval.report.engine.checks import cell_contents, check_page

    page = export_html(nb, lang=lang, source_dir=source_dir)
    check_page(page, name=name, lang=lang,
               code_sources=[c.source for c in nb.cells if c.cell_type == "code"],
               forbidden_texts=list(forbidden_texts), content=cell_contents(nb))
    return page


def local_folders(*folders: str | Path | None) -> list[str]:
    """Return the folders' paths that a published page must not show (short ones skipped).

    A path of 4 characters or fewer (``/``, ``C:\\``) would match ordinary text.

    Examples
    --------
    >>> local_folders("/home/ana/proyek", "/", None, "")
    ['/home/ana/proyek']
    """
    return [str(f) for f in folders if f and len(str(f)) > 4]
