"""The bundled study end to end: the action plan, last year's follow-up and the limitations (issue 12).

The synthetic study of 2025 and 2026 is built and ingested; the 2025 report's
``metrics.json`` is written where ``--with-previous`` leaves it, then the 2026
report is computed and rendered.
"""

from __future__ import annotations

import re

import pytest
from report_study import build_study

from kemuning_eval.paths import ProjectPaths
from kemuning_eval.report.content import render
from kemuning_eval.report.content.recommendations import recommendation_rows
from kemuning_eval.report.results.metrics import compute_metrics, write_metrics


@pytest.fixture(scope="module")
def metrics(tmp_path_factory):
    root = build_study(tmp_path_factory.mktemp("study"), years=(2025, 2026))
    write_metrics(compute_metrics(2025, root=root, lang="id"), ProjectPaths(root).metrics_json(2025))
    return compute_metrics(2026, root=root, lang="id")


def test_every_recommendation_has_owner_indicator_target_and_deadline(metrics):
    recs = metrics.findings.recommendations
    assert recs, "the bundled study fires recommendations"
    for rec in recs:
        assert rec.owner and rec.indicator and "*" not in rec.indicator, rec.id
        assert rec.target is not None and rec.indicator_fmt and rec.higher_is_better is not None, rec.id
        assert re.match(r"^2027-(S[12]|Q[1-4])$", rec.deadline), rec.deadline
        assert rec.target_met is (None if rec.value is None else rec.target_met)
    assert {rec.owner for rec in recs} != {"penyelenggaraan"}, "not every recommendation to the organiser"


def test_last_years_recommendations_are_judged_and_repeats_said(metrics):
    f = metrics.findings
    assert f.followup_year == 2025 and f.followup is not None and f.followup
    assert all(item.status in ("carried_out", "partly", "not_carried_out", "unknown") for item in f.followup)
    assert all(item.reason != "no_target" for item in f.followup)  # written by this version: fields present
    repeated = {r.id for r in f.recommendations if r.repeated}
    assert repeated == {item.id for item in f.followup if item.repeated}
    for row in recommendation_rows(metrics, "id"):
        assert row["last_year"].startswith(("diulang dari laporan 2025", "rekomendasi baru")), row["last_year"]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_report_has_the_limitations_section_and_the_action_plan(metrics, lang):
    rep = render.Report(metrics, lang)
    limits = rep.section("limitations")
    assert 'id="keterbatasan"' in limits and limits.count("<li>") == len(metrics.findings.limitations) >= 3
    ids = {x.id for x in metrics.findings.limitations}
    assert {"synthetic_data", "before_after_learning", "benefit_estimates"} <= ids
    recs = rep.section("recommendations")
    assert recs.count("<tr>") >= len(metrics.findings.recommendations) + 1
    assert "{" not in limits + recs and "reaction.dimensions" not in recs
    if lang == "id":
        assert "Disarankan agar" in recs and "Keterbatasan" in limits
    order = list(render.SECTIONS)
    # Keterbatasan a subsection of BAB III Metode; Kesimpulan then Rekomendasi in BAB V Penutup
    assert order.index("method") < order.index("limitations") < order.index("findings")
    assert order.index("closing") < order.index("conclusion") < order.index("recommendations")
