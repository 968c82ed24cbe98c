"""The ``observations`` table: behaviour ratings by rater (supervisor, peer, self) and wave.

Examples
--------
>>> import pandas as pd
>>> from kemuning_eval.ingest.builders.examples import NIP_COLUMN, example_run
>>> state, roster, programs = example_run({"observations": (pd.DataFrame({
...     "NIP": ["19660801 198803 1 001"] * 2, "Penilai": ["Atasan", "Atasan"],
...     "Waktu": ["Sebelum", "Sesudah"], "Skor": ["3", "4"]}), [
...     NIP_COLUMN,
...     {"raw": "Penilai", "variable": "rater", "type": "category"},
...     {"raw": "Waktu", "variable": "wave", "type": "category"},
...     {"raw": "Skor", "variable": "b_1", "type": "number"}])})
>>> out = build_observations(state, roster, programs)
>>> out[["rater", "wave", "b_1"]].to_dict("records")
[{'rater': 'supervisor', 'wave': 'baseline', 'b_1': 3.0}, {'rater': 'supervisor', 'wave': 'followup', 'b_1': 4.0}]
"""

from __future__ import annotations

from typing import Any

from kemuning_eval.i18n import t
from kemuning_eval.ingest.builders.columns import (
    boolean_column,
    mapped_values,
    raw_name,
    text_column,
)
from kemuning_eval.ingest.builders.linking import Roster, link_to_roster
from kemuning_eval.ingest.builders.measures import item_variables
from kemuning_eval.ingest.builders.people import participant_records
from kemuning_eval.ingest.builders.programs import Programmes
from kemuning_eval.ingest.builders.repeats import dedupe
from kemuning_eval.ingest.builders.state import Input, RunState

_RATER = {"1": "supervisor", "atasan": "supervisor", "atasan langsung": "supervisor",
          "supervisor": "supervisor", "2": "peer", "rekan": "peer", "rekan kerja": "peer",
          "sejawat": "peer", "peer": "peer", "3": "self", "diri sendiri": "self", "sendiri": "self",
          "self": "self", "alumni": "self", "peserta": "self"}
_WAVE = {"1": "baseline", "baseline": "baseline", "awal": "baseline", "sebelum": "baseline",
         "pra": "baseline", "pre": "baseline", "2": "followup", "followup": "followup",
         "follow up": "followup", "tindak lanjut": "followup", "sesudah": "followup",
         "pasca": "followup", "post": "followup"}


def build_observations(state: RunState, roster: Roster, programs: Programmes) -> Any:
    """Build ``observations``: one row per (participant, rater, wave); None without observations.

    Unknown rater or wave labels are errors; records without both are dropped.

    Examples
    --------
    See the module's example.
    """
    import pandas as pd

    found = participant_records(state, "observations", roster, programs)
    if found is None:
        return None
    inp, df = found
    _code_labels(state, inp, df)
    df = df[df[["rater", "wave"]].notna().all(axis=1)] if {"rater", "wave"} <= set(df) else df
    items = item_variables(inp)
    df = link_to_roster(state, inp, df, roster)
    df = dedupe(state, inp, df, ["participant_id", "rater", "wave"], items, time_col="observed_on")
    out = pd.DataFrame({"participant_id": df["participant_id"], "program_id": df["program_id"],
                        "nip_kind": df["_nip_kind"].astype(object),
                        "rater": text_column(df, "rater"), "wave": text_column(df, "wave")})
    out["observed_on"] = pd.to_datetime(df["observed_on"]) if "observed_on" in df else pd.NaT
    for v in items:
        out[v] = df[v].astype("float64")
    if "applies" in df:
        out["applies"] = boolean_column(df, "applies", inp.file)
    return out.reset_index(drop=True)


def _code_labels(state: RunState, inp: Input, df: Any) -> None:
    """Rater and wave labels as codes, in place (an unknown label is an error)."""
    for var, table in (("rater", _RATER), ("wave", _WAVE)):
        if var not in df:
            continue
        given = df[var].astype(object)
        mapped, unknown = mapped_values(given, table)
        if unknown.any():
            state.problem(inp.file, "unknown_value", t("ingest.pipe.unknown_var", variable=var),
                          rows=df.loc[unknown, "_row"], column=raw_name(df, var),
                          value=str(given[unknown].iloc[0]), severity="error", hint=t("ingest.pipe.rater_hint"))
        df[var] = mapped
