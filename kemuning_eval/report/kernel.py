"""The Jupyter kernel the report notebooks run in, and its environment.

The report kernel is named :data:`KERNEL_NAME` (``kemuning-eval``).  ``make
install`` registers it in the virtual environment; :func:`ensure_kernel`
registers it at run time in ``sys.prefix`` when it is missing (conda users
need no manual step) or when it points to a Python that no longer exists.

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


def ensure_kernel(name: str = KERNEL_NAME) -> str:
    """Return ``name`` after making sure that Jupyter can start that kernel.

    The kernel spec is written into ``sys.prefix`` (the active virtual or
    conda environment) when it is missing or when its interpreter no longer
    exists.  It always starts the Python running this function.

    Parameters
    ----------
    name : str
        Kernel name (default :data:`KERNEL_NAME`).

    Returns
    -------
    str
        The kernel name, to pass to papermill.

    Examples
    --------
    >>> ensure_kernel()
    'kemuning-eval'
    """
    from jupyter_client.kernelspec import KernelSpecManager

    specs = KernelSpecManager().find_kernel_specs()
    if name in specs:
        python = _kernel_python(Path(specs[name]))
        if python is None or not python.is_absolute() or python.exists():
            return name
    from ipykernel.kernelspec import install

    install(kernel_name=name, display_name=DISPLAY_NAME, prefix=sys.prefix)
    return name


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
    return Path(str(resources.files("kemuning_eval.report") / "templates" / "matplotlib"))


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
