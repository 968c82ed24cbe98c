"""The roster as the other builders see it, and linking an instrument's records to it.

:class:`Roster` is what :func:`~kemuning_eval.ingest.builders.roster.build_roster`
returns: the ``participants`` table and each participant's programme.
:func:`link_to_roster` keeps the records whose participant is in it, counts
the others and stops the run when too many are lost.

Examples
--------
>>> import pandas as pd
>>> roster = Roster.from_table(pd.DataFrame({"participant_id": ["P1", "P2"], "program_id": ["A", "B"]}),
...                            file="peserta.csv")
>>> roster.present, roster.size, roster.program_of(pd.Series(["P2", "P9"])).tolist()
(True, 2, ['B', nan])
>>> Roster.empty().present, Roster.empty().size
(False, 0)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kemuning_eval.errors import Problem
from kemuning_eval.i18n import t
from kemuning_eval.ingest.builders.columns import raw_name
from kemuning_eval.ingest.builders.state import Input, RunState
from kemuning_eval.ingest.quality import check_text


@dataclass
class Roster:
    """The participants table and the programme of each participant.

    Parameters
    ----------
    table : pandas.DataFrame or None
        ``participants`` (None without a usable roster).
    file : str or None
        The roster's file name.
    program : pandas.Series
        Programme code by participant id (index; may repeat).

    Examples
    --------
    >>> import pandas as pd
    >>> roster = Roster.from_table(pd.DataFrame({"participant_id": ["P1"], "program_id": ["Analisis"]}),
    ...                            file="peserta.csv")
    >>> roster.recode(pd.Series(["ANALISIS"]))
    >>> roster.table["program_id"].tolist(), roster.program.to_dict()
    (['ANALISIS'], {'P1': 'ANALISIS'})
    """

    table: Any
    file: str | None
    program: Any
    _first: tuple[Any, Any] | None = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def empty(cls) -> Roster:
        """No roster: no participants, no programmes.

        Examples
        --------
        See the module's example.
        """
        import pandas as pd

        return cls(None, None, pd.Series(dtype=object))

    @classmethod
    def from_table(cls, table: Any, *, file: str) -> Roster:
        """The roster of a ``participants`` table.

        Examples
        --------
        See the module's example.
        """
        import pandas as pd

        program = pd.Series(table["program_id"].to_numpy(dtype=object),
                            index=pd.Index(table["participant_id"].to_numpy(dtype=object)))
        return cls(table, file, program)

    @property
    def present(self) -> bool:
        """True when there is a participants table."""
        return self.table is not None

    @property
    def size(self) -> int:
        """Number of participants (0 without a roster)."""
        return 0 if self.table is None else len(self.table)

    def program_of(self, participant_ids: Any) -> Any:
        """The roster's programme of each participant id (NaN when not in the roster).

        Examples
        --------
        See the module's example.
        """
        if self._first is None or self._first[0] is not self.program:
            # one programme per id, kept while ``program`` is the same: its index's hash table is reused
            self._first = (self.program, self.program[~self.program.index.duplicated()])
        return participant_ids.map(self._first[1])

    def recode(self, codes: Any) -> None:
        """Replace the participants' programme codes (same index as the table), in place.

        Examples
        --------
        See the class's example.
        """
        import pandas as pd

        self.table["program_id"] = codes
        self.program = pd.Series(codes.to_numpy(dtype=object),
                                 index=pd.Index(self.table["participant_id"].to_numpy(dtype=object)))


def link_to_roster(state: RunState, inp: Input, df: Any, roster: Roster) -> Any:
    """Keep records whose participant is in the roster; count and report the rest.

    Without a roster every record is kept.

    Examples
    --------
    >>> import pandas as pd
    >>> from kemuning_eval.ingest.builders.examples import state_from_frames
    >>> state = state_from_frames({})
    >>> inp = Input("tests", "tes.csv", pd.DataFrame({"_row": [2, 3, 4]}), None)
    >>> df = inp.data.assign(participant_id=["P1", "P9", "P1"])
    >>> roster = Roster.from_table(pd.DataFrame({"participant_id": ["P1"], "program_id": ["A"]}),
    ...                            file="peserta.csv")
    >>> len(link_to_roster(state, inp, df, roster)), state.unmatched, state.problems[0].extra["check"]
    (2, {'tes.csv': 1}, 'unmatched')
    """
    from kemuning_eval.ingest.link import match_roster

    if not roster.present:
        return df
    ok, n = match_roster(df["participant_id"], roster.program.index)
    state.unmatched[inp.file] = n
    if n:
        first = df.loc[~ok, "_row"]
        state.problems.append(Problem(inp.file, int(first.iloc[0]), raw_name(df, "nip"), None,
                                      check_text("unmatched"), severity="warning",
                                      hint=t("ingest.pipe.unmatched_hint"),
                                      extra={"check": "unmatched", "n": n,
                                             "rows": df.loc[~ok, "_row"].tolist()[:20],
                                             "share": n / max(len(df), 1)}))
    check_link_share(state, inp, df, n + len(inp.data) - len(df))  # unmatched + dropped before (no NIP, ...)
    state.clean(inp.key, "link to roster (unmatched dropped)", len(df), int(ok.sum()))
    return df[ok]


def check_link_share(state: RunState, inp: Input, df: Any, n_dropped: int) -> None:
    """Stop the run when linking drops more than ``linking.max_dropped_share`` of the records.

    Examples
    --------
    >>> import pandas as pd
    >>> from kemuning_eval.ingest.builders.examples import state_from_frames
    >>> state = state_from_frames({})
    >>> inp = Input("tests", "tes.csv", pd.DataFrame({"_row": [2, 3]}), None)
    >>> check_link_share(state, inp, inp.data, 2)
    >>> [p.severity for p in state.problems]
    ['error']
    """
    from kemuning_eval.ingest.checks import link_share

    files = {inp.file, state.inputs["roster"].file if "roster" in state.inputs else inp.file}
    nip_problem = any(p.file in files and p.extra.get("check") == "nip_as_number" for p in state.problems)
    found = link_share(inp.file, raw_name(df, "nip"), n_dropped, len(inp.data),
                       limit=state.cfg.linking.max_dropped_share, nip_problem=nip_problem)
    if found is not None:
        state.problems.append(found)
