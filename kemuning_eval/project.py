"""Create a kemuning-eval project folder (``kemuning-eval init DIR``).

A project is any folder holding ``data/raw`` (see :func:`kemuning_eval.paths.find_root`).
:func:`init_project` lays out the folders, a ``.gitignore`` that never lets raw
data, processed data, reports or keys into git, a README stub and, on request,
the bundled synthetic study and copies of the notebooks to change.  It only
adds what is missing: an existing file is never overwritten, and an existing
``data/raw/<year>/`` is never written to.

Examples
--------
>>> import tempfile
>>> with tempfile.TemporaryDirectory() as d:
...     result = init_project(Path(d) / "proyek evaluasi")
...     again = init_project(Path(d) / "proyek evaluasi")
...     names = sorted(p.relative_to(result.root).as_posix() for p in result.created)
>>> names[:5]
['.', '.gitignore', 'README.md', 'data', 'data/processed']
>>> again.created
[]
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from kemuning_eval.errors import UsageError
from kemuning_eval.i18n import t
from kemuning_eval.paths import ProjectPaths, bundled_notebooks

#: The years and seeds of the bundled synthetic study (``make synth`` writes the same).
SYNTHETIC_STUDY = ((2025, 2025), (2026, 2026))

#: The ``.gitignore`` of a new project: raw exports hold names and NIPs and never go into git.
GITIGNORE = """\
# kemuning-eval project (created by `kemuning-eval init`)
# Raw exports hold names, NIPs, phone numbers: never commit them (keep a backup elsewhere).
data/raw/**
!data/raw/.gitkeep
# generated: rebuilt from data/raw by `kemuning-eval ingest` and `kemuning-eval report`
data/processed/*
!data/processed/.gitkeep
reports/*
!reports/.gitkeep
draft/
.ipynb_checkpoints/
__pycache__/
# secrets never belong in a project
*.key
.env
"""

#: Empty folders of a new project, each kept in git by a ``.gitkeep``.
FOLDERS = ("data/raw", "data/processed", "reports", "notebooks")


@dataclass(frozen=True)
class InitResult:
    """What :func:`init_project` did.

    Parameters
    ----------
    root : Path
        The project folder (absolute).
    created : list of Path
        Files and folders it created, in creation order (empty when the
        project was complete already).

    Examples
    --------
    >>> InitResult(Path("/p"), []).created
    []
    """

    root: Path
    created: list[Path] = field(default_factory=list)


def _mkdir(path: Path, created: list[Path]) -> None:
    missing = [p for p in (path, *path.parents) if not p.exists()]
    path.mkdir(parents=True, exist_ok=True)
    created.extend(reversed(missing))


def _write_new(path: Path, text: str, created: list[Path]) -> None:
    if path.exists():
        return
    _mkdir(path.parent, created)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    created.append(path)


def copy_notebooks(root: Path, created: list[Path] | None = None) -> list[Path]:
    """Copy the bundled notebooks into ``root/notebooks`` (existing copies are kept).

    Parameters
    ----------
    root : Path
        The project folder.
    created : list of Path, optional
        List to append the copied files to.

    Returns
    -------
    list of Path
        The notebooks copied now.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     copied = [p.relative_to(d).as_posix() for p in copy_notebooks(Path(d))]
    >>> "notebooks/laporan_evaluasi.ipynb" in copied, "notebooks/eksplorasi/01_reaksi.ipynb" in copied
    (True, True)
    """
    created = [] if created is None else created
    start = len(created)
    source = bundled_notebooks()
    for notebook in sorted(source.rglob("*.ipynb")):
        if ".ipynb_checkpoints" in notebook.parts:
            continue
        dest = root / "notebooks" / notebook.relative_to(source)
        if dest.exists():
            continue
        _mkdir(dest.parent, created)
        shutil.copyfile(notebook, dest)
        created.append(dest)
    return created[start:]


def write_synthetic_study(root: Path, created: list[Path] | None = None) -> list[Path]:
    """Write the bundled synthetic study (:data:`SYNTHETIC_STUDY`) into ``root/data/raw``.

    Parameters
    ----------
    root : Path
        The project folder.
    created : list of Path, optional
        List to append the written year folders to.

    Returns
    -------
    list of Path
        The ``data/raw/<year>`` folders written.

    Raises
    ------
    UsageError
        A year folder already holds files (raw data are never overwritten);
        checked for every year before anything is written.

    Examples
    --------
    Writing a study takes about a second per year (see ``tests/test_project.py``);
    a folder that already holds raw data is refused:

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     raw = Path(d) / "data" / "raw" / "2026"
    ...     raw.mkdir(parents=True)
    ...     _ = (raw / "survei.csv").write_text("NIP\\n", encoding="utf-8")
    ...     write_synthetic_study(Path(d))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kemuning_eval.errors.UsageError: data/raw tahun ini sudah berisi berkas; ... [file ...2026] -> ...
    """
    from kemuning_eval.synth import write_study

    created = [] if created is None else created
    paths = ProjectPaths(root)
    for year, _ in SYNTHETIC_STUDY:
        folder = paths.raw(year)
        if folder.is_dir() and any(folder.iterdir()):
            raise UsageError(t("install.error.raw_not_empty"), file=str(folder),
                             hint=t("install.hint.raw_not_empty"))
    written = []
    for year, seed in SYNTHETIC_STUDY:
        _mkdir(paths.raw(year).parent, created)
        write_study(paths.raw(year), year=year, seed=seed)
        created.append(paths.raw(year))
        written.append(paths.raw(year))
    return written


def init_project(
    folder: str | Path,
    *,
    with_synthetic: bool = False,
    with_notebooks: bool = False,
    lang: str | None = None,
) -> InitResult:
    """Create (or complete) the project in ``folder``.

    Parameters
    ----------
    folder : str or Path
        The project folder; created when missing.  Spaces and non-ASCII
        characters in the path are fine.
    with_synthetic : bool
        Also write the bundled synthetic study into ``data/raw``.
    with_notebooks : bool
        Also copy the bundled notebooks into ``notebooks/`` to change them
        (copies there override the package's notebooks).
    lang : {"id", "en"}, optional
        Language of the README stub (default: ``$KEMUNING_EVAL_LANG``).

    Returns
    -------
    InitResult
        The project root and what was created.

    Raises
    ------
    UsageError
        ``folder`` exists and is not a folder, or ``with_synthetic`` would
        write into a ``data/raw/<year>`` that holds files.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     root = init_project(Path(d) / "Évaluasi 2026").root
    ...     ignored = (root / ".gitignore").read_text(encoding="utf-8")
    ...     kept = sorted(p.parent.relative_to(root).as_posix() for p in root.rglob(".gitkeep"))
    >>> "data/raw/**" in ignored, kept
    (True, ['data/processed', 'data/raw', 'notebooks', 'reports'])
    """
    root = Path(folder).expanduser().absolute()
    if root.exists() and not root.is_dir():
        raise UsageError(t("install.error.not_a_folder", lang), file=str(root))
    created: list[Path] = []
    _mkdir(root, created)
    for name in FOLDERS:
        _mkdir(root / name, created)
        _write_new(root / name / ".gitkeep", "", created)
    _write_new(root / ".gitignore", GITIGNORE, created)
    _write_new(root / "README.md", t("install.readme", lang, title=root.name), created)
    if with_notebooks:
        copy_notebooks(root, created)
    if with_synthetic:
        write_synthetic_study(root, created)
    return InitResult(root, created)
