"""Which previous year a report compares with (issue 10, item 7).

The previous year is compared only when ``studi.yaml`` names it
(``study.previous_year``) or when it is a real study of the same agency;
never a synthetic year with a real one unless named.  The report says which
year it compares with and whether that year was synthetic, or why it does not compare.
"""

from __future__ import annotations

import shutil

import pytest
import yaml
from report_study import build_study

from kemuning_eval.report.content import narrative
from kemuning_eval.report.results.metrics import (
    compute_metrics,
    empty_metrics,
    validate_metrics,
    write_metrics,
)


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    return build_study(tmp_path_factory.mktemp("study"))


def _project(study, tmp_path, *, synthetic: bool, agency: str, previous_year: int | None, previous: dict | None):
    root = tmp_path / "proj"
    shutil.copytree(study / "data", root / "data")
    (root / "notebooks").mkdir()
    path = root / "data" / "raw" / "2026" / "studi.yaml"
    cfg = yaml.safe_load(path.read_text(encoding="utf-8"))
    cfg["study"].update(synthetic=synthetic, agency=agency)
    cfg["study"].pop("previous_year", None)
    if previous_year is not None:
        cfg["study"]["previous_year"] = previous_year
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    if previous is not None:
        write_metrics(previous, root / "reports" / "2025" / "metrics.json")
    return root


def _previous(*, synthetic: bool, agency: str) -> dict:
    m = empty_metrics(2025, report_date="2025-12-15")
    m["study"].update(synthetic=synthetic, agency=agency, n_participants=200)
    return m


CASES = {
    # name: (this year synthetic, this agency, studi.yaml previous_year, previous synthetic, previous agency,
    #        compared, reason)
    "real_vs_synthetic_unnamed": (False, "BPSDM Kemuning", None, True, "BPSDM Kemuning", False, "previous_synthetic"),
    "real_vs_synthetic_named": (False, "BPSDM Kemuning", 2025, True, "BPSDM Kemuning", True, None),
    "real_vs_other_agency": (False, "BPSDM Kemuning", None, False, "BKPSDM Lain", False, "other_agency"),
    "real_vs_real_same_agency": (False, "BPSDM Kemuning", None, False, " bpsdm  KEMUNING ", True, None),
    "synthetic_vs_synthetic": (True, "BPSDM Kemuning", None, True, "BPSDM Kemuning", True, None),
    "no_previous_report": (False, "BPSDM Kemuning", None, None, None, False, "no_previous_report"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_previous_year_is_compared_only_when_named_or_a_real_study_of_the_same_agency(study, tmp_path, case):
    synthetic, agency, named, prev_synth, prev_agency, compared, reason = CASES[case]
    previous = None if prev_synth is None else _previous(synthetic=prev_synth, agency=prev_agency)
    root = _project(study, tmp_path, synthetic=synthetic, agency=agency, previous_year=named, previous=previous)
    m = compute_metrics(2026, root=root, lang="id")
    validate_metrics(m)
    status = m.findings.comparison_status
    assert status.previous_year == 2025 and status.configured == (named is not None)
    assert status.compared is compared and status.reason == reason
    text = " ".join(narrative.comparison(m, "id"))
    if compared:
        comp = m.findings.comparison
        assert comp.previous_synthetic is prev_synth
        assert comp.rows[0].model_dump() == {"metric": "n_participants", "path": "study.n_participants",
                                             "previous": 200, "current": m.study.n_participants, "fmt": "int"}
        assert text.startswith("Dibandingkan dengan tahun 2025 (data " + ("sintetis" if prev_synth else "nyata"))
        assert ("studi.yaml" in text) == (named is not None)
    else:
        assert m.findings.comparison is None
        assert "2025" in text and "Dibandingkan" not in text
        if reason == "previous_synthetic":
            assert "sintetis" in text and "study.previous_year" in text


def test_a_programme_report_of_the_previous_year_is_not_a_year_to_compare_with(study, tmp_path):
    previous = _previous(synthetic=True, agency="BPSDM Kemuning")
    previous["study"]["program_id"] = "PM"
    root = _project(study, tmp_path, synthetic=True, agency="BPSDM Kemuning", previous_year=2025, previous=previous)
    m = compute_metrics(2026, root=root, lang="en")
    assert m.findings.comparison is None
    assert m.findings.comparison_status.reason == "no_previous_report"
