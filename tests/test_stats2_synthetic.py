"""Statistics II recovers the true effects of the bundled synthetic study.

The study is the bundled ``data/raw/2026`` (or, outside a checkout, the same
study generated with ``kemuning_eval.synth.study.write_study``, seed 2026);
its raw exports are read directly with pandas / pyreadstat (the columns
mapped as the codebooks map them), so these tests do not depend on the
ingestion pipeline.  The truth is ``synthetic-truth.json`` written next to the
exports (``kemuning_eval.synth.truth.true_effects``).  Every family of checks
uses a Bonferroni-adjusted confidence level (0.95 overall per family), so a
correct estimator fails a family with probability at most 5 %; the seed is
fixed, so the outcome is deterministic.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kemuning_eval.stats.behavior import behavior_change, share_applying
from kemuning_eval.stats.cost import cost_summary, demand_coverage, jp_coverage
from kemuning_eval.stats.did import did_effect
from kemuning_eval.stats.qualitative import code_suggestions, theme_frequencies
from kemuning_eval.stats.roi import roi_by_program

YEAR = 2026


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    from kemuning_eval.synth.study import write_study

    bundled = Path(__file__).resolve().parents[1] / "data" / "raw" / str(YEAR)
    if (bundled / "synthetic-truth.json").is_file():
        folder = bundled  # the bundled study (kemuning-eval synth --year 2026 --seed 2026)
    else:
        folder = write_study(tmp_path_factory.mktemp("synth") / str(YEAR), year=YEAR, seed=2026)
    truth = json.loads((folder / "synthetic-truth.json").read_text(encoding="utf-8"))
    return folder, truth


def read_outcomes(folder) -> pd.DataFrame:
    raw = pd.read_csv(folder / f"kinerja-unit-{YEAR}.csv")
    periods = sorted(raw["Periode"].unique())
    return pd.DataFrame({
        "unit": raw["Unit Kerja"], "activity_id": raw["Kode Kegiatan"], "period": raw["Periode"],
        "period_index": raw["Periode"].map({p: i for i, p in enumerate(periods)}),
        "post": raw["Periode"] == periods[-1], "treated": raw["Dipimpin Alumni"] == "Ya",
        "program_id": raw["Kode Pelatihan"],
        "budget_ratio": raw["Realisasi (Rp)"] / raw["Pagu (Rp)"],
        "on_time": raw["Tepat Waktu"] == "Ya", "service_satisfaction": raw["Indeks Kepuasan Layanan"]})


def read_observations(folder) -> pd.DataFrame:
    import pyreadstat

    raw, _ = pyreadstat.read_sav(str(folder / f"observasi-kinerja-{YEAR}.sav"))
    out = pd.DataFrame({
        "participant_id": raw["NIP"], "program_id": raw["Kode_Pelatihan"],
        "rater": raw["Penilai"].map({1: "supervisor", 2: "peer", 3: "self"}),
        "wave": raw["Gelombang"].map({1: "baseline", 2: "followup"}),
        "applies": raw["Menerapkan"].map({1.0: True, 0.0: False})})
    for j in range(1, 5):
        out[f"obs_{j}"] = raw[f"Indikator_{j}"]
    return out


def read_programs(folder) -> pd.DataFrame:
    raw = pd.read_excel(folder / f"data-penyelenggaraan-{YEAR}.xlsx", sheet_name="Program")
    roster = pd.read_excel(folder / f"data-penyelenggaraan-{YEAR}.xlsx", sheet_name="Peserta", header=3)
    enrolled = roster["Kode Pelatihan"].value_counts()
    return pd.DataFrame({"program_id": raw["Kode Pelatihan"], "cost": raw["Biaya (Rp)"].astype(float),
                         "jp": raw["JP"], "capacity": raw["Kuota"], "applicants": raw["Jumlah Pendaftar"],
                         "participants": raw["Kode Pelatihan"].map(enrolled).fillna(0).astype(int)})


def test_did_recovers_true_programme_effects(study):
    folder, truth = study
    res = did_effect(read_outcomes(folder), program="program_id", level=1 - 0.05 / 6)
    assert set(res["program_id"]) == {"PM", "PKD"}
    for _, row in res.iterrows():
        true = truth["programs"][row["program_id"]]["outcomes"][f"did_{row['outcome']}"]
        assert row["ci_low"] <= true <= row["ci_high"], (row["program_id"], row["outcome"], true)
    # the headline effect: project-management alumni spend budgets more efficiently
    pm = res.set_index(["program_id", "outcome"]).loc[("PM", "budget_ratio")]
    assert pm["ci_high"] < 0
    assert res["n_pre_periods"].eq(3).all() and res["pretrend_p_val"].notna().all()


def test_behaviour_change_recovers_truth(study):
    folder, truth = study
    obs = read_observations(folder)
    res = behavior_change(obs, indicators=["obs_1", "obs_2", "obs_3", "obs_4"], level=1 - 0.05 / 15)
    res = res[res["indicator"] == "obs_mean"]
    assert len(res) == 15 and not res["suppressed"].any()
    for _, row in res.iterrows():
        true = truth["programs"][row["program_id"]]["behaviour"][row["rater"]]["change"]
        assert row["ci_low"] <= true <= row["ci_high"], (row["program_id"], row["rater"], true)


def test_share_applying_recovers_truth(study):
    folder, truth = study
    res = share_applying(read_observations(folder), level=1 - 0.05 / 5)
    assert len(res) == 5
    for _, row in res.iterrows():
        true = truth["programs"][row["program_id"]]["share_applying"]
        assert row["ci_low"] <= true <= row["ci_high"], (row["program_id"], true)


def test_costs_and_roi_recover_the_generator_parameters(study):
    from kemuning_eval.synth.truth import study_model

    folder, _ = study
    programs = read_programs(folder)
    model = {pm.code: pm for pm in study_model(YEAR).programs}
    costs = cost_summary(programs, total=False).set_index("program_id")
    demand = demand_coverage(programs, total=False).set_index("program_id")
    raw = pd.read_excel(folder / f"data-penyelenggaraan-{YEAR}.xlsx", sheet_name="Manfaat")
    benefits = pd.DataFrame({"program_id": raw["Kode Pelatihan"], "benefit": raw["Uraian Manfaat"],
                             "annual_value": raw["Nilai Manfaat per Tahun (Rp)"].astype(float),
                             "attribution": raw["Atribusi (%)"] / 100, "confidence": raw["Keyakinan (%)"] / 100})
    roi = roi_by_program(benefits, programs, total=False).set_index("program_id")
    for code, pm in model.items():
        assert costs.loc[code, "cost_per_participant"] == pytest.approx(pm.cost_per_participant)
        assert demand.loc[code, "applicants_per_seat"] == pytest.approx(pm.applicant_ratio, abs=0.01)
        # benefits are per participant: BCR = sum(value x attribution x confidence) / cost per participant
        bcr = sum(v * a * c for _, v, a, c in pm.benefits) / pm.cost_per_participant
        assert roi.loc[code, "bcr"] == pytest.approx(bcr)


def test_jp_coverage_matches_expected_share(study):
    from kemuning_eval.synth.truth import expected_jp_share

    folder, _ = study
    raw = pd.read_csv(folder / f"rekap-jp-asn-{YEAR}.csv")
    jp = pd.DataFrame({"person_id": np.arange(len(raw)), "unit": raw["Unit Kerja"], "jp_total": raw["Total JP"]})
    res = jp_coverage(jp).iloc[0]
    participants = int(read_programs(folder)["participants"].sum())
    p = expected_jp_share(YEAR, participants, len(raw))
    assert abs(res["estimate"] - p) < 4 * np.sqrt(p * (1 - p) / len(raw))


def test_keyword_coding_finds_every_interviewer_code(study):
    """The codebook's keywords recover every theme the interviewer coded (recall 1)."""
    from kemuning_eval.stats.qualitative import code_text

    folder, _ = study
    raw = pd.read_csv(folder / f"wawancara-{YEAR}.csv")
    coded = code_text(raw["Kutipan"], folder / "codebook" / "tema.yaml")
    missed = [(given, found) for given, found in zip(raw["Kode Tema"], coded, strict=True)
              if set(given.split(";")) - set(found.split(";"))]
    assert not missed


def test_suggestions_are_coded_and_broken_down(study):
    folder, truth = study
    raw = pd.read_csv(folder / f"survei-reaksi-{YEAR}.csv")
    names = {p["name"]: code for code, p in truth["programs"].items()}
    reaction = pd.DataFrame({"response_id": np.arange(len(raw)),
                             "program_id": raw["Pelatihan yang diikuti"].map(names),
                             "suggestion": raw["Saran dan masukan"]})
    coded = code_suggestions(reaction, folder / "codebook" / "tema.yaml")
    assert len(coded) == int(raw["Saran dan masukan"].fillna("").str.strip().ne("").sum())
    freq = theme_frequencies(coded, by="program_id", codebook=folder / "codebook" / "tema.yaml")
    usang = freq[freq["theme"] == "materi_usang"].set_index("program_id")
    # the generator writes outdated-material remarks in proportion to p_theme_materi_usang:
    # the two programmes with the highest probability (LD, PKD) show the highest shares
    top = sorted(truth["programs"], key=lambda c: truth["programs"][c]["p_theme_materi_usang"])[-2:]
    assert set(usang["share"].nlargest(2).index) == set(top)
