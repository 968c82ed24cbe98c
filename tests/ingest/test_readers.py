"""Readers: CSV variants, Windows-1252, XLSX title rows, SPSS value labels, empty files."""

from __future__ import annotations

import pandas as pd
import pytest
from ingest_support import STUDY, write_sav, write_workbook

from kemuning_eval.errors import DataError
from kemuning_eval.ingest.readers import detect_header_row, read_table


def test_google_forms_export_utf8_bom_quoted():
    t = read_table(STUDY / "survei-reaksi.csv")
    assert t.encoding == "utf-8-sig" and t.sep == ","
    assert t.frame.columns[0] == "Stempel waktu"  # no BOM left in the header
    assert t.rows.tolist() == [2, 3, 4, 5, 6]
    # padded label kept as text (stripped); empty answer is missing
    assert t.frame.loc[0, "Materi pelatihan sesuai dengan kebutuhan pekerjaan saya"] == "sangat setuju"
    assert pd.isna(t.frame.loc[1, "Materi mudah dipahami"])


def test_semicolon_decimal_comma_windows_1252():
    t = read_table(STUDY / "nilai-tes.csv")
    assert (t.sep, t.decimal, t.encoding) == (";", ",", "cp1252")
    assert t.frame.loc[3, "Nama Peserta"] == "Andr\u00e9 R\u00e9naldi"
    assert t.frame.loc[0, "Nilai Pre-Test"] == "55,5"


def test_options_override_detection(tmp_path):
    f = tmp_path / "x.csv"
    f.write_text("a|b\n1|2,5\n", encoding="utf-8")
    t = read_table(f, sep="|", decimal=",")
    assert list(t.frame.columns) == ["a", "b"] and t.decimal == ","


def test_blank_lines_keep_spreadsheet_row_numbers(tmp_path):
    f = tmp_path / "x.csv"
    f.write_text("a,b\n1,2\n,\n3,4\n", encoding="utf-8")
    assert read_table(f).rows.tolist() == [2, 4]


def test_header_row_option_for_csv_title_rows(tmp_path):
    f = tmp_path / "x.csv"
    f.write_text("Rekap nilai 2026\n\nNIP;Nilai\n1;2\n", encoding="utf-8")
    t = read_table(f, header_row=3)
    assert list(t.frame.columns) == ["NIP", "Nilai"] and t.rows.tolist() == [4]


def test_xlsx_title_rows_detected(tmp_path):
    path = tmp_path / "w.xlsx"
    write_workbook(path)
    t = read_table(path, sheet="Peserta")
    assert t.header_row == 4
    assert t.frame.columns[:3].tolist() == ["No", "Nama", "NIP"]
    assert t.rows.tolist()[0] == 5
    fac = read_table(path, sheet="fasilitator")  # sheet names forgive case
    assert fac.header_row == 2 and fac.frame["NIP"].iloc[0] == "19700101 199503 1 010"
    prog = read_table(path, sheet=2)
    assert prog.frame["JP"].tolist() == ["40", "30"]  # integral numbers without ".0"
    assert prog.frame["Tanggal Mulai"].iloc[0].startswith("2026-02-02")


def test_xlsx_unknown_sheet_lists_sheets(tmp_path):
    path = tmp_path / "w.xlsx"
    write_workbook(path)
    with pytest.raises(DataError, match="Peserta, Program, Fasilitator"):
        read_table(path, sheet="Manfaat")


def test_detect_header_row_plain_table():
    grid = pd.DataFrame([["a", "b"], [1, 2]])
    assert detect_header_row(grid) == 1


def test_spss_value_labels_kept(tmp_path):
    path = tmp_path / "o.sav"
    write_sav(path)
    t = read_table(path)
    assert t.kind == "sav"
    assert t.frame["Penilai"].tolist() == ["1", "1", "3", "3"]
    assert t.value_labels["Penilai"] == {"1": "atasan", "2": "rekan", "3": "diri sendiri"}
    assert t.frame["Tanggal"].iloc[0].startswith("2026-01-15")


@pytest.mark.parametrize(("content", "message"), [
    (b"", "kosong"),
    (b"NIP;Nilai\n", "tidak berisi baris data"),
    (b"\n\n", "kosong"),
])
def test_empty_files_are_clear_errors(tmp_path, content, message):
    f = tmp_path / "kosong.csv"
    f.write_bytes(content)
    with pytest.raises(DataError, match=message) as exc:
        read_table(f)
    assert "kosong.csv" in str(exc.value)


def test_unknown_suffix_and_missing_file(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"%PDF")
    with pytest.raises(DataError, match="tidak dikenal"):
        read_table(tmp_path / "a.pdf")
    with pytest.raises(DataError, match="tidak ditemukan"):
        read_table(tmp_path / "b.csv")


def test_wrong_encoding_option_is_clear(tmp_path):
    f = tmp_path / "x.csv"
    f.write_bytes("a;b\n\u00e9;1\n".encode("cp1252"))
    with pytest.raises(DataError, match="encoding"):
        read_table(f, encoding="utf-8")
