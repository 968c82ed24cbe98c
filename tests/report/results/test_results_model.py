"""The typed results model accepts every metrics document ``compute_metrics`` produces.

Reference: the committed JSON Schema (kemuning_eval/schema/metrics.schema.json), which the
same documents already satisfy; the model must accept them and reject a mistyped field.
"""

from __future__ import annotations

import json

import pytest
from crafted_metrics import complete
from pydantic import ValidationError
from report_study import build_study

from kemuning_eval.errors import ReportError
from kemuning_eval.jsonio import dumps_metrics
from kemuning_eval.report.results.metrics import (
    compute_metrics,
    empty_metrics,
    validate_metrics,
    write_metrics,
)
from kemuning_eval.report.results.model import Metrics


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    return build_study(tmp_path_factory.mktemp("study"))


def test_skeleton_is_a_valid_model():
    m = empty_metrics(2026, report_date="2026-12-15")
    model = Metrics.model_validate(m)
    assert model.schema_version == 1
    assert model.reaction.available is False


@pytest.mark.parametrize("lang", ["id", "en"])
def test_computed_metrics_are_a_valid_model(study, lang):
    m = compute_metrics(2026, root=study, lang=lang)
    assert isinstance(m, Metrics)
    validate_metrics(m)
    model = Metrics.model_validate(json.loads(dumps_metrics(m.model_dump(mode="json"))))
    assert model.study.lang == lang
    assert model.reaction.available is True
    assert model == m  # the JSON round trip loses nothing (full precision)


def test_program_metrics_are_a_valid_model(study):
    pid = compute_metrics(2026, root=study).study.programs[0].program_id
    m = compute_metrics(2026, root=study, program_id=pid)
    assert Metrics.model_validate(json.loads(dumps_metrics(m.model_dump(mode="json")))).study.programs[0].program_id == pid


def test_mistyped_field_fails_loudly():
    m = empty_metrics(2026, report_date="2026-12-15")
    m["study"]["n_participant"] = 3
    with pytest.raises(ValidationError, match="n_participant"):
        Metrics.model_validate(m)


def test_model_is_frozen():
    model = Metrics.model_validate(empty_metrics(2026, report_date="2026-12-15"))
    with pytest.raises(ValidationError):
        model.schema_version = 2


def test_writing_a_mistyped_field_is_a_report_error(tmp_path):
    m = complete({"cost": {"available": True, "total_cost": 100, "n_participants": 4, "cost_per_participant": 25,
                           "bcr": None, "roi_pct_": 1.0}})
    with pytest.raises(ReportError, match="model hasil di cost"):
        write_metrics(m, tmp_path / "metrics.json")
    assert not (tmp_path / "metrics.json").exists()
