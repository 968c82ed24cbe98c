"""The ingestion pipeline: raw exports -> validated, de-duplicated, linked, pseudonymised tables.

Public entry points (used by the command line):

- :func:`validate_study` -- read and check everything, report every problem,
  return the exit code (1 = the data cannot be used); writes nothing to
  ``data/processed``.
- :func:`ingest_study` -- the same checks, then the tidy tables of
  ``docs/architecture.md`` written atomically to ``data/processed/<year>``
  with ``manifest.json``, ``data_quality.parquet`` and ``duplikat-<year>.csv``.

Both read the inputs into a :class:`~kemuning_eval.ingest.builders.state.RunState`
and call :func:`build_tables`, which runs one builder per table of
:mod:`kemuning_eval.ingest.builders` in dependency order, handing each the tables
it needs.  Within a builder: codebook types -> NIP checks -> pseudonyms ->
duplicates (rule or resolution file) -> link to the roster -> scrub free text
-> the contract's columns (no PII) -> quality measures.  Everything works on
whole columns; label matching and HMACs run once per unique value.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kemuning_eval.config import StudyConfig, default_study
from kemuning_eval.errors import DataError, ValidationFailed
from kemuning_eval.i18n import t
from kemuning_eval.ingest import duplicates as dupmod
from kemuning_eval.ingest.builders.benefits import build_benefits
from kemuning_eval.ingest.builders.facilitators import build_facilitators
from kemuning_eval.ingest.builders.interviews import build_interviews
from kemuning_eval.ingest.builders.items import build_items
from kemuning_eval.ingest.builders.jp import build_jp_records
from kemuning_eval.ingest.builders.observations import build_observations
from kemuning_eval.ingest.builders.outcomes import build_outcomes
from kemuning_eval.ingest.builders.privacy import check_no_pii
from kemuning_eval.ingest.builders.programs import build_derived_programs, build_programs
from kemuning_eval.ingest.builders.read import read_inputs
from kemuning_eval.ingest.builders.repeats import duplicates_report
from kemuning_eval.ingest.builders.roster import build_roster
from kemuning_eval.ingest.builders.scores import build_tests
from kemuning_eval.ingest.builders.state import RunState
from kemuning_eval.ingest.builders.surveys import build_facilitator_ratings, build_reaction
from kemuning_eval.ingest.quality import problems_frame, summary_lines

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


def build_tables(state: RunState) -> dict[str, Any]:
    """Run every builder in dependency order; return the tables by name, ``data_quality`` last.

    Each builder gets the tables it depends on as arguments; one that finds
    no usable input returns None and its table is left out.  The programmes
    seen only in the exports (no programme table) are written after every
    other table has named its own.

    Raises
    ------
    PrivacyError
        When a raw PII value reached a table.

    Examples
    --------
    >>> import pandas as pd
    >>> from kemuning_eval.ingest.builders.examples import NIP_COLUMN, state_from_frames
    >>> state = state_from_frames({"roster": (pd.DataFrame({"NIP": ["19660801 198803 1 001"],
    ...                                                      "Program": ["Analisis Data"]}), [
    ...     NIP_COLUMN,
    ...     {"raw": "Program", "variable": "program_id", "type": "id"}])})
    >>> tables = build_tables(state)
    >>> list(tables), tables["programs"]["program_id"].tolist()
    (['participants', 'programs', 'items', 'data_quality'], ['ANALISIS-DATA'])
    """
    from kemuning_eval.scrub import Scrubber

    scrubber = Scrubber(state.names)
    tables: dict[str, Any] = {}

    def add(name: str, table: Any) -> None:
        if table is not None:
            tables[name] = table

    roster = _step(state, "roster", build_roster, state)
    add("participants", roster.table)
    programs = _step(state, "programs", build_programs, state, roster)
    add("programs", programs.table)
    facilitators = _step(state, "facilitators", build_facilitators, state, roster, programs)
    add("facilitators", facilitators.table)
    add("reaction", _step(state, "reaction", build_reaction, state, roster, programs, scrubber))
    add("facilitator_ratings", _step(state, "facilitator_ratings", build_facilitator_ratings,
                                     state, roster, programs, facilitators, scrubber))
    add("tests", _step(state, "tests", build_tests, state, roster, programs))
    add("observations", _step(state, "observations", build_observations, state, roster, programs))
    add("outcomes", _step(state, "outcomes", build_outcomes, state, roster, programs))
    add("interviews", _step(state, "interviews", build_interviews, state, roster, programs, scrubber))
    add("benefits", _step(state, "benefits", build_benefits, state, roster, programs))
    add("jp_records", _step(state, "jp_records", build_jp_records, state))
    add("programs", _step(state, "programs", build_derived_programs, state, roster, programs, tables))
    add("items", _step(state, "items", build_items, state))
    tables["data_quality"] = problems_frame(state.problems)
    check_no_pii(tables, state.pii_values)
    return tables


def _step(state: RunState, key: str, builder: Any, *args: Any) -> Any:
    """Run one builder with its file noted, so an unexpected failure names it."""
    from kemuning_eval.context import processing

    inp = state.inputs.get(key)
    with processing(file=inp.file if inp is not None else None, step=key):
        return builder(*args)


def _run(cfg: StudyConfig, key: bytes) -> tuple[RunState, dict[str, Any]]:
    """Read the study's inputs and build every table."""
    state = RunState(cfg, key)
    read_inputs(state)
    return state, build_tables(state)


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


def _conflict_text(state: RunState) -> str:
    parts = []
    for file, groups in state.unresolved:
        parts.append(dupmod.resolution_template(groups, file))
    body = "\n".join(parts)
    return t("ingest.pipe.resolution_text", file=state.cfg.duplicates.resolution_file, lines=body)


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
    state, _ = _run(cfg, _key(cfg, paths))
    _print(summary_lines(state.problems))
    if state.unresolved:
        _print([_conflict_text(state)])
    n_err, n_warn = len(state.errors), len(state.warnings)
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
    state, built = _run(cfg, key)
    lines = summary_lines(state.problems)
    n_err, n_warn = len(state.errors), len(state.warnings)
    if n_err:
        _print(lines)
        if state.unresolved:
            _print([_conflict_text(state)])
        raise ValidationFailed(t("ingest.ingest.failed", n_errors=n_err, n_warnings=n_warn),
                               state.problems, hint=t("ingest.ingest.failed_hint", year=year))
    _print(lines)  # warnings: always on stderr, also when piped (issue 10 item 8)
    tables = {name: (df, TABLE_IDS[name]) for name, df in built.items()}
    dup_csv = csv_bytes(duplicates_report(state))  # formula-safe: file names and values come from the data
    manifest = {
        "package": "kemuning-eval", "version": __version__, "year": year,
        "fingerprint": fingerprint, "inputs": hashes,
        "duplicates_rule": cfg.duplicates.rule, "nip_mode": cfg.nip.mode,
        "programs_source": "exports" if state.derives_programs else "table",
        "cleaning": state.cleaning,
        "unmatched": dict(sorted(state.unmatched.items())),
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
