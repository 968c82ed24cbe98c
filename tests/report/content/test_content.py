"""Report content on a small ingested synthetic study: metrics, schema, narrative, figures.

The key property: every number in the rendered text equals (after formatting
with kemuning_eval.numfmt) a value stored in metrics.json, so the report and
the JSON can never disagree.
"""

from __future__ import annotations

import html
import json
import re

import pytest
from report_study import build_study

from kemuning_eval.errors import UsageError
from kemuning_eval.i18n import catalogue
from kemuning_eval.jsonio import dumps_metrics
from kemuning_eval.numfmt import fmt_int, fmt_number, fmt_p, fmt_pct, fmt_rupiah
from kemuning_eval.report.content import figures, render
from kemuning_eval.report.content.sections import section_numbers
from kemuning_eval.report.results.metrics import (
    compute_metrics,
    scoped_table,
    validate_metrics,
    write_metrics,
)
from kemuning_eval.report.results.model import Metrics


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    return build_study(tmp_path_factory.mktemp("study"))


@pytest.fixture(scope="module")
def metrics_id(study):
    return compute_metrics(2026, root=study, lang="id")


@pytest.fixture(scope="module")
def metrics_en(study):
    return compute_metrics(2026, root=study, lang="en")


def _numbers_in(value, out: set[str], lang: str) -> None:
    """Every way the report may show a stored value (the formats of numfmt)."""
    if isinstance(value, dict):
        for v in value.values():
            _numbers_in(v, out, lang)
    elif isinstance(value, list):
        for v in value:
            _numbers_in(v, out, lang)
    elif isinstance(value, bool) or value is None:
        return
    elif isinstance(value, (int, float)):
        for d in range(4):
            # a sentence may word the sign ("lebih sedikit", "less") and show the size: abs() of the stored value
            for v in (value, abs(value)):
                out.add(fmt_number(v, d, lang))
                out.add(fmt_pct(v, d, lang).rstrip("%"))
        out.add(fmt_int(value, lang))
        out.add(fmt_rupiah(value, lang).removeprefix("Rp").removeprefix("IDR "))
        out.add(str(value))
    elif isinstance(value, str):
        for number in re.findall(r"\d+(?:[.,]\d+)*", value):
            parts = re.split(r"(?<=\d)(?=[.,])", number)  # a version "3.11.7" may be read as "3.11"
            out.update("".join(parts[:k]) for k in range(1, len(parts) + 1))


def _p_values(value) -> list[float]:
    if isinstance(value, dict):
        return [v for k, x in value.items() for v in ([x] if k in ("p_val", "w_p") and x is not None
                                                      else _p_values(x))]
    if isinstance(value, list):
        return [v for x in value for v in _p_values(x)]
    return []


_TOKEN = re.compile(r"(?<![\w.,])-?\d{1,3}(?:[.]\d{3})*(?:,\d+)?(?![\d])|(?<![\w.,])-?\d+(?:,\d+)?(?![\d])")
_TOKEN_EN = re.compile(r"(?<![\w.,])-?\d{1,3}(?:,\d{3})*(?:\.\d+)?(?![\d])|(?<![\w.,])-?\d+(?:\.\d+)?(?![\d])")


def _visible_text(page: str) -> str:
    page = re.sub(r'src="data:image/png;base64,[^"]*"', "", page)
    page = re.sub(r"<[^>]+>", " ", page)
    return html.unescape(page)


def _rendered(m: Metrics, lang: str) -> str:
    rep = render.Report(m, lang)
    parts = [rep.title(), rep.banner()] + [rep.section(name) for name in render.CELLS]
    parts += [rep.figure(name) for name in ("likert", "forest", "applying", "did", "themes")]
    return "\n".join(parts)


def _catalogue_numbers(lang: str) -> set[str]:
    out: set[str] = set()
    for texts in catalogue().values():
        plain = re.sub(r"\{[^}]*\}", " ", texts[lang])
        out.update(tok.lstrip("-") for tok in (_TOKEN if lang == "id" else _TOKEN_EN).findall(plain))
    return out


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_number_in_the_text_comes_from_metrics(lang, metrics_id, metrics_en):
    m = metrics_id if lang == "id" else metrics_en
    stored = json.loads(dumps_metrics(m.model_dump()))  # exactly what metrics.json holds
    allowed: set[str] = set()
    _numbers_in(stored, allowed, lang)
    allowed |= _catalogue_numbers(lang)
    allowed |= set(section_numbers().values())  # the headings' numbers (4.2), computed from SECTIONS
    text = _visible_text(_rendered(m, lang))
    # fmt_p shows a stored p below 0.001 (however precise) as "< 0,001": the floor, not a stored value.
    assert all(fmt_p(p, lang) == f"< {fmt_number(0.001, 3, lang)}" for p in _p_values(stored) if p < 0.0005)
    text = text.replace(f"< {fmt_number(0.001, 3, lang)}", "<")
    tokens = (_TOKEN if lang == "id" else _TOKEN_EN).findall(text)
    assert len(tokens) > 100, "the report should be full of numbers"
    stray = sorted({tok for tok in tokens if tok not in allowed and tok.lstrip("-") not in allowed})
    assert stray == [], f"numbers in the text that are not in metrics.json: {stray[:20]}"


def test_metrics_validate_against_schema_and_are_deterministic(study, metrics_id, metrics_en, tmp_path):
    validate_metrics(metrics_id)
    validate_metrics(metrics_en)
    again = json.loads(dumps_metrics(compute_metrics(2026, root=study, lang="id").model_dump()))
    first = json.loads(dumps_metrics(metrics_id.model_dump()))
    for m in (again, first):  # other commits may land in a shared checkout between the two runs
        m["provenance"].pop("git_commit")
    assert again == first
    path = write_metrics(metrics_id, tmp_path / "metrics.json")
    assert "NaN" not in path.read_text(encoding="utf-8")
    for level in ("reaction", "learning", "behavior", "results", "cost", "qualitative"):
        assert getattr(metrics_id, level).available, level


def test_numbers_are_stored_at_full_precision(metrics_id):
    o = metrics_id.learning.overall
    assert o.estimate != round(o.estimate, 3) or o.post_mean != round(o.post_mean, 3)  # not display-rounded
    assert isinstance(metrics_id.cost.total_cost, int)


def test_no_identifier_reaches_metrics(metrics_id):
    text = dumps_metrics(metrics_id.model_dump())
    assert not re.search(r"(?<![\d.])\d{18}(?![\d.])", text), "an 18-digit NIP in metrics.json (decimals excepted)"
    assert "@" not in text
    assert not re.search(r"\bP[0-9a-f]{16}\b", text), "participant pseudonyms are not published"


def test_synthetic_banner_and_sections(metrics_id, metrics_en):
    page = _rendered(metrics_id, "id")
    assert "DATA SINTETIS" in page
    for heading in ("Ringkasan Eksekutif", "Metode Evaluasi", "Tantangan", "Rekomendasi", "Lampiran"):
        assert heading in page
    assert "Executive Summary" in _rendered(metrics_en, "en")


def test_programme_report_is_scoped_and_unknown_programme_is_usage_error(study, metrics_id):
    pid = metrics_id.study.programs[0].program_id
    m = compute_metrics(2026, root=study, program_id=pid)
    validate_metrics(m)
    assert m.study.n_programs == 1 and m.study.program_id == pid
    assert m.study.n_participants < metrics_id.study.n_participants
    assert m.study.jp_coverage is None
    with pytest.raises(UsageError, match="XX-TIDAK-ADA"):
        compute_metrics(2026, root=study, program_id="XX-TIDAK-ADA")


def test_previous_year_comparison_when_its_metrics_exist(study, metrics_id):
    prev = json.loads(dumps_metrics(metrics_id.model_dump()))
    prev["study"]["year"] = 2025
    prev["reaction"]["mean_overall"] = 3.5
    path = study / "reports" / "2025" / "metrics.json"
    write_metrics(prev, path)
    try:
        m = compute_metrics(2026, root=study)
    finally:
        path.unlink()
    comp = m.findings.comparison
    row = next(r for r in comp.rows if r.metric == "reaction_mean")
    assert comp.previous_year == 2025 and row.previous == 3.5
    assert row.current == metrics_id.reaction.mean_overall
    assert "2025" in render.Report(m, "id").section("comparison")
    assert figures.comparison_bars(m, "id") is not None
    assert render.Report(m, "en").figure("comparison").startswith("<figure")
    assert metrics_id.findings.comparison is None


def test_figures_are_deterministic_and_carry_no_metadata(metrics_id, study):
    tests = scoped_table(2026, "tests", root=study)
    a = figures.png_bytes(figures.prepost_box(tests, metrics_id, "id"))
    b = figures.png_bytes(figures.prepost_box(tests, metrics_id, "id"))
    assert a == b and a.startswith(b"\x89PNG")
    assert b"Software" not in a and b"tIME" not in a
    page = render.Report(metrics_id, "id", tests=tests).figure("prepost")
    assert page.startswith("<figure") and 'alt="' in page and "<figcaption>Gambar 1." in page


def test_suppressed_groups_are_never_plotted(metrics_id):
    rows = list(metrics_id.learning.by_program)
    rows[0] = rows[0].model_copy(update={"suppressed": True, "estimate": None, "ci_low": None, "ci_high": None,
                                         "name": "Kelompok Kecil"})
    m = metrics_id.model_copy(update={"learning": metrics_id.learning.model_copy(update={"by_program": rows})})
    fig = figures.learning_forest(m, "id")
    labels = [tick.get_text() for tick in fig.axes[0].get_yticklabels()]
    assert "Kelompok Kecil" not in labels and len(labels) == len(rows) - 1
    table = render.Report(m, "id").section("learning")
    assert "n &lt; 5" in table


def test_scope_below_minimum_group_size_is_suppressed_not_published(study, tmp_path):
    import shutil

    import yaml

    root = tmp_path / "proj"
    shutil.copytree(study / "data", root / "data")
    (root / "notebooks").mkdir()
    cfg_path = root / "data" / "raw" / "2026" / "studi.yaml"
    cfg = yaml.safe_load(cfg_path.read_text(encoding="utf-8"))
    cfg["privacy"]["min_group_size"] = 10_000
    cfg_path.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    m = compute_metrics(2026, root=root, program_id="PM")
    validate_metrics(m)
    for level in ("reaction", "learning", "behavior", "qualitative"):
        entry = getattr(m, level)
        assert entry.available is False and entry.reason == "suppressed_small_group", level
    page = _rendered(m, "id")
    assert "kurang dari 10.000" in page
    assert figures.likert_diverging(m, "id") is None and figures.themes_bar(m, "id") is None
