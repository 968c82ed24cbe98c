"""The report's Level 4 names its inference, counts the treated units and states a refused design.

Reference for the numbers: stats.did.did_effect itself (tested against the
wildboottest package in tests/stats/test_did_wild_bootstrap.py); here only the
report's wording and metrics are checked.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kemuning_eval.numfmt import fmt_count
from kemuning_eval.report.content.narrative import not_available
from kemuning_eval.report.content.narrative import results as results_text
from kemuning_eval.report.results.common import Context
from kemuning_eval.report.results.metrics import empty_metrics
from kemuning_eval.report.results.model import Metrics
from kemuning_eval.report.results.outcomes import results


def _outcomes(treated_units: int, units: int = 16, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for u in range(units):
        for a in range(2):
            for p in range(4):
                treated, post = u < treated_units, p >= 2
                rows.append({"unit": f"U{u}", "activity_id": f"A{u}-{a}", "period_index": p, "post": post,
                             "treated": treated, "program_id": "PM" if treated else None,
                             "budget_ratio": 0.9 - 0.05 * treated * post + rng.normal(0, 0.03)})
    return pd.DataFrame(rows)


def _with(entry) -> Metrics:
    """The results of an empty study with ``entry`` as its Level 4 (typed, read as attributes)."""
    return Metrics.model_validate(empty_metrics(2026)).model_copy(update={"results": entry})


def test_few_treated_units_use_the_bootstrap_and_the_text_says_how_many():
    entry = results({"outcomes": _outcomes(4)}, Context(lang="en"))
    assert entry.available and entry.inference == "wild_bootstrap"
    assert (entry.n_treated_clusters, entry.n_control_clusters) == (4, 12)
    assert entry.did[0].inference == "wild_bootstrap" and entry.did[0].n_treated_clusters == 4
    events = [e for e in entry.event_study if e.outcome == "budget_ratio"]
    assert [e.relative for e in events] == [-2, -1, 0, 1] and events[1].estimate == 0.0
    m = _with(entry)
    text = results_text(m, "en")[0]
    assert f"Only {fmt_count(4, 'en')} work units" in text and "wild cluster bootstrap" in text


def test_two_treated_units_are_refused_and_worded_honestly():
    entry = results({"outcomes": _outcomes(2)}, Context(lang="en"))
    assert entry.available is False and entry.reason == "did_too_few_clusters"
    m = _with(entry)
    assert "no honest confidence interval" in not_available(m, "results", "en")
    assert "tidak ada interval kepercayaan yang jujur" in not_available(m, "results", "id")


def test_an_outcome_without_variation_is_worded_without_an_interval():
    entry = results({"outcomes": _outcomes(14, units=30).assign(on_time=True)}, Context(lang="en"))
    row = {r.outcome: r for r in entry.did}["on_time"]
    assert row.ci_low is None and not row.significant
    m = _with(entry)
    text = " ".join(results_text(m, "en"))
    assert "no interval and no test" in text and "[–, –]" not in text
