"""Progress display: shown on a terminal, silent when not a terminal or in CI.

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
    """Force progress and info messages off (``--quiet``)."""
    global _FORCE_QUIET
    _FORCE_QUIET = bool(quiet)


def is_quiet() -> bool:
    """True when progress must not be shown: ``--quiet``, ``CI`` set, or stderr not a terminal."""
    if _FORCE_QUIET or os.environ.get("CI"):
        return True
    return not (hasattr(sys.stderr, "isatty") and sys.stderr.isatty())


def progress(items: Iterable[T], desc: str, total: int | None = None) -> Iterator[T]:
    """Iterate over ``items`` with a progress bar on stderr when appropriate."""
    if is_quiet():
        yield from items
        return
    from tqdm import tqdm

    yield from tqdm(items, desc=desc, total=total, file=sys.stderr, leave=False)


def info(message: str) -> None:
    """Print a one-line status message to stderr unless quiet."""
    if not is_quiet():
        print(message, file=sys.stderr, flush=True)
