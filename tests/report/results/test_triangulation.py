"""Triangulated challenges and the coded free-text suggestions, on crafted metrics and small tables."""

from __future__ import annotations

import pandas as pd
from crafted_metrics import crafted

from kemuning_eval.report.results.common import Context
from kemuning_eval.report.results.rules import derive_challenges, thresholds
from kemuning_eval.report.results.suggestions import items_on_theme, suggestions
from kemuning_eval.report.results.triangulation import TOPICS, triangulate

BOOK = pd.DataFrame({"code": ["materi_usang", "teknologi"], "label_id": ["Materi usang", "Teknologi"],
                     "label_en": ["Outdated material", "Technology"],
                     "keywords": [["usang", "ketinggalan"], ["internet", "jaringan"]]})


def _dim(code, mean):
    return {"dimension": code, "label": code.capitalize(), "n": 50, "mean": mean, "shares": {}}


def _with_challenges(partial):
    m = crafted(partial)
    return m.model_copy(update={"findings": m.findings.model_copy(update={"challenges": derive_challenges(m)})})


def _topic(found, name):
    return next(x for x in found if x.topic == name)


def test_a_challenge_backed_by_survey_and_interviews_lists_both():
    m = _with_challenges({
        "reaction": {"available": True, "dimensions": [_dim("materi", 3.1)],
                     "items": [{"variable": "mat_4", "label": "Materi sudah ketinggalan zaman", "dimension": "materi",
                                "dimension_label": "Materi", "n": 50, "mean": 2.9}]},
        "qualitative": {"available": True, "n_excerpts": 10,
                        "themes": [{"theme": "materi_usang", "label": "Materi usang", "n": 4, "share": 0.4}]}})
    material = _topic(triangulate(m, thresholds(), BOOK), "material")
    assert {"outdated_material", "low_dimension"} <= set(material.challenges)
    kinds = {(s.kind, s.ref): s.signal for s in material.sources}
    assert kinds == {("survey_dimension", "materi"): "concern", ("survey_item", "mat_4"): "concern",
                     ("interview_theme", "materi_usang"): "concern"}
    assert material.agreement == "agree_concern" and material.contradictions == []


def test_facilities_good_on_the_likert_scale_but_grade_c_as_ikm_element_is_a_contradiction():
    m = _with_challenges({"reaction": {"available": True, "dimensions": [_dim("sarana", 3.8)],
                                       "ikm": {"n": 50, "elements": [{"element": "sarana", "label": "sarana", "n": 50,
                                                                      "nrr": 2.9, "rank": 1}]}}})
    facilities = _topic(triangulate(m, thresholds(), BOOK), "facilities")
    assert facilities.agreement == "contradiction"
    [pair] = facilities.contradictions
    assert (facilities.sources[pair.concern].kind, facilities.sources[pair.ok].kind) == ("ikm_element",
                                                                                         "survey_dimension")
    assert facilities.challenges == ["low_ikm_element"]


def test_a_theme_seldom_raised_has_no_signal_and_a_neutral_theme_never_has_one():
    m = _with_challenges({"qualitative": {"available": True, "n_excerpts": 10, "themes": [
        {"theme": "materi_usang", "label": "Materi usang", "n": 1, "share": 0.1},
        {"theme": "kualitas_fasilitator", "label": "Fasilitator", "n": 5, "share": 0.5}]}})
    found = triangulate(m, thresholds(), BOOK)
    assert _topic(found, "material").sources[0].signal is None
    assert _topic(found, "teaching").sources[0].signal is None
    assert _topic(found, "teaching").agreement == "no_evidence"


def test_the_configured_outdated_material_theme_is_the_one_cited():
    m = _with_challenges({"qualitative": {"available": True, "n_excerpts": 10, "themes": [
        {"theme": "usang", "label": "Usang", "n": 5, "share": 0.5}]}})
    material = _topic(triangulate(m, thresholds({"outdated_material_theme": "usang"}), BOOK), "material")
    assert [(s.ref, s.signal) for s in material.sources] == [("usang", "concern")]
    assert "material" in TOPICS


def test_survey_items_on_a_theme_are_found_by_its_keywords():
    items = pd.DataFrame({"variable": ["mat_1", "mat_4", "sar_2"],
                          "label": ["Materi sesuai kebutuhan", "Materi sudah ketinggalan zaman",
                                    "Peralatan (proyektor, jaringan internet) berfungsi"]})
    assert items_on_theme(items, BOOK, "materi_usang") == ["mat_4"]
    assert items_on_theme(items, BOOK, "teknologi") == ["sar_2"]
    assert items_on_theme(items, BOOK, "unknown") == []


def test_suggestions_are_coded_counted_beside_interviews_and_scrubbed():
    texts = ["Materi sudah usang, tolong diperbarui ya pak, hubungi 0812-3456-7890 kalau perlu"] * 5 + \
            ["Jaringan internet di kelas sering putus sekali tahun ini"] * 6 + ["", "  "]
    reaction = pd.DataFrame({"response_id": [f"r{i}" for i in range(len(texts))], "program_id": "PM",
                             "suggestion": texts})
    qual = crafted({"qualitative": {"available": True, "n_excerpts": 10, "themes": [
        {"theme": "materi_usang", "label": "Materi usang", "n": 4, "share": 0.4}]}}).qualitative
    s = suggestions({"reaction": reaction}, Context(), BOOK, qual)
    assert (s.n_responses, s.n_suggestions) == (13, 11)
    counts = {x.theme: (x.n, x.interview_n, x.interview_share) for x in s.themes}
    assert counts == {"teknologi": (6, None, None), "materi_usang": (5, 4, 0.4)}
    assert all("0812" not in q.text for q in s.quotes) and any("[TELEPON]" in q.text for q in s.quotes)
    assert {q.role for q in s.quotes} == {"participant"}


def test_no_suggestion_column_or_codebook_gives_none():
    reaction = pd.DataFrame({"response_id": ["r1"], "program_id": ["PM"]})
    assert suggestions({"reaction": reaction}, Context(), BOOK) is None
    assert suggestions({"reaction": reaction.assign(suggestion="x")}, Context(), None) is None
