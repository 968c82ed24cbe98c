"""Incremental rebuilds: a content-hash key of everything a report depends on.

The key hashes the notebook, the parameters (without the staging folder),
every file of ``data/processed/<year>`` (tables and the raw manifest), the
study configuration and codebooks, the files of the installed package and
the versions of the libraries that shape the output.  It is stored with the
hashes of the published files in a stamp next to the report; a rebuild with
the same key and untouched outputs reuses them.

Examples
--------
>>> import tempfile
>>> d = Path(tempfile.mkdtemp())
>>> _ = (d / "a.txt").write_text("x", encoding="utf-8")
>>> stamp = d / ".a.build.json"
>>> write_stamp(stamp, "k1", {"a.txt": d / "a.txt"})
>>> is_fresh(stamp, "k1"), is_fresh(stamp, "k2")
(True, False)
>>> _ = (d / "a.txt").write_text("y", encoding="utf-8")
>>> is_fresh(stamp, "k1")
False
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kemuning_eval.ingest.store import sha256_file
from kemuning_eval.jsonio import write_json_atomic
from kemuning_eval.provenance import library_versions

#: Libraries whose version can change a report's bytes.
LIBRARIES = ("kemuning-eval", "pandas", "numpy", "scipy", "statsmodels", "matplotlib",
             "seaborn", "pyarrow", "nbconvert", "nbformat", "papermill", "mistune", "jinja2",
             "playwright", "pypdf", "pypandoc-binary")
_PACKAGE_SUFFIXES = (".py", ".yaml", ".json", ".j2", ".css", ".ttf", "matplotlibrc")


def tree_hashes(folder: Path, *, suffixes: tuple[str, ...] | None = None) -> dict[str, str]:
    """Return ``{relative path: sha256}`` of the files under ``folder`` (sorted, hidden skipped).

    Parameters
    ----------
    folder : Path
        The folder, searched recursively; a missing folder gives ``{}``.
    suffixes : tuple of str, optional
        Keep only files whose name ends with one of these.

    Returns
    -------
    dict of str to str
        POSIX relative path -> SHA-256, in sorted order; files in hidden
        folders, hidden files and ``__pycache__`` are skipped.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     root = Path(d)
    ...     _ = (root / "sub").mkdir()
    ...     _ = (root / "sub" / "t.csv").write_text("x", encoding="utf-8")
    ...     _ = (root / "a.py").write_text("y", encoding="utf-8")
    ...     _ = (root / ".hidden").write_text("z", encoding="utf-8")
    ...     print(list(tree_hashes(root)), list(tree_hashes(root, suffixes=(".py",))))
    ['a.py', 'sub/t.csv'] ['a.py']
    >>> tree_hashes(Path("no/such/folder"))
    {}
    """
    out: dict[str, str] = {}
    if not folder.is_dir():
        return out
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if not path.is_file() or any(part.startswith(".") or part == "__pycache__"
                                     for part in rel.split("/")):
            continue
        if suffixes is None or path.name.endswith(suffixes):
            out[rel] = sha256_file(path)
    return out


def package_fingerprint() -> dict[str, str]:
    """Return the hashes of the installed package's code, texts and templates.

    Returns
    -------
    dict of str to str
        Path relative to the ``kemuning_eval`` folder -> SHA-256, for the
        ``.py``, ``.yaml``, ``.json``, ``.j2``, ``.css``, ``.ttf`` (the fonts the
        PDF embeds) and ``matplotlibrc`` files.

    Examples
    --------
    >>> fp = package_fingerprint()
    >>> "report/engine/cache.py" in fp, "i18n.py" in fp, all(len(h) == 64 for h in fp.values())
    (True, True, True)
    """
    import kemuning_eval

    return tree_hashes(Path(kemuning_eval.__file__).parent, suffixes=_PACKAGE_SUFFIXES)


def build_key(
    *,
    notebook: Path,
    parameters: dict[str, Any],
    inputs: Iterable[Path],
    extra: dict[str, Any] | None = None,
) -> str:
    """Return the content-hash key of one report build.

    Parameters
    ----------
    notebook : Path
        The source notebook.
    parameters : dict
        The notebook parameters, without ``output_dir`` (a staging path).
    inputs : iterable of Path
        Files and folders the report reads (folders are hashed recursively).
    extra : dict, optional
        Anything else that shapes the output.

    Returns
    -------
    str
        SHA-256 (hex) of a JSON record of all of the above plus the
        package's files, the library versions and the Python version.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     nb = Path(d) / "r.ipynb"
    ...     _ = nb.write_text("{}", encoding="utf-8")
    ...     k1 = build_key(notebook=nb, parameters={"year": 2026, "output_dir": "/a"}, inputs=[])
    ...     k2 = build_key(notebook=nb, parameters={"year": 2026, "output_dir": "/b"}, inputs=[])
    ...     k3 = build_key(notebook=nb, parameters={"year": 2025}, inputs=[])
    >>> k1 == k2, k1 == k3, len(k1)
    (True, False, 64)
    """
    import sys

    record = {
        "notebook": sha256_file(notebook),
        "parameters": {k: v for k, v in sorted(parameters.items()) if k != "output_dir"},
        "inputs": {str(p): (tree_hashes(p) if p.is_dir() else sha256_file(p))
                   for p in sorted(set(inputs)) if p.exists()},
        "package": package_fingerprint(),
        "versions": library_versions(LIBRARIES),
        "python": sys.version.split()[0],
        "extra": extra or {},
    }
    text = json.dumps(record, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def write_stamp(stamp: Path, key: str, outputs: dict[str, Path | tuple[Path, Path]]) -> None:
    """Record ``key`` and the hashes of the published ``outputs`` (name -> path) in ``stamp``.

    Parameters
    ----------
    stamp : Path
        The stamp file (written atomically, JSON); inside the build folder,
        so it is published with the outputs it describes.
    key : str
        The build key from :func:`build_key`.
    outputs : dict of str to Path or (Path, Path)
        The published files; ``(staged file, published path)`` records the
        staged file's hash under the path it will be published at.  Missing
        files are left out.

    Returns
    -------
    None

    Examples
    --------
    >>> import json, tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     out = Path(d) / "r.html"
    ...     _ = out.write_text("<p>x</p>", encoding="utf-8")
    ...     write_stamp(Path(d) / ".r.build.json", "k", {"html": out, "gone": Path(d) / "x"})
    ...     record = json.loads((Path(d) / ".r.build.json").read_text(encoding="utf-8"))
    >>> record["key"], sorted(record["outputs"])
    ('k', ['html'])
    """
    pairs = {name: (value if isinstance(value, tuple) else (value, value))
             for name, value in sorted(outputs.items())}
    record = {"key": key, "outputs": {name: [str(shown), sha256_file(staged)]
                                      for name, (staged, shown) in pairs.items() if staged.is_file()}}
    write_json_atomic(json.dumps(record, indent=1, sort_keys=True), stamp)


def is_fresh(stamp: Path, key: str) -> bool:
    """True when ``stamp`` records ``key`` and every recorded output is unchanged.

    Parameters
    ----------
    stamp : Path
        The stamp written by :func:`write_stamp`.
    key : str
        The key of the build about to run.

    Returns
    -------
    bool
        ``False`` when the stamp is missing or unreadable, records another
        key or no outputs, or an output is gone or changed.

    Examples
    --------
    >>> is_fresh(Path("no/such/stamp.json"), "k")
    False
    """
    try:
        record = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if record.get("key") != key or not record.get("outputs"):
        return False
    for path, digest in record["outputs"].values():
        if not Path(path).is_file() or sha256_file(Path(path)) != digest:
            return False
    return True
