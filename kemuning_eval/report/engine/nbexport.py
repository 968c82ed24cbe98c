"""The nbconvert exporter ``kemuning``: ``jupyter nbconvert --to kemuning executed.ipynb``.

Registered through nbconvert's ``nbconvert.exporters`` entry point (see
``pyproject.toml``), so papermill users, ``jupyter nbconvert`` and
JupyterLab's *File > Save and Export Notebook As* get the page
``kemuning-eval report`` publishes: the same export and checks
(:func:`kemuning_eval.report.engine.export.export_checked`), so no CDN, a contents
list, the title, hidden cells removed, ``<html lang>`` set.

The language is ``--KemuningExporter.lang=en``, else the ``lang`` papermill
injected (recorded in the notebook's ``metadata.papermill.parameters``), else
the ``lang`` of the notebook's parameters cell, else ``$KEMUNING_EVAL_LANG``.

Examples
--------
>>> import nbformat
>>> nb = nbformat.v4.new_notebook()
>>> nb.metadata["papermill"] = {"parameters": {"lang": "en", "project_root": "/home/ana/proyek"}}
>>> nb.cells = [nbformat.v4.new_markdown_cell("# Report\\n\\n## Findings")]
>>> page, resources = KemuningExporter().from_notebook_node(nb)
>>> '<html lang="en">' in page, "Contents" in page, resources["output_extension"]
(True, True, '.html')
"""

from __future__ import annotations

from typing import Any

from nbconvert.exporters import HTMLExporter
from traitlets import Unicode


def notebook_parameters(nb: Any) -> dict[str, Any]:
    """Return the parameters papermill recorded in an executed notebook (``{}`` when none).

    Examples
    --------
    >>> notebook_parameters({"metadata": {"papermill": {"parameters": {"year": 2026}}}})
    {'year': 2026}
    >>> notebook_parameters({"metadata": {}})
    {}
    """
    metadata = nb.get("metadata") or {}
    return dict((metadata.get("papermill") or {}).get("parameters") or {})


def notebook_lang(nb: Any) -> str | None:
    """The report language a notebook ran with: injected by papermill, else its parameters cell's ``lang``.

    A notebook run in JupyterLab (no papermill) keeps its language in the
    ``parameters`` cell (``lang: str = "en"``); the page's ``<html lang>`` follows it.

    Examples
    --------
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook()
    >>> cell = nbformat.v4.new_code_cell('year: int = 2026\\nlang: str = "en"  # report language')
    >>> cell.metadata["tags"] = ["parameters"]
    >>> nb.cells = [cell]
    >>> notebook_lang(nb), notebook_lang({"metadata": {"papermill": {"parameters": {"lang": "id"}}}, "cells": []})
    ('en', 'id')
    """
    import ast

    from kemuning_eval.i18n import LANGS

    injected = notebook_parameters(nb).get("lang")
    if injected in LANGS:
        return injected
    found = None
    for cell in nb.get("cells") or []:  # the injected-parameters cell follows the parameters cell: last wins
        tags = set((cell.get("metadata") or {}).get("tags") or [])
        if cell.get("cell_type") != "code" or not tags & {"parameters", "injected-parameters"}:
            continue
        try:
            tree = ast.parse("".join(cell.get("source") or ""))
        except SyntaxError:
            continue
        for node in tree.body:
            target = node.targets[0] if isinstance(node, ast.Assign) else getattr(node, "target", None)
            value = getattr(node, "value", None)
            if isinstance(target, ast.Name) and target.id == "lang" and isinstance(value, ast.Constant) \
                    and value.value in LANGS:
                found = value.value
    return found


class KemuningExporter(HTMLExporter):
    """Export an executed report notebook to the stand-alone, offline report page.

    Examples
    --------
    >>> KemuningExporter().file_extension
    '.html'
    """

    export_from_notebook = "Kemuning report (HTML)"
    lang = Unicode("", help="Report language (id or en); default: the notebook's lang parameter").tag(
        config=True)

    def from_notebook_node(self, nb: Any, resources: dict | None = None, **kw: Any) -> tuple[str, dict]:
        """Return the checked report page of ``nb`` and nbconvert's resources."""
        from kemuning_eval.i18n import check_lang, default_lang
        from kemuning_eval.report.engine.export import export_checked, local_folders

        resources = self._init_resources(resources)
        params = notebook_parameters(nb)
        lang = check_lang(self.lang or notebook_lang(nb) or default_lang())
        metadata = resources.get("metadata") or {}
        name = f"{metadata.get('name') or 'laporan'}.html"
        page = export_checked(
            nb, lang=lang, name=name, source_dir=metadata.get("path") or None,
            forbidden_texts=local_folders(params.get("output_dir"), params.get("project_root")),
        )
        resources["output_extension"] = ".html"
        return page, resources
