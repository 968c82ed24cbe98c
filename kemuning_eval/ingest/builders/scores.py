"""The ``tests`` table: pre- and post-test scores, one row per participant.

Examples
--------
>>> import pandas as pd
>>> from kemuning_eval.ingest.builders.examples import NIP_COLUMN, example_run
>>> state, roster, programs = example_run({"tests": (pd.DataFrame({"NIP": ["19660801 198803 1 001"], "Pre": ["55"],
...                                                     "Post": ["80"]}), [
...     NIP_COLUMN,
...     {"raw": "Pre", "variable": "pre", "type": "number"},
...     {"raw": "Post", "variable": "post", "type": "number"}])})
>>> build_tests(state, roster, programs)[["pre", "post"]].to_dict("records")
[{'pre': 55.0, 'post': 80.0}]
"""

from __future__ import annotations

from typing import Any

from kemuning_eval.ingest.builders.columns import number_column
from kemuning_eval.ingest.builders.linking import Roster, link_to_roster
from kemuning_eval.ingest.builders.measures import answer_quality
from kemuning_eval.ingest.builders.people import participant_records
from kemuning_eval.ingest.builders.programs import Programmes
from kemuning_eval.ingest.builders.repeats import dedupe
from kemuning_eval.ingest.builders.state import RunState


def build_tests(state: RunState, roster: Roster, programs: Programmes) -> Any:
    """Build ``tests``: records linked to the roster, one per participant; None without test scores.

    Examples
    --------
    See the module's example.
    """
    import pandas as pd

    found = participant_records(state, "tests", roster, programs)
    if found is None:
        return None
    inp, df = found
    df = link_to_roster(state, inp, df, roster)
    df = dedupe(state, inp, df, ["participant_id"], ["pre", "post"], time_col=None)
    answer_quality(state, inp, df, roster)
    return pd.DataFrame({
        "participant_id": df["participant_id"], "program_id": df["program_id"],
        "nip_kind": df["_nip_kind"].astype(object),
        "pre": number_column(df, "pre"), "post": number_column(df, "post")}).reset_index(drop=True)
