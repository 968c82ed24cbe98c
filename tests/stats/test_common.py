"""Shared statistics helpers (paired t test, constant group) and a grouping regression.

Reference for :func:`t_test_mean`: ``scipy.stats.ttest_1samp`` (and, on
D = post - pre, ``scipy.stats.ttest_rel``).
"""

import numpy as np
import pandas as pd
from scipy import stats

from kemuning_eval.stats._common import ALL, drop_all, grouped, t_test_mean


def test_t_test_mean_matches_scipy_ttest_rel():
    rng = np.random.default_rng(7)
    pre = rng.normal(60, 10, 25)
    post = pre + rng.normal(3, 8, 25)
    d = post - pre
    tstat, df, p = t_test_mean([d.mean()], [d.std(ddof=1)], [len(d)])
    ref = stats.ttest_rel(post, pre)
    np.testing.assert_allclose([tstat[0], p[0]], [ref.statistic, ref.pvalue], rtol=1e-12)
    assert df[0] == len(d) - 1


def test_t_test_mean_needs_two_values():
    tstat, df, p = t_test_mean([2.0], [np.nan], [1])
    assert np.isnan(df[0]) and np.isnan(p[0])


def test_grouped_and_drop_all_round_trip():
    frame = pd.DataFrame({"program_id": ["A", "B", "A"], "x": [1.0, 2.0, 3.0]})
    data, keys = grouped(frame, [])
    assert keys == [ALL]
    totals = drop_all(data.groupby(keys)["x"].sum().reset_index())
    assert totals.columns.tolist() == ["x"] and totals["x"].tolist() == [6.0]
    same, keys = grouped(frame, ["program_id"])
    assert same is frame and keys == ["program_id"]
    assert drop_all(frame).columns.tolist() == ["program_id", "x"]


def test_share_applying_accepts_rater_in_by():
    # behavior.behavior_change's default grouping is ("program_id", "rater"); the same
    # grouping must work here (it raised pandas' "cannot insert rater").  Reference:
    # the share is counted by hand below.
    from kemuning_eval.stats.behavior import share_applying

    obs = pd.DataFrame({"participant_id": [f"P{i}" for i in range(12)], "program_id": ["A"] * 6 + ["B"] * 6,
                        "rater": "supervisor", "wave": "followup",
                        "applies": [True, True, True, False, True, False] * 2})
    plain = share_applying(obs, by="program_id")
    with_rater = share_applying(obs, by=["program_id", "rater"])
    assert with_rater.columns.tolist() == plain.columns.tolist()
    pd.testing.assert_frame_equal(with_rater, plain)
    assert with_rater["estimate"].tolist() == [4 / 6, 4 / 6]
