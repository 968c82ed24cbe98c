"""Statistics II recovers the true effects of the bundled synthetic study.

The study is the bundled ``data/raw/2026`` (or, outside a checkout, the same
study generated with ``kemuning_eval.synth.study.write_study``, seed 2026).
Every check runs twice, on tables in the contract layout of
``docs/architecture.md`` built two ways:

- ``raw``: the exports read directly with pandas / pyreadstat (columns mapped
  as the codebooks map them), independent of the ingestion pipeline;
- ``processed``: the tables written by ``kemuning_eval.ingest.ingest_study``
  (run on a temporary copy with a test key), i.e. what the report uses.

The truth is ``synthetic-truth.json`` (``kemuning_eval.synth.truth``).  Every
family of interval checks uses a Bonferroni-adjusted level (0.95 overall per
family); the seed is fixed, so the outcome is deterministic.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kemuning_eval.stats.behavior import behavior_change, share_applying
from kemuning_eval.stats.cost import cost_summary, demand_coverage, jp_coverage
from kemuning_eval.stats.did import did_effect
from kemuning_eval.stats.qualitative import code_suggestions, code_text, theme_frequencies
from kemuning_eval.stats.roi import roi_by_program

YEAR = 2026


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    from kemuning_eval.synth.study import write_study

    bundled = Path(__file__).resolve().parents[2] / "data" / "raw" / str(YEAR)
    if (bundled / "synthetic-truth.json").is_file():
        folder = bundled  # the bundled study (kemuning-eval synth --year 2026 --seed 2026)
    else:
        folder = write_study(tmp_path_factory.mktemp("synth") / str(YEAR), year=YEAR, seed=2026)
    truth = json.loads((folder / "synthetic-truth.json").read_text(encoding="utf-8"))
    return folder, truth


def raw_tables(folder: Path, truth: dict) -> dict[str, pd.DataFrame]:
    """The raw exports mapped to the processed-table layout (no ingestion pipeline)."""
    import pyreadstat

    out = pd.read_csv(folder / f"kinerja-unit-{YEAR}.csv")
    periods = sorted(out["Periode"].unique())
    outcomes = pd.DataFrame({
        "unit": out["Unit Kerja"], "activity_id": out["Kode Kegiatan"], "period": out["Periode"],
        "period_index": out["Periode"].map({p: i for i, p in enumerate(periods)}),
        "post": out["Periode"] == periods[-1], "treated": out["Dipimpin Alumni"] == "Ya",
        "program_id": out["Kode Pelatihan"], "budget_ratio": out["Realisasi (Rp)"] / out["Pagu (Rp)"],
        "on_time": out["Tepat Waktu"] == "Ya", "service_satisfaction": out["Indeks Kepuasan Layanan"]})
    sav, _ = pyreadstat.read_sav(str(folder / f"observasi-kinerja-{YEAR}.sav"))
    observations = pd.DataFrame({
        "participant_id": sav["NIP"], "program_id": sav["Kode_Pelatihan"],
        "rater": sav["Penilai"].map({1: "supervisor", 2: "peer", 3: "self"}),
        "wave": sav["Gelombang"].map({1: "baseline", 2: "followup"}),
        "applies": sav["Menerapkan"].map({1.0: True, 0.0: False})})
    for j in range(1, 5):
        observations[f"obs_{j}"] = sav[f"Indikator_{j}"]
    book = folder / f"data-penyelenggaraan-{YEAR}.xlsx"
    prog = pd.read_excel(book, sheet_name="Program")
    enrolled = pd.read_excel(book, sheet_name="Peserta", header=3)["Kode Pelatihan"].value_counts()
    programs = pd.DataFrame({"program_id": prog["Kode Pelatihan"], "cost": prog["Biaya (Rp)"].astype(float),
                             "jp": prog["JP"], "capacity": prog["Kuota"], "applicants": prog["Jumlah Pendaftar"],
                             "participants": prog["Kode Pelatihan"].map(enrolled).fillna(0).astype(int)})
    ben = pd.read_excel(book, sheet_name="Manfaat")
    benefits = pd.DataFrame({"program_id": ben["Kode Pelatihan"], "benefit": ben["Uraian Manfaat"],
                             "annual_value": ben["Nilai Manfaat per Tahun (Rp)"].astype(float),
                             "attribution": ben["Atribusi (%)"] / 100, "confidence": ben["Keyakinan (%)"] / 100})
    jp = pd.read_csv(folder / f"rekap-jp-asn-{YEAR}.csv")
    jp_records = pd.DataFrame({"person_id": np.arange(len(jp)), "unit": jp["Unit Kerja"], "jp_total": jp["Total JP"]})
    react = pd.read_csv(folder / f"survei-reaksi-{YEAR}.csv")
    names = {p["name"]: code for code, p in truth["programs"].items()}
    reaction = pd.DataFrame({"response_id": np.arange(len(react)),
                             "program_id": react["Pelatihan yang diikuti"].map(names),
                             "suggestion": react["Saran dan masukan"]})
    wawancara = pd.read_csv(folder / f"wawancara-{YEAR}.csv")
    interviews = pd.DataFrame({"excerpt_id": wawancara["No"], "role": wawancara["Peran"],
                               "program_id": wawancara["Kode Pelatihan"], "text": wawancara["Kutipan"],
                               "themes": wawancara["Kode Tema"]})
    return {"outcomes": outcomes, "observations": observations, "programs": programs, "benefits": benefits,
            "jp_records": jp_records, "reaction": reaction, "interviews": interviews}


def processed_tables(folder: Path, root: Path) -> dict[str, pd.DataFrame]:
    """Ingest a copy of the study with a test key and load the processed tables."""
    from kemuning_eval.ingest.pipeline import ingest_study
    from kemuning_eval.ingest.store import load_tables
    from kemuning_eval.paths import ProjectPaths

    shutil.copytree(folder, root / "data" / "raw" / str(YEAR))
    (root / "notebooks").mkdir()
    (root / "data" / "processed").mkdir()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KEMUNING_EVAL_KEY", "stats2-test-key-not-secret-0123456789")
        ingest_study(YEAR, paths=ProjectPaths(root))
    return load_tables(root / "data" / "processed" / str(YEAR))


@pytest.fixture(scope="module", params=["raw", "processed"])
def tables(request, study, tmp_path_factory):
    folder, truth = study
    if request.param == "raw":
        return raw_tables(folder, truth)
    return processed_tables(folder, tmp_path_factory.mktemp("project"))


def test_did_recovers_true_programme_effects(study, tables):
    _, truth = study
    res = did_effect(tables["outcomes"], program="program_id", level=1 - 0.05 / 6)
    assert set(res["program_id"]) == {"PM", "PKD"}
    for _, row in res.iterrows():
        true = truth["programs"][row["program_id"]]["outcomes"][f"did_{row['outcome']}"]
        assert row["ci_low"] <= true <= row["ci_high"], (row["program_id"], row["outcome"], true)
    # the headline effect: project-management alumni spend budgets more efficiently
    pm = res.set_index(["program_id", "outcome"]).loc[("PM", "budget_ratio")]
    assert pm["ci_high"] < 0
    assert res["n_pre_periods"].eq(3).all() and res["pretrend_p_val"].notna().all()


def test_behaviour_change_recovers_truth(study, tables):
    _, truth = study
    res = behavior_change(tables["observations"], indicators=["obs_1", "obs_2", "obs_3", "obs_4"],
                          level=1 - 0.05 / 15)
    res = res[res["indicator"] == "obs_mean"]
    assert len(res) == 15 and not res["suppressed"].any()
    for _, row in res.iterrows():
        true = truth["programs"][row["program_id"]]["behaviour"][row["rater"]]["change"]
        assert row["ci_low"] <= true <= row["ci_high"], (row["program_id"], row["rater"], true)


def test_share_applying_recovers_truth(study, tables):
    _, truth = study
    res = share_applying(tables["observations"], level=1 - 0.05 / 5)
    assert len(res) == 5
    for _, row in res.iterrows():
        true = truth["programs"][row["program_id"]]["share_applying"]
        assert row["ci_low"] <= true <= row["ci_high"], (row["program_id"], true)


def test_costs_and_roi_recover_the_generator_parameters(tables):
    from kemuning_eval.synth.truth import study_model

    model = {pm.code: pm for pm in study_model(YEAR).programs}
    costs = cost_summary(tables["programs"], total=False).set_index("program_id")
    demand = demand_coverage(tables["programs"], total=False).set_index("program_id")
    roi = roi_by_program(tables["benefits"], tables["programs"], total=False).set_index("program_id")
    for code, pm in model.items():
        assert costs.loc[code, "cost_per_participant"] == pytest.approx(pm.cost_per_participant)
        assert demand.loc[code, "applicants_per_seat"] == pytest.approx(pm.applicant_ratio, abs=0.01)
        # benefits are per participant: BCR = sum(value x attribution x confidence) / cost per participant
        bcr = sum(v * a * c for _, v, a, c in pm.benefits) / pm.cost_per_participant
        assert roi.loc[code, "bcr"] == pytest.approx(bcr)


def test_jp_coverage_matches_expected_share(tables):
    from kemuning_eval.synth.truth import expected_jp_share

    jp = tables["jp_records"]
    res = jp_coverage(jp).iloc[0]
    p = expected_jp_share(YEAR, int(tables["programs"]["participants"].sum()), len(jp))
    assert abs(res["estimate"] - p) < 4 * np.sqrt(p * (1 - p) / len(jp))


def test_keyword_coding_finds_every_interviewer_code(study, tables):
    """The codebook's keywords recover every theme the interviewer coded (recall 1)."""
    folder, _ = study
    data = tables["interviews"]
    coded = code_text(data["text"], folder / "codebook" / "tema.yaml")
    missed = [(given, found) for given, found in zip(data["themes"], coded, strict=True)
              if set(given.split(";")) - set(found.split(";"))]
    assert not missed


def test_suggestions_are_coded_and_broken_down(study, tables):
    folder, truth = study
    reaction = tables["reaction"]
    coded = code_suggestions(reaction, folder / "codebook" / "tema.yaml")
    assert len(coded) == int(reaction["suggestion"].fillna("").str.strip().ne("").sum())
    freq = theme_frequencies(coded, by="program_id", codebook=folder / "codebook" / "tema.yaml")
    usang = freq[freq["theme"] == "materi_usang"].set_index("program_id")
    # the generator writes outdated-material remarks in proportion to p_theme_materi_usang:
    # the two programmes with the highest probability (LD, PKD) show the highest shares
    top = sorted(truth["programs"], key=lambda c: truth["programs"][c]["p_theme_materi_usang"])[-2:]
    assert set(usang["share"].nlargest(2).index) == set(top)
