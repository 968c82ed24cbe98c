"""Codebooks: raw column -> variable, type, scale, reverse item, PII flag; and applying them.

A codebook (YAML, or CSV with the same column fields) describes one
instrument; see ``docs/architecture.md``.  :func:`apply_codebook` turns a
:class:`~kemuning_eval.ingest.readers.RawTable` into typed variables and a
list of :class:`~kemuning_eval.errors.Problem` (all of them, in one pass),
working on unique values only.  The skeleton codebook of
``kemuning-eval codebook template`` is built by :mod:`kemuning_eval.ingest.template`.

Examples
--------
>>> import pandas as pd
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

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kemuning_eval.context import note
from kemuning_eval.errors import ConfigError, Problem
from kemuning_eval.i18n import t
from kemuning_eval.ingest.labels import (
    BUILTIN_SCALES,
    Scale,
    builtin_scale,
    collapse_spaces,
    make_scale,
    map_unique,
    match_values,
    normalise_label,
)
from kemuning_eval.ingest.quality import check_text

TYPES = ("id", "text", "category", "integer", "number", "money", "percent", "date", "datetime",
         "likert", "boolean", "nip", "freetext", "themes")
PII_KINDS = ("name", "nip", "phone", "email")
_FIELDS = ("raw", "variable", "label", "type", "scale", "dimension", "reverse", "ikm_element",
           "pii", "keep", "required", "min", "max", "format", "values")
_VARIABLE = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class ColumnSpec:
    """One codebook row: how a raw column becomes a variable.

    Parameters
    ----------
    raw : str
        Raw column header (matched forgiving case, spaces and punctuation).
    variable : str
        Variable name (lower-case snake case).
    type : str
        One of :data:`TYPES`.
    label : str
        Question text for reports.
    scale : str, optional
        Scale name for ``likert`` (built in or defined in the codebook).
    dimension : str, optional
        Dimension the item belongs to.
    reverse : bool
        Reverse-keyed item (recoded ``min + max - score``).
    ikm_element : str, optional
        IKM (Indeks Kepuasan Masyarakat) element the item measures.
    pii : str, optional
        One of :data:`PII_KINDS` when the column identifies a person.
    keep : bool
        False drops the column.
    required : bool
        Missing values are errors.
    min, max : float, optional
        Allowed range of numbers.
    format : str, optional
        ``strftime`` format of dates.
    values : Mapping, optional
        Code -> value for ``category`` and ``boolean`` columns.

    Examples
    --------
    >>> spec = ColumnSpec(raw="Nilai Post-test", variable="post", type="number", min=0, max=100)
    >>> spec.variable, spec.keep, spec.required, spec.pii
    ('post', True, False, None)
    """

    raw: str
    variable: str
    type: str = "text"
    label: str = ""
    scale: str | None = None
    dimension: str | None = None
    reverse: bool = False
    ikm_element: str | None = None
    pii: str | None = None
    keep: bool = True
    required: bool = False
    min: float | None = None
    max: float | None = None
    format: str | None = None
    values: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class Codebook:
    """A validated codebook.

    Built by :func:`codebook_from_mapping` or :func:`load_codebook`.

    Parameters
    ----------
    instrument : str
        Instrument key (``reaction``, ``tests`` ...).
    columns : tuple of ColumnSpec
        One entry per raw column described.
    scales : Mapping of str to Scale
        Scales the codebook defines (built-in scales need not be listed).
    source : str
        File name for messages.

    Examples
    --------
    >>> cb = Codebook("reaction", (
    ...     ColumnSpec("Materi relevan", "mat_1", "likert", scale="setuju5", dimension="materi"),
    ...     ColumnSpec("Saran", "saran", "freetext")))
    >>> cb.scale("setuju5").max, sorted(cb.by_variable())
    (5.0, ['mat_1', 'saran'])
    >>> [(r["variable"], r["label"], r["scale_min"], r["reverse"]) for r in cb.items()]
    [('mat_1', 'Materi relevan', 1.0, False)]
    """

    instrument: str
    columns: tuple[ColumnSpec, ...]
    scales: Mapping[str, Scale] = field(default_factory=dict)
    source: str = ""

    def scale(self, name: str) -> Scale:
        """Return a scale defined in the codebook or built in."""
        if name in self.scales:
            return self.scales[name]
        return builtin_scale(name)

    def items(self) -> list[dict]:
        """Return one row per Likert item for ``items.parquet``."""
        rows = []
        for c in self.columns:
            if c.type != "likert" or not c.keep:
                continue
            sc = self.scale(c.scale)
            rows.append({"instrument": self.instrument, "variable": c.variable,
                         "label": c.label or c.raw, "dimension": c.dimension, "scale": c.scale,
                         "scale_min": sc.min, "scale_max": sc.max, "reverse": bool(c.reverse),
                         "ikm_element": c.ikm_element})
        return rows

    def by_variable(self) -> dict[str, ColumnSpec]:
        """Return the column specs keyed by variable."""
        return {c.variable: c for c in self.columns}


def _bool(source: str, where: str, value: Any, default: bool) -> bool:
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    key = str(value).strip().lower()
    if key in ("true", "ya", "yes", "1", "y"):
        return True
    if key in ("false", "tidak", "no", "0", "n"):
        return False
    raise ConfigError(t("ingest.cb.not_bool", where=where, value=repr(value)), file=source)


def _float(source: str, where: str, value: Any) -> float | None:
    if value is None or value == "":
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        raise ConfigError(t("ingest.cb.not_number", where=where, value=repr(value)), file=source) from None


def codebook_from_mapping(data: Mapping[str, Any], *, source: str = "codebook",
                          instrument: str | None = None) -> Codebook:
    """Validate a codebook given as a mapping (the parsed YAML).

    Parameters
    ----------
    data : Mapping
        ``{"instrument", "scales", "columns", "description"}``; ``columns`` is
        a list of mappings with the fields of :class:`ColumnSpec`.
    source : str, default "codebook"
        File name for messages (its stem is the fallback instrument name).
    instrument : str, optional
        Instrument key when ``data`` has none.

    Returns
    -------
    Codebook

    Raises
    ------
    ConfigError
        Naming the codebook file, the column entry and the field.

    Examples
    --------
    >>> cb = codebook_from_mapping({
    ...     "scales": {"tingkat3": {"min": 1, "max": 3, "labels": {3: "Tinggi", 2: "Sedang", 1: "Rendah"}}},
    ...     "columns": [{"raw": "Dampak", "variable": "dampak", "type": "likert", "scale": "tingkat3"},
    ...                 {"raw": "Penilai", "variable": "rater", "type": "category",
    ...                  "values": "1=atasan;2=rekan"}]}, source="outcomes.yaml")
    >>> cb.instrument, cb.scale("tingkat3").score("tinggi"), cb.columns[1].values
    ('outcomes', 3.0, {'1': 'atasan', '2': 'rekan'})
    >>> codebook_from_mapping({"columns": [{"raw": "Nilai", "variable": "nilai", "type": "angka"}]},
    ...                       source="tes.yaml")
    Traceback (most recent call last):
    ...
    kemuning_eval.errors.ConfigError: ...
    """
    if not isinstance(data, Mapping):
        raise ConfigError(t("ingest.cb.not_mapping"), file=source)
    unknown = set(data) - {"instrument", "scales", "columns", "description"}
    if unknown:
        raise ConfigError(t("ingest.cb.unknown_keys", keys=sorted(unknown)), file=source,
                          hint=t("ingest.config.known_keys", keys="instrument, scales, columns"))
    scales = {}
    for name, spec in dict(data.get("scales") or {}).items():
        if not isinstance(spec, Mapping) or "labels" not in spec:
            raise ConfigError(t("ingest.cb.scale_no_labels", name=repr(name)), file=source)
        try:
            scales[str(name)] = make_scale(str(name), spec)
        except (TypeError, ValueError) as exc:
            raise ConfigError(t("ingest.cb.scale_invalid", name=repr(name), error=exc), file=source) from None
    columns = data.get("columns")
    if not isinstance(columns, list) or not columns:
        raise ConfigError(t("ingest.cb.no_columns"), file=source, hint=t("ingest.cb.template_hint"))
    specs, seen = [], {}
    for i, entry in enumerate(columns, start=1):
        where = f"columns[{i}]"
        if not isinstance(entry, Mapping):
            raise ConfigError(t("ingest.cb.entry_not_mapping", where=where), file=source)
        extra = set(entry) - set(_FIELDS)
        if extra:
            raise ConfigError(t("ingest.cb.entry_unknown_keys", where=where, keys=sorted(extra)), file=source,
                              hint=t("ingest.config.known_keys", keys=", ".join(_FIELDS)))
        raw = entry.get("raw")
        variable = entry.get("variable")
        if raw is None or str(raw).strip() == "":
            raise ConfigError(t("ingest.cb.raw_required", where=where), file=source)
        if not variable or not _VARIABLE.match(str(variable)):
            raise ConfigError(t("ingest.cb.bad_variable", where=where, raw=repr(raw), variable=repr(variable)),
                              file=source)
        if variable in seen:
            raise ConfigError(t("ingest.cb.variable_twice", where=where, variable=repr(variable)), file=source)
        seen[variable] = i
        kind = str(entry.get("type") or "text")
        if kind not in TYPES:
            raise ConfigError(t("ingest.cb.unknown_type", where=where, raw=repr(raw), kind=repr(kind)), file=source,
                              hint=t("ingest.cb.choose", choices=", ".join(TYPES)))
        scale = entry.get("scale")
        if kind == "likert" and not scale:
            raise ConfigError(t("ingest.cb.likert_needs_scale", where=where, raw=repr(raw)), file=source,
                              hint=t("ingest.cb.builtin_scales", scales=", ".join(BUILTIN_SCALES)))
        if scale and scale not in scales and scale not in BUILTIN_SCALES:
            raise ConfigError(t("ingest.cb.unknown_scale", where=where, raw=repr(raw), scale=repr(scale)),
                              file=source, hint=t("ingest.cb.define_scale", scales=", ".join(BUILTIN_SCALES)))
        pii = entry.get("pii") or None
        if pii is not None and pii not in PII_KINDS:
            raise ConfigError(t("ingest.cb.unknown_pii", where=where, raw=repr(raw), pii=repr(pii)), file=source,
                              hint=t("ingest.cb.choose", choices=", ".join(PII_KINDS)))
        values = entry.get("values")
        if isinstance(values, str):  # CSV form "1=supervisor;2=peer"
            pairs = [p.split("=", 1) for p in values.split(";") if "=" in p]
            values = {k.strip(): v.strip() for k, v in pairs}
        if values is not None and not isinstance(values, Mapping):
            raise ConfigError(t("ingest.cb.values_not_mapping", where=where, raw=repr(raw)), file=source)
        specs.append(ColumnSpec(
            raw=str(raw).strip(), variable=str(variable), type=kind,
            label=str(entry.get("label") or ""), scale=scale or None,
            dimension=entry.get("dimension") or None,
            reverse=_bool(source, f"{where}.reverse", entry.get("reverse"), False),
            ikm_element=entry.get("ikm_element") or None, pii=pii,
            keep=_bool(source, f"{where}.keep", entry.get("keep"), True),
            required=_bool(source, f"{where}.required", entry.get("required"), False),
            min=_float(source, f"{where}.min", entry.get("min")),
            max=_float(source, f"{where}.max", entry.get("max")),
            format=entry.get("format") or None,
            values={str(k): v for k, v in values.items()} if values else None))
    return Codebook(instrument=str(data.get("instrument") or instrument or Path(source).stem),
                    columns=tuple(specs), scales=scales, source=source)


def load_codebook(path: str | Path, *, instrument: str | None = None) -> Codebook:
    """Load a codebook from YAML or CSV (same column fields as the YAML ``columns``).

    Parameters
    ----------
    path : str or Path
        ``.yaml``/``.yml`` or ``.csv`` (``,`` or ``;`` separated; empty cells
        are left out).
    instrument : str, optional
        Instrument key (default: from the YAML, else the file stem).

    Returns
    -------
    Codebook

    Raises
    ------
    ConfigError
        When the file is missing, is not valid YAML, or fails
        :func:`codebook_from_mapping`.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     f = Path(tmp) / "tests.csv"
    ...     _ = f.write_text("raw;variable;type;min;max\\nNIP;nip;nip;;\\nNilai;post;number;0;100\\n",
    ...                      encoding="utf-8")
    ...     cb = load_codebook(f)
    >>> cb.instrument, [(c.variable, c.type, c.max) for c in cb.columns]
    ('tests', [('nip', 'nip', None), ('post', 'number', 100.0)])
    >>> load_codebook("tidak-ada.yaml")
    Traceback (most recent call last):
    ...
    kemuning_eval.errors.ConfigError: ...
    """
    path = Path(path)
    if not path.is_file():
        raise ConfigError(t("ingest.cb.not_found"), file=str(path), hint=t("ingest.cb.not_found_hint"))
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as fh:
            sample = fh.readline()
            fh.seek(0)
            sep = ";" if sample.count(";") > sample.count(",") else ","
            rows = [{k: v for k, v in row.items() if v not in (None, "")}
                    for row in csv.DictReader(fh, delimiter=sep)]
        data = {"instrument": instrument or path.stem, "columns": rows}
    else:  # UTF-8, no repeated key, no alias bomb
        from kemuning_eval.yamlsafe import read_yaml

        data = read_yaml(path)
    return codebook_from_mapping(data, source=path.name, instrument=instrument)


# ---------------------------------------------------------------- applying


def _problem(raw: Any, rows: Any, column: str, value: Any, check: str, message: str, *,
             severity: str = "error", hint: str | None = None, pii: bool = False) -> Problem:
    rows = [int(r) for r in rows]
    return Problem(file=raw.file, row=rows[0] if rows else None, column=column,
                   value=None if pii else value, rule=message, severity=severity, hint=hint,
                   extra={"check": check, "n": max(len(rows), 1), "rows": rows[:20]})


def _parse_number_text(text: str, decimal: str, money: bool = False) -> float | None:
    num = re.sub(r"(?i)^(rp\.?|idr)", "", text.strip()).replace(" ", "").replace("\u00a0", "")
    num = num.rstrip("%")
    if num.startswith("(") and num.endswith(")"):
        num = "-" + num[1:-1]
    if not num:
        return None
    if "," in num and "." in num:
        dec = "," if num.rfind(",") > num.rfind(".") else "."
        num = num.replace("." if dec == "," else ",", "").replace(",", ".")
    elif "." in num and (re.fullmatch(r"-?\d{1,3}(\.\d{3}){2,}", num) or (
            re.fullmatch(r"-?\d{1,3}(\.\d{3})+", num) and (decimal == "," or money))):
        num = num.replace(".", "")
    elif "," in num:
        if re.fullmatch(r"-?\d{1,3}(,\d{3})+", num) and decimal == ".":
            num = num.replace(",", "")
        else:
            num = num.replace(",", ".")
    try:
        return float(num)
    except ValueError:
        return None


def parse_numbers(values: Any, *, decimal: str = ".", money: bool = False) -> Any:
    """Parse numbers written the Indonesian or English way; unparseable -> NaN.

    Examples
    --------
    >>> import pandas as pd
    >>> parse_numbers(pd.Series(["85,5", "1.250.000", "Rp 1.250.000,50", "x", None]), decimal=",").tolist()
    [85.5, 1250000.0, 1250000.5, nan, nan]
    >>> parse_numbers(pd.Series(["Rp 900.000", "12.5"]), decimal=".", money=True).tolist()
    [900000.0, 12.5]
    """
    import pandas as pd

    text = values.astype("str").str.strip()
    if decimal == ",":
        fast = pd.to_numeric(text.str.replace(",", ".", regex=False).where(~text.str.contains(".", regex=False)),
                             errors="coerce")
    else:
        fast = pd.to_numeric(text, errors="coerce")
    todo = values.notna() & fast.isna()
    if todo.any():
        uniq = values[todo].unique()
        fixed = {u: _parse_number_text(str(u), decimal, money) for u in uniq}
        fast = fast.astype("float64")
        fast[todo] = values[todo].map(fixed).astype("float64")
    return fast.astype("float64").where(values.notna())


def parse_dates(values: Any, *, fmt: str | None = None) -> Any:
    """Parse dates as exports write them (:func:`kemuning_eval.ingest.dates.parse_column`).

    An ambiguous day/month column gives NaT here; :func:`apply_codebook` reports it.

    Examples
    --------
    >>> import pandas as pd
    >>> parse_dates(pd.Series(["2026-03-01", "25/03/2026 10:15:00", None])).dt.day.tolist()
    [1.0, 25.0, nan]
    """
    from kemuning_eval.ingest.dates import parse_column

    return parse_column(values, fmt=fmt).values


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


def _ambiguous_dates(raw: Any, series: Any, col: str, examples: tuple[str, str], *, pii: bool) -> Problem:
    """One error for a date column whose day/month order no value decides."""
    first, second = ("***", "***") if pii else examples
    import numpy as np

    rows = np.asarray(raw.rows)[series.notna().to_numpy()]
    return _problem(raw, rows, col, None, "ambiguous_date",
                    t("ingest.dates.ambiguous", first=first, second=second),
                    hint=t("ingest.dates.ambiguous_hint"), pii=True)


def _truthy(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return normalise_label(value) in ("1", "true", "ya", "yes", "y", "benar")


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


def _convert(raw: Any, spec: ColumnSpec, cb: Codebook, col: str, series: Any) -> tuple[Any, list]:
    """Return the typed column and its problems."""
    import pandas as pd

    problems: list[Problem] = []
    pii = spec.pii is not None
    kind = spec.type
    labels = raw.value_labels.get(col) or {}
    if kind in ("integer", "number", "money", "percent"):
        out = parse_numbers(series, decimal=raw.decimal or ".", money=kind == "money")
        bad = series.notna() & out.isna()
        problems += _bad(raw, series, bad, col, "not_a_number", check_text("not_a_number"), pii=pii,
                         hint_for=lambda v: t("ingest.cb.number_hint"))
        if kind == "integer":
            frac = out.notna() & (out % 1 != 0)
            problems += _bad(raw, series, frac, col, "not_an_integer", check_text("not_an_integer"), pii=pii)
            out = out.where(~frac)
        lo, hi = spec.min, spec.max
        if kind == "percent":
            lo = 0.0 if lo is None else lo
            hi = 100.0 if hi is None else hi
        rng = pd.Series(False, index=out.index)
        if lo is not None:
            rng |= out < lo
        if hi is not None:
            rng |= out > hi
        problems += _bad(raw, series, rng, col, "out_of_range",
                         check_text("out_of_range", low=lo if lo is not None else "-inf",
                                    high=hi if hi is not None else "inf"), severity="warning", pii=pii)
        return out.where(~rng), problems
    if kind in ("date", "datetime"):
        from kemuning_eval.ingest.dates import parse_column

        parsed = parse_column(series, fmt=spec.format)
        out = parsed.values
        if parsed.ambiguous:
            problems.append(_ambiguous_dates(raw, series, col, parsed.ambiguous, pii=pii))
            return out, problems
        bad = series.notna() & out.isna()
        problems += _bad(raw, series, bad, col, "not_a_date", check_text("not_a_date"), pii=pii,
                         hint_for=lambda v: t("ingest.cb.date_hint", format=spec.format or t("ingest.dates.known_forms")))
        return (out.dt.normalize() if kind == "date" else out), problems
    if kind == "boolean" and spec.values:
        uniq = list(series.dropna().unique())
        truth = {k: _truthy(v) for k, v in spec.values.items()}
        mapped = match_values(uniq, truth)
        out = series.map(mapped).astype("boolean")
        bad = series.notna() & out.isna()
        problems += _bad(raw, series, bad, col, "unknown_value", check_text("unknown_value"), pii=pii,
                         hint_for=lambda v: t("ingest.cb.known_values", values=", ".join(spec.values)))
        return out, problems
    if kind in ("likert", "boolean"):
        scale = cb.scale(spec.scale or "yatidak")

        def score(u: Any) -> float | None:
            s = scale.score(u)
            if s is None and str(u) in labels:
                s = scale.score(labels[str(u)])
            return s

        out = map_unique(series, score)
        bad = series.notna() & out.isna()
        problems += _bad(raw, series, bad, col, "unknown_label", check_text("unknown_label", scale=scale.name),
                         pii=pii, hint_for=lambda v: t("ingest.cb.closest_labels", labels=", ".join(repr(x) for x in scale.suggest(v)))
                         if scale.suggest(v) else t("ingest.cb.known_labels", labels=", ".join(scale.display_labels())))
        if kind == "boolean":
            return out.map({1.0: True, 0.0: False}).astype("boolean"), problems
        if spec.reverse:
            out = scale.reverse(out)
        return out, problems
    if kind == "category" and (spec.values or labels):
        uniq = list(series.dropna().unique())
        if spec.values:
            mapped = match_values(uniq, spec.values)
            for u in uniq:
                if u not in mapped and str(u) in labels:
                    hit = match_values([labels[str(u)]], spec.values)
                    if hit:
                        mapped[u] = next(iter(hit.values()))
        else:
            mapped = {u: labels.get(str(u), u) for u in uniq}
        out = series.map(mapped).astype(object)
        bad = series.notna() & out.isna()
        known = list(spec.values) if spec.values else list(labels)
        import difflib

        problems += _bad(raw, series, bad, col, "unknown_value", check_text("unknown_value"), pii=pii,
                         hint_for=lambda v: t("ingest.cb.known_values", values=", ".join(
                             difflib.get_close_matches(str(v), known, n=3, cutoff=0.3) or known[:10])))
        return out, problems
    # text-like types: id, text, category, nip, freetext, themes
    if kind in ("text", "category", "id"):
        return collapse_spaces(series).astype(object).where(series.notna(), None), problems
    return series.astype(object).where(series.notna(), None), problems


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
    import difflib

    import pandas as pd

    problems: list[Problem] = []
    out = pd.DataFrame(index=raw.frame.index)
    for spec in cb.columns:
        note(column=spec.raw)  # an unexpected failure names the column (kemuning_eval.context)
        col = _match_column(raw, spec)
        if col is None:
            close = difflib.get_close_matches(spec.raw, list(raw.frame.columns), n=2, cutoff=0.5)
            hint = (t("ingest.cb.similar_columns", columns=", ".join(repr(c) for c in close)) + "; "
                    if close else "") + t("ingest.cb.missing_column_hint")
            sev = "error" if spec.required else "warning"
            problems.append(Problem(raw.file, None, spec.raw, None, check_text("missing_column"),
                                    severity=sev, hint=hint,
                                    extra={"check": "missing_column", "n": len(raw.frame), "rows": []}))
            if spec.keep or spec.pii is not None:
                out[spec.variable] = pd.Series([None] * len(raw.frame), index=out.index, dtype=object) \
                    if spec.type not in ("likert", "integer", "number", "money", "percent") else float("nan")
            continue
        series = raw.frame[col]
        values, found = _convert(raw, spec, cb, col, series)
        problems += found
        if spec.required:
            missing = series.isna()
            problems += _bad(raw, series.astype(object), missing, col, "missing_required",
                             check_text("missing_required"), pii=True,
                             hint_for=lambda v: t("ingest.cb.required_hint"))
        if spec.keep or spec.pii is not None:
            out[spec.variable] = values
    out["_row"] = pd.Series(raw.rows, index=out.index).astype("int64")
    out.attrs["raw_columns"] = {s.variable: (_match_column(raw, s) or s.raw) for s in cb.columns}
    return out, problems
