"""Linking records to the roster and to programmes (period labels: :mod:`kemuning_eval.periods`).

Examples
--------
>>> import pandas as pd
>>> ok, n = match_roster(pd.Series(["P1", "P9", None]), {"P1", "P2"})
>>> ok.tolist(), n
([True, False, False], 2)
"""

from __future__ import annotations

from typing import Any

from kemuning_eval.ingest.labels import normalise_label


def match_roster(participant_ids: Any, roster_ids: Any) -> tuple[Any, int]:
    """Return a mask of records whose participant is in the roster, and the count unmatched.

    ``roster_ids`` is any collection; it is turned into a hashed index once.

    Parameters
    ----------
    participant_ids : pandas.Series
        Participant IDs of the records; missing IDs never match.
    roster_ids : collection
        IDs in the roster (set, list, array or Series).

    Returns
    -------
    ok : pandas.Series of bool
        True where the record's participant is in the roster (same index).
    unmatched : int
        Number of records not matched (missing IDs included).

    Examples
    --------
    >>> import pandas as pd
    >>> ok, n = match_roster(pd.Series(["A", "B", "A"], index=[10, 11, 12]), ["A"])
    >>> ok.to_dict(), n
    ({10: True, 11: False, 12: True}, 1)
    """
    import numpy as np

    ids = np.asarray(list(roster_ids) if isinstance(roster_ids, set) else roster_ids, dtype=object)
    ok = _is_in(participant_ids, ids) & participant_ids.notna()
    return ok, int((~ok).sum())


def _is_in(values: Any, ids: Any) -> Any:
    """``values.isin(ids)`` for text ids, hashed by Arrow (pandas' object hash tables are slow at 1M)."""
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        found = pc.is_in(pa.array(values.astype(object).to_numpy(), type=pa.string(), from_pandas=True),
                         value_set=pa.array(ids, type=pa.string()))
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # not all text: pandas compares any objects
        return values.astype(object).isin(pd.Index(ids, dtype=object))
    return pd.Series(found.to_numpy(zero_copy_only=False), index=values.index, dtype=bool)


def program_lookup(codes: list[str], names: dict[str, str] | None = None) -> dict[str, str]:
    """Return normalised code or name -> programme code.

    Examples
    --------
    >>> program_lookup(["PM-01"], {"PM-01": "Manajemen Proyek"})["manajemen proyek"]
    'PM-01'
    """
    table = {normalise_label(c): c for c in codes}
    for code, name in (names or {}).items():
        if name is not None and name == name:
            table.setdefault(normalise_label(name), code)
    return table


def resolve_programs(values: Any, lookup: dict[str, str]) -> tuple[Any, Any]:
    """Map given programme codes or names to codes; return (codes, unknown mask).

    Parameters
    ----------
    values : pandas.Series
        Programme codes or names as given in a raw file.
    lookup : dict of str to str
        Normalised code or name -> code, from :func:`program_lookup`.

    Returns
    -------
    codes : pandas.Series
        The programme code of each value (NaN when unknown or missing).
    unknown : pandas.Series of bool
        True where a value was given but matches no programme.

    Examples
    --------
    >>> import pandas as pd
    >>> lookup = program_lookup(["PM-01"], {"PM-01": "Manajemen Proyek"})
    >>> codes, unknown = resolve_programs(
    ...     pd.Series(["pm-01", "MANAJEMEN  PROYEK", "Lain", None]), lookup)
    >>> codes.tolist(), unknown.tolist()
    (['PM-01', 'PM-01', nan, nan], [False, False, True, False])
    """
    uniq = values.dropna().unique()
    mapping = {u: lookup.get(normalise_label(u)) for u in uniq}
    out = values.map(mapping).astype(object)
    return out, values.notna() & out.isna()
