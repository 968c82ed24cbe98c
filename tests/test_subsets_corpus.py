"""The six instrument subsets again, on the corpus of real-shaped exports (``tests/fixtures/exports``).

Google Forms survey with programme names, an Excel score export with title rows, a roster
workbook, programme tables with and without costs and benefits, each with exact duplicates,
corrected resubmissions, NIPs in six spellings and two invalid ones.  Each subset is
assembled by ``exports_corpus.assemble``, ingested and its study report built once (slow);
counts and means come from the corpus generator's truth (``exports_corpus.TRUTH``).
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from subset_study import (
    KEY,
    _key,
    assert_honest_metrics,
    assert_honest_page,
    assert_unmeasured_sections,
    leaks,
)

sys.path.insert(0, str(Path(__file__).parent))
import exports_corpus as ec  # noqa: E402

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
#: corpus subset -> the instruments it measures with (``costs`` = a cost column in the programme table)
MEASURES = {
    "survey": {"reaction"},
    "tests": {"tests"},
    "survey+tests": {"reaction", "tests"},
    "survey+roster": {"reaction", "roster"},
    "all-but-costs": {"reaction", "tests", "roster", "programs"},
    "all": {"reaction", "tests", "roster", "programs", "costs", "benefits"},
}
SURVEY_ITEMS = [v for v, *_ in ec.ITEMS]


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    """subset -> (project root, study HTML, metrics), built lazily."""
    cache: dict[str, tuple] = {}

    def get(name: str) -> tuple:
        if name not in cache:
            cache[name] = _build(tmp_path_factory.mktemp(name.replace("+", "_")), name)
        return cache[name]

    return get


def _build(root: Path, name: str) -> tuple:
    from kemuning_eval.ingest.pipeline import ingest_study
    from kemuning_eval.paths import ProjectPaths
    from kemuning_eval.progress import set_quiet
    from kemuning_eval.report.engine.build import build_report

    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    paths = ProjectPaths(root)
    ec.assemble(paths.raw(ec.YEAR), name)
    set_quiet(True)
    with _key():
        ingest_study(ec.YEAR, paths=paths)
        build_report(ec.YEAR, paths=paths, report_date="2026-12-15")
    report = paths.reports(ec.YEAR)
    html = (report / f"laporan-evaluasi-{ec.YEAR}.html").read_text(encoding="utf-8")
    return root, html, json.loads((report / "metrics.json").read_text(encoding="utf-8"))


def _mean(truth, variable: str) -> float:
    return sum(answers[variable] for answers in truth.final.values()) / len(truth.final)


@pytest.mark.parametrize("name", list(MEASURES))
def test_corpus_subset_counts_and_means_follow_the_truth(corpus, name):
    _, _, m = corpus(name)
    have = MEASURES[name]
    assert {r["instrument"] for r in m["study"]["instruments"] if r["collected"]} == have
    if "reaction" in have:
        truth = ec.TRUTH["google-forms-id"]
        assert m["reaction"]["n_responses"] == truth.respondents  # duplicates settled on the person
        means = {row["variable"]: row["mean"] for row in m["reaction"]["items"]}
        for variable in SURVEY_ITEMS:
            assert means[variable] == pytest.approx(_mean(truth, variable), abs=0.005), variable
        # the IKM needs all nine elements: an index, or none with the missing ones named
        if m["reaction"]["ikm"] is None:
            assert m["reaction"]["ikm_missing"]
            assert m["study"]["not_measured"]["reaction.ikm"]["reason"] == "ikm_incomplete"
        else:
            assert len(m["reaction"]["ikm"]["elements"]) == 9 and m["reaction"]["ikm_missing"] is None
    if "programs" not in have:
        assert m["study"].get("programs_source") in (None, "exports")
        assert m["study"]["not_measured"]["programs"]["reason"] == "not_collected"
    if "tests" in have:
        truth = ec.TRUTH["excel-scores"]
        overall = m["learning"]["overall"]
        assert overall["n"] == truth.respondents
        assert overall["pre_mean"] == pytest.approx(_mean(truth, "pre"), abs=0.005)
        assert overall["post_mean"] == pytest.approx(_mean(truth, "post"), abs=0.005)
    if "roster" not in have:
        assert m["study"].get("n_participants") is None and m["study"]["sample"] is None
    if "costs" not in have:
        assert m["cost"]["reason"] == "not_collected" and m["study"].get("budget_total") is None


@pytest.mark.parametrize("name", list(MEASURES))
def test_corpus_subset_report_is_honest_and_private(corpus, name):
    root, html, m = corpus(name)
    assert_honest_page(html)
    assert_honest_metrics(m)
    assert_unmeasured_sections(html, MEASURES[name])
    pii = ec.pii_values()
    needles = {v for kind in ("nip", "phone", "email", "name") for v in pii[kind] if len(v) >= 6}
    needles |= {p.nip.replace(" ", "") for p in ec.PEOPLE}
    assert KEY not in html
    found = leaks(root, needles)
    assert found == [], f"identifiers leaked into outputs: {found[:5]}"
