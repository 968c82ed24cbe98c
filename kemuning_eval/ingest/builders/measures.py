"""Answer-quality measures of an instrument: its items, missing answers, straight-lining, response rate, items against their scale.

Each measure is an ``info`` row of ``data_quality.parquet`` (see
:mod:`kemuning_eval.ingest.quality`); an item whose corrected item-total
correlation is negative is a warning.

Examples
--------
>>> import pandas as pd
>>> from kemuning_eval.ingest.builders.examples import NIP_COLUMN, state_from_frames
>>> state = state_from_frames({"tests": (pd.DataFrame({"NIP": ["19660801 198803 1 001"], "Pre": ["60"],
...                                                     "Nilai": ["70"]}), [
...     NIP_COLUMN,
...     {"raw": "Pre", "variable": "pre", "type": "number"},
...     {"raw": "Nilai", "variable": "score", "type": "number"}])})
>>> item_variables(state.inputs["tests"])
['score']
"""

from __future__ import annotations

from typing import Any

from kemuning_eval.i18n import t
from kemuning_eval.ingest.builders.columns import raw_name
from kemuning_eval.ingest.builders.linking import Roster
from kemuning_eval.ingest.builders.state import Input, RunState
from kemuning_eval.ingest.codebook import NUMERIC_TYPES
from kemuning_eval.ingest.quality import measure


def item_variables(inp: Input) -> list[str]:
    """The numeric variables kept of an instrument (its items), test scores and row numbers aside.

    Examples
    --------
    See the module's example.
    """
    return [c.variable for c in inp.codebook.columns
            if c.keep and c.type in NUMERIC_TYPES and c.variable in inp.data
            and c.variable not in ("pre", "post", "row_no")]


def answer_quality(state: RunState, inp: Input, df: Any, roster: Roster) -> None:
    """Record missing answers per Likert item, straight-lining and the response rate.

    Straight-lining: the same raw answer (before reverse recoding) to every
    item of the instrument's most used scale, when it has at least five items.
    The response rate needs a roster.

    Examples
    --------
    >>> import pandas as pd
    >>> from kemuning_eval.ingest.builders.linking import Roster
    >>> from kemuning_eval.ingest.builders.examples import NIP_COLUMN, state_from_frames
    >>> columns = [NIP_COLUMN] + [
    ...     {"raw": f"Q{i}", "variable": f"q{i}", "type": "likert", "scale": "setuju5"} for i in range(5)]
    >>> frame = pd.DataFrame({"NIP": [None, None], **{f"Q{i}": ["Setuju", "Setuju"] for i in range(5)}})
    >>> state = state_from_frames({"reaction": (frame, columns)})
    >>> inp = state.inputs["reaction"]
    >>> answer_quality(state, inp, inp.data, Roster.empty())
    >>> [(p.extra["check"], p.extra["n"]) for p in state.problems][-2:]
    [('missing_answer', 0), ('straight_lining', 2)]
    """
    likert = [c for c in inp.codebook.columns if c.type == "likert" and c.keep and c.variable in df]
    for c in likert:
        miss = int(df[c.variable].isna().sum())
        state.problems.append(measure(inp.file, "missing_answer", c.variable, miss,
                                      miss / max(len(df), 1), "info"))
    scales = [c.scale for c in likert]
    main = max(sorted(set(scales)), key=scales.count) if scales else None
    likert = [c for c in likert if c.scale == main]
    if len(likert) >= 5 and len(df):
        raw = df[[c.variable for c in likert]].copy()
        for c in likert:
            if c.reverse:
                raw[c.variable] = inp.codebook.scale(c.scale).reverse(raw[c.variable])
        complete = raw.notna().all(axis=1)
        flat = complete & (raw.max(axis=1) == raw.min(axis=1))
        state.problems.append(measure(inp.file, "straight_lining", "", int(flat.sum()),
                                      float(flat.sum()) / max(len(df), 1), "info"))
    if roster.present and "participant_id" in df:
        n = df["participant_id"].nunique()
        state.problems.append(measure(inp.file, "response_rate", "", n, n / max(roster.size, 1), "info"))


def check_reverse(state: RunState, inp: Input, df: Any) -> None:
    """Warn about items whose corrected item-total correlation is negative (``reverse: true``?).

    Examples
    --------
    >>> import pandas as pd
    >>> from kemuning_eval.ingest.builders.examples import state_from_frames
    >>> state = state_from_frames({})
    >>> from kemuning_eval.ingest.codebook import codebook_from_mapping
    >>> cb = codebook_from_mapping({"columns": [{"raw": "Q", "variable": "q", "type": "likert",
    ...                                          "scale": "setuju5"}]}, source="reaksi.yaml")
    >>> check_reverse(state, Input("reaction", "survei.csv", None, cb), pd.DataFrame({"q": [1.0, 2.0]}))
    >>> state.problems
    []
    """
    from kemuning_eval.ingest.reverse_check import negative_items

    specs = inp.codebook.by_variable()
    for variable, r in negative_items(df, inp.codebook):
        spec = specs[variable]
        hint = "ingest.reverse.hint_undo" if spec.reverse else "ingest.reverse.hint"
        state.problem(inp.file, "negative_item_total", t("ingest.reverse.message", r=f"{r:.2f}"),
                      column=raw_name(df, variable), value=variable,
                      hint=t(hint, variable=variable, codebook=inp.codebook.source))
