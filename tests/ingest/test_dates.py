"""Dates and times as exports write them (kemuning_eval.ingest.dates), checked against datetime values
written out by hand."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from kemuning_eval.ingest.codebook import codebook_from_mapping
from kemuning_eval.ingest.convert import apply_codebook
from kemuning_eval.ingest.dates import parse_column
from kemuning_eval.ingest.readers import RawTable

T = dt.datetime(2026, 3, 10, 13, 29, 2)


@pytest.mark.parametrize(("texts", "order"), [
    (["2026/03/10 13:29:02 GMT+7", "2026/03/14 08:00:00 GMT+7"], "ymd"),         # Google Forms (id)
    (["2026/03/10 1:29:02 PM GMT+7", "2026/03/14 8:00:00 AM GMT+7"], "ymd"),     # Google Forms (en)
    (["10/03/2026 13:29:02", "14/03/2026 08:00:00"], "dmy"),                     # Sheets, Indonesian
    (["3/10/2026 1:29:02 PM", "3/14/2026 8:00:00 AM"], "mdy"),                   # Sheets, US English
    (["10.03.2026 13.29.02", "14.03.2026 08.00.00"], "dmy"),                     # dots
    (["2026-03-10T13:29:02.000+07:00", "2026-03-14T08:00:00.000+07:00"], "ymd"),  # KoboToolbox start/end
    (["2026-03-10 13:29:02", "2026-03-14 08:00:00"], "ymd"),                     # ISO, Excel cells as text
    (["10 Maret 2026 13:29:02", "14 Mar 2026 08:00:00"], "ymd"),                 # month names
    (["Mar 10, 2026 1:29:02 PM", "March 14, 2026 8:00:00 AM"], "ymd"),
])
def test_export_formats(texts, order):
    col = parse_column(pd.Series(texts))
    assert col.order == order and col.ambiguous is None
    assert col.values.tolist() == [pd.Timestamp(T), pd.Timestamp(2026, 3, 14, 8, 0, 0)]


def test_gmt_plus_seven_is_ahead_of_utc_and_mixed_offsets_meet_on_the_main_one():
    # GMT+7 is UTC+07:00 (not POSIX Etc/GMT+7 = UTC-07:00); 09:00 WITA (UTC+8) is 08:00 WIB
    col = parse_column(pd.Series(["2026-03-10T13:29:02+07:00", "2026-03-10T09:00:00+08:00",
                                  "2026-03-10T07:00:00+07:00", "2026/03/10 06:29:02 GMT"]))
    assert col.values.tolist() == [pd.Timestamp(T), pd.Timestamp(2026, 3, 10, 8), pd.Timestamp(2026, 3, 10, 7),
                                   pd.Timestamp(T)]


def test_excel_serials():
    # 46091 = 2026-03-10 in the 1900 date system (Excel: =DATE(2026,3,10) -> 46091)
    assert (dt.date(2026, 3, 10) - dt.date(1899, 12, 30)).days == 46091
    col = parse_column(pd.Series(["46091", "46091.5625", "12"]))
    assert col.values.tolist()[:2] == [pd.Timestamp(2026, 3, 10), pd.Timestamp(2026, 3, 10, 13, 30)]
    assert pd.isna(col.values.iloc[2])
    assert parse_column(pd.Series(["46091"]), fmt="excel").values.tolist() == [pd.Timestamp(2026, 3, 10)]


def test_order_decided_from_all_values_not_the_first():
    # the first 40 values are all <= 12; the 41st decides the column
    texts = [f"{d:02d}/03/2026" for d in range(1, 13)] * 3 + ["03/04/2026"] * 4 + ["25/03/2026"]
    col = parse_column(pd.Series(texts))
    assert col.order == "dmy" and col.values.dt.month.tolist()[:12] == [3] * 12


@pytest.mark.parametrize(("fmt", "month"), [("DMY", 4), ("MDY", 3), ("dd/mm/yyyy", 4), ("%m/%d/%Y", 3)])
def test_codebook_format_overrides(fmt, month):
    assert parse_column(pd.Series(["03/04/2026", "05/06/2026"]), fmt=fmt).values.dt.month.tolist()[0] == month


def test_strftime_format_still_honours_a_gmt_suffix():
    col = parse_column(pd.Series(["10/03/2026 13:29:02 GMT+7", "10/03/2026 07:29:02 GMT+1",
                                  "11/03/2026 13:29:02 GMT+7"]), fmt="%d/%m/%Y %H:%M:%S")
    assert col.values.tolist() == [pd.Timestamp(T), pd.Timestamp(T), pd.Timestamp(T) + pd.Timedelta(days=1)]


def test_impossible_dates_and_hours_are_not_dates():
    col = parse_column(pd.Series(["31/02/2026", "25/03/2026 13:00:00 PM", "25/03/2026", "12/03/2026 12:15:00 AM"]))
    assert col.values.isna().tolist() == [True, True, False, False]
    assert col.values.iloc[3] == pd.Timestamp(2026, 3, 12, 0, 15)


def _apply(values, **spec):
    raw = RawTable(pd.DataFrame({"Stempel waktu": values}, dtype="str"), rows=list(range(2, 2 + len(values))),
                   file="survei.csv")
    cb = codebook_from_mapping({"columns": [{"raw": "Stempel waktu", "variable": "submitted_at",
                                             "type": "datetime", **spec}]})
    return apply_codebook(raw, cb)


def test_ambiguous_column_is_one_error_naming_column_and_two_examples():
    _, problems = _apply(["01/03/2026 10:00:00", "02/03/2026 11:00:00", "01/03/2026 12:00:00"])
    assert len(problems) == 1
    p = problems[0]
    assert (p.file, p.column, p.severity, p.extra["check"], p.extra["n"]) == (
        "survei.csv", "Stempel waktu", "error", "ambiguous_date", 3)
    assert "'01/03/2026 10:00:00'" in p.rule and "'02/03/2026 11:00:00'" in p.rule
    assert "format: DMY" in p.hint and "format: MDY" in p.hint
    out, problems = _apply(["01/03/2026 10:00:00", "02/03/2026 11:00:00"], format="DMY")
    assert not problems and out["submitted_at"].dt.day.tolist() == [1, 2]


def test_gmt_column_no_longer_crashes_the_codebook():
    out, problems = _apply(["2026/03/10 13:29:02 GMT+7", "x"])
    assert out["submitted_at"].iloc[0] == pd.Timestamp(T)
    assert [(p.extra["check"], p.row, p.value) for p in problems] == [("not_a_date", 3, "x")]
