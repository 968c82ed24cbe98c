"""Programmes as the exports name them, when there is no programme table.

A survey's "Pelatihan yang diikuti" holds names ("Manajemen Proyek",
"manajemen  proyek") or codes ("PM-01").  Without a programme table each
distinct value (case, spaces and punctuation ignored) gets a **derived code**:
a code-like value (one word with a digit or in capitals: ``PM-01``, ``LATSAR``)
is kept upper-cased; a name becomes its words in capitals joined by ``-``
(``MANAJEMEN-PROYEK``), so the same name gives the same code in every file
and every year.  The display name is the most frequent spelling (ties: the
first in alphabetical order; a choice name such as ``manajemen_proyek`` is
shown as ``Manajemen Proyek``).  A programme table, when given, adds JP,
quota and cost, and its codes win.

Examples
--------
>>> import pandas as pd
>>> codes, names = derive_programs(pd.Series(["Manajemen Proyek", "manajemen  proyek.", "PM-01", None]))
>>> codes.tolist(), names
(['MANAJEMEN-PROYEK', 'MANAJEMEN-PROYEK', 'PM-01', None], {'MANAJEMEN-PROYEK': 'Manajemen Proyek', 'PM-01': 'PM-01'})
"""

from __future__ import annotations

import re
from typing import Any

from kemuning_eval.ingest.labels import normalise_label

_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,19}$")
_MAX_CODE = 40


def derive_code(value: Any) -> str | None:
    """Return the derived programme code of one value (None when empty).

    Examples
    --------
    >>> derive_code("pm-01"), derive_code("LATSAR"), derive_code("Pelatihan Kepemimpinan Pengawas")
    ('PM-01', 'LATSAR', 'PELATIHAN-KEPEMIMPINAN-PENGAWAS')
    >>> derive_code("Analisis   data!"), derive_code("  ")
    ('ANALISIS-DATA', None)
    """
    text = " ".join(str(value).split())
    if not text:
        return None
    if _CODE.match(text) and (any(ch.isdigit() for ch in text) or text.isupper()):
        return text.upper()
    words = normalise_label(text).upper().split()
    return "-".join(words)[:_MAX_CODE].strip("-") or None


def display_name(value: Any) -> str:
    """Return a value as a programme name: spaces collapsed, a choice name's ``_`` as spaces.

    Examples
    --------
    >>> display_name("  Manajemen   Proyek "), display_name("pelayanan_publik_prima")
    ('Manajemen Proyek', 'Pelayanan Publik Prima')
    """
    text = " ".join(str(value).split())
    if "_" in text and " " not in text:  # a KoboToolbox / ODK choice name
        text = " ".join(w.capitalize() for w in text.split("_") if w)
    return text


def derive_programs(values: Any) -> tuple[Any, dict[str, str]]:
    """Return the derived code of each value and the display name of each code.

    Parameters
    ----------
    values : pandas.Series
        Programme names or codes as written in an export.

    Returns
    -------
    codes : pandas.Series
        Same index, object dtype (None where missing).
    names : dict of str to str
        Code -> most frequent spelling (spaces collapsed).

    Examples
    --------
    >>> import pandas as pd
    >>> derive_programs(pd.Series(["Analisis Data", "ANALISIS DATA", "ANALISIS DATA"]))[1]
    {'ANALISIS-DATA': 'ANALISIS DATA'}
    """
    import pandas as pd

    text = values.astype(object).map(display_name, na_action="ignore")
    uniq = text.dropna().unique()
    mapping = {u: derive_code(u) for u in uniq}
    codes = text.map(mapping).astype(object)
    codes = codes.where(codes.notna(), None)
    counts = pd.DataFrame({"code": codes, "name": text}).dropna().value_counts().reset_index(name="n")
    counts = counts.sort_values(["code", "n", "name"], ascending=[True, False, True])
    names = dict(counts.drop_duplicates("code")[["code", "name"]].itertuples(index=False, name=None))
    return codes, names


#: A programme name is merged into a code when at least this share of its people who appear
#: with any code appear with that one code, and they are at least MIN_SHARED people.
MERGE_SHARE = 0.8
MIN_SHARED = 2


def is_code(value: Any) -> bool:
    """True when a value is written like a code (one word with a digit, or in capitals).

    Examples
    --------
    >>> is_code("PM-01"), is_code("LATSAR"), is_code("Manajemen Proyek"), is_code("manajemen_proyek")
    (True, True, False, False)
    """
    text = " ".join(str(value).split())
    return bool(_CODE.match(text)) and (any(ch.isdigit() for ch in text) or text.isupper())


def reconcile(frames: list[Any], from_names: set[str]) -> dict[str, str]:
    """Map programmes known only by name to the code the same people have in another file.

    A survey may name the programme ("Manajemen Proyek") where the score
    export gives its code (``PM-01``).  Without a programme table the two
    are matched through the people: a name-derived code is mapped to a code
    when :data:`MERGE_SHARE` of its people who appear with any code appear
    with that one, and they are at least :data:`MIN_SHARED`.

    Parameters
    ----------
    frames : list of pandas.DataFrame
        Tables with ``participant_id`` and ``program_id``.
    from_names : set of str
        The derived codes that came from names.

    Returns
    -------
    dict of str to str
        Name-derived code -> code (only the programmes that matched).

    Examples
    --------
    >>> import pandas as pd
    >>> survey = pd.DataFrame({"participant_id": ["a", "b", "c", "d"],
    ...                        "program_id": ["MANAJEMEN-PROYEK"] * 3 + ["PELAYANAN"]})
    >>> scores = pd.DataFrame({"participant_id": ["a", "b", "c", "d"], "program_id": ["PM-01"] * 3 + ["PL-02"]})
    >>> reconcile([survey, scores], {"MANAJEMEN-PROYEK", "PELAYANAN"})
    {'MANAJEMEN-PROYEK': 'PM-01'}
    """
    import pandas as pd

    pairs = pd.concat([f[["participant_id", "program_id"]] for f in frames if {"participant_id", "program_id"} <= set(f)],
                      ignore_index=True).dropna().drop_duplicates() if frames else pd.DataFrame()
    if not len(pairs):
        return {}
    named = pairs[pairs["program_id"].isin(from_names)]
    coded = pairs[~pairs["program_id"].isin(from_names)]
    both = named.merge(coded, on="participant_id", suffixes=("_name", "_code"))
    out = {}
    for name, grp in both.groupby("program_id_name", sort=True):
        counts = grp["program_id_code"].value_counts()
        people = grp["participant_id"].nunique()
        best = counts.index[0]
        if counts.iloc[0] >= MIN_SHARED and counts.iloc[0] >= MERGE_SHARE * people and (
                len(counts) == 1 or counts.iloc[1] < counts.iloc[0]):
            out[str(name)] = str(best)
    return out
