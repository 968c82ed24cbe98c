"""metrics.json: deterministic serialisation and the JSON Schema (draft 2020-12)."""

from __future__ import annotations

import json
import math

import jsonschema
import pytest
from crafted_metrics import complete

from kemuning_eval.errors import ReportError
from kemuning_eval.jsonio import dumps_metrics
from kemuning_eval.report.results.metrics import (
    empty_metrics,
    metrics_schema,
    validate_metrics,
    write_metrics,
)
from kemuning_eval.report.results.schema import generated_schema, schema_text


def test_schema_is_valid_draft_2020_12():
    schema = metrics_schema()
    assert schema["$schema"].endswith("2020-12/schema")
    jsonschema.Draft202012Validator.check_schema(schema)


def test_bundled_schema_is_the_one_generated_from_the_model():
    assert metrics_schema() == generated_schema(), "run: python -m kemuning_eval.report.results.schema"
    from importlib import resources

    bundled = (resources.files("kemuning_eval") / "schema" / "metrics.schema.json").read_text(encoding="utf-8")
    assert bundled == schema_text()


def test_schema_and_model_messages_come_from_the_catalogue(tmp_path):
    m = empty_metrics(2026)
    m["study"]["lang"] = "fr"
    with pytest.raises(ReportError, match="does not fit the results model at study/lang") as caught:
        validate_metrics(m, lang="en")
    assert "bug in the program" in caught.value.hint


def test_skeleton_validates_and_serialises_deterministically(tmp_path):
    m = complete({"cost": {"available": True, "total_cost": 100, "n_participants": 4, "cost_per_participant": 25,
                           "bcr": math.nan}})
    validate_metrics(m)
    text = dumps_metrics(m)
    assert "NaN" not in text and '"bcr": null' in text
    assert text == dumps_metrics(json.loads(text))  # stable under a round trip
    path = write_metrics(m, tmp_path / "metrics.json")
    assert path.read_text(encoding="utf-8") == text


def test_schema_violation_is_report_error(tmp_path):
    m = empty_metrics(2026)
    m["study"]["lang"] = "fr"
    with pytest.raises(ReportError, match="study/lang"):
        write_metrics(m, tmp_path / "metrics.json")
    assert not (tmp_path / "metrics.json").exists()


def test_schema_guards_privacy_and_evidence():
    m = empty_metrics(2026, report_date="2026-12-15")
    m["qualitative"] = {"available": True, "n_excerpts": 5, "themes": [],
                        "quotes": [{"theme": "a", "role": "Pengelola", "text": "x", "participant_id": "P1"}]}
    with pytest.raises(ReportError, match="qualitative"):
        validate_metrics(m)
    m = empty_metrics(2026, report_date="2026-12-15")
    m["findings"]["challenges"] = [{"id": "low_roi", "evidence": [], "text": {}}]
    with pytest.raises(ReportError, match="findings/challenges/0/evidence"):
        validate_metrics(m)
    m = empty_metrics(2026, report_date="2026-12-15")
    m["provenance"]["inputs"] = [{"file": "/home/user/data.csv", "kind": "input", "sha256": "0" * 64}]
    with pytest.raises(ReportError, match="provenance/inputs/0/file"):
        validate_metrics(m)
