"""Is a declared instrument usable?  Checks run on a raw table and its typed variables.

The codebook applies types and labels (:mod:`kemuning_eval.ingest.codebook`);
these checks decide whether what came out can stand for the instrument at
all, so that ``validate`` exit 0 never hides a lost instrument:

- :func:`unique_headers` -- a header written twice is an error naming both
  positions (readers call it);
- :func:`missing_structure` -- a variable the instrument needs, or every
  item of a scale/dimension, missing is an error, not a warning (a file with
  none of the survey's items is not the reaction survey);
- :func:`non_finite` -- ``inf``, ``1e309`` and Excel error values
  (``#DIV/0!``, ``#N/A`` ...) in a number column are errors, never numbers;
- :func:`nip_as_number` -- a NIP column stored as numbers (digits lost) is an
  error telling the user to format it as text;
- :func:`blank_keys` -- a record whose key (programme code, activity, ...) is
  empty is reported by row;
- :func:`link_share` -- linking that drops more than
  ``linking.max_dropped_share`` of an instrument's records stops the run.

Examples
--------
>>> import pandas as pd
>>> from kemuning_eval.ingest.readers import RawTable
>>> raw = RawTable(pd.DataFrame({"Biaya": ["1000", "inf", "#DIV/0!"]}, dtype="str"),
...                rows=[2, 3, 4], file="program.csv")
>>> data = pd.DataFrame({"cost": [1000.0, float("inf"), float("nan")]})
>>> sorted((p.extra["check"], p.row) for p in non_finite(raw, data, {"cost": "Biaya"}))
[('excel_error', 4), ('not_finite', 3)]
>>> data["cost"].tolist()[:2]
[1000.0, nan]
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from typing import Any

from kemuning_eval.errors import DataError, Problem
from kemuning_eval.i18n import t
from kemuning_eval.ingest.quality import check_text

#: Excel's error values, as an export writes them into a cell.
EXCEL_ERRORS = frozenset({"#DIV/0!", "#N/A", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!",
                          "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#UNKNOWN!"})
_NUMERIC = ("integer", "number", "money", "percent")
#: codebook findings about a value that :func:`non_finite` reports more precisely
_SUPERSEDED = ("out_of_range", "not_a_number", "not_an_integer", "not_a_date", "unknown_label", "unknown_value")
#: a NIP written as a number: scientific notation (``1.96910121992043E+17``, as Excel or a
#: float writes it) or a decimal tail (``196608011988031001.0``, a number cell turned into text)
_NIP_AS_NUMBER = re.compile(r"^\s*(?:[+-]?\d+(?:[.,]\d*)?[eE][+-]?\d+|\d{15,}[.,]0+)\s*$")


def column_letter(position: int) -> str:
    """Return the spreadsheet letter of a 1-based column position.

    Examples
    --------
    >>> column_letter(1), column_letter(26), column_letter(28)
    ('A', 'Z', 'AB')
    """
    letters = ""
    while position > 0:
        position, rest = divmod(position - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def unique_headers(names: list[Any], *, file: str, row: int) -> None:
    """Raise :class:`DataError` when a header appears twice (spaces and case ignored).

    Parameters
    ----------
    names : list
        The header cells in order (empty cells are ignored).
    file : str
        File name for the message.
    row : int
        1-based row of the header.

    Raises
    ------
    DataError
        Naming the header and both positions (number and letter).

    Examples
    --------
    >>> unique_headers(["NIP", "Nama"], file="a.csv", row=1)
    >>> try:
    ...     unique_headers(["NIP", "Nama", " nip "], file="a.csv", row=1)
    ... except DataError as exc:
    ...     print(exc.column, exc.row, "3 (C)" in exc.message)
    NIP 1 True
    """
    seen: dict[str, tuple[int, str]] = {}
    for pos, name in enumerate(names, start=1):
        if name is None or (isinstance(name, float) and name != name):
            continue
        text = " ".join(str(name).split())
        key = text.casefold()
        if not key or key.startswith("unnamed:"):
            continue
        if key in seen:
            first, text = seen[key]
            raise DataError(t("ingest.checks.duplicate_header", first=f"{first} ({column_letter(first)})",
                              second=f"{pos} ({column_letter(pos)})"),
                            file=file, row=row, column=text,
                            hint=t("ingest.checks.duplicate_header_hint"))
        seen[key] = (pos, text)


def _problem(file: str, check: str, message: str, *, rows: Any = (), column: str | None = None,
             value: Any = None, severity: str = "error", hint: str | None = None, n: int | None = None) -> Problem:
    rows = sorted(int(r) for r in rows)
    return Problem(file, rows[0] if rows else None, column, value, message, severity=severity, hint=hint,
                   extra={"check": check, "n": n if n is not None else max(len(rows), 1), "rows": rows[:20]})


def missing_structure(problems: list[Problem], cb: Any, *, needed: list[Any], file: str) -> list[Problem]:
    """Upgrade ``missing_column`` warnings that make the instrument unusable to errors.

    A column is fatal when its variable is one the instrument needs
    (``needed``, tuples = one of), or when every item of its dimension (else
    its scale) is missing.  When the codebook has items and none is in the
    file, one more error says the file is probably not this instrument's.

    Parameters
    ----------
    problems : list of Problem
        What :func:`~kemuning_eval.ingest.convert.apply_codebook` found.
    cb : Codebook
        The instrument's codebook.
    needed : list
        Variables the instrument needs (``builders.read.REQUIRED_VARIABLES``).
    file : str
        The raw file (for messages).

    Returns
    -------
    list of Problem
        ``problems`` with fatal ``missing_column`` entries as errors, plus the
        "no item at all" error when it applies.

    Examples
    --------
    >>> from kemuning_eval.ingest.codebook import codebook_from_mapping
    >>> cb = codebook_from_mapping({"columns": [
    ...     {"raw": "NIP", "variable": "nip", "type": "nip"},
    ...     {"raw": "Q1", "variable": "q1", "type": "likert", "scale": "setuju5", "dimension": "materi"},
    ...     {"raw": "Q2", "variable": "q2", "type": "likert", "scale": "setuju5", "dimension": "materi"}]})
    >>> found = [Problem("x.csv", None, c, None, "kolom tidak ditemukan", severity="warning",
    ...                  extra={"check": "missing_column"}) for c in ("NIP", "Q1", "Q2")]
    >>> out = missing_structure(found, cb, needed=["nip"], file="x.csv")
    >>> [(p.column, p.severity) for p in out]
    [('NIP', 'error'), ('Q1', 'error'), ('Q2', 'error'), (None, 'error')]
    """
    absent = {p.column for p in problems if p.extra.get("check") == "missing_column"}
    if not absent:
        return problems
    fatal = _needed_raw(cb, needed, absent)
    items = [c for c in cb.columns if c.type == "likert" or c.ikm_element]
    groups: dict[str, list[Any]] = {}
    for c in items:
        groups.setdefault(c.dimension or c.scale or "", []).append(c)
    for cols in groups.values():
        if all(c.raw in absent for c in cols):
            fatal |= {c.raw for c in cols}
    hint = t("ingest.checks.unusable_hint")
    out = [replace(p, severity="error", hint=(p.hint + "; " if p.hint else "") + hint)
           if p.extra.get("check") == "missing_column" and p.column in fatal else p for p in problems]
    if items and all(c.raw in absent for c in items):
        out.append(_problem(file, "no_items", t("ingest.checks.no_items", n=len(items), instrument=cb.instrument),
                            hint=t("ingest.checks.no_items_hint")))
    return out


def _needed_raw(cb: Any, needed: list[Any], absent: set[str]) -> set[str]:
    """Raw headers of needed variables that are missing (a tuple is fatal only when all are)."""
    by_var = {c.variable: c.raw for c in cb.columns}
    fatal: set[str] = set()
    for need in needed:
        options = [by_var[v] for v in (need if isinstance(need, tuple) else (need,)) if v in by_var]
        if options and all(raw in absent for raw in options):
            fatal |= set(options)
    return fatal


def non_finite(raw: Any, data: Any, columns: dict[str, str], others: tuple[str, ...] = ()) -> list[Problem]:
    """Report infinite numbers and Excel error values; set infinite numbers missing.

    Parameters
    ----------
    raw : RawTable
        The raw export (its text cells and spreadsheet rows).
    data : pandas.DataFrame
        The typed variables; infinite values are set to NaN in place.
    columns : dict of str to str
        Number variable -> raw header.
    others : tuple of str
        Raw headers of the other typed columns, checked for Excel error values only.

    Returns
    -------
    list of Problem
        ``not_finite`` and ``excel_error`` errors, one per distinct value.

    Examples
    --------
    >>> import pandas as pd
    >>> from kemuning_eval.ingest.readers import RawTable
    >>> raw = RawTable(pd.DataFrame({"Pagu": ["1e309", "5"]}, dtype="str"), rows=[2, 3], file="k.csv")
    >>> data = pd.DataFrame({"budget": [float("inf"), 5.0]})
    >>> [(p.row, p.value) for p in non_finite(raw, data, {"budget": "Pagu"})]
    [(2, '1e309')]
    """
    import numpy as np

    out: list[Problem] = []
    for var, col in columns.items():
        if var not in data or col not in raw.frame:
            continue
        text = raw.frame[col]
        values = data[var].to_numpy(dtype="float64", na_value=np.nan)
        inf = np.isinf(values) | _infinite_text(text)
        excel = text.isin(EXCEL_ERRORS).to_numpy()
        out += _each_value(raw, text, inf, col, "not_finite", "ingest.checks.not_finite_hint")
        out += _each_value(raw, text, excel, col, "excel_error", "ingest.checks.excel_error_hint")
        if inf.any():
            data.loc[inf, var] = np.nan
    for col in others:
        if col in raw.frame:
            out += _each_value(raw, raw.frame[col], raw.frame[col].isin(EXCEL_ERRORS).to_numpy(), col,
                               "excel_error", "ingest.checks.excel_error_hint")
    return out


def _each_value(raw: Any, text: Any, mask: Any, col: str, check: str, hint: str) -> list[Problem]:
    """One problem per distinct text among the masked cells, with all its rows."""
    import numpy as np

    rows = np.asarray(raw.rows)
    return [_problem(raw.file, check, check_text(check), rows=rows[mask & (text.astype(str) == value).to_numpy()],
                     column=col, value=value, hint=t(hint))
            for value in sorted(set(text[mask].astype(str)))]


def _infinite_text(text: Any) -> Any:
    """Cells whose text is an infinite or overflowing number (``inf``, ``-Infinity``, ``1e309``)."""
    import numpy as np

    def infinite(value: str) -> bool:
        try:
            return math.isinf(float(value.replace(",", ".")))
        except ValueError:
            return False

    uniq = text.dropna().unique()
    bad = {u for u in uniq if infinite(str(u))}
    return text.isin(bad).to_numpy() if bad else np.zeros(len(text), dtype=bool)


def duplicate_findings(problems: list[Problem], values: set[str]) -> list[Problem]:
    """Drop codebook findings (range, number, date, label) about values this module reports.

    Examples
    --------
    >>> p = [Problem("a.csv", 2, "X", "inf", "di luar rentang", extra={"check": "out_of_range"}),
    ...      Problem("a.csv", 3, "X", "abc", "bukan angka", extra={"check": "not_a_number"})]
    >>> [q.value for q in duplicate_findings(p, {"inf"})]
    ['abc']
    """
    return [p for p in problems
            if not (p.extra.get("check") in _SUPERSEDED and str(p.value) in values)]


def nip_as_number(raw: Any, columns: list[str]) -> list[Problem]:
    """Report NIP cells written as numbers (``1.96910121992043E+17``): digits are lost.

    Parameters
    ----------
    raw : RawTable
        The raw export.
    columns : list of str
        Raw headers of the NIP columns.

    Returns
    -------
    list of Problem
        One ``nip_as_number`` error per column (all its rows), values hidden.

    Examples
    --------
    >>> import pandas as pd
    >>> from kemuning_eval.ingest.readers import RawTable
    >>> raw = RawTable(pd.DataFrame({"NIP": ["1.9691012199204279e+17", "196608011988031001"]},
    ...                dtype="str"), rows=[2, 3], file="survei.csv")
    >>> [(p.extra["check"], p.row, p.value) for p in nip_as_number(raw, ["NIP"])]
    [('nip_as_number', 2, None)]
    """
    import numpy as np

    out = []
    for col in columns:
        if col not in raw.frame:
            continue
        text = raw.frame[col].dropna().astype(str)
        # cheap filter: most NIPs pass untouched (two simple patterns: far faster than one alternation)
        maybe = text.str.contains(r"[eE.,]", regex=True) | text.str.contains(r"000\s*$", regex=True)
        bad = maybe & False
        bad[maybe] = text[maybe].str.match(_NIP_AS_NUMBER) | _rounded_by_excel(text[maybe], len(text))
        if bad.any():
            rows = np.asarray(raw.rows)[raw.frame.index.get_indexer(text.index[bad])]
            out.append(_problem(raw.file, "nip_as_number", check_text("nip_as_number"), rows=rows,
                                column=col, n=int(bad.sum()), hint=t("ingest.checks.nip_as_number_hint")))
    return out


def _rounded_by_excel(text: Any, total: int) -> Any:
    """NIPs whose last three digits are ``000`` when more than half of the ``total`` NIPs end so.

    Excel keeps 15 significant digits of a number cell and writes the rest as zeros
    (``196910121992042790`` becomes ``196910121992042000``); a real NIP's sequence
    number (digits 16-18) is 001-999, so a column of ``...000`` lost its digits.

    Examples
    --------
    >>> import pandas as pd
    >>> _rounded_by_excel(pd.Series(["196910121992042000", "197501012000031000"]), 3).tolist()
    [True, True]
    >>> _rounded_by_excel(pd.Series(["196910121992042000"]), 2).tolist()
    [False]
    """
    digits = text.str.replace(r"[\s.\-]", "", regex=True)
    zeros = digits.str.fullmatch(r"\d{15}000")
    if int(zeros.sum()) >= 2 and zeros.sum() > total / 2:
        return zeros
    return zeros & False


def blank_keys(file: str, df: Any, keys: list[str], raw_columns: dict[str, str], *,
               severity: str = "error") -> list[Problem]:
    """Report records whose key variable is empty, by row.

    Parameters
    ----------
    file : str
        The raw file.
    df : pandas.DataFrame
        Typed variables with ``_row``.
    keys : list of str
        Key variables that every record needs (e.g. ``program_id``).
    raw_columns : dict of str to str
        Variable -> raw header, for messages.
    severity : str, default "error"
        ``"warning"`` when such records are dropped and counted instead.

    Returns
    -------
    list of Problem
        One ``blank_key`` problem per key variable with empty cells.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"program_id": ["PM-01", None, float("nan")], "_row": [5, 6, 9]})
    >>> [(p.column, p.extra["rows"]) for p in blank_keys("peserta.xlsx", df, ["program_id"],
    ...                                                    {"program_id": "Kode Pelatihan"})]
    [('Kode Pelatihan', [6, 9])]
    """
    out = []
    for key in keys:
        if key not in df:
            continue
        empty = df[key].isna()
        if empty.any():
            out.append(_problem(file, "blank_key", check_text("blank_key"), rows=df.loc[empty, "_row"],
                                column=raw_columns.get(key, key), severity=severity,
                                n=int(empty.sum()), hint=t("ingest.checks.blank_key_hint")))
    return out


def link_share(file: str, column: str, n_dropped: int, n_total: int, *, limit: float,
               nip_problem: bool) -> Problem | None:
    """An error when linking to the roster drops more than ``limit`` of the records.

    Parameters
    ----------
    file, column : str
        The instrument's file and its NIP column.
    n_dropped, n_total : int
        Records not found in the roster, and all records.
    limit : float
        Largest share that may be dropped (``linking.max_dropped_share``).
    nip_problem : bool
        True when the file's NIPs look stored as numbers (the likely cause).

    Returns
    -------
    Problem or None

    Examples
    --------
    >>> link_share("tes.csv", "NIP", 3, 10, limit=0.2, nip_problem=False).extra["n"]
    3
    >>> link_share("tes.csv", "NIP", 2, 10, limit=0.2, nip_problem=False) is None
    True
    """
    if n_total <= 0 or n_dropped / n_total <= limit:
        return None
    cause = "ingest.checks.link_cause_number" if nip_problem else "ingest.checks.link_cause"
    return Problem(file, None, column, None,
                   t("ingest.checks.link_share", n=n_dropped, total=n_total,
                     share=f"{100 * n_dropped / n_total:.0f}", limit=f"{100 * limit:.0f}"),
                   severity="error", hint=t(cause),
                   extra={"check": "link_share", "n": int(n_dropped), "rows": [],
                          "share": n_dropped / n_total})


def check_formats(cb: Any) -> None:
    """Raise :class:`~kemuning_eval.errors.ConfigError` for a date ``format`` Python cannot use.

    Examples
    --------
    >>> from kemuning_eval.ingest.codebook import codebook_from_mapping
    >>> cb = codebook_from_mapping({"columns": [
    ...     {"raw": "Tanggal", "variable": "d", "type": "date", "format": "%Q/%m"}]}, source="obs.yaml")
    >>> try:
    ...     check_formats(cb)
    ... except Exception as exc:
    ...     print(exc.file, exc.column)
    obs.yaml Tanggal
    """
    from datetime import datetime

    from kemuning_eval.errors import ConfigError
    from kemuning_eval.ingest.dates import ORDERS

    for c in cb.columns:
        if not c.format or str(c.format).strip().lower() in ORDERS:  # "dmy", "excel", ...: not strftime
            continue
        try:
            datetime.strptime("", str(c.format))
        except ValueError as exc:
            if "does not match" in str(exc):
                continue
            raise ConfigError(t("ingest.checks.bad_format", format=repr(c.format)), file=cb.source,
                              column=c.raw, hint=t("ingest.checks.bad_format_hint")) from None


def typed_input(key: str, raw: Any, cb: Any, *, needed: list[Any]) -> tuple[Any, list[Problem]]:
    """Apply the codebook and every usability check of this module to one raw table.

    Parameters
    ----------
    key : str
        Instrument key.
    raw : RawTable
        The raw export.
    cb : Codebook
        Its codebook.
    needed : list
        Variables the instrument needs (``builders.read.REQUIRED_VARIABLES[key]``).

    Returns
    -------
    data : pandas.DataFrame
        As :func:`~kemuning_eval.ingest.convert.apply_codebook` returns it,
        infinite numbers set missing.
    problems : list of Problem
        The codebook's findings with fatal ones raised to errors, plus this
        module's (duplicates of one finding removed).

    Examples
    --------
    >>> import pandas as pd
    >>> from kemuning_eval.ingest.codebook import codebook_from_mapping
    >>> from kemuning_eval.ingest.readers import RawTable
    >>> cb = codebook_from_mapping({"columns": [
    ...     {"raw": "NIP", "variable": "nip", "type": "nip"},
    ...     {"raw": "Nilai Post-Test", "variable": "post", "type": "number"}]}, source="tes.yaml")
    >>> raw = RawTable(pd.DataFrame({"NIP": ["1.97E+17"], "Nilai Post-Test": ["#N/A"]}, dtype="str"),
    ...                rows=[2], file="tes.csv")
    >>> data, found = typed_input("tests", raw, cb, needed=["nip"])
    >>> sorted(p.extra["check"] for p in found)
    ['excel_error', 'nip_as_number']
    """
    from kemuning_eval.ingest.convert import apply_codebook

    data, found = apply_codebook(raw, cb)
    found = missing_structure(found, cb, needed=needed, file=raw.file)
    raw_cols = data.attrs.get("raw_columns", {})
    numbers = {c.variable: raw_cols.get(c.variable, c.raw) for c in cb.columns if c.type in _NUMERIC}
    others = tuple(raw_cols.get(c.variable, c.raw) for c in cb.columns
                   if c.type not in (*_NUMERIC, "freetext", "themes"))
    extra = non_finite(raw, data, numbers, others)
    found = duplicate_findings(found, {str(p.value) for p in extra})
    nips = [raw_cols.get(c.variable, c.raw) for c in cb.columns if c.type == "nip"]
    return data, found + extra + nip_as_number(raw, nips)


def nip_usable(file: str, kinds: Any, rows: Any, column: str) -> list[Problem]:
    """Blank NIPs by row (warning: the records are dropped), and an error when no NIP is valid.

    Parameters
    ----------
    file, column : str
        The raw file and its NIP column.
    kinds : pandas.Series
        ``kind`` of :func:`~kemuning_eval.ingest.nip.classify_nip` (``PNS``,
        ``PPPK``, ``invalid``, ``missing``).
    rows : pandas.Series
        Spreadsheet rows of the records.

    Examples
    --------
    >>> import pandas as pd
    >>> found = nip_usable("jp.csv", pd.Series(["invalid", "missing"]), pd.Series([2, 3]), "NIP")
    >>> [(p.extra["check"], p.severity, p.extra["rows"]) for p in found]
    [('blank_nip', 'warning', [3]), ('no_valid_nip', 'error', [])]
    """
    out = []
    blank = (kinds == "missing").to_numpy()
    if blank.any():
        out.append(_problem(file, "blank_nip", check_text("blank_nip"), rows=rows[blank], column=column,
                            severity="warning", n=int(blank.sum()), hint=t("ingest.checks.blank_nip_hint")))
    if len(kinds) and not kinds.isin(["PNS", "PPPK"]).any():
        out.append(_problem(file, "no_valid_nip", check_text("no_valid_nip"), column=column, n=len(kinds),
                            hint=t("ingest.checks.no_valid_nip_hint")))
    return out


#: yes/no spellings a boolean variable accepts when its codebook typed it otherwise (normalised).
_YES = ("1", "1.0", "true", "ya", "yes", "y", "benar", "iya")
_NO = ("0", "0.0", "false", "tidak", "no", "n", "salah", "bukan")


def as_boolean(df: Any, variable: str, *, file: str, raw_column: str) -> Any:
    """Return ``df[variable]`` as pandas' nullable boolean, or stop naming the first bad value.

    The pipeline needs some variables as yes/no (``applies``, ``completed``,
    ``treated``, ``post``, ``on_time``).  A codebook that typed such a column
    ``category`` or ``text`` used to crash with pandas' own error; now a
    value that is not a recognisable yes/no is a :class:`DataError` naming
    file, row, column and value, with the codebook fix.

    Parameters
    ----------
    df : pandas.DataFrame
        Typed records with ``variable`` (and ``_row``, the spreadsheet row, if known).
    variable : str
        The variable to convert.
    file, raw_column : str
        The configured file and the raw header, for the message.

    Returns
    -------
    pandas.Series
        dtype ``boolean``; missing stays missing.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"applies": ["Ya", "tidak", None], "_row": [2, 3, 4]})
    >>> as_boolean(df, "applies", file="obs.csv", raw_column="Menerapkan").tolist()
    [True, False, <NA>]
    >>> bad = pd.DataFrame({"applies": ["Ya", "kadang"], "_row": [2, 3]})
    >>> try:
    ...     as_boolean(bad, "applies", file="obs.csv", raw_column="Menerapkan")
    ... except DataError as err:
    ...     print(err.row, err.column, err.value)
    3 Menerapkan kadang
    """
    import pandas as pd

    from kemuning_eval.ingest.labels import normalise_label

    series = df[variable]
    if pd.api.types.is_bool_dtype(series.dtype):
        return series.astype("boolean")
    text = series.map(lambda v: None if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))
                      else normalise_label(v))
    out = pd.Series(pd.NA, index=series.index, dtype="boolean")
    out[text.isin(_YES)] = True
    out[text.isin(_NO)] = False
    bad = text.notna() & ~text.isin(_YES + _NO)
    if bad.any():
        first = bad.idxmax()
        row = int(df.loc[first, "_row"]) if "_row" in df else None
        raise DataError(t("ingest.checks.not_boolean", variable=variable), file=file, row=row,
                        column=raw_column, value=str(series[first]),
                        hint=t("ingest.checks.not_boolean_hint", variable=variable))
    return out
