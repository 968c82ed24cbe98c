"""Tests of kemuning_eval.stats.reliability.

References: pingouin.cronbach_alpha (complete data: same alpha, Feldt CI that
pingouin rounds to 3 decimals); the published examples in pingouin's
documentation, which were checked against R psych::alpha (datasets
"cronbach_alpha": 0.5917, [0.195, 0.84]; "cronbach_wide_missing": listwise
0.8017, pairwise 0.7327); with missing data, a hand computation of
psych::alpha(na.omit(x)) (complete rows for alpha and CI; see docs/domain.md s7).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pingouin as pg
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from kemuning_eval.report.content.labels import label
from kemuning_eval.stats.bands import alpha_band
from kemuning_eval.stats.reliability import (
    ReliabilityWarning,
    cronbach_alpha,
    item_analysis,
)


def _likert(n=60, k=5, seed=1, missing=0):
    rng = np.random.default_rng(seed)
    trait = rng.normal(size=(n, 1))
    x = np.clip(np.round(3 + trait + rng.normal(scale=0.9, size=(n, k))), 1, 5)
    data = pd.DataFrame(x, columns=[f"q{i}" for i in range(1, k + 1)])
    if missing:
        data = data.mask(rng.random(size=data.shape) < missing)
    return data


def _alpha_by_hand(x: np.ndarray) -> float:
    k = x.shape[1]
    return k / (k - 1) * (1 - x.var(axis=0, ddof=1).sum() / x.sum(axis=1).var(ddof=1))


def test_complete_data_matches_pingouin():
    data = _likert()
    out = cronbach_alpha(data, columns=list(data.columns)).iloc[0]
    ref_alpha, ref_ci = pg.cronbach_alpha(data=data)
    assert out["estimate"] == pytest.approx(ref_alpha, rel=1e-12)
    assert (out["ci_low"], out["ci_high"]) == pytest.approx(tuple(ref_ci), abs=5e-4)
    assert out["n"] == 60 and out["k"] == 5 and out["missing"] == "listwise"


def test_published_examples_from_pingouin_docs_checked_against_psych():
    long = pg.read_dataset("cronbach_alpha")
    wide = long.pivot(index="Subj", columns="Items", values="Scores").astype(float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReliabilityWarning)
        out = cronbach_alpha(wide, columns=list(wide.columns)).iloc[0]
    assert out["estimate"] == pytest.approx(0.5917188485995826)
    assert (round(out["ci_low"], 3), round(out["ci_high"], 3)) == (0.195, 0.84)
    miss = pg.read_dataset("cronbach_wide_missing").astype(float)
    cols = list(miss.columns)
    assert cronbach_alpha(miss, columns=cols)["estimate"].iloc[0] == pytest.approx(0.8016949152542373)
    pair = cronbach_alpha(miss, columns=cols, missing="pairwise").iloc[0]
    assert pair["estimate"] == pytest.approx(0.732660835214447)
    assert (round(pair["ci_low"], 3), round(pair["ci_high"], 3)) == (0.435, 0.909)


def test_listwise_with_missing_matches_psych_na_omit_by_hand():
    data = _likert(n=80, missing=0.05, seed=4)
    out = cronbach_alpha(data, columns=list(data.columns)).iloc[0]
    complete = data.dropna().to_numpy()
    n, k = complete.shape
    alpha = _alpha_by_hand(complete)
    low = 1 - (1 - alpha) * stats.f.ppf(0.975, n - 1, (n - 1) * (k - 1))
    high = 1 - (1 - alpha) * stats.f.ppf(0.025, n - 1, (n - 1) * (k - 1))
    assert out["n"] == n < len(data)
    assert out["estimate"] == pytest.approx(alpha)
    assert (out["ci_low"], out["ci_high"]) == pytest.approx((low, high))
    # pingouin's listwise CI uses the row count before deletion (docs/domain.md s7): it differs
    _, pg_ci = pg.cronbach_alpha(data=data, nan_policy="listwise")
    assert abs(pg_ci[0] - low) > 1e-3


def test_item_analysis_uses_the_same_rows_as_alpha():
    data = _likert(n=80, missing=0.05, seed=4)
    out = item_analysis(data, columns=list(data.columns)).set_index("item")
    complete = data.dropna()
    for item in data.columns:
        rest = complete.drop(columns=item)
        assert out.loc[item, "alpha_if_deleted"] == pytest.approx(_alpha_by_hand(rest.to_numpy()))
        r = np.corrcoef(complete[item], rest.sum(axis=1))[0, 1]
        assert out.loc[item, "item_total_r"] == pytest.approx(r)
        assert out.loc[item, "n"] == len(complete)
        assert out.loc[item, "mean"] == pytest.approx(complete[item].mean())


def test_reverse_items_recoded_from_raw():
    data = _likert(seed=9)
    raw = data.copy()
    raw["q2"] = 6 - raw["q2"]  # as answered on a negatively worded item
    direct = cronbach_alpha(data, columns=list(data.columns))["estimate"].iloc[0]
    recoded = cronbach_alpha(raw, columns=list(raw.columns), reverse=["q2"], scale=(1, 5))
    assert recoded["estimate"].iloc[0] == pytest.approx(direct)


def test_scales_from_items_table_and_warnings():
    data = _likert(k=5, seed=2)
    data["x1"] = np.random.default_rng(0).integers(1, 6, 60).astype(float)
    data["x2"] = np.random.default_rng(1).integers(1, 6, 60).astype(float)
    items = pd.DataFrame({"variable": [*data.columns],
                          "dimension": ["materi"] * 5 + ["sarana"] * 2,
                          "scale_min": 1, "scale_max": 5, "ikm_element": None})
    with pytest.warns(ReliabilityWarning) as caught:
        out = cronbach_alpha(data, items).set_index("scale")
    assert out.loc["materi", "warning"] == ""
    assert "2" in out.loc["sarana", "warning"] and "0,70" in out.loc["sarana", "warning"]
    assert len(caught) == 2
    assert set(item_analysis(data, items)["scale"]) == {"materi", "sarana"}


def test_george_mallery_bands():
    codes = [alpha_band(a) for a in (0.95, 0.85, 0.75, 0.65, 0.55, 0.3)]
    assert codes == ["excellent", "good", "acceptable", "questionable", "poor", "unacceptable"]
    assert [label("alpha", c, "en") for c in codes] == [
        "Excellent", "Good", "Acceptable", "Questionable", "Poor", "Unacceptable"]
    assert alpha_band(0.8) == "acceptable"  # "> .8" is strict


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), perm=st.permutations(range(5)))
def test_property_alpha_invariant_to_item_order(seed, perm):
    data = _likert(n=30, seed=seed, missing=0.03)
    cols = list(data.columns)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReliabilityWarning)
        a = cronbach_alpha(data, columns=cols).iloc[0]
        b = cronbach_alpha(data, columns=[cols[i] for i in perm]).iloc[0]
    assert b["estimate"] == pytest.approx(a["estimate"], rel=1e-9, nan_ok=True)
    assert b["ci_low"] == pytest.approx(a["ci_low"], rel=1e-9, nan_ok=True)
