"""Provenance of a report: input hashes, parameters, package version, git commit.

The SHA-256 of every input comes from the processed ``manifest.json`` that
ingestion writes (the report never re-reads the raw folder).  The git commit
is recorded when the project is a git checkout, else ``None``.  A base module:
the results layer records provenance in the metrics and the report engine's
cache stamps the library versions, so neither imports the other for it.

Examples
--------
>>> manifest = {"inputs": {"b.csv": "22", "codebook/a.yaml": "11"},
...             "tables": {"tests": {"rows": 3, "sha256": "33"}}}
>>> [(r["file"], r["kind"]) for r in input_hashes(manifest)]
[('b.csv', 'input'), ('codebook/a.yaml', 'input'), ('tests.parquet', 'table')]
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import Any


def _sha(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("sha256")
    return value if isinstance(value, str) else None


def input_hashes(manifest: dict) -> list[dict[str, str]]:
    """Return the hashed files of a processed manifest, sorted by kind and name.

    The manifest of :mod:`kemuning_eval.ingest` holds ``inputs`` (raw file,
    codebook or config path relative to the raw folder -> SHA-256), ``tables``
    (table name -> ``{"sha256": ..., "rows": ...}``) and ``files`` (other
    outputs such as the duplicates report -> SHA-256).  Paths stay relative:
    no absolute path reaches a published report.

    Parameters
    ----------
    manifest : dict
        The parsed ``manifest.json``.

    Returns
    -------
    list of dict
        One ``{"file", "kind", "sha256"}`` per hashed file; ``kind`` is
        ``"input"``, ``"table"`` or ``"output"``.  Entries without a hash
        are skipped.

    Examples
    --------
    >>> input_hashes({"files": {"duplikat.csv": "aa"}, "tables": {"t": {"rows": 1}}})
    [{'file': 'duplikat.csv', 'kind': 'output', 'sha256': 'aa'}]
    >>> input_hashes({})
    []
    """
    rows: list[dict[str, str]] = []
    for key, kind, suffix in (("inputs", "input", ""), ("tables", "table", ".parquet"), ("files", "output", "")):
        for name, value in (manifest.get(key) or {}).items():
            sha = _sha(value)
            if sha:
                rows.append({"file": Path(str(name)).as_posix() + suffix, "kind": kind, "sha256": sha})
    return sorted(rows, key=lambda r: (("input", "table", "output").index(r["kind"]), r["file"]))


def read_manifest(processed_dir: str | Path) -> dict:
    """Return ``manifest.json`` of a processed folder, or ``{}`` when there is none.

    Parameters
    ----------
    processed_dir : str or Path
        ``data/processed/<year>``.

    Returns
    -------
    dict
        The parsed manifest.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     empty = read_manifest(d)
    ...     _ = (Path(d) / "manifest.json").write_text('{"version": 2}', encoding="utf-8")
    ...     print(empty, read_manifest(d))
    {} {'version': 2}
    """
    path = Path(processed_dir) / "manifest.json"
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def git_commit(root: str | Path) -> str | None:
    """Return the commit of ``root`` (with ``-dirty`` when files changed), or ``None``.

    Parameters
    ----------
    root : str or Path
        The project root.

    Returns
    -------
    str or None
        The ``HEAD`` commit hash, or ``None`` when ``root`` is not a git
        checkout or git is unavailable.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     print(git_commit(d))
    None
    """
    root = Path(root)
    if not (root / ".git").exists():
        return None
    try:
        head = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "HEAD"],
            capture_output=True, text=True, timeout=10, check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return head or None


def package_version() -> str:
    """Return the installed version of kemuning-eval.

    Returns
    -------
    str
        ``kemuning_eval.__version__``.

    Examples
    --------
    >>> import kemuning_eval
    >>> package_version() == kemuning_eval.__version__
    True
    """
    from kemuning_eval import __version__

    return __version__


#: Libraries whose versions a report records (the numbers and figures depend on them).
NUMERICAL_LIBRARIES = ("numpy", "pandas", "scipy", "statsmodels", "matplotlib", "seaborn")


def environment() -> dict:
    """Return the Python version and the versions of :data:`NUMERICAL_LIBRARIES`.

    Recorded in ``metrics.json`` and the report's appendix, so that a report
    rebuilt later shows what changed; the lock file ``requirements.lock``
    rebuilds the environment.

    Returns
    -------
    dict
        ``{"python": "3.11.7", "libraries": {"numpy": "2.1.0", ...}}``; a
        library that is not installed has ``None``.

    Examples
    --------
    >>> import platform
    >>> env = environment()
    >>> env["python"] == platform.python_version(), sorted(env["libraries"]) == sorted(NUMERICAL_LIBRARIES)
    (True, True)
    """
    import platform

    return {"python": platform.python_version(), "libraries": library_versions(NUMERICAL_LIBRARIES)}


def library_versions(names: Iterable[str]) -> dict[str, str | None]:
    """Return the installed version of each library (None when absent).

    Parameters
    ----------
    names : iterable of str
        Distribution names.

    Returns
    -------
    dict of str to str or None
        Name -> installed version, ``None`` for a library not installed.

    Examples
    --------
    >>> v = library_versions(["pandas", "no-such-library-kemuning"])
    >>> v["pandas"] == metadata.version("pandas"), v["no-such-library-kemuning"]
    (True, None)
    """
    versions: dict[str, str | None] = {}
    for name in names:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def build_provenance(processed_dir: str | Path, root: str | Path, parameters: dict) -> dict:
    """Return the ``provenance`` entry of the metrics.

    Parameters
    ----------
    processed_dir : path
        ``data/processed/<year>`` holding ``manifest.json``.
    root : path
        Project root (for the git commit).
    parameters : dict
        The notebook parameters (paths are reduced to their names).

    Returns
    -------
    dict
        Keys ``inputs`` (:func:`input_hashes`), ``parameters``,
        ``package_version``, ``environment`` (:func:`environment`),
        ``manifest_version``, ``fingerprint`` and ``git_commit``.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     prov = build_provenance(d, d, {"year": 2026, "processed_dir": "/data/processed/2026"})
    >>> prov["parameters"], prov["inputs"], prov["git_commit"]
    ({'processed_dir': '2026', 'year': 2026}, [], None)
    """
    manifest = read_manifest(processed_dir)
    params = {k: (Path(v).name if k.endswith(("_dir", "_root")) and v else v) for k, v in parameters.items()}
    return {
        "inputs": input_hashes(manifest),
        "parameters": dict(sorted(params.items())),
        "package_version": package_version(),
        "environment": environment(),
        "manifest_version": manifest.get("version"),
        "fingerprint": manifest.get("fingerprint"),
        "git_commit": git_commit(root),
    }
