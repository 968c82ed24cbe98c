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
``response_rate``, ``missing_answer``, ``straight_lining``.

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
    """Return a quality measure (not a per-record problem) as a :class:`Problem`."""
    return Problem(file, None, column, None, message or check_text(check), severity=severity,
                   extra={"check": check, "n": int(n), "rows": [], "share": float(value)})


def problems_frame(problems: list[Problem]) -> Any:
    """Aggregate problems into the data-quality table, one row per (file, check, column)."""
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
    """Return one problem as a terminal line: severity, rule, location, value, hint."""
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
    """Return the terminal lines for the per-record problems, errors first, at most ``limit``."""
    shown = [p for p in problems if "share" not in p.extra or p.severity != "info"]
    shown.sort(key=lambda p: (_RANK.get(p.severity, 3), p.file, p.row or 0))
    lines = [format_problem(p) for p in shown[:limit]]
    if len(shown) > limit:
        lines.append(f"... dan {len(shown) - limit} masalah lainnya (lihat data_quality)")
    return lines
