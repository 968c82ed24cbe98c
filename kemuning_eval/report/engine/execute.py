"""Execute a parameterised report notebook with papermill.

The traps of papermill (see ``docs/report-pipeline.md``) are closed here:
parameters are checked against the notebook's ``parameters`` cell *before*
execution (papermill only warns), the kernel is named, the working directory
is the project root, every cell has a timeout and the kernel a start timeout,
a failed kernel start is retried once, and an execution error becomes a
:class:`~kemuning_eval.errors.ReportError` naming the notebook and the
failing cell, with the failed notebook kept for inspection.

Examples
--------
>>> sorted(CONTRACT_PARAMETERS)[:3]
['lang', 'output_dir', 'program_id']
>>> cell_label({"source": "\\n# Ringkasan\\nx = 1", "metadata": {"tags": ["ringkasan"]}})
"'# Ringkasan' [tag ringkasan]"
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kemuning_eval.errors import ReportError, UsageError
from kemuning_eval.i18n import t

#: The parameters every report notebook declares, with their types (the contract).
CONTRACT_PARAMETERS: dict[str, type] = {
    "year": int,
    "lang": str,
    "program_id": str,
    "project_root": str,
    "output_dir": str,
    "report_date": str,
    "seed": int,
}

#: Seconds one cell may run, and the kernel may take to start.
CELL_TIMEOUT = 600
START_TIMEOUT = 60


@dataclass(frozen=True)
class ExecutionResult:
    """An executed notebook and where it was written.

    Parameters
    ----------
    notebook : nbformat.NotebookNode
        The executed notebook, outputs included.
    path : Path
        The executed copy on disk.

    Examples
    --------
    >>> res = ExecutionResult({"cells": []}, Path("staging/laporan.ipynb"))
    >>> res.path.name, len(res.notebook["cells"])
    ('laporan.ipynb', 0)
    """

    notebook: Any  # nbformat.NotebookNode
    path: Path


def _tags(cell: Any) -> list[str]:
    return list((cell.get("metadata") or {}).get("tags") or [])


def cell_label(cell: Any) -> str:
    """Return a short description of a cell: its first non-empty line and its tags.

    Parameters
    ----------
    cell : dict or nbformat.NotebookNode
        A notebook cell (``source`` as text or list of lines).

    Returns
    -------
    str
        ``repr`` of the first non-empty line (cut to 80 characters), then
        ``[tag ...]`` with the cell's tags except ``injected-parameters``.

    Examples
    --------
    >>> cell_label({"source": ["\\n", "df = load()\\n"], "metadata": {"tags": ["injected-parameters"]}})
    "'df = load()'"
    >>> len(cell_label({"source": "x" * 200}))
    82
    """
    source = cell.get("source") or ""
    if isinstance(source, list):
        source = "".join(source)
    first = next((line.strip() for line in source.splitlines() if line.strip()), "")
    if len(first) > 80:
        first = first[:77] + "..."
    label = repr(first)
    tags = [tag for tag in _tags(cell) if tag != "injected-parameters"]
    if tags:
        label += f" [tag {', '.join(tags)}]"
    return label


def check_parameters(notebook: str | Path, parameters: dict[str, Any], *, lang: str = "id") -> None:
    """Check ``parameters`` against the notebook's ``parameters`` cell before running it.

    Parameters
    ----------
    notebook : path
        The notebook to execute.
    parameters : dict
        Name -> value, as they will be injected.
    lang : {"id", "en"}
        Language of the error messages.

    Returns
    -------
    None

    Raises
    ------
    ReportError
        The notebook is missing, has no or several cells tagged ``parameters``,
        or lacks a contract parameter.
    UsageError
        A parameter is not declared by the notebook or has the wrong type.

    Examples
    --------
    >>> import tempfile, nbformat
    >>> src = "\\n".join(f"{name} = None" for name in CONTRACT_PARAMETERS)
    >>> nb = nbformat.v4.new_notebook()
    >>> nb.cells = [nbformat.v4.new_code_cell(src, metadata={"tags": ["parameters"]})]
    >>> with tempfile.TemporaryDirectory() as d:
    ...     path = Path(d) / "laporan.ipynb"
    ...     nbformat.write(nb, path)
    ...     check_parameters(path, {"year": 2026, "lang": "en"})
    ...     check_parameters(path, {"year": "2026"})
    Traceback (most recent call last):
    ...
    kemuning_eval.errors.UsageError: parameter year harus bertipe int [nilai '2026']
    >>> check_parameters("no/such.ipynb", {}, lang="en")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kemuning_eval.errors.ReportError: ... [file no/such.ipynb]
    """
    from kemuning_eval.report.engine.kernel import skip_slow_optional_imports

    skip_slow_optional_imports()
    import nbformat

    path = Path(notebook)
    if not path.is_file():
        raise ReportError(t("engine.error.no_notebook", lang), file=str(path))
    nb = nbformat.read(path, as_version=4)
    tagged = [i for i, cell in enumerate(nb.cells) if "parameters" in _tags(cell)]
    if len(tagged) != 1:
        raise ReportError(
            t("engine.error.parameters_cell", lang, n=len(tagged)),
            file=str(path),
            hint=t("engine.hint.parameters_cell", lang),
        )
    # papermill.inspect_notebook fails without a kernelspec in the notebook's
    # metadata; the function it wraps takes the kernel name and language.
    from papermill.inspection import _infer_parameters

    from kemuning_eval.report.engine.kernel import KERNEL_NAME

    kernel = (nb.metadata.get("kernelspec") or {}).get("name") or KERNEL_NAME
    for cell in nb.cells:  # as papermill's own loader does
        cell.metadata.setdefault("tags", [])
    declared = {p.name for p in _infer_parameters(nb, name=kernel, language="python")}
    missing = sorted(set(CONTRACT_PARAMETERS) - declared)
    if missing:
        raise ReportError(
            t("engine.error.missing_parameter", lang, names=", ".join(missing)),
            file=str(path),
            hint=t("engine.hint.parameters_cell", lang),
        )
    unknown = sorted(set(parameters) - declared)
    if unknown:
        raise UsageError(
            t("engine.error.unknown_parameter", lang, names=", ".join(unknown),
              known=", ".join(sorted(declared))),
            file=str(path),
        )
    for name, value in parameters.items():
        expected = CONTRACT_PARAMETERS.get(name)
        if expected is not None and (type(value) is not expected):
            raise UsageError(
                t("engine.error.parameter_type", lang, name=name, expected=expected.__name__),
                value=value,
            )


def _started_cell(nb: Any) -> int | None:
    """Return the index of the last cell that papermill started, or None."""
    started = None
    for index, cell in enumerate(nb.cells):
        if ((cell.get("metadata") or {}).get("papermill") or {}).get("start_time"):
            started = index
    return started


def _read(path: Path) -> Any | None:
    import nbformat

    try:
        return nbformat.read(path, as_version=4)
    except (OSError, ValueError):
        return None


def _source_index(cells: list, index: int) -> int:
    """Return the position in the source notebook of executed cell ``index``.

    The executed notebook holds papermill's error marker cells and the
    injected-parameters cell, which the source notebook does not.
    """
    added = ("papermill-error-cell-tag", "injected-parameters")
    return sum(1 for cell in cells[:index] if not set(_tags(cell)) & set(added))


def _execution_error(exc: Exception, source: Path, output: Path, lang: str) -> ReportError:
    """Translate a papermill/nbclient failure into a ReportError naming notebook and cell."""
    nb = _read(output)
    cells = list(nb.cells) if nb is not None else []
    executed = [c for c in cells if "papermill-error-cell-tag" not in _tags(c)]
    index = getattr(exc, "cell_index", None)
    if index is None and nb is not None:
        index = _started_cell(nb)
        executed = cells
    label, position = "?", None
    if index is not None and index < len(executed):
        label, position = cell_label(executed[index]), _source_index(executed, index)
    ename = getattr(exc, "ename", None) or type(exc).__name__
    evalue = getattr(exc, "evalue", None)
    if evalue is None:
        evalue = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return ReportError(
        t("engine.error.cell_failed", lang, notebook=source.name,
          cell="?" if position is None else position, label=label, error=f"{ename}: {evalue}"),
        file=str(source),
        hint=t("engine.hint.failed_notebook", lang, path=str(output)),
    )


ENGINE_NAME = "kemuning-eval"


def register_engine() -> str:
    """Register (once) and return the papermill engine of the report.

    It is papermill's nbclient engine, except that the notebook is written
    once at the end (papermill's per-cell saves cost about 25 ms per cell)
    and, when execution stops on a timeout or a dead kernel, the partial
    notebook is still written to ``failure_path`` so that the failing cell
    can be named and inspected.

    Returns
    -------
    str
        :data:`ENGINE_NAME`, the name to pass to papermill as ``engine_name``.

    Examples
    --------
    >>> from papermill.engines import papermill_engines
    >>> register_engine() == register_engine() == ENGINE_NAME
    True
    >>> papermill_engines.get_engine(ENGINE_NAME).__name__
    'SaveOnFailureEngine'
    """
    from papermill.engines import NBClientEngine, papermill_engines
    from papermill.iorw import write_ipynb

    if ENGINE_NAME in papermill_engines._engines:
        return ENGINE_NAME

    class SaveOnFailureEngine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, failure_path=None, **kwargs):
            try:
                return super().execute_managed_notebook(nb_man, kernel_name, **kwargs)
            except BaseException:
                if failure_path is not None:
                    write_ipynb(nb_man.nb, failure_path)
                raise

    papermill_engines.register(ENGINE_NAME, SaveOnFailureEngine)
    return ENGINE_NAME


def execute_notebook(
    notebook: str | Path,
    output: str | Path,
    parameters: dict[str, Any],
    *,
    cwd: str | Path,
    kernel_name: str,
    env: dict[str, str],
    cell_timeout: int = CELL_TIMEOUT,
    start_timeout: int = START_TIMEOUT,
    progress_bar: bool = False,
    lang: str = "id",
) -> ExecutionResult:
    """Execute ``notebook`` with ``parameters`` and write the executed copy to ``output``.

    Parameters
    ----------
    notebook, output : path
        Source notebook; executed notebook to write (kept on failure too).
    parameters : dict
        Typed values, checked with :func:`check_parameters` first.
    cwd : path
        Working directory of the kernel (the project root).
    kernel_name : str
        Jupyter kernel to start (see :func:`kemuning_eval.report.engine.kernel.ensure_kernel`).
    env : dict
        Environment of the kernel (see :func:`kemuning_eval.report.engine.kernel.kernel_env`).
    cell_timeout, start_timeout : int
        Seconds per cell and for the kernel start.
    progress_bar : bool
        Show papermill's progress bar (on a terminal).
    lang : {"id", "en"}
        Language of the error messages.

    Returns
    -------
    ExecutionResult
        The executed notebook and ``output``.

    Raises
    ------
    ReportError
        A cell failed or timed out, or the kernel could not be started twice
        in a row; the message names the notebook and the cell.
    UsageError
        A parameter is unknown to the notebook or has the wrong type.

    Examples
    --------
    Parameters are checked before any kernel starts (running a notebook is
    too slow for a doctest):

    >>> execute_notebook("no/such.ipynb", "out.ipynb", {}, cwd=".", kernel_name="python3",
    ...                  env={})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kemuning_eval.errors.ReportError: notebook laporan tidak ditemukan [file ...such.ipynb]
    """
    from kemuning_eval.report.engine.kernel import skip_slow_optional_imports

    skip_slow_optional_imports()
    from jupyter_client.kernelspec import NoSuchKernel
    from papermill.exceptions import PapermillExecutionError

    source, output = Path(notebook).resolve(), Path(output).resolve()
    check_parameters(source, parameters, lang=lang)
    output.parent.mkdir(parents=True, exist_ok=True)
    logging.getLogger("papermill").setLevel(logging.WARNING)
    options = {"cwd": str(cwd), "kernel_name": kernel_name, "env": env, "cell_timeout": cell_timeout,
               "start_timeout": start_timeout, "progress_bar": progress_bar}
    for attempt in (1, 2):
        try:
            return ExecutionResult(_papermill_run(source, output, parameters, **options), output)
        except PapermillExecutionError as exc:
            raise _execution_error(exc, source, output, lang) from None
        except NoSuchKernel as exc:
            raise ReportError(t("engine.error.no_kernel", lang, name=kernel_name),
                              hint=t("engine.hint.kernel", lang)) from exc
        except (KeyboardInterrupt, ReportError, UsageError):
            raise
        except Exception as exc:  # kernel start, timeouts, dead kernel
            written = _read(output)
            not_started = written is None or _started_cell(written) is None
            if attempt == 1 and not_started:
                continue  # retry a failed kernel start once (port races, slow start)
            if not_started:
                raise ReportError(
                    t("engine.error.kernel_start", lang, name=kernel_name, notebook=source.name,
                      error=f"{type(exc).__name__}: {exc}"),
                    hint=t("engine.hint.kernel_log", lang, path=str(output.with_suffix(".kernel.log"))),
                ) from None
            raise _execution_error(exc, source, output, lang) from None
    raise AssertionError("unreachable: the second attempt returns or raises")


def _papermill_run(source: Path, output: Path, parameters: dict[str, Any], *, cwd: str, kernel_name: str,
                   env: dict[str, str], cell_timeout: int, start_timeout: int, progress_bar: bool) -> Any:
    """One papermill execution of ``source`` into ``output`` (kept on failure), returning the notebook."""
    import papermill

    from kemuning_eval.report.engine.kernel import kernel_arguments, kernel_manager_class

    return papermill.execute_notebook(
        str(source),
        str(output),
        parameters=dict(parameters),
        kernel_name=kernel_name,
        cwd=cwd,
        start_timeout=start_timeout,
        execution_timeout=cell_timeout,
        progress_bar=progress_bar,
        engine_name=register_engine(),
        request_save_on_cell_execute=False,
        failure_path=str(output),
        log_output=False,
        kernel_manager_class=kernel_manager_class(env, output.with_suffix(".kernel.log")),
        extra_arguments=kernel_arguments(),
    )
