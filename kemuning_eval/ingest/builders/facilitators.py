"""The ``facilitators`` table, and the look-up that gives a rated facilitator's name its id.

A facilitator's id is the pseudonym of the NIP, else of the normalised name.

Examples
--------
>>> import pandas as pd
>>> from kemuning_eval.ingest.builders.examples import example_run
>>> state, roster, programs = example_run({"facilitators": (pd.DataFrame({"Nama": ["Dr. Ani"], "Kode": ["PM-01"]}), [
...     {"raw": "Nama", "variable": "name", "type": "text", "pii": "name"},
...     {"raw": "Kode", "variable": "program_id", "type": "id"}])})
>>> fac = build_facilitators(state, roster, programs)
>>> ids = fac.ids(pd.Series(["PM-01", "PM-02"]), pd.Series(["dr ani", "dr ani"]))
>>> len(fac.table), ids.iloc[0] == ids.iloc[1] == fac.table["facilitator_id"].iloc[0]
(1, True)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kemuning_eval.ingest.builders.columns import text_column
from kemuning_eval.ingest.builders.linking import Roster
from kemuning_eval.ingest.builders.programs import Programmes
from kemuning_eval.ingest.builders.state import RunState
from kemuning_eval.ingest.labels import normalise_label


@dataclass
class Facilitators:
    """The ``facilitators`` table and the id of each (programme, name) and name.

    Parameters
    ----------
    table : pandas.DataFrame or None
        ``facilitators`` (None without a facilitator list).
    lookup : dict
        (programme code, normalised name) -> id, and normalised name -> id (first seen).

    Examples
    --------
    >>> import pandas as pd
    >>> fac = Facilitators(None, {("A", "ani"): "F1", "ani": "F1"})
    >>> fac.ids(pd.Series(["B", "A"]), pd.Series(["ani", "budi"])).tolist()
    ['F1', None]
    """

    table: Any = None
    lookup: dict = field(default_factory=dict)

    def ids(self, programs: Any, names: Any) -> Any:
        """Facilitator ids of (programme, normalised name) pairs, else of the name alone.

        One dictionary look-up per distinct pair, not per response.

        Examples
        --------
        See the class's example.
        """
        import numpy as np
        import pandas as pd

        pcodes, puniq = pd.factorize(programs, use_na_sentinel=False)
        ncodes, nuniq = pd.factorize(names, use_na_sentinel=False)
        width = max(len(nuniq), 1)
        pair_codes, pairs = pd.factorize(pcodes.astype("int64") * width + ncodes)
        found = [self.lookup.get((puniq[c // width], nuniq[c % width]), self.lookup.get(nuniq[c % width]))
                 for c in pairs]
        return pd.Series(np.array(found + [None], dtype=object)[pair_codes], index=programs.index, dtype=object)


def build_facilitators(state: RunState, roster: Roster, programs: Programmes) -> Facilitators:
    """Build ``facilitators``: one row per (facilitator, programme), ids from NIPs or names.

    Examples
    --------
    See the module's example.
    """
    import pandas as pd

    inp = state.input_with("facilitators", "name")
    if inp is None:
        return Facilitators()
    df = inp.data.copy()
    fid, kind = _nip_ids(state, df)
    df["_nip_kind"] = kind.astype(object)
    by_name = state.pseudo(df["name"].map(normalise_label), "F", "name:")
    df["facilitator_id"] = fid.where(fid.notna(), by_name)
    df["program_id"] = programs.resolve(state, inp, df, roster)
    before = len(df)
    df = df[df["program_id"].notna()]
    df = df[~df.duplicated(["facilitator_id", "program_id"])]
    state.clean("facilitators", "repeats of (facilitator, programme)", before, len(df))
    lookup: dict = {}
    for name, prog, f in zip(df["name"].map(normalise_label), df["program_id"], df["facilitator_id"],
                             strict=True):
        lookup[(prog, name)] = f
        lookup.setdefault(name, f)
    table = pd.DataFrame({
        "facilitator_id": df["facilitator_id"], "program_id": df["program_id"].astype(str),
        "role": text_column(df, "role"), "nip_kind": df["_nip_kind"]}).reset_index(drop=True)
    return Facilitators(table, lookup)


def _nip_ids(state: RunState, df: Any) -> tuple[Any, Any]:
    """The pseudonym and kind of each facilitator's NIP (all None without NIPs)."""
    import pandas as pd

    if "nip" not in df or not df["nip"].notna().any():
        none = pd.Series(None, index=df.index, dtype=object)
        return none, none.copy()
    from kemuning_eval.ingest.nip import classify_nip, normalise_nip

    nip = normalise_nip(df["nip"])
    state.pii_values.append(nip.dropna().unique())
    fid = state.pseudo(nip, "F")
    s = state.cfg.nip
    kind = classify_nip(df["nip"], mode=s.mode, pppk_codes=s.pppk_codes,
                        min_appointment_age=s.min_appointment_age)["kind"].replace({"missing": None})
    return fid, kind
