"""metrics.json: deterministic serialisation and the JSON Schema (draft 2020-12)."""

from __future__ import annotations

import json
import math

import jsonschema
import pytest

from kemuning_eval.errors import ReportError
from kemuning_eval.report.jsonio import dumps_metrics
from kemuning_eval.report.metrics import (
    empty_metrics,
    metrics_schema,
    validate_metrics,
    write_metrics,
)


def test_schema_is_valid_draft_2020_12():
    schema = metrics_schema()
    assert schema["$schema"].endswith("2020-12/schema")
    jsonschema.Draft202012Validator.check_schema(schema)


def test_skeleton_validates_and_serialises_deterministically(tmp_path):
    m = empty_metrics(2026, report_date="2026-12-15")
    m["reaction"] = {"available": True, "mean": math.nan}
    validate_metrics(m)
    text = dumps_metrics(m)
    assert "NaN" not in text and '"mean": null' in text
    assert text == dumps_metrics(json.loads(text))  # stable under a round trip
    path = write_metrics(m, tmp_path / "metrics.json")
    assert path.read_text(encoding="utf-8") == text


def test_schema_violation_is_report_error(tmp_path):
    m = empty_metrics(2026)
    m["study"]["lang"] = "fr"
    with pytest.raises(ReportError, match="study/lang"):
        write_metrics(m, tmp_path / "metrics.json")
    assert not (tmp_path / "metrics.json").exists()
