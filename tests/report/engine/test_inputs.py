"""The cache key of a report covers the previous year's metrics.json it compares with."""

from __future__ import annotations

from pathlib import Path

from kemuning_eval.paths import ProjectPaths
from kemuning_eval.report.engine.build import study_inputs
from kemuning_eval.report.engine.cache import build_key


def _key(paths: ProjectPaths, year: int, notebook: Path) -> str:
    return build_key(notebook=notebook, parameters={"year": year}, inputs=study_inputs(paths, year))


def test_previous_year_metrics_change_the_key(tmp_path):
    # Regression: building 2025 after 2026 left the cached 2026 report without its comparison.
    paths = ProjectPaths(tmp_path)
    notebook = tmp_path / "r.ipynb"
    notebook.write_text("{}", encoding="utf-8")
    before = _key(paths, 2026, notebook)
    paths.metrics_json(2025).parent.mkdir(parents=True)
    paths.metrics_json(2025).write_text('{"study": {"year": 2025}}', encoding="utf-8")
    after = _key(paths, 2026, notebook)
    assert before != after
    assert _key(paths, 2026, notebook) == after


def test_previous_year_from_the_study_file(tmp_path):
    paths = ProjectPaths(tmp_path)
    paths.study_config(2026).parent.mkdir(parents=True)
    (paths.raw(2026) / "roster.csv").write_text("NIP,Nama\n", encoding="utf-8")
    paths.study_config(2026).write_text(
        "study: {year: 2026, previous_year: 2023}\ninputs: {roster: roster.csv}\n",
        encoding="utf-8")
    inputs = study_inputs(paths, 2026)
    assert paths.metrics_json(2023) in inputs
    assert paths.metrics_json(2025) not in inputs
    assert paths.study_config(2026) in inputs
