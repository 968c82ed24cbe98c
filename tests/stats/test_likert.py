"""Tests of kemuning_eval.stats.likert.

References: means/SDs from numpy per group (independent loop), t intervals from
scipy.stats.t.interval and scipy.stats.sem, counts from collections.Counter;
category bands: the equal-width class interval 0.8 on a 1-5 mean common in
Indonesian evaluation reports (1.00-1.80 ... 4.21-5.00).
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from kemuning_eval.errors import DataError, UsageError
from kemuning_eval.report.content.labels import label
from kemuning_eval.stats.bands import likert_category
from kemuning_eval.stats.likert import summarize_dimensions, summarize_items
from kemuning_eval.stats.suppression import is_protected


@pytest.fixture(scope="module")
def survey():
    rng = np.random.default_rng(7)
    n = 120
    data = pd.DataFrame({
        "program_id": rng.choice(["PKA", "PKP", "LTX"], size=n, p=[0.5, 0.47, 0.03]),
        "gender": rng.choice(["L", "P"], size=n),
    })
    for col in ["mat_1", "mat_2", "sar_1", "ikm_u1"]:
        top = 4 if col.startswith("ikm") else 5
        data[col] = rng.integers(1, top + 1, size=n).astype(float)
    data.loc[rng.choice(n, 10, replace=False), "mat_2"] = np.nan
    items = pd.DataFrame({
        "instrument": "reaction",
        "variable": ["mat_1", "mat_2", "sar_1", "ikm_u1"],
        "label": ["Materi sesuai", "Materi mutakhir", "Ruang nyaman", "Persyaratan"],
        "dimension": ["materi", "materi", "sarana", "ikm"],
        "scale_min": [1, 1, 1, 1], "scale_max": [5, 5, 5, 4],
        "reverse": [False, True, False, False],
        "ikm_element": [None, None, None, "persyaratan"],
    })
    return data, items


def test_item_summary_matches_numpy_and_scipy(survey):
    data, items = survey
    out = summarize_items(data, items, by="program_id")
    assert set(out["item"]) == {"mat_1", "mat_2", "sar_1"}  # IKM item left out
    for (prog, item), row in out.set_index(["program_id", "item"]).iterrows():
        x = data.loc[data["program_id"] == prog, item].dropna().to_numpy()
        assert row["n"] == len(x)
        if row["suppressed"]:
            assert np.isnan(row["estimate"])
            continue
        assert row["estimate"] == pytest.approx(x.mean())
        assert row["sd"] == pytest.approx(x.std(ddof=1))
        low, high = stats.t.interval(0.95, len(x) - 1, loc=x.mean(), scale=stats.sem(x))
        assert (row["ci_low"], row["ci_high"]) == pytest.approx((low, high))
        counts = Counter(x.astype(int))
        for s in range(1, 6):
            assert row[f"count_{s}"] == counts.get(s, 0)
            assert row[f"share_{s}"] == pytest.approx(counts.get(s, 0) / len(x))
        assert row["favourable"] == pytest.approx(np.mean(x >= 4))


def test_small_group_and_its_partner_are_hidden(survey):
    data, items = survey
    out = summarize_items(data, items, by="program_id", min_n=5)
    small = out[out["program_id"] == "LTX"]
    assert (small["n"] < 5).all() and small["suppressed"].all()
    assert (small["suppression"] == "primary").all()
    # LTX is the only small cell per item: the next-smallest programme is hidden too
    assert (out.groupby("item")["suppressed"].sum() == 2).all()
    assert out.loc[out["suppressed"], ["estimate", "count_5", "category"]].isna().all().all()
    assert is_protected(out, partitions=[["item"]])


def test_two_way_breakdown_protects_both_margins(survey):
    data, items = survey
    out = summarize_items(data, items, by=["program_id", "gender"])
    assert is_protected(out, partitions=[["item", "gender"], ["item", "program_id"]])


def test_dimension_scores_are_respondent_means(survey):
    data, items = survey
    out = summarize_dimensions(data, items, by="gender", min_n=1)
    mat = data[["mat_1", "mat_2"]].mean(axis=1)  # pandas skips NaN: answered items only
    for gender, grp in data.groupby("gender"):
        row = out[(out["gender"] == gender) & (out["dimension"] == "materi")].iloc[0]
        x = mat[grp.index]
        assert row["n"] == len(x)
        assert row["estimate"] == pytest.approx(x.mean())
        assert row["sd"] == pytest.approx(x.std(ddof=1))
        answers = grp[["mat_1", "mat_2"]].stack().dropna().to_numpy()
        assert row["n_answers"] == len(answers)
        assert row["favourable"] == pytest.approx(np.mean(answers >= 4))
        assert row["category"] == likert_category([x.mean()])[0]


def test_categories_default_and_custom():
    codes = likert_category([1.0, 1.8, 2.6, 2.61, 3.4, 3.41, 4.2, 4.21, 5.0])
    assert codes == ["sangat_kurang", "sangat_kurang", "kurang", "cukup", "cukup", "baik", "baik",
                     "sangat_baik", "sangat_baik"]
    assert [label("likert", c, "id") for c in codes] == [
        "Sangat Kurang", "Sangat Kurang", "Kurang", "Cukup", "Cukup", "Baik", "Baik",
        "Sangat Baik", "Sangat Baik"]
    assert [label("likert", c, "en") for c in likert_category([4.3])] == ["Very good"]
    with pytest.raises(UsageError, match="increasing"):
        likert_category([3.0], {"a": 3, "b": 2})
    # the studi.yaml convention: {label: lowest mean of the band}
    study_cutoffs = {"Sangat Kurang": 1.0, "Kurang": 1.81, "Cukup": 2.61, "Baik": 3.41,
                     "Sangat Baik": 4.21}
    assert likert_category([1.8, 1.81, 3.405, 4.2], study_cutoffs) == [
        "Sangat Kurang", "Kurang", "Baik", "Baik"]


def test_scores_outside_the_scale_are_refused(survey):
    data, items = survey
    bad = data.copy()
    bad.loc[3, "sar_1"] = 7.0
    with pytest.raises(DataError, match="sar_1"):
        summarize_items(bad, items)
    with pytest.raises(DataError, match="kota"):
        summarize_items(data, items, by="kota")


def test_items_table_without_scale_uses_the_given_range():
    data = pd.DataFrame({"a": [4.0, 5, 4, 3, 5], "b": [2.0, 3, 4, 4, 5]})
    items = pd.DataFrame({"variable": ["a", "b"], "dimension": ["materi", "materi"]})
    out = summarize_items(data, items)
    assert [c for c in out.columns if c.startswith("count_")] == [f"count_{s}" for s in range(1, 6)]
    assert out["category"].notna().all()
