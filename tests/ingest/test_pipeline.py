"""End-to-end ingestion of the crafted study: contract tables, manifest, duplicates, failures."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest
from ingest_support import KEY, ROSTER, make_project, tree_hashes, write_workbook

from kemuning_eval.cli import main
from kemuning_eval.errors import ValidationFailed
from kemuning_eval.ingest.pipeline import TABLE_IDS, ingest_study, validate_study
from kemuning_eval.ingest.store import load_table, load_tables, sha256_file
from kemuning_eval.paths import ProjectPaths


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.setenv("KEMUNING_EVAL_KEY", KEY)
    make_project(tmp_path)
    return ProjectPaths(tmp_path)


def _cli(paths, *args):
    return main(["--root", str(paths.root), *args])


def test_contract_tables_and_columns(project):
    result = ingest_study(2026, paths=project)
    tables = load_tables(project.processed(2026))
    assert set(tables) == {"participants", "programs", "facilitators", "items", "reaction", "tests",
                           "observations", "outcomes", "interviews", "data_quality"}
    assert result.tables["participants"] == 6 and not result.skipped
    for name, df in tables.items():  # every ID unique and complete
        ids = TABLE_IDS[name]
        assert not df[ids].isna().any().any() and not df.duplicated(ids).any(), name
    part = tables["participants"]
    assert list(part.columns) == ["participant_id", "year", "program_id", "unit", "position", "grade",
                                  "gender", "age_band", "nip_kind", "attendance", "completed"]
    assert part["participant_id"].str.fullmatch(r"P[0-9a-f]{16}").all()
    assert sorted(part["nip_kind"]) == ["PNS", "PNS", "PNS", "PNS", "PPPK", "invalid"]  # invalid kept
    assert sorted(part["gender"]) == ["L", "L", "L", "P", "P", "P"]  # "Perempuan" -> P
    assert part["completed"].sum() == 5  # attendance >= 80
    progs = tables["programs"].set_index("program_id")
    assert progs.loc["PL", "cost"] == 15_000_000 and progs["participants"].to_dict() == {"PL": 3, "PM": 3}
    react = tables["reaction"]
    assert react["response_id"].tolist() == ["RX2026-000002", "RX2026-000004", "RX2026-000005"]
    # reverse item: Budi answered "TS" (2) to an outdated-material item -> 5 + 1 - 2 = 4
    budi = react.iloc[0]
    assert (budi["mat_1"], budi["mat_4"], budi["puas"], budi["ikm_u1"]) == (5.0, 4.0, 3.0, 4.0)
    assert react["program_id"].tolist() == ["PM", "PM", "PL"]
    items = tables["items"].set_index("variable")
    assert bool(items.loc["mat_4", "reverse"]) and not bool(items.loc["mat_1", "reverse"])
    assert items.loc["ikm_u1", "ikm_element"] == "persyaratan"
    tests = tables["tests"].set_index("participant_id")
    assert sorted(tests["pre"].dropna()) == [55.5, 60.0, 70.0] and 85.25 in tests["post"].tolist()
    obs = tables["observations"]
    assert sorted(obs["rater"].unique()) == ["self", "supervisor"]
    assert sorted(obs["wave"].unique()) == ["baseline", "followup"]
    out = tables["outcomes"]
    assert out["post"].tolist() == [False, True, False, True] and out["period_index"].tolist() == [0, 1, 0, 1]
    assert out["budget_ratio"].round(2).tolist() == [0.9, 0.95, 0.75, 0.8]
    assert tables["interviews"]["themes"].tolist() == ["ANGGARAN;PARTISIPASI", "MATERI"]
    assert tables["facilitators"]["facilitator_id"].str.fullmatch(r"F[0-9a-f]{16}").all()


def test_data_quality_and_manifest(project):
    ingest_study(2026, paths=project)
    dq = load_table(2026, "data_quality", paths=project)
    checks = set(dq["check"])
    assert {"invalid_nip", "duplicate_submission", "unmatched", "response_rate", "missing_answer",
            "straight_lining"} <= checks
    unmatched = dq[dq["check"] == "unmatched"].iloc[0]
    assert (unmatched["file"], unmatched["n"]) == ("survei-reaksi.csv", 1)
    rr = dq[(dq["check"] == "response_rate") & (dq["file"] == "survei-reaksi.csv")].iloc[0]
    assert rr["n"] == 3 and rr["value"] == pytest.approx(3 / 6)
    # Ahmad answered "Setuju" to all five setuju5 items (one of them reverse-worded): 1 of 3
    flat = dq[(dq["check"] == "straight_lining") & (dq["file"] == "survei-reaksi.csv")].iloc[0]
    assert flat["n"] == 1 and flat["value"] == pytest.approx(1 / 3)
    miss = dq[(dq["check"] == "missing_answer") & (dq["column"] == "mat_2")].iloc[0]
    assert miss["n"] == 0  # the incomplete duplicate was dropped
    manifest = json.loads((project.processed(2026) / "manifest.json").read_text(encoding="utf-8"))
    raw = project.raw(2026)
    for rel, digest in manifest["inputs"].items():
        assert sha256_file(raw / rel) == digest
    assert "studi.yaml" in manifest["inputs"] and "codebook/reaksi.yaml" in manifest["inputs"]
    assert manifest["unmatched"] == {"nilai-tes.csv": 0, "observasi.sav": 0, "survei-reaksi.csv": 1}
    assert manifest["duplicates_rule"] == "keep_latest_complete"
    rules = {(c["input"], c["rule"]): (c["rows_in"], c["rows_out"]) for c in manifest["cleaning"]}
    assert rules[("reaction", "link to roster (unmatched dropped)")] == (5, 4)
    assert rules[("reaction", "duplicates (keep_latest_complete)")] == (4, 3)
    for name, info in manifest["tables"].items():
        assert sha256_file(project.processed(2026) / f"{name}.parquet") == info["sha256"]
    dup = pd.read_csv(project.processed(2026) / "duplikat-2026.csv")
    assert dup["action"].tolist() == ["keep", "drop"] and dup["row"].tolist() == [2, 3]
    assert dup["key"].str.fullmatch(r"P[0-9a-f]{16}").all()


def test_deterministic_and_raw_untouched(project):
    before = tree_hashes(project.raw(2026))
    ingest_study(2026, paths=project)
    first = tree_hashes(project.processed(2026))
    again = ingest_study(2026, paths=project)
    assert again.skipped  # unchanged inputs: nothing rebuilt
    ingest_study(2026, paths=project, force=True)
    assert tree_hashes(project.processed(2026)) == first
    assert tree_hashes(project.raw(2026)) == before
    # only the year's lock and its versioned builds: no leftover temporary folder
    hidden = sorted(p.name for p in project.processed_root.iterdir() if p.name.startswith("."))
    assert hidden == [".2026.builds", ".2026.lock"]
    builds = sorted(p.name for p in (project.processed_root / ".2026.builds").iterdir())
    assert "current" in builds and len(builds) == 3  # current + the new build + the previous one
    assert not [b for b in builds if b.startswith(".")]


@pytest.mark.parametrize(("rule", "kept_row"), [("keep_latest", 3), ("keep_first", 2),
                                                ("keep_latest_complete", 2)])
def test_duplicate_rule_configurable(project, rule, kept_row):
    cfg = project.study_config(2026)
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("rule: keep_latest_complete", f"rule: {rule}"),
                   encoding="utf-8")
    ingest_study(2026, paths=project)
    react = load_table(2026, "reaction", paths=project)
    assert f"RX2026-{kept_row:06d}" in react["response_id"].tolist()
    manifest = json.loads((project.processed(2026) / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["duplicates_rule"] == rule


def test_validate_writes_nothing_and_exits_zero(project, capsys):
    assert validate_study(2026, paths=project) == 0
    assert not project.processed(2026).exists()
    err = capsys.readouterr().err
    assert "NIP tidak valid" in err and "Data dapat dipakai" in err
    assert "1966" not in err  # no NIP on the terminal


def _break_unknown_label(raw):
    f = raw / "survei-reaksi.csv"
    f.write_text(f.read_text(encoding="utf-8-sig").replace('"Setuju."', '"Stuju"'), encoding="utf-8")
    return ["survei-reaksi.csv", "baris 2", "Stuju", "Setuju"]


def _break_missing_column(raw):
    f = raw / "nilai-tes.csv"
    f.write_bytes(f.read_bytes().replace(b"No;NIP;", b"No;Nomor;"))
    return ["nilai-tes.csv", "kolom tidak ditemukan", "'NIP'"]


def _break_empty_file(raw):
    (raw / "wawancara.csv").write_bytes(b"")
    return ["wawancara.csv", "kosong"]


def _break_header_only(raw):
    (raw / "kinerja-unit.csv").write_text("Unit Kerja,Kode Kegiatan,Periode\n", encoding="utf-8")
    return ["kinerja-unit.csv", "tidak berisi baris data"]


def _break_codebook(raw):
    f = raw / "codebook" / "tes.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("type: number", "type: angka"), encoding="utf-8")
    return ["tes.yaml", "type 'angka'"]


def _break_codebook_variable(raw):
    f = raw / "codebook" / "peserta.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("variable: program_id", "variable: kode"),
                 encoding="utf-8")
    return ["peserta.yaml", "tidak mendefinisikan variabel 'program_id'"]


def _break_required_value(raw):
    f = raw / "wawancara.csv"
    f.write_text(f.read_text(encoding="utf-8").replace('"Materi perlu diperbarui setiap tahun."', ""),
                 encoding="utf-8")
    return ["wawancara.csv", "baris 3", "nilai wajib kosong"]


@pytest.mark.parametrize("breaker", [_break_unknown_label, _break_missing_column, _break_empty_file,
                                     _break_header_only, _break_codebook, _break_codebook_variable,
                                     _break_required_value])
def test_bad_input_clear_message_exit_1_processed_unchanged(project, capsys, breaker):
    assert _cli(project, "ingest", "--year", "2026") == 0
    before = tree_hashes(project.processed(2026))
    expected = breaker(project.raw(2026))
    capsys.readouterr()
    assert _cli(project, "validate", "--year", "2026") == 1
    assert _cli(project, "ingest", "--year", "2026") == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    for text in expected:
        assert text in err
    assert "data/processed tidak diubah" in err
    assert tree_hashes(project.processed(2026)) == before


def test_all_problems_reported_in_one_pass(project, capsys):
    _break_unknown_label(project.raw(2026))
    _break_missing_column(project.raw(2026))
    _break_empty_file(project.raw(2026))
    with pytest.raises(ValidationFailed) as exc:
        ingest_study(2026, paths=project)
    files = {p.file for p in exc.value.problems if p.severity == "error"}
    assert {"survei-reaksi.csv", "nilai-tes.csv", "wawancara.csv"} <= files


def test_roster_conflict_stops_then_resolution_settles(project, capsys):
    raw = project.raw(2026)
    twin = list(ROSTER[0])
    twin[0], twin[7] = 7, "PL"  # Budi again, in another programme
    write_workbook(raw / "penyelenggaraan.xlsx", roster=[*ROSTER, tuple(twin)])
    assert _cli(project, "ingest", "--year", "2026") == 1
    err = capsys.readouterr().err
    assert "lebih dari sekali" in err and "resolusi-duplikat-2026.csv" in err and "Traceback" not in err
    assert "Budi" not in err and "19660801" not in err
    assert not project.processed(2026).exists()
    lines = [ln for ln in err.splitlines() if ln.startswith("P") and ln.count(",") == 3]
    assert len(lines) == 2 and [ln.split(",")[2] for ln in lines] == ["5", "11"]
    # a person decides: row 11 (PL) is right
    key = lines[0].split(",")[0]
    (raw / "resolusi-duplikat-2026.csv").write_text(
        f"key,file,row,action\n{key},penyelenggaraan.xlsx,5,drop\n{key},penyelenggaraan.xlsx,11,keep\n",
        encoding="utf-8")
    assert _cli(project, "ingest", "--year", "2026") == 0
    part = load_table(2026, "participants", paths=project).set_index("participant_id")
    assert part.loc[key, "program_id"] == "PL" and len(part) == 6
    dup = pd.read_csv(project.processed(2026) / "duplikat-2026.csv")
    mine = dup[dup["key"] == key]
    assert mine[["row", "action", "reason"]].values.tolist()[:2] == [[5, "drop", "resolusi"], [11, "keep", "resolusi"]]


def test_identical_roster_repeat_kept_once(project):
    raw = project.raw(2026)
    twin = list(ROSTER[1])
    twin[0] = 7
    write_workbook(raw / "penyelenggaraan.xlsx", roster=[*ROSTER, tuple(twin)])
    result = ingest_study(2026, paths=project)
    assert result.tables["participants"] == 6


def test_bad_resolution_file_is_clear(project, capsys):
    (project.raw(2026) / "resolusi-duplikat-2026.csv").write_text("key,row,action\nPx,5,hapuskan\n",
                                                                  encoding="utf-8")
    assert _cli(project, "ingest", "--year", "2026") == 1
    err = capsys.readouterr().err
    assert "aksi tidak dikenal" in err and "baris 2" in err and "Traceback" not in err


def test_failed_write_leaves_previous_version(project, monkeypatch):
    ingest_study(2026, paths=project)
    before = tree_hashes(project.processed(2026))
    from kemuning_eval.ingest import store

    calls = {"n": 0}
    real = store.parquet_bytes

    def flaky(df):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk penuh")
        return real(df)

    monkeypatch.setattr(store, "parquet_bytes", flaky)
    with pytest.raises(OSError):
        ingest_study(2026, paths=project, force=True)
    assert tree_hashes(project.processed(2026)) == before
    # only the year's lock and its versioned builds: no leftover temporary folder
    hidden = sorted(p.name for p in project.processed_root.iterdir() if p.name.startswith("."))
    assert hidden == [".2026.builds", ".2026.lock"]
    builds = sorted(p.name for p in (project.processed_root / ".2026.builds").iterdir())
    assert "current" in builds and len(builds) == 2  # the failed build left nothing behind
    assert not [b for b in builds if b.startswith(".")]


def test_load_table_missing_is_clear(project):
    from kemuning_eval.errors import DataError

    with pytest.raises(DataError, match="kemuning-eval ingest --year 2026"):
        load_table(2026, "reaction", paths=project)
    with pytest.raises(DataError, match="tidak ditemukan"):
        load_tables(project.processed(2031))


def test_codebook_template_cli(project, tmp_path, capsys):
    out = tmp_path / "cb.yaml"
    assert _cli(project, "codebook", "template", str(project.raw(2026) / "nilai-tes.csv"),
                "--out", str(out)) == 0
    assert "Nilai Pre-Test" in out.read_text(encoding="utf-8")
    assert _cli(project, "codebook", "template", str(project.raw(2026) / "nilai-tes.csv"),
                "--out", str(out)) == 2  # refuses to overwrite: usage error
    shutil.rmtree(tmp_path / "none", ignore_errors=True)
    assert _cli(project, "codebook", "template", str(tmp_path / "none.csv")) == 1
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("year", [2025, 2026])
def test_bundled_study_validates(year, monkeypatch, capsys):
    """The bundled synthetic study (kemuning-eval synth) passes validation as shipped."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    if not (root / "data" / "raw" / str(year) / "studi.yaml").is_file():
        pytest.skip("bundled study not generated")
    monkeypatch.setenv("KEMUNING_EVAL_KEY", KEY)
    assert validate_study(year, paths=ProjectPaths(root)) == 0
    assert "Data dapat dipakai" in capsys.readouterr().err

