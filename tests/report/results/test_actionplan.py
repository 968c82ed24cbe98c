"""The action plan of each recommendation: owner, indicator, target, deadline (issue 12, item 4)."""

from __future__ import annotations

import pytest
from crafted_metrics import crafted

from kemuning_eval.config import (
    RECOMMENDATION_DEFAULTS,
    RECOMMENDATION_INDICATORS,
    RECOMMENDATION_OWNERS,
    REPORT_RULE_DEFAULTS,
    load_study,
)
from kemuning_eval.errors import ConfigError
from kemuning_eval.i18n import catalogue
from kemuning_eval.report.results import actionplan, rules


def _write(tmp_path, report: str):
    (tmp_path / "tes.csv").write_text("NIP;Nilai\n", encoding="utf-8")
    path = tmp_path / "studi.yaml"
    path.write_text("study: {year: 2026}\ninputs: {tests: tes.csv}\nreport:\n" + report, encoding="utf-8")
    return path


def _low_gain_metrics():
    return crafted({"learning": {"available": True, "overall": {"n": 40, "gain_class": 0.21}}})


def test_every_recommendation_has_a_default_plan_and_every_code_its_words():
    assert set(RECOMMENDATION_DEFAULTS) == set(rules.RECOMMENDATIONS)
    texts = catalogue()
    for rid, spec in RECOMMENDATION_DEFAULTS.items():
        assert spec["owner"] in RECOMMENDATION_OWNERS
        assert actionplan.indicator_pattern(spec["indicator"]) is not None, rid
        assert f"recs.action.{rid}" in texts
        assert texts[f"recs.action.{rid}"]["id"].startswith("Disarankan agar ")
    for owner in RECOMMENDATION_OWNERS:
        assert f"recs.owner.{owner}" in texts
    for pattern in RECOMMENDATION_INDICATORS:
        assert "recs.indicator." + pattern.replace("*", "item") in texts, pattern


def test_default_targets_are_the_rules_own_thresholds():
    assert RECOMMENDATION_DEFAULTS["teaching_methods"]["target"] == REPORT_RULE_DEFAULTS["gain_min"]
    assert RECOMMENDATION_DEFAULTS["partnerships"]["target"] == REPORT_RULE_DEFAULTS["demand_ratio"]
    assert RECOMMENDATION_DEFAULTS["cost_review"]["target"] == pytest.approx(1.0)  # BCR 1 <=> ROI 0 %


def test_plan_reads_the_indicator_and_decides_the_target_on_the_unrounded_value():
    m = _low_gain_metrics()
    (rec,) = [r for r in rules.derive_recommendations(rules.derive_challenges(m)) if r.id == "teaching_methods"]
    planned = actionplan.plan(rec, m, year=2026)
    assert (planned.owner, planned.indicator, planned.deadline) == ("widyaiswara", "learning.overall.gain_class",
                                                                      "2027-S2")
    assert planned.value == pytest.approx(0.21) and planned.target == pytest.approx(0.30)
    assert planned.target_met is False and planned.higher_is_better is True
    assert actionplan.target_met(0.2999, 0.30, True) is False  # shown as 0,30, yet below the target


def test_an_item_indicator_takes_the_item_the_evidence_names():
    m = crafted({"reaction": {"available": True, "ikm": {"elements": [
        {"element": "persyaratan", "label": "Persyaratan", "n": 40, "nrr": 3.3},
        {"element": "kompetensi", "label": "Kompetensi pelaksana", "n": 40, "nrr": 2.9}]}}})
    (rec,) = [r for r in rules.derive_recommendations(rules.derive_challenges(m)) if r.id == "ikm_followup"]
    planned = actionplan.plan(rec, m, year=2026)
    assert planned.indicator == "reaction.ikm.elements.kompetensi.nrr"
    assert planned.indicator_item == "Kompetensi pelaksana" and planned.value == pytest.approx(2.9)


def test_an_override_in_studi_yaml_changes_owner_indicator_target_and_deadline(tmp_path):
    cfg = load_study(_write(tmp_path, "  recommendations:\n    teaching_methods:\n"
                                      "      owner: bkpsdm\n      indicator: learning.overall.pass_post\n"
                                      "      target: 0.9\n      deadline: 2027-06-30\n"
                                      "    partnerships: {owner: Sekretariat Badan}\n"))
    config = cfg.report["recommendations"]
    m = _low_gain_metrics()
    (rec,) = [r for r in rules.derive_recommendations(rules.derive_challenges(m)) if r.id == "teaching_methods"]
    planned = actionplan.plan(rec, m, year=2026, config=config)
    assert (planned.owner, planned.indicator, planned.target, planned.deadline) == (
        "bkpsdm", "learning.overall.pass_post", 0.9, "2027-06-30")
    assert planned.indicator_fmt == "pct1" and planned.value is None and planned.target_met is None
    assert dict(config["partnerships"]) == {"owner": "Sekretariat Badan"}


@pytest.mark.parametrize(("entry", "key"), [
    ("    teaching_method: {owner: bkpsdm}\n", "report.recommendations.teaching_method"),
    ("    teaching_methods: {owner: ''}\n", "report.recommendations.teaching_methods.owner"),
    ("    teaching_methods: {indicator: learning.overall.gain}\n", "report.recommendations.teaching_methods.indicator"),
    ("    teaching_methods: {target: tinggi}\n", "report.recommendations.teaching_methods.target"),
    ("    teaching_methods: {deadline: besok}\n", "report.recommendations.teaching_methods.deadline"),
    ("    teaching_methods: {owners: bkpsdm}\n", "report.recommendations.teaching_methods.owners"),
])
def test_a_bad_override_is_refused_at_load_naming_its_key(tmp_path, entry, key):
    with pytest.raises(ConfigError) as err:
        load_study(_write(tmp_path, "  recommendations:\n" + entry))
    assert key in str(err.value)


def test_the_refusal_is_worded_from_the_catalogue_in_english(tmp_path, monkeypatch):
    monkeypatch.setenv("KEMUNING_EVAL_LANG", "en")
    with pytest.raises(ConfigError, match="unknown indicator"):
        load_study(_write(tmp_path, "  recommendations:\n    cost_review: {indicator: cost.nothing}\n"))


def _flexible(m):
    (rec,) = [r for r in rules.derive_recommendations(rules.derive_challenges(m)) if r.id == "flexible_curriculum"]
    return actionplan.plan(rec, m, year=2026)


def test_the_curriculum_is_measured_by_what_fired_it():
    themes = {"available": True, "n_excerpts": 40,
              "themes": [{"theme": "materi_usang", "label": "Materi usang", "n": 13, "share": 0.325}]}
    planned = _flexible(crafted({"qualitative": themes}))
    assert planned.indicator == "qualitative.themes.materi_usang.share"
    assert planned.higher_is_better is False and planned.target == pytest.approx(0.20)
    assert planned.target_met is False
    # fired by a weak "materi" dimension only: the indicator falls back to that dimension's mean
    weak = {"available": True, "dimensions": [{"dimension": "materi", "label": "Materi", "n": 50, "mean": 3.1}]}
    planned = _flexible(crafted({"reaction": weak}))
    assert planned.indicator == "reaction.dimensions.materi.mean" and planned.value == pytest.approx(3.1)
