"""The codebook template on real-shaped exports (tests/fixtures/exports)."""

from __future__ import annotations

import exports_corpus as ec
import pytest
import yaml

from kemuning_eval.ingest.codebook import codebook_from_mapping, load_codebook
from kemuning_eval.ingest.convert import apply_codebook
from kemuning_eval.ingest.readers import RawTable, read_table
from kemuning_eval.ingest.template import guess_column, template, write_template

CSV_EXPORTS = {"google-forms-id": "survei-reaksi.csv", "google-forms-en": "survey-reaction.csv",
               "kobotoolbox": "reaksi-kobo.csv", "excel-scores": "nilai-pretest-posttest.csv"}


def _template(tmp_path, folder, file):
    out = tmp_path / f"{folder}.yaml"
    text = write_template(ec.HERE / folder / file, out=out)
    return text, {c["raw"]: c for c in yaml.safe_load(text)["columns"]}, out


@pytest.mark.parametrize("folder", ["google-forms-id", "google-forms-en"])
def test_google_forms_template_guesses_every_item(tmp_path, folder):
    text, cols, _ = _template(tmp_path, folder, CSV_EXPORTS[folder])
    for var, question, scale, _, _ in ec.ITEMS:  # messy case, spaces and abbreviations: > 12 raw spellings
        assert cols[question]["type"] == "likert" and cols[question]["scale"] == scale, var
    for var, question, element in ec.IKM:
        assert cols[question]["scale"] == "ikm4" and cols[question]["ikm_element"] == element
        assert cols[question]["variable"] == var
    free = "Saran dan masukan" if folder == "google-forms-id" else "Comments and suggestions"
    assert cols[free]["type"] == "freetext"
    stamp = "Stempel waktu" if folder == "google-forms-id" else "Timestamp"
    assert cols[stamp]["type"] == "datetime" and cols[stamp]["variable"] == "submitted_at"
    # only the negatively worded item carries the comment, right above its entry
    lines = text.splitlines()
    flagged = [lines[i + 1] for i, line in enumerate(lines) if line.startswith("# kemungkinan pernyataan negatif")]
    assert flagged == ["- raw: Materi pelatihan sudah ketinggalan zaman"]


@pytest.mark.parametrize("folder", sorted(CSV_EXPORTS))
def test_template_is_a_codebook_that_reads_its_file_and_copies_no_value(tmp_path, folder):
    text, _, out = _template(tmp_path, folder, CSV_EXPORTS[folder])
    raw = read_table(ec.HERE / folder / CSV_EXPORTS[folder])
    _, problems = apply_codebook(raw, load_codebook(out))
    assert not [p for p in problems if p.severity == "error"]
    pii = ec.pii_values()
    for value in pii["name"] + pii["nip"] + pii["email"] + pii["phone"]:
        assert value not in text


def test_title_rows_above_a_csv_header_are_found_and_named(tmp_path, capsys):
    _, cols, _ = _template(tmp_path, "excel-scores", CSV_EXPORTS["excel-scores"])
    err = capsys.readouterr().err
    assert "header_row: 4" in err and "--header-row 4" in err
    assert cols["NIP"]["pii"] == "nip" and cols["Nilai Pre-Test"]["type"] == "number"
    assert cols["Kode Pelatihan"]["variable"] == "program_id"
    assert cols["Tanggal Tes"]["type"] == "date"


def test_kobo_metadata_dropped_and_end_is_the_submission_time(tmp_path):
    _, cols, _ = _template(tmp_path, "kobotoolbox", CSV_EXPORTS["kobotoolbox"])
    for meta in ("_id", "_uuid", "_validation_status", "__version__", "_index"):
        assert cols[meta]["keep"] is False, meta
    assert cols["end"]["variable"] == "submitted_at" and cols["_submission_time"]["type"] == "datetime"
    assert cols["grp_penilaian/mat_1"]["variable"] == "mat_1"
    assert cols["grp_penilaian/mat_1"]["scale"] == "setuju5"  # XML choice names such as sangat_setuju
    assert cols["grp_identitas/pelatihan"]["variable"] == "program_name"


def test_microsoft_forms_workbook(tmp_path):
    path = tmp_path / "evaluasi-reaksi.xlsx"
    ec.write_msforms(path)
    text = write_template(path, out=tmp_path / "ms.yaml")
    cols = {c["raw"]: c for c in yaml.safe_load(text)["columns"]}
    assert cols["Completion time"]["variable"] == "submitted_at" and cols["Start time"]["type"] == "datetime"
    assert cols["ID"]["keep"] is False and cols["Name"]["pii"] == "name" and cols["Email"]["pii"] == "email"
    assert cols["Kode Pelatihan"]["variable"] == "program_id"


def test_ambiguous_timestamp_gets_dmy_and_a_comment():
    import pandas as pd

    raw = RawTable(pd.DataFrame({"Stempel waktu": ["01/03/2026 10:00:00", "02/03/2026 11:00:00"]}, dtype="str"),
                   rows=[2, 3], file="x.csv")
    book = template(raw, instrument="reaction")
    col = book["columns"][0]
    assert col["format"] == "DMY" and col["type"] == "datetime" and col["_comments"]
    cb = codebook_from_mapping({k: v for k, v in book.items()} | {"columns": [
        {k: v for k, v in col.items() if k != "_comments"}]})
    out, problems = apply_codebook(raw, cb)
    assert out["submitted_at"].dt.month.tolist() == [3, 3] and not problems


@pytest.mark.parametrize(("header", "values", "expected"), [
    ("Penjelasan materi sulit diikuti", ["SS", "TS"], "sulit"),
    ("Waktu pelatihan kurang", ["Setuju", "Tidak Setuju"], "kurang"),
    ("Modul sudah usang", ["S", "STS"], "usang"),
    ("Materi relevan", ["S", "SS"], None),
])
def test_negation_words_flag_likert_items(header, values, expected):
    import pandas as pd

    assert guess_column(header, pd.Series(values)).get("negative") == expected


def test_title_rows_above_an_xlsx_header_are_named_too(tmp_path, capsys):
    path = tmp_path / "data-peserta.xlsx"
    ec.write_roster(path)
    text = write_template(path, out=tmp_path / "peserta.yaml", instrument="roster")
    assert "header_row: 3" in capsys.readouterr().err
    cols = {c["raw"]: c for c in yaml.safe_load(text)["columns"]}
    assert cols["NIP"]["variable"] == "nip" and cols["No. HP"]["keep"] is False
    assert cols["Kode Pelatihan"]["variable"] == "program_id"


@pytest.mark.parametrize(("header", "values", "element"), [
    ("Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan?",
     ["Sangat Sesuai", "Sesuai", "Kurang Sesuai"], "persyaratan"),
    ("Bagaimana perilaku petugas dalam memberikan pelayanan?", ["Sangat Baik", "Baik", "Tidak Baik"], "perilaku"),
    ("Kualitas sarana dan prasarana", ["4", "3", "2", "1"], "sarana"),
    ("Bagaimana penanganan pengaduan pengguna layanan?", ["Dikelola dengan baik", "Tidak ada"], "pengaduan"),
])
def test_ikm_questions_recognised_by_wording(header, values, element):
    import pandas as pd

    entry = guess_column(header, pd.Series(values))
    assert (entry["scale"], entry["ikm_element"]) == ("ikm4", element)


def test_a_five_point_quality_item_is_not_ikm():
    import pandas as pd

    entry = guess_column("Kualitas sarana dan prasarana", pd.Series(["Sangat Baik", "Cukup", "Sangat Kurang"]))
    assert entry["scale"] == "kualitas5" and "ikm_element" not in entry
