"""Last year's recommendations judged by their indicators (issue 12, item 4).

The status rule is the one stated in ``report/results/followup.py``: the target reached
this year -> carried out; at least half of the distance from last year's value to the
target covered -> partly; less -> not carried out; indicator or target missing -> unknown.
The expected statuses below are worked out by hand from that definition.
"""

from __future__ import annotations

import json

import pytest
from crafted_metrics import crafted

from kemuning_eval.report.results import followup
from kemuning_eval.report.results.model import Evidence, Recommendation


def _previous(recs: list[dict]) -> dict:
    return {"schema_version": 1, "study": {"year": 2025}, "findings": {"recommendations": recs}}


def _gain(value: float | None):
    if value is None:
        return crafted({})  # Level 2 not measured this year
    return crafted({"learning": {"available": True, "overall": {"n": 40, "gain_class": value}}})


LAST_YEAR = {"id": "teaching_methods", "audience": "facilitators", "owner": "widyaiswara",
             "indicator": "learning.overall.gain_class", "value": 0.20, "target": 0.30}


@pytest.mark.parametrize(("gain", "status", "reason"), [
    (0.30, "carried_out", "target_reached"),   # exactly the target
    (0.34, "carried_out", "target_reached"),
    (0.25, "partly", "half_way"),              # 0.05 of a 0.10 gap: exactly half
    (0.24, "not_carried_out", "not_reached"),  # 0.04 of 0.10
    (0.18, "not_carried_out", "not_reached"),  # moved away from the target
    (None, "unknown", "not_measured"),
])
def test_last_years_recommendation_is_judged_by_its_indicator(gain, status, reason):
    (item,) = followup.followup(_gain(gain), _previous([LAST_YEAR]), [])
    assert (item.status, item.reason) == (status, reason)
    assert item.previous_value == pytest.approx(0.20) and item.target == pytest.approx(0.30)
    assert item.value == (None if gain is None else pytest.approx(gain))


def test_lower_is_better_indicator_counts_a_fall_as_progress():
    now = crafted({"study": {"demand_ratio": 1.38}})
    last = {"id": "partnerships", "indicator": "study.demand_ratio", "value": 1.60, "target": 1.20}
    (item,) = followup.followup(now, _previous([last]), [])
    assert item.higher_is_better is False and item.status == "partly"  # 0.22 of a 0.40 gap
    (item,) = followup.followup(crafted({"study": {"demand_ratio": 1.5}}), _previous([last]), [])
    assert item.status == "not_carried_out"


def test_an_item_indicator_is_found_by_its_code_not_its_position():
    now = crafted({"reaction": {"available": True, "ikm": {"elements": [
        {"element": "persyaratan", "label": "Persyaratan", "n": 40, "nrr": 3.3},
        {"element": "kompetensi", "label": "Kompetensi pelaksana", "n": 40, "nrr": 3.1}]}}})
    last = {"id": "ikm_followup", "indicator": "reaction.ikm.elements.kompetensi.nrr", "value": 2.8, "target": 3.0644}
    (item,) = followup.followup(now, _previous([last]), [])
    assert item.status == "carried_out" and item.indicator_item == "Kompetensi pelaksana"


def test_an_older_metrics_json_without_the_fields_gives_unknown_never_an_error():
    older = {"study": {"year": 2025}, "findings": {"recommendations": [
        {"id": "partnerships", "audience": "organiser", "because": ["unmet_demand"]},
        {"id": "teaching_methods", "indicator": 3, "target": "high"},
        {"id": "cost_review", "indicator": "cost.bcr.nonexistent", "target": 1.0},
        "not a record", {}]}}
    items = followup.followup(crafted({}), older, [])
    assert [(i.id, i.status, i.reason) for i in items] == [
        ("partnerships", "unknown", "no_target"), ("teaching_methods", "unknown", "no_target"),
        ("cost_review", "unknown", "no_target")]
    assert followup.followup(crafted({}), {}, []) == []  # no findings at all
    for broken in ({"study": "x", "findings": "y"}, {"findings": {"recommendations": "oops"}}, []):
        assert followup.followup(crafted({}), broken, []) == []
        assert followup.mark_repeated([], broken) == []


def test_target_not_reached_without_last_years_value_cannot_be_judged():
    last = {"id": "teaching_methods", "indicator": "learning.overall.gain_class", "target": 0.30}
    (item,) = followup.followup(_gain(0.25), {"study": {"year": 2025}, "findings": {"recommendations": [last]}}, [])
    assert (item.status, item.reason) == ("unknown", "no_baseline")
    (item,) = followup.followup(_gain(0.31), {"study": {"year": 2025}, "findings": {"recommendations": [last]}}, [])
    assert item.status == "carried_out"


def test_a_repeated_recommendation_is_marked_on_both_sides():
    ev = [Evidence(name="gain", path="learning.overall.gain_class", value=0.21, fmt="num2")]
    rec = Recommendation(id="teaching_methods", audience="facilitators", because=["low_gain"], evidence=ev, text={})
    previous = _previous([LAST_YEAR, {"id": "partnerships"}])
    (marked,) = followup.mark_repeated([rec], previous)
    assert marked.repeated is True
    items = followup.followup(_gain(0.21), previous, [rec])
    assert [(i.id, i.repeated) for i in items] == [("teaching_methods", True), ("partnerships", False)]
    assert followup.mark_repeated([rec], None)[0].repeated is False


def test_the_catalogue_says_half_as_the_rule_does():
    from kemuning_eval.config import FOLLOWUP_PARTLY_SHARE
    from kemuning_eval.i18n import t

    assert FOLLOWUP_PARTLY_SHARE == 0.5
    assert "separuh" in t("recs.followup.intro", "id", year=2025) and "half" in t("recs.followup.intro", "en", year=2025)


def test_followup_survives_a_json_roundtrip_of_last_years_report():
    from kemuning_eval.jsonio import dumps_metrics
    from kemuning_eval.report.results.metrics import as_document

    last = crafted({"learning": {"available": True, "overall": {"n": 40, "gain_class": 0.2}}}, year=2025)
    ev = [Evidence(name="gain", path="learning.overall.gain_class", value=0.2, fmt="num2")]
    rec = Recommendation(id="teaching_methods", audience="facilitators", because=["low_gain"], evidence=ev, text={},
                         owner="widyaiswara", indicator="learning.overall.gain_class", indicator_fmt="num2",
                         higher_is_better=True, value=0.2, target=0.3, target_met=False, deadline="2026-S2")
    doc = json.loads(dumps_metrics(as_document(last.model_copy(update={"findings": last.findings.model_copy(
        update={"recommendations": [rec]})}))))
    (item,) = followup.followup(_gain(0.31), doc, [])
    assert item.status == "carried_out" and item.owner == "widyaiswara" and item.previous_year == 2025
