"""Write one synthetic study year: raw exports, codebooks, ``studi.yaml``, truth.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> out = write_study(Path(tempfile.mkdtemp()) / "2026", year=2026, participants=60, seed=1)
>>> sorted(p.name for p in out.iterdir())[:4]
['README-SINTETIS.txt', 'codebook', 'data-penyelenggaraan-2026.xlsx', 'evaluasi-fasilitator-2026.csv']
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import yaml

from kemuning_eval.errors import check_arg

#: above this many participants the workbook sheets are written as CSV files
XLSX_LIMIT = 50_000
MIN_PARTICIPANTS = 20


def _dump_yaml(path: Path, data: dict, header: str) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100,
                          default_flow_style=None)
    path.write_text(header + text, encoding="utf-8")


def write_study(out: Path, *, year: int, participants: int = 600, seed: int,
                interviews: int = 40) -> Path:
    """Generate a clearly labelled synthetic study for ``year`` into folder ``out``.

    Parameters
    ----------
    out : Path
        The study folder (created; existing generated files are overwritten).
    year : int
        Study year (2000-2100); outcomes cover ``year-1`` and ``year``.
    participants : int
        Participants of all programmes together (at least 20).
    seed : int
        Seed of :func:`numpy.random.default_rng`; same seed, same bytes.
    interviews : int
        Number of interview excerpts.

    Returns
    -------
    Path
        ``out``.

    Raises
    ------
    UsageError
        If ``year``, ``participants``, ``seed`` or ``interviews`` is out of
        range (checked before anything is written).

    Examples
    --------
    A whole study takes about a second (see the module example); a bad
    argument is refused before any file is written:

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp()) / "2026"
    >>> write_study(folder, year=2026, participants=10, seed=1)
    Traceback (most recent call last):
    ...
    kemuning_eval.errors.UsageError: argument 'participants' must be an integer of at least 20, got 10
    >>> write_study(folder, year=1999, seed=1)
    Traceback (most recent call last):
    ...
    kemuning_eval.errors.UsageError: argument 'year' must be a year between 2000 and 2100, got 1999
    >>> folder.exists()
    False
    """
    from kemuning_eval.i18n import t
    from kemuning_eval.progress import info
    from kemuning_eval.synth import population as popm
    from kemuning_eval.synth.codebooks import codebooks, study_config
    from kemuning_eval.synth.records import observation_table, outcome_table, score_table
    from kemuning_eval.synth.survey import facilitator_form, reaction_table
    from kemuning_eval.synth.texts import interview_table, theme_codebook
    from kemuning_eval.synth.truth import study_model, true_effects
    from kemuning_eval.synth.writers import write_csv, write_sav, write_xlsx

    check_arg(isinstance(year, int) and 2000 <= year <= 2100, "year", year,
              "a year between 2000 and 2100")
    check_arg(isinstance(participants, int) and participants >= MIN_PARTICIPANTS,
              "participants", participants, f"an integer of at least {MIN_PARTICIPANTS}")
    check_arg(isinstance(seed, int) and seed >= 0, "seed", seed, "a non-negative integer")
    check_arg(isinstance(interviews, int) and interviews >= 1, "interviews", interviews,
              "a positive integer")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "codebook").mkdir(exist_ok=True)
    when = (year, 12, 1)
    ss = np.random.SeedSequence([seed, year])
    rngs = [np.random.default_rng(s) for s in ss.spawn(9)]
    sm = study_model(year)

    pop = popm.make_population(rngs[0], sm, participants=participants)
    roster = popm.roster_table(rngs[1], pop)
    programs = popm.program_table(sm, pop)
    facilitators = popm.facilitator_table(rngs[2], sm)
    benefits = popm.benefit_table(sm, pop)
    files: dict[str, dict] = {}

    book = f"data-penyelenggaraan-{year}"
    sheets = {"Peserta": (roster, [f"DAFTAR PESERTA PELATIHAN TAHUN {year}",
                                   "BPSDM Kabupaten Kemuning - DATA SINTETIS (bukan orang sungguhan)"]),
              "Program": (programs, []),
              "Fasilitator": (facilitators.drop(columns="slot"), []),
              "Manfaat": (benefits, [])}
    keys = {"Peserta": "roster", "Program": "programs", "Fasilitator": "facilitators",
            "Manfaat": "benefits"}
    if participants <= XLSX_LIMIT:
        info(t("synth.progress.workbook", year=year, file=f"{book}.xlsx"))
        write_xlsx(out / f"{book}.xlsx", sheets, when=when,
                   title=f"DATA SINTETIS kemuning-eval {year}")
        for sheet, (_, titles) in sheets.items():
            files[keys[sheet]] = {"file": f"{book}.xlsx", "sheet": sheet,
                                  "header_row": len(titles) + 2 if titles else 1}
    else:
        for sheet, (df, _) in sheets.items():
            name = f"{book}-{sheet.lower()}.csv"
            write_csv(out / name, df.assign(**{c: df[c].dt.strftime("%Y-%m-%d")
                                               for c in df.columns
                                               if str(df[c].dtype).startswith("datetime")}))
            files[keys[sheet]] = {"file": name, "sep": ",", "encoding": "utf-8"}

    info(t("synth.progress.surveys", year=year))
    name = f"survei-reaksi-{year}.csv"
    write_csv(out / name, reaction_table(rngs[3], sm, roster))
    files["reaction"] = {"file": name, "sep": ",", "encoding": "utf-8"}
    name = f"evaluasi-fasilitator-{year}.csv"
    write_csv(out / name, facilitator_form(rngs[4], sm, roster, facilitators))
    files["facilitator_ratings"] = {"file": name, "sep": ",", "encoding": "utf-8"}

    info(t("synth.progress.records", year=year))
    name = f"nilai-pretest-posttest-{year}.csv"
    write_csv(out / name, score_table(rngs[5], sm, roster), sep=";", decimal=",",
              encoding="cp1252", quote_text=False, decimals=1)
    files["tests"] = {"file": name, "sep": ";", "decimal": ",", "encoding": "cp1252"}
    name = f"observasi-kinerja-{year}.sav"
    _write_observations(out / name, observation_table(rngs[6], sm, roster), when, write_sav)
    files["observations"] = {"file": name}
    name = f"kinerja-unit-{year}.csv"
    write_csv(out / name, outcome_table(rngs[7], sm), quote_text=False)
    files["outcomes"] = {"file": name, "sep": ",", "encoding": "utf-8"}
    name = f"wawancara-{year}.csv"
    write_csv(out / name, interview_table(rngs[8], sm, n=interviews))
    files["interviews"] = {"file": name, "sep": ",", "encoding": "utf-8"}
    name = f"rekap-jp-asn-{year}.csv"
    write_csv(out / name, popm.jp_table(pop), quote_text=False)
    files["jp_records"] = {"file": name, "sep": ",", "encoding": "utf-8"}

    header = f"# DATA SINTETIS / SYNTHETIC DATA - kemuning-eval synth --year {year} --seed {seed}\n"
    for stem, cb in codebooks(names={p.code: p.name for p in sm.programs}).items():
        _dump_yaml(out / "codebook" / f"{stem}.yaml", cb, header)
    _dump_yaml(out / "codebook" / "tema.yaml", theme_codebook(), header)
    order = ("roster", "programs", "facilitators", "benefits", "reaction",
             "facilitator_ratings", "tests", "observations", "outcomes", "interviews",
             "jp_records")
    cfg = study_config(year=year, population=len(pop["nip"]),
                       files={k: files[k] for k in order})
    _dump_yaml(out / "studi.yaml", cfg, header)
    truth = true_effects(year)
    truth["generator"] = {"seed": seed, "participants": participants,
                          "population_asn": len(pop["nip"])}
    (out / "synthetic-truth.json").write_text(
        json.dumps(truth, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    (out / "README-SINTETIS.txt").write_text(
        "DATA SINTETIS - bukan data orang sungguhan.\n"
        "SYNTHETIC DATA - no real persons. Names, NIPs, phone numbers and e-mails are invented.\n"
        f"Generated by: kemuning-eval synth --year {year} --participants {participants} "
        f"--seed {seed}\nTrue effects: synthetic-truth.json; model: docs/synthetic-data.md\n",
        encoding="utf-8")
    info(t("synth.done", year=year, path=out, participants=participants, seed=seed))
    return out


def _write_observations(path: Path, df, when: tuple[int, int, int], write_sav) -> None:
    from kemuning_eval.synth.questions import OBS_INDICATORS, OBS_LABELS

    labels = {"Penilai": {1: "Atasan langsung", 2: "Rekan kerja", 3: "Diri sendiri"},
              "Gelombang": {1: "Baseline", 2: "Tindak lanjut"},
              "Menerapkan": {0: "Tidak", 1: "Ya"}}
    labels.update({raw: dict(OBS_LABELS) for raw, _, _ in OBS_INDICATORS})
    col_labels = {"NIP": "NIP pegawai yang diobservasi", "Kode_Pelatihan": "Kode pelatihan",
                  "Penilai": "Penilai", "Gelombang": "Gelombang observasi",
                  "Tanggal": "Tanggal observasi", "Menerapkan": "Menerapkan hasil pelatihan"}
    col_labels.update({raw: label for raw, _, label in OBS_INDICATORS})
    write_sav(path, df, when=when, file_label="DATA SINTETIS observasi kinerja", row_compress=True,
              column_labels=col_labels, variable_value_labels=labels)
