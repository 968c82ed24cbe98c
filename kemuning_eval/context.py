"""What the program is working on right now: file, column, step (for error messages).

Readers, converters and builders note the file and column they process;
when something unexpected fails, the command line's error boundary
(:mod:`kemuning_eval.boundary`) names them in its message instead of showing
a traceback.  The file is always the name the user configured (in
``studi.yaml`` or on the command line), never a symlink's target.

Examples
--------
>>> with processing(file="survei-reaksi-2026.csv"):
...     note(column="Materi jelas")
...     current()
{'file': 'survei-reaksi-2026.csv', 'column': 'Materi jelas'}
>>> current()
{}
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

#: innermost frame last; each frame holds ``file``/``column``/``step`` keys
_FRAMES: list[dict[str, str]] = []
#: (exception, location where it left the innermost frame), newest last
_FAILED: list[tuple[BaseException, dict[str, str]]] = []


@contextmanager
def processing(**where: object) -> Iterator[None]:
    """Note ``where`` (``file=``, ``column=``, ``step=``) for the duration of the block.

    Parameters
    ----------
    **where : object
        Location parts; ``None`` values are left out.

    Examples
    --------
    >>> with processing(file="a.csv"), processing(column="NIP"):
    ...     current()["file"], current()["column"]
    ('a.csv', 'NIP')
    """
    _FRAMES.append({k: str(v) for k, v in where.items() if v is not None})
    depth = len(_FRAMES)
    try:
        yield
    except BaseException as exc:
        if not any(seen is exc for seen, _ in _FAILED):  # the innermost frame tells most
            _FAILED.append((exc, current()))
            del _FAILED[:-20]
        raise
    finally:
        del _FRAMES[depth - 1:]


def note(**where: object) -> None:
    """Update the innermost frame (e.g. the column a loop has reached); ``None`` clears a key.

    Outside any :func:`processing` block this does nothing.

    Examples
    --------
    >>> note(column="x")  # no frame: ignored
    >>> current()
    {}
    """
    if not _FRAMES:
        return
    frame = _FRAMES[-1]
    for key, value in where.items():
        if value is None:
            frame.pop(key, None)
        else:
            frame[key] = str(value)


def current() -> dict[str, str]:
    """Return the merged location, inner frames overriding outer ones.

    Examples
    --------
    >>> with processing(file="a.csv", column="A"), processing(column="B"):
    ...     current()
    {'file': 'a.csv', 'column': 'B'}
    """
    merged: dict[str, str] = {}
    for frame in _FRAMES:
        merged.update(frame)
    return merged


def where_failed(exc: BaseException) -> dict[str, str]:
    """Return the location where ``exc`` left its innermost :func:`processing` block.

    Falls back to :func:`current` for an exception raised outside any block.

    Examples
    --------
    >>> try:
    ...     with processing(file="tes.csv"):
    ...         note(column="Nilai")
    ...         raise ValueError("boom")
    ... except ValueError as exc:
    ...     where_failed(exc)
    {'file': 'tes.csv', 'column': 'Nilai'}
    """
    for seen, where in reversed(_FAILED):
        if seen is exc:
            return dict(where)
    return current()


def reset() -> None:
    """Forget every frame and failure (the command line calls this around each command).

    Examples
    --------
    >>> reset(); current()
    {}
    """
    _FRAMES.clear()
    _FAILED.clear()
