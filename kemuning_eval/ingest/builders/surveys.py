"""The survey tables: ``reaction`` and ``facilitator_ratings``, one row per response kept.

Both link each response to the roster, settle repeated submissions, measure
answer quality, check reverse items and scrub free text; facilitator ratings
also find the rated facilitator's id.

Examples
--------
>>> import pandas as pd
>>> from kemuning_eval.ingest.builders.examples import NIP_COLUMN, example_run
>>> from kemuning_eval.scrub import Scrubber
>>> state, roster, programs = example_run({"reaction": (pd.DataFrame({
...     "NIP": ["19660801 198803 1 001", "19900215 201503 2 015"], "Materi": ["Setuju", "Sangat setuju"],
...     "Saran": ["hubungi 0812-3456-7890", None]}), [
...     NIP_COLUMN,
...     {"raw": "Materi", "variable": "mat_1", "type": "likert", "scale": "setuju5"},
...     {"raw": "Saran", "variable": "suggestion", "type": "freetext"}])})
>>> out = build_reaction(state, roster, programs, Scrubber([]))
>>> out["response_id"].tolist(), out["mat_1"].tolist(), "0812" in str(out["suggestion"].iloc[0])
(['RX2026-000002', 'RX2026-000003'], [4.0, 5.0], False)
"""

from __future__ import annotations

from typing import Any

from kemuning_eval.i18n import t
from kemuning_eval.ingest.builders.columns import per_unique, raw_name, row_ids
from kemuning_eval.ingest.builders.facilitators import Facilitators
from kemuning_eval.ingest.builders.linking import Roster, link_to_roster
from kemuning_eval.ingest.builders.measures import answer_quality, check_reverse, item_variables
from kemuning_eval.ingest.builders.people import participant_records
from kemuning_eval.ingest.builders.programs import Programmes
from kemuning_eval.ingest.builders.repeats import dedupe
from kemuning_eval.ingest.builders.state import Input, RunState
from kemuning_eval.ingest.labels import normalise_label
from kemuning_eval.ingest.quality import check_text


def build_reaction(state: RunState, roster: Roster, programs: Programmes, scrubber: Any) -> Any:
    """Build ``reaction`` (response ids ``RX<year>-<row>``); None without a reaction survey.

    Examples
    --------
    See the module's example.
    """
    found = participant_records(state, "reaction", roster, programs, keep_unkeyed=True)
    if found is None:
        return None
    inp, df = found
    return _responses(state, inp, df, ["participant_id", "program_id"], roster, scrubber, prefix="RX")


def build_facilitator_ratings(state: RunState, roster: Roster, programs: Programmes,
                              facilitators: Facilitators, scrubber: Any) -> Any:
    """Build ``facilitator_ratings`` (ids ``FR<year>-<row>``), each response with the rated facilitator.

    A name not found in the facilitator list is reported (``unmatched_facilitator``).

    Examples
    --------
    >>> import pandas as pd
    >>> from kemuning_eval.ingest.builders.examples import NIP_COLUMN, example_run
    >>> from kemuning_eval.scrub import Scrubber
    >>> state, roster, programs = example_run({"facilitator_ratings": (pd.DataFrame({
    ...     "NIP": ["19660801 198803 1 001"], "Fasilitator": ["Dr. Ani"], "Kode": ["PM-01"]}), [
    ...     NIP_COLUMN,
    ...     {"raw": "Kode", "variable": "program_id", "type": "id"},
    ...     {"raw": "Fasilitator", "variable": "facilitator_name", "type": "text"}])})
    >>> fac = Facilitators(None, {("PM-01", "dr ani"): "F1"})
    >>> out = build_facilitator_ratings(state, roster, programs, fac, Scrubber([]))
    >>> out["facilitator_id"].tolist()
    ['F1']
    """
    found = participant_records(state, "facilitator_ratings", roster, programs, keep_unkeyed=True)
    if found is None:
        return None
    inp, df = found
    df["facilitator_id"] = _rated(state, inp, df, facilitators)
    keys = ["participant_id", "program_id", "facilitator_id"]
    return _responses(state, inp, df, keys, roster, scrubber, prefix="FR")


def _rated(state: RunState, inp: Input, df: Any, facilitators: Facilitators) -> Any:
    """The id of each response's facilitator (None when no name or not in the list)."""
    if "facilitator_name" not in df:
        return None
    names = per_unique(df["facilitator_name"], normalise_label)
    ids = facilitators.ids(df["program_id"], names)
    miss = ids.isna() & names.notna()
    if miss.any():
        state.problem(inp.file, "unmatched_facilitator", check_text("unmatched_facilitator"),
                      rows=df.loc[miss, "_row"], column=raw_name(df, "facilitator_name"),
                      hint=t("ingest.pipe.facilitator_hint"))
    return ids


def _responses(state: RunState, inp: Input, df: Any, keys: list[str], roster: Roster, scrubber: Any, *,
               prefix: str) -> Any:
    """Link, settle repeats, measure; return the survey's table (items as float, free text scrubbed)."""
    import pandas as pd

    items = item_variables(inp)
    df = link_to_roster(state, inp, df, roster)
    df = dedupe(state, inp, df, keys, items)
    answer_quality(state, inp, df, roster)
    check_reverse(state, inp, df)
    out = pd.DataFrame({"response_id": row_ids(f"{prefix}{state.year}-", df["_row"]),
                        "participant_id": df["participant_id"].astype(object),
                        "program_id": df["program_id"].astype(object),
                        "nip_kind": df["_nip_kind"].astype(object)}, index=df.index)
    if "facilitator_id" in keys:
        out["facilitator_id"] = df["facilitator_id"].astype(object)
    if "submitted_at" in df:
        out["submitted_at"] = df["submitted_at"]
    for v in items:
        out[v] = df[v].astype("float64")
    for c in inp.codebook.columns:
        if c.type == "freetext" and c.keep and c.pii is None and c.variable in df:
            out[c.variable] = scrubber.scrub_series(df[c.variable])
    return out.reset_index(drop=True)
