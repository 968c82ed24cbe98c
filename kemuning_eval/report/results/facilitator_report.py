"""The per-facilitator (widyaiswara) table: pseudonymous codes, n, mean per aspect and overall, weakest aspect.

A facilitator is shown under a code ``FAS-01``, ``FAS-02`` ... given by the
position of his or her pseudonymous id in sorted order (the ``facilitators``
table when present, else the ratings): stable for the same data and key,
never a name or NIP.  Means per rated aspect and overall come from
:mod:`kemuning_eval.stats.facilitators`; facilitators rated by fewer than
``privacy.min_group_size`` respondents are suppressed there (with secondary
suppression).  The weakest aspect of each facilitator feeds the rule
``low_facilitator_aspect`` (:mod:`.rules`, threshold ``low_dimension_mean``).

Examples
--------
>>> facilitator_codes(["F9c", "F1a"])
{'F1a': 'FAS-01', 'F9c': 'FAS-02'}
"""

from __future__ import annotations

from typing import Any

from kemuning_eval.report.results.common import Context, as_count, as_float, has_rows, text_or_none

#: prefix of the pseudonymous facilitator codes
CODE_PREFIX = "FAS-"


def facilitator_codes(ids: Any) -> dict[str, str]:
    """``{facilitator_id: "FAS-01", ...}`` by the sorted ids (two digits at least).

    Examples
    --------
    >>> facilitator_codes(["zz", "aa", "aa", None])
    {'aa': 'FAS-01', 'zz': 'FAS-02'}
    """
    unique = sorted({str(i) for i in ids if i is not None and str(i) not in ("", "nan", "<NA>")})
    width = max(2, len(str(len(unique))))
    return {fid: f"{CODE_PREFIX}{i:0{width}d}" for i, fid in enumerate(unique, 1)}


def _aspect_items(tables: dict) -> tuple[Any, list[str], dict[str, str]]:
    """The rating columns (``fac_*`` of the items table when present), their labels."""
    from kemuning_eval.stats.facilitators import PREFIX

    ratings = tables["facilitator_ratings"]
    items = tables.get("items")
    if items is not None and "instrument" in items:
        items = items[(items["instrument"] == "facilitator_ratings") & items["variable"].isin(ratings.columns)]
        if not items.empty:
            cols = list(items["variable"])
            return items, cols, dict(zip(items["variable"], items["label"].fillna(items["variable"]), strict=True))
    cols = [c for c in ratings.columns if str(c).startswith(PREFIX)]
    return None, cols, {c: c for c in cols}


def _row(code: str, overall: Any, by_item: dict[str, dict], cols: list[str], labels: dict[str, str]) -> dict:
    hidden = bool(overall["suppressed"])
    aspects = [{"aspect": c, "label": labels[c], "n": None if hidden else as_count(by_item[c]["n"]),
                "mean": None if hidden else as_float(by_item[c]["estimate"]),
                "category": None if hidden else text_or_none(by_item[c]["category"])} for c in cols]
    rated = [a for a in aspects if a["mean"] is not None]
    weakest = min(rated, key=lambda a: (a["mean"], cols.index(a["aspect"]))) if rated else None
    return {"code": code, "n": as_count(overall["n"]), "suppressed": hidden,
            "mean": None if hidden else as_float(overall["estimate"]),
            "category": None if hidden else text_or_none(overall.get("category")), "aspects": aspects,
            "weakest": weakest["aspect"] if weakest else None, "weakest_label": weakest["label"] if weakest else None,
            "weakest_mean": weakest["mean"] if weakest else None}


def facilitator_report(tables: dict, ctx: Context) -> dict | None:
    """The :class:`~kemuning_eval.report.results.model.FacilitatorReport` fields; None without ratings.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        ``facilitator_ratings`` is needed; ``items`` names the aspects,
        ``facilitators`` fixes the codes.
    ctx : Context
        Likert bands and ``min_n``.

    Returns
    -------
    dict or None
        ``n_facilitators``, ``aspects`` (over all facilitators) and ``rows`` in code order.

    Examples
    --------
    >>> import pandas as pd
    >>> ratings = pd.DataFrame({"facilitator_id": ["f9"] * 6 + ["f2"] * 6,
    ...                         "fac_materi": [5, 4, 5, 4, 5, 5, 3, 4, 3, 3, 4, 2.0],
    ...                         "fac_waktu": [4, 4, 5, 3, 4, 4, 4, 3, 3, 4, 4, 3.0]})
    >>> out = facilitator_report({"facilitator_ratings": ratings}, Context())
    >>> [(r["code"], r["n"], round(r["mean"], 2), r["weakest"]) for r in out["rows"]]
    [('FAS-01', 6, 3.33, 'fac_materi'), ('FAS-02', 6, 4.33, 'fac_waktu')]
    """
    from kemuning_eval.stats.facilitators import facilitator_dimensions, facilitator_overall

    if not has_rows(tables, "facilitator_ratings") or "facilitator_id" not in tables["facilitator_ratings"]:
        return None
    items, cols, labels = _aspect_items(tables)
    if not cols:
        return None
    ratings = tables["facilitator_ratings"].dropna(subset=["facilitator_id"])
    known = tables.get("facilitators")
    ids = list(ratings["facilitator_id"])
    if known is not None and "facilitator_id" in known:
        ids += list(known["facilitator_id"])
    codes = facilitator_codes(ids)
    options = {"columns": cols, "cutoffs": ctx.cutoffs, "min_n": ctx.min_n}
    dims = facilitator_dimensions(ratings, items, **options)
    overall = facilitator_overall(ratings, items, **options).set_index("facilitator_id")
    pooled = facilitator_dimensions(ratings, items, by=[], **options).set_index("item")
    per_item = {fid: part.set_index("item")[["n", "estimate", "category"]].to_dict("index")
                for fid, part in dims.groupby("facilitator_id", sort=False)}  # one split, not one filter per row
    rows = [_row(codes[str(fid)], overall.loc[fid], per_item.get(fid, {}), cols, labels)
            for fid in sorted(overall.index, key=lambda f: codes[str(f)])]
    aspects = [{"aspect": c, "label": labels[c], "n": as_count(pooled.loc[c, "n"]),
                "mean": as_float(pooled.loc[c, "estimate"]), "category": text_or_none(pooled.loc[c, "category"])}
               for c in cols]
    return {"n_facilitators": len(rows), "aspects": aspects, "rows": rows}
