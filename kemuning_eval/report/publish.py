"""Swap a built report from its staging folder into ``reports/`` in one step per file.

A report is built in a staging folder next to its destination (same file
system), checked, and only then moved into place with :func:`os.replace`,
which is atomic: a reader sees the old file or the new one, never half of
one.  The HTML page moves last and the build stamp after it, so an
interrupted swap is rebuilt next time.  On any failure before the swap the
previous report stays untouched.

Examples
--------
>>> import tempfile
>>> root = Path(tempfile.mkdtemp())
>>> stage = new_staging(root / "2026", "laporan-evaluasi-2026")
>>> _ = (stage / "metrics.json").write_text("{}", encoding="utf-8")
>>> swap_in([(stage / "metrics.json", root / "2026" / "metrics.json")])
>>> (root / "2026" / "metrics.json").read_text(encoding="utf-8")
'{}'
>>> discard(stage); stage.exists()
False
>>> remove_if_empty(stage.parent); stage.parent.exists()
False
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path


def new_staging(year_dir: Path, stem: str) -> Path:
    """Create and return an empty staging folder for report ``stem`` under ``year_dir``.

    Parameters
    ----------
    year_dir : Path
        The report's destination folder, e.g. ``reports/2026``.
    stem : str
        The report's file stem.

    Returns
    -------
    Path
        ``year_dir/.staging/<stem>-<pid>``, created empty (a leftover of
        the same process is removed first).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     stage = new_staging(Path(d), "laporan")
    ...     print(stage.parent.name, stage.name.startswith("laporan-"), list(stage.iterdir()))
    .staging True []
    """
    stage = year_dir / ".staging" / f"{stem}-{os.getpid()}"
    discard(stage)
    stage.mkdir(parents=True)
    return stage


def discard(stage: Path) -> None:
    """Remove a staging folder; its parent ``.staging`` stays.

    Parallel workers share ``.staging``: removing it here would race with a
    sibling creating its own folder inside it.  The caller that started the
    builds removes it once they are done (:func:`remove_if_empty`).

    Parameters
    ----------
    stage : Path
        The staging folder; a missing folder is fine.

    Returns
    -------
    None

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     stage = new_staging(Path(d), "r")
    ...     discard(stage)
    ...     print(stage.exists(), list((Path(d) / ".staging").iterdir()))
    False []
    """
    shutil.rmtree(stage, ignore_errors=True)


def remove_if_empty(folder: Path) -> None:
    """Remove ``folder`` if it exists and is empty.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     (Path(d) / "x").mkdir()
    ...     remove_if_empty(Path(d) / "x")
    ...     print((Path(d) / "x").exists())
    False
    """
    try:
        folder.rmdir()
    except OSError:
        pass


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def make_readable(path: Path) -> None:
    """Give ``path`` (and a folder's files) the usual permissions of a new file.

    Files written through :func:`tempfile.mkstemp` are private (0600); a
    published report is meant to be read by others.

    Parameters
    ----------
    path : Path
        A file or a folder (then every item inside too).

    Returns
    -------
    None

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     fd, name = tempfile.mkstemp(dir=d)
    ...     os.close(fd)
    ...     make_readable(Path(name))
    ...     print(oct(Path(name).stat().st_mode & 0o666) == oct(0o666 & ~_umask()))
    True
    """
    mode = 0o666 & ~_umask()
    for item in [path, *path.rglob("*")] if path.is_dir() else [path]:
        os.chmod(item, (mode | 0o111) if item.is_dir() else mode)


def replace_path(source: Path, destination: Path) -> None:
    """Move ``source`` (file or folder) onto ``destination``, replacing what is there.

    Parameters
    ----------
    source : Path
        The staged file or folder.
    destination : Path
        Where it goes; parent folders are created, an existing folder is
        moved aside and removed after the swap.

    Returns
    -------
    None

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     src, dst = Path(d) / "new", Path(d) / "out" / "figs"
    ...     _ = dst.mkdir(parents=True); _ = (dst / "old.png").write_bytes(b"o")
    ...     _ = src.mkdir(); _ = (src / "new.png").write_bytes(b"n")
    ...     replace_path(src, dst)
    ...     print(sorted(p.name for p in dst.iterdir()), src.exists())
    ['new.png'] False
    """
    destination.parent.mkdir(parents=True, exist_ok=True)
    make_readable(source)
    if source.is_dir():
        old = destination.with_name(f".{destination.name}.old-{os.getpid()}")
        if destination.exists():
            os.replace(destination, old)
        os.replace(source, destination)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(source, destination)


def swap_in(moves: Iterable[tuple[Path, Path]]) -> None:
    """Move every (staged, destination) pair into place, in the given order.

    Pairs whose staged file does not exist are skipped.

    Parameters
    ----------
    moves : iterable of (Path, Path)
        ``(staged, destination)`` pairs, the HTML page last.

    Returns
    -------
    None

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     a = Path(d) / "a.txt"
    ...     _ = a.write_text("new", encoding="utf-8")
    ...     swap_in([(Path(d) / "missing", Path(d) / "m"), (a, Path(d) / "b.txt")])
    ...     print(sorted(p.name for p in Path(d).iterdir()))
    ['b.txt']
    """
    for source, destination in moves:
        if source.exists():
            replace_path(source, destination)
