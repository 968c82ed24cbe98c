"""Year-on-year rows (report.results.year_on_year) on crafted summaries where the right answer is known.

The intervals themselves are tested against scipy, statsmodels and Newcombe
(1998) in tests/stats/test_compare.py; here: which decision each row stores.
"""

from __future__ import annotations

import pytest

from kemuning_eval.report.results.model import BasisIndicator, BasisPart, YearBasis
from kemuning_eval.report.results.year_on_year import INDICATORS, compare_indicator, year_on_year


def _ind(metric, kind, value, **fields):
    base = {"n": None, "sd": None, "count": None, "se": None, "parts": None}
    return BasisIndicator(metric=metric, kind=kind, value=value, **{**base, **fields})


def _parts(**rates_weights):
    return [BasisPart(program_id=p, weight=w, rate=r) for p, (r, w) in rates_weights.items()]


def _previous(*indicators, year=2025):
    """A previous metrics.json: each indicator's published value at its path, and the stored basis."""
    doc = {"study": {"year": year, "synthetic": True},
           "findings": {"year_basis": YearBasis(indicators=list(indicators)).model_dump()}}
    paths = {metric: path for metric, path, _kind, _fmt in INDICATORS}
    for ind in indicators:
        *parents, leaf = paths[ind.metric].split(".")
        node = doc
        for key in parents:
            node = node.setdefault(key, {})
        node[leaf] = ind.value
    return doc


def test_a_mix_only_change_is_mix_and_not_a_significant_change():
    # every programme returns what it returned last year; only the spending moved to the better one
    now = _ind("roi_pct", "ratio", 3.3, parts=_parts(A=(-20.0, 300.0), B=(40.0, 240.0)))
    before = _ind("roi_pct", "ratio", 2.2, parts=_parts(A=(-20.0, 310.0), B=(40.0, 240.0)))
    row = compare_indicator(now, before, fmt="num1", alpha=0.05, mix_share_min=0.5)
    assert row.mix_share == pytest.approx(1.0) and row.rate_component == pytest.approx(0.0)
    assert row.mix_dominated and row.verdict == "mix" and row.significant is None
    assert row.estimate == pytest.approx(1.1)


def test_a_mix_dominated_share_makes_no_significance_claim_even_with_a_small_p():
    parts_now, parts_before = _parts(A=(0.9, 800.0), B=(0.3, 200.0)), _parts(A=(0.9, 200.0), B=(0.3, 800.0))
    now = _ind("applying_share", "share", 0.78, n=1000, count=780, parts=parts_now)
    before = _ind("applying_share", "share", 0.42, n=1000, count=420, parts=parts_before)
    row = compare_indicator(now, before, fmt="pct1", alpha=0.05, mix_share_min=0.5)
    assert row.significant is True and row.p_val < 1e-6  # the pooled test alone would claim a rise
    assert row.verdict == "mix"


def test_a_rate_change_keeps_its_direction():
    now = _ind("learning_diff", "mean", 24.0, n=100, sd=10.0, parts=_parts(A=(24.0, 50.0), B=(24.0, 50.0)))
    before = _ind("learning_diff", "mean", 18.0, n=100, sd=10.0, parts=_parts(A=(18.0, 50.0), B=(18.0, 50.0)))
    row = compare_indicator(now, before, fmt="num2", alpha=0.05, mix_share_min=0.5)
    assert row.method == "welch" and row.mix_share == pytest.approx(0.0)
    assert row.verdict == "increase" and row.significant is True and row.ci_low > 0


def test_an_unchanged_count_is_unchanged_and_a_census_has_no_interval():
    row = year_on_year(YearBasis(indicators=[_ind("n_participants", "count", 600)]),
                       _previous(_ind("n_participants", "count", 600)), alpha=0.05, mix_share_min=0.5).rows[0]
    assert row.verdict == "unchanged" and row.reason == "census" and row.ci_low is None
    grown = year_on_year(YearBasis(indicators=[_ind("n_participants", "count", 640)]),
                         _previous(_ind("n_participants", "count", 600)), alpha=0.05, mix_share_min=0.5).rows[0]
    assert grown.verdict == "not_tested" and grown.estimate == 40


def test_an_older_previous_report_without_a_basis_gives_values_and_no_interval():
    previous = {"study": {"year": 2025, "synthetic": False}, "reaction": {"mean_overall": 3.7},
                "findings": {"comparison": None}}
    now = _ind("reaction_mean", "mean", 3.9, n=200, sd=0.5)
    out = year_on_year(YearBasis(indicators=[now]), previous, alpha=0.05, mix_share_min=0.5)
    row = out.rows[0]
    assert row.estimate == pytest.approx(0.2) and row.ci_low is None
    assert row.reason == "no_basis" and row.verdict == "not_tested" and row.significant is None


def test_mix_share_threshold_comes_from_the_configuration():
    from kemuning_eval.config import REPORT_RULE_DEFAULTS

    assert REPORT_RULE_DEFAULTS["mix_share"] == 0.5
    now = _ind("roi_pct", "ratio", 3.0, parts=_parts(A=(1.0, 50.0), B=(5.0, 50.0)))
    before = _ind("roi_pct", "ratio", 2.0, parts=_parts(A=(1.0, 75.0), B=(5.0, 25.0)))
    strict = compare_indicator(now, before, fmt="num1", alpha=0.05, mix_share_min=1.0)
    assert strict.verdict == "mix"  # pure mix reaches even a threshold of 1


def test_the_published_value_is_compared_and_the_basis_gives_its_spread():
    basis = _ind("reaction_mean", "mean", 3.8, n=200, sd=0.5)
    previous = _previous(basis)
    previous["reaction"]["mean_overall"] = 3.5  # the report as published
    now = _ind("reaction_mean", "mean", 3.9, n=200, sd=0.5)
    row = year_on_year(YearBasis(indicators=[now]), previous, alpha=0.05, mix_share_min=0.5).rows[0]
    assert row.previous == 3.5 and row.estimate == pytest.approx(0.4) and row.method == "welch"
