"""Applying a codebook: raw text columns -> typed variables, and every problem found.

:func:`apply_codebook` matches each codebook column to a raw header and
converts it with the converter of its type (:data:`CONVERTERS`, one function
per type: numbers, dates, Likert/yes-no scales, coded yes/no values,
categories, text), working on unique values only.  Every finding is a
:class:`~kemuning_eval.errors.Problem` (all of them, in one pass); values of
PII columns are never shown.  The codebook model itself is
:mod:`kemuning_eval.ingest.codebook`.

Examples
--------
>>> import pandas as pd
>>> from kemuning_eval.ingest.codebook import codebook_from_mapping
>>> from kemuning_eval.ingest.readers import RawTable
>>> cb = codebook_from_mapping({"instrument": "reaction", "columns": [
...     {"raw": "NIP", "variable": "nip", "type": "nip", "pii": "nip", "required": True},
...     {"raw": "Materi usang", "variable": "mat_4", "type": "likert", "scale": "setuju5",
...      "reverse": True}]}, source="reaksi.yaml")
>>> raw = RawTable(pd.DataFrame({"NIP": ["1966 0801", None], "materi  USANG": ["SS", "Sangat Stuju"]},
...                dtype="str"), rows=[2, 3], file="survei.csv")
>>> out, problems = apply_codebook(raw, cb)
>>> out["mat_4"].tolist()
[1.0, nan]
>>> [(p.row, p.column, p.value, p.extra["check"]) for p in problems]
[(3, 'NIP', None, 'missing_required'), (3, 'materi  USANG', 'Sangat Stuju', 'unknown_label')]
>>> problems[1].hint
"label terdekat: 'Sangat Setuju', 'Sangat Tidak Setuju'"
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kemuning_eval.context import note
from kemuning_eval.errors import Problem
from kemuning_eval.i18n import t
from kemuning_eval.ingest.codebook import NUMERIC_TYPES, Codebook, ColumnSpec
from kemuning_eval.ingest.labels import collapse_spaces, map_unique, match_values, normalise_label
from kemuning_eval.ingest.numparse import parse_numbers
from kemuning_eval.ingest.quality import check_text


@dataclass(frozen=True)
class RawColumn:
    """One raw column matched to its codebook entry: what a converter works on.

    Parameters
    ----------
    raw : RawTable
        The export the column belongs to (file, spreadsheet rows, decimal mark, SPSS labels).
    spec : ColumnSpec
        Its codebook entry.
    codebook : Codebook
        The codebook (for its scales).
    name : str
        The raw header as found in the file.

    Examples
    --------
    >>> import pandas as pd
    >>> from kemuning_eval.ingest.readers import RawTable
    >>> raw = RawTable(pd.DataFrame({"Nilai": ["80"]}, dtype="str"), rows=[2], file="tes.csv")
    >>> col = RawColumn(raw, ColumnSpec("Nilai", "post", "number"), Codebook("tests", ()), "Nilai")
    >>> col.values.tolist(), col.pii, col.labels
    (['80'], False, {})
    """

    raw: Any
    spec: ColumnSpec
    codebook: Codebook
    name: str

    @property
    def values(self) -> Any:
        """The raw column (text)."""
        return self.raw.frame[self.name]

    @property
    def pii(self) -> bool:
        """True when the column identifies a person (its values are never shown)."""
        return self.spec.pii is not None

    @property
    def labels(self) -> dict:
        """SPSS value labels of the column (code -> label), else empty."""
        return self.raw.value_labels.get(self.name) or {}

    def bad(self, mask: Any, check: str, message: str, *, severity: str = "error",
            hint_for: Callable[[Any], str] | None = None) -> list[Problem]:
        """Problems for the values where ``mask`` holds (see :func:`_bad`)."""
        return _bad(self.raw, self.values, mask, self.name, check, message, severity=severity,
                    hint_for=hint_for, pii=self.pii)


Converted = tuple[Any, list[Problem]]


def _problem(raw: Any, rows: Any, column: str, value: Any, check: str, message: str, *,
             severity: str = "error", hint: str | None = None, pii: bool = False) -> Problem:
    rows = [int(r) for r in rows]
    return Problem(file=raw.file, row=rows[0] if rows else None, column=column,
                   value=None if pii else value, rule=message, severity=severity, hint=hint,
                   extra={"check": check, "n": max(len(rows), 1), "rows": rows[:20]})


def _bad(raw: Any, series: Any, bad_mask: Any, column: str, check: str, message: str, *,
         severity: str = "error", hint_for: Any = None, pii: bool = False) -> list[Problem]:
    """One problem per distinct bad value (all its rows listed)."""
    import numpy as np

    out = []
    if not bad_mask.any():
        return out
    rows = np.asarray(raw.rows)[bad_mask.to_numpy()]
    vals = series[bad_mask].to_numpy()
    order: dict[Any, list[int]] = {}
    for v, r in zip(vals, rows, strict=True):
        order.setdefault(v, []).append(r)
    for v, rs in order.items():
        hint = hint_for(v) if hint_for else None
        out.append(_problem(raw, rs, column, v, check, message, severity=severity, hint=hint, pii=pii))
    return out


def _truthy(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return normalise_label(value) in ("1", "true", "ya", "yes", "y", "benar")


# ---------------------------------------------------------------- one converter per type


def _out_of_range(col: RawColumn, out: Any) -> Converted:
    """Values outside the codebook's ``min``/``max`` (percent: 0-100 unless given) become NaN, with a warning."""
    import pandas as pd

    lo, hi = col.spec.min, col.spec.max
    if col.spec.type == "percent":
        lo = 0.0 if lo is None else lo
        hi = 100.0 if hi is None else hi
    rng = pd.Series(False, index=out.index)
    if lo is not None:
        rng |= out < lo
    if hi is not None:
        rng |= out > hi
    problems = col.bad(rng, "out_of_range", check_text("out_of_range", low=lo if lo is not None else "-inf",
                                                       high=hi if hi is not None else "inf"), severity="warning")
    return out.where(~rng), problems


def _number(col: RawColumn) -> Converted:
    """``integer``, ``number``, ``money``, ``percent``: parsed numbers, range-checked."""
    series, kind = col.values, col.spec.type
    out = parse_numbers(series, decimal=col.raw.decimal or ".", money=kind == "money")
    problems = col.bad(series.notna() & out.isna(), "not_a_number", check_text("not_a_number"),
                       hint_for=lambda v: t("ingest.cb.number_hint"))
    if kind == "integer":
        frac = out.notna() & (out % 1 != 0)
        problems += col.bad(frac, "not_an_integer", check_text("not_an_integer"))
        out = out.where(~frac)
    out, found = _out_of_range(col, out)
    return out, problems + found


def _date(col: RawColumn) -> Converted:
    """``date`` (midnight) and ``datetime``: :func:`~kemuning_eval.ingest.dates.parse_column`."""
    import numpy as np

    from kemuning_eval.ingest.dates import parse_column

    series, spec = col.values, col.spec
    parsed = parse_column(series, fmt=spec.format)
    out = parsed.values
    if parsed.ambiguous:  # one error for a column whose day/month order no value decides
        first, second = ("***", "***") if col.pii else parsed.ambiguous
        rows = np.asarray(col.raw.rows)[series.notna().to_numpy()]
        return out, [_problem(col.raw, rows, col.name, None, "ambiguous_date",
                              t("ingest.dates.ambiguous", first=first, second=second),
                              hint=t("ingest.dates.ambiguous_hint"), pii=True)]
    problems = col.bad(series.notna() & out.isna(), "not_a_date", check_text("not_a_date"),
                       hint_for=lambda v: t("ingest.cb.date_hint",
                                            format=spec.format or t("ingest.dates.known_forms")))
    return (out.dt.normalize() if spec.type == "date" else out), problems


def _scale(col: RawColumn) -> Converted:
    """``likert`` (reverse items recoded) and ``boolean`` without ``values``: scores of the scale's labels."""
    series, spec, labels = col.values, col.spec, col.labels
    scale = col.codebook.scale(spec.scale or "yatidak")

    def score(u: Any) -> float | None:
        s = scale.score(u)
        if s is None and str(u) in labels:
            s = scale.score(labels[str(u)])
        return s

    def hint(v: Any) -> str:
        close = scale.suggest(v)
        if close:
            return t("ingest.cb.closest_labels", labels=", ".join(repr(x) for x in close))
        return t("ingest.cb.known_labels", labels=", ".join(scale.display_labels()))

    out = map_unique(series, score)
    problems = col.bad(series.notna() & out.isna(), "unknown_label",
                       check_text("unknown_label", scale=scale.name), hint_for=hint)
    if spec.type == "boolean":
        return out.map({1.0: True, 0.0: False}).astype("boolean"), problems
    if spec.reverse:
        out = scale.reverse(out)
    return out, problems


def _boolean(col: RawColumn) -> Converted:
    """``boolean``: through the codebook's ``values`` (code -> yes/no), else the ``yatidak`` scale."""
    if not col.spec.values:
        return _scale(col)
    series, values = col.values, col.spec.values
    truth = {k: _truthy(v) for k, v in values.items()}
    out = series.map(match_values(list(series.dropna().unique()), truth)).astype("boolean")
    problems = col.bad(series.notna() & out.isna(), "unknown_value", check_text("unknown_value"),
                       hint_for=lambda v: t("ingest.cb.known_values", values=", ".join(values)))
    return out, problems


def _category(col: RawColumn) -> Converted:
    """``category``: through the codebook's ``values``, else the SPSS value labels, else as text."""
    import difflib

    series, values, labels = col.values, col.spec.values, col.labels
    if not (values or labels):
        return _text(col)
    uniq = list(series.dropna().unique())
    if values:
        mapped = match_values(uniq, values)
        for u in uniq:
            if u not in mapped and str(u) in labels:
                hit = match_values([labels[str(u)]], values)
                if hit:
                    mapped[u] = next(iter(hit.values()))
    else:
        mapped = {u: labels.get(str(u), u) for u in uniq}
    out = series.map(mapped).astype(object)
    known = list(values) if values else list(labels)
    problems = col.bad(series.notna() & out.isna(), "unknown_value", check_text("unknown_value"),
                       hint_for=lambda v: t("ingest.cb.known_values", values=", ".join(
                           difflib.get_close_matches(str(v), known, n=3, cutoff=0.3) or known[:10])))
    return out, problems


def _text(col: RawColumn) -> Converted:
    """``text``, ``id`` (and uncoded ``category``): runs of white space collapsed."""
    series = col.values
    return collapse_spaces(series).astype(object).where(series.notna(), None), []


def _verbatim(col: RawColumn) -> Converted:
    """``nip``, ``freetext``, ``themes``: kept as written (NIPs are checked, free text scrubbed, later)."""
    series = col.values
    return series.astype(object).where(series.notna(), None), []


#: Codebook type -> its converter.
CONVERTERS: dict[str, Callable[[RawColumn], Converted]] = {
    "integer": _number, "number": _number, "money": _number, "percent": _number,
    "date": _date, "datetime": _date, "likert": _scale, "boolean": _boolean, "category": _category,
    "text": _text, "id": _text, "nip": _verbatim, "freetext": _verbatim, "themes": _verbatim,
}


# ---------------------------------------------------------------- the whole table


def _match_column(raw: Any, spec: ColumnSpec) -> str | None:
    cols = list(raw.frame.columns)
    if spec.raw in cols:
        return spec.raw
    norm = {normalise_label(c): c for c in cols}
    key = normalise_label(spec.raw)
    if key in norm:
        return norm[key]
    for col, label in raw.column_labels.items():
        if normalise_label(label) == key and col in cols:
            return col
    return None


def _missing_column(raw: Any, spec: ColumnSpec) -> Problem:
    """The codebook column is not in the file (an error when it is required)."""
    import difflib

    close = difflib.get_close_matches(spec.raw, list(raw.frame.columns), n=2, cutoff=0.5)
    hint = (t("ingest.cb.similar_columns", columns=", ".join(repr(c) for c in close)) + "; "
            if close else "") + t("ingest.cb.missing_column_hint")
    return Problem(raw.file, None, spec.raw, None, check_text("missing_column"),
                   severity="error" if spec.required else "warning", hint=hint,
                   extra={"check": "missing_column", "n": len(raw.frame), "rows": []})


def apply_codebook(raw: Any, cb: Codebook) -> tuple[Any, list[Problem]]:
    """Return the typed variables of a raw table and every problem found.

    The result holds one column per codebook variable (``keep: false``
    columns dropped, except PII columns, which are kept for linking and
    scrubbing: the pipeline never writes them) and ``_row``, the
    spreadsheet row.  Columns absent
    from the codebook are not carried over.  Reverse items are recoded.

    Parameters
    ----------
    raw : RawTable
        The raw export (:func:`~kemuning_eval.ingest.readers.read_table`).
    cb : Codebook
        Its codebook.

    Returns
    -------
    frame : pandas.DataFrame
        Typed variables and ``_row``; ``attrs["raw_columns"]`` maps each
        variable to the raw header it came from.
    problems : list of Problem
        Every finding (missing columns, unparseable or out-of-range values,
        unknown labels, missing required values); values of PII columns
        are never shown.

    Examples
    --------
    >>> import pandas as pd
    >>> from kemuning_eval.ingest.codebook import codebook_from_mapping
    >>> from kemuning_eval.ingest.readers import RawTable
    >>> cb = codebook_from_mapping({"instrument": "tests", "columns": [
    ...     {"raw": "Nilai", "variable": "post", "type": "number", "min": 0, "max": 100},
    ...     {"raw": "Tanggal", "variable": "date", "type": "date"}]})
    >>> raw = RawTable(pd.DataFrame({"Nilai": ["85,5", "120", "abc"]}, dtype="str"),
    ...                rows=[2, 3, 4], file="tes.csv", decimal=",")
    >>> out, problems = apply_codebook(raw, cb)
    >>> out["post"].tolist(), out["_row"].tolist()
    ([85.5, nan, nan], [2, 3, 4])
    >>> sorted((p.extra["check"], p.row, p.severity) for p in problems)
    [('missing_column', None, 'warning'), ('not_a_number', 4, 'error'), ('out_of_range', 3, 'warning')]
    """
    import pandas as pd

    problems: list[Problem] = []
    out = pd.DataFrame(index=raw.frame.index)
    for spec in cb.columns:
        note(column=spec.raw)  # an unexpected failure names the column (kemuning_eval.context)
        name = _match_column(raw, spec)
        if name is None:
            problems.append(_missing_column(raw, spec))
            if spec.keep or spec.pii is not None:
                out[spec.variable] = pd.Series([None] * len(raw.frame), index=out.index, dtype=object) \
                    if spec.type not in NUMERIC_TYPES else float("nan")
            continue
        col = RawColumn(raw, spec, cb, name)
        values, found = CONVERTERS[spec.type](col)
        problems += found
        if spec.required:
            series = col.values
            problems += _bad(raw, series.astype(object), series.isna(), name, "missing_required",
                             check_text("missing_required"), pii=True,
                             hint_for=lambda v: t("ingest.cb.required_hint"))
        if spec.keep or spec.pii is not None:
            out[spec.variable] = values
    out["_row"] = pd.Series(raw.rows, index=out.index).astype("int64")
    out.attrs["raw_columns"] = {s.variable: (_match_column(raw, s) or s.raw) for s in cb.columns}
    return out, problems
