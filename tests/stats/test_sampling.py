"""Tests of kemuning_eval.stats.sampling.

References: the Krejcie & Morgan (1970) table (Educational and Psychological
Measurement 30, p. 608): N=10 -> 10, 50 -> 44, 100 -> 80, 200 -> 132,
500 -> 217, 1000 -> 278, 1500 -> 306, 10000 -> 370; the values of docs/domain.md
section 3/6; response rates computed by hand.  (The printed table's tail,
100000 -> 384, does not follow its own formula, which gives 382.6 -> 383: we
follow the formula, as the guideline does.)
"""

from __future__ import annotations

import pandas as pd
import pytest

from kemuning_eval.errors import UsageError
from kemuning_eval.stats.sampling import flag_sample, krejcie_morgan, response_rates

PUBLISHED = {10: 10, 50: 44, 100: 80, 200: 132, 500: 217, 1000: 278, 1500: 306,
             10000: 370}


def test_krejcie_morgan_published_table():
    for n, s in PUBLISHED.items():
        assert krejcie_morgan(n) == s
    assert krejcie_morgan(list(PUBLISHED)).tolist() == list(PUBLISHED.values())
    assert krejcie_morgan(100000) == 383
    with pytest.raises(UsageError):
        krejcie_morgan(-1)


def test_response_rates_count_distinct_members_of_the_population():
    people = pd.DataFrame({"participant_id": [f"P{i}" for i in range(300)],
                           "program_id": ["A"] * 200 + ["B"] * 100})
    ids = [f"P{i}" for i in range(0, 200, 1)][:140] + [f"P{i}" for i in range(200, 300)]
    answers = pd.DataFrame({"participant_id": ids + ["P0", "X999"],  # a duplicate, an outsider
                            "program_id": ["A"] * 140 + ["B"] * 100 + ["A", "A"]})
    out = response_rates(people, answers).set_index("program_id")
    assert out.loc["A", "respondents"] == 140
    assert out.loc["A", "estimate"] == pytest.approx(140 / 200)
    assert out.loc["A", "n_required"] == krejcie_morgan(200) == 132
    assert out.loc["A", "sufficient"]
    assert out.loc["B", "estimate"] == 1.0 and out.loc["B", "n_required"] == 80
    overall = response_rates(people, answers, by=None).iloc[0]
    assert overall["respondents"] == 240 and overall["n_required"] == krejcie_morgan(300)
    flagged = flag_sample(pd.DataFrame({"program_id": ["A", "B"], "n": [120, 90]}), out.reset_index())
    assert flagged["below_required"].tolist() == [True, False]
