"""Codebooks: raw column -> variable, type, scale, reverse item, PII flag (the model and its loading).

A codebook (YAML, or CSV with the same column fields) describes one
instrument; see ``docs/architecture.md``.  :func:`load_codebook` reads one and
:func:`codebook_from_mapping` validates it, naming the file, the column entry
and the field of anything wrong.  Applying a codebook to an export is
:mod:`kemuning_eval.ingest.convert`; the skeleton codebook of
``kemuning-eval codebook template`` is guessed by :mod:`kemuning_eval.ingest.template`.

Examples
--------
>>> cb = codebook_from_mapping({"instrument": "reaction", "columns": [
...     {"raw": "NIP", "variable": "nip", "type": "nip", "pii": "nip", "required": True},
...     {"raw": "Materi usang", "variable": "mat_4", "type": "likert", "scale": "setuju5",
...      "reverse": True}]}, source="reaksi.yaml")
>>> [(c.variable, c.type, c.reverse) for c in cb.columns], cb.scale("setuju5").max
([('nip', 'nip', False), ('mat_4', 'likert', True)], 5.0)
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kemuning_eval.errors import ConfigError
from kemuning_eval.i18n import t
from kemuning_eval.ingest.labels import BUILTIN_SCALES, Scale, builtin_scale, make_scale

TYPES = ("id", "text", "category", "integer", "number", "money", "percent", "date", "datetime",
         "likert", "boolean", "nip", "freetext", "themes")
PII_KINDS = ("name", "nip", "phone", "email")
#: Types read as numbers (float columns; a missing column is NaN).
NUMERIC_TYPES = ("likert", "integer", "number", "money", "percent")
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
    scales = _scales(data.get("scales"), source)
    columns = data.get("columns")
    if not isinstance(columns, list) or not columns:
        raise ConfigError(t("ingest.cb.no_columns"), file=source, hint=t("ingest.cb.template_hint"))
    specs: list[ColumnSpec] = []
    seen: set[str] = set()
    for i, entry in enumerate(columns, start=1):
        where = f"columns[{i}]"
        raw, variable = _entry_names(entry, where, source)
        if variable in seen:
            raise ConfigError(t("ingest.cb.variable_twice", where=where, variable=repr(variable)), file=source)
        seen.add(variable)
        specs.append(_column_spec(entry, where, source, scales, raw=raw, variable=variable))
    return Codebook(instrument=str(data.get("instrument") or instrument or Path(source).stem),
                    columns=tuple(specs), scales=scales, source=source)


def _scales(given: Any, source: str) -> dict[str, Scale]:
    """The scales a codebook defines (``scales:``), validated.

    Examples
    --------
    >>> sorted(_scales({"tingkat3": {"min": 1, "max": 3, "labels": {3: "Tinggi", 1: "Rendah"}}}, "x.yaml"))
    ['tingkat3']
    """
    scales = {}
    for name, spec in dict(given or {}).items():
        if not isinstance(spec, Mapping) or "labels" not in spec:
            raise ConfigError(t("ingest.cb.scale_no_labels", name=repr(name)), file=source)
        try:
            scales[str(name)] = make_scale(str(name), spec)
        except (TypeError, ValueError) as exc:
            raise ConfigError(t("ingest.cb.scale_invalid", name=repr(name), error=exc), file=source) from None
    return scales


def _entry_names(entry: Any, where: str, source: str) -> tuple[str, str]:
    """The ``raw`` header and ``variable`` name of a column entry, checked."""
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
    return str(raw).strip(), str(variable)


def _entry_kind(entry: Mapping, where: str, source: str, scales: Mapping) -> tuple[str, Any, Any]:
    """The ``type``, ``scale`` and ``pii`` of a column entry, checked."""
    raw = entry.get("raw")
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
    return kind, scale, pii


def _entry_values(entry: Mapping, where: str, source: str) -> dict[str, Any] | None:
    """The ``values`` (code -> value) of a column entry; the CSV form ``"1=supervisor;2=peer"`` too.

    Examples
    --------
    >>> _entry_values({"raw": "R", "values": "1=atasan; 2=rekan"}, "columns[1]", "x.csv")
    {'1': 'atasan', '2': 'rekan'}
    """
    values = entry.get("values")
    if isinstance(values, str):  # CSV form "1=supervisor;2=peer"
        pairs = [p.split("=", 1) for p in values.split(";") if "=" in p]
        values = {k.strip(): v.strip() for k, v in pairs}
    if values is not None and not isinstance(values, Mapping):
        raise ConfigError(t("ingest.cb.values_not_mapping", where=where, raw=repr(entry.get("raw"))), file=source)
    return {str(k): v for k, v in values.items()} if values else None


def _column_spec(entry: Mapping, where: str, source: str, scales: Mapping, *, raw: str,
                 variable: str) -> ColumnSpec:
    """One validated column entry (``columns[i]`` of the codebook; names checked by :func:`_entry_names`).

    Examples
    --------
    >>> spec = _column_spec({"raw": "Nilai", "type": "number", "max": "100"}, "columns[1]", "tes.yaml", {},
    ...                     raw="Nilai", variable="post")
    >>> spec.type, spec.max, spec.required
    ('number', 100.0, False)
    """
    kind, scale, pii = _entry_kind(entry, where, source, scales)
    values = _entry_values(entry, where, source)
    return ColumnSpec(
        raw=raw, variable=variable, type=kind,
        label=str(entry.get("label") or ""), scale=scale or None,
        dimension=entry.get("dimension") or None,
        reverse=_bool(source, f"{where}.reverse", entry.get("reverse"), False),
        ikm_element=entry.get("ikm_element") or None, pii=pii,
        keep=_bool(source, f"{where}.keep", entry.get("keep"), True),
        required=_bool(source, f"{where}.required", entry.get("required"), False),
        min=_float(source, f"{where}.min", entry.get("min")),
        max=_float(source, f"{where}.max", entry.get("max")),
        format=entry.get("format") or None,
        values=values)


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
