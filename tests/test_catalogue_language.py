"""The catalogue in formal Indonesian (EYD V): no "galat", "pascapelatihan" as one word, recommendations
worded "Disarankan agar ..." (never an imperative) and their English "should" / "It is recommended that"."""

from __future__ import annotations

import re

from kemuning_eval.i18n import catalogue

#: the catalogue keys of recommendations a report prints (the recommendation, its action, the RTL action)
RECOMMENDATION = re.compile(r"^(report\.recommendation\.(?!because$)|recs\.action\.|report\.follow_up\.action\.)[a-z_]+$")


def test_no_galat_and_pascapelatihan_as_one_word():
    for key, text in catalogue().items():
        assert not re.search(r"\bgalat\b", text["id"], re.IGNORECASE), key
        assert not re.search(r"\bpasca[ -]pelatihan\b", text["id"], re.IGNORECASE), key


def test_recommendations_are_worded_disarankan_agar():
    keys = [k for k in catalogue() if RECOMMENDATION.match(k)]
    assert len(keys) >= 25  # eight recommendations, their actions and the nine RTL actions
    for key in keys:
        text = catalogue()[key]
        assert text["id"].startswith("Disarankan agar "), key
        assert text["en"].startswith(("The agency should ", "It is recommended that ")), key


#: texts that are parts of a sentence (a list item after its label, a phrase inside another text), not sentences
FRAGMENTS = ("report.method.response_rate_item", "report.qual.theme_item", "measured.intro.scope_programs",
             "report.econ.demand.")


def test_no_sentence_of_the_report_opens_with_a_number_placeholder():
    counts = re.compile(r"(?:^|[.!?;] )\{(n|n_[a-z_]+|treated|control|total)\}")  # at a sentence's start
    for key, text in catalogue().items():
        if key.startswith(("report.", "measured.", "suggestions.")) and not key.startswith(FRAGMENTS):
            for lang in ("id", "en"):
                assert not counts.search(text[lang]), (key, lang)
