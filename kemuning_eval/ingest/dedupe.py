"""Who a record belongs to (the person key) and what kind of repeat a duplicate is.

Person key, in this order (each a keyed pseudonym, never the value itself):

1. the NIP, when it is valid (PNS/PPPK);
2. else the e-mail (case and spaces ignored) or the normalised name +
   programme, *linked* to the valid NIP another record of the same file
   gives for that e-mail or name, so a resubmission with a mistyped or
   missing NIP still joins its person;
3. else the NIP even when invalid (so two invalid NIPs stay two people), and
   records without a NIP linked to it by e-mail or name; then the e-mail,
   then the normalised name + programme;
4. else no key: the record cannot be de-duplicated (counted and reported).

A dropped repeat is an **exact duplicate** when its answers (every non-PII,
non-time variable) equal those of the record kept, else a **corrected
resubmission**.

Examples
--------
>>> import pandas as pd
>>> nip_id = pd.Series(["P1", None, None, None, None])
>>> kind = pd.Series(["PNS", None, "invalid", None, None])
>>> email = pd.Series(["a@x.id", " A@X.ID", "b@x.id", None, None])
>>> name = pd.Series(["Ani", "Ani", "Budi", "Citra", None])
>>> prog = pd.Series(["PM"] * 5)
>>> keys = person_keys(nip_id, kind, email=email, name=name, program=prog, pseudo=lambda v, d: "K" + v.str[:4])
>>> keys["key"].tolist(), keys["source"].tolist()
(['P1', 'P1', 'Kb@x.', 'Kcitr', None], ['nip', 'email', 'email', 'name', None])
"""

from __future__ import annotations

from typing import Any

#: Values of the duplicates report's ``duplicate`` column for dropped rows.
REPEAT_KINDS = ("exact", "corrected")


def _normalised(values: Any) -> Any:
    """Lower case, every run of punctuation/spaces/underscores as one space, trimmed (vectorised).

    Only the values that are not already plain (lower-case letters, digits and
    single inner spaces) go through the regex replacement.
    """
    import numpy as np
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    lower = pc.utf8_lower(pa.array(values.astype("str").to_numpy(dtype=object), type=pa.string(), from_pandas=True))
    messy = pc.fill_null(pc.match_substring_regex(lower, r"[^a-z0-9 ]|  |^ | $"), False)
    out = lower.to_numpy(zero_copy_only=False).astype(object)
    pick = messy.to_numpy(zero_copy_only=False).astype(bool)
    if pick.any():
        fixed = pc.utf8_trim_whitespace(pc.replace_substring_regex(lower.filter(messy), r"[\W_]+", " "))
        out[pick] = fixed.to_numpy(zero_copy_only=False)
    text = pd.Series(out, index=values.index, dtype=object)
    empty = text.isna().to_numpy() | (text.to_numpy() == "")
    return text.where(~empty, None).where(np.asarray(values.notna()), None)


def _links(norm: Any, key: Any) -> Any:
    """normalised value -> the key most often given with it (ties: smallest key); no missing values."""
    import pandas as pd

    counts = pd.DataFrame({"v": norm, "id": key}).groupby(["v", "id"]).size().reset_index(name="n")
    counts = counts.sort_values(["v", "n", "id"], ascending=[True, False, True])
    return counts.drop_duplicates("v").set_index("v")["id"]


def _link(key: Any, source: Any, mail: Any, person: Any) -> tuple[Any, Any]:
    """Give records without a key the key another record with the same e-mail (or name) has.

    Only the values of records without a key are looked up, so the work grows
    with those records, not with the file.
    """
    key, source = key.copy(), source.copy()
    for values, label in ((mail, "email"), (person, "name")):
        missing = key.isna().to_numpy()
        wanted = values[missing].dropna().unique()
        if not len(wanted):
            continue
        have = values.isin(wanted).to_numpy() & ~missing
        if not have.any():
            continue
        linked = values[missing].map(_links(values[have], key[have])).dropna()
        key.loc[linked.index] = linked.to_numpy()
        source.loc[linked.index] = label
    return key, source


def person_keys(nip_id: Any, nip_kind: Any, *, email: Any = None, name: Any = None, program: Any = None,
                pseudo: Any) -> Any:
    """Return the person key and its source (``nip``/``email``/``name``/None) of each record.

    Parameters
    ----------
    nip_id : pandas.Series
        Pseudonym of each record's NIP (None when missing).
    nip_kind : pandas.Series
        ``PNS``/``PPPK``/``invalid``/None of each NIP.
    email, name, program : pandas.Series, optional
        Raw e-mail, raw name and programme code of each record.
    pseudo : callable
        ``pseudo(values, domain)`` -> pseudonyms of a text Series (keyed HMAC).

    Returns
    -------
    pandas.DataFrame
        Same index: ``key`` (object, None when no key) and ``source``.

    Examples
    --------
    >>> import pandas as pd
    >>> out = person_keys(pd.Series(["P9", None]), pd.Series(["invalid", None]),
    ...                   pseudo=lambda v, d: d + v)
    >>> out.values.tolist()
    [['P9', 'nip'], [None, None]]
    """
    import pandas as pd

    index = nip_id.index
    valid = nip_kind.isin(["PNS", "PPPK"]) & nip_id.notna()
    key = nip_id.where(valid).astype(object)
    source = pd.Series("nip", index=index, dtype=object).where(valid)
    if valid.all():  # the usual case: every record has a valid NIP
        return pd.DataFrame({"key": key, "source": source}, index=index)
    none = pd.Series(None, index=index, dtype=object)
    mail = email.astype("str").str.strip().str.lower().where(email.notna()) if email is not None else none
    mail = mail.where(mail.str.len() > 0) if email is not None else none
    prog = program.astype(object).fillna("") if program is not None else pd.Series("", index=index)
    who = _normalised(name) if name is not None else none
    person = (who.astype("str") + "|" + prog.astype("str")).where(who.notna())
    key, source = _link(key, source, mail, person)
    looks_like_nip = nip_id.notna() & key.isna() & nip_kind.eq("invalid")
    source, key = source.where(~looks_like_nip, "nip"), key.where(~looks_like_nip, nip_id)
    key, source = _link(key, source, mail, person)  # now also to an invalid NIP's key
    for values, label, domain in ((mail, "email", "email:"), (person, "name", "name:")):
        todo = key.isna() & values.notna()
        if todo.any():
            key[todo] = pseudo(values[todo], domain)
            source[todo] = label
    return pd.DataFrame({"key": key.astype(object).where(key.notna(), None),
                         "source": source.astype(object).where(source.notna(), None)}, index=index)


def _same(a: Any, b: Any) -> Any:
    """Row-wise equality of two frames with the same columns, missing == missing."""
    import numpy as np

    if not a.shape[1]:
        return np.ones(len(a), dtype=bool)
    left, right = a.astype(object).to_numpy(), b.astype(object).to_numpy()
    both_missing = a.isna().to_numpy() & b.isna().to_numpy()
    return ((left == right) | both_missing).all(axis=1)


def repeat_kinds(df: Any, report: Any, *, answers: list[str], group: list[str]) -> Any:
    """Add a ``duplicate`` column to a duplicates report: ``exact``/``corrected`` for dropped rows.

    Parameters
    ----------
    df : pandas.DataFrame
        The records before de-duplication (with ``_row`` and the ``group`` columns).
    report : pandas.DataFrame
        :func:`~kemuning_eval.ingest.duplicates.settle`'s report (``row``, ``action``).
    answers : list of str
        Columns compared between a dropped record and the kept one.
    group : list of str
        Columns defining a group of repeats.

    Returns
    -------
    pandas.DataFrame
        ``report`` with ``duplicate`` (``""`` for kept rows).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"pid": ["P1"] * 3, "q": [4.0, 4.0, 5.0], "_row": [2, 3, 4]})
    >>> report = pd.DataFrame({"row": [2, 3, 4], "action": ["keep", "drop", "drop"]})
    >>> repeat_kinds(df, report, answers=["q"], group=["pid"])["duplicate"].tolist()
    ['', 'exact', 'corrected']
    """
    import pandas as pd

    out = report.copy()
    out["duplicate"] = ""
    if not len(out):
        return out
    cols = [c for c in answers if c in df]
    by_row = df.set_index("_row")
    rows = by_row.loc[out["row"].to_numpy(), group]
    gid = pd.Series(list(map(tuple, rows.astype(str).to_numpy())), index=out.index)
    kept_row = out["row"].where(out["action"] == "keep").groupby(gid).transform("first")
    drop = (out["action"] == "drop") & kept_row.notna()
    if drop.any():
        mine = by_row.loc[out.loc[drop, "row"].to_numpy(), cols].reset_index(drop=True)
        theirs = by_row.loc[kept_row[drop].astype("int64").to_numpy(), cols].reset_index(drop=True)
        out.loc[drop, "duplicate"] = ["exact" if s else "corrected" for s in _same(mine, theirs)]
    return out
