"""The ``interviews`` table: interview excerpts, scrubbed of names and contact details, with their themes.

Examples
--------
>>> import pandas as pd
>>> from kemuning_eval.ingest.builders.examples import example_run
>>> from kemuning_eval.scrub import Scrubber
>>> state, roster, programs = example_run({"interviews": (pd.DataFrame({
...     "Kutipan": ["Pak Budi Santoso sangat membantu"], "Tema": ["dukungan; atasan"]}), [
...     {"raw": "Kutipan", "variable": "text", "type": "freetext"},
...     {"raw": "Tema", "variable": "themes", "type": "themes"}])})
>>> out = build_interviews(state, roster, programs, Scrubber(["Budi Santoso"]))
>>> out["excerpt_id"].tolist(), "Budi" in out["text"].iloc[0], out["themes"].tolist()
(['W2026-000002'], False, ['dukungan;atasan'])
"""

from __future__ import annotations

from typing import Any

from kemuning_eval.ingest.builders.columns import row_ids, text_column
from kemuning_eval.ingest.builders.linking import Roster
from kemuning_eval.ingest.builders.programs import Programmes
from kemuning_eval.ingest.builders.state import RunState


def build_interviews(state: RunState, roster: Roster, programs: Programmes, scrubber: Any) -> Any:
    """Build ``interviews`` (excerpt ids ``W<year>-<row>``); None without interview text.

    Examples
    --------
    See the module's example.
    """
    import pandas as pd

    inp = state.inputs.get("interviews")
    if inp is None:
        return None
    df = inp.data
    text_var = "text" if "text" in df else ("quote" if "quote" in df else None)
    if text_var is None:
        return None
    has_prog = "program_id" in df and df["program_id"].notna().any()
    codes = programs.resolve(state, inp, df, roster) if has_prog else pd.Series(None, index=df.index, dtype=object)
    themes = df["themes"].astype("str").str.split(r"[;,]").map(
        lambda xs: ";".join(x.strip() for x in xs if x.strip()) if isinstance(xs, list) else None
    ).where(df["themes"].notna()) if "themes" in df else None
    return pd.DataFrame({
        "excerpt_id": row_ids(f"W{state.year}-", df["_row"]),
        "role": text_column(df, "role"), "program_id": codes.astype(object),
        "text": scrubber.scrub_series(df[text_var]),
        "themes": themes.astype(object) if themes is not None else None})
