"""Challenges and recommendations from explicit rules, on crafted metrics dicts.

The original study's recommendations (flexible curriculum, partnerships with
education institutions, regular evaluation) must appear when the evidence
supports them and must not appear when it does not.
"""

from __future__ import annotations

import copy

import pytest
from crafted_metrics import crafted

from kemuning_eval.report.content import findings, wording
from kemuning_eval.report.results import decisions
from kemuning_eval.report.results.model import PairedChange
from kemuning_eval.report.results.rules import (
    derive_challenges,
    derive_recommendations,
    get_path,
)

ORIGINAL = {"flexible_curriculum", "partnerships", "regular_evaluation"}


def _metrics(**over) -> dict:
    """A healthy year: nothing should trigger."""
    m = {
        "study": {"year": 2026, "applicants_total": 300, "capacity_total": 300, "demand_ratio": 1.0,
                  "sample": {"population": 600, "required": 234, "achieved": 500}},
        "reaction": {"available": True,
                     "dimensions": [{"dimension": "materi", "label": "Materi", "mean": 4.2, "n": 100},
                                    {"dimension": "sarana", "label": "Sarana", "mean": 3.9, "n": 100}],
                     "ikm": {"elements": [{"element": "pengaduan", "label": "Pengaduan", "nrr": 3.3}]}},
        "learning": {"available": True, "overall": {"gain_class": 0.45}},
        "behavior": {"available": True, "applying": {"share": 0.8},
                     "change": {"dz": 0.9, "significant": True}},
        "results": {"available": True, "did": [{"outcome": "on_time", "label": "Tepat waktu", "estimate": 0.12,
                                                "p_val": 0.01, "significant": True}]},
        "cost": {"available": True, "roi_pct": 35.0},
        "qualitative": {"available": True, "n_excerpts": 40,
                        "themes": [{"theme": "materi_usang", "label": "Materi usang", "n": 2, "share": 0.05}]},
    }
    for path, value in over.items():
        node = m
        keys = path.split("__")
        for k in keys[:-1]:
            node = node[int(k)] if isinstance(node, list) else node[k]
        last = keys[-1]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value
    return m


def _budget_limited(ratio: float) -> dict:
    """A ``study.demand`` whose only programme has full seats and ``ratio`` applicants per seat."""
    row = {"program_id": "PM", "name": "Manajemen Proyek", "applicants": 1293, "capacity": 660, "participants": 660,
           "applicants_per_seat": ratio, "seat_fill": 1.0, "demand_exceeds_seats": ratio >= 1.2, "seats_full": True,
           "budget_limited": ratio >= 1.2}
    return {"by_program": [row], "total": None}


def _ids(items):
    return {x.id for x in items}


def test_original_recommendations_absent_when_data_do_not_support_them():
    challenges = derive_challenges(crafted(_metrics()))
    assert challenges == []
    assert derive_recommendations(challenges) == []


def test_original_recommendations_present_when_data_support_them():
    m = _metrics(
        qualitative__themes__0__share=0.325, qualitative__themes__0__n=13,  # outdated material
        study__applicants_total=1293, study__capacity_total=660, study__demand_ratio=1.96,
        study__demand=_budget_limited(1.96),  # demand above the seats and the seats full: the budget binds
    )
    m["results"]["did"][0].update(estimate=0.07, p_val=0.33, significant=False)  # no demonstrated impact
    challenges = derive_challenges(crafted(m))
    assert _ids(challenges) == {"outdated_material", "unmet_demand", "did_not_significant"}
    recs = derive_recommendations(challenges)
    assert _ids(recs) == ORIGINAL
    for item in challenges + recs:  # each cites the evidence that triggered it
        assert item.evidence
        for ev in item.evidence:
            assert get_path(m, ev.path) == ev.value


@pytest.mark.parametrize(("change", "expected"), [
    ({"reaction__dimensions__1__mean": 3.2}, {"low_dimension"}),
    ({"reaction__ikm__elements__0__nrr": 2.8}, {"low_ikm_element"}),
    ({"behavior__applying__share": 0.4}, {"weak_transfer"}),
    ({"learning__overall__gain_class": 0.2}, {"low_gain"}),
    ({"cost__roi_pct": -20.0}, {"low_roi"}),
    ({"study__sample__achieved": 100}, {"low_response"}),
])
def test_each_rule_fires_on_its_own_evidence(change, expected):
    assert _ids(derive_challenges(crafted(_metrics(**change)))) == expected


def test_low_materi_dimension_also_supports_flexible_curriculum():
    recs = derive_recommendations(derive_challenges(crafted(_metrics(reaction__dimensions__0__mean=3.1))))
    assert {"flexible_curriculum", "improve_dimension"} <= _ids(recs)


def test_weak_transfer_on_small_behaviour_change_even_if_most_apply():
    m = _metrics()
    m["behavior"]["change"] = {"dz": 0.1, "significant": False}
    ch = derive_challenges(crafted(m))
    assert _ids(ch) == {"weak_transfer"} and ch[0].evidence[0].path == "behavior.change.dz"
    assert {"transfer_support", "regular_evaluation"} == _ids(derive_recommendations(ch))


def test_thresholds_are_configurable():
    # their names, types and ranges are checked when studi.yaml is loaded (tests/test_config.py)
    m = _metrics(qualitative__themes__0__share=0.25, qualitative__themes__0__n=10)
    assert "outdated_material" in _ids(derive_challenges(crafted(m)))
    assert "outdated_material" not in _ids(derive_challenges(crafted(m), {"outdated_material_share": 0.3}))
    # the budget rule's thresholds (demand_ratio, seats_full_tolerance, the funding theme) are applied once,
    # when the results are computed (tests/report/results/test_economics.py); the rule reads that decision
    assert "unmet_demand" in _ids(derive_challenges(crafted(_metrics(study__demand=_budget_limited(1.3)))))
    assert "unmet_demand" not in _ids(derive_challenges(crafted(_metrics(study__demand_ratio=1.96))))


def test_unavailable_levels_trigger_nothing():
    m = _metrics()
    for level in ("reaction", "learning", "behavior", "results", "cost", "qualitative"):
        m[level] = {"available": False, "reason": "no_data"}
    assert derive_challenges(crafted(m)) == []


def test_texts_cite_formatted_evidence_in_both_languages():
    m = _metrics(qualitative__themes__0__share=0.325, qualitative__themes__0__n=13)
    ch = derive_challenges(crafted(copy.deepcopy(m)))[0]
    assert findings.challenge_text(ch, "id") == (
        "Materi perlu diperbarui: 13 dari 40 kutipan wawancara (32,5%) menyebut materi yang sudah usang.")
    assert "32.5%" in findings.challenge_text(ch, "en")
    audience, body, basis = findings.recommendation_text(derive_recommendations([ch])[0], "id")
    assert audience == "Penyelenggara" and "fleksibel" in body and "porsi kutipan wawancara bertema itu = 32,5%" in basis


@pytest.mark.parametrize(("est", "low", "high", "p", "word"), [
    (2.0, 0.5, 3.5, 0.01, "increase"),
    (-2.0, -3.5, -0.5, 0.01, "decrease"),
    (2.0, -0.5, 4.5, 0.12, "none"),
    (2.0, -0.5, 4.5, 0.03, "none"),  # CI includes zero: never a claimed effect, whatever p says
    (2.0, 0.5, 3.5, 0.20, "inconclusive"),
])
def test_significance_wording(est, low, high, p, word):
    assert decisions.significance(est, low, high, p) == word
    direction = decisions.significance(est, low, high, p)
    stored = PairedChange(n=30, estimate=est, ci_low=low, ci_high=high, p_val=p, direction=direction,
                          significant=direction in ("increase", "decrease"))
    text = wording.verdict(stored, "id")  # the wording reads the stored decision
    assert ("signifikan (selisih" in text and "tidak" not in text) == (word in ("increase", "decrease"))
    if word != "increase":
        assert "meningkat signifikan" not in text


@pytest.mark.parametrize(("d", "band"), [(0.0, "negligible"), (0.19, "negligible"), (0.2, "small"),
                                         (0.5, "medium"), (0.79, "medium"), (0.8, "large"), (-1.2, "large")])
def test_cohen_bands(d, band):
    # Cohen (1988): 0.2 small, 0.5 medium, 0.8 large
    assert decisions.effect_band(d) == band


def test_every_rule_and_recommendation_has_its_texts():
    import inspect
    import re

    from kemuning_eval.i18n import catalogue
    from kemuning_eval.report.content.findings import PER_PROGRAM
    from kemuning_eval.report.results import rules

    texts = catalogue()
    challenge_ids = set(re.findall(r'_challenge\("([a-z_]+)"', inspect.getsource(rules)))
    assert len(challenge_ids) >= 9
    for cid in challenge_ids:
        sentence = f"report.econ.challenge.{cid}" if cid in PER_PROGRAM else f"report.challenge.{cid}"
        assert sentence in texts and f"report.challenge_short.{cid}" in texts, cid
    for rid in rules.RECOMMENDATIONS:
        assert f"report.recommendation.{rid}" in texts and f"report.recommendation_short.{rid}" in texts, rid
