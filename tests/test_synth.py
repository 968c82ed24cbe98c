"""Tests of the synthetic study generator, computed from the written files with plain pandas.

References: the true effects are closed-form expectations (kemuning_eval.synth.truth);
they are checked against Monte-Carlo draws with numpy and against scipy.stats.beta moments,
and the DiD estimate is computed with statsmodels OLS (cluster-robust by activity).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from kemuning_eval.cli import main
from kemuning_eval.errors import UsageError
from kemuning_eval.synth import true_effects, write_study
from kemuning_eval.synth.questions import IKM_ITEMS, REACTION_ITEMS, SETUJU5
from kemuning_eval.synth.truth import TAU5, ScoreModel, ordered_mean, score_truth

YEAR = 2026


@pytest.fixture(scope="module")
def study(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_study(tmp_path_factory.mktemp("synth") / str(YEAR), year=YEAR,
                       participants=600, seed=11)


@pytest.fixture(scope="module")
def cfg(study: Path) -> dict:
    return yaml.safe_load((study / "studi.yaml").read_text(encoding="utf-8"))


def read_input(study: Path, cfg: dict, key: str) -> pd.DataFrame:
    opts = cfg["inputs"][key]
    path = study / opts["file"]
    if path.suffix == ".xlsx":
        return pd.read_excel(path, sheet_name=opts["sheet"], header=opts["header_row"] - 1,
                             dtype={"NIP": str})
    if path.suffix == ".sav":
        return pd.read_spss(path, convert_categoricals=False)
    return pd.read_csv(path, sep=opts["sep"], decimal=opts.get("decimal", "."),
                       encoding=opts["encoding"], dtype={"NIP": str}, keep_default_na=False,
                       na_values=[""])


def _digits(s: pd.Series) -> pd.Series:
    return s.astype(str).str.replace(" ", "", regex=False)


def _score(series: pd.Series) -> pd.Series:
    """Map agreement labels to 1-5 ignoring case and spaces (independent of the ingestion)."""
    lookup = {lab.lower(): k for k, labs in SETUJU5.items() for lab in labs}
    return series.astype(str).str.strip().str.lower().map(lookup)


def test_same_seed_gives_identical_bytes(tmp_path: Path) -> None:
    a = write_study(tmp_path / "a", year=2025, participants=40, seed=3)
    b = write_study(tmp_path / "b", year=2025, participants=40, seed=3)
    c = write_study(tmp_path / "c", year=2025, participants=40, seed=4)
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    for f in files:
        assert (a / f).read_bytes() == (b / f).read_bytes(), f
    assert (a / "survei-reaksi-2025.csv").read_bytes() != (c / "survei-reaksi-2025.csv").read_bytes()


def _nip_ok(nip: str, gender: str, year: int) -> bool:
    if len(nip) != 18 or not nip.isdigit():
        return False
    birth = dt.date(int(nip[:4]), int(nip[4:6]), int(nip[6:8]))
    age = year - birth.year
    appointed, code = int(nip[8:12]), nip[12:14]
    pns = 1 <= int(code) <= 12
    pppk = code == "21"
    return ((pns or pppk) and 22 <= age <= 60 and birth.year + 18 <= appointed < year
            and nip[14] == {"L": "1", "P": "2"}[gender] and 1 <= int(nip[15:]) <= 999)


def test_roster_nips_are_well_formed_and_unique(study: Path, cfg: dict) -> None:
    roster = read_input(study, cfg, "roster")
    nips = _digits(roster["NIP"])
    assert nips.is_unique
    assert all(_nip_ok(n, g, YEAR) for n, g in zip(nips, roster["Jenis Kelamin"], strict=True))
    assert roster["NIP"].str.contains(" ").mean() > 0.3  # typed with spaces
    jp = read_input(study, cfg, "jp_records")
    assert set(nips) <= set(jp["NIP"]) and jp["NIP"].is_unique
    gender = jp["NIP"].str[14].map({"1": "L", "2": "P"})
    assert all(_nip_ok(n, g, YEAR) for n, g in zip(jp["NIP"], gender, strict=True))
    assert (jp["NIP"].str[12:14] == "21").mean() > 0.05  # PPPK numbers too
    survey = read_input(study, cfg, "reaction")
    unknown = set(_digits(survey["NIP"])) - set(nips)
    assert len(unknown) == 2  # two deliberate typos


def test_files_have_the_contract_headers(study: Path, cfg: dict) -> None:
    expected = {
        "roster": ["No", "Nama", "NIP", "Jenis Kelamin", "Unit Kerja", "Jabatan", "Golongan",
                   "Kode Pelatihan", "Kehadiran (%)", "No. HP", "Email"],
        "programs": ["Kode Pelatihan", "Nama Pelatihan", "Bidang", "JP", "Tanggal Mulai",
                     "Tanggal Selesai", "Kuota", "Jumlah Pendaftar", "Biaya (Rp)",
                     "Nilai Kelulusan"],
        "facilitators": ["Nama", "NIP", "Kode Pelatihan", "Peran"],
        "tests": ["No", "NIP", "Nama Peserta", "Kode Pelatihan", "Nilai Pre-Test",
                  "Nilai Post-Test"],
        "jp_records": ["NIP", "Unit Kerja", "Total JP"],
    }
    for key, cols in expected.items():
        assert list(read_input(study, cfg, key).columns) == cols, key
    for key, opts in cfg["inputs"].items():
        book = yaml.safe_load((study / opts["codebook"]).read_text(encoding="utf-8"))
        assert book["instrument"] == key
        raw = [c["raw"] for c in book["columns"]]
        assert raw == list(read_input(study, cfg, key).columns), key
    raw_text = (study / cfg["inputs"]["tests"]["file"]).read_bytes()
    assert b";" in raw_text.splitlines()[1] and b"," in raw_text.splitlines()[1]
    assert cfg["study"]["synthetic"] is True and cfg["study"]["previous_year"] == YEAR - 1
    assert cfg["report"]["lang"] == "id"


def test_observation_file_has_value_labels(study: Path) -> None:
    import pyreadstat

    df, meta = pyreadstat.read_sav(str(study / f"observasi-kinerja-{YEAR}.sav"))
    assert meta.variable_value_labels["Penilai"] == {1: "Atasan langsung", 2: "Rekan kerja",
                                                     3: "Diri sendiri"}
    assert set(df["Gelombang"]) == {1.0, 2.0}
    assert df.loc[df["Gelombang"] == 1, "Menerapkan"].isna().all()
    assert set(df.loc[df["Gelombang"] == 2, "Menerapkan"]) == {0.0, 1.0}


def test_survey_mess_is_present(study: Path, cfg: dict) -> None:
    survey = read_input(study, cfg, "reaction")
    likert = survey[[q for _, q, _, _ in REACTION_ITEMS]]
    values = pd.Series(likert.to_numpy().ravel()).dropna()
    assert values.isin(["SS", "S", "N", "TS", "STS"]).any()
    assert (values != values.str.strip()).any()
    assert (values.str.strip() == values.str.strip().str.lower()).any()
    assert likert.isna().to_numpy().any()
    assert _score(values).notna().all()  # every spelling is a known label
    times = pd.to_datetime(survey["Stempel waktu"], format="%d/%m/%Y %H:%M:%S")
    key = _digits(survey["NIP"])
    dup = survey.assign(t=times, k=key)[key.duplicated(keep=False)].groupby("k")["t"]
    gaps = (dup.max() - dup.min()).dt.total_seconds()
    assert len(gaps) > 0 and (gaps <= 15 * 60).all()
    text = survey["Saran dan masukan"].dropna()
    assert text.str.contains(r"(?:\+62|08)\d", regex=True).any()
    assert text.str.contains("Bapak/Ibu").any()


def test_situations_hold(study: Path, cfg: dict) -> None:
    programs = read_input(study, cfg, "programs")
    assert len(programs) >= 5
    assert (programs["Jumlah Pendaftar"] > programs["Kuota"]).all()
    roster = read_input(study, cfg, "roster")
    assert roster["Unit Kerja"].nunique() >= 20
    tests = read_input(study, cfg, "tests")
    gain = (tests["Nilai Post-Test"] - tests["Nilai Pre-Test"]).groupby(tests["Kode Pelatihan"])
    assert (gain.mean() > 5).all() and gain.mean().nunique() == len(programs)
    survey = read_input(study, cfg, "reaction")
    prog = survey["Pelatihan yang diikuti"].map(dict(zip(programs["Nama Pelatihan"],
                                                         programs["Kode Pelatihan"], strict=True)))
    outdated = _score(survey["Materi pelatihan sudah ketinggalan zaman / tidak mutakhir"])
    by = outdated.groupby(prog).mean()
    assert min(by["LD"], by["PKD"]) > max(by["PM"], by["PP"], by["KP"])
    kpd = pd.concat([_score(survey[q]) for v, q, _, _ in REACTION_ITEMS if v.startswith("kpd")],
                    axis=1).mean(axis=1).groupby(prog).mean()
    assert kpd.idxmax() == "PP" and kpd.min() > 3.41
    interviews = read_input(study, cfg, "interviews")
    usang = interviews["Kode Tema"].str.contains("materi_usang").groupby(
        interviews["Kode Pelatihan"]).mean()
    assert usang[["LD", "PKD"]].mean() > usang[["PM", "PP", "KP"]].mean()
    obs = read_input(study, cfg, "observations")
    ind = obs[[c for c in obs.columns if c.startswith("Indikator")]].mean(axis=1)
    wave = ind.groupby(obs["Gelombang"]).mean()
    assert wave[2] > wave[1]
    jp = read_input(study, cfg, "jp_records")
    assert 0.55 <= (jp["Total JP"] >= 20).mean() <= 0.70 and len(jp) >= 4000
    outcomes = read_input(study, cfg, "outcomes")
    assert outcomes["Periode"].nunique() >= 4


def test_truth_file_matches_true_effects(study: Path) -> None:
    stored = json.loads((study / "synthetic-truth.json").read_text(encoding="utf-8"))
    fresh = json.loads(json.dumps(true_effects(YEAR)))
    assert stored["programs"] == fresh["programs"] and stored["synthetic"] is True


def test_estimates_recover_the_truth(study: Path, cfg: dict) -> None:
    """Simple estimates fall within 4 standard errors of the true effects."""
    truth = true_effects(YEAR)
    tests = read_input(study, cfg, "tests").dropna()
    d = tests["Nilai Post-Test"] - tests["Nilai Pre-Test"]
    for code, g in d.groupby(tests["Kode Pelatihan"]):
        tt = truth["programs"][code]["tests"]
        assert abs(g.mean() - tt["mean_gain"]) < 4 * tt["sd_gain"] / np.sqrt(len(g)), code
    programs = read_input(study, cfg, "programs")
    survey = read_input(study, cfg, "reaction")
    # keep the latest submission per NIP (duplicates), recode the reverse item
    survey["t"] = pd.to_datetime(survey["Stempel waktu"], format="%d/%m/%Y %H:%M:%S")
    survey = survey.sort_values("t").drop_duplicates(_digits(survey["NIP"]).name, keep="last")
    prog = survey["Pelatihan yang diikuti"].map(dict(zip(programs["Nama Pelatihan"],
                                                         programs["Kode Pelatihan"], strict=True)))
    for var, question, _, rev in REACTION_ITEMS:
        s = _score(survey[question])
        s = 6 - s if rev else s
        for code, g in s.groupby(prog):
            g = g.dropna()
            target = truth["programs"][code]["reaction_items"][var]
            assert abs(g.mean() - target) < 4 * g.std() / np.sqrt(len(g)) + 1e-9, (var, code)
    for (var, question, element) in IKM_ITEMS:
        s = pd.to_numeric(survey[question]).dropna()
        assert abs(s.mean() - truth["ikm"]["nrr"][element]) < 4 * s.std() / np.sqrt(len(s)), var
    import statsmodels.formula.api as smf

    out = read_input(study, cfg, "outcomes")
    out = out[out["Kode Pelatihan"].isin(["PM", ""]) | (out["Dipimpin Alumni"] == "Tidak")]
    out = out.assign(ratio=out["Realisasi (Rp)"] / out["Pagu (Rp)"],
                     treated=(out["Dipimpin Alumni"] == "Ya").astype(float),
                     post=(out["Periode"] == cfg["outcomes"]["first_post_period"]).astype(float))
    fit = smf.ols("ratio ~ treated * post", data=out).fit(
        cov_type="cluster", cov_kwds={"groups": pd.factorize(out["Kode Kegiatan"])[0]})
    target = truth["programs"]["PM"]["outcomes"]["did_budget_ratio"]
    assert abs(fit.params["treated:post"] - target) < 4 * fit.bse["treated:post"]
    assert fit.params["treated:post"] < 0


def test_roi_truth_matches_the_workbook(study: Path, cfg: dict) -> None:
    """BCR from the Program and Manfaat sheets (Phillips: benefits / costs) equals the truth."""
    truth = true_effects(YEAR)
    programs = read_input(study, cfg, "programs").set_index("Kode Pelatihan")
    ben = read_input(study, cfg, "benefits")
    value = (ben["Nilai Manfaat per Tahun (Rp)"] * ben["Atribusi (%)"] / 100
             * ben["Keyakinan (%)"] / 100).groupby(ben["Kode Pelatihan"]).sum()
    for code, v in value.items():
        bcr = v / programs.loc[code, "Biaya (Rp)"]
        assert bcr == pytest.approx(truth["programs"][code]["roi"]["bcr"], rel=1e-12), code


def test_behaviour_and_jp_recover_the_truth(study: Path, cfg: dict) -> None:
    """Supervisor change (paired by person), share applying and JP coverage within 4 SE."""
    from kemuning_eval.synth.truth import expected_jp_share

    truth = true_effects(YEAR)
    obs = read_input(study, cfg, "observations")
    obs = obs.assign(score=obs[[c for c in obs.columns if c.startswith("Indikator")]].mean(axis=1))
    sup = obs[obs["Penilai"] == 1].pivot_table(index=["NIP", "Kode_Pelatihan"],
                                               columns="Gelombang", values="score").dropna()
    diff = (sup[2] - sup[1]).groupby(level="Kode_Pelatihan")
    for code, g in diff:
        target = truth["programs"][code]["behaviour"]["supervisor"]["change"]
        assert abs(g.mean() - target) < 4 * g.std() / np.sqrt(len(g)), code
    follow = obs[(obs["Gelombang"] == 2) & (obs["Penilai"] == 1)]
    for code, g in follow.groupby("Kode_Pelatihan")["Menerapkan"]:
        p = truth["programs"][code]["share_applying"]
        assert abs(g.mean() - p) < 4 * np.sqrt(p * (1 - p) / len(g)), code
    jp = read_input(study, cfg, "jp_records")
    roster = read_input(study, cfg, "roster")
    p = expected_jp_share(YEAR, len(roster), len(jp))
    p_other = truth["jp"]["p_reach_20_non_participant"]
    se = np.sqrt(p_other * (1 - p_other) * (len(jp) - len(roster))) / len(jp)
    assert abs((jp["Total JP"] >= 20).mean() - p) < 4 * se


def test_closed_forms_match_monte_carlo() -> None:
    """Reference: numpy Monte Carlo (2e6 draws) and scipy.stats.beta moments."""
    from scipy.stats import beta

    rng = np.random.default_rng(0)
    z = rng.normal(3.7, 0.86, 2_000_000)
    mc = (np.searchsorted(np.asarray(TAU5), z) + 1).mean()
    assert abs(float(ordered_mean(3.7, 0.86, TAU5)) - mc) < 0.003
    m = ScoreModel(48.0, 20.0, 0.45, 8.0, 70.0)
    tt = score_truth(m)
    pre = beta(0.48 * 20, 0.52 * 20)
    assert tt["sd_pre"] == pytest.approx(100 * pre.std(), rel=1e-12)
    g = rng.beta(0.45 * 8, 0.55 * 8, 2_000_000)
    dd = g * (100 - 100 * pre.rvs(2_000_000, random_state=1))
    assert tt["mean_gain"] == pytest.approx(dd.mean(), abs=0.05)
    assert tt["sd_gain"] == pytest.approx(dd.std(), abs=0.05)


def test_factor_model_means_match_monte_carlo() -> None:
    """Item means of the factor model (general + group + item noise) equal the closed form
    with the summed latent variance; reference: numpy Monte Carlo (400,000 draws,
    SE of a mean about 0.0015, tolerance 0.006)."""
    from kemuning_eval.synth.likert import factor_scores, ordered_categories
    from kemuning_eval.synth.truth import facilitator_sd, observation_sd, reaction_sd, study_model

    sm = study_model(YEAR)
    rng = np.random.default_rng(1)
    n = 400_000
    parts = [((sm.reaction_general_sd, sm.reaction_dim_sd, sm.reaction_item_sd), reaction_sd(sm)),
             ((sm.fac_rater_sd, sm.fac_pair_sd, sm.fac_item_sd), facilitator_sd(sm)),
             ((sm.obs_person_sd, sm.obs_rating_sd, sm.obs_item_sd), observation_sd(sm))]
    for (general, group, item), s in parts:
        shared = factor_scores(rng, n, [0, 0, 1], general_sd=general, group_sd=group)
        mu = np.array([3.3, 4.2, 2.4])
        cats = ordered_categories(np.broadcast_to(mu, (n, 3)), shared, rng, item_sd=item, tau=TAU5)
        assert np.abs(cats.mean(axis=0) - ordered_mean(mu, s, TAU5)).max() < 0.006


def _alpha(items: pd.DataFrame) -> float:
    """Cronbach's alpha, listwise; reference: pingouin.cronbach_alpha."""
    import pingouin as pg

    return float(pg.cronbach_alpha(items, nan_policy="listwise")[0])


def test_scales_are_as_reliable_as_real_ones(study: Path, cfg: dict) -> None:
    """Items of a scale share a respondent factor: alpha 0.72-0.93 (real training-reaction
    and rating scales report about 0.75-0.90; the model gives about 0.8 for 3-4 items, so
    with n >= 500 respondents a value outside this band means the model is broken), the
    reverse item correlates negatively in raw form, and dimensions correlate less with each
    other than their own items do (a weaker general satisfaction factor)."""
    survey = read_input(study, cfg, "reaction")
    raw = pd.DataFrame({v: _score(survey[q]) for v, q, _, _ in REACTION_ITEMS})
    rec = raw.assign(mat_4=6 - raw["mat_4"])
    dims = {}
    for prefix in ("mat", "org", "sar", "man", "kpd"):
        cols = [c for c in rec.columns if c.startswith(prefix + "_")]
        assert 0.72 < _alpha(rec[cols]) < 0.93, prefix
        dims[prefix] = rec[cols].mean(axis=1)
    others = raw[["mat_1", "mat_2", "mat_3"]].mean(axis=1)
    assert raw["mat_4"].corr(others) < -0.3
    within = np.mean([rec[a].corr(rec[b]) for a, b in (("org_1", "org_2"), ("sar_1", "sar_3"),
                                                         ("man_2", "man_3"), ("kpd_1", "kpd_2"))])
    across = np.mean([rec[a].corr(rec[b]) for a, b in (("org_1", "sar_1"), ("man_1", "kpd_1"),
                                                         ("mat_1", "sar_2"), ("org_3", "man_2"))])
    assert 0.1 < across < within - 0.15
    fac = read_input(study, cfg, "facilitator_ratings")
    from kemuning_eval.synth.questions import FAC_ITEMS, KUALITAS5

    lookup = {lab.lower(): k for k, labs in KUALITAS5.items() for lab in labs}
    scores = pd.DataFrame({v: fac[h].astype(str).str.strip().str.lower().map(lookup)
                           for v, h, _ in FAC_ITEMS})
    assert 0.8 < _alpha(scores) < 0.95
    obs = read_input(study, cfg, "observations")
    assert 0.72 < _alpha(obs[[c for c in obs.columns if c.startswith("Indikator")]]) < 0.93


def test_csv_workbook_for_large_studies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kemuning_eval.synth.study as study_mod

    monkeypatch.setattr(study_mod, "XLSX_LIMIT", 10)
    out = write_study(tmp_path / "big", year=2025, participants=30, seed=5)
    cfg = yaml.safe_load((out / "studi.yaml").read_text(encoding="utf-8"))
    assert cfg["inputs"]["roster"]["file"].endswith("-peserta.csv")
    assert len(read_input(out, cfg, "roster")) == 30
    assert not list(out.glob("*.xlsx"))


def test_bad_arguments_raise_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="participants"):
        write_study(tmp_path, year=2026, participants=3, seed=1)


def test_cli_synth_exits_zero(tmp_path: Path) -> None:
    code = main(["synth", "--year", "2026", "--participants", "30", "--seed", "2",
                 "--out", str(tmp_path / "s")])
    assert code == 0
    assert (tmp_path / "s" / "studi.yaml").is_file()
    assert main(["synth", "--year", "2026", "--participants", "3", "--out", str(tmp_path)]) == 2


def test_status_messages_follow_kemuning_eval_lang(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README promises English messages with KEMUNING_EVAL_LANG=en (synth used to force 'id')."""
    import kemuning_eval.progress as progress

    said: list[str] = []
    monkeypatch.setattr(progress, "info", said.append)
    monkeypatch.setenv("KEMUNING_EVAL_LANG", "en")
    write_study(tmp_path / "s", year=2026, participants=20, seed=3)
    assert any(m.startswith("Synthetic study 2026 written to") for m in said), said
