"""The ``programs`` table and how every other builder resolves a programme code or name.

With a programme table (``program`` in ``studi.yaml``) it is the table;
without one the programmes come from the exports: the roster's are derived
first (:func:`build_programs`), every file adds the names it uses
(:meth:`Programmes.resolve`), and :func:`build_derived_programs`, run after
all the other tables, matches names to codes through the people they share
and writes the table.  Deriving codes is :mod:`kemuning_eval.ingest.programs`.

Examples
--------
>>> import pandas as pd
>>> from kemuning_eval.ingest.builders.linking import Roster
>>> from kemuning_eval.ingest.builders.examples import state_from_frames
>>> state = state_from_frames({"programs": (pd.DataFrame({"Kode": ["PM-01"], "Nama": ["Manajemen"]}), [
...     {"raw": "Kode", "variable": "program_id", "type": "id"},
...     {"raw": "Nama", "variable": "name", "type": "text"}])})
>>> programs = build_programs(state, Roster.empty())
>>> programs.table["program_id"].tolist(), programs.derive, programs.lookup["manajemen"]
(['PM-01'], False, 'PM-01')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kemuning_eval.i18n import t
from kemuning_eval.ingest.builders.columns import raw_name, text_column
from kemuning_eval.ingest.builders.linking import Roster
from kemuning_eval.ingest.builders.state import Input, RunState
from kemuning_eval.ingest.quality import check_text, measure

_NUMBERS = ("jp", "capacity", "applicants", "cost", "pass_mark")
_DATES = ("start_date", "end_date")


@dataclass
class Programmes:
    """The programmes known so far and the look-up that resolves an export's codes and names.

    Parameters
    ----------
    table : pandas.DataFrame or None
        ``programs`` from the programme table (None when derived from the exports).
    lookup : dict of str to str
        Normalised code or name -> code.
    derive : bool
        True without a programme table: unknown names become derived programmes.
    derived_names : dict of str to str
        Derived code -> display name.
    derived_from_names : set of str
        Derived codes that came from names, not codes.

    Examples
    --------
    >>> import pandas as pd
    >>> from kemuning_eval.ingest.builders.linking import Roster
    >>> from kemuning_eval.ingest.builders.examples import state_from_frames
    >>> state = state_from_frames({})
    >>> programs = Programmes(None, {}, derive=True)
    >>> df = pd.DataFrame({"_row": [2], "program_name": ["Analisis Data"]})
    >>> programs.resolve(state, None, df, Roster.empty()).tolist(), programs.derived_names
    (['ANALISIS-DATA'], {'ANALISIS-DATA': 'Analisis Data'})
    """

    table: Any
    lookup: dict[str, str]
    derive: bool
    derived_names: dict[str, str] = field(default_factory=dict)
    derived_from_names: set[str] = field(default_factory=set)

    def resolve(self, state: RunState, inp: Input | None, df: Any, roster: Roster) -> Any:
        """Resolve the records' programme codes or names; fill missing ones from the roster.

        Unknown programmes are reported (``unmatched_program``), or, without a
        programme table, become derived programmes.

        Examples
        --------
        See the class's example.
        """
        from kemuning_eval.ingest.link import resolve_programs

        given = df["program_id"] if "program_id" in df else (
            df["program_name"] if "program_name" in df else None)
        known = roster.program_of(df["participant_id"]) if "participant_id" in df else None
        if given is None:
            return known.astype(object) if known is not None else None
        codes, unknown = resolve_programs(given.astype(object), self.lookup)
        if unknown.any() and self.derive:  # no programme table: the export's names are the programmes
            codes = codes.where(~unknown, self._derived(given[unknown], known, unknown))
            unknown = unknown & False
        if unknown.any():
            state.problem(inp.file, "unmatched_program", check_text("unmatched_program"),
                          rows=df.loc[unknown, "_row"], column=raw_name(df, "program_id"),
                          value=", ".join(sorted(given[unknown].astype(str).unique())[:3]),
                          hint=t("ingest.pipe.program_hint"))
        if known is not None:
            codes = codes.where(codes.notna(), known)
        return codes.astype(object)

    def _derived(self, given: Any, known: Any, unknown: Any) -> Any:
        """Derived codes of unknown programmes (the roster's programme wins), names remembered."""
        from kemuning_eval.ingest.programs import derive_programs, is_code

        derived, names = derive_programs(given)
        if known is not None:  # the roster knows the participant's programme: it wins
            derived = known[unknown].where(known[unknown].notna(), derived)
        for code in sorted(set(derived.dropna()) & set(names)):
            self.derived_names.setdefault(code, names[code])
            if not is_code(names[code]):
                self.derived_from_names.add(code)
        return derived


def build_programs(state: RunState, roster: Roster) -> Programmes:
    """The programme table (with its participant counts), or the roster's programmes derived.

    Without a programme table the roster's programme names become derived
    codes: the roster is re-coded in place.

    Examples
    --------
    See the module's example.
    """
    from kemuning_eval.ingest.link import program_lookup

    inp = state.inputs.get("programs")
    codes: list[str] = []
    names: dict[str, str] = {}
    derived: dict[str, str] = {}
    table = None
    if inp is not None and "program_id" in inp.data:
        table = _program_table(state, inp, roster)
        codes = table["program_id"].tolist()
        names = dict(zip(table["program_id"], table["name"], strict=True))
        _unknown_roster_programs(state, roster, set(codes))
    elif roster.present:
        derived = _derive_roster_programs(roster)
        codes = sorted(derived)
    return Programmes(table, program_lookup(codes, names), state.derives_programs, derived)


def _program_table(state: RunState, inp: Input, roster: Roster) -> Any:
    """``programs`` from the programme table: one row per code, participants counted in the roster."""
    import pandas as pd

    df = inp.data[inp.data["program_id"].notna()]
    dup = df.duplicated("program_id", keep=False)
    if dup.any():
        state.problem(inp.file, "duplicate_conflict", t("ingest.pipe.program_twice"),
                      rows=df.loc[dup, "_row"], column=raw_name(df, "program_id"),
                      value=", ".join(sorted(df.loc[dup, "program_id"].astype(str).unique())),
                      severity="error", hint=t("ingest.pipe.program_twice_hint"))
        df = df[~df.duplicated("program_id")]
    counts = roster.program.value_counts()
    out = pd.DataFrame({"program_id": df["program_id"].astype(str)})
    for col in ("name", "field"):
        out[col] = text_column(df, col)
    for col in _NUMBERS:
        out[col] = df[col].astype("float64") if col in df else float("nan")
    for col in _DATES:
        out[col] = pd.to_datetime(df[col]) if col in df else pd.NaT
    out["participants"] = out["program_id"].map(counts).fillna(0).astype("int64")
    out["source"] = "table"
    return out.reset_index(drop=True)


def _unknown_roster_programs(state: RunState, roster: Roster, codes: set[str]) -> None:
    """Report roster programmes the programme table does not list."""
    if not roster.present:
        return
    unknown = ~roster.table["program_id"].isin(codes)
    if unknown.any():
        state.problem(roster.file, "unmatched_program", t("ingest.pipe.program_unknown"),
                      rows=[], column="program_id",
                      value=", ".join(sorted(roster.table.loc[unknown, "program_id"].astype(str).unique())[:5]))


def _derive_roster_programs(roster: Roster) -> dict[str, str]:
    """Without a programme table: the roster's programmes get derived, stable codes (code -> name)."""
    from kemuning_eval.ingest.programs import derive_programs

    codes, names = derive_programs(roster.table["program_id"])
    roster.recode(codes)
    return dict(names)


def reconcile_programs(state: RunState, programs: Programmes, tables: dict[str, Any]) -> None:
    """A programme one file names and another codes is one programme, matched through its people.

    The tables' ``program_id`` columns are re-coded in place.

    Examples
    --------
    >>> import pandas as pd
    >>> from kemuning_eval.ingest.builders.examples import state_from_frames
    >>> state = state_from_frames({})
    >>> programs = Programmes(None, {}, True, {"PM-01": "PM-01"})
    >>> tables = {"tests": pd.DataFrame({"participant_id": ["P1"], "program_id": ["PM-01"]})}
    >>> reconcile_programs(state, programs, tables)
    >>> tables["tests"]["program_id"].tolist(), state.problems
    (['PM-01'], [])
    """
    from kemuning_eval.ingest.programs import reconcile

    frames = [df for n, df in tables.items() if n != "programs" and {"participant_id", "program_id"} <= set(df)]
    mapping = reconcile(frames, programs.derived_from_names)
    if not mapping:
        return
    for name, table in tables.items():
        if name != "programs" and "program_id" in table:
            table["program_id"] = table["program_id"].replace(mapping)
    names = programs.derived_names
    for named, code in mapping.items():
        if names.get(code, code) == code:  # the code had no name of its own
            names[code] = names[named]
        state.problems.append(measure("", "program_matched", "program_id", 1, float("nan"), "info",
                                      t("ingest.programs.matched", name=names[named], code=code)))


def build_derived_programs(state: RunState, roster: Roster, programs: Programmes,
                           tables: dict[str, Any]) -> Any:
    """Without a programme table: ``programs`` from the codes and names seen in the exports.

    Runs after every other table (after :func:`reconcile_programs`, which
    re-codes them); returns None when there is a programme table.

    Examples
    --------
    >>> import pandas as pd
    >>> from kemuning_eval.ingest.builders.linking import Roster
    >>> from kemuning_eval.ingest.builders.examples import state_from_frames
    >>> state = state_from_frames({})
    >>> programs = Programmes(None, {}, True, {"ANALISIS-DATA": "Analisis Data"})
    >>> tables = {"reaction": pd.DataFrame({"program_id": ["ANALISIS-DATA"]})}
    >>> out = build_derived_programs(state, Roster.empty(), programs, tables)
    >>> out[["program_id", "name", "source"]].to_dict("records")
    [{'program_id': 'ANALISIS-DATA', 'name': 'Analisis Data', 'source': 'exports'}]
    """
    import pandas as pd

    if not programs.derive or not programs.derived_names:
        return None
    reconcile_programs(state, programs, tables)
    counts = roster.program.value_counts()  # as the roster was before reconciling
    used = set(roster.program.dropna())
    for name, table in tables.items():
        if name != "programs" and "program_id" in table:
            used |= set(table["program_id"].dropna())
    names = programs.derived_names
    codes = sorted(used & set(names))
    out = pd.DataFrame({"program_id": codes, "name": [names[c] for c in codes]})
    out["field"] = None
    for col in _NUMBERS:
        out[col] = float("nan")
    for col in _DATES:
        out[col] = pd.Series(pd.NaT, index=out.index, dtype="datetime64[us]")
    if roster.present:
        out["participants"] = out["program_id"].map(counts).fillna(0).astype("int64")
    else:
        out["participants"] = pd.Series(pd.NA, index=out.index, dtype="Int64")
    out["source"] = "exports"
    return out
