"""Degenerate and hard inputs: honest NaN with a reason, clear errors, no numpy warnings.

References: scipy.stats.wilcoxon (exact and normal p) with R's ``wilcox.test``
switch (exact when fewer than 50 non-zero differences and no ties, R's
documentation of ``exact = NULL``); numpy ``corrcoef`` of an item with the sum
of the other items (the corrected item-total correlation); a hand recode
``min + max - x`` and pingouin.cronbach_alpha for the reverse step; Hedges'
J = 1 - 3/(4(n-1)-1), which is 0 at n = 2 (Hedges 1981).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from kemuning_eval.errors import DataError
from kemuning_eval.i18n import LANG_ENV
from kemuning_eval.stats.cost import budget_scenario, cost_summary
from kemuning_eval.stats.learning import (
    effect_sizes,
    normalized_gain,
    paired_change,
    wilcoxon_signed_rank,
)
from kemuning_eval.stats.reliability import ReliabilityWarning, cronbach_alpha, item_analysis
from kemuning_eval.stats.roi import roi_by_program


def _answers(n: int = 40, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    trait = rng.normal(0, 1, n)
    return np.clip(np.round(3 + trait[:, None] + rng.normal(0, 0.7, (n, 4))), 1, 5)


@pytest.mark.parametrize("source", ["array", "parquet"])
def test_reverse_step_works_on_read_only_float_blocks(source, tmp_path):
    import pingouin as pg

    x = _answers()
    x[:, 3] = 6 - x[:, 3]  # the fourth item is worded the other way
    frame = pd.DataFrame(x, columns=["q1", "q2", "q3", "q4"])  # one float block
    if source == "parquet":
        frame.to_parquet(tmp_path / "reaction.parquet")
        frame = pd.read_parquet(tmp_path / "reaction.parquet")
    kw = {"columns": ["q1", "q2", "q3", "q4"], "reverse": ["q4"], "scale": (1, 5)}
    alpha = cronbach_alpha(frame, **kw)
    items = item_analysis(frame, **kw)
    recoded = frame.assign(q4=6 - frame["q4"])
    assert alpha["estimate"].iloc[0] == pytest.approx(pg.cronbach_alpha(recoded)[0], rel=1e-12)
    assert not items["reverse_suspect"].any()
    assert frame["q4"].tolist() == x[:, 3].tolist()  # the caller's data are not modified


def test_forgotten_reverse_item_is_flagged_with_a_suggestion(monkeypatch):
    monkeypatch.setenv(LANG_ENV, "en")  # warnings are worded in the messages' language
    x = _answers()
    x[:, 3] = 6 - x[:, 3]
    frame = pd.DataFrame(x, columns=["q1", "q2", "q3", "q4"])
    with pytest.warns(ReliabilityWarning) as caught:
        alpha = cronbach_alpha(frame, columns=list(frame))
    assert any("reverse: true" in str(w.message) for w in caught)
    items = item_analysis(frame, columns=list(frame)).set_index("item")
    rest = x[:, :3].sum(axis=1)
    assert items.loc["q4", "item_total_r"] == pytest.approx(np.corrcoef(x[:, 3], rest)[0, 1])
    assert items["reverse_suspect"].tolist() == [False, False, False, True]
    assert alpha["reverse_suspects"].iloc[0] == "q4"


def test_alpha_of_identical_answers_is_nan_with_a_reason_not_a_comparison(monkeypatch):
    monkeypatch.setenv(LANG_ENV, "en")
    same = pd.DataFrame({"a": [3.0] * 6, "b": [3.0] * 6, "c": [3.0] * 6})
    with pytest.warns(ReliabilityWarning) as caught:
        out = cronbach_alpha(same, columns=["a", "b", "c"]).iloc[0]
    assert np.isnan(out["estimate"]) and out["band"] is None
    assert "cannot be computed" in out["warning"] and "nan" not in out["warning"].lower()
    assert all("nan" not in str(w.message).lower() for w in caught)


def test_pairwise_interval_is_named_approximate():
    frame = pd.DataFrame(_answers(), columns=["q1", "q2", "q3", "q4"])
    frame.iloc[::7, 1] = np.nan
    listwise = cronbach_alpha(frame, columns=list(frame)).iloc[0]
    pairwise = cronbach_alpha(frame, columns=list(frame), missing="pairwise").iloc[0]
    assert "approximate" in pairwise["method"] and "approximate" not in listwise["method"]


def test_all_missing_column_gives_no_numpy_warning():
    frame = pd.DataFrame(_answers(), columns=["q1", "q2", "q3", "q4"]).assign(q4=np.nan)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warnings.simplefilter("ignore", ReliabilityWarning)
        for missing in ("listwise", "pairwise"):
            items = item_analysis(frame, columns=list(frame), missing=missing)
            cronbach_alpha(frame, columns=list(frame), missing=missing)
        assert np.isnan(items.set_index("item").loc["q4", "mean"])
        tests = pd.DataFrame({"pre": [np.nan] * 6, "post": [60.0] * 6})
        assert paired_change(tests)["n"].tolist() == []


def test_zero_variance_change_has_no_test_and_no_zero_width_interval():
    tests = pd.DataFrame({"pre": [50.0, 60, 55, 70, 40, 65], "post": [60.0, 70, 65, 80, 50, 75]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        row = paired_change(tests).iloc[0]
        eff = effect_sizes(tests).set_index("measure")
    assert row["estimate"] == 10 and row["sd"] == 0
    assert np.isnan([row["statistic"], row["p_val"], row["ci_low"], row["ci_high"]]).all()
    assert "sd = 0" in row["note"]
    assert eff["estimate"].isna().all() and eff["band"].isna().all() and eff["note"].str.contains("sd = 0").all()


def test_hedges_g_z_is_nan_below_three_pairs():
    tests = pd.DataFrame({"pre": [50.0, 40], "post": [60.0, 70]})
    eff = effect_sizes(tests, min_n=1).set_index("measure")
    assert np.isfinite(eff.loc["dz", "estimate"])
    assert np.isnan(eff.loc["gz", "estimate"]) and pd.isna(eff.loc["gz", "band"])
    assert "fewer than 3" in eff.loc["gz", "note"]
    three = effect_sizes(pd.DataFrame({"pre": [50.0, 40, 45], "post": [60.0, 70, 50]}), min_n=1)
    d, g = three["estimate"].tolist()
    assert g == pytest.approx(d * (1 - 3 / (4 * 2 - 1)))


@pytest.mark.parametrize(("n", "method"), [(49, "exact"), (50, "normal")])
def test_wilcoxon_switches_to_normal_at_50_pairs_as_r(n, method):
    rng = np.random.default_rng(n)
    size = (np.arange(1, n + 1) + 0.1 * rng.random(n)) * 40 / (n + 1)  # distinct sizes: no ties
    d = size * np.where(rng.random(n) < 0.7, 1.0, -1.0)
    pre = np.full(n, 50.0)
    row = wilcoxon_signed_rank(pd.DataFrame({"pre": pre, "post": pre + d})).iloc[0]
    ref = (stats.wilcoxon(d, method="exact") if method == "exact"
           else stats.wilcoxon(d, method="approx", correction=True))
    assert row["method"] == method
    assert row["p_val"] == pytest.approx(ref.pvalue, rel=1e-9)


def test_gain_measures_are_suppressed_as_separate_cells_and_the_ceiling_is_flagged():
    # 6 pairs, 2 at pre = 100: class gain on 6 pairs, individual gain on 4 (< 5, suppressed)
    tests = pd.DataFrame({"pre": [50.0, 60, 100, 100, 40, 80], "post": [75.0, 80, 100, 100, 70, 90]})
    gain = normalized_gain(tests).set_index("measure")
    assert gain.loc["average_individual", "suppression"] == "primary"
    assert gain.loc["class_average", "suppression"] == "" and np.isfinite(gain.loc["class_average", "estimate"])
    high = normalized_gain(pd.DataFrame({"pre": [92.0, 95, 90, 94, 96], "post": [96.0, 97, 95, 99, 97]}))
    cls = high.set_index("measure").loc["class_average"]
    assert cls["unreliable"] and "within 10 points" in cls["note"]
    full = normalized_gain(pd.DataFrame({"pre": [100.0] * 5, "post": [100.0] * 5})).set_index("measure")
    assert np.isnan(full.loc["class_average", "estimate"]) and "undefined" in full.loc["class_average", "note"]


@pytest.mark.parametrize("cost", [0.0, -5_000_000.0])
def test_zero_or_negative_costs_are_refused_everywhere_with_the_programme_named(cost):
    programs = pd.DataFrame({"program_id": ["PM", "PKD"], "cost": [60_000_000.0, cost], "participants": [20, 10],
                             "jp": [40, 30], "capacity": [20, 10], "applicants": [30, 12]})
    benefits = pd.DataFrame({"program_id": ["PM", "PKD"], "benefit": ["a", "b"], "annual_value": [1e8, 1e7],
                             "attribution": [0.5, 0.5], "confidence": [0.8, 0.8]})
    for call in (lambda: roi_by_program(benefits, programs), lambda: cost_summary(programs),
                 lambda: budget_scenario(programs, budget_change=1e7)):
        with pytest.raises(DataError, match="PKD") as err:
            call()
        assert err.value.column == "cost"
    bad_benefit = benefits.assign(annual_value=[1e8, -1.0])
    with pytest.raises(DataError, match="PKD"):
        roi_by_program(bad_benefit, programs.assign(cost=[6e7, 3e7]))


def test_identical_answers_give_no_zero_width_interval_anywhere():
    from kemuning_eval.stats.likert import summarize_items

    frame = pd.DataFrame({"q1": [4.0] * 8, "q2": [3.0, 4, 5, 4, 3, 4, 5, 4]})
    items = pd.DataFrame({"variable": ["q1", "q2"], "dimension": ["x", "x"], "scale_min": 1, "scale_max": 5})
    out = summarize_items(frame, items).set_index("item")
    assert out.loc["q1", "estimate"] == 4 and np.isnan(out.loc["q1", ["ci_low", "ci_high"]].astype(float)).all()
    ref = stats.t.interval(0.95, 7, loc=frame["q2"].mean(), scale=stats.sem(frame["q2"]))
    assert (out.loc["q2", "ci_low"], out.loc["q2", "ci_high"]) == pytest.approx(ref)
