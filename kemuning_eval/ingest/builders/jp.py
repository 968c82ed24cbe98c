"""The ``jp_records`` table: training hours (JP) per civil servant, pseudonymised apart from participants.

Its ids (``R...``) use their own pseudonym domain, so they cannot be joined to participants.

Examples
--------
>>> import pandas as pd
>>> from kemuning_eval.ingest.builders.examples import NIP_COLUMN, state_from_frames
>>> state = state_from_frames({"jp_records": (pd.DataFrame({"NIP": ["19660801 198803 1 001"], "JP": ["24"]}), [
...     NIP_COLUMN,
...     {"raw": "JP", "variable": "jp_total", "type": "number"}])})
>>> out = build_jp_records(state)
>>> out["person_id"].str[:1].tolist(), out["jp_total"].tolist()
(['R'], [24.0])
"""

from __future__ import annotations

from typing import Any

from kemuning_eval.ingest.builders.columns import number_column, text_column
from kemuning_eval.ingest.builders.people import nip_ids
from kemuning_eval.ingest.builders.repeats import dedupe
from kemuning_eval.ingest.builders.state import RunState


def build_jp_records(state: RunState) -> Any:
    """Build ``jp_records``: one row per person with a usable NIP; None without JP records.

    Examples
    --------
    See the module's example.
    """
    import pandas as pd

    inp = state.input_with("jp_records", "nip")
    if inp is None:
        return None
    df = nip_ids(state, inp, prefix="R", domain="jp:")
    df = df[df["_id"].notna()].rename(columns={"_id": "person_id"})
    df = dedupe(state, inp, df, ["person_id"], ["jp_total"], time_col=None, key_col="person_id")
    return pd.DataFrame({
        "person_id": df["person_id"], "unit": text_column(df, "unit"),
        "nip_kind": df["_nip_kind"].astype(object),
        "jp_total": number_column(df, "jp_total")}).reset_index(drop=True)
