"""The ``outcomes`` table: unit performance per activity and period, with the post-training flag.

A period is post-training when the export says so (``post``), else from
``outcomes.first_post_period`` in ``studi.yaml``, else when it starts on or
after the end of the activity's programme (the earliest end without one).

Examples
--------
>>> import pandas as pd
>>> from kemuning_eval.ingest.builders.examples import example_run
>>> state, roster, programs = example_run({"outcomes": (pd.DataFrame({
...     "Kegiatan": ["K1", "K1"], "Periode": ["2025-S2", "2026-S1"], "Pagu": ["100", "100"],
...     "Realisasi": ["80", "95"], "Pasca": ["tidak", "ya"]}), [
...     {"raw": "Kegiatan", "variable": "activity_id", "type": "id"},
...     {"raw": "Periode", "variable": "period", "type": "text"},
...     {"raw": "Pagu", "variable": "budget_planned", "type": "money"},
...     {"raw": "Realisasi", "variable": "budget_realised", "type": "money"},
...     {"raw": "Pasca", "variable": "post", "type": "boolean"}])})
>>> out = build_outcomes(state, roster, programs)
>>> out[["period_index", "post", "budget_ratio"]].astype(object).to_dict("records")
[{'period_index': 0, 'post': False, 'budget_ratio': 0.8}, {'period_index': 1, 'post': True, 'budget_ratio': 0.95}]
"""

from __future__ import annotations

from typing import Any

from kemuning_eval.i18n import t
from kemuning_eval.ingest.builders.columns import (
    boolean_column,
    number_column,
    raw_name,
    text_column,
)
from kemuning_eval.ingest.builders.linking import Roster
from kemuning_eval.ingest.builders.programs import Programmes
from kemuning_eval.ingest.builders.repeats import dedupe
from kemuning_eval.ingest.builders.state import Input, RunState


def build_outcomes(state: RunState, roster: Roster, programs: Programmes) -> Any:
    """Build ``outcomes``: one row per (activity, period); None without unit outcome data.

    Examples
    --------
    See the module's example.
    """
    import pandas as pd

    inp = state.input_with("outcomes", "activity_id", "period")
    if inp is None:
        return None
    df = inp.data.copy()
    df["_start"] = pd.to_datetime(_period_starts(state, inp, df))
    has_prog = "program_id" in df and df["program_id"].notna().any()
    df["program_id"] = programs.resolve(state, inp, df, roster) if has_prog else None
    df = df[df[["activity_id", "period"]].notna().all(axis=1)]
    df = dedupe(state, inp, df, ["activity_id", "period"], [], time_col=None, key_col="activity_id")
    order = sorted(df["_start"].dropna().unique())
    index = {d: i for i, d in enumerate(order)}
    post = boolean_column(df, "post", inp.file) if "post" in df else _post(state, df, has_prog, programs.table)
    planned, realised = number_column(df, "budget_planned"), number_column(df, "budget_realised")
    out = pd.DataFrame({
        "unit": text_column(df, "unit"), "activity_id": df["activity_id"].astype(str),
        "program_id": df["program_id"].astype(object), "period": df["period"].astype(str),
        "period_index": df["_start"].map(index).astype("Int64"), "post": post,
        "treated": boolean_column(df, "treated", inp.file) if "treated" in df else pd.NA,
        "budget_planned": planned, "budget_realised": realised,
        "budget_ratio": (realised / planned.where(planned > 0)).astype("float64"),
        "on_time": boolean_column(df, "on_time", inp.file) if "on_time" in df else pd.NA,
        "service_satisfaction": number_column(df, "service_satisfaction")})
    return out.reset_index(drop=True)


def _period_starts(state: RunState, inp: Input, df: Any) -> Any:
    """The first day of each record's period (an unknown period is an error)."""
    from kemuning_eval.periods import period_start

    starts = df["period"].map({p: period_start(p) for p in df["period"].dropna().unique()})
    bad = df["period"].notna() & starts.isna()
    if bad.any():
        state.problem(inp.file, "unknown_value", t("ingest.pipe.period"), rows=df.loc[bad, "_row"],
                      column=raw_name(df, "period"), value=str(df.loc[bad, "period"].iloc[0]), severity="error",
                      hint=t("ingest.pipe.period_hint"))
    return starts


def _post(state: RunState, df: Any, has_prog: bool, programs_table: Any) -> Any:
    """Post-training periods without a ``post`` column: the configured first post period, else programme ends."""
    import pandas as pd

    from kemuning_eval.periods import period_start

    first_post = state.cfg.outcomes.get("first_post_period")
    if first_post and period_start(first_post):
        post = df["_start"] >= pd.Timestamp(period_start(first_post))
    else:
        ends = (programs_table.set_index("program_id")["end_date"] if programs_table is not None
                else pd.Series(dtype="datetime64[us]"))
        ref = df["program_id"].map(ends) if has_prog else pd.Series(pd.NaT, index=df.index)
        ref = pd.to_datetime(ref).fillna(ends.min() if len(ends) else pd.NaT)
        post = df["_start"] >= ref
    return post.astype("boolean")
