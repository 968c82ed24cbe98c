"""Where things live.  Every path the package uses comes from here.

The project root is found from the ``KEMUNING_EVAL_ROOT`` environment
variable, else by walking up from the current directory to the folder that
holds ``pyproject.toml`` and ``data/``; never from the cwd alone.

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
        ``start`` holding both ``data/raw`` and ``notebooks``; else the source
        tree of an editable install; else ``start`` itself.

    Examples
    --------
    >>> import tempfile
    >>> from unittest import mock
    >>> with tempfile.TemporaryDirectory() as tmp, mock.patch.dict(os.environ, clear=True):
    ...     root = Path(tmp).resolve()
    ...     (root / "data" / "raw").mkdir(parents=True)
    ...     (root / "notebooks").mkdir()
    ...     (root / "data" / "raw" / "2026").mkdir()
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
        if (folder / "data" / "raw").is_dir() and (folder / "notebooks").is_dir():
            return folder
    # Installed package inside the source tree (editable install).
    pkg_root = Path(__file__).resolve().parent.parent
    if (pkg_root / "data" / "raw").is_dir():
        return pkg_root
    return here


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
        return self.root / "notebooks"

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
