"""End to end for six instrument subsets: ingest -> both report notebooks -> HTML + metrics.json.

For each subset (survey only; tests only; survey + tests; survey + roster;
everything but costs; everything) the report must be produced from the
instruments that exist only: right respondent counts and item means
(computed from the raw exports with pandas, :mod:`subset_study`), no "nan",
no "{", no zero standing in for data that were not collected, one
"not measured" sentence (and nothing else) for each level without data, and
no name, NIP, phone number or e-mail in any output.  Each subset is ingested
and its two reports built once per session (slow).
"""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from subset_study import (
    ITEMS,
    LEVELS,
    SUBSETS,
    YEAR,
    _key,
    assert_honest_metrics,
    assert_honest_page,
    assert_unmeasured_sections,
    expected_item_means,
    expected_respondents,
    expected_test_means,
    identifiers,
    ingest,
    leaks,
    make_project,
    measured,
    section_html,
    visible_text,
)

pytestmark = pytest.mark.slow

NAMES = list(SUBSETS)


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """subset -> (project root, study HTML, study metrics, programme-notebook HTML, its metrics), built lazily."""
    cache: dict[str, tuple] = {}

    def get(subset: str) -> tuple:
        if subset not in cache:
            cache[subset] = _build(tmp_path_factory.mktemp(subset), subset)
        return cache[subset]

    return get


def _build(root, subset):
    from kemuning_eval.paths import ProjectPaths
    from kemuning_eval.progress import set_quiet
    from kemuning_eval.report.engine.build import build_report

    make_project(root, subset)
    ingest(root)
    paths = ProjectPaths(root)
    set_quiet(True)
    with _key():
        build_report(YEAR, paths=paths)
        programs = paths.processed(YEAR) / "programs.parquet"
        program = sorted(pd.read_parquet(programs)["program_id"])[0] if programs.is_file() else ""
        if program:
            build_report(YEAR, paths=paths, program_id=program)
            folder = paths.reports(YEAR) / "program" / program
        else:  # no programme codes at all: the programme notebook reports the whole study, shortly
            folder = _run_program_notebook(root)
    report = paths.reports(YEAR)
    html = (report / f"laporan-evaluasi-{YEAR}.html").read_text(encoding="utf-8")
    metrics = json.loads((report / "metrics.json").read_text(encoding="utf-8"))
    prog_html = "".join(p.read_text(encoding="utf-8") for p in folder.glob("*.html"))
    prog_metrics = json.loads((folder / "metrics.json").read_text(encoding="utf-8"))
    return root, html, metrics, prog_html, prog_metrics


def _run_program_notebook(root):
    """Execute laporan_program.ipynb with ``program_id=""`` (papermill) and keep its HTML outputs."""
    import papermill as pm

    out = root / "reports" / str(YEAR) / "program" / "semua"
    out.mkdir(parents=True, exist_ok=True)
    executed = pm.execute_notebook(
        str(root / "notebooks" / "laporan_program.ipynb"), str(out / "executed.ipynb"), kernel_name="kemuning-eval",
        cwd=str(root), progress_bar=False,
        parameters={"year": YEAR, "lang": "id", "program_id": "", "project_root": str(root),
                    "output_dir": str(out), "report_date": "2026-12-15", "seed": 0})
    errors = [o for c in executed.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []
    html = "".join(o["data"]["text/html"] for c in executed.cells for o in c.get("outputs", [])
                   if isinstance(o.get("data", {}).get("text/html"), str))
    (out / "outputs.html").write_text(html, encoding="utf-8")
    return out


@pytest.mark.parametrize("subset", NAMES)
def test_metrics_valid_and_levels_marked_by_what_was_collected(built, subset):
    from kemuning_eval.report.results.metrics import validate_metrics

    _, _, m, _, pm_ = built(subset)
    validate_metrics(m)
    validate_metrics(pm_)
    have = measured(subset)
    inventory = {row["instrument"]: row["collected"] for row in m["study"]["instruments"]}
    for level, (_, instrument) in LEVELS.items():
        assert inventory[instrument] == (instrument in have), (level, instrument)
        if instrument in have:
            assert m[level]["available"] is True, level
        else:
            assert m[level] == {"available": False, "reason": "not_collected", "instruments": [instrument]}, level
    parts = m["study"]["not_measured"]  # the parts below a level, with the instrument that was missing
    if subset == "everything":
        assert parts == {}
    if "roster" not in SUBSETS[subset]:
        assert "roster" in parts["sample"]["instruments"] and parts["profile"]["reason"] == "not_collected"
    assert ("programs" in parts) == ("programs" not in SUBSETS[subset])
    if "reaction" in SUBSETS[subset]:
        assert ("reaction.facilitators" in parts) == ("facilitator_ratings" not in SUBSETS[subset])


@pytest.mark.parametrize("subset", NAMES)
def test_respondent_counts(built, subset):
    _, _, m, _, _ = built(subset)
    if "reaction" in SUBSETS[subset]:
        assert m["reaction"]["n_responses"] == expected_respondents(subset)


@pytest.mark.parametrize("subset", NAMES)
def test_item_means_and_test_scores_match_the_raw_exports(built, subset):
    root, _, m, _, _ = built(subset)
    if "reaction" in SUBSETS[subset]:
        kept = pd.read_parquet(root / "data" / "processed" / str(YEAR) / "reaction.parquet")["response_id"]
        rows = [int(x.rsplit("-", 1)[1]) for x in kept]
        want = expected_item_means(rows)
        got = {row["variable"]: row["mean"] for row in m["reaction"]["items"]}
        for variable in ITEMS:
            assert got[variable] == pytest.approx(want[variable], abs=0.005), variable
    if "tests" in SUBSETS[subset]:
        n, pre, post = expected_test_means(subset)
        overall = m["learning"]["overall"]
        assert overall["n"] == n
        assert overall["pre_mean"] == pytest.approx(pre, abs=0.005)
        assert overall["post_mean"] == pytest.approx(post, abs=0.005)


@pytest.mark.parametrize("subset", NAMES)
def test_no_nan_placeholder_or_zero_for_missing_data(built, subset):
    root, html, m, prog_html, _ = built(subset)
    for table in (root / "reports" / str(YEAR)).rglob("tabel/*.csv"):
        assert not re.search(r"\b(nan|NaN|None|inf)\b", table.read_text(encoding="utf-8-sig")), table.name
    for page in (html, prog_html):
        assert_honest_page(page)
    assert_honest_metrics(m)
    study = m["study"]
    if "roster" not in SUBSETS[subset]:
        assert study.get("n_participants") is None and study["sample"] is None and not study["profile"]
    if "programs" not in SUBSETS[subset]:
        assert study.get("jp_total") is None and study.get("budget_total") is None
        # programmes derived from the codes and names of the exports: nothing of a programme table
        assert all(p.get("jp") is None and p.get("capacity") is None for p in study.get("programs") or [])
    if "costs" not in measured(subset):
        assert study.get("budget_total") is None
        assert all(p.get("cost") is None for p in study.get("programs") or [])


@pytest.mark.parametrize("subset", NAMES)
def test_unmeasured_level_is_one_sentence_and_not_in_the_method_or_conclusion(built, subset):
    _, html, m, _, _ = built(subset)
    from kemuning_eval.i18n import t

    have = measured(subset)
    assert_unmeasured_sections(html, have)
    method = visible_text(section_html(html, "metode", chapter=True))
    if have != set(SUBSETS["everything"]) | {"costs"}:
        used = method.split("Instrumen yang digunakan tahun ini:")[1].split("Tidak dikumpulkan")[0]
        for instrument in ("tests", "observations", "outcomes", "interviews"):
            assert (t(f"measured.instrument.{instrument}", "id") in used) == (instrument in have), instrument
    assert "Tidak ada laporan tahun 2025" in visible_text(section_html(html, "perbandingan"))


@pytest.mark.parametrize("subset", NAMES)
def test_no_identifier_reaches_any_output(built, subset):
    root, _, _, _, _ = built(subset)
    people = identifiers()
    assert len(people) > 100
    found = leaks(root, people)
    assert found == [], f"identifiers leaked into outputs: {found[:5]}"
