"""One lock per study year: ingest and report runs of the same year take turns.

The lock is an operating-system lock on a small file (``fcntl.flock`` on
POSIX, ``msvcrt.locking`` on Windows), so the system releases it when its
holder dies, even by ``kill -9``: a stale lock can never block a run.  The
file also records who holds it (pid, host, command, start time, UTC) for
the message a waiting run shows; a holder that ends normally empties it,
so a record found by the next holder is the trace of a run that was
killed, and that run says so.

A second run waits (``KEMUNING_EVAL_LOCK_TIMEOUT`` seconds, default
:data:`DEFAULT_TIMEOUT`) and then stops with a :class:`BusyError` naming
the holder.  Within one process the lock is re-entrant.

Examples
--------
>>> import tempfile
>>> lock_file = Path(tempfile.mkdtemp()) / ".2026.lock"
>>> with hold(lock_file, command="ingest"):
...     with hold(lock_file, command="report"):  # same process: re-entrant
...         holder(lock_file)["command"]
'ingest'
>>> holder(lock_file) is None  # released and emptied
True
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kemuning_eval.errors import BusyError
from kemuning_eval.i18n import t

#: Seconds a run waits for the year's lock before it stops (one place for the default).
DEFAULT_TIMEOUT = 600.0
#: Environment variable overriding :data:`DEFAULT_TIMEOUT` (seconds; 0 = do not wait).
TIMEOUT_ENV = "KEMUNING_EVAL_LOCK_TIMEOUT"
#: Seconds between two attempts while waiting.
POLL_SECONDS = 0.2
_WIN_LOCK_OFFSET = 1 << 20  # Windows locks a byte range; the record itself stays readable

_held: dict[str, tuple[int, int]] = {}  # resolved path -> (fd, depth) held by this process


def lock_path(paths: Any, year: int | str) -> Path:
    """Return the lock file of ``year``: ``data/processed/.<year>.lock``.

    Examples
    --------
    >>> from kemuning_eval.paths import ProjectPaths
    >>> lock_path(ProjectPaths(Path("/proj")), 2026).as_posix()
    '/proj/data/processed/.2026.lock'
    """
    return paths.processed_root / f".{year}.lock"


def timeout_seconds() -> float:
    """Return the waiting time from ``KEMUNING_EVAL_LOCK_TIMEOUT`` (else :data:`DEFAULT_TIMEOUT`).

    Examples
    --------
    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {TIMEOUT_ENV: "2.5"}):
    ...     timeout_seconds()
    2.5
    >>> with mock.patch.dict(os.environ, {TIMEOUT_ENV: "lama"}):
    ...     timeout_seconds() == DEFAULT_TIMEOUT
    True
    """
    try:
        value = float(os.environ.get(TIMEOUT_ENV, DEFAULT_TIMEOUT))
    except ValueError:
        return DEFAULT_TIMEOUT
    return value if value >= 0 else DEFAULT_TIMEOUT


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        os.lseek(fd, _WIN_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":  # pragma: no cover
        import msvcrt

        os.lseek(fd, _WIN_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


def _read_record(fd: int) -> dict | None:
    os.lseek(fd, 0, os.SEEK_SET)
    data = os.read(fd, 4096)
    try:
        record = json.loads(data.decode("utf-8")) if data.strip() else None
    except ValueError:
        return None
    return record if isinstance(record, dict) else None


def holder(path: Path) -> dict | None:
    """Return the record of the run holding (or last killed while holding) the lock, else None.

    Parameters
    ----------
    path : Path
        The lock file.

    Returns
    -------
    dict or None
        ``{"pid", "host", "command", "started"}``; ``None`` when the file is
        missing, empty (released normally) or unreadable.

    Examples
    --------
    >>> holder(Path("no/such/.2026.lock")) is None
    True
    """
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        return _read_record(fd)
    finally:
        os.close(fd)


def _describe(record: dict | None, lang: str | None) -> str:
    if not record:
        return t("lock.unknown_holder", lang)
    return t("lock.holder", lang, pid=record.get("pid", "?"), host=record.get("host", "?"),
             command=record.get("command", "?"), started=record.get("started", "?"))


def _notice(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@contextlib.contextmanager
def hold(path: Path, *, command: str, timeout: float | None = None,
         lang: str | None = None) -> Iterator[Path]:
    """Hold the lock file ``path`` for the duration of the ``with`` block.

    Parameters
    ----------
    path : Path
        The lock file (created with its folder when missing; never deleted,
        so two runs always lock the same file).
    command : str
        What this run does (recorded for a waiting run's message).
    timeout : float, optional
        Seconds to wait for a holder to finish (default :func:`timeout_seconds`).
    lang : {"id", "en"}, optional
        Language of the messages.

    Yields
    ------
    Path
        ``path``.

    Raises
    ------
    BusyError
        When another run still holds the lock after ``timeout`` seconds; the
        message names its pid, host, command and start time.

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / ".2026.lock"
    >>> with hold(path, command="ingest", timeout=0) as held:
    ...     held.name, holder(path)["command"]
    ('.2026.lock', 'ingest')
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    key = str(path.resolve())
    if key in _held:
        fd, depth = _held[key]
        _held[key] = (fd, depth + 1)
        try:
            yield path
        finally:
            fd, depth = _held[key]
            _held[key] = (fd, depth - 1)
        return
    wait = timeout_seconds() if timeout is None else timeout
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o666)
    try:
        deadline, told = time.monotonic() + wait, False
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                raise BusyError(t("lock.busy", lang, year_file=path.name, holder=_describe(holder(path), lang)),
                                file=str(path), hint=t("lock.busy_hint", lang))
            if not told:
                _notice(t("lock.waiting", lang, holder=_describe(holder(path), lang),
                          seconds=f"{wait:.0f}"))
                told = True
            time.sleep(POLL_SECONDS)
        stale = _read_record(fd)
        if stale:
            _notice(t("lock.stale", lang, holder=_describe(stale, lang)))
        record = {"pid": os.getpid(), "host": socket.gethostname(), "command": command,
                  "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
        os.lseek(fd, 0, os.SEEK_SET)
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps(record, sort_keys=True).encode("utf-8"))
        _held[key] = (fd, 1)
        try:
            yield path
        finally:
            del _held[key]
            os.ftruncate(fd, 0)  # released normally: no trace left for the next holder
            _unlock(fd)
    finally:
        os.close(fd)


def year_lock(paths: Any, year: int | str, *, command: str, lang: str | None = None):
    """Hold the lock of study ``year`` (see :func:`hold`, :func:`lock_path`).

    Examples
    --------
    >>> import tempfile
    >>> from kemuning_eval.paths import ProjectPaths
    >>> paths = ProjectPaths(Path(tempfile.mkdtemp()))
    >>> with year_lock(paths, 2026, command="report"):
    ...     holder(lock_path(paths, 2026))["pid"] == os.getpid()
    True
    """
    return hold(lock_path(paths, year), command=command, lang=lang)
