"""Reading the declared inputs into the run state: codebook, raw export, typed records, PII values.

:func:`read_inputs` reads every instrument of ``studi.yaml``; a file that
cannot be read becomes one error and the others are still read.
:func:`~kemuning_eval.ingest.builders.examples.state_from_frames` builds a run
state from tables in memory (for examples and tests) through the same checks.

Examples
--------
>>> from kemuning_eval.ingest.builders.examples import NIP_COLUMN, state_from_frames
>>> state = state_from_frames({"roster": ({"NIP": ["1966", None], "Kode": ["PM-01", "PM-01"]},
...                                       [NIP_COLUMN, {"raw": "Kode", "variable": "program_id", "type": "id"}])})
>>> [v.tolist() for v in state.pii_values], state.cleaning[0]["rows_out"]
([['1966']], 2)
"""

from __future__ import annotations

from typing import Any

from kemuning_eval.config import INSTRUMENTS, InputSpec
from kemuning_eval.errors import ConfigError, KemuningEvalError, Problem
from kemuning_eval.i18n import t
from kemuning_eval.ingest.builders.state import Input, RunState
from kemuning_eval.ingest.quality import measure

#: Variables an instrument's codebook must define (docs/architecture.md); tuples = one of.
REQUIRED_VARIABLES = {
    "roster": ["nip", "program_id"], "programs": ["program_id"],
    "facilitators": ["name", "program_id"], "benefits": ["program_id", "benefit"],
    "reaction": ["nip"], "facilitator_ratings": ["nip", "facilitator_name"], "tests": ["nip"],
    "observations": ["nip", "rater", "wave"], "outcomes": ["activity_id", "period"],
    "interviews": [("text", "quote")], "jp_records": ["nip", "jp_total"],
}
#: Key variables every record of an instrument needs besides the NIP: empty = error by row.
KEY_VARIABLES = {
    "roster": ["program_id"], "programs": ["program_id"], "benefits": ["program_id", "benefit"],
    "outcomes": ["activity_id", "period"], "observations": ["rater", "wave"],
    "interviews": ["text", "quote"],
}


def check_variables(key: str, cb: Any) -> None:
    """Raise :class:`ConfigError` when a codebook lacks a variable its instrument needs.

    Examples
    --------
    >>> from kemuning_eval.ingest.codebook import codebook_from_mapping
    >>> cb = codebook_from_mapping({"columns": [{"raw": "NIP", "variable": "nip", "type": "nip"}]},
    ...                            source="peserta.yaml")
    >>> try:
    ...     check_variables("roster", cb)
    ... except ConfigError as exc:
    ...     print(exc.file)
    peserta.yaml
    """
    have = {c.variable for c in cb.columns}
    for need in REQUIRED_VARIABLES.get(key, []):
        options = need if isinstance(need, tuple) else (need,)
        if not have & set(options):
            raise ConfigError(t("ingest.pipe.codebook_variable", key=repr(key),
                                variables=" / ".join(repr(o) for o in options)), file=cb.source,
                              hint=t("ingest.pipe.codebook_variable_hint"))


def read_inputs(state: RunState) -> None:
    """Read every declared instrument into ``state.inputs``, in the order of :data:`INSTRUMENTS`.

    A file that cannot be read (or whose codebook is wrong) is reported as one
    error (``read_error`` or ``config_error``) and left out.

    Examples
    --------
    >>> from pathlib import Path
    >>> from kemuning_eval.config import StudyConfig, StudyInfo
    >>> d = Path("/nonexistent/raw/2026")
    >>> cfg = StudyConfig(path=d / "studi.yaml", raw_dir=d, study=StudyInfo(year=2026),
    ...                   inputs={"tests": InputSpec("tests", d / "tes.csv")})
    >>> state = RunState(cfg, b"kunci-rahasia-contoh")
    >>> read_inputs(state)
    >>> state.inputs, [(p.extra["check"], p.severity) for p in state.problems]
    ({}, [('config_error', 'error')])
    """
    from kemuning_eval.progress import progress

    keys = [k for k in INSTRUMENTS if k in state.cfg.inputs]
    for key in progress(keys, "membaca / reading"):
        spec = state.cfg.inputs[key]
        try:
            raw, cb = _load(state, key, spec)
            data, found = typed_records(key, raw, cb)
        except KemuningEvalError as exc:
            check = "config_error" if isinstance(exc, ConfigError) else "read_error"
            state.problems.append(Problem(exc.file or spec.file.name, exc.row, exc.column, exc.value,
                                          exc.message, severity="error", hint=exc.hint,
                                          extra={"check": check, "n": 1, "rows": []}))
            continue
        add_input(state, key, raw, cb, data, found, header_given=spec.header_row is not None)


def _load(state: RunState, key: str, spec: InputSpec) -> tuple[Any, Any]:
    """Return the raw export and the checked codebook of one instrument."""
    from kemuning_eval.boundary import guard
    from kemuning_eval.ingest.checks import check_formats
    from kemuning_eval.ingest.codebook import load_codebook
    from kemuning_eval.ingest.readers import read_table

    name = spec.file.name
    if spec.codebook is None:
        raise ConfigError(t("ingest.pipe.no_codebook", key=repr(key)), file=str(state.cfg.path.name),
                          hint=t("ingest.pipe.no_codebook_hint", key=key, file=name))
    cb = guard(load_codebook, spec.codebook, instrument=key, file=spec.codebook.name)
    check_variables(key, cb)
    check_formats(cb)
    raw = guard(read_table, spec.file, sep=spec.sep, decimal=spec.decimal, encoding=spec.encoding,
                sheet=spec.sheet, header_row=spec.header_row, file=name)
    return raw, cb


def typed_records(key: str, raw: Any, cb: Any) -> tuple[Any, list[Problem]]:
    """Apply the codebook to a raw export; return the typed records and the problems found.

    Examples
    --------
    >>> import pandas as pd
    >>> from kemuning_eval.ingest.codebook import codebook_from_mapping
    >>> from kemuning_eval.ingest.readers import RawTable
    >>> cb = codebook_from_mapping({"columns": [
    ...     {"raw": "Kode", "variable": "program_id", "type": "id"}]}, source="program.yaml")
    >>> raw = RawTable(pd.DataFrame({"Kode": ["PM-01", None]}), rows=[2, 3], file="program.csv")
    >>> data, found = typed_records("programs", raw, cb)
    >>> len(data), [(p.extra["check"], p.row) for p in found]
    (2, [('blank_key', 3)])
    """
    from kemuning_eval.boundary import guard
    from kemuning_eval.ingest.checks import blank_keys, typed_input

    data, found = guard(typed_input, key, raw, cb, needed=REQUIRED_VARIABLES.get(key, []), file=raw.file)
    required = {c.variable for c in cb.columns if c.required}  # already reported by row
    found += blank_keys(raw.file, data, [k for k in KEY_VARIABLES.get(key, []) if k not in required],
                        data.attrs["raw_columns"])
    return data, found


def add_input(state: RunState, key: str, raw: Any, cb: Any, data: Any, found: list[Problem], *,
              header_given: bool) -> None:
    """Record one instrument read: its problems, cleaning count, records and raw PII values.

    Examples
    --------
    See the module's example (``state_from_frames`` calls it).
    """
    state.problems += found
    if not header_given and raw.header_row > 1:  # title rows skipped: say where the header was
        state.problems.append(measure(raw.file, "header_row", "", raw.header_row, float("nan"), "info",
                                      t("ingest.read.header_found", row=raw.header_row)))
    state.clean(key, "read", len(raw.frame), len(data))
    state.inputs[key] = Input(key, raw.file, data, cb)
    for spec_col in cb.columns:
        if spec_col.pii and spec_col.variable in data:
            vals = data[spec_col.variable].dropna().drop_duplicates().astype(str).unique()
            state.pii_values.append(vals)
            if spec_col.pii == "name":
                state.names.extend(vals.tolist())

