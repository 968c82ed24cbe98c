"""The ingestion pipeline: raw exports -> validated, de-duplicated, linked, pseudonymised tables.

Public entry points (used by the command line):

- :func:`validate_study` -- read and check everything, report every problem,
  return the exit code (1 = the data cannot be used); writes nothing to
  ``data/processed``.
- :func:`ingest_study` -- the same checks, then the tidy tables of
  ``docs/architecture.md`` written atomically to ``data/processed/<year>``
  with ``manifest.json``, ``data_quality.parquet`` and ``duplikat-<year>.csv``.

Order of work: read -> codebook (types, labels, reverse items) -> NIP checks
-> pseudonyms -> duplicates (rule or resolution file) -> link to the roster
-> scrub free text -> select the contract's columns (no PII) -> quality
measures -> write.  Everything works on whole columns; label matching and
HMACs run once per unique value.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from kemuning_eval.config import INSTRUMENTS, StudyConfig, default_study
from kemuning_eval.errors import (
    ConfigError,
    DataError,
    KemuningEvalError,
    PrivacyError,
    Problem,
    ValidationFailed,
)
from kemuning_eval.i18n import t
from kemuning_eval.ingest import duplicates as dupmod
from kemuning_eval.ingest.checks import as_boolean, nip_usable
from kemuning_eval.ingest.labels import match_values, normalise_label
from kemuning_eval.ingest.quality import check_text, measure, problems_frame, summary_lines

#: Table name -> ID columns (docs/architecture.md).
TABLE_IDS = {
    "participants": ["participant_id"],
    "programs": ["program_id"],
    "facilitators": ["facilitator_id", "program_id"],
    "items": ["instrument", "variable"],
    "reaction": ["response_id"],
    "facilitator_ratings": ["response_id"],
    "tests": ["participant_id"],
    "observations": ["participant_id", "rater", "wave"],
    "outcomes": ["activity_id", "period"],
    "interviews": ["excerpt_id"],
    "benefits": ["program_id", "benefit"],
    "jp_records": ["person_id"],
    "data_quality": ["file", "check", "column"],
}
_GENDER = {"l": "L", "lk": "L", "laki laki": "L", "laki": "L", "pria": "L", "male": "L", "m": "L",
           "1": "L", "p": "P", "pr": "P", "perempuan": "P", "wanita": "P", "female": "P", "f": "P",
           "w": "P", "2": "P"}
_RATER = {"1": "supervisor", "atasan": "supervisor", "atasan langsung": "supervisor",
          "supervisor": "supervisor", "2": "peer", "rekan": "peer", "rekan kerja": "peer",
          "sejawat": "peer", "peer": "peer", "3": "self", "diri sendiri": "self", "sendiri": "self",
          "self": "self", "alumni": "self", "peserta": "self"}
_WAVE = {"1": "baseline", "baseline": "baseline", "awal": "baseline", "sebelum": "baseline",
         "pra": "baseline", "pre": "baseline", "2": "followup", "followup": "followup",
         "follow up": "followup", "tindak lanjut": "followup", "sesudah": "followup",
         "pasca": "followup", "post": "followup"}
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
_NUMERIC_TYPES = ("likert", "integer", "number", "money", "percent")
_MADE_IDS = frozenset({"participant_id", "facilitator_id", "person_id", "response_id", "excerpt_id"})



def _per_unique(values: Any, func: Any) -> Any:
    """``values.map(func)`` with one call per distinct value (missing values included).

    Examples
    --------
    >>> import pandas as pd
    >>> _per_unique(pd.Series(["A", None, float("nan"), "A"], dtype=object), str).tolist()
    ['A', 'None', 'nan', 'A']
    """
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    mapped = np.empty(len(uniques), dtype=object)
    mapped[:] = [func(u) for u in uniques]
    out = mapped[codes] if len(uniques) else np.empty(len(codes), dtype=object)
    missing = codes < 0
    if missing.any():  # None and NaN may map differently: each missing cell on its own
        out[missing] = [func(v) for v in np.asarray(values, dtype=object)[missing]]
    return pd.Series(out, index=values.index, dtype=object, name=values.name)


def _row_ids(prefix: str, rows: Any) -> Any:
    """``[f"{prefix}{r:06d}" for r in rows]`` for non-negative integer rows, vectorised.

    Examples
    --------
    >>> _row_ids("R2026-", [7, 1234567]).tolist()
    ['R2026-000007', 'R2026-1234567']
    """
    import numpy as np
    import pandas as pd

    text = pd.Series(np.asarray(rows, dtype="int64")).astype(str).str.zfill(6)
    return (prefix + text).to_numpy(dtype=object)

def _as_text_index(values: Any) -> Any:
    """Return values as an object Index of ``str`` (as ``str(value)`` writes them).

    Examples
    --------
    >>> list(_as_text_index(["ab", 12, 1.5]))
    ['ab', '12', '1.5']
    """
    import numpy as np
    import pandas as pd

    arr = np.asarray(values, dtype=object)
    if pd.api.types.infer_dtype(arr, skipna=False) != "string":
        arr = arr.astype(str).astype(object)
    return pd.Index(arr, dtype=object)


@dataclass
class IngestResult:
    """What :func:`ingest_study` did.

    Parameters
    ----------
    year : int
        Study year.
    out_dir : Path
        ``data/processed/<year>``.
    tables : dict of str to int
        Rows written per table.
    errors, warnings : int
        Problems found (``errors`` is 0 whenever tables were written).
    skipped : bool
        True when nothing changed since the last run and nothing was rebuilt.
    manifest : dict
        The content of ``manifest.json``.

    Examples
    --------
    >>> res = IngestResult(2026, Path("data/processed/2026"), {"participants": 40}, 0, 2)
    >>> res.tables["participants"], res.skipped, res.manifest
    (40, False, {})
    """

    year: int
    out_dir: Path
    tables: dict[str, int]
    errors: int
    warnings: int
    skipped: bool = False
    manifest: dict = field(default_factory=dict)


@dataclass
class _Input:
    key: str
    file: str
    data: Any
    codebook: Any


class _Build:
    """One pass over a study: every table, every problem, every cleaning count."""

    def __init__(self, cfg: StudyConfig, key: bytes) -> None:
        self.cfg = cfg
        self.key = key
        self.year = cfg.year
        self.problems: list[Problem] = []
        self.cleaning: list[dict] = []
        self.dup_reports: list[Any] = []
        self.unmatched: dict[str, int] = {}
        self.unresolved: list[tuple[str, list[dict]]] = []
        self.inputs: dict[str, _Input] = {}
        self.tables: dict[str, Any] = {}
        self.pii_values: list[Any] = []  # arrays of raw PII values (names, NIPs, phones, e-mails)
        self.names: list[Any] = []
        self._pseudonyms: dict[tuple[str, str], dict] = {}
        self._nips: Any = None  # classify_nip of every NIP spelling seen, + pseudonyms
        self.derived_names: dict[str, str] = {}  # derived programme code -> display name
        self.derived_from_names: set[str] = set()  # derived codes that came from names, not codes

    # ------------------------------------------------------------ helpers
    def problem(self, file: str, check: str, message: str, *, rows: Any = (), column: str | None = None,
                value: Any = None, severity: str = "warning", hint: str | None = None) -> None:
        rows = sorted(int(r) for r in rows)
        self.problems.append(Problem(file, rows[0] if rows else None, column, value, message,
                                     severity=severity, hint=hint,
                                     extra={"check": check, "n": max(len(rows), 1), "rows": rows[:20]}))

    def clean(self, key: str, rule: str, rows_in: int, rows_out: int) -> None:
        self.cleaning.append({"input": key, "rule": rule, "rows_in": int(rows_in), "rows_out": int(rows_out)})

    @cached_property
    def resolutions(self) -> dupmod.Resolutions:
        """The duplicate resolution file, read once per run."""
        from kemuning_eval.boundary import guard

        path = self.cfg.duplicates.resolution_file
        return guard(dupmod.load_resolutions, path, file=path.name if path is not None else None)

    def pseudo(self, values: Any, prefix: str, domain: str = "") -> Any:
        from kemuning_eval.ingest.pseudonym import pseudonymise

        cache = self._pseudonyms.setdefault((prefix, domain), {})
        return pseudonymise(values, self.key, prefix=prefix, domain=domain, cache=cache)

    # ------------------------------------------------------------ reading
    def read_all(self) -> None:
        from kemuning_eval.boundary import guard
        from kemuning_eval.ingest.checks import blank_keys, check_formats, typed_input
        from kemuning_eval.ingest.codebook import load_codebook
        from kemuning_eval.ingest.readers import read_table
        from kemuning_eval.progress import progress

        keys = [k for k in INSTRUMENTS if k in self.cfg.inputs]
        for key in progress(keys, "membaca / reading"):
            spec = self.cfg.inputs[key]
            name = spec.file.name
            try:
                if spec.codebook is None:
                    raise ConfigError(t("ingest.pipe.no_codebook", key=repr(key)), file=str(self.cfg.path.name),
                                      hint=t("ingest.pipe.no_codebook_hint", key=key, file=name))
                cb = guard(load_codebook, spec.codebook, instrument=key, file=spec.codebook.name)
                _check_variables(key, cb)
                check_formats(cb)
                raw = guard(read_table, spec.file, sep=spec.sep, decimal=spec.decimal, encoding=spec.encoding,
                            sheet=spec.sheet, header_row=spec.header_row, file=name)
                data, found = guard(typed_input, key, raw, cb, needed=REQUIRED_VARIABLES.get(key, []),
                                    file=raw.file)
                required = {c.variable for c in cb.columns if c.required}  # already reported by row
                found += blank_keys(raw.file, data, [k for k in KEY_VARIABLES.get(key, []) if k not in required],
                                    data.attrs["raw_columns"])
            except KemuningEvalError as exc:
                check = "config_error" if isinstance(exc, ConfigError) else "read_error"
                self.problems.append(Problem(exc.file or name, exc.row, exc.column, exc.value,
                                             exc.message, severity="error", hint=exc.hint,
                                             extra={"check": check, "n": 1, "rows": []}))
                continue
            self.problems += found
            if spec.header_row is None and raw.header_row > 1:  # title rows skipped: say where the header was
                self.problems.append(measure(raw.file, "header_row", "", raw.header_row, float("nan"), "info",
                                             t("ingest.read.header_found", row=raw.header_row)))
            self.clean(key, "read", len(raw.frame), len(data))
            self.inputs[key] = _Input(key, raw.file, data, cb)
            for spec_col in cb.columns:
                if spec_col.pii and spec_col.variable in data:
                    vals = data[spec_col.variable].dropna().astype(str).unique()
                    self.pii_values.append(vals)
                    if spec_col.pii == "name":
                        self.names.extend(vals.tolist())

    # ------------------------------------------------------------ people
    def nip_info(self, values: Any, prefix: str, domain: str) -> Any:
        """:func:`~kemuning_eval.ingest.nip.classify_nip` of NIPs plus their pseudonyms (``_id``).

        The same people appear in the roster, the surveys and the tests: each
        distinct spelling (as text) is classified and pseudonymised once per
        run, and every file only looks its spellings up.
        """
        import numpy as np
        import pandas as pd

        from kemuning_eval.ingest.nip import classify_nip

        nipcfg = self.cfg.nip

        def classify(spellings: Any) -> Any:
            found = classify_nip(pd.Series(spellings, dtype=object), mode=nipcfg.mode,
                                 pppk_codes=nipcfg.pppk_codes, min_appointment_age=nipcfg.min_appointment_age)
            found.index = pd.Index(spellings, dtype=object)
            return found

        if self._nips is None:  # row 0: what a missing NIP gives
            self._nips = classify([None])
        codes, uniq = pd.factorize(values, use_na_sentinel=True)
        spellings = pd.Index(pd.Series(np.asarray(uniq, dtype=object), dtype="str").to_numpy(dtype=object),
                             dtype=object)
        pos = self._nips.index.get_indexer(spellings)
        if (pos < 0).any():
            new = classify(spellings[pos < 0])
            self.pii_values.append(new["nip"].dropna().unique())
            self._nips = pd.concat([self._nips, new])
            pos = self._nips.index.get_indexer(spellings)
        col = f"_id:{prefix}:{domain}"
        if col not in self._nips:
            self._nips[col] = None
        todo = self._nips[col].isna() & self._nips["nip"].notna()
        if todo.any():
            self._nips.loc[todo, col] = self.pseudo(self._nips.loc[todo, "nip"], prefix, domain)
        info = self._nips.iloc[np.append(pos, 0)[codes]].rename(columns={col: "_id"})
        info.index = values.index
        return info

    def nip_ids(self, inp: _Input, *, prefix: str = "P", domain: str = "") -> Any:
        """Classify NIPs (invalid ones reported, never dropped) and return the frame with ids."""
        df = inp.data
        info = self.nip_info(df["nip"], prefix, domain)
        bad = info["kind"] == "invalid"
        for reason, grp in df[bad].groupby(info.loc[bad, "reason"], sort=True):
            self.problem(inp.file, "invalid_nip", check_text("invalid_nip", reason=reason), rows=grp["_row"],
                         column=_raw_name(df, "nip"), hint=t("ingest.pipe.invalid_nip_hint", mode=self.cfg.nip.mode))
        self.problems += nip_usable(inp.file, info["kind"], df["_row"], _raw_name(df, "nip"))
        out = df.copy(deep=False)  # copy-on-write: the new columns never touch df
        out["_nip_kind"] = info["kind"].replace({"missing": None})
        out["_birth"] = info["birth_date"]
        out["_nip_gender"] = info["gender"]
        out["_id"] = info["_id"].astype(object).where(info["_id"].notna(), None)
        return out

    def build_roster(self) -> None:
        from kemuning_eval.ingest.nip import age_band

        inp = self.inputs.get("roster")
        if inp is None:
            return
        if "nip" not in inp.data or "program_id" not in inp.data:
            return
        df = self.nip_ids(inp)
        before = len(df)
        df = df[df["_id"].notna() & df["program_id"].notna()]  # blank codes: reported by row (checks.blank_keys)
        self.clean("roster", "drop rows without NIP or programme code", before, len(df))
        before = len(df)
        df, report, unresolved = dupmod.settle_roster(
            df.rename(columns={"_id": "participant_id"}), key="participant_id",
            compare=["program_id", "unit"], file=inp.file, resolutions=self.resolutions)
        self.clean("roster", "participant repeats (identical/resolution)", before, len(df))
        self.dup_reports.append(report)
        if len(report):
            dropped = int((report["action"] == "drop").sum())
            self.problems.append(measure(inp.file, "duplicate_participant", "participant_id", dropped,
                                         dropped / max(before, 1), "warning",
                                         check_text("duplicate_participant", year=self.year)))
        if unresolved:
            self.unresolved.append((inp.file, unresolved))
            for group in unresolved:
                self.problem(inp.file, "duplicate_conflict",
                             check_text("duplicate_conflict"), rows=group["rows"], column=_raw_name(df, "nip"),
                             value=group["key"], severity="error",
                             hint=t("ingest.pipe.conflict_hint", file=self.cfg.duplicates.resolution_file.name))
        gender = df["_nip_gender"].astype(object)
        if "gender" in df:
            given = df["gender"]
            mapped = given.map(match_values(list(given.dropna().unique()), _GENDER)).astype(object)
            unknown = given.notna() & mapped.isna()
            if unknown.any():
                self.problem(inp.file, "unknown_value", t("ingest.pipe.gender"),
                             rows=df.loc[unknown, "_row"], column=_raw_name(df, "gender"), hint=t("ingest.pipe.gender_hint"))
            gender = mapped.where(mapped.notna(), gender)
        attendance = df["attendance"].astype("float64") if "attendance" in df else None
        if "completed" in df:
            completed = _bool(df, "completed", inp)
        elif attendance is not None:
            threshold = float(self.cfg.setting("scoring", "completion_min_attendance"))
            completed = (attendance >= threshold).astype("boolean").where(attendance.notna(), None)
        else:
            completed = None
        import pandas as pd

        out = pd.DataFrame({
            "participant_id": df["participant_id"].astype(str),
            "year": self.year,
            "program_id": df["program_id"].astype(object),
            "unit": _col(df, "unit"), "position": _col(df, "position"), "grade": _col(df, "grade"),
            "gender": gender.astype(object),
            "age_band": age_band(df["_birth"], self.year),
            "nip_kind": df["_nip_kind"].astype(object),
            "attendance": attendance if attendance is not None else float("nan"),
            "completed": completed if completed is not None else pd.NA,
        })
        out["completed"] = out["completed"].astype("boolean")
        out["year"] = out["year"].astype("int64")
        self.tables["participants"] = out
        self.roster_program = pd.Series(out["program_id"].to_numpy(dtype=object),
                                        index=pd.Index(out["participant_id"].to_numpy(dtype=object)))

    def build_programs(self) -> None:
        import pandas as pd

        inp = self.inputs.get("programs")
        codes: list[str] = []
        names: dict[str, str] = {}
        if inp is not None and "program_id" in inp.data:
            df = inp.data[inp.data["program_id"].notna()]
            dup = df.duplicated("program_id", keep=False)
            if dup.any():
                self.problem(inp.file, "duplicate_conflict", t("ingest.pipe.program_twice"),
                             rows=df.loc[dup, "_row"], column=_raw_name(df, "program_id"),
                             value=", ".join(sorted(df.loc[dup, "program_id"].astype(str).unique())),
                             severity="error", hint=t("ingest.pipe.program_twice_hint"))
                df = df[~df.duplicated("program_id")]
            counts = self.roster_program.value_counts()
            out = pd.DataFrame({"program_id": df["program_id"].astype(str)})
            for col in ("name", "field"):
                out[col] = _col(df, col)
            for col in ("jp", "capacity", "applicants", "cost", "pass_mark"):
                out[col] = df[col].astype("float64") if col in df else float("nan")
            for col in ("start_date", "end_date"):
                out[col] = pd.to_datetime(df[col]) if col in df else pd.NaT
            out["participants"] = out["program_id"].map(counts).fillna(0).astype("int64")
            out["source"] = "table"
            self.tables["programs"] = out.reset_index(drop=True)
            codes = out["program_id"].tolist()
            names = dict(zip(out["program_id"], out["name"], strict=True))
            if "participants" in self.tables:
                unknown = ~self.tables["participants"]["program_id"].isin(set(codes))
                roster = self.inputs["roster"]
                if unknown.any():
                    self.problem(roster.file, "unmatched_program", t("ingest.pipe.program_unknown"),
                                 rows=[], column="program_id",
                                 value=", ".join(sorted(self.tables["participants"].loc[unknown, "program_id"].astype(str).unique())[:5]))
        elif "participants" in self.tables:
            codes = self.derive_roster_programs()
        from kemuning_eval.ingest.link import program_lookup

        self.program_codes = set(codes)
        self.lookup = program_lookup(codes, names)

    @property
    def derive(self) -> bool:
        """True when programmes come from the exports (no programme table)."""
        return "programs" not in self.inputs

    def derive_roster_programs(self) -> list[str]:
        """Without a programme table: the roster's programmes get derived, stable codes."""
        import pandas as pd

        from kemuning_eval.ingest.programs import derive_programs

        part = self.tables["participants"]
        codes, names = derive_programs(part["program_id"])
        part["program_id"] = codes
        self.derived_names.update(names)
        self.roster_program = pd.Series(codes.to_numpy(dtype=object),
                                        index=pd.Index(part["participant_id"].to_numpy(dtype=object)))
        return sorted(names)

    def reconcile_programs(self) -> None:
        """A programme one file names and another codes is one programme, matched through its people."""
        from kemuning_eval.ingest.programs import reconcile

        frames = [t for n, t in self.tables.items() if n != "programs" and {"participant_id", "program_id"} <= set(t)]
        mapping = reconcile(frames, self.derived_from_names)
        if not mapping:
            return
        for name, table in self.tables.items():
            if name != "programs" and "program_id" in table:
                table["program_id"] = table["program_id"].replace(mapping)
        for named, code in mapping.items():
            if self.derived_names.get(code, code) == code:  # the code had no name of its own
                self.derived_names[code] = self.derived_names[named]
            self.problems.append(measure("", "program_matched", "program_id", 1, float("nan"), "info",
                                         t("ingest.programs.matched", name=self.derived_names[named], code=code)))

    def build_derived_programs(self) -> None:
        """Without a programme table: ``programs`` from the codes and names seen in the exports."""
        import pandas as pd

        if not self.derive or not self.derived_names:
            return
        self.reconcile_programs()
        counts = self.roster_program.value_counts()
        used = set(self.roster_program.dropna())
        for name, table in self.tables.items():
            if name != "programs" and "program_id" in table:
                used |= set(table["program_id"].dropna())
        codes = sorted(used & set(self.derived_names))
        out = pd.DataFrame({"program_id": codes, "name": [self.derived_names[c] for c in codes]})
        out["field"] = None
        for col in ("jp", "capacity", "applicants", "cost", "pass_mark"):
            out[col] = float("nan")
        for col in ("start_date", "end_date"):
            out[col] = pd.Series(pd.NaT, index=out.index, dtype="datetime64[us]")
        if "participants" in self.tables:
            out["participants"] = out["program_id"].map(counts).fillna(0).astype("int64")
        else:
            out["participants"] = pd.Series(pd.NA, index=out.index, dtype="Int64")
        out["source"] = "exports"
        self.tables["programs"] = out

    def programs_of(self, inp: _Input, df: Any, *, required: bool = True) -> Any:
        """Resolve programme codes/names; fill missing ones from the roster."""
        from kemuning_eval.ingest.link import resolve_programs

        given = df["program_id"] if "program_id" in df else (
            df["program_name"] if "program_name" in df else None)
        roster = None
        if "participant_id" in df:
            roster = df["participant_id"].map(self.roster_program[~self.roster_program.index.duplicated()])
        if given is None:
            return roster.astype(object) if roster is not None else None
        codes, unknown = resolve_programs(given.astype(object), self.lookup)
        if unknown.any() and self.derive:  # no programme table: the export's names are the programmes
            from kemuning_eval.ingest.programs import derive_programs

            derived, names = derive_programs(given[unknown])
            if roster is not None:  # the roster knows the participant's programme: it wins
                derived = roster[unknown].where(roster[unknown].notna(), derived)
            codes = codes.where(~unknown, derived)
            from kemuning_eval.ingest.programs import is_code

            for code in sorted(set(derived.dropna()) & set(names)):
                self.derived_names.setdefault(code, names[code])
                if not is_code(names[code]):
                    self.derived_from_names.add(code)
            unknown = unknown & False
        if unknown.any():
            self.problem(inp.file, "unmatched_program", check_text("unmatched_program"),
                         rows=df.loc[unknown, "_row"], column=_raw_name(df, "program_id"),
                         value=", ".join(sorted(given[unknown].astype(str).unique())[:3]),
                         hint=t("ingest.pipe.program_hint"))
        if roster is not None:
            codes = codes.where(codes.notna(), roster)
        return codes.astype(object)

    def link(self, inp: _Input, df: Any) -> Any:
        """Keep records whose participant is in the roster; count the rest."""
        from kemuning_eval.ingest.link import match_roster

        if "participants" not in self.tables:
            return df
        ok, n = match_roster(df["participant_id"], self.roster_program.index)
        self.unmatched[inp.file] = n
        if n:
            first = df.loc[~ok, "_row"]
            self.problems.append(Problem(inp.file, int(first.iloc[0]), _raw_name(df, "nip"), None,
                                         check_text("unmatched"),
                                         severity="warning",
                                         hint=t("ingest.pipe.unmatched_hint"),
                                         extra={"check": "unmatched", "n": n,
                                                "rows": df.loc[~ok, "_row"].tolist()[:20],
                                                "share": n / max(len(df), 1)}))
        self.check_link_share(inp, df, n + len(inp.data) - len(df))  # unmatched + dropped before (no NIP, ...)
        self.clean(inp.key, "link to roster (unmatched dropped)", len(df), int(ok.sum()))
        return df[ok]

    def check_link_share(self, inp: _Input, df: Any, n_dropped: int) -> None:
        """Stop the run when linking drops more than ``linking.max_dropped_share`` of the records."""
        from kemuning_eval.ingest.checks import link_share

        files = {inp.file, self.inputs["roster"].file if "roster" in self.inputs else inp.file}
        nip_problem = any(p.file in files and p.extra.get("check") == "nip_as_number" for p in self.problems)
        found = link_share(inp.file, _raw_name(df, "nip"), n_dropped, len(inp.data),
                           limit=self.cfg.linking.max_dropped_share, nip_problem=nip_problem)
        if found is not None:
            self.problems.append(found)

    def dedupe(self, inp: _Input, df: Any, keys: list[str], items: list[str], *,
               time_col: str | None = "submitted_at", key_col: str = "participant_id") -> Any:
        from kemuning_eval.ingest.dedupe import repeat_kinds

        rule = self.cfg.duplicates.rule
        work = df.copy(deep=False)  # a missing programme (etc.) is a value: same person, same blank
        for k in keys:
            if k != key_col and k in work:
                work[k] = work[k].astype(object).where(work[k].notna(), "")
        kept, report = dupmod.settle(work, keys, rule=rule, items=items, file=inp.file,
                                     time_col=time_col if time_col in df else None,
                                     resolutions=self.resolutions, key_col=key_col)
        self.clean(inp.key, f"duplicates ({rule})", len(df), len(kept))
        if len(report):
            specs = inp.codebook.by_variable()  # the programme is compared as resolved (a key)
            answers = [c for c, spec in specs.items() if c in df and c not in keys and c != "program_name"
                       and spec.pii is None and spec.type not in ("date", "datetime")]
            report = repeat_kinds(work, report, answers=answers, group=keys)
            self.dup_reports.append(report)
            n = int((report["action"] == "drop").sum())
            counts = {kind: int((report["duplicate"] == kind).sum()) for kind in ("exact", "corrected")}
            self.problems.append(measure(inp.file, "duplicate_submission", "+".join(keys), n,
                                         n / max(len(df), 1), "warning",
                                         t("ingest.dedupe.summary", rule=rule, year=self.year, **counts)))
            for kind, m in counts.items():
                self.problems.append(measure(inp.file, f"duplicate_{kind}", "+".join(keys), m,
                                             m / max(len(df), 1), "info"))
        return df.loc[kept.index]

    def items_of(self, inp: _Input) -> list[str]:
        return [c.variable for c in inp.codebook.columns
                if c.keep and c.type in _NUMERIC_TYPES and c.variable in inp.data
                and c.variable not in ("pre", "post", "row_no")]

    def quality(self, inp: _Input, df: Any, items: list[str]) -> None:
        likert = [c for c in inp.codebook.columns if c.type == "likert" and c.keep and c.variable in df]
        for c in likert:
            miss = int(df[c.variable].isna().sum())
            self.problems.append(measure(inp.file, "missing_answer", c.variable, miss,
                                         miss / max(len(df), 1), "info"))
        # straight-lining: the same raw answer (before reverse recoding) to every item of the
        # instrument's most used scale, when it has at least five items
        scales = [c.scale for c in likert]
        main = max(sorted(set(scales)), key=scales.count) if scales else None
        likert = [c for c in likert if c.scale == main]
        if len(likert) >= 5 and len(df):
            raw = df[[c.variable for c in likert]].copy()
            for c in likert:
                if c.reverse:
                    sc = inp.codebook.scale(c.scale)
                    raw[c.variable] = sc.reverse(raw[c.variable])
            complete = raw.notna().all(axis=1)
            flat = complete & (raw.max(axis=1) == raw.min(axis=1))
            self.problems.append(measure(inp.file, "straight_lining", "", int(flat.sum()),
                                         float(flat.sum()) / max(len(df), 1), "info"))
        if "participants" in self.tables and "participant_id" in df:
            n = df["participant_id"].nunique()
            total = len(self.tables["participants"])
            self.problems.append(measure(inp.file, "response_rate", "", n, n / max(total, 1), "info"))

    # ------------------------------------------------------------ instruments
    def build_facilitators(self) -> None:
        import pandas as pd

        inp = self.inputs.get("facilitators")
        self.fac_lookup: dict = {}
        if inp is None or "name" not in inp.data:
            return
        df = inp.data.copy()
        if "nip" in df and df["nip"].notna().any():
            from kemuning_eval.ingest.nip import normalise_nip

            nip = normalise_nip(df["nip"])
            self.pii_values.append(nip.dropna().unique())
            fid = self.pseudo(nip, "F")
            from kemuning_eval.ingest.nip import classify_nip

            nipcfg = self.cfg.nip
            kind = classify_nip(df["nip"], mode=nipcfg.mode, pppk_codes=nipcfg.pppk_codes,
                                min_appointment_age=nipcfg.min_appointment_age)["kind"].replace({"missing": None})
        else:
            fid = pd.Series(None, index=df.index, dtype=object)
            kind = pd.Series(None, index=df.index, dtype=object)
        df["_nip_kind"] = kind.astype(object)
        by_name = self.pseudo(df["name"].map(normalise_label), "F", "name:")
        df["facilitator_id"] = fid.where(fid.notna(), by_name)
        df["program_id"] = self.programs_of(inp, df)
        before = len(df)
        df = df[df["program_id"].notna()]
        df = df[~df.duplicated(["facilitator_id", "program_id"])]
        self.clean("facilitators", "repeats of (facilitator, programme)", before, len(df))
        for name, prog, f in zip(df["name"].map(normalise_label), df["program_id"], df["facilitator_id"],
                                 strict=True):
            self.fac_lookup[(prog, name)] = f
            self.fac_lookup.setdefault(name, f)
        self.tables["facilitators"] = pd.DataFrame({
            "facilitator_id": df["facilitator_id"], "program_id": df["program_id"].astype(str),
            "role": _col(df, "role"), "nip_kind": df["_nip_kind"]}).reset_index(drop=True)

    def participant_records(self, key: str, *, keep_unkeyed: bool = False) -> tuple[_Input, Any] | None:
        """Return an instrument's records with person keys and programme codes.

        The key is the NIP's pseudonym, else the e-mail's, else the
        normalised name + programme's (:func:`~kemuning_eval.ingest.dedupe.person_keys`).
        Records without any key are counted and reported; they are kept
        only when ``keep_unkeyed`` (surveys: the response is still valid).
        """
        from kemuning_eval.ingest.dedupe import person_keys

        inp = self.inputs.get(key)
        if inp is None or "nip" not in inp.data:
            return None
        df = self.nip_ids(inp).rename(columns={"_id": "participant_id"})
        df["program_id"] = self.programs_of(inp, df)
        keys = person_keys(df["participant_id"], df["_nip_kind"], email=df.get("email"), name=df.get("name"),
                           program=df["program_id"], pseudo=lambda v, d: self.pseudo(v, "P", d))
        df["participant_id"], df["_key_source"] = keys["key"], keys["source"]
        self.person_fill(df)
        self.key_quality(inp, df, keep_unkeyed)
        if not keep_unkeyed:
            before = len(df)
            df = df[df["participant_id"].notna()]
            self.clean(key, "drop records without NIP, e-mail or name", before, len(df))
        return inp, df

    def person_fill(self, df: Any) -> None:
        """Records joined to a person by e-mail or name take the person's NIP kind and roster programme."""
        joined = df["_key_source"].isin(["email", "name"]).to_numpy()
        if not joined.any():
            return
        people = df["participant_id"].isin(df.loc[joined, "participant_id"].unique()).to_numpy()
        sub = df.loc[people, ["participant_id", "_nip_kind"]]  # only the people some record was joined to
        known = sub.groupby("participant_id")["_nip_kind"].first()
        kind = df.loc[joined, "participant_id"].map(known)
        df.loc[joined, "_nip_kind"] = df.loc[joined, "_nip_kind"].where(df.loc[joined, "_nip_kind"].notna(), kind)
        if self.derive and len(self.roster_program):
            roster = df.loc[joined, "participant_id"].map(self.roster_program[~self.roster_program.index.duplicated()])
            df.loc[joined, "program_id"] = roster.where(roster.notna(), df.loc[joined, "program_id"])

    def key_quality(self, inp: _Input, df: Any, kept: bool) -> None:
        """Count records keyed by e-mail or name, and those without any key."""
        n = max(len(df), 1)
        for source in ("email", "name"):
            hit = int((df["_key_source"] == source).sum())
            if hit:
                self.problems.append(measure(inp.file, f"keyed_by_{source}", "", hit, hit / n, "info"))
        none = df["participant_id"].isna()
        if none.any():
            self.problem(inp.file, "unkeyed", check_text("unkeyed"), rows=df.loc[none, "_row"],
                         column=_raw_name(df, "nip"),
                         hint=t("ingest.dedupe.unkeyed_kept" if kept else "ingest.dedupe.unkeyed_dropped"))

    def build_survey(self, key: str, prefix: str) -> None:
        import pandas as pd

        found = self.participant_records(key, keep_unkeyed=True)
        if found is None:
            return
        inp, df = found
        items = self.items_of(inp)
        keys = ["participant_id", "program_id"]
        if key == "facilitator_ratings":
            names = _per_unique(df["facilitator_name"], normalise_label) if "facilitator_name" in df else None
            if names is not None:
                df["facilitator_id"] = self.facilitator_ids(df["program_id"], names)
                miss = df["facilitator_id"].isna() & names.notna()
                if miss.any():
                    self.problem(inp.file, "unmatched_facilitator",
                                 check_text("unmatched_facilitator"),
                                 rows=df.loc[miss, "_row"], column=_raw_name(df, "facilitator_name"),
                                 hint=t("ingest.pipe.facilitator_hint"))
            else:
                df["facilitator_id"] = None
            keys.append("facilitator_id")
        df = self.link(inp, df)
        df = self.dedupe(inp, df, keys, items)
        self.quality(inp, df, items)
        self.check_reverse(inp, df)
        out = pd.DataFrame({"response_id": _row_ids(f"{prefix}{self.year}-", df["_row"]),
                            "participant_id": df["participant_id"].astype(object),
                            "program_id": df["program_id"].astype(object),
                            "nip_kind": df["_nip_kind"].astype(object)}, index=df.index)
        if key == "facilitator_ratings":
            out["facilitator_id"] = df["facilitator_id"].astype(object)
        if "submitted_at" in df:
            out["submitted_at"] = df["submitted_at"]
        for v in items:
            out[v] = df[v].astype("float64")
        self.add_freetext(inp, df, out)
        self.tables[key] = out.reset_index(drop=True)

    def check_reverse(self, inp: _Input, df: Any) -> None:
        """Warn about items whose corrected item-total correlation is negative (reverse: true?)."""
        from kemuning_eval.ingest.reverse_check import negative_items

        specs = inp.codebook.by_variable()
        for variable, r in negative_items(df, inp.codebook):
            spec = specs[variable]
            hint = "ingest.reverse.hint_undo" if spec.reverse else "ingest.reverse.hint"
            self.problem(inp.file, "negative_item_total", t("ingest.reverse.message", r=f"{r:.2f}"),
                         column=_raw_name(df, variable), value=variable,
                         hint=t(hint, variable=variable, codebook=inp.codebook.source))

    def facilitator_ids(self, programs: Any, names: Any) -> Any:
        """Facilitator ids of (programme, normalised name) pairs, else of the name alone.

        One dictionary look-up per distinct pair, not per response.
        """
        import numpy as np
        import pandas as pd

        pcodes, puniq = pd.factorize(programs, use_na_sentinel=False)
        ncodes, nuniq = pd.factorize(names, use_na_sentinel=False)
        width = max(len(nuniq), 1)
        pair_codes, pairs = pd.factorize(pcodes.astype("int64") * width + ncodes)
        found = [self.fac_lookup.get((puniq[c // width], nuniq[c % width]), self.fac_lookup.get(nuniq[c % width]))
                 for c in pairs]
        return pd.Series(np.array(found + [None], dtype=object)[pair_codes], index=programs.index, dtype=object)

    def add_freetext(self, inp: _Input, df: Any, out: Any) -> None:
        for c in inp.codebook.columns:
            if c.type == "freetext" and c.keep and c.pii is None and c.variable in df:
                out[c.variable] = self.scrubber.scrub_series(df[c.variable])

    def build_tests(self) -> None:
        import pandas as pd

        found = self.participant_records("tests")
        if found is None:
            return
        inp, df = found
        df = self.link(inp, df)
        df = self.dedupe(inp, df, ["participant_id"], ["pre", "post"], time_col=None)
        self.quality(inp, df, [])
        self.tables["tests"] = pd.DataFrame({
            "participant_id": df["participant_id"], "program_id": df["program_id"],
            "nip_kind": df["_nip_kind"].astype(object),
            "pre": _num(df, "pre"), "post": _num(df, "post")}).reset_index(drop=True)

    def build_observations(self) -> None:
        import pandas as pd

        found = self.participant_records("observations")
        if found is None:
            return
        inp, df = found
        for var, table in (("rater", _RATER), ("wave", _WAVE)):
            if var not in df:
                continue
            given = df[var].astype(object)
            mapped = given.map(match_values(list(given.dropna().unique()), table)).astype(object)
            unknown = given.notna() & mapped.isna()
            if unknown.any():
                self.problem(inp.file, "unknown_value", t("ingest.pipe.unknown_var", variable=var), rows=df.loc[unknown, "_row"],
                             column=_raw_name(df, var), value=str(given[unknown].iloc[0]), severity="error",
                             hint=t("ingest.pipe.rater_hint"))
            df[var] = mapped
        df = df[df[["rater", "wave"]].notna().all(axis=1)] if {"rater", "wave"} <= set(df) else df
        items = self.items_of(inp)
        df = self.link(inp, df)
        df = self.dedupe(inp, df, ["participant_id", "rater", "wave"], items, time_col="observed_on")
        out = pd.DataFrame({"participant_id": df["participant_id"], "program_id": df["program_id"],
                            "nip_kind": df["_nip_kind"].astype(object),
                            "rater": _col(df, "rater"), "wave": _col(df, "wave")})
        out["observed_on"] = pd.to_datetime(df["observed_on"]) if "observed_on" in df else pd.NaT
        for v in items:
            out[v] = df[v].astype("float64")
        if "applies" in df:
            out["applies"] = _bool(df, "applies", inp)
        self.tables["observations"] = out.reset_index(drop=True)

    def build_outcomes(self) -> None:
        import pandas as pd

        from kemuning_eval.periods import period_start

        inp = self.inputs.get("outcomes")
        if inp is None or not {"activity_id", "period"} <= set(inp.data):
            return
        df = inp.data.copy()
        starts = df["period"].map({p: period_start(p) for p in df["period"].dropna().unique()})
        bad = df["period"].notna() & starts.isna()
        if bad.any():
            self.problem(inp.file, "unknown_value", t("ingest.pipe.period"), rows=df.loc[bad, "_row"],
                         column=_raw_name(df, "period"), value=str(df.loc[bad, "period"].iloc[0]), severity="error",
                         hint=t("ingest.pipe.period_hint"))
        df["_start"] = pd.to_datetime(starts)
        has_prog = "program_id" in df and df["program_id"].notna().any()
        df["program_id"] = self.programs_of(inp, df) if has_prog else None
        df = df[df[["activity_id", "period"]].notna().all(axis=1)]
        df = self.dedupe(inp, df, ["activity_id", "period"], [], time_col=None, key_col="activity_id")
        order = sorted(df["_start"].dropna().unique())
        index = {d: i for i, d in enumerate(order)}
        if "post" in df:
            post = _bool(df, "post", inp)
        else:
            first_post = self.cfg.outcomes.get("first_post_period")
            if first_post and period_start(first_post):
                post = df["_start"] >= pd.Timestamp(period_start(first_post))
            else:
                progs = self.tables.get("programs")
                ends = progs.set_index("program_id")["end_date"] if progs is not None else pd.Series(dtype="datetime64[us]")
                ref = df["program_id"].map(ends) if has_prog else pd.Series(pd.NaT, index=df.index)
                ref = pd.to_datetime(ref).fillna(ends.min() if len(ends) else pd.NaT)
                post = df["_start"] >= ref
            post = post.astype("boolean")
        planned, realised = _num(df, "budget_planned"), _num(df, "budget_realised")
        out = pd.DataFrame({
            "unit": _col(df, "unit"), "activity_id": df["activity_id"].astype(str),
            "program_id": df["program_id"].astype(object), "period": df["period"].astype(str),
            "period_index": df["_start"].map(index).astype("Int64"), "post": post,
            "treated": _bool(df, "treated", inp) if "treated" in df else pd.NA,
            "budget_planned": planned, "budget_realised": realised,
            "budget_ratio": (realised / planned.where(planned > 0)).astype("float64"),
            "on_time": _bool(df, "on_time", inp) if "on_time" in df else pd.NA,
            "service_satisfaction": _num(df, "service_satisfaction")})
        self.tables["outcomes"] = out.reset_index(drop=True)

    def build_interviews(self) -> None:
        import pandas as pd

        inp = self.inputs.get("interviews")
        if inp is None:
            return
        df = inp.data
        text_var = "text" if "text" in df else ("quote" if "quote" in df else None)
        if text_var is None:
            return
        has_prog = "program_id" in df and df["program_id"].notna().any()
        programs = self.programs_of(inp, df) if has_prog else pd.Series(None, index=df.index, dtype=object)
        themes = df["themes"].astype("str").str.split(r"[;,]").map(
            lambda xs: ";".join(x.strip() for x in xs if x.strip()) if isinstance(xs, list) else None
        ).where(df["themes"].notna()) if "themes" in df else None
        self.tables["interviews"] = pd.DataFrame({
            "excerpt_id": _row_ids(f"W{self.year}-", df["_row"]),
            "role": _col(df, "role"), "program_id": programs.astype(object),
            "text": self.scrubber.scrub_series(df[text_var]),
            "themes": themes.astype(object) if themes is not None else None})

    def build_benefits(self) -> None:
        import pandas as pd

        inp = self.inputs.get("benefits")
        if inp is None or not {"program_id", "benefit"} <= set(inp.data):
            return
        df = inp.data[inp.data[["program_id", "benefit"]].notna().all(axis=1)].copy()
        df["program_id"] = self.programs_of(inp, df)
        df = df[df["program_id"].notna()]
        df = self.dedupe(inp, df, ["program_id", "benefit"], ["annual_value"], time_col=None,
                         key_col="program_id")
        specs = inp.codebook.by_variable()
        out = pd.DataFrame({"program_id": df["program_id"].astype(str), "benefit": df["benefit"].astype(str),
                            "annual_value": _num(df, "annual_value")})
        for v in ("attribution", "confidence"):
            vals = _num(df, v)
            if v in specs and (specs[v].type == "percent" or vals.max() > 1):
                vals = vals / 100.0
            out[v] = vals
        self.tables["benefits"] = out.reset_index(drop=True)

    def build_jp(self) -> None:
        import pandas as pd

        inp = self.inputs.get("jp_records")
        if inp is None or "nip" not in inp.data:
            return
        df = self.nip_ids(inp, prefix="R", domain="jp:")
        df = df[df["_id"].notna()].rename(columns={"_id": "person_id"})
        df = self.dedupe(inp, df, ["person_id"], ["jp_total"], time_col=None, key_col="person_id")
        self.tables["jp_records"] = pd.DataFrame({
            "person_id": df["person_id"], "unit": _col(df, "unit"),
            "nip_kind": df["_nip_kind"].astype(object),
            "jp_total": _num(df, "jp_total")}).reset_index(drop=True)

    def build_items(self) -> None:
        import pandas as pd

        rows = []
        for key, inp in self.inputs.items():
            for r in inp.codebook.items():
                r["instrument"] = key
                rows.append(r)
        frame = pd.DataFrame(rows, columns=TABLE_IDS_ITEMS)
        frame["reverse"] = frame["reverse"].astype(bool)
        self.tables["items"] = frame

    # ------------------------------------------------------------ all
    def run(self) -> None:
        from kemuning_eval.scrub import Scrubber

        self.read_all()
        self.scrubber = Scrubber(self.names)
        import pandas as pd

        self.roster_program = pd.Series(dtype=object)
        steps = [("roster", self.build_roster), ("programs", self.build_programs),
                 ("facilitators", self.build_facilitators),
                 ("reaction", lambda: self.build_survey("reaction", "RX")),
                 ("facilitator_ratings", lambda: self.build_survey("facilitator_ratings", "FR")),
                 ("tests", self.build_tests), ("observations", self.build_observations),
                 ("outcomes", self.build_outcomes), ("interviews", self.build_interviews),
                 ("benefits", self.build_benefits), ("jp_records", self.build_jp),
                 ("programs", self.build_derived_programs), ("items", self.build_items)]
        for key, step in steps:
            self.run_step(key, step)
        self.tables["data_quality"] = problems_frame(self.problems)
        self.check_no_pii()

    def run_step(self, key: str, step: Any) -> None:
        """Run one builder with its file noted, so an unexpected failure names it."""
        from kemuning_eval.context import processing

        inp = self.inputs.get(key)
        with processing(file=inp.file if inp is not None else None, step=key):
            step()

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def check_no_pii(self) -> None:
        """Refuse to continue if any raw PII value appears as a cell of an output table.

        Vectorised: the distinct text cells (5 characters or more) of every output
        column form one lookup index, probed once per array of PII values.
        """
        import pandas as pd

        columns: list[tuple[str, str, Any]] = []
        for name, df in self.tables.items():
            for col in df.columns:
                if col in _MADE_IDS:  # built here from HMACs and row numbers
                    continue
                if pd.api.types.is_string_dtype(df[col]) or df[col].dtype == object:
                    cells = _as_text_index(df[col].dropna().unique())
                    cells = cells[cells.str.len() >= 5]
                    if len(cells):
                        columns.append((name, col, cells))
        if not columns:
            return
        lookup = pd.Index(pd.unique(pd.Index([]).append([c for _, _, c in columns]).to_numpy(dtype=object)))
        for values in self.pii_values:
            cells = _as_text_index(values)
            hit = cells[cells.isin(lookup)]
            if len(hit):
                name, col = next((n, c) for n, c, u in columns if hit[0] in u)
                raise PrivacyError(t("ingest.pipe.pii_leak", table=repr(name), column=repr(col)),
                                   hint=t("ingest.pipe.pii_leak_hint"))

    def duplicates_report(self) -> Any:
        import pandas as pd

        columns = [*dupmod.REPORT_COLUMNS, "duplicate"]
        reports = [r for r in self.dup_reports if len(r)]
        if not reports:
            return pd.DataFrame(columns=columns)
        out = pd.concat(reports, ignore_index=True)
        identical = (out["reason"] == "identik") & (out["action"] == "drop")
        out["duplicate"] = out.get("duplicate", pd.Series("", index=out.index)).fillna("").where(~identical, "exact")
        return out[columns].sort_values(["file", "key", "row"]).reset_index(drop=True)


TABLE_IDS_ITEMS = ["instrument", "variable", "label", "dimension", "scale", "scale_min", "scale_max",
                   "reverse", "ikm_element"]


def _check_variables(key: str, cb: Any) -> None:
    """Raise :class:`ConfigError` when a codebook lacks a variable its instrument needs."""
    have = {c.variable for c in cb.columns}
    for need in REQUIRED_VARIABLES.get(key, []):
        options = need if isinstance(need, tuple) else (need,)
        if not have & set(options):
            raise ConfigError(t("ingest.pipe.codebook_variable", key=repr(key), variables=" / ".join(repr(o) for o in options)), file=cb.source,
                              hint=t("ingest.pipe.codebook_variable_hint"))


def _bool(df: Any, variable: str, inp: Any) -> Any:
    """``df[variable]`` as nullable boolean, a clear stop on a value that is not yes/no."""
    return as_boolean(df, variable, file=inp.file, raw_column=_raw_name(df, variable))


def _raw_name(df: Any, variable: str) -> str:
    """Return the raw header of a variable (for messages), else the variable."""
    return df.attrs.get("raw_columns", {}).get(variable, variable)


def _col(df: Any, name: str) -> Any:
    import pandas as pd

    if name in df:
        return df[name].astype(object).where(df[name].notna(), None)
    return pd.Series(None, index=df.index, dtype=object)


def _num(df: Any, name: str) -> Any:
    import pandas as pd

    if name in df:
        return pd.to_numeric(df[name], errors="coerce").astype("float64")
    return pd.Series(float("nan"), index=df.index, dtype="float64")


def _load(year: int, paths: Any) -> tuple[StudyConfig, Any]:
    from kemuning_eval.paths import ProjectPaths

    paths = paths or ProjectPaths.discover()
    return default_study(year, paths=paths), paths


def _key(cfg: StudyConfig, paths: Any) -> bytes:
    from kemuning_eval.ingest.pseudonym import load_key

    return load_key(key_env=cfg.privacy.key_env, key_file=cfg.privacy.key_file,
                    project_root=paths.root)


def _print(lines: list[str]) -> None:
    from kemuning_eval.progress import notice

    for line in lines:
        notice(line)


def _conflict_text(build: _Build) -> str:
    parts = []
    for file, groups in build.unresolved:
        parts.append(dupmod.resolution_template(groups, file))
    body = "\n".join(parts)
    return t("ingest.pipe.resolution_text", file=build.cfg.duplicates.resolution_file, lines=body)


def validate_study(year: int, *, paths: Any = None) -> int:
    """Check the raw data of a year and report every problem; return the exit code.

    Returns
    -------
    int
        0 when the data can be used (possibly with warnings), 1 when it cannot.
        Nothing is written to ``data/processed``.

    Parameters
    ----------
    year : int
        Study year (reads ``data/raw/<year>/studi.yaml``).
    paths : ProjectPaths, optional
        Project paths (default: discovered).

    Raises
    ------
    ConfigError
        When ``studi.yaml`` or a codebook is wrong.
    PrivacyError
        When the pseudonym key is missing or inside the project.

    Examples
    --------
    A tiny study with only a roster (the problems are printed to stderr):

    >>> import os, tempfile
    >>> from unittest import mock
    >>> from kemuning_eval.paths import ProjectPaths
    >>> tmp = tempfile.TemporaryDirectory()
    >>> paths = ProjectPaths(Path(tmp.name))
    >>> raw = paths.raw(2026)
    >>> raw.mkdir(parents=True)
    >>> _ = (raw / "peserta.csv").write_text(
    ...     "NIP;Nama;Kode\\n19660801 198803 1 001;Budi Santoso;PM-01\\n"
    ...     "19900215 201503 2 015;Siti Aminah;PM-01\\n", encoding="utf-8")
    >>> _ = (raw / "peserta.yaml").write_text(
    ...     "columns:\\n- {raw: NIP, variable: nip, type: nip, pii: nip, required: true}\\n"
    ...     "- {raw: Nama, variable: name, type: text, pii: name}\\n"
    ...     "- {raw: Kode, variable: program_id, type: id}\\n", encoding="utf-8")
    >>> _ = paths.study_config(2026).write_text(
    ...     "study: {year: 2026}\\ninputs:\\n  roster: {file: peserta.csv, codebook: peserta.yaml}\\n",
    ...     encoding="utf-8")
    >>> key = mock.patch.dict(os.environ, {"KEMUNING_EVAL_KEY": "kunci-rahasia-contoh"})
    >>> with key:
    ...     good = validate_study(2026, paths=paths)
    ...     _ = (raw / "peserta.csv").write_text(
    ...         "NIP;Nama;Kode\\n;Budi Santoso;PM-01\\n", encoding="utf-8")
    ...     bad = validate_study(2026, paths=paths)
    >>> good, bad, paths.processed(2026).exists()
    (0, 1, False)
    >>> tmp.cleanup()
    """

    cfg, paths = _load(year, paths)
    build = _Build(cfg, _key(cfg, paths))
    build.run()
    _print(summary_lines(build.problems))
    if build.unresolved:
        _print([_conflict_text(build)])
    n_err, n_warn = len(build.errors), len(build.warnings)
    if n_err:
        _print([t("ingest.validate.failed", n_errors=n_err, n_warnings=n_warn)])
        return 1
    _print([t("ingest.validate.ok", n_warnings=n_warn)])
    return 0


def _fingerprint(cfg: StudyConfig, key: bytes) -> tuple[str, dict]:
    from kemuning_eval import __version__
    from kemuning_eval.ingest.store import sha256_file

    hashes = {}
    for path in cfg.files():
        try:
            rel = path.relative_to(cfg.raw_dir).as_posix()
        except ValueError:
            rel = path.name
        hashes[rel] = sha256_file(path)
    key_id = hmac.new(key, b"kemuning-eval key id", hashlib.sha256).hexdigest()[:12]
    blob = json.dumps({"inputs": hashes, "version": __version__, "key_id": key_id}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest(), hashes


def ingest_study(year: int, *, paths: Any = None, force: bool = False) -> IngestResult:
    """Ingest the raw data of a year into ``data/processed/<year>``.

    Parameters
    ----------
    year : int
        Study year.
    paths : ProjectPaths, optional
        Project paths (default: discovered).
    force : bool
        Rebuild even when inputs, key and package version are unchanged.

    Returns
    -------
    IngestResult
        Rows per table, warnings, and whether the run was skipped.

    Raises
    ------
    ValidationFailed
        When any error was found (all are printed first); nothing is written.
    ConfigError
        When ``studi.yaml`` or a codebook is wrong.
    PrivacyError
        When the pseudonym key is missing or inside the project.

    Examples
    --------
    A tiny study with only a roster:

    >>> import os, tempfile
    >>> from unittest import mock
    >>> from kemuning_eval.paths import ProjectPaths
    >>> tmp = tempfile.TemporaryDirectory()
    >>> paths = ProjectPaths(Path(tmp.name))
    >>> raw = paths.raw(2026)
    >>> raw.mkdir(parents=True)
    >>> _ = (raw / "peserta.csv").write_text(
    ...     "NIP;Nama;Kode\\n19660801 198803 1 001;Budi Santoso;PM-01\\n"
    ...     "19900215 201503 2 015;Siti Aminah;PM-01\\n", encoding="utf-8")
    >>> _ = (raw / "peserta.yaml").write_text(
    ...     "columns:\\n- {raw: NIP, variable: nip, type: nip, pii: nip, required: true}\\n"
    ...     "- {raw: Nama, variable: name, type: text, pii: name}\\n"
    ...     "- {raw: Kode, variable: program_id, type: id}\\n", encoding="utf-8")
    >>> _ = paths.study_config(2026).write_text(
    ...     "study: {year: 2026}\\ninputs:\\n  roster: {file: peserta.csv, codebook: peserta.yaml}\\n",
    ...     encoding="utf-8")
    >>> key = mock.patch.dict(os.environ, {"KEMUNING_EVAL_KEY": "kunci-rahasia-contoh"})
    >>> with key:
    ...     res = ingest_study(2026, paths=paths)
    ...     again = ingest_study(2026, paths=paths)
    >>> res.tables["participants"], res.errors, again.skipped
    (2, 0, True)
    >>> sorted(p.name for p in res.out_dir.iterdir())
    ['data_quality.parquet', 'duplikat-2026.csv', 'items.parquet', 'manifest.json', 'participants.parquet', 'programs.parquet']
    >>> import pandas as pd
    >>> people = pd.read_parquet(res.out_dir / "participants.parquet")
    >>> "nip" in people or "name" in people, bool(people["participant_id"].str.startswith("P").all())
    (False, True)
    >>> tmp.cleanup()
    """
    from kemuning_eval.runlock import year_lock

    cfg, paths = _load(year, paths)
    with year_lock(paths, year, command="ingest"):  # one ingest or report of a year at a time
        return _ingest_locked(year, cfg, paths, force)


def _ingest_locked(year: int, cfg: StudyConfig, paths: Any, force: bool) -> IngestResult:
    """:func:`ingest_study` while holding the year's lock."""
    from kemuning_eval import __version__
    from kemuning_eval.csvsafe import csv_bytes
    from kemuning_eval.ingest.store import publication, readable_dir, write_outputs
    from kemuning_eval.progress import info

    key = _key(cfg, paths)
    out_dir = paths.processed(year)
    publication(out_dir).recover(legacy=out_dir)  # what a killed run left
    fingerprint, hashes = _fingerprint(cfg, key)
    manifest_path = readable_dir(out_dir) / "manifest.json"
    if not force and manifest_path.is_file():
        try:
            old = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            old = {}
        if old.get("fingerprint") == fingerprint:
            info(t("ingest.ingest.unchanged", path=str(out_dir)))
            return IngestResult(year, out_dir, {k: v["rows"] for k, v in old.get("tables", {}).items()},
                                0, 0, skipped=True, manifest=old)
    build = _Build(cfg, key)
    build.run()
    lines = summary_lines(build.problems)
    n_err, n_warn = len(build.errors), len(build.warnings)
    if n_err:
        _print(lines)
        if build.unresolved:
            _print([_conflict_text(build)])
        raise ValidationFailed(t("ingest.ingest.failed", n_errors=n_err, n_warnings=n_warn),
                               build.problems, hint=t("ingest.ingest.failed_hint", year=year))
    _print(lines)  # warnings: always on stderr, also when piped (issue 10 item 8)
    tables = {name: (df, TABLE_IDS[name]) for name, df in build.tables.items()}
    dup_csv = csv_bytes(build.duplicates_report())  # formula-safe: file names and values come from the data
    manifest = {
        "package": "kemuning-eval", "version": __version__, "year": year,
        "fingerprint": fingerprint, "inputs": hashes,
        "duplicates_rule": cfg.duplicates.rule, "nip_mode": cfg.nip.mode,
        "programs_source": "exports" if build.derive else "table",
        "cleaning": build.cleaning,
        "unmatched": dict(sorted(build.unmatched.items())),
        "problems": {"errors": n_err, "warnings": n_warn},
    }

    def manifest_bytes(tables_info: dict) -> bytes:
        manifest["tables"] = tables_info
        manifest["files"] = {f"duplikat-{year}.csv": hashlib.sha256(dup_csv).hexdigest()}
        return (json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")

    written = write_outputs(out_dir, tables, {f"duplikat-{year}.csv": dup_csv,
                                              "manifest.json": manifest_bytes})
    info(t("ingest.ingest.done", path=str(out_dir), n_tables=len(written), n_warnings=n_warn))
    return IngestResult(year, out_dir, {k: v["rows"] for k, v in written.items()}, 0, n_warn,
                        manifest=manifest)


__all__ = ["IngestResult", "validate_study", "ingest_study", "TABLE_IDS", "DataError"]
