"""The limitations section fires from the stored design and data, never always (issue 12, item 7)."""

from __future__ import annotations

import pytest
from crafted_metrics import crafted

from kemuning_eval.report.results.limitations import limitations


def _ids(partial: dict) -> dict[str, object]:
    return {x.id: x for x in limitations(crafted(partial))}


BEHAVIOR = {"available": True, "rater": "supervisor", "change": {"n": 60, "dz": 0.4, "effect_band": "small"}}


def test_nothing_measured_real_data_no_limitation():
    assert _ids({}) == {}


def test_synthetic_data_fires_only_when_synthetic():
    assert "synthetic_data" in _ids({"study": {"synthetic": True}})
    assert "synthetic_data" not in _ids({"study": {"synthetic": False}})


@pytest.mark.parametrize(("band", "detail"), [("large", "large"), ("medium", None), ("negligible", None)])
def test_before_after_learning_caveats_a_change_cohen_calls_large(band, detail):
    found = _ids({"learning": {"available": True, "overall": {"n": 80, "dz": 1.1, "effect_band": band}}})
    assert found["before_after_learning"].detail == detail
    assert found["before_after_learning"].values == {"n": 80, "dz": 1.1}


def test_before_after_behavior_and_the_supervisors_ratings():
    found = _ids({"behavior": dict(BEHAVIOR, change=dict(BEHAVIOR["change"], effect_band="large"))})
    assert found["before_after_behavior"].detail == "large"
    assert "supervisor_not_blind" in found
    peer = _ids({"behavior": dict(BEHAVIOR, rater="peer")})
    assert "supervisor_not_blind" not in peer and "before_after_behavior" in peer


def test_rater_agreement_is_stated_as_measured_or_not_measured():
    found = _ids({"behavior": BEHAVIOR})
    assert found["rater_agreement"].detail == "not_measured"
    agreement = [{"measure": "icc2_1", "indicator": "obs_1", "n": 30, "estimate": 0.62},
                 {"measure": "icc2_1", "indicator": "obs_2", "n": 28, "estimate": 0.41}]
    found = _ids({"behavior": dict(BEHAVIOR, agreement=agreement)})
    assert found["rater_agreement"].detail == "measured"
    assert found["rater_agreement"].values == {"low": 0.41, "high": 0.62, "n": 28}


def test_observed_share_fires_when_fewer_alumni_were_observed_than_completed():
    found = _ids({"behavior": BEHAVIOR, "study": {"n_completed": 120, "n_participants": 130}})
    assert found["observed_share"].values == {"observed": 60, "alumni": 120, "share": pytest.approx(0.5)}
    assert "observed_share" not in _ids({"behavior": BEHAVIOR, "study": {"n_completed": 60}})
    assert "observed_share" not in _ids({"behavior": BEHAVIOR})  # no roster: the share is unknown, not claimed


def test_few_clusters_fires_with_the_wild_bootstrap_only():
    wild = {"available": True, "inference": "wild_bootstrap", "n_treated_clusters": 4, "n_control_clusters": 6,
            "did": [{"outcome": "on_time", "label": "x", "inference": "wild_bootstrap"}]}
    assert _ids({"results": wild})["few_clusters"].values == {"treated": 4, "control": 6}
    cr1 = dict(wild, inference="cr1", did=[{"outcome": "on_time", "label": "x", "inference": "cr1"}])
    assert "few_clusters" not in _ids({"results": cr1})


def test_benefit_estimates_fire_only_with_a_bcr():
    assert _ids({"cost": {"available": True, "bcr": 1.03}})["benefit_estimates"].values == {"bcr": 1.03}
    assert "benefit_estimates" not in _ids({"cost": {"available": True, "bcr": None}})


def test_every_limitation_has_its_sentences_in_both_languages():
    from kemuning_eval.report.content.limitations import limitation_text
    from kemuning_eval.report.results.model import Limitation

    items = [Limitation(id="before_after_learning", detail="large", values={"n": 80, "dz": 1.1}),
             Limitation(id="before_after_behavior", detail="large", values={"n": 60, "dz": 0.9}),
             Limitation(id="supervisor_not_blind", values={"n": 60}),
             Limitation(id="rater_agreement", detail="measured", values={"low": 0.4, "high": 0.6, "n": 28}),
             Limitation(id="rater_agreement", detail="not_measured"),
             Limitation(id="observed_share", values={"observed": 60, "alumni": 120, "share": 0.5}),
             Limitation(id="few_clusters", values={"treated": 4, "control": 6}),
             Limitation(id="benefit_estimates", values={"bcr": 1.03}),
             Limitation(id="synthetic_data")]
    for lang in ("id", "en"):
        for item in items:
            text = limitation_text(item, lang)
            assert "{" not in text and text.endswith("."), (item.id, text)
    assert "1,03" in limitation_text(items[7], "id") and "50,0" in limitation_text(items[5], "id")
