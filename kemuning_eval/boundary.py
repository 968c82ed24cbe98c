"""The error boundary: any failure while a command runs becomes one clear message.

:func:`translate` turns an exception that is not already a
:class:`~kemuning_eval.errors.KemuningEvalError` into one: operating-system
errors (permission, missing file, a folder where a file was expected, disk
full, file too large), decoding, CSV parsing and YAML errors, and finally
anything unexpected.  The message names the file (the name the user
configured, from :mod:`kemuning_eval.context`, never only a symlink's
target) and the column being processed, and says what to do.  The command
line prints it and exits 1; the traceback is shown only with ``--debug``.

Examples
--------
>>> from kemuning_eval.context import processing
>>> with processing(file="survei-reaksi-2026.csv"):
...     err = translate(PermissionError(13, "Permission denied"))
>>> err.file, err.exit_code, "izin" in err.message
('survei-reaksi-2026.csv', 1, True)
"""

from __future__ import annotations

import errno
from typing import Any

from kemuning_eval.errors import DataError, KemuningEvalError
from kemuning_eval.i18n import t

#: set by the command line's ``--debug``: :func:`guard` then lets the original exception through
DEBUG = False

#: errno -> catalogue key suffix of the message
_ERRNO = {
    errno.EACCES: "permission", errno.EPERM: "permission", errno.ENOENT: "missing",
    errno.EISDIR: "is_dir", errno.ENOTDIR: "not_dir", errno.ENOSPC: "disk_full",
    errno.EDQUOT: "disk_full", errno.EFBIG: "too_large", errno.EROFS: "read_only",
    errno.ELOOP: "loop", errno.ENAMETOOLONG: "name_too_long", errno.EMFILE: "too_many",
}


#: words of an OSError without errno -> kind
_TEXTS = (("no space left", "disk_full"), ("disk quota", "disk_full"), ("file too large", "too_large"),
          ("permission denied", "permission"), ("no such file", "missing"), ("is a directory", "is_dir"))


def _kind(exc: BaseException) -> str:
    """Return the catalogue suffix (``boundary.<kind>``) for an exception."""
    if isinstance(exc, OSError):
        if isinstance(exc, PermissionError):
            return "permission"
        if isinstance(exc, FileNotFoundError):
            return "missing"
        if isinstance(exc, IsADirectoryError):
            return "is_dir"
        if exc.errno is None:  # e.g. pyarrow's I/O errors carry only a text
            text = str(exc).lower()
            return next((kind for words, kind in _TEXTS if words in text), "os")
        return _ERRNO.get(exc.errno, "os")
    if isinstance(exc, UnicodeError):
        return "decode"
    if isinstance(exc, MemoryError):
        return "memory"
    if _is_yaml_error(exc):
        return "yaml"
    if _is_parse_error(exc):
        return "parse"
    return "unexpected"


def _is_yaml_error(exc: BaseException) -> bool:
    try:
        import yaml
    except ImportError:  # pragma: no cover - pyyaml is a dependency
        return False
    return isinstance(exc, yaml.YAMLError)


def _is_parse_error(exc: BaseException) -> bool:
    import csv

    if isinstance(exc, csv.Error):
        return True
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover
        return False
    return isinstance(exc, (pd.errors.ParserError, pd.errors.EmptyDataError))


def _file_of(exc: BaseException, where: dict[str, str]) -> str | None:
    """The file an OS error names (the path as it was opened: the configured name, also for a
    symlink), else the configured file being processed."""
    name = getattr(exc, "filename", None)
    if isinstance(exc, OSError) and name:
        return str(name)
    return where.get("file") or (str(name) if name else None)


def translate(exc: BaseException, where: dict[str, str] | None = None) -> KemuningEvalError:
    """Return a :class:`KemuningEvalError` describing ``exc`` where it happened.

    Parameters
    ----------
    exc : BaseException
        The failure; a :class:`KemuningEvalError` is returned unchanged.
    where : dict, optional
        ``file``/``column``/``step`` (default: where ``exc`` left the innermost
        :func:`kemuning_eval.context.processing` block).

    Returns
    -------
    KemuningEvalError
        Exit code 1, ``file`` and ``column`` set when known, a hint saying what to do.

    Examples
    --------
    >>> import errno
    >>> err = translate(OSError(errno.ENOSPC, "No space left on device"), {"file": "data/processed/2026"})
    >>> err.file, "penuh" in err.message
    ('data/processed/2026', True)
    >>> "penuh" in translate(OSError("IOError: No space left on device"), {}).message
    True
    >>> err = translate(ZeroDivisionError("division by zero"), {"file": "tes.csv", "column": "Nilai"})
    >>> err.column, "--debug" in err.hint
    ('Nilai', True)
    >>> translate(DataError("x")).message
    'x'
    """
    if isinstance(exc, KemuningEvalError):
        return exc
    from kemuning_eval.context import where_failed

    where = where_failed(exc) if where is None else where
    kind = _kind(exc)
    detail = _detail(exc)
    message = t(f"boundary.{kind}", detail=detail)
    if where.get("step"):
        message += " " + t("boundary.during", step=where["step"])
    return DataError(message, file=_file_of(exc, where), column=where.get("column"),
                     hint=t(f"boundary.{kind}_hint"))


def _detail(exc: BaseException) -> str:
    """A short description of ``exc`` without paths (the file is named separately)."""
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)[:200] or type(exc).__name__
    if isinstance(exc, UnicodeDecodeError):
        return f"{exc.encoding}: {exc.reason} (byte {exc.start})"
    text = str(getattr(exc, "problem", None) or exc).strip().splitlines()
    first = text[0] if text else ""
    return f"{type(exc).__name__}: {first[:200]}" if first else type(exc).__name__


def guard(func: Any, *args: Any, file: str | None = None, **kwargs: Any) -> Any:
    """Call ``func`` while processing ``file``; any failure other than a user error comes back translated.

    Parameters
    ----------
    func : callable
        What to call with ``*args`` and ``**kwargs``.
    file : str, optional
        The configured name of the file ``func`` works on (for the message).

    Examples
    --------
    >>> try:
    ...     guard(open, "/nonexistent/studi.yaml", file="studi.yaml")
    ... except KemuningEvalError as exc:
    ...     print(exc.file, type(exc).__name__)
    /nonexistent/studi.yaml DataError
    >>> try:
    ...     guard(int, "tujuh puluh", file="studi.yaml")
    ... except KemuningEvalError as exc:
    ...     print(exc.file)
    studi.yaml
    """
    from kemuning_eval.context import processing

    try:
        with processing(file=file):
            return func(*args, **kwargs)
    except KemuningEvalError:
        raise
    except Exception as exc:  # the boundary: every failure becomes a message
        if DEBUG:
            raise
        raise translate(exc) from exc
