"""Level 4 per scope worded from crafted metrics (issue 12, item 2): the direction of "better", Holm, per programme."""

from __future__ import annotations

import re

from crafted_metrics import crafted

from kemuning_eval.report.content.render import Report

EFFECT = {"name": None, "ci_low": None, "ci_high": None, "p_val": None, "n_treated_clusters": 20,
          "n_control_clusters": 30, "inference": "cr1", "pretrend_p": 0.5, "parallel_trends_rejected": False,
          "reason": None}


def _metrics(*effects):
    did = [{"outcome": "budget_ratio", "label": "Rasio realisasi anggaran", "estimate": -0.042, "ci_low": -0.057,
            "ci_high": -0.028, "p_val": 1e-6, "direction": "decrease", "significant": True}]
    return crafted({"results": {"available": True, "n_clusters": 50, "did": did,
                                "effects": [{**EFFECT, **e} for e in effects]}})


def _text(html) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", str(html)))


FALLING = {"program_id": None, "outcome": "budget_ratio", "label": "Rasio realisasi anggaran", "estimate": -0.042,
           "ci_low": -0.057, "ci_high": -0.028, "p_val": 1e-6, "p_holm": 3e-6, "direction": "decrease",
           "significant_after_holm": True}


def test_a_falling_outcome_where_lower_is_better_is_worded_as_an_improvement():
    m = _metrics({**FALLING, "higher_is_better": False, "verdict": "improved"})
    text = _text(Report(m, "id").section("results"))
    assert "Rasio realisasi anggaran membaik" in text and "memburuk" not in text
    assert "menyerap 4,2 poin persen lebih sedikit dari pagu" in text
    assert "makin rendah makin baik" in text
    assert "improved" in _text(Report(m, "en").section("results"))


def test_the_same_fall_where_higher_is_better_is_a_worsening():
    text = _text(Report(_metrics({**FALLING, "higher_is_better": True, "verdict": "worsened"}), "id").section("results"))
    assert "Rasio realisasi anggaran memburuk" in text and "membaik" not in text
    assert "efek penurunan yang signifikan" not in text  # the pooled line is replaced, not repeated


def test_a_programme_effect_is_shown_where_the_pooled_one_is_not():
    pooled = {"program_id": None, "outcome": "service_satisfaction", "label": "Indeks kepuasan layanan",
              "higher_is_better": True, "estimate": 0.43, "ci_low": -0.17, "ci_high": 1.03, "p_val": 0.155,
              "p_holm": 0.31, "direction": "none", "significant_after_holm": False, "verdict": "not_shown"}
    programme = {**pooled, "program_id": "PM", "name": "Manajemen Proyek", "estimate": 0.894, "ci_low": 0.263,
                 "ci_high": 1.525, "p_val": 0.0072, "p_holm": 0.0144, "direction": "increase",
                 "significant_after_holm": True, "verdict": "improved"}
    text = _text(Report(_metrics(pooled, programme), "id").section("results"))
    assert "Semua program: efek pada Indeks kepuasan layanan belum terbukti" in text
    assert "Manajemen Proyek: Indeks kepuasan layanan membaik" in text and "p Holm 0,014" in text
    assert "0,89 poin lebih tinggi" in text
