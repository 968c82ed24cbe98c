"""Repeated submissions and repeated participants: detect, settle by rule or resolution, report.

Rules (``duplicates.rule`` in ``studi.yaml``), applied within each group of
records sharing a key (e.g. the same participant and programme):

- ``keep_latest_complete`` (default): most answered items, then latest
  ``submitted_at``, then the lowest row in the file (a later row wins ties);
- ``keep_latest``: latest ``submitted_at``, then the last row;
- ``keep_first``: earliest ``submitted_at``, then the first row.

Roster rows of one participant that differ (another programme or unit)
cannot be settled by a rule: they are *conflicts*.  A person settles them in
``data/raw/<year>/resolusi-duplikat-<year>.csv`` with columns ``key, row,
action`` (``keep``/``drop``; ``file`` optional): ``key`` is the pseudonymous
participant key, ``row`` the spreadsheet row.  Resolutions also override a
rule for any other duplicate group they name.

Examples
--------
>>> import pandas as pd
>>> df = pd.DataFrame({"pid": ["P1", "P1", "P2"], "submitted_at": pd.to_datetime(
...     ["2026-03-01", "2026-03-02", "2026-03-01"]), "q1": [4.0, None, 5.0], "_row": [2, 3, 4]})
>>> kept, report = settle(df, ["pid"], rule="keep_latest_complete", items=["q1"], file="s.csv")
>>> kept["_row"].tolist(), report[["row", "action"]].values.tolist()
([2, 4], [[2, 'keep'], [3, 'drop']])
>>> kept, _ = settle(df, ["pid"], rule="keep_latest", items=["q1"], file="s.csv")
>>> kept["_row"].tolist()
[3, 4]
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kemuning_eval.errors import DataError
from kemuning_eval.i18n import t

REPORT_COLUMNS = ["file", "kind", "key", "row", "action", "rule", "reason"]
_ACTIONS = {"keep": "keep", "simpan": "keep", "pertahankan": "keep",
            "drop": "drop", "hapus": "drop", "buang": "drop"}


@dataclass(frozen=True)
class Resolutions:
    """Actions a person recorded: ``(key, row) -> 'keep' | 'drop'``.

    Parameters
    ----------
    actions : dict
        ``(participant key, spreadsheet row) -> "keep" | "drop"``.
    file : str
        Name of the resolution file they came from (``""`` when none).

    Examples
    --------
    >>> res = Resolutions({("P1", 3): "keep", ("P1", 5): "drop", ("P2", 4): "keep"}, "r.csv")
    >>> res.for_group("P1", [3, 5, 7])
    {3: 'keep', 5: 'drop'}
    >>> res.for_group("P9", [1])
    {}
    """

    actions: dict
    file: str = ""

    def for_group(self, key: str, rows: list[int]) -> dict[int, str]:
        """Return the recorded actions for the rows of one group."""
        return {r: self.actions[(key, r)] for r in rows if (key, r) in self.actions}


def load_resolutions(path: Path | None) -> Resolutions:
    """Read the resolution file (missing file = no resolutions).

    The separator is detected; actions may be written in Indonesian
    (``simpan``/``pertahankan`` = keep, ``hapus``/``buang`` = drop).

    Parameters
    ----------
    path : Path or None
        ``resolusi-duplikat-<year>.csv`` with columns ``key, row, action``.

    Returns
    -------
    Resolutions
        Empty when ``path`` is None or does not exist.

    Raises
    ------
    DataError
        Naming the row of a resolution with an unknown action or bad row number.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     f = Path(tmp) / "resolusi.csv"
    ...     _ = f.write_text("key;row;action\\nP1;3;simpan\\nP1;5;Hapus\\n", encoding="utf-8")
    ...     res = load_resolutions(f)
    ...     _ = f.write_text("key,row,action\\nP1,3,mungkin\\n", encoding="utf-8")
    ...     try:
    ...         load_resolutions(f)
    ...     except DataError as exc:
    ...         where = (exc.row, exc.column, exc.value)
    >>> sorted(res.actions.items()), res.file
    ([(('P1', 3), 'keep'), (('P1', 5), 'drop')], 'resolusi.csv')
    >>> where
    (2, 'action', 'mungkin')
    >>> load_resolutions(None).actions
    {}
    """
    import pandas as pd

    if path is None or not Path(path).is_file():
        return Resolutions({}, "")
    frame = pd.read_csv(path, dtype="str", sep=None, engine="python", encoding="utf-8-sig")
    frame.columns = [c.strip().lower() for c in frame.columns]
    missing = {"key", "row", "action"} - set(frame.columns)
    if missing:
        raise DataError(t("ingest.resolution.columns", columns=sorted(missing)), file=Path(path).name,
                        hint=t("ingest.resolution.columns_hint"))
    actions = {}
    for i, rec in enumerate(frame.itertuples(index=False), start=2):
        act = _ACTIONS.get(str(rec.action).strip().lower())
        if act is None:
            raise DataError(t("ingest.resolution.action"), file=Path(path).name, row=i,
                            column="action", value=rec.action, hint=t("ingest.resolution.action_hint"))
        try:
            row = int(str(rec.row).strip())
        except ValueError:
            raise DataError(t("ingest.resolution.row"), file=Path(path).name, row=i, column="row",
                            value=rec.row) from None
        actions[(str(rec.key).strip(), row)] = act
    return Resolutions(actions, Path(path).name)


def _order(df: Any, rule: str, items: list[str], time_col: str | None) -> Any:
    """Sort so that the record to keep comes first within each group."""
    work = df.copy()
    has_time = time_col is not None and time_col in work
    sort_cols, ascending = [], []
    if rule == "keep_latest_complete":
        cols = [c for c in items if c in work]
        work["_complete"] = work[cols].notna().sum(axis=1) if cols else 0
        sort_cols.append("_complete")
        ascending.append(False)
    if has_time:
        # NaT becomes the smallest int64: a record without a time sorts as the oldest
        work["_time"] = work[time_col].to_numpy().astype("datetime64[us]").astype("int64")
        sort_cols.append("_time")
        ascending.append(rule == "keep_first")
    sort_cols.append("_row")
    ascending.append(rule == "keep_first")
    return work.sort_values(sort_cols, ascending=ascending, kind="mergesort")


def settle(df: Any, keys: list[str], *, rule: str, items: list[str] = (), file: str = "",
           time_col: str | None = "submitted_at", kind: str = "submission",
           resolutions: Resolutions | None = None, key_col: str | None = None) -> tuple[Any, Any]:
    """Keep one record per key by ``rule`` (or a person's resolution); return (kept, report).

    Records with a missing key are kept as they are.  The report lists every
    record of every duplicated group (pseudonymous key, row, keep/drop).

    Parameters
    ----------
    df : pandas.DataFrame
        Records with a ``_row`` column (spreadsheet row).
    keys : list of str
        Columns that identify one record (e.g. participant and programme).
    rule : {"keep_latest_complete", "keep_latest", "keep_first"}
        How a group is settled (see the module description).
    items : list of str, optional
        Answer columns counted by ``keep_latest_complete``.
    file : str
        File name for the report.
    time_col : str or None, default "submitted_at"
        Submission time column (ignored when absent).
    kind : str, default "submission"
        Kind of duplicate for the report.
    resolutions : Resolutions, optional
        A person's decisions; they override the rule for the rows they name.
    key_col : str, optional
        Column whose value is the report's key (default: ``keys[0]``).

    Returns
    -------
    kept : pandas.DataFrame
        ``df`` without the dropped records (original order).
    report : pandas.DataFrame
        Columns :data:`REPORT_COLUMNS`, sorted by key and row; ``reason`` is
        ``aturan`` (rule) or ``resolusi`` (resolution).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"pid": ["P1", "P1", None, None], "q1": [1, 2, 3, 4],
    ...                    "_row": [2, 3, 4, 5]})
    >>> kept, report = settle(df, ["pid"], rule="keep_first", time_col=None)
    >>> kept["_row"].tolist(), report["action"].tolist()
    ([2, 4, 5], ['keep', 'drop'])
    >>> res = Resolutions({("P1", 3): "keep", ("P1", 2): "drop"})
    >>> kept, report = settle(df, ["pid"], rule="keep_first", time_col=None, resolutions=res)
    >>> kept["_row"].tolist(), report[["row", "action", "reason"]].values.tolist()
    ([3, 4, 5], [[2, 'drop', 'resolusi'], [3, 'keep', 'resolusi']])
    """
    import pandas as pd

    key_col = key_col or keys[0]
    complete = df[keys].notna().all(axis=1)
    dup = complete & df.duplicated(keys, keep=False)
    if not dup.any():
        return df, pd.DataFrame(columns=REPORT_COLUMNS)
    groups = _order(df[dup], rule, list(items), time_col)
    first = ~groups.duplicated(keys, keep="first")
    keep_rows = set(groups.loc[first, "_row"].tolist())
    reasons = {r: "aturan" for r in groups["_row"]}
    if resolutions and resolutions.actions:
        for key, grp in groups.groupby(key_col, sort=False):
            acts = resolutions.for_group(str(key), grp["_row"].tolist())
            if not acts:
                continue
            for r in grp["_row"]:
                if r in acts:
                    (keep_rows.add if acts[r] == "keep" else keep_rows.discard)(r)
                    reasons[r] = "resolusi"
    drop_rows = set(groups["_row"]) - keep_rows
    report = pd.DataFrame({
        "file": file, "kind": kind, "key": groups[key_col].astype(str).to_numpy(),
        "row": groups["_row"].to_numpy(),
        "action": ["keep" if r in keep_rows else "drop" for r in groups["_row"]],
        "rule": rule, "reason": [reasons[r] for r in groups["_row"]]})
    kept = df[~df["_row"].isin(drop_rows)]
    return kept, report.sort_values(["key", "row"]).reset_index(drop=True)


def settle_roster(df: Any, *, key: str, compare: list[str], file: str,
                  resolutions: Resolutions) -> tuple[Any, Any, list[dict]]:
    """Settle repeated participants in the roster.

    Identical repeats (same ``compare`` values) keep the first row.  Repeats
    that differ are conflicts: settled only by ``resolutions`` (exactly one
    row kept); otherwise returned as unresolved groups
    ``{"key", "rows"}`` for the caller to stop the run.

    Parameters
    ----------
    df : pandas.DataFrame
        Roster rows with a ``_row`` column (spreadsheet row).
    key : str
        Participant key column (pseudonymous).
    compare : list of str
        Columns that must agree for repeats to count as identical.
    file : str
        File name for the report.
    resolutions : Resolutions
        A person's decisions (may be empty).

    Returns
    -------
    kept : pandas.DataFrame
        Roster without the dropped rows.
    report : pandas.DataFrame
        Columns :data:`REPORT_COLUMNS`; ``reason`` is ``identik`` or ``resolusi``.
    unresolved : list of dict
        ``{"key", "rows"}`` of each conflict still open.

    Examples
    --------
    >>> import pandas as pd
    >>> roster = pd.DataFrame({"pid": ["P1", "P1", "P2", "P2"],
    ...                        "program": ["A", "A", "A", "B"], "_row": [2, 3, 4, 5]})
    >>> kept, report, open_ = settle_roster(roster, key="pid", compare=["program"],
    ...                                     file="peserta.csv", resolutions=Resolutions({}))
    >>> kept["_row"].tolist(), report[["row", "action"]].values.tolist(), open_
    ([2, 4, 5], [[2, 'keep'], [3, 'drop']], [{'key': 'P2', 'rows': [4, 5]}])
    >>> kept, _, open_ = settle_roster(roster, key="pid", compare=["program"], file="peserta.csv",
    ...                                resolutions=Resolutions({("P2", 5): "keep"}))
    >>> kept["_row"].tolist(), open_
    ([2, 5], [])
    """
    import pandas as pd

    dup = df[key].notna() & df.duplicated(key, keep=False)
    if not dup.any():
        return df, pd.DataFrame(columns=REPORT_COLUMNS), []
    cols = [c for c in compare if c in df]
    drop, records, unresolved = set(), [], []
    for k, grp in df[dup].sort_values("_row").groupby(key, sort=True):
        rows = grp["_row"].tolist()
        same = len(grp[cols].astype(str).drop_duplicates()) == 1 if cols else True
        acts = resolutions.for_group(str(k), rows)
        if acts:
            kept = [r for r in rows if acts.get(r) == "keep"]
            if len(kept) == 1:  # one row kept: the others are dropped
                for r in rows:
                    action = "keep" if r == kept[0] else "drop"
                    records.append((k, r, action, "resolusi"))
                    if action == "drop":
                        drop.add(r)
                continue
            if not same:
                unresolved.append({"key": str(k), "rows": rows})
                continue
        if same:
            for i, r in enumerate(rows):
                records.append((k, r, "keep" if i == 0 else "drop", "identik"))
                if i:
                    drop.add(r)
        else:
            unresolved.append({"key": str(k), "rows": rows})
    report = pd.DataFrame(records, columns=["key", "row", "action", "reason"])
    report.insert(0, "kind", "participant")
    report.insert(0, "file", file)
    report["rule"] = "identik/resolusi"
    return df[~df["_row"].isin(drop)], report[REPORT_COLUMNS], unresolved


def resolution_template(unresolved: list[dict], file: str) -> str:
    """Return the CSV lines a person fills in to settle the conflicts.

    Examples
    --------
    >>> print(resolution_template([{"key": "Pabc", "rows": [5, 9]}], "peserta.xlsx"))
    key,file,row,action
    Pabc,peserta.xlsx,5,keep
    Pabc,peserta.xlsx,9,drop
    """
    lines = ["key,file,row,action"]
    for group in unresolved:
        for i, r in enumerate(group["rows"]):
            lines.append(f"{group['key']},{file},{r},{'keep' if i == 0 else 'drop'}")
    return "\n".join(lines)
