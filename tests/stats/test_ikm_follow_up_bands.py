"""Tests of the IKM follow-up bands (stats.bands: ikm_below_b, ikm_element_weak, follow_up_priority)
and of the natural order of profile categories (stats.sampling.category_order_key).

Reference: PermenPANRB 14/2017, lampiran, the table "nilai persepsi, interval IKM, interval
konversi IKM, mutu pelayanan": 1.00-2.5996 / 25.00-64.99 D; 2.60-3.064 / 65.00-76.60 C;
3.0644-3.532 / 76.61-88.30 B; 3.5324-4.00 / 88.31-100.00 A (restated in docs/domain.md
sections 3 and 8: an element NRR below 3.0644, converted 76.61, is below grade B).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kemuning_eval.stats.bands import (
    follow_up_priority,
    ikm_below_b,
    ikm_converted,
    ikm_element_weak,
    ikm_grade,
)
from kemuning_eval.stats.ikm import ELEMENTS, ikm_from_nrr
from kemuning_eval.stats.sampling import category_order_key

#: the regulation's interval table: (NRR at an end of the interval, grade)
PUBLISHED_ENDS = [(1.00, "D"), (2.5996, "D"), (2.60, "C"), (3.064, "C"), (3.0644, "B"), (3.532, "B"),
                  (3.5324, "A"), (4.00, "A")]


@pytest.mark.parametrize(("nrr", "grade"), PUBLISHED_ENDS)
def test_interval_table_of_the_regulation(nrr, grade):
    assert ikm_grade(ikm_converted(nrr))[0] == grade
    assert ikm_below_b(ikm_converted(nrr)) is (grade in ("C", "D"))
    assert ikm_element_weak(nrr) is (grade in ("C", "D"))


def test_index_of_published_nrr_values_is_their_weighted_sum():
    # docs/domain.md section 6 worked check: weights exactly 1/9, x25, grade B
    nrr = dict(zip(ELEMENTS, [3.2, 3.1, 3.4, 3.0, 3.3, 3.5, 3.6, 2.9, 3.2], strict=True))
    row = ikm_from_nrr(nrr).iloc[0]
    assert row["estimate"] == pytest.approx(sum(nrr.values()) / 9)
    assert round(row["converted"], 2) == 81.11
    assert row["grade"] == "B"
    # below B in that example: biaya (3.0 -> 75.00, C) and pengaduan (2.9 -> 72.50, C)
    assert [e for e, v in nrr.items() if ikm_element_weak(v)] == ["biaya", "pengaduan"]


def test_weak_element_follows_the_published_grade_not_the_raw_threshold():
    # 3.0643 is below the raw 3.0644, but converted 76.6075 is graded on 76.61: B, not weak
    assert ikm_grade(ikm_converted(3.0643))[0] == "B"
    assert ikm_element_weak(3.0643) is False
    assert ikm_element_weak(3.0645) is False
    # 3.0641 -> 76.6025 -> 76.60: C, weak
    assert ikm_grade(ikm_converted(3.0641))[0] == "C"
    assert ikm_element_weak(3.0641) is True
    assert ikm_element_weak(None) is False and ikm_below_b(None) is None


@given(st.floats(min_value=1.0, max_value=4.0, allow_nan=False))
def test_weak_is_exactly_below_b_with_the_default_boundary(nrr):
    assert ikm_element_weak(nrr) == ikm_below_b(ikm_converted(nrr))


def test_configured_boundary():
    assert ikm_element_weak(3.2, nrr_min=3.25) is True
    assert ikm_element_weak(3.3, nrr_min=3.25) is False


def test_follow_up_priority_on_the_rounded_converted_value():
    assert follow_up_priority(70.79) == "high"
    assert follow_up_priority(70.795) == "medium"  # shown and graded as 70.80
    assert follow_up_priority(70.80) == "medium"
    assert follow_up_priority(64.0) == "high"
    assert follow_up_priority(76.0, high_below=77.0) == "high"
    assert follow_up_priority(float("nan")) is None


def test_age_bands_and_grades_in_natural_order():
    ages = ["50+", "<30", "40-49", "30-39", "–"]
    assert sorted(ages, key=category_order_key) == ["<30", "30-39", "40-49", "50+", "–"]
    grades = ["IV/a", "PPPK X", "II/c", "PPPK IX", "III/d", "III/a", "PPPK VII"]
    assert sorted(grades, key=category_order_key) == ["II/c", "III/a", "III/d", "IV/a", "PPPK VII", "PPPK IX",
                                                      "PPPK X"]
    assert sorted(["S2", "D3", "S1", "SMA"], key=category_order_key) == ["SMA", "D3", "S1", "S2"]
