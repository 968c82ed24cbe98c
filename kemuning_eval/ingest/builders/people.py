"""Who a record belongs to: NIPs classified and pseudonymised, person keys, programmes filled in.

:func:`nip_ids` gives every record of an instrument its NIP kind and
pseudonym (invalid NIPs reported, never dropped); :func:`participant_records`
adds the programme and the person key (the NIP's pseudonym, else the
e-mail's, else the name + programme's, see
:func:`~kemuning_eval.ingest.dedupe.person_keys`).

Examples
--------
>>> import pandas as pd
>>> from kemuning_eval.ingest.builders.examples import NIP_COLUMN, example_run
>>> state, roster, programs = example_run({"tests": (pd.DataFrame({"NIP": ["19660801 198803 1 001", "1966"]}), [
...     NIP_COLUMN])})
>>> inp, df = participant_records(state, "tests", roster, programs)
>>> len(df), df["_nip_kind"].tolist(), sorted({p.extra["check"] for p in state.problems})
(2, ['PNS', 'invalid'], ['invalid_nip'])
"""

from __future__ import annotations

from typing import Any

from kemuning_eval.i18n import t
from kemuning_eval.ingest.builders.columns import raw_name
from kemuning_eval.ingest.builders.linking import Roster
from kemuning_eval.ingest.builders.programs import Programmes
from kemuning_eval.ingest.builders.state import Input, RunState
from kemuning_eval.ingest.checks import nip_usable
from kemuning_eval.ingest.quality import check_text, measure


def nip_ids(state: RunState, inp: Input, *, prefix: str = "P", domain: str = "") -> Any:
    """Classify an input's NIPs (invalid ones reported, never dropped); return its records with ids.

    Adds ``_nip_kind``, ``_birth``, ``_nip_gender`` and ``_id`` (the pseudonym,
    None without a usable NIP) to a shallow copy of ``inp.data``.

    Examples
    --------
    See the module's example.
    """
    df = inp.data
    info = state.nips.info(df["nip"], prefix, domain)
    bad = info["kind"] == "invalid"
    for reason, grp in df[bad].groupby(info.loc[bad, "reason"], sort=True):
        state.problem(inp.file, "invalid_nip", check_text("invalid_nip", reason=reason), rows=grp["_row"],
                      column=raw_name(df, "nip"), value=reason,  # the reason code (never the NIP) for the report
                      hint=t("ingest.pipe.invalid_nip_hint", mode=state.cfg.nip.mode))
    state.problems += nip_usable(inp.file, info["kind"], df["_row"], raw_name(df, "nip"))
    out = df.copy(deep=False)  # copy-on-write: the new columns never touch df
    out["_nip_kind"] = info["kind"].replace({"missing": None})
    out["_birth"] = info["birth_date"]
    out["_nip_gender"] = info["gender"]
    out["_id"] = info["_id"].astype(object).where(info["_id"].notna(), None)
    return out


def participant_records(state: RunState, key: str, roster: Roster, programs: Programmes, *,
                        keep_unkeyed: bool = False) -> tuple[Input, Any] | None:
    """Return an instrument's records with person keys (``participant_id``) and programme codes.

    Records without any key are counted and reported; they are kept only
    when ``keep_unkeyed`` (surveys: the response is still valid).  None when
    the instrument is absent or has no NIP column.

    Examples
    --------
    See the module's example.
    """
    from kemuning_eval.ingest.dedupe import person_keys

    inp = state.input_with(key, "nip")
    if inp is None:
        return None
    df = nip_ids(state, inp).rename(columns={"_id": "participant_id"})
    df["program_id"] = programs.resolve(state, inp, df, roster)
    keys = person_keys(df["participant_id"], df["_nip_kind"], email=df.get("email"), name=df.get("name"),
                       program=df["program_id"], pseudo=lambda v, d: state.pseudo(v, "P", d))
    df["participant_id"], df["_key_source"] = keys["key"], keys["source"]
    person_fill(df, roster, programs)
    key_quality(state, inp, df, keep_unkeyed)
    if not keep_unkeyed:
        before = len(df)
        df = df[df["participant_id"].notna()]
        state.clean(key, "drop records without NIP, e-mail or name", before, len(df))
    return inp, df


def person_fill(df: Any, roster: Roster, programs: Programmes) -> None:
    """Records joined to a person by e-mail or name take the person's NIP kind and roster programme.

    Examples
    --------
    >>> import pandas as pd
    >>> from kemuning_eval.ingest.builders.programs import Programmes
    >>> from kemuning_eval.ingest.builders.linking import Roster
    >>> df = pd.DataFrame({"participant_id": ["P1", "P1"], "_nip_kind": ["PNS", None],
    ...                    "_key_source": ["nip", "email"], "program_id": ["A", "A"]})
    >>> person_fill(df, Roster.empty(), Programmes(None, {}, False))
    >>> df["_nip_kind"].tolist()
    ['PNS', 'PNS']
    """
    joined = df["_key_source"].isin(["email", "name"]).to_numpy()
    if not joined.any():
        return
    people = df["participant_id"].isin(df.loc[joined, "participant_id"].unique()).to_numpy()
    sub = df.loc[people, ["participant_id", "_nip_kind"]]  # only the people some record was joined to
    known = sub.groupby("participant_id")["_nip_kind"].first()
    kind = df.loc[joined, "participant_id"].map(known)
    df.loc[joined, "_nip_kind"] = df.loc[joined, "_nip_kind"].where(df.loc[joined, "_nip_kind"].notna(), kind)
    if programs.derive and len(roster.program):
        from_roster = roster.program_of(df.loc[joined, "participant_id"])
        df.loc[joined, "program_id"] = from_roster.where(from_roster.notna(), df.loc[joined, "program_id"])


def key_quality(state: RunState, inp: Input, df: Any, kept: bool) -> None:
    """Count records keyed by e-mail or name, and report those without any key.

    Examples
    --------
    >>> import pandas as pd
    >>> from kemuning_eval.ingest.builders.examples import state_from_frames
    >>> state = state_from_frames({})
    >>> df = pd.DataFrame({"_row": [2, 3], "participant_id": ["P1", None], "_key_source": ["email", None]})
    >>> key_quality(state, Input("reaction", "survei.csv", df, None), df, True)
    >>> [(p.extra["check"], p.row) for p in state.problems]
    [('keyed_by_email', None), ('unkeyed', 3)]
    """
    n = max(len(df), 1)
    for source in ("email", "name"):
        hit = int((df["_key_source"] == source).sum())
        if hit:
            state.problems.append(measure(inp.file, f"keyed_by_{source}", "", hit, hit / n, "info"))
    none = df["participant_id"].isna()
    if none.any():
        state.problem(inp.file, "unkeyed", check_text("unkeyed"), rows=df.loc[none, "_row"],
                      column=raw_name(df, "nip"),
                      hint=t("ingest.dedupe.unkeyed_kept" if kept else "ingest.dedupe.unkeyed_dropped"))
