"""The Jupyter kernel the report notebooks run in, and its environment.

The report kernel is named :data:`KERNEL_NAME` (``kemuning-eval``), the
name the committed notebooks carry.  Installing the package registers it:
the wheel ships its spec in ``share/jupyter/kernels`` (pip, conda's pip step
and ``make install`` alike), and ``kemuning-eval kernel install``
(:func:`install_kernel`) writes it again, for the environment or the user.
:func:`ensure_kernel` only checks: a missing kernel stops a build with a
message saying which command registers it, instead of silently writing one.

:func:`kernel_env` is the environment the kernel is started with: fixed hash
seed, non-interactive matplotlib with a fixed SVG hash salt, a fixed
``SOURCE_DATE_EPOCH`` so that no file format writes the clock time.

Examples
--------
>>> env = kernel_env(report_date="2026-12-15")
>>> env["PYTHONHASHSEED"], env["SOURCE_DATE_EPOCH"]
('0', '1797292800')
"""

from __future__ import annotations

import datetime as _dt
import os
import sys
from importlib import resources
from pathlib import Path

KERNEL_NAME = "kemuning-eval"
DISPLAY_NAME = "Python (kemuning-eval)"

#: Fallback for ``SOURCE_DATE_EPOCH`` when no report date is known (2000-01-01 UTC).
_EPOCH_FALLBACK = 946684800


def _kernel_python(spec_dir: Path) -> Path | None:
    """Return the Python interpreter a kernel spec starts, if it names one."""
    import json

    try:
        argv = json.loads((spec_dir / "kernel.json").read_text(encoding="utf-8"))["argv"]
    except (OSError, ValueError, KeyError):
        return None
    return Path(argv[0]) if argv else None


def kernel_status(name: str = KERNEL_NAME) -> tuple[Path | None, Path | None]:
    """Return where the kernel spec ``name`` is and the Python it starts.

    Parameters
    ----------
    name : str
        Kernel name (default :data:`KERNEL_NAME`).

    Returns
    -------
    (Path or None, Path or None)
        The spec folder (None when Jupyter does not know the kernel) and the
        interpreter it names (None when the spec names none; a relative
        ``python`` means the interpreter Jupyter itself runs with).

    Examples
    --------
    >>> kernel_status("no-such-kernel-kemuning")
    (None, None)
    """
    from jupyter_client.kernelspec import KernelSpecManager

    folder = KernelSpecManager().find_kernel_specs().get(name)
    if folder is None:
        return None, None
    return Path(folder), _kernel_python(Path(folder))


def ensure_kernel(name: str = KERNEL_NAME, *, lang: str | None = None) -> str:
    """Return ``name`` when Jupyter can start that kernel, else stop with what to run.

    Parameters
    ----------
    name : str
        Kernel name (default :data:`KERNEL_NAME`).
    lang : {"id", "en"}, optional
        Language of the error (default: ``$KEMUNING_EVAL_LANG``).

    Returns
    -------
    str
        The kernel name, to pass to papermill.

    Raises
    ------
    ReportError
        The kernel is not registered, or names a Python that no longer
        exists; the hint names ``kemuning-eval kernel install``.

    Examples
    --------
    >>> ensure_kernel()
    'kemuning-eval'
    >>> ensure_kernel("no-such-kernel-kemuning", lang="en")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kemuning_eval.errors.ReportError: Jupyter kernel 'no-such-kernel-kemuning' is not registered ... -> run: kemuning-eval kernel install
    """
    from kemuning_eval.errors import ReportError
    from kemuning_eval.i18n import t

    folder, python = kernel_status(name)
    if folder is not None and (python is None or not python.is_absolute() or python.exists()):
        return name
    key = "install.error.kernel_missing" if folder is None else "install.error.kernel_stale"
    raise ReportError(t(key, lang, name=name, python=str(python)),
                      file=None if folder is None else str(folder / "kernel.json"),
                      hint=t("install.hint.kernel", lang))


def install_kernel(name: str = KERNEL_NAME, *, user: bool = False, prefix: str | None = None) -> Path:
    """Register the kernel ``name`` that starts the Python running this function.

    Parameters
    ----------
    name : str
        Kernel name (default :data:`KERNEL_NAME`).
    user : bool
        Register for the user (seen by every Jupyter of this user, e.g. an
        Anaconda base environment's JupyterLab) instead of the environment.
    prefix : str, optional
        Environment prefix (default ``sys.prefix``; ignored when ``user``).

    Returns
    -------
    Path
        The folder of the written kernel spec.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     spec = install_kernel("kemuning-doctest", prefix=d)
    ...     spec.relative_to(d).as_posix(), (spec / "kernel.json").is_file()
    ('share/jupyter/kernels/kemuning-doctest', True)
    """
    from ipykernel.kernelspec import install

    written = install(kernel_name=name, display_name=DISPLAY_NAME, user=user,
                      prefix=None if user else (prefix or sys.prefix))
    return Path(written)


#: Optional modules that jsonschema imports only to check the rarely used string
#: formats "iri"/"iri-reference"; ``rfc3987_syntax`` builds a parser when
#: imported (1-2 s per process).  Nothing in kemuning-eval checks IRIs, so the
#: engine and the report kernel skip it (see :func:`skip_slow_optional_imports`).
SLOW_OPTIONAL_MODULES = ("rfc3987_syntax",)


def skip_slow_optional_imports() -> None:
    """Make :data:`SLOW_OPTIONAL_MODULES` unimportable in this process (unless already imported).

    Examples
    --------
    >>> skip_slow_optional_imports()
    >>> import jsonschema  # still works, without the IRI format checks
    """
    for name in SLOW_OPTIONAL_MODULES:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]


def kernel_arguments() -> list[str]:
    """Return the extra command-line arguments of the report kernel.

    The kernel runs :func:`skip_slow_optional_imports` at start-up.

    Examples
    --------
    >>> kernel_arguments()[0].startswith("--IPKernelApp.exec_lines=")
    True
    """
    code = "; ".join(f"__import__('sys').modules.setdefault({name!r}, None)"
                     for name in SLOW_OPTIONAL_MODULES)
    return [f"--IPKernelApp.exec_lines={code}"]


def source_date_epoch(report_date: str | None) -> int:
    """Return the Unix time of ``report_date`` (ISO date, UTC midnight), or a fixed fallback.

    Examples
    --------
    >>> source_date_epoch("2026-12-15")
    1797292800
    >>> source_date_epoch("")
    946684800
    """
    if not report_date:
        return _EPOCH_FALLBACK
    day = _dt.date.fromisoformat(report_date)
    return int(_dt.datetime(day.year, day.month, day.day, tzinfo=_dt.UTC).timestamp())


def matplotlibrc_dir() -> Path:
    """Return the folder holding the report kernel's ``matplotlibrc``.

    Returns
    -------
    Path
        ``kemuning_eval/report/templates/matplotlib``.

    Examples
    --------
    >>> d = matplotlibrc_dir()
    >>> d.name, (d / "matplotlibrc").is_file()
    ('matplotlib', True)
    """
    return Path(str(resources.files("kemuning_eval.report.engine") / "templates" / "matplotlib"))


def kernel_env(*, report_date: str | None = None, base: dict[str, str] | None = None) -> dict[str, str]:
    """Return the environment variables the report kernel starts with.

    Parameters
    ----------
    report_date : str, optional
        ISO date of the report; used as ``SOURCE_DATE_EPOCH``.
    base : dict, optional
        Environment to start from (default: ``os.environ``).

    Returns
    -------
    dict of str to str
        ``base`` plus a fixed ``PYTHONHASHSEED``, ``SOURCE_DATE_EPOCH``,
        matplotlib backend and rc folder, and ``TZ=UTC``.

    Examples
    --------
    >>> env = kernel_env(base={"PATH": "/bin"})
    >>> env["PATH"], env["TZ"], env["SOURCE_DATE_EPOCH"]
    ('/bin', 'UTC', '946684800')
    """
    env = dict(os.environ if base is None else base)
    env.update(
        {
            "PYTHONHASHSEED": "0",
            "SOURCE_DATE_EPOCH": str(source_date_epoch(report_date)),
            "MPLBACKEND": "module://matplotlib_inline.backend_inline",
            "MATPLOTLIBRC": str(matplotlibrc_dir()),
            "PYDEVD_DISABLE_FILE_VALIDATION": "1",
            "TZ": "UTC",
        }
    )
    return env


def kernel_manager_class(env: dict[str, str], log_path: str | Path) -> type:
    """Return a kernel manager class that starts kernels with ``env``.

    The kernel's own stderr (start-up messages, crashes; not cell output,
    which travels over Jupyter's messaging) goes to ``log_path`` instead of
    the terminal.  Passed to papermill/nbclient as ``kernel_manager_class``,
    so nbclient still owns, starts and shuts down the kernel.

    Examples
    --------
    >>> cls = kernel_manager_class({"PYTHONHASHSEED": "0"}, "/tmp/kernel.log")
    >>> cls.__name__
    'ReportKernelManager'
    """
    from jupyter_client.manager import AsyncKernelManager

    fixed_env, log_file = dict(env), Path(log_path)

    class ReportKernelManager(AsyncKernelManager):
        async def start_kernel(self, **kw):  # type: ignore[override]
            kw["env"] = dict(fixed_env)
            log_file.parent.mkdir(parents=True, exist_ok=True)
            with open(log_file, "ab") as stderr:  # the child keeps its own handle
                kw["stderr"] = stderr
                return await super().start_kernel(**kw)

    return ReportKernelManager
