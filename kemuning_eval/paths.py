"""Where things live.  Every path the package uses comes from here.

The project root is, in this order: ``--root`` (the command line sets
``KEMUNING_EVAL_ROOT`` for the call), the ``KEMUNING_EVAL_ROOT`` environment
variable, else the nearest folder at or above the working directory (for a
notebook: papermill's ``--cwd`` or JupyterLab's notebook folder) that holds
``data/raw``.

The report notebooks ship inside the package (:func:`bundled_notebooks`); a
project's own ``notebooks/<name>`` overrides the bundled copy
(:meth:`ProjectPaths.notebook`).

Examples
--------
>>> p = ProjectPaths(Path("/tmp/proj"))
>>> p.raw(2026).as_posix()
'/tmp/proj/data/raw/2026'
>>> p.report_html(2026).name
'laporan-evaluasi-2026.html'
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT_ENV = "KEMUNING_EVAL_ROOT"


def find_root(start: Path | None = None) -> Path:
    """Return the project root folder.

    Parameters
    ----------
    start : Path, optional
        Where to start looking (default: the current directory).

    Returns
    -------
    Path
        ``$KEMUNING_EVAL_ROOT`` if set; else the nearest folder at or above
        ``start`` holding ``data/raw``; else the source tree of an editable
        install; else ``start`` itself (see :func:`is_project`).

    Examples
    --------
    >>> import tempfile
    >>> from unittest import mock
    >>> with tempfile.TemporaryDirectory() as tmp, mock.patch.dict(os.environ, clear=True):
    ...     root = Path(tmp).resolve()
    ...     (root / "data" / "raw" / "2026").mkdir(parents=True)
    ...     find_root(root / "data" / "raw" / "2026") == root
    True
    >>> with mock.patch.dict(os.environ, {ROOT_ENV: "/tmp/proj"}):
    ...     find_root().as_posix()
    '/tmp/proj'
    """
    env = os.environ.get(ROOT_ENV)
    if env:
        return Path(env).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if is_project(folder):
            return folder
    # Installed package inside the source tree (editable install).
    pkg_root = Path(__file__).resolve().parent.parent
    if (pkg_root / "data" / "raw").is_dir():
        return pkg_root
    return here


def is_project(folder: Path) -> bool:
    """Return True when ``folder`` is a project root (it holds ``data/raw``).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     before = is_project(Path(tmp))
    ...     (Path(tmp) / "data" / "raw").mkdir(parents=True)
    ...     before, is_project(Path(tmp))
    (False, True)
    """
    return (Path(folder) / "data" / "raw").is_dir()


def bundled_notebooks() -> Path:
    """Return the folder of the notebooks shipped with the package.

    A wheel holds them in ``kemuning_eval/notebooks`` (copied from the
    repository's ``notebooks/`` when the wheel is built, see ``setup.py``);
    a source checkout (editable install) uses the repository's ``notebooks/``
    itself, so each notebook exists once in git.

    Returns
    -------
    Path
        The folder holding ``laporan_evaluasi.ipynb``, ``laporan_program.ipynb``
        and ``eksplorasi/``.

    Examples
    --------
    >>> (bundled_notebooks() / "laporan_evaluasi.ipynb").is_file()
    True
    """
    from importlib import resources

    packaged = Path(str(resources.files("kemuning_eval") / "notebooks"))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "notebooks"


@dataclass(frozen=True)
class ProjectPaths:
    """All folders and files of one project tree.

    Parameters
    ----------
    root : Path
        The project root (see :func:`find_root`).

    Examples
    --------
    >>> p = ProjectPaths(Path("/tmp/proj"))
    >>> p.study_config(2026).as_posix()
    '/tmp/proj/data/raw/2026/studi.yaml'
    >>> p.processed(2026).as_posix(), p.metrics_json(2026).as_posix()
    ('/tmp/proj/data/processed/2026', '/tmp/proj/reports/2026/metrics.json')
    """

    root: Path

    @classmethod
    def discover(cls, start: Path | None = None) -> ProjectPaths:
        """Find the project root and return its paths."""
        return cls(find_root(start))

    @property
    def raw_root(self) -> Path:
        return self.root / "data" / "raw"

    @property
    def processed_root(self) -> Path:
        return self.root / "data" / "processed"

    @property
    def reports_root(self) -> Path:
        return self.root / "reports"

    @property
    def notebooks(self) -> Path:
        """The project's own notebooks folder (copies here override the bundled ones)."""
        return self.root / "notebooks"

    def notebook(self, name: str) -> Path:
        """Return the notebook ``name`` (e.g. ``"laporan_evaluasi.ipynb"``) to run.

        The project's ``notebooks/<name>`` when it exists, else the copy
        shipped with the package (:func:`bundled_notebooks`).

        Examples
        --------
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as d:
        ...     paths = ProjectPaths(Path(d))
        ...     bundled = paths.notebook("laporan_evaluasi.ipynb") == bundled_notebooks() / "laporan_evaluasi.ipynb"
        ...     (paths.notebooks).mkdir()
        ...     _ = (paths.notebooks / "laporan_evaluasi.ipynb").write_text("{}", encoding="utf-8")
        ...     own = paths.notebook("laporan_evaluasi.ipynb") == paths.notebooks / "laporan_evaluasi.ipynb"
        >>> bundled, own
        (True, True)
        """
        own = self.notebooks / name
        return own if own.is_file() else bundled_notebooks() / name

    def draft(self, year: int, stem: str) -> Path:
        """Where a notebook run outside ``kemuning-eval report`` writes (never the published folder).

        Examples
        --------
        >>> ProjectPaths(Path("/tmp/proj")).draft(2026, "laporan-evaluasi-2026-en").as_posix()
        '/tmp/proj/draft/2026/laporan-evaluasi-2026-en'
        """
        return self.root / "draft" / str(year) / stem

    def raw(self, year: int) -> Path:
        return self.raw_root / str(year)

    def processed(self, year: int) -> Path:
        return self.processed_root / str(year)

    def reports(self, year: int) -> Path:
        return self.reports_root / str(year)

    def study_config(self, year: int) -> Path:
        return self.raw(year) / "studi.yaml"

    def report_html(self, year: int) -> Path:
        return self.reports(year) / f"laporan-evaluasi-{year}.html"

    def metrics_json(self, year: int) -> Path:
        return self.reports(year) / "metrics.json"
