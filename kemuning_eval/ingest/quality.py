"""The data-quality table (``data_quality.parquet``) and the terminal summary of problems.

Columns: ``file``, ``check``, ``column`` (``""`` for file-level checks),
``n`` (records affected), ``value`` (a share or rate, 0-1, NaN when not
meaningful), ``severity`` (``error``/``warning``/``info``), ``rows`` (up to
ten spreadsheet rows, ``;``-joined) and ``example`` (up to three offending
values; never a value from a PII column).  ID: (``file``, ``check``, ``column``).

Checks: ``missing_column``, ``missing_required``, ``unknown_label``,
``unknown_value``, ``not_a_number``, ``not_an_integer``, ``not_a_date``,
``out_of_range``, ``invalid_nip``, ``read_error``, ``config_error``,
``duplicate_submission``, ``duplicate_participant``, ``duplicate_conflict``,
``unmatched``, ``unmatched_facilitator``, ``unmatched_program``,
``response_rate``, ``missing_answer``, ``straight_lining``, ``ambiguous_date``,
``duplicate_exact``, ``duplicate_corrected``, ``keyed_by_email``, ``keyed_by_name``,
``unkeyed``, ``negative_item_total``, ``header_row`` (title rows skipped; ``n`` = header row),
``program_matched``; and from :mod:`kemuning_eval.ingest.checks`:
``no_items``, ``not_finite``, ``excel_error``, ``nip_as_number``, ``no_valid_nip``,
``blank_nip``, ``blank_key``, ``link_share``.

Examples
--------
>>> from kemuning_eval.errors import Problem
>>> p = [Problem("a.csv", 3, "Q1", "x", "label", extra={"check": "unknown_label", "n": 2, "rows": [3, 7]}),
...      Problem("a.csv", 9, "Q1", "y", "label", extra={"check": "unknown_label", "n": 1, "rows": [9]})]
>>> problems_frame(p)[["check", "n", "rows", "example"]].values.tolist()
[['unknown_label', 3, '3;7;9', 'x; y']]
"""

from __future__ import annotations

from typing import Any

from kemuning_eval.errors import Problem

COLUMNS = ["file", "check", "column", "n", "value", "severity", "rows", "example"]
_RANK = {"error": 0, "warning": 1, "info": 2}


def check_text(check: str, lang: str = "id", **values: Any) -> str:
    """Return the human name of a data-quality check from the catalogue (``ingest.check.*``).

    Examples
    --------
    >>> check_text("unknown_label", "en", scale="setuju5")
    'unknown label on scale setuju5'
    >>> check_text("response_rate")
    'tingkat respons'
    """
    from kemuning_eval.i18n import catalogue, t

    key = f"ingest.check.{check}"
    if key not in catalogue():
        return check
    template = catalogue()[key][lang]
    if values or "{" not in template:
        return t(key, lang, **values)
    return template


def measure(file: str, check: str, column: str, n: int, value: float, severity: str = "info",
            message: str | None = None) -> Problem:
    """Return a quality measure (not a per-record problem) as a :class:`Problem`.

    Parameters
    ----------
    file : str
        File the measure concerns.
    check : str
        Check name, e.g. ``"response_rate"``.
    column : str
        Column (``""`` for file-level measures).
    n : int
        Records concerned.
    value : float
        The share or rate (0-1).
    severity : {"info", "warning", "error"}, default "info"
        How serious it is.
    message : str, optional
        Text of the problem (default: the check's name from the catalogue).

    Returns
    -------
    Problem
        With ``extra = {"check", "n", "rows": [], "share"}``.

    Examples
    --------
    >>> m = measure("reaksi.csv", "response_rate", "", 40, 0.8)
    >>> m.rule, m.severity, m.extra["share"]
    ('tingkat respons', 'info', 0.8)
    >>> problems_frame([m])[["check", "n", "value"]].values.tolist()
    [['response_rate', 40, 0.8]]
    """
    return Problem(file, None, column, None, message or check_text(check), severity=severity,
                   extra={"check": check, "n": int(n), "rows": [], "share": float(value)})


def problems_frame(problems: list[Problem]) -> Any:
    """Aggregate problems into the data-quality table, one row per (file, check, column).

    Parameters
    ----------
    problems : list of Problem
        Findings of one ingestion; ``extra["check"]`` names the check
        (default: the problem's ``rule``).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COLUMNS`, sorted by file, check and column; the most
        serious severity of a group wins.  Empty (typed) when no problems.

    Examples
    --------
    >>> from kemuning_eval.errors import Problem
    >>> table = problems_frame([
    ...     Problem("b.csv", 4, "NIP", None, "invalid_nip", severity="warning"),
    ...     Problem("b.csv", 6, "NIP", None, "invalid_nip"),
    ...     Problem("a.csv", 2, None, None, "missing_required")])
    >>> table[["file", "check", "column", "n", "severity", "rows"]].values.tolist()
    [['a.csv', 'missing_required', '', 1, 'error', '2'], ['b.csv', 'invalid_nip', 'NIP', 2, 'error', '4;6']]
    >>> len(problems_frame([])), list(problems_frame([]).columns) == COLUMNS
    (0, True)
    """
    import pandas as pd

    if not problems:
        return pd.DataFrame({c: pd.Series(dtype="float64" if c == "value" else
                                          "int64" if c == "n" else object) for c in COLUMNS})
    groups: dict[tuple, dict] = {}
    for p in problems:
        check = p.extra.get("check", p.rule)
        key = (p.file, check, p.column or "")
        g = groups.setdefault(key, {"n": 0, "value": float("nan"), "severity": p.severity,
                                    "rows": [], "example": []})
        g["n"] += int(p.extra.get("n", 1))
        if "share" in p.extra:
            g["value"] = p.extra["share"]
        if _RANK.get(p.severity, 3) < _RANK.get(g["severity"], 3):
            g["severity"] = p.severity
        rows = p.extra.get("rows") or ([p.row] if p.row is not None else [])
        g["rows"].extend(r for r in rows if len(g["rows"]) < 10)
        if p.value is not None and len(g["example"]) < 3 and str(p.value) not in g["example"]:
            g["example"].append(str(p.value))
    records = [{"file": k[0], "check": k[1], "column": k[2], "n": g["n"], "value": g["value"],
                "severity": g["severity"], "rows": ";".join(str(r) for r in g["rows"][:10]),
                "example": "; ".join(g["example"])} for k, g in groups.items()]
    frame = pd.DataFrame(records, columns=COLUMNS)
    frame["n"] = frame["n"].astype("int64")
    frame["value"] = frame["value"].astype("float64")
    return frame.sort_values(["file", "check", "column"]).reset_index(drop=True)


def format_problem(p: Problem) -> str:
    """Return one problem as a terminal line: severity, rule, location, value, hint.

    Parameters
    ----------
    p : Problem
        The finding; ``extra["rows"]`` (several rows) is shortened to five.

    Returns
    -------
    str
        ``[severity] rule [file ..., baris ..., kolom ..., nilai ...] -> hint``.

    Examples
    --------
    >>> from kemuning_eval.errors import Problem
    >>> format_problem(Problem("tes.csv", 5, "Nilai", "abc", "bukan angka", hint="isi angka 0-100"))
    "[error] bukan angka [file tes.csv, baris 5, kolom 'Nilai', nilai 'abc'] -> isi angka 0-100"
    >>> format_problem(Problem("tes.csv", None, "Nilai", None, "bukan angka",
    ...                        extra={"n": 7, "rows": [2, 3, 4, 5, 6, 7, 8]}))
    "[error] bukan angka [file tes.csv, baris 2, 3, 4, 5, 6 (+2 lainnya), kolom 'Nilai']"
    """
    parts = [f"file {p.file}"]
    rows = p.extra.get("rows") or []
    if len(rows) > 1:
        more = f" (+{p.extra.get('n', len(rows)) - 5} lainnya)" if p.extra.get("n", 0) > 5 else ""
        parts.append("baris " + ", ".join(str(r) for r in rows[:5]) + more)
    elif p.row is not None:
        parts.append(f"baris {p.row}")
    if "share" in p.extra:
        parts.append(f"n={p.extra['n']}")
    if p.column:
        parts.append(f"kolom {p.column!r}")
    if p.value is not None:
        parts.append(f"nilai {str(p.value)!r}")
    text = f"[{p.severity}] {p.rule} [{', '.join(parts)}]"
    if p.hint:
        text += f" -> {p.hint}"
    return text


def summary_lines(problems: list[Problem], *, limit: int = 60) -> list[str]:
    """Return the terminal lines for the per-record problems, errors first, at most ``limit``.

    Informational measures (:func:`measure` with severity ``info``) are left
    out; when more than ``limit`` remain a last line says how many more.

    Parameters
    ----------
    problems : list of Problem
        Findings of one ingestion.
    limit : int, default 60
        Most lines shown.

    Returns
    -------
    list of str
        Lines of :func:`format_problem`, errors first, then by file and row.

    Examples
    --------
    >>> from kemuning_eval.errors import Problem
    >>> found = [Problem("a.csv", 9, "Q1", "x", "label", severity="warning"),
    ...          Problem("a.csv", 3, "Q2", "y", "label"),
    ...          measure("a.csv", "response_rate", "", 10, 0.5)]
    >>> for line in summary_lines(found, limit=1):
    ...     print(line)
    [error] label [file a.csv, baris 3, kolom 'Q2', nilai 'y']
    ... dan 1 masalah lainnya (lihat data_quality)
    """
    shown = [p for p in problems if "share" not in p.extra or p.severity != "info"]
    shown.sort(key=lambda p: (_RANK.get(p.severity, 3), p.file, p.row or 0))
    lines = [format_problem(p) for p in shown[:limit]]
    if len(shown) > limit:
        lines.append(f"... dan {len(shown) - limit} masalah lainnya (lihat data_quality)")
    return lines
