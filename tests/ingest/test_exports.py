"""Ingestion of real-shaped exports (tests/fixtures/exports): counts, means, duplicates, privacy.

The truth (respondents after de-duplication, exact duplicates and corrected
resubmissions, each person's final answers) comes from the generator
``tests/exports_corpus.py``; item means are computed here from that truth,
not by the package.
"""

from __future__ import annotations

import datetime as dt
import math
import re

import exports_corpus as ec
import pandas as pd
import pytest
import yaml

from kemuning_eval.ingest.pipeline import ingest_study, validate_study
from kemuning_eval.paths import ProjectPaths

KEY = "kunci-uji-untuk-ekspor-0123456789"
SURVEYS = ["google-forms-id", "google-forms-en", "microsoft-forms", "kobotoolbox"]
VARIABLES = [v for v, *_ in ec.ITEMS] + [v for v, _, _ in ec.IKM]


@pytest.fixture
def study(tmp_path, monkeypatch):
    """Return ``build(parts) -> (paths, raw folder)``: a project holding an assembled study."""
    monkeypatch.setenv("KEMUNING_EVAL_KEY", KEY)
    (tmp_path / "notebooks").mkdir()
    paths = ProjectPaths(tmp_path)

    def build(parts):
        raw = ec.assemble(paths.raw(ec.YEAR), parts)
        return paths, raw

    return build


def _ingest(study, parts):
    paths, raw = study(parts)
    res = ingest_study(ec.YEAR, paths=paths)
    return res, res.out_dir


def _quality(out, check):
    dq = pd.read_parquet(out / "data_quality.parquet")
    return dq[dq["check"] == check]


def test_committed_corpus_is_what_the_generator_writes(tmp_path):
    ec.write_corpus(tmp_path)
    for new in sorted(p for p in tmp_path.rglob("*") if p.is_file()):
        rel = new.relative_to(tmp_path)
        old = ec.HERE / rel
        if new.suffix == ".yaml":  # compared as data: the YAML writer's layout may change between versions
            assert yaml.safe_load(old.read_text(encoding="utf-8")) == yaml.safe_load(new.read_text(encoding="utf-8"))
        else:
            assert old.read_bytes() == new.read_bytes(), f"{rel}: run python tests/exports_corpus.py"


@pytest.mark.parametrize("export", SURVEYS)
def test_survey_export_counts_means_duplicates(study, export):
    truth = ec.TRUTH[export]
    res, out = _ingest(study, [export])
    reaction = pd.read_parquet(out / "reaction.parquet")
    # respondents after de-duplication: one row per person, every row keyed
    assert len(reaction) == truth.respondents == reaction["participant_id"].nunique()
    assert res.manifest["cleaning"][0]["rows_in"] == truth.rows
    # item means computed here from the people's final answers (reverse item recoded by hand)
    for var in VARIABLES:
        expected = sum(a[var] for a in truth.final.values()) / len(truth.final)
        assert math.isclose(reaction[var].mean(), expected, rel_tol=0, abs_tol=1e-12), var
    # exact duplicates and corrected resubmissions counted apart, in both reports
    dup = pd.read_csv(out / f"duplikat-{ec.YEAR}.csv", keep_default_na=False)
    dropped = dup[dup["action"] == "drop"]
    assert (dropped["duplicate"] == "exact").sum() == truth.exact
    assert (dropped["duplicate"] == "corrected").sum() == truth.corrected
    assert int(_quality(out, "duplicate_exact")["n"].sum()) == truth.exact
    assert int(_quality(out, "duplicate_corrected")["n"].sum()) == truth.corrected
    # the resubmission without NIP was joined to its person through the e-mail
    assert int(_quality(out, "keyed_by_email")["n"].sum()) == 1
    assert _quality(out, "unkeyed").empty
    # nip_kind kept without a roster: the two invalid NIPs are two people marked invalid
    assert (reaction["nip_kind"] == "invalid").sum() == truth.invalid_nips
    assert set(reaction["nip_kind"].dropna()) <= {"PNS", "PPPK", "invalid"}


def test_score_export_title_rows_cp1252_decimal_commas(study):
    truth = ec.TRUTH["excel-scores"]
    _, out = _ingest(study, ["excel-scores"])
    tests = pd.read_parquet(out / "tests.parquet")
    assert len(tests) == truth.respondents == tests["participant_id"].nunique()
    for var in ("pre", "post"):
        expected = sum(a[var] for a in truth.final.values()) / len(truth.final)
        assert math.isclose(tests[var].mean(), expected, abs_tol=1e-12), var
    assert int(_quality(out, "duplicate_exact")["n"].sum()) == truth.exact
    assert int(_quality(out, "duplicate_corrected")["n"].sum()) == truth.corrected
    assert (tests["nip_kind"] == "invalid").sum() == truth.invalid_nips
    assert sorted(tests["program_id"].unique()) == ["PL-02", "PM-01"]
    assert _quality(out, "header_row")["n"].tolist() == [4]  # three title rows skipped, recorded


@pytest.mark.parametrize("parts", ["survey", "tests", "survey+tests", "survey+roster", "all-but-costs", "all",
                                   ["google-forms-en"], ["microsoft-forms"], ["kobotoolbox", "roster"]])
def test_no_name_nip_phone_or_email_reaches_processed(study, parts):
    _, out = _ingest(study, parts)
    pii = ec.pii_values()
    needles = [v.lower() for kind in ("nip", "phone", "email", "name") for v in pii[kind]]
    needles += [p.nip.replace(" ", "") for p in ec.PEOPLE]
    words = sorted({w.lower() for n in pii["name"] for w in n.split(" ")})
    first_names = re.compile(r"\b(" + "|".join(words) + r")\b")
    for f in sorted(out.iterdir()):
        if f.suffix == ".parquet":
            frame = pd.read_parquet(f)
            text = "\n".join(frame[c].astype(str).str.lower().str.cat(sep="\n") for c in frame.columns)
        else:
            text = f.read_text(encoding="utf-8").lower()
        hits = [n for n in needles if n in text] + first_names.findall(text)
        assert not hits, f"{f.name}: {hits[:3]}"


def test_free_text_is_scrubbed_but_kept(study):
    _, out = _ingest(study, ["google-forms-id"])
    text = " ".join(pd.read_parquet(out / "reaction.parquet")["suggestion"].dropna())
    assert "[NAMA]" in text and "[TELEPON]" in text and "[EMAIL]" in text and "[NIP]" in text
    assert "<b>Materi bagus</b>" in text  # HTML is data here; the report escapes it


def test_google_forms_gmt_offset_is_local_time_and_ordered_day_month(study):
    subs, _ = ec.survey(101, list(range(0, 14)))
    _, out = _ingest(study, ["google-forms-id"])
    stored = set(pd.read_parquet(out / "reaction.parquet")["submitted_at"])
    assert stored <= {pd.Timestamp(s.when) for s in subs}
    assert min(stored) == pd.Timestamp(min(s.when for s in subs))


def test_us_english_timestamps_read_month_first(study):
    subs, _ = ec.survey(202, list(range(2, 16)))
    _, out = _ingest(study, ["google-forms-en"])
    stored = set(pd.read_parquet(out / "reaction.parquet")["submitted_at"])
    assert stored <= {pd.Timestamp(s.when) for s in subs}


def test_kobo_end_times_with_offsets_are_converted_to_the_main_offset(study):
    subs, _ = ec.survey(303, list(range(0, 14)))
    _, out = _ingest(study, ["kobotoolbox"])
    stored = pd.read_parquet(out / "reaction.parquet")["submitted_at"].dt.floor("s")
    # WITA (UTC+8) rows are stored in WIB (UTC+7), the offset most rows have
    assert set(stored) <= {pd.Timestamp(s.when) for s in subs}


def test_programmes_without_a_programme_table(study):
    _, out = _ingest(study, ["kobotoolbox"])
    programs = pd.read_parquet(out / "programs.parquet")
    assert programs[["program_id", "name", "source"]].values.tolist() == [
        ["MANAJEMEN-PROYEK", "Manajemen Proyek", "exports"],
        ["PELAYANAN-PUBLIK-PRIMA", "Pelayanan Publik Prima", "exports"]]
    assert programs["jp"].isna().all() and programs["cost"].isna().all()
    reaction = pd.read_parquet(out / "reaction.parquet")
    assert set(reaction["program_id"]) == set(programs["program_id"])


def test_survey_with_roster_takes_the_rosters_programme(study):
    _, out = _ingest(study, "survey+roster")
    programs = pd.read_parquet(out / "programs.parquet")
    assert programs["program_id"].tolist() == ["PL-02", "PM-01"] and (programs["source"] == "exports").all()
    assert programs["participants"].tolist() == [8, 8]
    reaction = pd.read_parquet(out / "reaction.parquet")
    assert set(reaction["program_id"]) == {"PL-02", "PM-01"}
    assert len(reaction) == ec.TRUTH["google-forms-id"].respondents


def test_everything_uses_the_programme_table(study):
    res, out = _ingest(study, "all")
    programs = pd.read_parquet(out / "programs.parquet")
    assert (programs["source"] == "table").all() and programs["cost"].notna().all()
    assert res.manifest["programs_source"] == "table"
    reaction = pd.read_parquet(out / "reaction.parquet")
    assert set(reaction["program_id"]) == {"PL-02", "PM-01"}
    assert _quality(out, "unmatched_program").empty


def test_negatively_worded_item_without_reverse_is_a_warning(study, capsys):
    paths, raw = study(["google-forms-en"])
    cb = raw / "codebook" / "google-forms-en.yaml"
    book = yaml.safe_load(cb.read_text(encoding="utf-8"))
    for col in book["columns"]:
        col.pop("reverse", None)
    cb.write_text(yaml.safe_dump(book, allow_unicode=True), encoding="utf-8")
    assert validate_study(ec.YEAR, paths=paths) == 0
    err = capsys.readouterr().err
    line = next(x for x in err.splitlines() if "item-total" in x)
    assert "Materi pelatihan sudah ketinggalan zaman" in line and "reverse: true" in line and "mat_4" in line


def test_ambiguous_dates_stop_with_column_and_two_examples(study, capsys):
    paths, raw = study(["excel-scores"])
    f = raw / "nilai-pretest-posttest.csv"
    text = f.read_bytes().decode("cp1252")
    for day in range(13, 17):
        text = text.replace(f"{day}/03/{ec.YEAR}", f"{day - 12:02d}/03/{ec.YEAR}")
    f.write_bytes(text.encode("cp1252"))
    assert validate_study(ec.YEAR, paths=paths) == 1
    err = capsys.readouterr().err
    line = next(x for x in err.splitlines() if "hari/bulan" in x)
    assert "'Tanggal Tes'" in line and "format: DMY" in line
    assert re.search(r"'\d\d/03/2026' .* '\d\d/03/2026'", line)
    assert "Traceback" not in err


def test_microsoft_forms_dates_from_excel_cells(study):
    _, rows, truth = ec.microsoft_forms_rows()
    _, out = _ingest(study, ["microsoft-forms"])
    stored = set(pd.read_parquet(out / "reaction.parquet")["submitted_at"])
    assert stored <= {pd.Timestamp(r[2]) for r in rows}
    assert len(stored) == truth.respondents
    assert all(isinstance(r[2], dt.datetime) for r in rows)


def test_survey_names_and_score_codes_are_matched_through_the_people(study):
    _, out = _ingest(study, "survey+tests")
    programs = pd.read_parquet(out / "programs.parquet")
    assert programs[["program_id", "name"]].values.tolist() == [["PL-02", "Pelayanan Publik Prima"],
                                                                 ["PM-01", "Manajemen Proyek"]]
    for table in ("reaction", "tests"):
        assert set(pd.read_parquet(out / f"{table}.parquet")["program_id"]) == {"PL-02", "PM-01"}
    assert int(_quality(out, "program_matched")["n"].sum()) == 2
