"""NIP validation (docs/domain.md section 4 reference values) and age bands."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kemuning_eval.ingest.nip import age_band, check_nip, classify_nip, normalise_nip


def test_domain_reference_values():
    # docs/domain.md section 4: 19660801 198803 1 001 valid; 19661301 198803 1 001 invalid (month 13)
    assert check_nip("19660801 198803 1 001", mode="pns") == "PNS"
    assert check_nip("19661301 198803 1 001", mode="pns") == "invalid"
    assert check_nip("19661301 198803 1 001", mode="auto") == "invalid"


@pytest.mark.parametrize(("nip", "reason"), [
    ("1966080119880310", "format"),             # 16 digits
    ("19660801 198803 1 0O1", "format"),        # letter O
    ("19660230 198803 1 001", "birth_date"),    # 30 February
    ("18990101 192003 1 001", "birth_date"),    # before 1900
    ("19660801 197003 1 001", "appointment_year"),  # appointed at 4
    ("19660801 199013 1 001", "appointment_month"),
    ("19660801 198803 3 001", "gender"),
    ("19660801 198803 1 000", "sequence"),
])
def test_each_rule_named(nip, reason):
    out = classify_nip(pd.Series([nip]), mode="pns")
    assert out["kind"].iloc[0] == "invalid"
    assert out["reason"].iloc[0] == reason


def test_separators_tolerated_and_missing_kept():
    s = pd.Series(["19660801.198803.1.001", "19660801-198803-1-001", " 196608011988031001 ", None])
    out = classify_nip(s)
    assert out["kind"].tolist() == ["PNS", "PNS", "PNS", "missing"]
    assert out["nip"].iloc[:3].nunique() == 1
    assert out["gender"].iloc[0] == "L"
    assert out["birth_date"].iloc[0] == pd.Timestamp("1966-08-01")


def test_pppk_modes_and_codes():
    pppk = "19900215 202121 2 015"  # positions 13-14 = 21: not a month
    assert check_nip(pppk, mode="pns") == "invalid"
    assert check_nip(pppk, mode="pppk") == "PPPK"
    assert check_nip(pppk, mode="auto") == "PPPK"
    assert check_nip(pppk, mode="pppk", pppk_codes=("01", "02")) == "invalid"
    assert check_nip(pppk, mode="pppk", pppk_codes=("21",)) == "PPPK"
    # a valid PNS NIP counts as PNS in auto mode
    assert check_nip("19660801 198803 1 001", mode="auto") == "PNS"


def test_bad_mode_is_usage_error():
    from kemuning_eval.errors import UsageError

    with pytest.raises(UsageError):
        classify_nip(pd.Series(["1"]), mode="asn")


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=pd.Timestamp("1950-01-01").date(), max_value=pd.Timestamp("2000-12-31").date()),
       st.integers(18, 40), st.integers(1, 12), st.sampled_from("12"), st.integers(1, 999))
def test_constructed_valid_nips_pass(birth, age, month, gender, seq):
    nip = f"{birth:%Y%m%d} {birth.year + age}{month:02d} {gender} {seq:03d}"
    assert check_nip(nip, mode="pns") == "PNS"
    assert normalise_nip(pd.Series([nip])).iloc[0].isdigit()


def test_age_band_boundaries():
    births = pd.Series(pd.to_datetime(["1997-01-01", "1996-06-01", "1987-01-01", "1986-01-01", "1977-01-01",
                                       "1976-01-01"]))
    # study year 2026: ages 29, 30, 39, 40, 49, 50
    assert age_band(births, 2026).tolist() == ["<30", "30-39", "30-39", "40-49", "40-49", "50+"]
