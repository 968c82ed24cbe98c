"""Person keys and kinds of repeats (kemuning_eval.ingest.dedupe), and how the pipeline reports them."""

from __future__ import annotations

import csv
import io

import exports_corpus as ec
import pandas as pd

from kemuning_eval.ingest.dedupe import person_keys, repeat_kinds
from kemuning_eval.ingest.pipeline import ingest_study, validate_study
from kemuning_eval.paths import ProjectPaths


def _pseudo(values, domain):
    return domain + values.astype(str)


def test_keys_follow_nip_then_email_then_name_and_link_to_the_nip():
    nip_id = pd.Series(["P1", None, "P9", None, None, None, None])
    kind = pd.Series(["PNS", None, "invalid", None, None, None, None])
    email = pd.Series(["ani@x.id", "ANI@x.id ", "bud@x.id", "bud@x.id", None, None, None])
    name = pd.Series(["Ani", "Ani", "Budi", "Budi", "Citra", "citra.", None])
    prog = pd.Series(["PM", "PM", "PM", "PM", "PM", "PM", "PM"])
    out = person_keys(nip_id, kind, email=email, name=name, program=prog, pseudo=_pseudo)
    # row 1 joins Ani's NIP by e-mail; row 3 joins Budi's invalid NIP by e-mail (two invalid
    # NIPs stay two people); Citra has only a name (normalised); the last row has nothing
    assert out["key"].tolist() == ["P1", "P1", "P9", "P9", "name:citra|PM", "name:citra|PM", None]
    assert out["source"].tolist() == ["nip", "email", "nip", "email", "name", "name", None]


def test_same_name_in_two_programmes_is_two_people():
    out = person_keys(pd.Series([None, None]), pd.Series([None, None]), name=pd.Series(["Ani", "Ani"]),
                      program=pd.Series(["PM", "PL"]), pseudo=_pseudo)
    assert out["key"].nunique() == 2


def test_exact_and_corrected_are_told_apart_per_group():
    df = pd.DataFrame({"pid": ["A", "A", "B", "B", "B"], "q1": [4.0, 4.0, 3.0, None, 3.0],
                       "txt": ["x", "x", None, None, "y"], "_row": [2, 3, 4, 5, 6]})
    report = pd.DataFrame({"row": [2, 3, 4, 5, 6], "action": ["drop", "keep", "drop", "drop", "keep"]})
    kinds = repeat_kinds(df, report, answers=["q1", "txt"], group=["pid"])["duplicate"].tolist()
    assert kinds == ["exact", "", "corrected", "corrected", ""]


def test_records_without_any_key_are_counted_and_kept_in_a_survey(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KEMUNING_EVAL_KEY", "kunci-uji-untuk-ekspor-0123456789")
    (tmp_path / "notebooks").mkdir()
    paths = ProjectPaths(tmp_path)
    raw = ec.assemble(paths.raw(ec.YEAR), ["google-forms-id"])
    f = raw / "survei-reaksi.csv"
    rows = list(csv.reader(io.StringIO(f.read_text(encoding="utf-8"))))
    rows[5][1:4] = ["", "", ""]  # e-mail, name and NIP of one submission left empty
    buf = io.StringIO()
    csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(rows)
    f.write_text(buf.getvalue(), encoding="utf-8")
    res = ingest_study(ec.YEAR, paths=paths)
    dq = pd.read_parquet(res.out_dir / "data_quality.parquet")
    unkeyed = dq[dq["check"] == "unkeyed"]
    assert unkeyed[["n", "severity", "rows"]].values.tolist() == [[1, "warning", "6"]]
    reaction = pd.read_parquet(res.out_dir / "reaction.parquet")
    assert reaction["participant_id"].isna().sum() == 1
    assert validate_study(ec.YEAR, paths=paths) == 0
    assert "tanpa NIP, e-mail, maupun nama" in capsys.readouterr().err
