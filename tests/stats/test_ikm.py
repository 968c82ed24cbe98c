"""Tests of kemuning_eval.stats.ikm.

References: PermenPANRB 14/2017 formula as restated in docs/domain.md
section 3, and the worked check of section 6 (element means 3.2, 3.1, 3.4,
3.0, 3.3, 3.5, 3.6, 2.9, 3.2 -> index 3.2444..., converted 81.11, B "Baik").
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kemuning_eval.errors import DataError
from kemuning_eval.report.content.labels import label
from kemuning_eval.stats.bands import ikm_grade
from kemuning_eval.stats.ikm import (
    ELEMENTS,
    element_columns,
    ikm_elements,
    ikm_from_nrr,
    ikm_index,
)

WORKED = [3.2, 3.1, 3.4, 3.0, 3.3, 3.5, 3.6, 2.9, 3.2]


def _answers_with_means(means, n=10):
    """n answers per element (1-4) whose mean is exactly the given mean."""
    cols = {}
    for element, mean in zip(ELEMENTS, means, strict=True):
        total = round(mean * n)
        base, extra = divmod(total, n)
        cols[element] = [float(base + (i < extra)) for i in range(n)]
    return pd.DataFrame(cols)


def _items(order):
    return pd.DataFrame({"variable": [f"ikm_u{i}" for i in range(1, 10)], "ikm_element": order})


def test_worked_check_of_domain_section_6_from_raw_answers():
    answers = _answers_with_means(WORKED)
    data = answers.rename(columns={e: f"ikm_u{i}" for i, e in enumerate(ELEMENTS, 1)})
    row = ikm_index(data, _items(list(ELEMENTS))).iloc[0]
    assert row["estimate"] == pytest.approx(3.2444444444)
    assert round(row["converted"], 2) == 81.11
    assert (row["grade"], row["quality"]) == ("B", "baik")
    assert label("ikm", row["quality"], "id") == "Baik"
    assert ikm_from_nrr(dict(zip(ELEMENTS, WORKED, strict=True)))["grade"].iloc[0] == "B"


def test_elements_keyed_by_name_not_position():
    # the last two elements in the other order, as some forms print them
    answers = _answers_with_means(WORKED)
    order = list(ELEMENTS[:7]) + ["Sarana dan Prasarana", "Penanganan Pengaduan, Saran dan Masukan"]
    column_order = list(ELEMENTS[:7]) + ["sarana", "pengaduan"]
    data = pd.DataFrame({f"ikm_u{i}": answers[e] for i, e in enumerate(column_order, 1)})
    mapping = element_columns(data, _items(order))
    assert mapping["sarana"] == "ikm_u8" and mapping["pengaduan"] == "ikm_u9"
    nrr = ikm_elements(data, _items(order)).set_index("element")["nrr"]
    assert nrr["pengaduan"] == pytest.approx(2.9) and nrr["sarana"] == pytest.approx(3.2)
    assert ikm_elements(data, _items(order))["element"].iloc[0] == "pengaduan"  # weakest first


def test_exact_weight_not_rounded_weight():
    # independent computation: mean of means; the 0.111 weight of some agencies differs
    rng = np.random.default_rng(3)
    data = pd.DataFrame(rng.integers(1, 5, size=(40, 9)).astype(float),
                        columns=[f"ikm_u{i}" for i in range(1, 10)])
    data.iloc[::7, 2] = np.nan
    out = ikm_index(data, _items(list(ELEMENTS))).iloc[0]
    nrr = data.mean().to_numpy()  # pandas skips NaN: over those who answered
    assert out["estimate"] == pytest.approx(nrr.mean(), rel=1e-12)
    assert out["converted"] == pytest.approx(nrr.sum() / 9 * 25, rel=1e-12)
    assert out["converted"] != pytest.approx((nrr * 0.111).sum() * 25, abs=0.05)


def test_grade_boundaries_on_two_decimal_rounding():
    assert ikm_grade(64.994) == ("D", "tidak_baik") and label("ikm", "tidak_baik", "id") == "Tidak Baik"
    assert ikm_grade(64.995) == ("C", "kurang_baik") and label("ikm", "kurang_baik", "id") == "Kurang Baik"
    assert ikm_grade(76.604)[0] == "C" and ikm_grade(76.605)[0] == "B"
    assert ikm_grade(88.304)[0] == "B" and ikm_grade(88.305)[0] == "A"
    assert ikm_grade(float("nan")) == (None, None)


def test_groups_and_suppression():
    rng = np.random.default_rng(5)
    data = pd.DataFrame(rng.integers(1, 5, size=(60, 9)).astype(float),
                        columns=[f"ikm_u{i}" for i in range(1, 10)])
    data["program_id"] = ["A"] * 30 + ["B"] * 27 + ["C"] * 3
    out = ikm_index(data, _items(list(ELEMENTS)), by="program_id").set_index("program_id")
    assert out.loc["C", "suppression"] == "primary" and out.loc["B", "suppressed"]
    expect = data[data["program_id"] == "A"].drop(columns="program_id").mean().mean() * 25
    assert out.loc["A", "converted"] == pytest.approx(expect)


def test_missing_element_and_out_of_range_are_named():
    data = pd.DataFrame({f"ikm_u{i}": [3.0] for i in range(1, 10)})
    with pytest.raises(DataError, match="sarana"):
        ikm_index(data, _items(list(ELEMENTS[:8]) + ["persyaratan"]))
    data.loc[0, "ikm_u4"] = 5.0
    with pytest.raises(DataError, match="ikm_u4"):
        ikm_index(data, _items(list(ELEMENTS)))


@settings(max_examples=40, deadline=None)
@given(
    answers=st.lists(st.integers(1, 4), min_size=9 * 6, max_size=9 * 6),
    cell=st.integers(0, 9 * 6 - 1),
)
def test_property_grade_never_decreases_when_an_answer_increases(answers, cell):
    x = np.array(answers, dtype=float).reshape(6, 9)
    data = pd.DataFrame(x, columns=[f"ikm_u{i}" for i in range(1, 10)])
    items = _items(list(ELEMENTS))
    before = ikm_index(data, items).iloc[0]
    r, c = divmod(cell, 9)
    if x[r, c] < 4:
        data.iloc[r, c] += 1
    after = ikm_index(data, items).iloc[0]
    assert after["converted"] >= before["converted"]
    assert "DCBA".index(after["grade"]) >= "DCBA".index(before["grade"])
