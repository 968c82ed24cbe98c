"""The ``items`` table: every codebook item of every instrument read (label, dimension, scale, reverse).

Examples
--------
>>> import pandas as pd
>>> from kemuning_eval.ingest.builders.examples import NIP_COLUMN, state_from_frames
>>> state = state_from_frames({"reaction": (pd.DataFrame({"NIP": [None], "Materi": ["Setuju"]}), [
...     NIP_COLUMN,
...     {"raw": "Materi", "variable": "mat_1", "type": "likert", "scale": "setuju5",
...      "dimension": "materi"}])})
>>> build_items(state)[["instrument", "variable", "dimension", "reverse"]].to_dict("records")
[{'instrument': 'reaction', 'variable': 'mat_1', 'dimension': 'materi', 'reverse': False}]
"""

from __future__ import annotations

from typing import Any

from kemuning_eval.ingest.builders.state import RunState

#: The columns of ``items.parquet``.
ITEM_COLUMNS = ["instrument", "variable", "label", "dimension", "scale", "scale_min", "scale_max",
                "reverse", "ikm_element"]


def build_items(state: RunState) -> Any:
    """Build ``items`` from the codebooks of the inputs read, in reading order.

    Examples
    --------
    See the module's example.
    """
    import pandas as pd

    rows = []
    for key, inp in state.inputs.items():
        for r in inp.codebook.items():
            r["instrument"] = key
            rows.append(r)
    frame = pd.DataFrame(rows, columns=ITEM_COLUMNS)
    frame["reverse"] = frame["reverse"].astype(bool)
    return frame
