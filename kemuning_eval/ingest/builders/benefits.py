"""The ``benefits`` table: the monetary benefits claimed per programme, for the ROI.

Attribution and confidence are shares (0-1); percentages are divided by 100.

Examples
--------
>>> import pandas as pd
>>> from kemuning_eval.ingest.builders.examples import example_run
>>> state, roster, programs = example_run({"benefits": (pd.DataFrame({
...     "Kode": ["PM-01"], "Manfaat": ["hemat waktu"], "Nilai": ["1000000"], "Atribusi": ["40"]}), [
...     {"raw": "Kode", "variable": "program_id", "type": "id"},
...     {"raw": "Manfaat", "variable": "benefit", "type": "text"},
...     {"raw": "Nilai", "variable": "annual_value", "type": "money"},
...     {"raw": "Atribusi", "variable": "attribution", "type": "percent"}])})
>>> build_benefits(state, roster, programs)[["annual_value", "attribution"]].to_dict(
...     "records")
[{'annual_value': 1000000.0, 'attribution': 0.4}]
"""

from __future__ import annotations

from typing import Any

from kemuning_eval.ingest.builders.columns import number_column
from kemuning_eval.ingest.builders.linking import Roster
from kemuning_eval.ingest.builders.programs import Programmes
from kemuning_eval.ingest.builders.repeats import dedupe
from kemuning_eval.ingest.builders.state import RunState


def build_benefits(state: RunState, roster: Roster, programs: Programmes) -> Any:
    """Build ``benefits``: one row per (programme, benefit); None without a benefit table.

    Examples
    --------
    See the module's example.
    """
    import pandas as pd

    inp = state.input_with("benefits", "program_id", "benefit")
    if inp is None:
        return None
    df = inp.data[inp.data[["program_id", "benefit"]].notna().all(axis=1)].copy()
    df["program_id"] = programs.resolve(state, inp, df, roster)
    df = df[df["program_id"].notna()]
    df = dedupe(state, inp, df, ["program_id", "benefit"], ["annual_value"], time_col=None, key_col="program_id")
    specs = inp.codebook.by_variable()
    out = pd.DataFrame({"program_id": df["program_id"].astype(str), "benefit": df["benefit"].astype(str),
                        "annual_value": number_column(df, "annual_value")})
    for v in ("attribution", "confidence"):
        vals = number_column(df, v)
        if v in specs and (specs[v].type == "percent" or vals.max() > 1):
            vals = vals / 100.0
        out[v] = vals
    return out.reset_index(drop=True)
