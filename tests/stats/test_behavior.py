"""Behaviour (Kirkpatrick level 3) against independent references.

References: scipy.stats.ttest_rel (paired t, its confidence_interval),
statsmodels.stats.proportion.proportion_confint(method="wilson"),
pingouin.intraclass_corr (ICC(A,1) = ICC(2,1), ICC(C,1) = ICC(3,1); Shrout &
Fleiss 1979 worked example), sklearn.metrics.cohen_kappa_score(weights="quadratic")
and statsmodels.stats.inter_rater.cohens_kappa(wt="quadratic"), statsmodels
MixedLM through its formula interface.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from kemuning_eval.errors import DataError, UsageError
from kemuning_eval.stats.behavior import (
    behavior_change,
    behavior_mixed_model,
    icc_two_way,
    rater_agreement,
    share_applying,
    weighted_kappa,
    weighted_kappa_test,
)


def make_observations(n: int = 40, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    ids = [f"P{i:03d}" for i in range(n)]
    person = rng.normal(0, 0.6, n)
    unit_shift = rng.normal(0, 0.4, 6)[np.arange(n) % 6]  # work units differ in how much changes
    rows = []
    for r, off in (("supervisor", 0.0), ("peer", 0.1), ("self", 0.4)):
        for w, shift in (("baseline", 0.0), ("followup", 0.6)):
            block = pd.DataFrame({"participant_id": ids, "program_id": np.where(np.arange(n) < n // 2, "PM", "PKD"),
                                  "unit": [f"U{i % 6}" for i in range(n)], "rater": r, "wave": w})
            for j in (1, 2, 3):
                latent = 3 + off + shift + (unit_shift if shift else 0.0) + person + rng.normal(0, 0.6, n)
                block[f"obs_{j}"] = np.clip(np.rint(latent), 1, 5)
            block["applies"] = (rng.random(n) < 0.7) if w == "followup" else None
            rows.append(block)
    return pd.concat(rows, ignore_index=True)


@pytest.fixture(scope="module")
def obs() -> pd.DataFrame:
    data = make_observations()
    data.loc[5, "obs_2"] = np.nan  # one missing answer: that pair drops for obs_2 only
    return data


def _wave(obs, rater, wave, program, col):
    sel = (obs["rater"] == rater) & (obs["wave"] == wave) & (obs["program_id"] == program)
    return obs.loc[sel].set_index("participant_id")[col]


def test_change_matches_scipy_ttest_rel(obs):
    res = behavior_change(obs, min_n=2)
    for (ind, prog, rater), row in res.set_index(["indicator", "program_id", "rater"]).iterrows():
        if ind == "obs_mean":
            continue
        base, follow = _wave(obs, rater, "baseline", prog, ind), _wave(obs, rater, "followup", prog, ind)
        pair = pd.concat([base, follow], axis=1, keys=["b", "f"]).dropna()
        ref = stats.ttest_rel(pair["f"], pair["b"])  # scipy reference
        ci = ref.confidence_interval(0.95)
        assert row["n"] == len(pair)
        assert row["estimate"] == pytest.approx((pair["f"] - pair["b"]).mean())
        assert row["statistic"] == pytest.approx(ref.statistic)
        assert row["p_val"] == pytest.approx(ref.pvalue)
        assert row["df"] == ref.df
        assert (row["ci_low"], row["ci_high"]) == pytest.approx((ci.low, ci.high))
        assert row["dz"] == pytest.approx(row["estimate"] / (pair["f"] - pair["b"]).std(ddof=1))


def test_change_missing_rule_and_composite(obs):
    res = behavior_change(obs, by=["rater"], min_n=2).set_index(["indicator", "rater"])
    assert res.loc[("obs_2", "supervisor"), "n"] == 39  # the missing obs_2 answer drops one pair
    assert res.loc[("obs_1", "supervisor"), "n"] == 40
    # composite: mean of a row's indicators, then paired (scipy reference)
    sup = obs[obs["rater"] == "supervisor"].assign(m=lambda d: d[["obs_1", "obs_2", "obs_3"]].mean(axis=1))
    b = sup[sup["wave"] == "baseline"].set_index("participant_id")["m"]
    f = sup[sup["wave"] == "followup"].set_index("participant_id")["m"]
    ref = stats.ttest_rel(f, b.loc[f.index])
    assert res.loc[("obs_mean", "supervisor"), "statistic"] == pytest.approx(ref.statistic)


def test_change_suppresses_small_groups(obs):
    small = obs[obs["participant_id"].isin(["P000", "P001", "P002", "P030", "P031", "P032", "P033",
                                            "P034", "P035"])]
    res = behavior_change(small, indicators=["obs_1"], composite=False)
    pm = res[res["program_id"] == "PM"]
    assert pm["suppressed"].all() and pm["estimate"].isna().all() and (pm["n"] == 3).all()
    # PKD (n = 6) is hidden too (secondary): with PM hidden, a published total would reveal it
    assert (res.loc[res["program_id"] == "PKD", "suppression"] == "secondary").all()


def test_change_rejects_duplicates_and_bad_args(obs):
    with pytest.raises(DataError, match="ganda"):
        behavior_change(pd.concat([obs, obs.iloc[:1]]))
    with pytest.raises(UsageError):
        behavior_change(obs, level=95)
    with pytest.raises(DataError, match="obs_9"):
        behavior_change(obs, indicators=["obs_9"])


def test_share_applying_wilson_matches_statsmodels(obs):
    from statsmodels.stats.proportion import proportion_confint

    res = share_applying(obs, level=0.9)
    for _, row in res.iterrows():
        sel = (obs["rater"] == "supervisor") & (obs["wave"] == "followup") & (obs["program_id"] == row["program_id"])
        x = obs.loc[sel, "applies"].astype(bool)
        low, high = proportion_confint(int(x.sum()), len(x), alpha=0.1, method="wilson")
        assert row["n"] == len(x) and row["count"] == x.sum()
        assert row["estimate"] == pytest.approx(x.mean())
        assert (row["ci_low"], row["ci_high"]) == pytest.approx((low, high))
    with pytest.raises(UsageError):
        share_applying(obs, rater="boss")


def test_icc_shrout_fleiss_published_example_and_pingouin():
    # Shrout & Fleiss (1979) Table 2: ICC(2,1) = 0.29, ICC(3,1) = 0.71
    data = np.array([[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]], float)
    res = icc_two_way(data)
    assert round(res["icc2_1"]["estimate"], 2) == 0.29
    assert round(res["icc3_1"]["estimate"], 2) == 0.71
    pg = pytest.importorskip("pingouin")
    long = pd.DataFrame([(i, j, data[i, j]) for i in range(6) for j in range(4)], columns=["t", "r", "y"])
    ref = pg.intraclass_corr(long, targets="t", raters="r", ratings="y").set_index("Type")
    for ours, theirs in (("icc2_1", "ICC(A,1)"), ("icc3_1", "ICC(C,1)")):
        assert res[ours]["estimate"] == pytest.approx(ref.loc[theirs, "ICC"])
        assert res[ours]["statistic"] == pytest.approx(ref.loc[theirs, "F"])
        assert res[ours]["p_val"] == pytest.approx(ref.loc[theirs, "pval"])
        # pingouin rounds its CI to 2 decimals
        assert res[ours]["ci_low"] == pytest.approx(ref.loc[theirs, "CI95"][0], abs=0.006)
        assert res[ours]["ci_high"] == pytest.approx(ref.loc[theirs, "CI95"][1], abs=0.006)


def test_rater_agreement_matches_pingouin_and_sklearn(obs):
    pg = pytest.importorskip("pingouin")
    res = rater_agreement(obs, indicators=["obs_1"]).set_index("measure")
    sub = obs[(obs["wave"] == "followup") & obs["rater"].isin(["supervisor", "peer"])]
    ref = pg.intraclass_corr(sub, targets="participant_id", raters="rater", ratings="obs_1").set_index("Type")
    assert res.loc["icc2_1", "estimate"] == pytest.approx(ref.loc["ICC(A,1)", "ICC"])
    assert res.loc["icc3_1", "estimate"] == pytest.approx(ref.loc["ICC(C,1)", "ICC"])
    wide = sub.pivot(index="participant_id", columns="rater", values="obs_1")
    sklearn_metrics = pytest.importorskip("sklearn.metrics")
    kappa = sklearn_metrics.cohen_kappa_score(wide["supervisor"], wide["peer"], weights="quadratic")
    assert res.loc["kappa_quadratic", "estimate"] == pytest.approx(kappa)
    assert res.loc["icc2_1", "n"] == 40


def test_weighted_kappa_matches_statsmodels_table():
    from statsmodels.stats.inter_rater import cohens_kappa

    rng = np.random.default_rng(4)
    a = rng.integers(1, 6, 200)
    b = np.clip(a + rng.integers(-1, 2, 200), 1, 5)
    table = pd.crosstab(a, b).reindex(index=range(1, 6), columns=range(1, 6), fill_value=0).to_numpy()
    ref = cohens_kappa(table, wt="quadratic")
    assert weighted_kappa(a, b) == pytest.approx(ref.kappa)
    # Fleiss-Cohen-Everitt variances: statsmodels' std_kappa (alternative) and std_kappa0 (null)
    res = weighted_kappa_test(a, b, level=0.9)
    assert res["se"] == pytest.approx(ref.std_kappa)
    assert res["statistic"] == pytest.approx(ref.kappa / ref.std_kappa0)
    assert res["p_val"] == pytest.approx(2 * stats.norm.sf(ref.kappa / ref.std_kappa0))
    half = stats.norm.ppf(0.95) * ref.std_kappa
    assert (res["ci_low"], res["ci_high"]) == pytest.approx((ref.kappa - half, ref.kappa + half))


def test_mixed_model_matches_statsmodels_formula_and_recovers_effect():
    import statsmodels.formula.api as smf

    data = make_observations(n=120, seed=3)
    res = behavior_mixed_model(data, indicator="obs_1", covariates=["program_id"])
    # reference: the same model built by hand from the raw rows
    sup = data[data["rater"] == "supervisor"]
    change = (sup[sup["wave"] == "followup"].set_index("participant_id")["obs_1"]
              - sup[sup["wave"] == "baseline"].set_index("participant_id")["obs_1"]).rename("change")
    frame = sup[sup["wave"] == "baseline"].set_index("participant_id")[["unit", "program_id"]].join(change)
    ref = smf.mixedlm("change ~ program_id", frame, groups=frame["unit"]).fit(reml=True)
    assert res["estimate"].to_numpy() == pytest.approx(ref.fe_params.to_numpy(), rel=1e-4)
    assert res["se"].to_numpy() == pytest.approx(ref.bse_fe.to_numpy(), rel=1e-3)
    assert res["term"].tolist() == ["Intercept", "program_id[T.PM]"]
    assert int(res["n_groups"].iloc[0]) == 6
    # the simulated latent shift is 0.6 on the 1-5 scale: the intercept's CI covers the observed mean change
    overall = behavior_mixed_model(data, indicator="obs_1")
    assert overall.loc[0, "ci_low"] < change.mean() < overall.loc[0, "ci_high"]
    assert overall.loc[0, "ci_low"] > 0


def test_mixed_model_takes_unit_from_participants():
    data = make_observations(n=30, seed=5)
    parts = data[["participant_id", "unit"]].drop_duplicates()
    res = behavior_mixed_model(data.drop(columns="unit"), participants=parts, indicator="obs_2")
    assert int(res.loc[0, "n"]) == 30
    with pytest.raises(UsageError):
        behavior_mixed_model(data.drop(columns="unit"), indicator="obs_2")
