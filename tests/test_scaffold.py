"""``kemuning-eval init --year Y`` and the README's "A study with only a survey and test scores".

The scaffold recognises the instruments of the files present and writes a
working ``studi.yaml`` and codebooks; the README's files are tested as written
(extracted from README.md) through validate, ingest and report.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml

from kemuning_eval.cli import main

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw" / "2026"
README_SECTION = "## A study with only a survey and test scores"
#: the survey columns of the README's example form (a subset of the bundled survey)
FORM = ["Stempel waktu", "Alamat email", "Nama Lengkap", "NIP", "Pelatihan yang diikuti",
        "Materi pelatihan sesuai dengan kebutuhan pekerjaan saya",
        "Materi pelatihan disusun secara runtut dan mudah dipahami",
        "Bahan ajar (modul, slide) yang dibagikan lengkap dan jelas",
        "Materi pelatihan sudah ketinggalan zaman / tidak mutakhir",
        "Jadwal pelatihan disusun dan dilaksanakan dengan baik",
        "Panitia penyelenggara memberikan pelayanan yang baik kepada peserta",
        "Informasi tentang pelatihan disampaikan dengan jelas dan tepat waktu", "Saran dan masukan"]


def _two_exports(folder: Path) -> None:
    """The README's two files: the example form cut from the bundled survey, and the bundled test scores."""
    folder.mkdir(parents=True, exist_ok=True)
    survey = pd.read_csv(RAW / "survei-reaksi-2026.csv", dtype=str, keep_default_na=False)
    survey[FORM].to_csv(folder / "survei-reaksi-2027.csv", index=False, encoding="utf-8")
    shutil.copy(RAW / "nilai-pretest-posttest-2026.csv", folder / "nilai-pretest-posttest-2027.csv")


def _readme_files() -> dict[str, str]:
    """``{path under data/raw/2027: YAML text}`` of the README section."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split(README_SECTION, 1)[1].split("\n## ", 1)[0]
    return {m.group(1): m.group(2) for m in re.finditer(r"`data/raw/2027/([^`]+)`\s*\n\s*```yaml\n(.*?)```",
                                                         section, flags=re.S)}


def test_init_lists_only_the_instruments_present_and_names_their_variables(tmp_path, capsys):
    folder = tmp_path / "data" / "raw" / "2027"
    _two_exports(folder)
    (folder / "catatan-rapat.txt").write_text("not an export", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert main(["--root", str(tmp_path), "--quiet", "init", "--year", "2027"]) == 0
    cfg = yaml.safe_load((folder / "studi.yaml").read_text(encoding="utf-8"))
    assert cfg["study"]["year"] == 2027 and cfg["study"]["synthetic"] is False
    assert "catatan-rapat.txt" in (folder / "studi.yaml").read_text(encoding="utf-8"), "named as not recognised"
    assert cfg["inputs"] == {
        "reaction": {"file": "survei-reaksi-2027.csv", "codebook": "codebook/reaction.yaml"},
        "tests": {"file": "nilai-pretest-posttest-2027.csv", "codebook": "codebook/tests.yaml"}}
    text = (folder / "studi.yaml").read_text(encoding="utf-8")
    assert "#   observations:" in text and "#   roster:" in text, "missing instruments are named in comments"
    from kemuning_eval.ingest.codebook import load_codebook

    tests = {c.raw: c.variable for c in load_codebook(folder / "codebook" / "tests.yaml").columns}
    assert {tests["NIP"], tests["Kode Pelatihan"], tests["Nilai Pre-Test"], tests["Nilai Post-Test"]} == \
        {"nip", "program_id", "pre", "post"}
    reaction = {c.raw: c for c in load_codebook(folder / "codebook" / "reaction.yaml").columns}
    assert reaction["Stempel waktu"].variable == "submitted_at"
    assert reaction["Pelatihan yang diikuti"].variable in ("program_id", "program_name")
    assert reaction["NIP"].pii == "nip" and reaction["Alamat email"].pii == "email"
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.name in before} == before, "exports untouched"
    # the scaffold is a working study: it validates and ingests as written
    assert main(["--root", str(tmp_path), "--quiet", "validate", "--year", "2027"]) == 0
    # a second run never overwrites the edited studi.yaml
    assert main(["--root", str(tmp_path), "--quiet", "init", "--year", "2027"]) == 2
    assert "studi.yaml" in capsys.readouterr().err


def test_init_recognises_the_sheets_of_a_workbook_and_keeps_an_existing_codebook(tmp_path):
    from kemuning_eval.scaffold import scaffold_year

    folder = tmp_path / "2027"
    folder.mkdir()
    shutil.copy(RAW / "data-penyelenggaraan-2026.xlsx", folder / "data-penyelenggaraan-2027.xlsx")
    shutil.copy(RAW / "wawancara-2026.csv", folder / "wawancara-2027.csv")
    shutil.copy(RAW / "rekap-jp-asn-2026.csv", folder / "data.csv")  # a name that says nothing
    (folder / "codebook").mkdir()
    (folder / "codebook" / "interviews.yaml").write_text("# mine\n", encoding="utf-8")
    result = scaffold_year(2027, folder=folder)
    assert result.inputs == {"roster": "data-penyelenggaraan-2027.xlsx[Peserta]",
                             "programs": "data-penyelenggaraan-2027.xlsx[Program]",
                             "facilitators": "data-penyelenggaraan-2027.xlsx[Fasilitator]",
                             "benefits": "data-penyelenggaraan-2027.xlsx[Manfaat]",
                             "interviews": "wawancara-2027.csv"}
    assert result.unrecognised == ["data.csv"]
    assert (folder / "codebook" / "interviews.yaml").read_text(encoding="utf-8") == "# mine\n"
    cfg = yaml.safe_load((folder / "studi.yaml").read_text(encoding="utf-8"))
    assert cfg["inputs"]["roster"] == {"file": "data-penyelenggaraan-2027.xlsx", "sheet": "Peserta",
                                       "header_row": 4, "codebook": "codebook/roster.yaml"}
    assert "data.csv" in (folder / "studi.yaml").read_text(encoding="utf-8")


def test_init_without_exports_is_a_clear_usage_error(tmp_path, capsys):
    (tmp_path / "data" / "raw" / "2027").mkdir(parents=True)
    assert main(["--root", str(tmp_path), "init", "--year", "2027"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "2027" in err
    assert not (tmp_path / "data" / "raw" / "2027" / "studi.yaml").exists()


@pytest.mark.slow
def test_readme_survey_and_tests_study_builds_an_honest_report(tmp_path, monkeypatch):
    files = _readme_files()
    assert set(files) == {"studi.yaml", "codebook/reaction.yaml", "codebook/tests.yaml"}
    folder = tmp_path / "data" / "raw" / "2027"
    _two_exports(folder)
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    monkeypatch.setenv("KEMUNING_EVAL_KEY", "readme-test-key-0123456789abcdef")
    root = ["--root", str(tmp_path), "--quiet"]
    for command in ("validate", "ingest", "report"):
        assert main([*root, command, "--year", "2027"]) == 0, command
    report = tmp_path / "reports" / "2027"
    m = json.loads((report / "metrics.json").read_text(encoding="utf-8"))
    assert m["reaction"]["available"] and m["learning"]["available"]
    assert [d["dimension"] for d in m["reaction"]["dimensions"]] == ["materi", "penyelenggaraan"]
    for level in ("behavior", "results", "cost", "qualitative"):
        assert m[level]["reason"] == "not_collected", level
    assert m["reaction"]["n_responses"] == 513  # 524 rows, 11 repeated submissions of the same person
    assert m["learning"]["overall"]["n"] == 566  # 600 rows, 34 without both scores
    assert sorted(p["program_id"] for p in m["learning"]["by_program"]) == ["KP", "LD", "PKD", "PM", "PP"]
    html = (report / "laporan-evaluasi-2027.html").read_text(encoding="utf-8")
    text = re.sub(r'"data:[^"]*"', '""', html)  # embedded figures are base64, where "Rp0" can occur by chance
    assert "tidak diukur tahun ini" in text and not re.search(r"Rp ?0(?![\d.,])", text) and "BPSDM Kabupaten Kemuning" in text


def test_init_on_every_bundled_export_gives_a_study_that_validates(tmp_path):
    """All eleven instruments recognised; roles of observations, outcomes, benefits, ratings named."""
    folder = tmp_path / "data" / "raw" / "2026"
    folder.mkdir(parents=True)
    for path in RAW.iterdir():
        if path.suffix in (".csv", ".xlsx", ".sav"):
            shutil.copy(path, folder / path.name)
    assert main(["--root", str(tmp_path), "--quiet", "init", "--year", "2026"]) == 0
    cfg = yaml.safe_load((folder / "studi.yaml").read_text(encoding="utf-8"))
    assert sorted(cfg["inputs"]) == sorted(["roster", "programs", "facilitators", "benefits", "reaction",
                                            "facilitator_ratings", "tests", "observations", "outcomes",
                                            "interviews", "jp_records"])
    from kemuning_eval.ingest.codebook import load_codebook

    variables = {key: {c.variable for c in load_codebook(folder / spec["codebook"]).columns}
                 for key, spec in cfg["inputs"].items()}
    assert {"rater", "wave", "applies", "obs_1"} <= variables["observations"]
    assert {"activity_id", "period", "treated", "budget_planned", "budget_realised"} <= variables["outcomes"]
    assert {"program_id", "benefit", "annual_value", "attribution", "confidence"} <= variables["benefits"]
    assert "facilitator_name" in variables["facilitator_ratings"]
    assert any(v.startswith("fac_") for v in variables["facilitator_ratings"])
    assert main(["--root", str(tmp_path), "--quiet", "validate", "--year", "2026"]) == 0
