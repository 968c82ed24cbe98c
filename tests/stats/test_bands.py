"""The one home of every band and decision rule (kemuning_eval.stats.bands).

References: Cohen (1988) d bands 0.2 / 0.5 / 0.8; Hake (1998) gain bands 0.3 / 0.7;
George & Mallery (2003) alpha bands; PermenPANRB 14/2017 IKM grades and the worked
check of docs/domain.md section 6 (converted 81.11, grade B).
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from kemuning_eval.config import REPORT_RULE_DEFAULTS
from kemuning_eval.report.content.labels import KNOWN, label
from kemuning_eval.stats import bands
from kemuning_eval.stats.learning import effect_sizes, learning_summary


def test_d_of_0_1996_is_negligible_in_the_statistics_and_in_the_stored_summary():
    # formerly the statistics said "negligible" while the text (on d rounded to 0.20) said "small"
    assert bands.effect_band(0.1996) == "negligible"
    assert bands.effect_band(round(0.1996, 2)) == "small"  # why the decision must use the unrounded value
    # paired differences with mean / sd = 0.1996 exactly: d = 0.1996 * sd / sd
    d = pd.Series([1.0, -1.0, 1.0, -1.0, 1.0, -1.0, 1.0, -1.0]) + 0.1996 * math.sqrt(8 / 7)
    tests = pd.DataFrame({"pre": 50.0, "post": 50.0 + d})
    row = effect_sizes(tests).set_index("measure").loc["dz"]
    assert row["estimate"] == pytest.approx(0.1996)
    assert row["band"] == "negligible"
    summary = learning_summary(tests, by=None).iloc[0]
    assert summary["effect_band"] == bands.effect_band(summary["dz"]) == "negligible"
    assert label("cohen", summary["effect_band"], "id") == "Sangat kecil"


def test_p_of_0_0496_is_one_decision_whatever_the_rounding():
    # formerly metrics.json said significant while the text, on p rounded to 0.050, said "no change"
    assert bands.DEFAULT_ALPHA == REPORT_RULE_DEFAULTS["alpha"] == 0.05
    assert bands.significance(1.2, 0.05, 2.35, 0.0496) == "increase"
    assert bands.is_significant(1.2, 0.05, 2.35, 0.0496)
    assert bands.significance(1.2, 0.05, 2.35, 0.0500) == "inconclusive"
    assert bands.significance(-1.2, -2.35, -0.05, 0.0496) == "decrease"
    assert bands.significance(1.2, -0.05, 2.35, 0.0496) == "none"


@pytest.mark.parametrize(("value", "cohen", "hake"), [
    (0.0, "negligible", "low"), (0.2, "small", "low"), (0.3, "small", "medium"),
    (0.5, "medium", "medium"), (0.7, "medium", "high"), (0.8, "large", "high"),
])
def test_cohen_and_hake_boundaries_belong_to_the_upper_band(value, cohen, hake):
    assert bands.effect_band(value) == bands.effect_band(-value) == cohen
    assert bands.gain_band(value) == hake


def test_low_reliability_cut_off_is_george_and_mallerys_acceptable_floor():
    assert bands.LOW_RELIABILITY_BELOW == 0.70
    assert bands.is_low_reliability(0.6999) and not bands.is_low_reliability(0.70)
    assert bands.alpha_band(0.70) == "questionable"  # "> .7" is strict; 0.70 itself is not low
    assert not bands.is_low_reliability(float("nan"))


def test_ikm_formula_and_grades_of_the_worked_check():
    index = sum([3.2, 3.1, 3.4, 3.0, 3.3, 3.5, 3.6, 2.9, 3.2]) / 9
    assert round(bands.ikm_converted(index), 2) == 81.11
    assert bands.ikm_grade(bands.ikm_converted(index)) == ("B", "baik")
    # graded on the converted value rounded to 2 decimals: 76.60 is C, 76.61 is B
    assert bands.ikm_grade(bands.ikm_converted(3.0640))[0] == "C"  # 76.60
    assert bands.ikm_grade(bands.ikm_converted(3.0644))[0] == "B"


def test_every_code_has_a_label_in_both_languages():
    for kind, codes in KNOWN.items():
        for code in codes:
            texts = {label(kind, code, lang) for lang in ("id", "en")}
            assert all(texts) and code not in texts, (kind, code)


def test_configured_likert_labels_are_kept_as_given():
    cutoffs = {"Rendah": 1.0, "Tinggi": 3.0}
    assert bands.likert_category([2.0, 4.0], cutoffs) == ["Rendah", "Tinggi"]
    assert label("likert", "Tinggi", "en") == "Tinggi"
