"""The ``participants`` table: the roster, one row per pseudonymised participant.

Examples
--------
>>> import pandas as pd
>>> from kemuning_eval.ingest.builders.examples import NIP_COLUMN, state_from_frames
>>> state = state_from_frames({"roster": (pd.DataFrame({
...     "NIP": ["19660801 198803 1 001", "19900215 201503 2 015", None],
...     "Kode": ["PM-01", "PM-01", "PM-01"], "JK": ["L", "Perempuan", "P"]}), [
...     NIP_COLUMN,
...     {"raw": "Kode", "variable": "program_id", "type": "id"},
...     {"raw": "JK", "variable": "gender", "type": "category"}])})
>>> roster = build_roster(state)
>>> roster.size, roster.table["gender"].tolist(), bool(roster.table["participant_id"].str.startswith("P").all())
(2, ['L', 'P'], True)
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
from kemuning_eval.ingest.builders.linking import Roster
from kemuning_eval.ingest.builders.people import nip_ids
from kemuning_eval.ingest.builders.repeats import settle_roster_repeats
from kemuning_eval.ingest.builders.state import Input, RunState

_GENDER = {"l": "L", "lk": "L", "laki laki": "L", "laki": "L", "pria": "L", "male": "L", "m": "L",
           "1": "L", "p": "P", "pr": "P", "perempuan": "P", "wanita": "P", "female": "P", "f": "P",
           "w": "P", "2": "P"}


def build_roster(state: RunState) -> Roster:
    """Build ``participants`` from the roster: NIPs pseudonymised, repeats settled, gender and completion.

    Rows without a NIP or a programme code are dropped (reported by row when
    read); without a usable roster the result is :meth:`Roster.empty`.

    Examples
    --------
    See the module's example.
    """
    import pandas as pd

    from kemuning_eval.ingest.nip import age_band

    inp = state.input_with("roster", "nip", "program_id")
    if inp is None:
        return Roster.empty()
    df = nip_ids(state, inp)
    before = len(df)
    df = df[df["_id"].notna() & df["program_id"].notna()]  # blank codes: reported by row (checks.blank_keys)
    state.clean("roster", "drop rows without NIP or programme code", before, len(df))
    df = settle_roster_repeats(state, inp, df.rename(columns={"_id": "participant_id"}))
    gender = _gender(state, inp, df)
    attendance = df["attendance"].astype("float64") if "attendance" in df else None
    completed = _completed(state, inp, df, attendance)
    out = pd.DataFrame({
        "participant_id": df["participant_id"].astype(str),
        "year": state.year,
        "program_id": df["program_id"].astype(object),
        "unit": text_column(df, "unit"), "position": text_column(df, "position"),
        "grade": text_column(df, "grade"),
        "gender": gender.astype(object),
        "age_band": age_band(df["_birth"], state.year),
        "nip_kind": df["_nip_kind"].astype(object),
        "attendance": attendance if attendance is not None else float("nan"),
        "completed": completed if completed is not None else pd.NA,
    })
    out["completed"] = out["completed"].astype("boolean")
    out["year"] = out["year"].astype("int64")
    return Roster.from_table(out, file=inp.file)


def _gender(state: RunState, inp: Input, df: Any) -> Any:
    """The gender given in the roster, else the one the NIP encodes (unknown labels reported)."""
    gender = df["_nip_gender"].astype(object)
    if "gender" not in df:
        return gender
    mapped, unknown = mapped_values(df["gender"], _GENDER)
    if unknown.any():
        state.problem(inp.file, "unknown_value", t("ingest.pipe.gender"), rows=df.loc[unknown, "_row"],
                      column=raw_name(df, "gender"), hint=t("ingest.pipe.gender_hint"))
    return mapped.where(mapped.notna(), gender)


def _completed(state: RunState, inp: Input, df: Any, attendance: Any) -> Any:
    """Completion as given, else attendance at or above ``scoring.completion_min_attendance``; None if neither."""
    if "completed" in df:
        return boolean_column(df, "completed", inp.file)
    if attendance is None:
        return None
    threshold = float(state.cfg.setting("scoring", "completion_min_attendance"))
    return (attendance >= threshold).astype("boolean").where(attendance.notna(), None)
