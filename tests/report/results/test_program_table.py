"""The programme decision table and the rules evaluated per programme.

Crafted metrics where the right answer is known (``tests/crafted_metrics.py``), small tables
whose per-programme values are recomputed by hand (plain pandas group means, the Phillips
BCR = sum(value x attribution x confidence) / cost, PermenPANRB 14/2017: IKM = mean of the
nine element NRRs), and the synthetic study end to end.
"""

from __future__ import annotations

import pandas as pd
import pytest
from crafted_metrics import crafted
from report_study import build_study

from kemuning_eval.report.results.common import Context
from kemuning_eval.report.results.metrics import compute_metrics
from kemuning_eval.report.results.program_table import program_table
from kemuning_eval.report.results.rules import derive_challenges, derive_recommendations, thresholds


def _cell(value, flag=None, **kw):
    return {"value": value, "flag": flag, **kw}


def _row(pid, name, **cells):
    empty = {"value": None, "reason": "not_measured"}
    names = ("demand", "reaction", "material", "learning", "gain", "applying", "outcome", "cost_per_participant",
             "bcr", "ikm")
    concerns = [k for k, c in cells.items() if c.get("flag") == "concern"]
    return {"program_id": pid, "name": name, "n_participants": 20, "suppressed": False,
            **{k: cells.get(k, empty) for k in names}, "ikm_grade": None, "concerns": concerns,
            "verdict": "concern" if concerns else "works"}


def _table(*rows):
    return {"program_table": {"rows": list(rows), "thresholds": {k: float(v) for k, v in thresholds().items()
                                                                 if not isinstance(v, str)}}}


def test_a_programme_with_low_gain_is_named_although_the_total_is_fine():
    m = crafted({"learning": {"available": True, "overall": {"gain_class": 0.45}},
                 **_table(_row("LD", "Literasi Digital", gain=_cell(0.21, "concern")),
                          _row("PM", "Manajemen Proyek", gain=_cell(0.52, "ok")))})
    [ch] = [c for c in derive_challenges(m) if c.id == "low_gain"]
    assert ch.programs == ["LD"] and ch.overall is False
    assert [(e.program_id, e.value, e.path) for e in ch.evidence] == [("LD", 0.21, "program_table.rows.0.gain.value")]
    assert "teaching_methods" in [r.id for r in derive_recommendations([ch])]


def test_low_gain_overall_also_names_the_programmes():
    m = crafted({"learning": {"available": True, "overall": {"gain_class": 0.25}},
                 **_table(_row("LD", "Literasi Digital", gain=_cell(0.21, "concern")))})
    [ch] = [c for c in derive_challenges(m) if c.id == "low_gain"]
    assert ch.overall is True and ch.programs == ["LD"]
    assert [e.program_id for e in ch.evidence] == [None, "LD"]


def test_the_tables_bcr_flag_leaves_the_roi_rule_to_the_economics_rules():
    # the low-ROI rule is decided per programme once, from cost.roi (tests/report/results/test_economics.py
    # names the programme); the decision table's flag of the same BCR must not add a second challenge
    m = crafted({"cost": {"available": True, "bcr": 1.03, "roi_pct": 3.0},
                 **_table(_row("KP", "Kepemimpinan", bcr=_cell(0.8, "concern", basis=-20.0)),
                          _row("PM", "Manajemen Proyek", bcr=_cell(1.5, "ok", basis=50.0)))})
    assert [c for c in derive_challenges(m) if c.id == "low_roi"] == []


def test_no_programme_flag_no_programme_challenge():
    m = crafted(_table(_row("PM", "Manajemen Proyek", gain=_cell(0.5, "ok"), bcr=_cell(1.5, "ok", basis=50.0))))
    assert derive_challenges(m) == []


def _tables(sizes: dict[str, int]) -> dict:
    rows, k = [], 0
    for pid, n in sizes.items():
        for i in range(n):
            rows.append({"participant_id": f"P{k}", "program_id": pid, "pre": 40.0 + i, "post": 50.0 + 2 * i})
            k += 1
    tests = pd.DataFrame(rows)
    participants = tests[["participant_id", "program_id"]]
    programs = pd.DataFrame({"program_id": list(sizes), "name": list(sizes), "applicants": [30, 3],
                             "capacity": [20, 10], "participants": list(sizes.values()), "cost": [100.0, 50.0],
                             "pass_mark": [70.0, 70.0]})
    benefits = pd.DataFrame({"program_id": ["A", "A", "B"], "benefit": ["x", "y", "z"],
                             "annual_value": [60.0, 100.0, 80.0], "attribution": [0.5, 0.8, 1.0],
                             "confidence": [1.0, 0.5, 0.5]})
    return {"tests": tests, "participants": participants, "programs": programs, "benefits": benefits}


def test_programme_of_four_is_suppressed_and_its_facts_stay():
    from kemuning_eval.report.results.learning import learning

    tables = _tables({"A": 12, "B": 4})
    ctx = Context(min_n=5, programs={"A": "A", "B": "B"})
    m = crafted().model_copy(update={"learning": learning(tables, ctx)})
    table = program_table(tables, ctx, m, thresholds())
    a, b = table.rows
    assert b.suppressed and b.verdict == "suppressed" and b.n_participants == 4
    assert b.gain.value is None and b.gain.reason == "suppressed_small_group"
    assert b.learning.value is None and b.learning.ci_low is None
    assert not a.suppressed  # (its test values may be hidden too: secondary suppression of the statistics)
    # the organiser's facts are published figures: seats and the Phillips BCR stay
    assert b.demand.value == pytest.approx(3 / 10)
    assert b.bcr.value == pytest.approx(80 * 1.0 * 0.5 / 50)  # Phillips: 40 / 50 = 0.8
    assert b.bcr.flag == "concern"
    assert a.bcr.value == pytest.approx((60 * 0.5 * 1.0 + 100 * 0.8 * 0.5) / 100)  # 0.7
    assert a.demand.flag == "concern" and b.demand.flag == "ok"


def test_gain_and_change_per_programme_match_a_hand_computation():
    from kemuning_eval.report.results.learning import learning

    tables = _tables({"A": 12, "B": 6})
    ctx = Context(min_n=5, programs={"A": "A", "B": "B"})
    m = crafted().model_copy(update={"learning": learning(tables, ctx)})
    row = program_table(tables, ctx, m, thresholds()).rows[0]
    a = tables["tests"][tables["tests"]["program_id"] == "A"]
    hake = (a["post"].mean() - a["pre"].mean()) / (100 - a["pre"].mean())  # Hake (1998), class average
    assert row.gain.value == pytest.approx(hake)
    assert row.gain.flag == ("concern" if hake < 0.30 else "ok")
    from scipy import stats

    d = a["post"] - a["pre"]
    half = stats.t.ppf(0.975, len(d) - 1) * d.std(ddof=1) / len(d) ** 0.5  # paired t interval (scipy)
    assert (row.learning.value, row.learning.ci_low, row.learning.ci_high) == pytest.approx(
        (d.mean(), d.mean() - half, d.mean() + half))


@pytest.fixture(scope="module")
def study_metrics(tmp_path_factory):
    root = build_study(tmp_path_factory.mktemp("programs"))
    return root, compute_metrics(2026, root=root, lang="id")


def test_bundled_study_has_one_row_per_programme_with_its_bcr(study_metrics):
    root, m = study_metrics
    programs = pd.read_parquet(root / "data" / "processed" / "2026" / "programs.parquet")
    benefits = pd.read_parquet(root / "data" / "processed" / "2026" / "benefits.parquet")
    table = m.program_table
    assert sorted(r.program_id for r in table.rows) == sorted(programs["program_id"])
    for row in table.rows:
        b = benefits[benefits["program_id"] == row.program_id]
        cost = float(programs.loc[programs["program_id"] == row.program_id, "cost"].iloc[0])
        expected = (b["annual_value"] * b["attribution"] * b["confidence"]).sum() / cost  # Phillips BCR
        assert row.bcr.value == pytest.approx(expected)
        assert row.bcr.flag == ("concern" if (expected - 1) * 100 < 0.0 else "ok")
        assert row.verdict in ("works", "concern", "insufficient", "suppressed")
    below = sorted(r.program_id for r in table.rows if r.bcr.value < 1)
    roi = [c for c in m.findings.challenges if c.id == "low_roi"]
    assert (sorted(roi[0].programs) if roi else []) == below


def test_bundled_reaction_per_programme_matches_plain_group_means(study_metrics):
    root, m = study_metrics
    folder = root / "data" / "processed" / "2026"
    reaction, items = pd.read_parquet(folder / "reaction.parquet"), pd.read_parquet(folder / "items.parquet")
    likert = items[(items["instrument"] == "reaction") & items["ikm_element"].isna()]
    for row in m.program_table.rows:
        data = reaction[reaction["program_id"] == row.program_id]
        means = {dim: data[list(g["variable"])].mean(axis=1).mean() for dim, g in likert.groupby("dimension")}
        assert row.reaction.basis == pytest.approx(min(means.values()))
        assert row.reaction.detail == min(means, key=means.get)
    ikm_items = items[(items["instrument"] == "reaction") & items["ikm_element"].notna()]
    row = m.program_table.rows[0]
    data = reaction[reaction["program_id"] == row.program_id]
    nrr = [data[v].mean() for v in ikm_items["variable"]]
    assert row.ikm.value == pytest.approx(sum(nrr) / 9)  # PermenPANRB 14/2017: sum of NRR x 1/9
    assert row.ikm.basis == pytest.approx(min(nrr))


def test_a_programmes_own_report_has_its_row_only(study_metrics):
    root, _ = study_metrics
    m = compute_metrics(2026, root=root, lang="id", program_id="PM")
    assert [r.program_id for r in m.program_table.rows] == ["PM"]
