"""Codebooks: label matching, reverse items, unknown values with suggestions, templates."""

from __future__ import annotations

import pandas as pd
import pytest
import yaml
from ingest_support import STUDY, write_sav

from kemuning_eval.errors import ConfigError, UsageError
from kemuning_eval.ingest.codebook import codebook_from_mapping, load_codebook
from kemuning_eval.ingest.convert import apply_codebook
from kemuning_eval.ingest.labels import builtin_scale, normalise_label
from kemuning_eval.ingest.numparse import parse_numbers
from kemuning_eval.ingest.readers import RawTable, read_table
from kemuning_eval.ingest.template import write_template


def _raw(data: dict, file: str = "x.csv", decimal: str = ".") -> RawTable:
    frame = pd.DataFrame(data, dtype="str")
    return RawTable(frame, rows=list(range(2, 2 + len(frame))), file=file, decimal=decimal)


@pytest.mark.parametrize(("scale", "label", "score"), [
    ("setuju5", "SANGAT   SETUJU!!", 5), ("setuju5", "s", 4), ("setuju5", "RR", 3), ("setuju5", "t.s.", 2),
    ("setuju5", "STS", 1), ("kualitas5", "SB", 5), ("kualitas5", "baik", 4), ("kualitas5", "C", 3),
    ("kualitas5", "Kurang", 2), ("kualitas5", "sk", 1), ("kepuasan4", "SP", 4), ("kepuasan4", "p", 3),
    ("kepuasan4", "KP", 2), ("kepuasan4", "Tidak Puas", 1), ("ikm4", "3", 3), ("ikm4", "Sangat Baik", 4),
    ("yatidak", "YA", 1), ("yatidak", "tidak", 0), ("setuju5", "5 - Sangat Setuju", 5),
])
def test_builtin_scales_forgive_case_space_punctuation_abbreviations(scale, label, score):
    assert builtin_scale(scale).score(label) == score


def test_conflicting_number_and_label_is_unknown():
    assert builtin_scale("setuju5").score("5 Tidak Setuju") is None
    assert builtin_scale("setuju5").score("6") is None


def test_reverse_items_recoded_and_recorded():
    cb = codebook_from_mapping({"instrument": "r", "columns": [
        {"raw": "Q", "variable": "q", "type": "likert", "scale": "setuju5", "reverse": True},
        {"raw": "K", "variable": "k", "type": "likert", "scale": "kepuasan4", "reverse": True}]})
    out, problems = apply_codebook(_raw({"Q": ["SS", "S", "N", "TS", "STS"],
                                         "K": ["SP", "P", "KP", "TP", None]}), cb)
    assert not problems
    assert out["q"].tolist() == [1, 2, 3, 4, 5]  # x -> min + max - x on 1..5
    assert out["k"].tolist()[:4] == [1, 2, 3, 4]  # on 1..4
    items = pd.DataFrame(cb.items())
    assert items["reverse"].tolist() == [True, True]
    assert items[["scale_min", "scale_max"]].values.tolist() == [[1, 5], [1, 4]]


def test_unknown_label_names_file_row_column_value_and_suggests():
    cb = codebook_from_mapping({"columns": [
        {"raw": "Materi", "variable": "mat_1", "type": "likert", "scale": "setuju5"}]}, source="r.yaml")
    _, problems = apply_codebook(_raw({"Materi": ["SS", "Sangat Stuju", "Sangat Stuju", "xyz"]},
                                      file="survei.csv"), cb)
    assert [(p.file, p.row, p.column, p.value) for p in problems] == [
        ("survei.csv", 3, "Materi", "Sangat Stuju"), ("survei.csv", 5, "Materi", "xyz")]
    assert problems[0].extra["rows"] == [3, 4] and problems[0].severity == "error"
    assert "Sangat Setuju" in problems[0].hint
    assert "label yang dikenal" in problems[1].hint


def test_missing_required_column_is_error_optional_is_warning():
    cb = codebook_from_mapping({"columns": [
        {"raw": "NIP", "variable": "nip", "type": "nip", "required": True},
        {"raw": "Unit", "variable": "unit", "type": "text"}]})
    out, problems = apply_codebook(_raw({"N I P X": ["1"]}), cb)
    by_col = {p.column: p for p in problems}
    assert by_col["NIP"].severity == "error" and by_col["NIP"].extra["check"] == "missing_column"
    assert by_col["Unit"].severity == "warning"
    assert out["unit"].isna().all()


def test_numbers_money_percent_dates_and_range():
    cb = codebook_from_mapping({"columns": [
        {"raw": "Nilai", "variable": "score", "type": "number", "min": 0, "max": 100},
        {"raw": "Biaya", "variable": "cost", "type": "money"},
        {"raw": "Hadir", "variable": "att", "type": "percent"},
        {"raw": "Tgl", "variable": "d", "type": "date"}]})
    out, problems = apply_codebook(_raw({"Nilai": ["85,5", "105", "abc"],
                                         "Biaya": ["Rp 1.250.000", "2.000.000,50", "300000"],
                                         "Hadir": ["95%", "80", "100"],
                                         "Tgl": ["2026-03-01", "15/03/2026", "31/02/2026"]}, decimal=","), cb)
    assert out["score"].tolist()[0] == 85.5 and out["score"].isna().tolist()[1:] == [True, True]
    assert out["cost"].tolist() == [1250000.0, 2000000.5, 300000.0]
    assert out["att"].tolist() == [95.0, 80.0, 100.0]
    assert out["d"].dt.strftime("%Y-%m-%d").tolist()[:2] == ["2026-03-01", "2026-03-15"]
    checks = sorted((p.extra["check"], p.severity, p.row) for p in problems)
    assert checks == [("not_a_date", "error", 4), ("not_a_number", "error", 4), ("out_of_range", "warning", 3)]


def test_parse_numbers_english_thousands():
    assert parse_numbers(pd.Series(["1,250", "12.75"]), decimal=".").tolist() == [1250.0, 12.75]


def test_pii_values_never_in_problem_values():
    cb = codebook_from_mapping({"columns": [
        {"raw": "HP", "variable": "phone", "type": "integer", "pii": "phone"}]})
    _, problems = apply_codebook(_raw({"HP": ["0812-3456-7890"]}), cb)
    assert problems and problems[0].value is None


def test_category_values_with_spss_labels(tmp_path):
    path = tmp_path / "o.sav"
    write_sav(path)
    cb = load_codebook(STUDY / "codebook" / "observasi.yaml")
    out, problems = apply_codebook(read_table(path), cb)
    assert not [p for p in problems if p.severity == "error"]
    assert out["rater"].tolist() == ["supervisor", "supervisor", "self", "self"]
    assert out["wave"].tolist() == ["baseline", "tindak lanjut", "baseline", "tindak lanjut"]
    assert out["applies"].isna().tolist() == [True, False, True, False]
    assert out["applies"].dropna().tolist() == [True, False]


@pytest.mark.parametrize(("columns", "message"), [
    ([{"raw": "Q", "variable": "Q 1"}], "variable"),
    ([{"raw": "Q", "variable": "q", "type": "skala"}], "type 'skala'"),
    ([{"raw": "Q", "variable": "q", "type": "likert"}], "butuh 'scale'"),
    ([{"raw": "Q", "variable": "q", "type": "likert", "scale": "setuju7"}], "skala 'setuju7'"),
    ([{"raw": "Q", "variable": "q", "pii": "alamat"}], "pii 'alamat'"),
    ([{"raw": "Q", "variable": "q"}, {"raw": "R", "variable": "q"}], "dua kali"),
    ([{"raw": "Q", "variable": "q", "revers": True}], "revers"),
])
def test_bad_codebooks_are_config_errors(columns, message):
    with pytest.raises(ConfigError, match=message) as exc:
        codebook_from_mapping({"columns": columns}, source="cb.yaml")
    assert "cb.yaml" in str(exc.value)


def test_csv_codebook_same_columns(tmp_path):
    f = tmp_path / "tes.csv"
    # values in CSV use "code=value" pairs separated by ';' inside one cell (quoted here)
    f.write_text('raw;variable;type;scale;reverse;values\nNIP;nip;nip;;;\nQ;q;likert;setuju5;true;\n'
                 'Penilai;rater;category;;;"1=supervisor;2=peer"\n', encoding="utf-8")
    cb = load_codebook(f)
    spec = cb.by_variable()
    assert cb.instrument == "tes" and spec["q"].reverse and spec["rater"].values == {"1": "supervisor", "2": "peer"}


def test_template_guesses_types_scales_and_pii(tmp_path, capsys):
    out = tmp_path / "cb.yaml"
    write_template(STUDY / "survei-reaksi.csv", out=out, instrument="reaction")
    book = yaml.safe_load(out.read_text(encoding="utf-8"))
    cols = {c["raw"]: c for c in book["columns"]}
    assert cols["Alamat email"]["pii"] == "email" and cols["Alamat email"]["keep"] is False
    assert cols["Nama Lengkap"]["pii"] == "name"
    assert cols["NIP"]["pii"] == "nip" and cols["NIP"]["type"] == "nip"
    assert cols["Stempel waktu"]["type"] == "datetime"
    assert cols["Materi mudah dipahami"]["scale"] == "setuju5"
    assert cols["Kepuasan terhadap pelatihan"]["scale"] == "kepuasan4"
    assert cols["Saran dan masukan"]["type"] == "freetext"
    # the template itself is a valid codebook that reads the file it came from
    cb = load_codebook(out)
    _, problems = apply_codebook(read_table(STUDY / "survei-reaksi.csv"), cb)
    assert not [p for p in problems if p.severity == "error"]
    # no data value (name, NIP, e-mail) is copied into the template
    text = out.read_text(encoding="utf-8")
    assert "Budi" not in text and "1966" not in text and "@" not in text
    with pytest.raises(UsageError, match="tidak ditimpa"):
        write_template(STUDY / "survei-reaksi.csv", out=out)


def test_template_detects_phone_by_content(tmp_path):
    f = tmp_path / "x.csv"
    f.write_text("Kontak,Nilai\n0812-3456-7890,3\n+62 813 1111 2222,4\n", encoding="utf-8")
    text = write_template(f, out=tmp_path / "cb.yaml")
    cols = {c["raw"]: c for c in yaml.safe_load(text)["columns"]}
    assert cols["Kontak"]["pii"] == "phone"


def test_normalise_label_examples():
    assert normalise_label("Ragu - ragu") == normalise_label("ragu-ragu") == "ragu ragu"


def test_template_uses_spss_value_labels(tmp_path):
    path = tmp_path / "o.sav"
    write_sav(path)
    book = yaml.safe_load(write_template(path, out=tmp_path / "cb.yaml"))
    cols = {c["raw"]: c for c in book["columns"]}
    assert cols["Penilai"]["type"] == "category"
    assert cols["Penilai"]["values"] == {"1": "atasan", "2": "rekan", "3": "diri sendiri"}
    assert cols["NIP"]["pii"] == "nip"

