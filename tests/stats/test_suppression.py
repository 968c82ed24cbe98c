"""Tests of primary + secondary suppression (kemuning_eval.stats.suppression).

Reference: the disclosure rule in docs/domain.md section 5 (hide n < 5
and a second cell where totals would reveal the hidden one).  Recoverability
is checked independently here by solving for hidden cells from the totals.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kemuning_eval.errors import DataError, UsageError
from kemuning_eval.stats._common import as_columns, numeric_matrix, t_interval
from kemuning_eval.stats.suppression import is_protected, suppress


def test_single_hidden_cell_gets_a_partner_the_next_smallest():
    table = pd.DataFrame({"g": list("abcd"), "n": [30, 4, 9, 50], "estimate": [1.0, 2, 3, 4]})
    out = suppress(table)
    assert out["suppression"].tolist() == ["", "primary", "secondary", ""]
    assert out["estimate"].isna().tolist() == [False, True, True, False]
    assert out["n"].tolist() == [30, 4, 9, 50]  # counts stay visible


def test_no_small_cell_means_nothing_hidden():
    table = pd.DataFrame({"n": [5, 6], "estimate": [1.0, 2.0]})
    out = suppress(table)
    assert not out["suppressed"].any()
    assert out["estimate"].tolist() == [1.0, 2.0]


def test_two_margins_are_both_protected():
    # programme x gender; programme totals and gender totals are both published
    cells = pd.DataFrame(
        {"p": ["A", "A", "B", "B", "C", "C"], "g": ["L", "P"] * 3,
         "n": [20, 3, 15, 16, 30, 40], "estimate": np.arange(6.0)}
    )
    parts = [["p"], ["g"]]
    out = suppress(cells, partitions=parts)
    assert is_protected(out, partitions=parts)
    # P in A (3) primary; A/L hidden for programme A; then gender L and P each need a partner
    assert out["suppressed"].sum() >= 4


def test_integer_value_columns_become_float_nan():
    table = pd.DataFrame({"n": [2, 10, 10], "count_5": [1, 4, 6]})
    out = suppress(table, value_cols=["count_5"])
    assert out["count_5"].isna().sum() == 2


def test_errors_name_the_problem():
    with pytest.raises(UsageError, match="min_n"):
        suppress(pd.DataFrame({"n": [1]}), min_n=0)
    with pytest.raises(DataError, match="jumlah"):
        suppress(pd.DataFrame({"n": [1]}), n_col="jumlah")


def test_common_helpers():
    assert as_columns(("a", "b")) == ["a", "b"]
    with pytest.raises(DataError, match="mat_1"):
        numeric_matrix(pd.DataFrame({"mat_1": ["Setuju"]}), ["mat_1"], table="reaction")
    # t interval against scipy.stats.t.interval (independent reference)
    from scipy import stats

    low, high = t_interval([2.5], [1.2], [7], 0.9)
    ref = stats.t.interval(0.9, 6, loc=2.5, scale=1.2 / np.sqrt(7))
    assert np.allclose([low[0], high[0]], ref)
    assert np.isnan(t_interval([1.0], [0.0], [1])[0][0])


def _recoverable(out: pd.DataFrame, parts: list[list[str]], min_n: int) -> bool:
    """Independent check: can any hidden cell (or a hidden group under min_n) be solved for?

    Within each breakdown, total - visible = sum of hidden cells.  A lone hidden
    cell is solved exactly; several hidden cells totalling < min_n describe a
    group smaller than min_n.
    """
    for part in parts:
        groups = [out] if not part else [g for _, g in out.groupby(part)]
        for g in groups:
            hidden = g[g["suppressed"]]
            if 0 < len(hidden) < len(g):
                if len(hidden) == 1 or hidden["n"].sum() < min_n:
                    return True
    return False


@settings(max_examples=60, deadline=None)
@given(
    ns=st.lists(st.integers(0, 40), min_size=1, max_size=12),
    min_n=st.integers(1, 10),
    two_way=st.booleans(),
)
def test_property_no_cell_recoverable_from_a_total(ns, min_n, two_way):
    k = len(ns)
    table = pd.DataFrame({"p": [i // 3 for i in range(k)], "g": [i % 3 for i in range(k)],
                          "n": ns, "estimate": np.linspace(1, 5, k)})
    parts = [["p"], ["g"]] if two_way else [[]]
    out = suppress(table, min_n=min_n, partitions=parts)
    assert not _recoverable(out, parts, min_n)
    assert not ((out["n"] < min_n) & ~out["suppressed"]).any()
    assert out.loc[out["suppressed"], "estimate"].isna().all()
    assert is_protected(out, min_n=min_n, partitions=parts)
