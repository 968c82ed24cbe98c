"""``compute_metrics(tables=...)`` with tables read once gives the same metrics as reading them itself.

Reference: ``compute_metrics`` reading ``data/processed/<year>`` on its own (the default path).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kemuning_eval.report.results.metrics import (
    compute_metrics,
    load_scoped_tables,
    scope_tables,
    scoped_table,
)


@pytest.fixture(scope="module")
def study(tmp_path_factory) -> Path:
    from report_study import build_study

    return build_study(tmp_path_factory.mktemp("study"))


@pytest.mark.parametrize("program_id", ["PM"])
def test_preloaded_tables_give_the_same_metrics_and_scope(study, program_id):
    data = load_scoped_tables(2026, root=study)
    given = compute_metrics(2026, root=study, program_id=program_id, tables=data)
    assert given == compute_metrics(2026, root=study, program_id=program_id)
    # what the report notebooks pass to render.Report instead of reading tests.parquet again
    assert scope_tables(data, program_id)["tests"].equals(scoped_table(2026, "tests", root=study, program_id=program_id))
