"""The Level 4 rules read the Holm-corrected effects in each outcome's direction (issue 12, item 2).

A pooled effect that is not shown must not hide a programme whose outcome improved, and an outcome
that worsened is a challenge, pooled or for one programme.  The programme decision table shows the
programme's own effect.  Crafted metrics where the right answer is known.
"""

from __future__ import annotations

from crafted_metrics import crafted

from kemuning_eval.report.content.findings import challenge_text
from kemuning_eval.report.results import program_cells
from kemuning_eval.report.results.rules import derive_challenges


def _effect(program_id, outcome, estimate, p_holm, verdict, direction="none"):
    return {"program_id": program_id, "name": {"PM": "Manajemen Proyek", "KP": "Kepemimpinan"}.get(program_id),
            "outcome": outcome, "label": outcome.replace("_", " "), "higher_is_better": True,
            "estimate": estimate, "ci_low": estimate - 0.5, "ci_high": estimate + 0.5, "p_val": p_holm,
            "p_holm": p_holm, "direction": direction, "significant_after_holm": verdict != "not_shown",
            "verdict": verdict}


def _metrics(*effects):
    return crafted({"results": {"available": True, "did": [], "effects": list(effects)}})


def test_a_pooled_effect_not_shown_names_the_programme_where_it_improved():
    m = _metrics(_effect(None, "service", 0.43, 0.31, "not_shown"),
                 _effect("PM", "service", 0.89, 0.014, "improved", "increase"),
                 _effect("KP", "service", 0.05, 0.80, "not_shown"))
    [ch] = [c for c in derive_challenges(m) if c.id == "did_not_significant"]
    assert ch.text["improved_in"] == "Manajemen Proyek"
    text = challenge_text(ch, "id")
    assert "belum terbukti" in text and "membaik pada program Manajemen Proyek" in text
    assert "improved in Manajemen Proyek" in challenge_text(ch, "en")


def test_a_pooled_effect_not_shown_and_no_programme_improved_is_not_demonstrated():
    m = _metrics(_effect(None, "service", 0.43, 0.31, "not_shown"), _effect("KP", "service", 0.05, 0.80, "not_shown"))
    [ch] = [c for c in derive_challenges(m) if c.id == "did_not_significant"]
    assert "improved_in" not in ch.text
    assert challenge_text(ch, "en").startswith("The impact on service is not demonstrated")


def test_an_outcome_that_worsened_is_a_challenge_pooled_and_per_programme():
    m = _metrics(_effect(None, "budget_ratio", -0.042, 0.0004, "worsened", "decrease"),
                 _effect("PM", "budget_ratio", -0.059, 0.0008, "worsened", "decrease"))
    worse = [c for c in derive_challenges(m) if c.id == "outcome_worsened"]
    assert len(worse) == 2 and not [c for c in derive_challenges(m) if c.id == "did_not_significant"]
    texts = [challenge_text(c, "id") for c in worse]
    assert "memburuk" in texts[0] and "program Manajemen Proyek" in texts[1]


def test_an_improved_outcome_is_no_challenge():
    m = _metrics(_effect(None, "service", 0.6, 0.01, "improved", "increase"))
    assert [c.id for c in derive_challenges(m) if c.id in ("did_not_significant", "outcome_worsened")] == []


def test_the_decision_table_shows_the_programmes_own_effect():
    m = _metrics(_effect(None, "service", 0.43, 0.31, "not_shown"),
                 _effect("PM", "budget_ratio", -0.059, 0.0008, "worsened", "decrease"),
                 _effect("PM", "service", 0.89, 0.014, "improved", "increase"),
                 _effect("KP", "service", 0.05, 0.80, "not_shown"))
    cells = program_cells.outcome(m, {})
    assert cells["PM"].detail == "service" and cells["PM"].value == 0.89 and cells["PM"].flag == "ok"
    assert cells["KP"].flag == "concern" and None not in cells  # the pooled row is no programme


def _conclusion(*effects, lang="id"):
    from kemuning_eval.report.content.narrative import conclusion

    did = [{"outcome": "service", "label": "service", "n": 40, "estimate": 0.43, "ci_low": -0.4, "ci_high": 1.3,
            "p_val": 0.31, "direction": "none", "significant": False}]
    m = crafted({"results": {"available": True, "did": did, "effects": list(effects)}})
    return conclusion(m, lang)[0]


def test_the_conclusion_follows_the_holm_verdicts_pooled_and_per_programme():
    from kemuning_eval.i18n import t

    pooled = _effect(None, "service", 0.43, 0.31, "not_shown")
    improved = _effect("PM", "service", 0.89, 0.014, "improved", "increase")
    worsened = _effect("KP", "budget", -0.06, 0.01, "worsened", "decrease")
    assert t("report.conclusion.results_improved", "id") in _conclusion(pooled, improved)
    assert t("report.conclusion.results_mixed", "en") in _conclusion(pooled, improved, worsened, lang="en")
    assert t("report.conclusion.results_worsened", "id") in _conclusion(pooled, worsened)
    assert t("report.conclusion.results_none", "id") in _conclusion(pooled)
