"""Notebook parameters checked inside the notebook, for papermill and JupyterLab users.

``kemuning-eval report`` checks parameters before it runs a notebook
(:func:`kemuning_eval.report.engine.execute.check_parameters`).  A researcher who
runs ``papermill notebooks/laporan_evaluasi.ipynb out.ipynb -p yaer 2026``
gets only papermill's warning, so every notebook checks again in the cell
right after its ``parameters`` cell:

.. code-block:: python

    from kemuning_eval.report.engine import nbparams

    nbparams.check(globals())
    project_root = nbparams.project_root(project_root, lang=lang)
    output_dir = nbparams.output_dir(output_dir, project_root=project_root, year=year,
                                     lang=lang, program_id=program_id)

The declared parameters and their types are the annotations of the
``parameters`` cell (``year: int = 2026  # ...``, which also gives papermill's
``--help-notebook`` its types and help).  The names papermill injected are read
from the ``injected-parameters`` cell, the cell executed just before the check
(IPython keeps the source of every executed cell in ``_ih``).

Examples
--------
>>> ns = {"__annotations__": {"year": int, "lang": str}, "year": 2026, "lang": "id",
...       "_ih": ["", "year: int = 2026", "# Parameters\\nyear = 2026\\n", "check"]}
>>> check(ns)
>>> ns["_ih"][2] = "# Parameters\\nyaer = 2025\\n"
>>> check(ns)
Traceback (most recent call last):
...
kemuning_eval.errors.UsageError: parameter notebook tidak dikenal: yaer (dikenal: lang, year) -> maksud Anda: year?
"""

from __future__ import annotations

import ast
import difflib
from pathlib import Path
from typing import Any

from kemuning_eval.errors import UsageError
from kemuning_eval.i18n import LANGS, default_lang, t

#: First line of the cell papermill injects (papermill's ``parameterize_notebook`` comment).
INJECTED_MARKER = "# Parameters"


def _lang(namespace: dict[str, Any], lang: Any = None) -> str:
    value = lang if lang is not None else namespace.get("lang")
    return value if isinstance(value, str) and value in LANGS else default_lang()


def injected_names(namespace: dict[str, Any]) -> list[str]:
    """Return the names assigned by papermill's injected-parameters cell, if it ran just before.

    Parameters
    ----------
    namespace : dict
        The notebook's ``globals()`` (IPython's input history ``_ih`` in it).

    Returns
    -------
    list of str
        Names assigned in the cell executed before the current one when that
        cell starts with :data:`INJECTED_MARKER`; else ``[]`` (JupyterLab).

    Examples
    --------
    >>> injected_names({"_ih": ["", "# Parameters\\nyear = 2026\\nlang = 'en'\\n", "check"]})
    ['year', 'lang']
    >>> injected_names({"_ih": ["", "year: int = 2026", "check"]})
    []
    """
    history = namespace.get("_ih") or []
    if len(history) < 2:
        return []
    source = str(history[-2])
    if not source.lstrip().startswith(INJECTED_MARKER):
        return []
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    names = []
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        names.extend(target.id for target in targets if isinstance(target, ast.Name))
    return names


def check(namespace: dict[str, Any], *, lang: str | None = None) -> None:
    """Stop on a parameter the notebook does not declare or one of the wrong type.

    Parameters
    ----------
    namespace : dict
        The notebook's ``globals()``: the annotations of its ``parameters``
        cell, the values, IPython's input history.
    lang : {"id", "en"}, optional
        Language of the messages (default: the notebook's ``lang`` when valid).

    Returns
    -------
    None

    Raises
    ------
    UsageError
        A name injected by papermill is not declared (with the closest
        declared names), or a declared parameter's value is not of the type
        its annotation names (``bool`` is not an ``int``), or ``lang`` is not
        a report language.

    Examples
    --------
    >>> ns = {"__annotations__": {"year": int}, "year": "2026", "_ih": []}
    >>> check(ns, lang="en")
    Traceback (most recent call last):
    ...
    kemuning_eval.errors.UsageError: notebook parameter year must be of type int, not str [nilai '2026']
    """
    lang = _lang(namespace, lang)
    declared: dict[str, Any] = dict(namespace.get("__annotations__") or {})
    unknown = [name for name in injected_names(namespace) if name not in declared]
    if unknown:
        close = sorted({m for name in unknown for m in difflib.get_close_matches(name, declared, n=2)})
        raise UsageError(
            t("install.nbparams.unknown", lang, names=", ".join(unknown), known=", ".join(sorted(declared))),
            hint=t("install.nbparams.did_you_mean", lang, names=", ".join(close)) if close else None,
        )
    for name, expected in declared.items():
        if not isinstance(expected, type) or name not in namespace:
            continue
        value = namespace[name]
        if type(value) is not expected:
            raise UsageError(
                t("install.nbparams.type", lang, name=name, expected=expected.__name__,
                  actual=type(value).__name__),
                value=value,
                hint=t("install.nbparams.type_hint", lang, name=name) if expected is str else None,
            )
    if "lang" in declared:
        from kemuning_eval.i18n import check_lang

        check_lang(namespace.get("lang"))


def project_root(value: str, *, lang: str | None = None) -> str:
    """Return the project folder a notebook works on, as an absolute path.

    Parameters
    ----------
    value : str
        The ``project_root`` parameter; ``""`` means: ``$KEMUNING_EVAL_ROOT``,
        else the nearest folder holding ``data/raw`` at or above the working
        folder (papermill's ``--cwd``, JupyterLab's notebook folder).
    lang : {"id", "en"}, optional
        Language of the error.

    Returns
    -------
    str
        The absolute project folder.

    Raises
    ------
    UsageError
        No project is found; the hint names ``--cwd``, ``-p project_root``
        and ``KEMUNING_EVAL_ROOT``.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     (Path(d) / "data" / "raw").mkdir(parents=True)
    ...     project_root(d) == str(Path(d).resolve())
    True
    """
    from kemuning_eval.paths import find_root, is_project

    root = Path(value).expanduser().resolve() if value else find_root()
    if not is_project(root):
        raise UsageError(t("install.nbparams.no_project", lang), file=str(root),
                         hint=t("install.nbparams.no_project_hint", lang))
    return str(root)


def output_dir(value: str, *, project_root: str, year: int, lang: str = "id", program_id: str = "") -> str:
    """Return where the notebook writes ``metrics.json`` and ``tabel/``.

    Parameters
    ----------
    value : str
        The ``output_dir`` parameter (``kemuning-eval report`` passes its
        staging folder); ``""`` means the project's draft folder
        (:meth:`kemuning_eval.paths.ProjectPaths.draft`), never the published
        ``reports/`` folder.
    project_root : str
        The project folder (see :func:`project_root`).
    year : int
        Study year.
    lang : {"id", "en"}
        Report language (drafts of both languages never overwrite each other).
    program_id : str
        ``""`` for the whole study, else the programme.

    Returns
    -------
    str
        An absolute folder.

    Examples
    --------
    >>> output_dir("", project_root="/p", year=2026, lang="en")
    '/p/draft/2026/laporan-evaluasi-2026-en'
    >>> output_dir("/tmp/out", project_root="/p", year=2026)
    '/tmp/out'
    """
    if value:
        return str(Path(value).expanduser().absolute())
    from kemuning_eval.paths import ProjectPaths
    from kemuning_eval.report.engine.build import ReportSpec

    stem = ReportSpec(year, lang, program_id or None).stem
    return str(ProjectPaths(Path(project_root)).draft(year, stem))
