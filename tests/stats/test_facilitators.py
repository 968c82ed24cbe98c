"""Tests of kemuning_eval.stats.facilitators.

Reference: pandas groupby means/SDs and scipy.stats.t.interval computed here
independently; suppression rule of docs/domain.md section 5.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from kemuning_eval.errors import DataError
from kemuning_eval.stats.facilitators import facilitator_dimensions, facilitator_overall


@pytest.fixture(scope="module")
def ratings():
    rng = np.random.default_rng(21)
    sizes = {"F1": 30, "F2": 25, "F3": 18, "F4": 3}
    fac = np.repeat(list(sizes), list(sizes.values()))
    data = pd.DataFrame({"facilitator_id": fac, "program_id": "PKA"})
    for col in ("fac_materi", "fac_waktu", "fac_metode"):
        data[col] = rng.integers(2, 6, len(fac)).astype(float)
    data.loc[[0, 40], "fac_waktu"] = np.nan
    return data


def test_dimensions_match_groupby(ratings):
    out = facilitator_dimensions(ratings).set_index(["facilitator_id", "item"])
    for (fac, col), row in out.iterrows():
        x = ratings.loc[ratings["facilitator_id"] == fac, col].dropna()
        assert row["n"] == len(x)
        if row["suppressed"]:
            continue
        assert row["estimate"] == pytest.approx(x.mean())
        low, high = stats.t.interval(0.95, len(x) - 1, loc=x.mean(), scale=stats.sem(x))
        assert (row["ci_low"], row["ci_high"]) == pytest.approx((low, high))
    assert out.xs("F4", level="facilitator_id")["suppression"].eq("primary").all()
    # F4 alone would be recoverable from the totals: F3 (next smallest) is hidden too
    assert out.xs("F3", level="facilitator_id")["suppression"].eq("secondary").all()


def test_overall_is_mean_of_respondent_means(ratings):
    out = facilitator_overall(ratings).set_index("facilitator_id")
    person = ratings[["fac_materi", "fac_waktu", "fac_metode"]].mean(axis=1)
    for fac in ("F1", "F2"):
        x = person[ratings["facilitator_id"] == fac]
        assert out.loc[fac, "estimate"] == pytest.approx(x.mean())
        assert out.loc[fac, "sd"] == pytest.approx(x.std(ddof=1))
    est = facilitator_overall(ratings)["estimate"].dropna()
    assert est.is_monotonic_decreasing
    assert out.loc["F4", "suppressed"]


def test_without_rating_columns():
    with pytest.raises(DataError, match="fac_"):
        facilitator_overall(pd.DataFrame({"facilitator_id": ["F1"], "x": [1.0]}))
