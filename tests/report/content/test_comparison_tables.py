"""The year-on-year comparison worded from crafted metrics where the right reading is known (issue 12, item 7)."""

from __future__ import annotations

import re

from crafted_metrics import crafted

from kemuning_eval.report.content.comparison_tables import row_sentence
from kemuning_eval.report.content.render import Report

ROW = {"kind": "mean", "fmt": "num2", "ci_low": None, "ci_high": None, "p_val": None, "method": "none",
       "reason": None, "direction": None, "significant": None, "rate_component": None, "mix_component": None,
       "mix_share": None, "mix_dominated": False}


def _metrics(*rows):
    legacy = [{"metric": r["metric"], "path": "x.y", "previous": r["previous"], "current": r["current"],
               "fmt": r.get("fmt", "num2")} for r in rows]
    return crafted({"findings": {
        "comparison": {"previous_year": 2025, "rows": legacy, "previous_synthetic": False, "configured": True},
        "comparison_status": {"previous_year": 2025, "configured": True, "compared": True, "synthetic": False,
                              "reason": None},
        "year_on_year": {"previous_year": 2025, "previous_synthetic": False, "level": 0.95, "mix_share_min": 0.5,
                         "rows": [{**ROW, **r} for r in rows]}}})


def _text(html) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", str(html)))


MIX = {"metric": "roi_pct", "kind": "ratio", "fmt": "num1", "previous": 2.2, "current": 3.3, "estimate": 1.1,
       "reason": "not_sampled", "rate_component": 0.0, "mix_component": 1.1, "mix_share": 1.0,
       "mix_dominated": True, "verdict": "mix"}
# a pooled share whose own test would be significant, but whose change is the programme mix
MIX_SIGNIFICANT = {"metric": "applying_share", "kind": "share", "fmt": "pct1", "previous": 0.42, "current": 0.78,
                   "estimate": 0.36, "ci_low": 0.32, "ci_high": 0.40, "p_val": 1e-9, "method": "newcombe",
                   "direction": "increase", "significant": True, "rate_component": 0.0, "mix_component": 0.36,
                   "mix_share": 1.0, "mix_dominated": True, "verdict": "mix"}
UNCHANGED = {"metric": "n_participants", "kind": "count", "fmt": "int", "previous": 600, "current": 600,
             "estimate": 0.0, "reason": "census", "verdict": "unchanged"}
RISE = {"metric": "reaction_mean", "previous": 3.84, "current": 3.93, "estimate": 0.097, "ci_low": 0.034,
        "ci_high": 0.16, "p_val": 0.0024, "method": "welch", "direction": "increase", "significant": True,
        "verdict": "increase"}


def test_a_mix_only_change_gets_the_mix_note_and_no_significance_claim():
    from kemuning_eval.report.results.model import YearOnYearRow

    for lang, note, claim in (("id", "komposisi program", "signifikan"), ("en", "programme mix", "significant")):
        for row in (MIX, MIX_SIGNIFICANT):
            sentence = row_sentence(YearOnYearRow.model_validate({**ROW, **row}), 2025, 0.95, lang)
            assert note in sentence and claim not in sentence.lower()
        text = _text(Report(_metrics(MIX, MIX_SIGNIFICANT), lang).section("comparison"))
        assert text.count(note) >= 2


def test_the_mix_row_of_the_table_reads_as_programme_mix_not_as_a_significant_rise():
    html = str(Report(_metrics(MIX_SIGNIFICANT), "en").section("comparison"))
    row = next(r for r in html.split("</tr>") if "<td>Alumni applying" in r)
    assert "programme-mix effect" in row and "significant" not in row


def test_a_significant_rise_is_worded_with_its_interval_and_p():
    text = _text(Report(_metrics(RISE), "id").section("comparison"))
    assert "naik secara signifikan dari 3,84 menjadi 3,93" in text
    assert "IK 95% [0,03; 0,16]" in text and "p = 0,002" in text


def test_an_unchanged_count_is_said_once_and_gets_no_figure_panel():
    m = _metrics(UNCHANGED, RISE)
    text = _text(Report(m, "id").section("comparison"))
    assert "Jumlah peserta sama dengan tahun 2025: 600." in text and "600 → 600" not in text
    _fig, alt = Report(m, "id")._draw("comparison")
    assert "Jumlah peserta" not in alt and "Rerata reaksi" in alt
    only = _metrics(UNCHANGED)
    assert str(Report(only, "id").figure("comparison")) == ""
