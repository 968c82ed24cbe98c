"""metrics.json keeps full precision: the results layer never rounds; the wording layer rounds for display.

Reference: the statistics' own values (kemuning_eval.stats.learning.learning_summary) and the
significance rule of kemuning_eval.stats.bands, applied once on the unrounded values.
"""

from __future__ import annotations

import json

import pandas as pd
from crafted_metrics import complete

from kemuning_eval.report.content import narrative
from kemuning_eval.report.results.common import Context, change_fields
from kemuning_eval.report.results.learning import learning
from kemuning_eval.report.results.metrics import write_metrics
from kemuning_eval.report.results.model import Metrics
from kemuning_eval.stats.learning import learning_summary


def test_a_p_value_of_1e9_is_stored_as_1e9_not_zero(tmp_path):
    m = complete({"results": {"available": True, "did": [{"outcome": "on_time", "label": "Tepat waktu",
                                                           "estimate": 0.12, "p_val": 1e-9, "significant": True,
                                                           "direction": "increase"}]}})
    path = write_metrics(Metrics.model_validate(m), tmp_path / "metrics.json")
    assert json.loads(path.read_text(encoding="utf-8"))["results"]["did"][0]["p_val"] == 1e-9


def test_the_learning_level_stores_the_statistics_unrounded():
    pre = [50 + k % 7 for k in range(40)]
    tests = pd.DataFrame({"program_id": ["A"] * 40, "participant_id": [f"p{k}" for k in range(40)],
                          "pre": pre, "post": [p + 10 + (k % 3) / 3 for k, p in enumerate(pre)]})
    overall = learning({"tests": tests}, Context()).overall
    expected = learning_summary(tests, None, by=None, min_n=5).iloc[0]
    assert overall.p_val == expected["p_val"] and 0 < overall.p_val < 1e-9
    assert overall.estimate == expected["estimate"] and overall.post_mean == expected["post_mean"]


def test_p_just_below_alpha_is_significant_in_the_model_the_json_and_the_text(tmp_path):
    change = change_fields({"estimate": 1.2, "ci_low": 0.05, "ci_high": 2.35, "p_val": 0.0496}, Context())
    assert (change["p_val"], change["direction"], change["significant"]) == (0.0496, "increase", True)
    m = complete({"learning": {"available": True, "overall": dict(change, n=40, pre_mean=55.0, post_mean=56.2)}})
    model = Metrics.model_validate(m)
    stored = json.loads(write_metrics(model, tmp_path / "metrics.json").read_text(encoding="utf-8"))
    for overall in (model.learning.overall.model_dump(), stored["learning"]["overall"]):
        assert (overall["p_val"], overall["direction"], overall["significant"]) == (0.0496, "increase", True)
    for lang, claim in (("id", "meningkat signifikan"), ("en", "a significant increase")):
        text = narrative.learning(Metrics.model_validate(stored), lang)[0]  # the JSON read back
        assert claim in text, text
