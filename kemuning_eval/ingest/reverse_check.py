"""Items that run against their scale: a clearly negative corrected item-total correlation.

A negatively worded statement ("Materi sudah ketinggalan zaman") scored
without ``reverse: true`` correlates negatively with the other items of its
dimension.  After de-duplication each Likert dimension with at least
:data:`MIN_ITEMS` items and :data:`MIN_N` answers is checked with
:func:`kemuning_eval.stats.reliability.item_analysis` (pairwise, on the
scores as stored, i.e. after any reverse recoding); items without a
dimension are grouped by their scale, IKM items are left out.  An item is
reported when ``item_analysis`` flags it ``reverse_suspect`` (corrected
item-total r below ``stats.reliability.REVERSE_SUSPECT_BELOW``, the one
place that threshold lives), so ingestion and the report agree.

Examples
--------
>>> import pandas as pd
>>> from kemuning_eval.ingest.codebook import codebook_from_mapping
>>> cb = codebook_from_mapping({"columns": [
...     {"raw": f"Q{i}", "variable": f"q{i}", "type": "likert", "scale": "setuju5"} for i in (1, 2, 3, 4)]})
>>> good = [5, 4, 4, 3, 2, 5, 4, 3, 2, 1, 5, 4]
>>> data = pd.DataFrame({"q1": good, "q2": [min(5, g + 1) for g in good], "q3": [max(1, g - 1) for g in good],
...                      "q4": [6 - g for g in good]}, dtype="float64")
>>> [(v, r < -0.9) for v, r in negative_items(data, cb)]
[('q4', True)]
"""

from __future__ import annotations

import warnings
from typing import Any

#: Smallest group of items and number of answers for which the check is made.
MIN_ITEMS = 3
MIN_N = 10


def negative_items(data: Any, codebook: Any) -> list[tuple[str, float]]:
    """Return ``(variable, corrected item-total r)`` of each item flagged as a probable reverse item.

    Parameters
    ----------
    data : pandas.DataFrame
        The instrument's records, one float column per Likert item (scores as stored).
    codebook : Codebook
        The instrument's codebook (items, dimensions, scales).

    Returns
    -------
    list of (str, float)
        In codebook order; empty when no group is large enough.

    Examples
    --------
    >>> import pandas as pd
    >>> from kemuning_eval.ingest.codebook import codebook_from_mapping
    >>> cb = codebook_from_mapping({"columns": [{"raw": "Q", "variable": "q", "type": "likert",
    ...                                          "scale": "setuju5"}]})
    >>> negative_items(pd.DataFrame({"q": [4.0] * 12}), cb)  # one item: nothing to compare with
    []
    """
    import pandas as pd

    from kemuning_eval.stats.reliability import ReliabilityWarning, item_analysis

    meta = pd.DataFrame(codebook.items())
    if not len(meta):
        return []
    meta = meta[meta["ikm_element"].isna() & meta["variable"].isin(data.columns)].copy()
    meta["dimension"] = meta["dimension"].fillna(meta["scale"])
    meta = meta[meta.groupby("dimension")["variable"].transform("size") >= MIN_ITEMS]
    if not len(meta) or len(data) < MIN_N:
        return []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReliabilityWarning)
        warnings.simplefilter("ignore", RuntimeWarning)
        table = item_analysis(data[meta["variable"].tolist()].astype("float64"), meta, missing="pairwise")
    flagged = table[table["reverse_suspect"].fillna(False).astype(bool)]
    r = dict(zip(flagged["item"], flagged["item_total_r"], strict=True))
    return [(v, float(r[v])) for v in meta["variable"] if v in r]
