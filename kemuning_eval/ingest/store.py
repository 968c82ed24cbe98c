"""Atomic output of the processed tables, ID checks, hashes, and loading the tables back.

:func:`write_outputs` writes every table into a new versioned folder
``data/processed/.<year>.builds/<id>/`` and publishes it in one step
(:mod:`kemuning_eval.publication`): ``data/processed/<year>`` shows the
whole previous set or the whole new one, also after a kill, and the next
run cleans up what a killed run left.  Every table's ID is checked
(unique and complete) before anything is written.

Examples
--------
>>> import tempfile, pathlib, pandas as pd
>>> target = pathlib.Path(tempfile.mkdtemp()) / "2026"
>>> df = pd.DataFrame({"participant_id": ["P2", "P1"], "jp": [20, 30]})
>>> written = write_outputs(target, {"participants": (df, ["participant_id"])}, {"manifest.json": b"{}"})
>>> load_tables(target)["participants"]["participant_id"].tolist()
['P1', 'P2']
>>> check_id(pd.DataFrame({"x": ["a", "a"]}), ["x"], "t")
Traceback (most recent call last):
...
kemuning_eval.errors.DataError: ID tabel 't' tidak unik: 1 duplikat ...
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import Any

from kemuning_eval.errors import DataError
from kemuning_eval.i18n import t
from kemuning_eval.publication import Publication


def sha256_file(path: str | Path) -> str:
    """Return the SHA-256 hex digest of a file.

    Parameters
    ----------
    path : str or Path
        The file (read in 1 MiB chunks).

    Returns
    -------
    str
        64 lower-case hex digits.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     f = Path(tmp) / "a.txt"
    ...     _ = f.write_bytes(b"abc")
    ...     sha256_file(f) == hashlib.sha256(b"abc").hexdigest()
    True
    """
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def check_id(df: Any, id_cols: list[str], name: str) -> None:
    """Raise :class:`DataError` unless ``id_cols`` identify every row uniquely and completely.

    Parameters
    ----------
    df : pandas.DataFrame
        The table.
    id_cols : list of str
        Its ID columns.
    name : str
        Table name for the message.

    Raises
    ------
    DataError
        When an ID column is absent, an ID is missing in some row, or two rows
        share an ID.

    Examples
    --------
    >>> import pandas as pd
    >>> check_id(pd.DataFrame({"id": ["a", "b"]}), ["id"], "t")
    >>> check_id(pd.DataFrame({"id": ["a", None]}), ["id"], "t")
    Traceback (most recent call last):
    ...
    kemuning_eval.errors.DataError: ...
    >>> check_id(pd.DataFrame({"id": ["a"]}), ["kode"], "t")
    Traceback (most recent call last):
    ...
    kemuning_eval.errors.DataError: kolom ID ['kode'] tidak ada di tabel 't'
    """
    missing = [c for c in id_cols if c not in df]
    if missing:
        raise DataError(t("ingest.store.id_missing", columns=missing, table=repr(name)))
    nulls = int(df[id_cols].isna().any(axis=1).sum())
    if nulls:
        raise DataError(t("ingest.store.id_incomplete", table=repr(name), n=nulls),
                        hint=t("ingest.store.id_incomplete_hint"))
    dups = int(df.duplicated(id_cols).sum())
    if dups:
        raise DataError(t("ingest.store.id_not_unique", table=repr(name), n=dups),
                        hint=t("ingest.store.id_not_unique_hint"))


def sort_by_id(df: Any, id_cols: list[str]) -> Any:
    """Return ``df`` sorted by its (unique, complete) ID columns, index reset.

    Text and numeric IDs are sorted by Arrow (``sort_indices``: UTF-8 byte
    order, which is code-point order, as Python sorts ``str``); other types
    by pandas.  IDs are unique, so the order is the same as a stable sort.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"id": ["b", "a", "c"], "k": [2, 1, 1], "v": [1.0, 2.0, 3.0]})
    >>> sort_by_id(df, ["k", "id"])["v"].tolist()
    [2.0, 3.0, 1.0]
    """
    import pandas as pd

    ids = df[id_cols]
    kinds = [pd.api.types.infer_dtype(ids[c], skipna=False) for c in id_cols]
    if all(k in ("string", "integer", "floating") for k in kinds):
        import pyarrow as pa
        import pyarrow.compute as pc

        try:
            table = pa.table({str(i): pa.array(ids[c].to_numpy(dtype=object) if k == "string" else ids[c].to_numpy())
                              for i, (c, k) in enumerate(zip(id_cols, kinds, strict=True))})
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            table = None
        if table is not None:
            order = pc.sort_indices(table, sort_keys=[(str(i), "ascending") for i in range(len(id_cols))])
            return df.take(order.to_numpy()).reset_index(drop=True)
    return df.sort_values(id_cols, kind="mergesort").reset_index(drop=True)


def parquet_bytes(df: Any) -> bytes:
    """Return a DataFrame as parquet bytes (no index; deterministic for the same data).

    Parameters
    ----------
    df : pandas.DataFrame
        The table (written with pyarrow, zstd compression).

    Returns
    -------
    bytes
        The parquet file.

    Examples
    --------
    >>> import io, pandas as pd
    >>> df = pd.DataFrame({"a": [1, 2]}, index=[5, 6])
    >>> data = parquet_bytes(df)
    >>> data[:4], data == parquet_bytes(df)
    (b'PAR1', True)
    >>> pd.read_parquet(io.BytesIO(data)).index.tolist()
    [0, 1]
    """
    buf = io.BytesIO()
    df.to_parquet(buf, index=False, engine="pyarrow", compression="zstd")
    return buf.getvalue()


def write_outputs(target: str | Path, tables: dict[str, tuple[Any, list[str]]],
                  files: dict[str, bytes] | None = None) -> dict[str, dict]:
    """Check IDs, sort rows by ID, write all tables and files, then swap the folder in.

    Parameters
    ----------
    target : Path
        ``data/processed/<year>``.
    tables : dict
        ``name -> (DataFrame, id columns)``; written as ``<name>.parquet``.
    files : dict, optional
        Extra files ``name -> bytes`` (manifest, duplicates report) written
        last (the manifest may list the tables' hashes).

    Returns
    -------
    dict
        ``name -> {"rows", "sha256", "id"}`` of the tables written.

    Raises
    ------
    DataError
        When a table's ID is not unique and complete; nothing is written.

    Examples
    --------
    >>> import tempfile, pandas as pd
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     target = Path(tmp) / "2026"
    ...     df = pd.DataFrame({"id": ["b", "a"], "v": [1, 2]})
    ...     info = write_outputs(target, {"t": (df, ["id"])}, {"note.txt": b"ok"})
    ...     names = sorted(p.name for p in target.iterdir())
    ...     same_hash = info["t"]["sha256"] == sha256_file(target / "t.parquet")
    >>> names, info["t"]["rows"], info["t"]["id"], same_hash
    (['note.txt', 't.parquet'], 2, ['id'], True)
    """
    target = Path(target)
    prepared, info = {}, {}
    for name, (df, id_cols) in sorted(tables.items()):
        check_id(df, id_cols, name)
        df = sort_by_id(df, id_cols)
        data = parquet_bytes(df)
        prepared[f"{name}.parquet"] = data
        info[name] = {"rows": len(df), "sha256": hashlib.sha256(data).hexdigest(), "id": list(id_cols)}
    if files:
        prepared.update({k: (v(info) if callable(v) else v) for k, v in files.items()})
    pub = publication(target)
    pub.recover(legacy=target)
    stage = pub.new_build()
    try:
        for name, data in prepared.items():
            (stage / name).write_bytes(data)
        pub.commit(stage)
    except BaseException:
        pub.discard(stage)
        raise
    return info


def publication(target: str | Path) -> Publication:
    """Return the versioned publication behind ``data/processed/<year>`` (see :mod:`kemuning_eval.publication`).

    Builds live in ``data/processed/.<year>.builds/<id>/``; ``data/processed/<year>``
    is a link to the current build (POSIX) or a copy of it (Windows).

    Examples
    --------
    >>> pub = publication(Path("data/processed/2026"))
    >>> pub.builds.as_posix(), pub.outputs[0][0] == ""
    ('data/processed/.2026.builds', True)
    """
    target = Path(target)
    return Publication(target.parent / f".{target.name}.builds", (("", target),))


def readable_dir(processed_dir: str | Path) -> Path:
    """Return the folder to read ``data/processed/<year>`` from as one whole set.

    The current build's folder (resolved once, so a publication switching
    meanwhile does not mix two versions), else ``processed_dir`` itself.

    Examples
    --------
    >>> readable_dir("no/such/2026").as_posix()
    'no/such/2026'
    """
    return publication(processed_dir).read_path("")


def load_tables(processed_dir: str | Path) -> dict[str, Any]:
    """Return every ``*.parquet`` table of a processed folder, keyed by name.

    Parameters
    ----------
    processed_dir : str or Path
        ``data/processed/<year>``.

    Returns
    -------
    dict of str to pandas.DataFrame
        Tables by file stem, in name order.

    Raises
    ------
    DataError
        When the folder does not exist (ingestion has not run).

    Examples
    --------
    >>> import tempfile, pandas as pd
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = write_outputs(Path(tmp) / "2026", {
    ...         "b": (pd.DataFrame({"id": [1]}), ["id"]),
    ...         "a": (pd.DataFrame({"id": [2, 1]}), ["id"])})
    ...     tables = load_tables(Path(tmp) / "2026")
    >>> list(tables), tables["a"]["id"].tolist()
    (['a', 'b'], [1, 2])
    >>> load_tables("/no/such/folder")
    Traceback (most recent call last):
    ...
    kemuning_eval.errors.DataError: ...
    """
    import pandas as pd

    folder = readable_dir(processed_dir)
    if not folder.is_dir():
        raise DataError(t("ingest.store.no_folder", path=folder),
                        hint=t("ingest.store.run_ingest", year="TAHUN"))
    return {p.stem: pd.read_parquet(p) for p in sorted(folder.glob("*.parquet"))}


def load_table(year: int, name: str, *, paths: Any = None) -> Any:
    """Return one processed table of a year (e.g. ``load_table(2026, "reaction")``).

    Parameters
    ----------
    year : int
        Study year.
    name : str
        Table name (file stem in ``data/processed/<year>``).
    paths : ProjectPaths, optional
        Project paths (default: discovered from the current folder).

    Returns
    -------
    pandas.DataFrame
        The table.

    Raises
    ------
    DataError
        When the table does not exist (ingestion has not run).

    Examples
    --------
    >>> import tempfile, pandas as pd
    >>> from kemuning_eval.paths import ProjectPaths
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     paths = ProjectPaths(Path(tmp))
    ...     _ = write_outputs(paths.processed(2026), {"reaction": (pd.DataFrame({"id": [3, 1]}), ["id"])})
    ...     ids = load_table(2026, "reaction", paths=paths)["id"].tolist()
    ...     try:
    ...         load_table(2026, "tests", paths=paths)
    ...     except DataError as exc:
    ...         hint = exc.hint
    >>> ids, "2026" in hint
    ([1, 3], True)
    """
    import pandas as pd

    from kemuning_eval.paths import ProjectPaths

    paths = paths or ProjectPaths.discover()
    path = readable_dir(paths.processed(year)) / f"{name}.parquet"
    if not path.is_file():
        raise DataError(t("ingest.store.no_table", table=repr(name), year=year, path=path),
                        hint=t("ingest.store.run_ingest", year=year))
    return pd.read_parquet(path)
