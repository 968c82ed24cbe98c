"""Progress bars (on a terminal only), status lines (unless ``--quiet``) and notices (always).

Examples
--------
>>> list(progress(range(3), "langkah"))  # not a terminal under pytest: silent
[0, 1, 2]
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
_FORCE_QUIET = False


def set_quiet(quiet: bool) -> None:
    """Force progress and info messages off (``--quiet``).

    Parameters
    ----------
    quiet : bool
        True to silence :func:`progress` and :func:`info` for the process.

    Examples
    --------
    >>> set_quiet(True)
    >>> is_quiet()
    True
    >>> set_quiet(False)
    """
    global _FORCE_QUIET
    _FORCE_QUIET = bool(quiet)


def is_quiet() -> bool:
    """True when progress must not be shown: ``--quiet``, ``CI`` set, or stderr not a terminal.

    Returns
    -------
    bool
        Whether progress bars and info messages are suppressed.

    Examples
    --------
    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {"CI": "true"}):
    ...     is_quiet()
    True
    """
    if _FORCE_QUIET or os.environ.get("CI"):
        return True
    return not (hasattr(sys.stderr, "isatty") and sys.stderr.isatty())


def progress(items: Iterable[T], desc: str, total: int | None = None) -> Iterator[T]:
    """Iterate over ``items`` with a progress bar on stderr when appropriate.

    Parameters
    ----------
    items : iterable
        What to iterate over.
    desc : str
        Label of the bar (already translated).
    total : int, optional
        Number of items when ``items`` has no length.

    Yields
    ------
    object
        Each item of ``items``, unchanged and in order.

    Examples
    --------
    >>> set_quiet(True)
    >>> [x * 2 for x in progress(iter([1, 2, 3]), "langkah", total=3)]
    [2, 4, 6]
    >>> set_quiet(False)
    """
    if is_quiet():
        yield from items
        return
    from tqdm import tqdm

    yield from tqdm(items, desc=desc, total=total, file=sys.stderr, leave=False)


def info(message: str) -> None:
    """Print a one-line status message to stderr unless ``--quiet``.

    Status lines are shown also when stderr is not a terminal or in CI (a log
    of a scheduled run says what was done); only progress bars follow the
    terminal check (:func:`is_quiet`).

    Parameters
    ----------
    message : str
        The message (already translated).

    Examples
    --------
    >>> import contextlib, io
    >>> buf = io.StringIO()
    >>> set_quiet(True)
    >>> with contextlib.redirect_stderr(buf):
    ...     info("membaca data")
    >>> buf.getvalue()
    ''
    >>> set_quiet(False)
    """
    if not _FORCE_QUIET:
        print(message, file=sys.stderr, flush=True)


def notice(message: str) -> None:
    """Print a warning, an error or a notice the user must see: always, to stderr.

    Unlike :func:`info` and :func:`progress` this ignores ``--quiet``, ``CI``
    and whether stderr is a terminal, so nothing important vanishes when the
    output is piped (``make report > log``, a scheduled task, ``!kemuning-eval``
    in a notebook).

    Parameters
    ----------
    message : str
        A finished line such as ``[warning] ...`` (already translated).

    Examples
    --------
    >>> from contextlib import redirect_stderr
    >>> from io import StringIO
    >>> with redirect_stderr(StringIO()) as err:
    ...     set_quiet(True); notice("[warning] NIP tidak valid"); set_quiet(False)
    >>> err.getvalue()
    '[warning] NIP tidak valid\\n'
    """
    print(message, file=sys.stderr, flush=True)
