"""Level 4 per scope (report.results.outcome_effects): Holm across outcomes, the verdict read in the outcome's direction.

Holm is checked against ``statsmodels.stats.multitest.multipletests(method="holm")``.
"""

from __future__ import annotations

import pandas as pd
import pytest

from kemuning_eval.config import higher_is_better
from kemuning_eval.report.results.common import Context
from kemuning_eval.report.results.outcome_effects import _scope_rows
from kemuning_eval.stats.bands import outcome_verdict


def _res(rows):
    base = {"n_treated_clusters": 20, "n_control_clusters": 30, "inference": "cr1"}
    return pd.DataFrame([{**base, **r} for r in rows])


# a programme whose budget ratio falls and whose service improves; on-time unchanged
PM = _res([
    {"outcome": "budget_ratio", "estimate": -0.059, "ci_low": -0.08, "ci_high": -0.038, "p_val": 2e-6},
    {"outcome": "on_time", "estimate": 0.128, "ci_low": -0.03, "ci_high": 0.29, "p_val": 0.1021},
    {"outcome": "service_satisfaction", "estimate": 0.894, "ci_low": 0.26, "ci_high": 1.53, "p_val": 0.0072},
])


def test_holm_across_the_outcomes_of_a_scope_matches_statsmodels():
    from statsmodels.stats.multitest import multipletests

    rows = _scope_rows(PM, {}, "PM", Context(), None)
    reference = multipletests(PM["p_val"], method="holm")[1]
    assert [r.p_holm for r in rows] == pytest.approx(list(reference), rel=1e-12)
    service = next(r for r in rows if r.outcome == "service_satisfaction")
    assert service.p_holm == pytest.approx(0.0144) and service.verdict == "improved"
    assert next(r for r in rows if r.outcome == "on_time").verdict == "not_shown"


def test_a_falling_outcome_is_an_improvement_when_lower_is_better():
    rows = {r.outcome: r for r in _scope_rows(PM, {}, "PM", Context(), {"budget_ratio": False})}
    assert rows["budget_ratio"].direction == "decrease" and rows["budget_ratio"].verdict == "improved"
    default = {r.outcome: r for r in _scope_rows(PM, {}, "PM", Context(), None)}
    assert default["budget_ratio"].higher_is_better is True and default["budget_ratio"].verdict == "worsened"


def test_significant_alone_but_not_after_holm_is_not_shown():
    assert outcome_verdict("increase", 0.06, True) == "not_shown"
    rows = _scope_rows(_res([{"outcome": o, "estimate": 0.1, "ci_low": 0.01, "ci_high": 0.2, "p_val": 0.03}
                             for o in ("budget_ratio", "on_time")]), {}, None, Context(), None)
    assert all(r.direction == "increase" and not r.significant_after_holm for r in rows)
    assert {r.verdict for r in rows} == {"not_shown"}


def test_the_documented_defaults_of_the_outcome_directions():
    assert higher_is_better("budget_ratio") and higher_is_better("on_time") and higher_is_better("service_satisfaction")
    assert higher_is_better("an_outcome_nobody_declared") is True
