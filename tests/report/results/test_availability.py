"""What a study measured, decided once from the processed tables (kemuning_eval.report.results.availability)."""

from __future__ import annotations

import pandas as pd
import pytest

from kemuning_eval.errors import ReportError
from kemuning_eval.paths import ProjectPaths
from kemuning_eval.report.engine.build import program_ids
from kemuning_eval.report.results import availability


def test_costs_are_collected_only_when_the_programme_table_has_a_cost():
    programs = pd.DataFrame({"program_id": ["A", "B"], "cost": [float("nan")] * 2})
    assert not availability.collected({"programs": programs}, "costs")
    assert availability.level_status({"programs": programs}, "cost").reason == "not_collected"
    programs.loc[0, "cost"] = 1_000_000.0
    assert availability.instrument_rows({"programs": programs}, "costs") == 1
    assert availability.level_status({"programs": programs}, "cost") is None


def test_a_collected_instrument_without_usable_records_is_no_data_not_not_collected():
    tests = pd.DataFrame({"participant_id": ["a"], "pre": [50.0], "post": [float("nan")]})
    status = availability.level_status({"tests": tests}, "learning")
    assert status == availability.NotMeasured("no_data", ("tests",))
    inventory = {row["instrument"]: row for row in availability.inventory({"tests": tests})}
    assert inventory["tests"] == {"instrument": "tests", "collected": True, "n": 0}
    assert inventory["roster"] == {"instrument": "roster", "collected": False, "n": None}


def test_every_level_is_measured_by_exactly_one_known_instrument():
    assert set(availability.LEVEL_INSTRUMENT.values()) <= set(availability.INSTRUMENTS)
    from kemuning_eval.report.results.metrics import SECTIONS

    assert tuple(availability.LEVEL_INSTRUMENT) == SECTIONS


def test_programme_reports_without_a_programme_table_use_the_codes_of_the_exports(tmp_path):
    paths = ProjectPaths(tmp_path)
    folder = paths.processed(2027)
    folder.mkdir(parents=True)
    pd.DataFrame({"participant_id": ["a", "b"], "program_id": ["PM", "LD"], "pre": [50.0, 60.0],
                  "post": [70.0, 80.0]}).to_parquet(folder / "tests.parquet")
    assert program_ids(paths, 2027) == ["LD", "PM"]
    pd.DataFrame({"participant_id": ["a"], "program_id": [None], "pre": [1.0], "post": [2.0]}).to_parquet(
        folder / "tests.parquet")
    with pytest.raises(ReportError, match="program"):
        program_ids(paths, 2027)
