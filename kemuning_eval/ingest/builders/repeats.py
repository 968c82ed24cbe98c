"""Repeated records, settled the same way for every builder: the rule or the resolution file, reported.

:func:`dedupe` settles repeated submissions of an instrument by the
configured rule; :func:`settle_roster_repeats` settles repeated participants
of the roster; :func:`duplicates_report` gathers what both did for
``duplikat-<year>.csv``.  The rules themselves are
:mod:`kemuning_eval.ingest.duplicates`.

Examples
--------
>>> import pandas as pd
>>> from kemuning_eval.ingest.builders.examples import NIP_COLUMN, state_from_frames
>>> state = state_from_frames({"jp_records": (pd.DataFrame({"NIP": ["19660801 198803 1 001"] * 2,
...                                                          "JP": ["20", "20"]}), [
...     NIP_COLUMN,
...     {"raw": "JP", "variable": "jp_total", "type": "number"}])})
>>> inp = state.inputs["jp_records"]
>>> kept = dedupe(state, inp, inp.data, ["nip"], ["jp_total"], time_col=None, key_col="nip")
>>> len(kept), duplicates_report(state)[["row", "action", "duplicate"]].to_dict("records")
(1, [{'row': 2, 'action': 'drop', 'duplicate': 'exact'}, {'row': 3, 'action': 'keep', 'duplicate': ''}])
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from kemuning_eval.i18n import t
from kemuning_eval.ingest import duplicates as dupmod
from kemuning_eval.ingest.builders.columns import raw_name
from kemuning_eval.ingest.builders.state import Input, RunState
from kemuning_eval.ingest.quality import check_text, measure


def dedupe(state: RunState, inp: Input, df: Any, keys: list[str], items: list[str], *,
           time_col: str | None = "submitted_at", key_col: str = "participant_id") -> Any:
    """Settle repeated records of ``keys`` by the configured rule; return the records kept.

    Examples
    --------
    See the module's example.
    """
    from kemuning_eval.ingest.dedupe import repeat_kinds

    rule = state.cfg.duplicates.rule
    work = df.copy(deep=False)  # a missing programme (etc.) is a value: same person, same blank
    for k in keys:
        if k != key_col and k in work:
            work[k] = work[k].astype(object).where(work[k].notna(), "")
    kept, report = dupmod.settle(work, keys, rule=rule, items=items, file=inp.file,
                                 time_col=time_col if time_col in df else None,
                                 resolutions=state.resolutions, key_col=key_col)
    state.clean(inp.key, f"duplicates ({rule})", len(df), len(kept))
    if len(report):
        specs = inp.codebook.by_variable()  # the programme is compared as resolved (a key)
        answers = [c for c, spec in specs.items() if c in df and c not in keys and c != "program_name"
                   and spec.pii is None and spec.type not in ("date", "datetime")]
        report = repeat_kinds(work, report, answers=answers, group=keys)
        state.dup_reports.append(report)
        n = int((report["action"] == "drop").sum())
        counts = {kind: int((report["duplicate"] == kind).sum()) for kind in ("exact", "corrected")}
        found = measure(inp.file, "duplicate_submission", "+".join(keys), n, n / max(len(df), 1), "warning",
                        t("ingest.dedupe.summary", rule=rule, year=state.year, **counts))
        state.problems.append(replace(found, value=rule))  # the rule's code, named in the report
        for kind, m in counts.items():
            state.problems.append(measure(inp.file, f"duplicate_{kind}", "+".join(keys), m,
                                          m / max(len(df), 1), "info"))
    return df.loc[kept.index]


def settle_roster_repeats(state: RunState, inp: Input, df: Any) -> Any:
    """Settle participants listed more than once (identical rows, or by the resolution file).

    Conflicting repeats without a resolution are errors, remembered in
    ``state.unresolved`` for the resolution template.

    Examples
    --------
    >>> import pandas as pd
    >>> from kemuning_eval.ingest.builders.examples import state_from_frames
    >>> state = state_from_frames({})
    >>> df = pd.DataFrame({"_row": [2, 3], "participant_id": ["P1", "P1"], "program_id": ["A", "B"]})
    >>> kept = settle_roster_repeats(state, Input("roster", "peserta.csv", df, None), df)
    >>> len(state.unresolved), [p.severity for p in state.problems if p.extra["check"] == "duplicate_conflict"]
    (1, ['error'])
    """
    before = len(df)
    df, report, unresolved = dupmod.settle_roster(df, key="participant_id", compare=["program_id", "unit"],
                                                  file=inp.file, resolutions=state.resolutions)
    state.clean("roster", "participant repeats (identical/resolution)", before, len(df))
    state.dup_reports.append(report)
    if len(report):
        dropped = int((report["action"] == "drop").sum())
        state.problems.append(measure(inp.file, "duplicate_participant", "participant_id", dropped,
                                      dropped / max(before, 1), "warning",
                                      check_text("duplicate_participant", year=state.year)))
    if unresolved:
        state.unresolved.append((inp.file, unresolved))
        for group in unresolved:
            state.problem(inp.file, "duplicate_conflict", check_text("duplicate_conflict"), rows=group["rows"],
                          column=raw_name(df, "nip"), value=group["key"], severity="error",
                          hint=t("ingest.pipe.conflict_hint", file=state.cfg.duplicates.resolution_file.name))
    return df


def duplicates_report(state: RunState) -> Any:
    """Every duplicate settled in the run, for ``duplikat-<year>.csv`` (sorted by file, key, row).

    Examples
    --------
    See the module's example.
    """
    import pandas as pd

    columns = [*dupmod.REPORT_COLUMNS, "duplicate"]
    reports = [r for r in state.dup_reports if len(r)]
    if not reports:
        return pd.DataFrame(columns=columns)
    out = pd.concat(reports, ignore_index=True)
    identical = (out["reason"] == "identik") & (out["action"] == "drop")
    out["duplicate"] = out.get("duplicate", pd.Series("", index=out.index)).fillna("").where(~identical, "exact")
    return out[columns].sort_values(["file", "key", "row"]).reset_index(drop=True)
