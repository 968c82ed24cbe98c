"""Publishing a report: one versioned build folder per build, switched in one step.

Every output of one report (HTML page, ``metrics.json``, ``tabel/``, the
executed notebook, and any later format such as PDF or DOCX) is written
into a new build folder ``<report folder>/.builds/<stem>/.tmp-<id>/`` (the
notebook's ``output_dir``), checked, and published with
:meth:`kemuning_eval.publication.Publication.commit`: one pointer swap, so
the published paths show the whole previous report or the whole new one.
:func:`report_publication` names the outputs; a new format is one more
entry there.  The failed notebook of a failed build is moved next to the
executed ones with :func:`swap_in` (one file, :func:`os.replace`).

Examples
--------
>>> import tempfile
>>> root = Path(tempfile.mkdtemp())
>>> pub = report_publication(root / "2026", "laporan-evaluasi-2026", "laporan-evaluasi-2026.html",
...                          root / "2026" / "executed" / "laporan-evaluasi-2026.ipynb")
>>> [name for name, _ in pub.outputs]
['metrics.json', 'tabel', 'laporan-evaluasi-2026.ipynb', 'laporan-evaluasi-2026.html']
>>> stage = pub.new_build()
>>> _ = (stage / "metrics.json").write_text("{}", encoding="utf-8")
>>> _ = pub.commit(stage)
>>> (root / "2026" / "metrics.json").read_text(encoding="utf-8")
'{}'
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from kemuning_eval.i18n import t
from kemuning_eval.publication import Publication, notice, retry_locked

#: Name of the build stamp (cache key and output hashes) inside a build folder.
STAMP = ".build.json"


def report_publication(folder: Path, stem: str, html_name: str, executed: Path,
                       extra: Iterable[str] = ()) -> Publication:
    """Return the publication of one report.

    Parameters
    ----------
    folder : Path
        Where the report is published, e.g. ``reports/2026``.
    stem : str
        The report's unique name (builds live in ``folder/.builds/<stem>/``).
    html_name : str
        File name of the HTML page (published last).
    executed : Path
        Published path of the executed notebook (``reports/<year>/executed/<stem>.ipynb``).
    extra : iterable of str
        Names of further files published in ``folder`` (the PDF and DOCX), before the HTML page.

    Returns
    -------
    Publication
        Outputs ``metrics.json``, ``tabel``, ``<stem>.ipynb``, the ``extra`` files, the HTML page.

    Examples
    --------
    >>> pub = report_publication(Path("reports/2026/program/P1"), "laporan-P1-2026",
    ...                          "laporan-P1-2026.html", Path("reports/2026/executed/laporan-P1-2026.ipynb"))
    >>> pub.builds.as_posix(), pub.outputs[-1][1].as_posix()
    ('reports/2026/program/P1/.builds/laporan-P1-2026', 'reports/2026/program/P1/laporan-P1-2026.html')
    """
    return Publication(folder / ".builds" / stem, (
        ("metrics.json", folder / "metrics.json"),
        ("tabel", folder / "tabel"),
        (f"{stem}.ipynb", executed),
        *((name, folder / name) for name in extra),
        (html_name, folder / html_name),
    ))


def clean_old_staging(year_dir: Path) -> None:
    """Remove the ``.staging/`` folder the previous, non-versioned publishing left (say so).

    Call it while holding the year's lock (no other build is running).

    Parameters
    ----------
    year_dir : Path
        ``reports/<year>``.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     (Path(d) / ".staging" / "r-1").mkdir(parents=True)
    ...     clean_old_staging(Path(d))
    ...     print(list(Path(d).iterdir()))
    []
    """
    staging = year_dir / ".staging"
    if staging.is_dir():
        for item in sorted(staging.iterdir()):
            notice(t("publish.recover.unfinished", path=str(item)))
        shutil.rmtree(staging, ignore_errors=True)


def discard(stage: Path) -> None:
    """Remove a staging folder.

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
    ...     stage = Path(d) / "stage"
    ...     _ = stage.mkdir()
    ...     discard(stage)
    ...     print(stage.exists())
    False
    """
    shutil.rmtree(stage, ignore_errors=True)


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
    """Move the file ``source`` onto ``destination`` in one :func:`os.replace` (retried while locked).

    Parameters
    ----------
    source : Path
        The staged file.
    destination : Path
        Where it goes; parent folders are created.

    Returns
    -------
    None

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     src, dst = Path(d) / "new.ipynb", Path(d) / "executed" / "failed-r.ipynb"
    ...     _ = src.write_text("{}", encoding="utf-8")
    ...     replace_path(src, dst)
    ...     print(dst.read_text(encoding="utf-8"), src.exists())
    {} False
    """
    destination.parent.mkdir(parents=True, exist_ok=True)
    make_readable(source)
    retry_locked(lambda: os.replace(source, destination), destination)


def swap_in(moves: Iterable[tuple[Path, Path]]) -> None:
    """Move every (staged, destination) file pair into place, in the given order (not as one set).

    Used for the notebook of a failed build; pairs whose staged file does not
    exist are skipped.

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
