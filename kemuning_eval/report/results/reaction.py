"""Level 1 of the results: the reaction survey (dimensions, items, reliability, IKM, facilitator ratings).

Examples
--------
>>> dimension_label("materi", "en")
'Material'
"""

from __future__ import annotations

from typing import Any

from kemuning_eval.i18n import t
from kemuning_eval.report.results.availability import not_measured
from kemuning_eval.report.results.common import (
    Context,
    as_count,
    as_float,
    has_rows,
    text_or_none,
)
from kemuning_eval.report.results.facilitator_report import facilitator_report
from kemuning_eval.report.results.ikm_report import ikm_report
from kemuning_eval.report.results.model import (
    Reaction,
    Unavailable,
)

#: dimension code of the Likert items that the codebook gives no ``dimension``
ALL_ITEMS = "all_items"


def dimension_label(code: str, lang: str) -> str:
    """Readable name of a dimension code (catalogue when known, else the code in words).

    Parameters
    ----------
    code : str
        A dimension code of the codebook.
    lang : {"id", "en"}
        Report language.

    Returns
    -------
    str

    Examples
    --------
    >>> dimension_label("materi", "en"), dimension_label("kerja_tim", "en"), dimension_label(ALL_ITEMS, "id")
    ('Material', 'Kerja tim', 'Semua butir')
    """
    from kemuning_eval.i18n import catalogue

    for key in (f"report.dim.{code}", f"measured.dim.{code}"):
        if key in catalogue():
            return t(key, lang)
    return str(code).replace("_", " ").capitalize()


def reaction(tables: dict, ctx: Context) -> Reaction | Unavailable:
    """Level 1: dimensions and items (Likert), reliability, IKM, facilitator ratings.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The processed tables in scope; ``reaction`` and ``items`` are needed,
        ``participants`` and ``facilitator_ratings`` are used when present.
    ctx : Context
        Language, privacy and bands.

    Returns
    -------
    Reaction or Unavailable
        ``available``, ``n_responses``, ``response_rate``, ``dimensions``,
        ``mean_overall``, ``category_overall``, ``items``, ``reliability``,
        ``ikm``, ``facilitators``, ``ikm_report`` (:mod:`.ikm_report`) and
        ``facilitator_report`` (:mod:`.facilitator_report`); or :func:`~kemuning_eval.report.results.availability.not_measured`.

    Examples
    --------
    A full reaction survey is too large for a doctest; without the survey
    the level is unavailable:

    >>> import pandas as pd
    >>> reaction({"reaction": pd.DataFrame({"q1": [4, 5]})}, Context())
    Unavailable(available=False, reason='no_data', instruments=['reaction'])
    """
    if not has_rows(tables, "reaction") or not has_rows(tables, "items"):
        return not_measured("no_data", "reaction")
    from kemuning_eval.stats.ikm import ikm_elements, ikm_index
    from kemuning_eval.stats.likert import summarize_dimensions, summarize_items
    from kemuning_eval.stats.reliability import cronbach_alpha

    data, items = tables["reaction"], tables["items"]
    items_r = items[items["instrument"] == "reaction"] if "instrument" in items else items
    likert = survey_likert_items(data, items)
    out: dict[str, Any] = {"available": True, "n_responses": int(len(data))}
    n_part = len(tables.get("participants", [])) or None
    out["response_rate"] = as_float(len(data) / n_part) if n_part else None

    dims = summarize_dimensions(data, likert, cutoffs=ctx.cutoffs)
    share_cols = sorted(c for c in dims.columns if c.startswith("share_"))
    out["dimensions"] = [{
        "dimension": row["dimension"], "label": dimension_label(row["dimension"], ctx.lang),
        "n": as_count(row["n"]), "mean": as_float(row["estimate"]), "sd": as_float(row["sd"]),
        "ci_low": as_float(row["ci_low"]), "ci_high": as_float(row["ci_high"]),
        "favourable": as_float(row["favourable"]), "category": text_or_none(row.get("category")),
        "shares": {c.removeprefix("share_"): as_float(row[c]) for c in share_cols},
    } for _, row in dims.sort_values("dimension").iterrows()]
    # overall satisfaction: each respondent's mean over all Likert items answered, summarised
    # like a dimension (stats.likert definition)
    overall = summarize_dimensions(data, likert.assign(dimension="overall"), cutoffs=ctx.cutoffs).iloc[0]
    out["mean_overall"] = as_float(overall["estimate"])
    out["category_overall"] = text_or_none(overall.get("category"))

    its = summarize_items(data, likert, cutoffs=ctx.cutoffs)
    labels = dict(zip(likert["variable"], likert["label"], strict=True))
    reverse = set(likert.loc[likert["reverse"].fillna(False).astype(bool), "variable"]) \
        if "reverse" in likert else set()
    out["items"] = [{
        "variable": row["item"] if "item" in row else row["variable"],
        "label": labels.get(row["item"] if "item" in row else row["variable"]),
        "dimension": row.get("dimension"), "dimension_label": dimension_label(row.get("dimension"), ctx.lang),
        "n": as_count(row["n"]), "mean": as_float(row["estimate"]),
        "sd": as_float(row["sd"]), "favourable": as_float(row["favourable"]), "category": text_or_none(row.get("category")),
        "reverse": (row["item"] if "item" in row else row["variable"]) in reverse,
    } for _, row in its.iterrows()]

    rel = cronbach_alpha(data, likert)
    out["reliability"] = [{
        "dimension": row["scale"], "label": dimension_label(row["scale"], ctx.lang), "n": as_count(row["n"]),
        "k": as_count(row["k"]), "alpha": as_float(row["estimate"]), "ci_low": as_float(row["ci_low"]),
        "ci_high": as_float(row["ci_high"]), "band": text_or_none(row.get("band")), "missing": text_or_none(row.get("missing")),
        "low": bool(row["low_reliability"]),
    } for _, row in rel.sort_values("scale").iterrows()]

    out["ikm"] = _ikm(data, items_r, ctx, ikm_index, ikm_elements)
    missing = ikm_missing_elements(data, items_r)
    if missing:  # some IKM questions, not all nine: no index (named in the text and in study.not_measured)
        out["ikm_missing"] = missing
    out.update(facilitators=_facilitators(tables, ctx), facilitator_report=facilitator_report(tables, ctx),
               ikm_report=ikm_report(tables, ctx) if out["ikm"] else None)
    return Reaction.model_validate(out)


def survey_likert_items(data: Any, items: Any) -> Any:
    """The reaction survey's Likert items (not the IKM questions) present in ``data``, each with a dimension.

    Items the codebook gives no dimension form one scale of their own, :data:`ALL_ITEMS` (a survey
    without dimensions is still summarised, never refused).

    Examples
    --------
    >>> import pandas as pd
    >>> items = pd.DataFrame({"instrument": "reaction", "variable": ["q1", "u1"], "dimension": [None, "ikm"],
    ...                       "ikm_element": [None, "waktu"]})
    >>> survey_likert_items(pd.DataFrame(columns=["q1", "u1"]), items)[["variable", "dimension"]].to_dict("records")
    [{'variable': 'q1', 'dimension': 'all_items'}]
    """
    items_r = items[items["instrument"] == "reaction"] if "instrument" in items else items
    likert_items = items_r[items_r["ikm_element"].isna() | (items_r["ikm_element"] == "")] \
        if "ikm_element" in items_r else items_r
    likert_items = likert_items[likert_items["variable"].isin(data.columns)]
    if "dimension" not in likert_items:
        likert_items = likert_items.assign(dimension=None)
    return likert_items.assign(dimension=likert_items["dimension"].map(text_or_none).fillna(ALL_ITEMS))


def ikm_missing_elements(data: Any, items: Any) -> list[str]:
    """The IKM elements (PermenPANRB 14/2017) a survey lacks; ``[]`` when it has all nine or none.

    The index needs all nine elements: a survey with only some of them has no
    IKM (reported as not computed, with the missing elements named).

    Examples
    --------
    >>> import pandas as pd
    >>> items = pd.DataFrame({"variable": ["u1", "u2"], "ikm_element": ["persyaratan", "waktu"]})
    >>> ikm_missing_elements(pd.DataFrame(columns=["u1", "u2"]), items)[:3]
    ['prosedur', 'biaya', 'produk']
    >>> ikm_missing_elements(pd.DataFrame(columns=["u1"]), items.assign(ikm_element=None))
    []
    """
    from kemuning_eval.stats.ikm import ELEMENTS, element_key

    if "ikm_element" not in items:
        return []
    rows = items[items["ikm_element"].map(text_or_none).notna() & items["variable"].isin(data.columns)]
    if rows.empty:
        return []
    present = {element_key(str(e)) for e in rows["ikm_element"]}
    return [e for e in ELEMENTS if e not in present]


def _ikm(data, items, ctx, ikm_index, ikm_elements) -> dict | None:
    if "ikm_element" not in items or not items["ikm_element"].notna().any():
        return None
    if ikm_missing_elements(data, items):
        return None
    idx = ikm_index(data, items).iloc[0]
    elements = ikm_elements(data, items)
    return {
        "n": as_count(idx.get("n")), "index": as_float(idx["estimate"]), "converted": as_float(idx["converted"]),
        "grade": text_or_none(idx.get("grade")), "category": text_or_none(idx.get("quality")),
        "elements": [{"element": row["element"], "label": row["element"],
                      "n": as_count(row["n"]), "nrr": as_float(row["nrr"]), "rank": as_count(row["rank"])}
                     for _, row in elements.sort_values("rank").iterrows()],
    }


def _facilitators(tables, ctx) -> dict | None:
    """Facilitator ratings per rated dimension over all facilitators (stats.facilitators)."""
    if not has_rows(tables, "facilitator_ratings"):
        return None
    from kemuning_eval.stats.facilitators import facilitator_dimensions

    fr = tables["facilitator_ratings"]
    items = tables["items"]
    fac_items = items[(items["instrument"] == "facilitator_ratings") & items["variable"].isin(fr.columns)]
    if fac_items.empty:
        return None
    res = facilitator_dimensions(fr, fac_items, by=[], columns=list(fac_items["variable"]),
                                 cutoffs=ctx.cutoffs, min_n=ctx.min_n)
    labels = dict(zip(fac_items["variable"], fac_items["label"], strict=True))
    return {"n": int(len(fr)), "dimensions": [{
        "dimension": row["item"], "label": labels.get(row["item"]) or row["item"], "n": as_count(row["n"]),
        "mean": as_float(row["estimate"]), "category": text_or_none(row.get("category"))} for _, row in res.iterrows()]}
