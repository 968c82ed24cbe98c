"""Start a study year from the exports a user already has (``kemuning-eval init --year Y``).

:func:`scaffold_year` looks at the files in ``data/raw/<Y>/``, recognises
which instrument each one is (from its file or sheet name, else from its
columns), and writes

- ``codebook/<instrument>.yaml`` per recognised file, made by the codebook
  template (:func:`kemuning_eval.ingest.template.template` and ``render``), with the
  columns whose role is clear renamed to the variables the ingestion expects
  (``nip``, ``program_id``, ``submitted_at``, ``pre``, ``post`` ...);
- a commented ``studi.yaml`` listing only the instruments whose files are
  present, naming the ones that are not and what each would add.

It only adds files: an existing ``studi.yaml`` stops it (nothing is written),
an existing codebook is kept, and no export is ever changed.

Examples
--------
>>> import tempfile
>>> folder = Path(tempfile.mkdtemp()) / "2027"
>>> folder.mkdir()
>>> _ = (folder / "nilai-pretest-posttest.csv").write_text(
...     "NIP;Kode Pelatihan;Nilai Pre-Test;Nilai Post-Test\\n196608011988031001;PM;55,5;80\\n", encoding="utf-8")
>>> result = scaffold_year(2027, folder=folder)
>>> result.inputs, result.codebooks
({'tests': 'nilai-pretest-posttest.csv'}, ['codebook/tests.yaml'])
>>> from kemuning_eval.ingest.codebook import load_codebook
>>> [c.variable for c in load_codebook(folder / "codebook" / "tests.yaml").columns]
['nip', 'program_id', 'pre', 'post']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: instrument -> patterns of file or sheet names (normalised: lower case, separators as spaces)
NAME_PATTERNS: dict[str, tuple[str, ...]] = {
    "facilitator_ratings": (r"(evaluasi|penilaian|survei|rating).*(fasilitator|widyaiswara|pengajar)",
                            r"facilitator rating"),
    "facilitators": (r"^fasilitator$", r"widyaiswara$", r"daftar fasilitator", r"^facilitators?$"),
    "reaction": (r"reaksi", r"kepuasan", r"survei", r"kuesioner", r"umpan balik", r"reaction", r"feedback",
                 r"google form", r"\bform\b"),
    "tests": (r"pre ?test", r"post ?test", r"\bnilai\b", r"\bskor\b", r"\btes\b", r"\bujian\b", r"score", r"\btest"),
    "observations": (r"observasi", r"observation", r"pasca ?pelatihan"),
    "outcomes": (r"kinerja unit", r"outcome", r"realisasi"),
    "interviews": (r"wawancara", r"interview"),
    "jp_records": (r"rekap jp", r"\bjp asn\b", r"jam pelajaran"),
    "benefits": (r"manfaat", r"benefit"),
    "programs": (r"^program", r"kurikulum", r"jadwal pelatihan", r"^programmes?$"),
    "roster": (r"peserta", r"roster", r"daftar hadir", r"presensi"),
}

#: (instrument or "*", pattern on the normalised header, variable) for columns whose role is clear;
#: the first match per variable wins, only variables the ingestion reads are named
ROLES: tuple[tuple[str, str, str], ...] = (
    ("*", r"^(kode (pelatihan|program|diklat))$|^program id$", "program_id"),
    ("*", r"(pelatihan|program|diklat)( yang (diikuti|anda ikuti))?$|^nama (pelatihan|program)", "program_id"),
    ("*", r"stempel waktu|timestamp|cap waktu|waktu pengisian|submitted", "submitted_at"),
    ("tests", r"\bpre ?test\b|\bpre\b|sebelum|awal", "pre"),
    ("tests", r"\bpost ?test\b|\bpost\b|sesudah|akhir", "post"),
    ("roster", r"unit kerja|^unit$|satuan kerja|opd", "unit"),
    ("roster", r"jenis kelamin|gender", "gender"),
    ("roster", r"jabatan|position", "position"),
    ("roster", r"golongan|pangkat", "grade"),
    ("roster", r"kehadiran|presensi|attendance", "attendance"),
    ("programs", r"nama (pelatihan|program)|^nama$", "name"),
    ("programs", r"^jp$|jumlah jp|jam pelajaran", "jp"),
    ("programs", r"kuota|kapasitas|capacity", "capacity"),
    ("programs", r"pendaftar|applicants", "applicants"),
    ("programs", r"biaya|anggaran|cost", "cost"),
    ("programs", r"tanggal mulai|start", "start_date"),
    ("programs", r"tanggal selesai|end", "end_date"),
    ("interviews", r"kutipan|transkrip|jawaban|quote|text", "text"),
    ("interviews", r"peran|role", "role"),
    ("jp_records", r"total jp|jumlah jp|^jp$", "jp_total"),
    ("jp_records", r"unit kerja|^unit$", "unit"),
    ("facilitators", r"peran|role", "role"),
    ("facilitator_ratings", r"nama (fasilitator|widyaiswara|pengajar)|^(fasilitator|widyaiswara)$", "facilitator_name"),
    ("observations", r"penilai|rater|observer", "rater"),
    ("observations", r"gelombang|wave|tahap", "wave"),
    ("observations", r"tanggal|date", "observed_on"),
    ("observations", r"menerapkan|penerapan|applies", "applies"),
    ("observations", r"^indikator (\d+)$|^indicator (\d+)$", r"obs_\1\2"),
    ("outcomes", r"kode kegiatan|activity", "activity_id"),
    ("outcomes", r"periode|period", "period"),
    ("outcomes", r"dipimpin alumni|treated|perlakuan", "treated"),
    ("outcomes", r"pagu|anggaran|planned", "budget_planned"),
    ("outcomes", r"realisasi|realised|realized", "budget_realised"),
    ("outcomes", r"tepat waktu|on time", "on_time"),
    ("outcomes", r"kepuasan layanan|service satisfaction", "service_satisfaction"),
    ("outcomes", r"unit kerja|^unit$", "unit"),
    ("benefits", r"uraian manfaat|^manfaat$|benefit$", "benefit"),
    ("benefits", r"nilai manfaat|annual value", "annual_value"),
    ("benefits", r"atribusi|attribution", "attribution"),
    ("benefits", r"keyakinan|confidence", "confidence"),
)

#: files of a study folder that are never exports
_NOT_EXPORTS = re.compile(r"^(studi\.ya?ml|readme.*|resolusi-duplikat.*|synthetic-truth\.json|\..*)$", re.I)
_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".sav", ".zsav")


@dataclass
class ScaffoldResult:
    """What :func:`scaffold_year` wrote.

    Attributes
    ----------
    folder : Path
        ``data/raw/<year>``.
    inputs : dict
        Instrument -> file (``file[sheet]`` for a workbook sheet) put in ``studi.yaml``.
    codebooks : list of str
        Codebooks written (relative to ``folder``); existing ones are kept, not listed.
    unrecognised : list of str
        Files whose instrument could not be told or that are not readable
        tables (named in ``studi.yaml``).

    Examples
    --------
    >>> ScaffoldResult(Path("data/raw/2027"), inputs={"tests": "nilai.csv"}).unrecognised
    []
    """

    folder: Path
    inputs: dict[str, str] = field(default_factory=dict)
    codebooks: list[str] = field(default_factory=list)
    unrecognised: list[str] = field(default_factory=list)


def _norm(text: str) -> str:
    from kemuning_eval.ingest.labels import normalise_label

    return normalise_label(re.sub(r"[-_.]+", " ", str(text)))


def instrument_from_name(name: str) -> str | None:
    """The instrument a file or sheet name points to (``None`` when unclear).

    Examples
    --------
    >>> instrument_from_name("survei-reaksi-2027.csv"), instrument_from_name("Nilai Pre-Test Post-Test.xlsx")
    ('reaction', 'tests')
    >>> instrument_from_name("evaluasi-fasilitator-2027.csv"), instrument_from_name("Peserta")
    ('facilitator_ratings', 'roster')
    >>> print(instrument_from_name("data.csv"))
    None
    """
    stem = _norm(Path(name).stem if Path(name).suffix.lower() in _SUFFIXES else name)
    stem = re.sub(r"\b(19|20)\d\d\b", " ", stem).strip()
    for instrument, patterns in NAME_PATTERNS.items():
        if any(re.search(p, stem) for p in patterns):
            return instrument
    return None


def instrument_from_columns(columns: list[dict]) -> str | None:
    """The instrument a codebook template's columns point to (``None`` when unclear).

    Examples
    --------
    >>> cols = [{"raw": "NIP", "type": "nip"}, {"raw": "Nilai Pre-Test", "type": "number"},
    ...         {"raw": "Nilai Post-Test", "type": "number"}]
    >>> instrument_from_columns(cols)
    'tests'
    >>> instrument_from_columns([{"raw": "NIP", "type": "nip"}] + [{"raw": f"q{k}", "type": "likert"} for k in range(4)])
    'reaction'
    """
    headers = [_norm(c.get("raw", "")) for c in columns]
    has_nip = any(c.get("type") == "nip" for c in columns)
    if any(re.search(r"\bpre ?test\b|\bpre\b", h) for h in headers) and \
            any(re.search(r"\bpost ?test\b|\bpost\b", h) for h in headers):
        return "tests"
    if any(re.search(r"kutipan|transkrip|quote", h) for h in headers):
        return "interviews"
    if has_nip and sum(c.get("type") == "likert" for c in columns) >= 3:
        return "reaction"
    return None


def _candidates(folder: Path) -> list[tuple[Path, str | None]]:
    """(file, sheet) of every export in ``folder``; each sheet of a workbook with several sheets."""
    out: list[tuple[Path, str | None]] = []
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        if _NOT_EXPORTS.match(path.name) or path.suffix.lower() not in _SUFFIXES:
            continue
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            from openpyxl import load_workbook

            book = load_workbook(path, read_only=True)
            try:
                sheets = list(book.sheetnames)
            finally:
                book.close()
            if len(sheets) > 1:
                out.extend((path, sheet) for sheet in sheets)
                continue
        out.append((path, None))
    return out


#: variables the template itself already gives (never renamed here)
_TEMPLATE_NAMED = {"nip", "name", "email", "phone", "program_id", "program_name", "submitted_at"}


#: variables the ingestion reads as booleans (yes/no, 1/0)
_BOOLEAN = {"applies", "treated", "on_time", "completed"}
_YES = {"ya", "yes", "true", "1", "y", "benar"}
_NO = {"tidak", "no", "false", "0", "t", "n", "salah"}


def _roles(instrument: str, columns: list[dict]) -> dict[str, str]:
    """``{template variable: expected variable}`` for the columns whose role is clear."""
    renames: dict[str, str] = {}
    taken = {c.get("variable") for c in columns}
    if "program_name" in taken:
        taken.add("program_id")  # one programme column: the template chose names
    for c in columns:
        header = _norm(c.get("raw", ""))
        variable = str(c.get("variable") or "")
        if instrument == "programs" and variable == "program_name" and "name" not in taken:
            renames[variable] = "name"  # the programme table's own name column
            continue
        if (instrument == "facilitator_ratings" and c.get("pii") == "name" and "facilitator_name" not in taken
                and re.search(r"fasilitator|widyaiswara|pengajar|facilitator", header)):
            renames[variable] = "facilitator_name"  # the rated facilitator, matched to the facilitator list
            continue
        if c.get("pii") or variable in _TEMPLATE_NAMED or variable.startswith("ikm_") or variable in renames:
            continue
        for where, pattern, target in ROLES:
            if where not in ("*", instrument):
                continue
            if target == "submitted_at" and c.get("type") not in ("datetime", "date", "text"):
                continue
            match = re.search(pattern, header)
            if match:
                name = match.expand(target) if "\\" in target else target
                if name in taken or name in renames.values():
                    continue
                renames[variable] = name
                break
        else:
            if instrument == "facilitator_ratings" and c.get("type") == "likert" and not variable.startswith("fac_"):
                renames[variable] = f"fac_{variable}"[:40]  # rated dimensions are the fac_* columns
    return renames


def apply_roles(instrument: str, columns: list[dict]) -> None:
    """Name the columns of a template mapping whose role is clear (in place); boolean roles get ``type: boolean``.

    Examples
    --------
    >>> cols = [{"raw": "Nilai Pre-Test", "variable": "nilai_pre_test", "type": "number"},
    ...         {"raw": "Menerapkan", "variable": "menerapkan", "type": "category", "values": {"0": "Tidak", "1": "Ya"}}]
    >>> apply_roles("tests", cols); cols[0]["variable"]
    'pre'
    >>> apply_roles("observations", cols); cols[1]["variable"], cols[1]["type"], cols[1]["values"]
    ('applies', 'boolean', {'0': False, '1': True})
    """
    renames = _roles(instrument, columns)
    for c in columns:
        c["variable"] = renames.get(c["variable"], c["variable"])
        if c["variable"] in _BOOLEAN and c.get("type") != "boolean":
            c["type"] = "boolean"
            c.pop("scale", None)
            values = {k: (True if _norm(v) in _YES else False if _norm(v) in _NO else None)
                      for k, v in (c.get("values") or {}).items()}
            if values and None not in values.values():
                c["values"] = values
            else:
                c.pop("values", None)


def scaffold_year(year: int, *, paths: Any = None, folder: str | Path | None = None) -> ScaffoldResult:
    """Write ``studi.yaml`` and a codebook per recognised export of ``data/raw/<year>/``.

    Parameters
    ----------
    year : int
        Study year.
    paths : ProjectPaths, optional
        Project folders (default: discovered); gives ``data/raw/<year>``.
    folder : path, optional
        The year's raw folder (overrides ``paths``).

    Returns
    -------
    ScaffoldResult

    Raises
    ------
    UsageError
        When the folder does not exist, holds no export, or already has a
        ``studi.yaml`` (nothing is written then).
    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "studi.yaml").write_text("study: {year: 2027}", encoding="utf-8")
    >>> scaffold_year(2027, folder=folder)
    Traceback (most recent call last):
    ...
    kemuning_eval.errors.UsageError: ... studi.yaml ...
    """
    from kemuning_eval.errors import DataError, UsageError
    from kemuning_eval.i18n import t
    from kemuning_eval.ingest.readers import read_table
    from kemuning_eval.ingest.template import render, template

    if folder is None:
        from kemuning_eval.paths import ProjectPaths

        folder = (paths or ProjectPaths.discover()).raw(year)
    folder = Path(folder)
    if not folder.is_dir():
        raise UsageError(t("scaffold.error.no_folder", folder=folder), hint=t("scaffold.hint.no_folder", year=year))
    config = folder / "studi.yaml"
    if config.exists():
        raise UsageError(t("scaffold.error.exists", file=config), hint=t("scaffold.hint.exists"))
    candidates = _candidates(folder)
    if not candidates:
        raise UsageError(t("scaffold.error.no_exports", folder=folder), hint=t("scaffold.hint.no_folder", year=year))

    result = ScaffoldResult(folder=folder)
    entries: dict[str, dict[str, Any]] = {}
    for path, sheet in candidates:
        label = f"{path.name}[{sheet}]" if sheet else path.name
        try:
            raw = read_table(path, sheet=sheet)
        except DataError:  # not a table (notes, an empty sheet): named as not recognised, never fatal
            result.unrecognised.append(label)
            continue
        mapping = template(raw, instrument="x")  # the template's guesses (and comments), read once
        columns = mapping["columns"]
        instrument = instrument_from_name(sheet or path.name) or instrument_from_columns(columns)
        if sheet and instrument is None:
            instrument = instrument_from_name(path.name)
        if instrument is None or instrument in entries:
            result.unrecognised.append(label)
            continue
        rel = f"codebook/{instrument}.yaml"
        target = folder / rel
        if not target.exists():
            mapping["instrument"] = instrument
            apply_roles(instrument, mapping["columns"])
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(render(mapping, t("ingest.template.head", file=path.name) + "\n"), encoding="utf-8")
            result.codebooks.append(rel)
        entry: dict[str, Any] = {"file": path.name}
        if sheet:
            entry["sheet"] = sheet
        if raw.header_row and raw.header_row != 1:
            entry["header_row"] = int(raw.header_row)
        entry["codebook"] = rel
        entries[instrument] = entry
        result.inputs[instrument] = label
    config.write_text(study_text(year, entries, result.unrecognised), encoding="utf-8")
    return result


def study_text(year: int, entries: dict[str, dict[str, Any]], unrecognised: list[str]) -> str:
    """The commented ``studi.yaml`` of a new study with the instruments ``entries`` (in canonical order).

    Parameters
    ----------
    year : int
        Study year.
    entries : dict
        Instrument -> ``{file, sheet?, header_row?, codebook}``.
    unrecognised : list of str
        Exports named in a comment.

    Returns
    -------
    str

    Examples
    --------
    >>> import yaml
    >>> text = study_text(2027, {"tests": {"file": "nilai.csv", "codebook": "codebook/tests.yaml"}}, [])
    >>> yaml.safe_load(text)["inputs"]
    {'tests': {'file': 'nilai.csv', 'codebook': 'codebook/tests.yaml'}}
    >>> "#   reaction: reaction survey" in text or "#   reaction: survei reaksi" in text
    True
    """
    import yaml

    from kemuning_eval.i18n import t
    from kemuning_eval.report.results.availability import INSTRUMENTS

    def flow(entry: dict) -> str:
        return yaml.safe_dump(entry, default_flow_style=True, allow_unicode=True, sort_keys=False,
                              width=1000).strip()

    lines = [f"# {t('scaffold.yaml.head', year=year)}", f"# {t('scaffold.yaml.next', year=year)}", "",
             "study:", f"  year: {int(year)}",
             f'  region: ""                # {t("scaffold.yaml.region")}',
             f'  agency: ""                # {t("scaffold.yaml.agency")}',
             "  synthetic: false",
             f"  # population_asn: 4200    # {t('scaffold.yaml.population')}",
             f"  # previous_year: {int(year) - 1}     # {t('scaffold.yaml.previous')}",
             "", f"# {t('scaffold.yaml.inputs')}", "inputs:"]
    order = [k for k in INSTRUMENTS if k in entries]
    for key in order:
        lines.append(f"  {key}: {flow(entries[key])}   # {t(f'scaffold.enables.{key}')}")
    missing = [k for k in INSTRUMENTS if k not in entries and k != "costs"]
    if missing:
        lines += ["", f"# {t('scaffold.yaml.missing')}"]
        lines += [f"#   {k}: {t(f'scaffold.enables.{k}')}" for k in missing]
    if unrecognised:
        lines += ["", f"# {t('scaffold.yaml.unrecognised', files=', '.join(unrecognised))}"]
    lines += ["", "report:", "  lang: id", f'  # date: "{int(year)}-12-15"   # {t("scaffold.yaml.date")}', ""]
    return "\n".join(lines)
