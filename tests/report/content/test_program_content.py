"""The programme table, its summary, the programmes a challenge names and the triangulation, as words."""

from __future__ import annotations

import html
import re

from crafted_metrics import crafted

from kemuning_eval.report.content.render import Report
from kemuning_eval.report.results.rules import derive_challenges, derive_recommendations, thresholds
from kemuning_eval.report.results.triangulation import triangulate


def _cell(value, flag=None, **kw):
    return {"value": value, "flag": flag, **kw}


def _row(pid, name, verdict, suppressed=False, **cells):
    empty = {"value": None, "reason": "not_measured"}
    names = ("demand", "reaction", "material", "learning", "gain", "applying", "outcome", "cost_per_participant",
             "bcr", "ikm")
    return {"program_id": pid, "name": name, "n_participants": 3 if suppressed else 40, "suppressed": suppressed,
            **{k: cells.get(k, empty) for k in names}, "ikm_grade": None,
            "concerns": [k for k, c in cells.items() if c.get("flag") == "concern"], "verdict": verdict}


def _metrics():
    hidden = {"value": None, "reason": "suppressed_small_group"}
    m = crafted({
        "learning": {"available": True, "overall": {"gain_class": 0.45}},
        "reaction": {"available": True,
                     "dimensions": [{"dimension": "sarana", "label": "Sarana", "n": 50, "mean": 3.8, "shares": {}}],
                     "ikm": {"n": 50, "elements": [{"element": "sarana", "label": "sarana", "n": 50, "nrr": 2.9,
                                                    "rank": 1}]}},
        "program_table": {"thresholds": {k: float(v) for k, v in thresholds().items() if not isinstance(v, str)},
                          "rows": [
            _row("LD", "<b>Literasi</b> Digital", "concern", gain=_cell(0.2144, "concern"),
                 learning=_cell(11.4, ci_low=10.1, ci_high=12.7)),
            _row("PM", "Manajemen Proyek", "works", gain=_cell(0.52, "ok"), learning=_cell(20.0)),
            _row("KC", "Kecil", "suppressed", suppressed=True, gain=hidden, learning=hidden)]}})
    challenges = derive_challenges(m)
    findings = m.findings.model_copy(update={"challenges": challenges,
                                             "recommendations": derive_recommendations(challenges)})
    m = m.model_copy(update={"findings": findings})
    triangulation = triangulate(m, thresholds())
    return m.model_copy(update={"findings": findings.model_copy(update={"triangulation": triangulation})})


def _text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"</?(?:i|span)\b[^>]*>", "", page)))  # inline marks kept in the text


def test_decision_table_escapes_names_marks_flags_and_hides_small_programmes():
    page = Report(_metrics(), "id").program_table()
    assert "&lt;b&gt;Literasi&lt;/b&gt;" in page and "<b>Literasi" not in page
    text = _text(page)
    assert "0,21 (!)" in text and "0,52" in text and "0,52 (!)" not in text
    assert "11,40 [10,10; 12,70]" in text
    assert "disembunyikan" in text and "kurang dari 5 peserta" in text
    assert "{" not in text and "program_table" not in text


def test_summary_says_which_programmes_work_and_which_do_not():
    text = _text(Report(_metrics(), "en").program_summary())
    assert "Manajemen Proyek meet every threshold" in text
    assert "<b>Literasi</b> Digital (low knowledge gain)" in text
    assert "Programmes hidden because they have fewer than 5 participants: 1." in text


def test_challenge_names_the_programme_and_triangulation_names_the_contradiction():
    rep = Report(_metrics(), "id")
    challenges = _text(rep.section("challenges"))
    assert "gain pengetahuan memenuhi ambang, tetapi di sebagian program" in challenges
    assert "Program yang terkena: <b>Literasi</b> Digital (0,21)" in challenges
    assert "program_table" not in challenges and "{" not in challenges
    tri = _text(rep.triangulation())
    assert "Sarana dan prasarana" in tri and "bertentangan" in tri
    assert "unsur IKM Sarana dan Prasarana (2,90) menunjukkan masalah, sedangkan dimensi survei Sarana (3,80) tidak" in tri
