"""Build each level of the metrics from the processed tables via :mod:`kemuning_eval.stats`.

One function per level; each takes the tables (already restricted to the
report's scope) and a :class:`Context`, calls the statistics and returns the
level's entry with every number at full precision (:func:`as_float`,
:func:`as_count`, :func:`as_number` only turn NaN into ``None`` and whole
numbers into ints); the wording layer rounds for display.  Every decision
(``direction``, ``significant``, bands) is made on these unrounded values.
Nothing here computes a statistic itself.

Examples
--------
>>> as_float(2.675), as_float(float("nan")), as_count(3.0)
(2.675, None, 3)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from kemuning_eval.config import (
    DEFAULT_ALPHA,
    DEFAULT_JP_TARGET,
    DEFAULT_MIN_GROUP_SIZE,
    DEFAULT_PASS_MARK,
)
from kemuning_eval.i18n import t
from kemuning_eval.report.results.availability import not_measured
from kemuning_eval.report.results.decisions import effect_band, is_significant, significance
from kemuning_eval.report.results.model import (
    Behavior,
    Cost,
    Learning,
    Qualitative,
    Reaction,
    Results,
    Unavailable,
)
from kemuning_eval.stats._common import TOTAL
from kemuning_eval.stats.bands import LIKERT_CUTOFFS


@dataclass(frozen=True)
class Context:
    """What every level needs besides the tables.

    Parameters
    ----------
    lang : {"id", "en"}, default "id"
        Report language (labels).
    min_n : int, default 5
        Smallest group published (privacy).
    alpha : float, default 0.05
        Significance level.
    seed : int, default 0
        Seed for random choices (quote selection ties).
    themes : path, optional
        Theme codebook (``tema.yaml``).
    programs : dict, optional
        Programme ID -> name.
    cutoffs : dict, optional
        Likert category bands ``{label: lowest mean}`` (see :func:`likert_cutoffs`).

    Examples
    --------
    >>> ctx = Context(lang="en", programs={"A": "Alpha"})
    >>> ctx.min_n, ctx.alpha, ctx.programs["A"], ctx.cutoffs
    (5, 0.05, 'Alpha', None)
    """

    lang: str = "id"
    min_n: int = DEFAULT_MIN_GROUP_SIZE
    alpha: float = DEFAULT_ALPHA
    seed: int = 0
    themes: Any = None  # theme codebook path (tema.yaml) or None
    programs: dict = field(default_factory=dict)  # program_id -> name
    cutoffs: dict | None = None  # Likert category bands {label: lowest mean} (scoring.likert_cutoffs)


def likert_cutoffs(configured: Any, lang: str) -> dict | None:
    """The category bands to use: ``scoring.likert_cutoffs`` of studi.yaml, else the default.

    Bands are put in increasing order of their lower bound (YAML order does
    not matter).  Configured labels are shown as written; when they are the default bands
    and the report is not Indonesian, the default (translated) labels are used.

    Examples
    --------
    >>> likert_cutoffs({"Kurang": 1.0, "Baik": 3.41}, "id")
    {'Kurang': 1.0, 'Baik': 3.41}
    >>> likert_cutoffs({"Baik": 3.41, "Kurang": 1.0}, "id")
    {'Kurang': 1.0, 'Baik': 3.41}
    >>> likert_cutoffs(None, "id") is None
    True
    """
    if not configured:
        return None
    bands = {str(k): float(v) for k, v in sorted(dict(configured).items(), key=lambda kv: float(kv[1]))}
    if lang != "id" and list(bands.values()) == list(LIKERT_CUTOFFS.values()):
        return None
    return bands


def likert_bands(cutoffs: dict | None, lang: str) -> list[dict]:
    """The category bands in force, for the method section: ``[{label, lower}]`` in increasing order.

    ``label`` is the configured label, or the code of a default band
    (:data:`kemuning_eval.stats.bands.LIKERT_CUTOFFS`) that the wording layer labels.

    Parameters
    ----------
    cutoffs : dict or None
        Bands of :func:`likert_cutoffs`; ``None`` for the default bands.
    lang : {"id", "en"}
        Report language (unused: default bands are stored as codes).

    Returns
    -------
    list of dict
        ``{"label", "lower"}`` per band.

    Examples
    --------
    >>> likert_bands({"Low": 1, "High": 3}, "en")
    [{'label': 'Low', 'lower': 1.0}, {'label': 'High', 'lower': 3.0}]
    >>> [b["label"] for b in likert_bands(None, "en")]
    ['sangat_kurang', 'kurang', 'cukup', 'baik', 'sangat_baik']
    """
    if cutoffs:
        return [{"label": label, "lower": float(lower)} for label, lower in cutoffs.items()]
    return [{"label": code, "lower": float(lower)} for code, lower in LIKERT_CUTOFFS.items()]


def as_float(x: Any) -> float | None:
    """A number at full precision; ``None`` for missing values (no rounding: the wording layer rounds for display).

    Parameters
    ----------
    x : object
        A number (or anything convertible by :class:`float`).

    Returns
    -------
    float or None
        ``None`` for ``None``, NaN, infinities and non-numbers.

    Examples
    --------
    >>> as_float(2.675), as_float("1e-9"), as_float(float("nan")), as_float("n/a"), as_float(None)
    (2.675, 1e-09, None, None, None)
    """
    if x is None:
        return None
    try:
        x = float(x)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def as_count(x: Any) -> int | None:
    """A count as an integer, ``None`` when missing.

    Parameters
    ----------
    x : object
        A whole number (``12.0`` from a float column is 12).

    Returns
    -------
    int or None

    Raises
    ------
    ValueError
        When ``x`` is not a whole number (a count is never rounded).

    Examples
    --------
    >>> as_count(12.0), as_count(float("nan")), as_count(None)
    (12, None, None)
    >>> as_count(2.5)
    Traceback (most recent call last):
    ...
    ValueError: a count must be a whole number, not 2.5
    """
    v = as_float(x)
    if v is None:
        return None
    if not v.is_integer():
        raise ValueError(f"a count must be a whole number, not {v}")
    return int(v)


def as_number(x: Any) -> int | float | None:
    """An amount (Rupiah, JP) at full precision: an int when whole, else a float; ``None`` when missing.

    Examples
    --------
    >>> as_number(90_000_000.0), as_number(2_999_999.5), as_number(float("nan"))
    (90000000, 2999999.5, None)
    """
    v = as_float(x)
    return int(v) if v is not None and v.is_integer() else v


def text_or_none(x: Any) -> str | None:
    """A label from a table, ``None`` for missing values (never the text ``"nan"``).

    Examples
    --------
    >>> text_or_none("Baik"), text_or_none(float("nan")), text_or_none("nan"), text_or_none(None)
    ('Baik', None, None, None)
    """
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return None
    try:
        import pandas as pd

        if pd.isna(x):
            return None
    except (TypeError, ValueError):
        pass
    text = str(x)
    return None if text.strip().lower() in ("", "nan", "none", "<na>", "nat") else text


def _has(tables: dict, name: str) -> bool:
    frame = tables.get(name)
    return frame is not None and len(frame) > 0


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
        ``ikm`` and ``facilitators``; or :func:`~kemuning_eval.report.results.availability.not_measured`.

    Examples
    --------
    A full reaction survey is too large for a doctest; without the survey
    the level is unavailable:

    >>> import pandas as pd
    >>> reaction({"reaction": pd.DataFrame({"q1": [4, 5]})}, Context())
    Unavailable(available=False, reason='no_data', instruments=['reaction'])
    """
    if not _has(tables, "reaction") or not _has(tables, "items"):
        return not_measured("no_data", "reaction")
    from kemuning_eval.stats.ikm import ikm_elements, ikm_index
    from kemuning_eval.stats.likert import summarize_dimensions, summarize_items
    from kemuning_eval.stats.reliability import cronbach_alpha

    data, items = tables["reaction"], tables["items"]
    items_r = items[items["instrument"] == "reaction"] if "instrument" in items else items
    likert_items = items_r[items_r["ikm_element"].isna() | (items_r["ikm_element"] == "")] \
        if "ikm_element" in items_r else items_r
    likert_items = likert_items[likert_items["variable"].isin(data.columns)]
    if "dimension" not in likert_items:
        likert_items = likert_items.assign(dimension=None)
    # items the codebook gives no dimension form one scale of their own (a survey without dimensions
    # is still summarised, never refused)
    likert_items = likert_items.assign(dimension=likert_items["dimension"].map(text_or_none).fillna(ALL_ITEMS))
    out: dict[str, Any] = {"available": True, "n_responses": int(len(data))}
    n_part = len(tables.get("participants", [])) or None
    out["response_rate"] = as_float(len(data) / n_part) if n_part else None

    dims = summarize_dimensions(data, likert_items, cutoffs=ctx.cutoffs)
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
    overall = summarize_dimensions(data, likert_items.assign(dimension="overall"), cutoffs=ctx.cutoffs).iloc[0]
    out["mean_overall"] = as_float(overall["estimate"])
    out["category_overall"] = text_or_none(overall.get("category"))

    its = summarize_items(data, likert_items, cutoffs=ctx.cutoffs)
    labels = dict(zip(likert_items["variable"], likert_items["label"], strict=True))
    out["items"] = [{
        "variable": row["item"] if "item" in row else row["variable"],
        "label": labels.get(row["item"] if "item" in row else row["variable"]),
        "dimension": row.get("dimension"), "dimension_label": dimension_label(row.get("dimension"), ctx.lang),
        "n": as_count(row["n"]), "mean": as_float(row["estimate"]),
        "sd": as_float(row["sd"]), "favourable": as_float(row["favourable"]), "category": text_or_none(row.get("category")),
    } for _, row in its.iterrows()]

    rel = cronbach_alpha(data, likert_items)
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
    out["facilitators"] = _facilitators(tables, ctx)
    return Reaction.model_validate(out)


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
    if not _has(tables, "facilitator_ratings"):
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


def change_fields(row: Any, ctx: Context, *, est: str = "estimate") -> dict:
    """The fields of a paired change (estimate, CI, p) and the decision on them, made on the unrounded values.

    Examples
    --------
    >>> f = change_fields({"estimate": 1.2, "ci_low": 0.05, "ci_high": 2.35, "p_val": 0.0496}, Context())
    >>> f["p_val"], f["direction"], f["significant"]
    (0.0496, 'increase', True)
    """
    estimate, low, high, p = (as_float(row.get(key)) for key in (est, "ci_low", "ci_high", "p_val"))
    return {"estimate": estimate, "ci_low": low, "ci_high": high, "p_val": p,
            "direction": significance(estimate, low, high, p, ctx.alpha),
            "significant": is_significant(estimate, low, high, p, ctx.alpha)}


def behavior(tables: dict, ctx: Context) -> Behavior | Unavailable:
    """Level 3: supervisors' change of the composite, share applying, supervisor-peer agreement.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The processed tables in scope (``observations`` is needed).
    ctx : Context
        Language, privacy and significance level.

    Returns
    -------
    Behavior or Unavailable
        ``available``, ``rater``, ``change`` (paired change and d_z),
        ``by_rater``, ``applying``, ``applying_by_program`` and ``agreement``
        (ICC(2,1)) as far as the data allow; or
        :func:`~kemuning_eval.report.results.availability.not_measured`.

    Examples
    --------
    Observations before and after training are too large for a doctest;
    without them the level is unavailable:

    >>> behavior({}, Context())
    Unavailable(available=False, reason='no_data', instruments=['observations'])
    """
    if not _has(tables, "observations"):
        return not_measured("no_data", "observations")
    from kemuning_eval.stats.behavior import behavior_change, rater_agreement, share_applying

    obs = tables["observations"]
    out: dict[str, Any] = {"available": True, "rater": "supervisor", "change": None, "applying": None,
                           "applying_by_program": None, "agreement": None}
    ch = behavior_change(obs, by="rater", min_n=ctx.min_n)
    sup = ch[(ch["indicator"] == "obs_mean") & (ch["rater"] == "supervisor")]
    if len(sup) and not bool(sup.iloc[0].get("suppressed", False)):
        row = sup.iloc[0]
        out["change"] = {"n": as_count(row["n"]), "baseline_mean": as_float(row["baseline_mean"]),
                         "followup_mean": as_float(row["followup_mean"]), **change_fields(row, ctx),
                         "dz": as_float(row.get("effect_size")), "gz": None,
                         "effect_band": effect_band(row.get("effect_size"))}
    out["by_rater"] = [{"rater": row["rater"], "n": as_count(row["n"]), "estimate": as_float(row["estimate"]),
                        "ci_low": as_float(row["ci_low"]), "ci_high": as_float(row["ci_high"]),
                        "suppressed": bool(row.get("suppressed", False))}
                       for _, row in ch[ch["indicator"] == "obs_mean"].sort_values("rater").iterrows()]
    if "applies" in obs and obs["applies"].notna().any():
        a = share_applying(obs, by=None, rater="supervisor", min_n=ctx.min_n).iloc[0]
        out["applying"] = {"n": as_count(a["n"]), "count": as_count(a["count"]), "share": as_float(a["estimate"]),
                           "ci_low": as_float(a["ci_low"]), "ci_high": as_float(a["ci_high"])}
        byp = share_applying(obs, by="program_id", rater="supervisor", min_n=ctx.min_n)
        out["applying_by_program"] = [{
            "program_id": row["program_id"], "name": ctx.programs.get(row["program_id"], row["program_id"]),
            "n": as_count(row["n"]), "share": as_float(row["estimate"]), "ci_low": as_float(row["ci_low"]),
            "ci_high": as_float(row["ci_high"]), "suppressed": bool(row.get("suppressed", False)),
        } for _, row in byp.sort_values("program_id").iterrows()]
    raters = set(obs["rater"].dropna())
    if {"supervisor", "peer"} <= raters:
        agr = rater_agreement(obs, raters=("supervisor", "peer"), min_n=ctx.min_n)
        icc = agr[(agr["measure"] == "icc2_1") & ~agr["suppressed"].astype(bool)]
        out["agreement"] = [{"measure": "icc2_1", "indicator": row["indicator"], "n": as_count(row["n"]),
                             "estimate": as_float(row["estimate"]), "ci_low": as_float(row["ci_low"]),
                             "ci_high": as_float(row["ci_high"])}
                            for _, row in icc.sort_values("indicator").iterrows()]
    return Behavior.model_validate(out)


def results(tables: dict, ctx: Context) -> Results | Unavailable:
    """Level 4: difference-in-differences per outcome, unit-clustered (t with G - 1 df).

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The processed tables in scope (``outcomes`` is needed).
    ctx : Context
        Language and significance level.

    Returns
    -------
    Results or Unavailable
        ``available``, ``n_clusters``, ``n_treated_clusters``,
        ``n_control_clusters``, ``inference`` (``cr1`` or ``wild_bootstrap``),
        ``did`` (one row per outcome), ``event_study`` (per outcome and
        period relative to the last pre period, when there are more than two
        periods; else empty; ``stats.event_study``), each ``did`` row with the
        pre-trend decision from the event study's pre-period coefficients
        (``parallel_trends_rejected``, ``pretrend_p``, ``pretrend_inference``;
        None with two periods or nothing to test) and ``method``; or
        :func:`~kemuning_eval.report.results.availability.not_measured` with reason
        ``no_data``, ``no_treated_units``, ``did_too_few_clusters`` (too few
        treated or comparison units for an honest interval) or
        ``did_design_incomplete``.

    Examples
    --------
    >>> import pandas as pd
    >>> results({"outcomes": pd.DataFrame({"program_id": ["A", "A"], "treated": [False, False]})}, Context())
    Unavailable(available=False, reason='no_treated_units', instruments=['outcomes'])
    """
    if not _has(tables, "outcomes"):
        return not_measured("no_data", "outcomes")
    import pandas as pd

    from kemuning_eval.errors import DataError
    from kemuning_eval.stats.did import TooFewClusters, did_effect
    from kemuning_eval.stats.event_study import event_study as fit_event_study

    outcomes = tables["outcomes"]
    if not outcomes["treated"].astype(bool).any():
        return not_measured("no_treated_units", "outcomes")
    try:
        res = did_effect(outcomes)
    except TooFewClusters:  # 1 or 2 treated (or comparison) units: no interval would be honest
        return not_measured("did_too_few_clusters", "outcomes")
    except DataError:  # the design is incomplete (e.g. no post period for this programme)
        return not_measured("did_design_incomplete", "outcomes")
    # per period, relative to the last pre period; the pre-trend decision from its pre-period coefficients
    many = outcomes["period_index"].nunique() > 2 if "period_index" in outcomes.columns else False
    events = fit_event_study(outcomes, outcomes=list(res["outcome"])) if many and len(res) else None
    pretrend = events.pretrend.set_index("outcome") if events is not None else None
    rows = []
    for _, row in res.iterrows():
        entry = change_fields(row, ctx)
        test = pretrend.loc[row["outcome"]] if pretrend is not None else {}
        rows.append({
            "outcome": row["outcome"], "label": t(f"report.outcome.{row['outcome']}", ctx.lang)
            if row["outcome"] in ("budget_ratio", "on_time", "service_satisfaction") else row["outcome"],
            "n": as_count(row["n"]), "n_clusters": as_count(row["n_clusters"]), **entry,
            "mean_control_pre": as_float(row["mean_control_pre"]), "mean_control_post": as_float(row["mean_control_post"]),
            "mean_treated_pre": as_float(row["mean_treated_pre"]), "mean_treated_post": as_float(row["mean_treated_post"]),
            "pretrend_p": as_float(test.get("p_val")), "pretrend_inference": test.get("inference"),
            "parallel_trends_rejected": None if pd.isna(test.get("parallel_trends_rejected", pd.NA))
            else bool(test["parallel_trends_rejected"]),
            "n_treated_clusters": as_count(row["n_treated_clusters"]), "n_control_clusters": as_count(row["n_control_clusters"]),
            "inference": row["inference"],
        })
    n_clusters = max((row["n_clusters"] or 0 for row in rows), default=None)
    first = res.iloc[0] if len(res) else {}
    coef = events.coefficients if events is not None else None
    event_study = [] if coef is None else [  # an outcome whose design is degenerate has NaN rows: left out
        {"outcome": e["outcome"], "relative": int(e["relative_period"]), "reference": bool(e["reference"]),
         "estimate": as_float(e["estimate"]), "ci_low": as_float(e["ci_low"]), "ci_high": as_float(e["ci_high"])}
        for _, e in coef[coef.groupby("outcome")["estimate"].transform("count") > 0].iterrows()]
    if not rows:
        return not_measured("no_data", "outcomes")
    return Results.model_validate({"available": True, "n_clusters": n_clusters, "did": rows,
            "n_treated_clusters": as_count(first.get("n_treated_clusters")),
            "n_control_clusters": as_count(first.get("n_control_clusters")), "inference": first.get("inference"),
            "event_study": event_study, "method": str(res["method"].iloc[0]) if len(res) else None})


def cost(tables: dict, ctx: Context) -> Cost | Unavailable:
    """Cost per participant (stats.cost) and the Phillips ROI of the monetised benefits (stats.roi).

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The processed tables in scope (``programs`` with a ``cost`` column is
        needed; ``benefits`` adds the ROI, ``tests`` the cost per gain point).
    ctx : Context
        Programme names.

    Returns
    -------
    Cost or Unavailable
        ``available``, totals in Rupiah, ``by_program`` and, with
        benefits, ``total_benefit``, ``bcr``, ``roi_pct``, ``payback_months``.

    Examples
    --------
    >>> import pandas as pd
    >>> programs = pd.DataFrame({"program_id": ["A", "B"], "jp": [30, 20], "participants": [20, 10],
    ...                          "cost": [60_000_000, 30_000_000]})
    >>> roster = pd.DataFrame({"participant_id": [f"P{k}" for k in range(30)]})
    >>> c = cost({"programs": programs, "participants": roster}, Context())
    >>> c.total_cost, c.n_participants, c.cost_per_participant
    (90000000, 30, 3000000)
    >>> [(p.program_id, p.cost_per_participant) for p in c.by_program]
    [('A', 3000000), ('B', 3000000)]

    Without a roster nobody was counted, so there is no cost per participant:

    >>> c = cost({"programs": programs}, Context())
    >>> c.total_cost, c.n_participants, c.cost_per_participant
    (90000000, None, None)
    """
    if not _has(tables, "programs") or "cost" not in tables["programs"]:
        return not_measured("no_data", "costs")
    from kemuning_eval.stats.cost import cost_summary
    from kemuning_eval.stats.roi import roi_by_program

    programs = tables["programs"]
    if not programs["cost"].notna().any():
        return not_measured("not_collected", "costs")
    enrolled = _has(tables, "participants")
    if not enrolled:  # without a roster nobody was counted: per-participant costs are not measured
        programs = programs.assign(participants=float("nan"))
    cs = cost_summary(programs[programs["cost"].notna()], tests=tables.get("tests"))
    total = cs[cs["program_id"] == TOTAL].iloc[0] if (cs["program_id"] == TOTAL).any() else cs.iloc[0]
    out: dict[str, Any] = {
        "available": True, "total_cost": as_number(total["cost"]),
        "n_participants": as_count(total["participants"]) if enrolled else None,
        "cost_per_participant": as_number(total["cost_per_participant"]), "cost_per_jp": as_number(total["cost_per_jp"]),
        "by_program": [{"program_id": row["program_id"], "name": ctx.programs.get(row["program_id"], row["program_id"]),
                        "cost": as_number(row["cost"]), "participants": as_count(row["participants"]),
                        "cost_per_participant": as_number(row["cost_per_participant"]),
                        "cost_per_gain_point": as_float(row.get("cost_per_gain_point"))}
                       for _, row in cs[cs["program_id"] != TOTAL].sort_values("program_id").iterrows()],
    }
    out.update(total_benefit=None, benefit_costs=None, bcr=None, roi_pct=None, payback_months=None, roi_method=None)
    if _has(tables, "benefits"):
        roi = roi_by_program(tables["benefits"], programs)
        tot = roi[roi["program_id"] == TOTAL].iloc[0] if (roi["program_id"] == TOTAL).any() else roi.iloc[0]
        out.update(total_benefit=as_number(tot["benefits"]), benefit_costs=as_number(tot["costs"]), bcr=as_float(tot["bcr"]),
                   roi_pct=as_float(tot["roi_pct"]), payback_months=as_float(tot["payback_months"]),
                   roi_method=str(tot.get("method")))
    return Cost.model_validate(out)


def _theme_labels(codebook: Any, lang: str) -> dict[str, str]:
    """The study's theme labels (user data from its codebook) in ``lang``; ``{}`` without a codebook."""
    if codebook is None:
        return {}
    import pandas as pd

    from kemuning_eval.stats.qualitative import load_themes

    table = codebook if isinstance(codebook, pd.DataFrame) else load_themes(codebook)
    return dict(zip(table["code"], table[f"label_{lang}"], strict=True))


def qualitative(tables: dict, ctx: Context) -> Qualitative | Unavailable:
    """Interview themes (frequencies over all excerpts) and representative scrubbed quotes.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The processed tables in scope (``interviews`` is needed).
    ctx : Context
        Language, privacy, theme codebook and seed.

    Returns
    -------
    Qualitative or Unavailable
        ``available``, ``n_excerpts``, ``themes`` (``theme``, ``label``,
        ``n``, ``share``) and up to six ``quotes`` (theme, role, text; never
        a person); or :func:`~kemuning_eval.report.results.availability.not_measured`.

    Examples
    --------
    Coded interviews need a theme codebook; without interviews the level is
    unavailable:

    >>> qualitative({}, Context())
    Unavailable(available=False, reason='no_data', instruments=['interviews'])
    """
    if not _has(tables, "interviews"):
        return not_measured("no_data", "interviews")
    from kemuning_eval.stats.qualitative import representative_quotes, theme_frequencies

    iv = tables["interviews"]
    freq = theme_frequencies(iv, by=None, codebook=ctx.themes, min_n=ctx.min_n)
    freq = freq[freq["count"].fillna(0) > 0].sort_values(["rank", "theme"])
    labels = _theme_labels(ctx.themes, ctx.lang)
    quotes = representative_quotes(iv, codebook=ctx.themes, per_theme=1, min_n=ctx.min_n, seed=ctx.seed)
    return Qualitative.model_validate({
        "available": True, "n_excerpts": int(len(iv)),
        "themes": [{"theme": row["theme"], "label": labels.get(row["theme"], row["theme"]), "n": as_count(row["count"]), "share": as_float(row["share"])}
                   for _, row in freq.iterrows()],
        "quotes": [{"theme": row["theme"], "theme_label": labels.get(row["theme"], row["theme"]),
                    "role": row["role"], "text": row["text"]}
                   for _, row in quotes.sort_values(["theme", "rank"]).drop_duplicates("text").head(6).iterrows()],
    })


def learning(tables: dict, ctx: Context, *, pass_mark: float = DEFAULT_PASS_MARK) -> Learning | Unavailable:
    """Level 2: paired change, Wilcoxon, d_z/g_z, Hake gain, pass rates (stats.learning).

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The processed tables in scope (``tests`` with ``pre`` and ``post``
        is needed; ``programs`` gives pass marks).
    ctx : Context
        Language, privacy, significance level, programme names.
    pass_mark : float, default 70.0
        Pass mark of programmes without their own.

    Returns
    -------
    Learning or Unavailable
        ``available``, ``overall`` (the paired change of all participants)
        and ``by_program``; or :func:`~kemuning_eval.report.results.availability.not_measured`.

    Examples
    --------
    >>> import pandas as pd
    >>> tests = pd.DataFrame({"program_id": ["A"] * 6, "participant_id": list("abcdef"),
    ...                       "pre": [50, 55, 60, 45, 70, 65], "post": [60, 70, 66, 58, 75, 80]})
    >>> o = learning({"tests": tests}, Context()).overall
    >>> o.n, o.pre_mean, round(o.post_mean, 2), round(o.estimate, 2), o.direction
    (6, 57.5, 68.17, 10.67, 'increase')
    """
    tests = tables.get("tests")
    if tests is None or tests.dropna(subset=["pre", "post"]).empty:
        return not_measured("no_data", "tests")
    from kemuning_eval.stats.learning import learning_summary

    programs = tables.get("programs")
    overall = learning_summary(tests, programs, by=None, min_n=ctx.min_n, pass_mark=pass_mark)
    byp = learning_summary(tests, programs, by="program_id", min_n=ctx.min_n, pass_mark=pass_mark)

    def entry(row: Any) -> dict:
        change = change_fields({"estimate": row["mean_change"], "ci_low": row["change_ci_low"],
                          "ci_high": row["change_ci_high"], "p_val": row["t_p_val"]}, ctx)
        return {"n": as_count(row["n"]), "pre_mean": as_float(row["mean_pre"]), "post_mean": as_float(row["mean_post"]),
                **change, "t": as_float(row["t"]), "w_stat": as_float(row["wilcoxon_v"]), "w_p": as_float(row["wilcoxon_p_val"]),
                "w_method": text_or_none(row.get("wilcoxon_method")), "rank_biserial": as_float(row["rbc"]),
                "dz": as_float(row["d_z"]), "dz_ci_low": as_float(row["d_z_ci_low"]), "dz_ci_high": as_float(row["d_z_ci_high"]),
                "gz": as_float(row["g_z"]), "effect_band": text_or_none(row.get("effect_band")),
                "gain_class": as_float(row["gain_class"]), "gain_individual": as_float(row["gain_individual"]),
                "gain_band": text_or_none(row.get("gain_band")),
                "pass_pre": as_float(row["pass_pre"]), "pass_post": as_float(row["pass_post"]),
                "suppressed": bool(row.get("suppressed", False))}

    rows = []
    for _, row in byp.sort_values("program_id").iterrows():
        e = entry(row)
        rows.append({"program_id": row["program_id"], "name": ctx.programs.get(row["program_id"], row["program_id"]),
                     "n": e["n"], "pre_mean": e["pre_mean"], "post_mean": e["post_mean"], "estimate": e["estimate"],
                     "ci_low": e["ci_low"], "ci_high": e["ci_high"], "p_val": e["p_val"],
                     "p_holm": as_float(row.get("t_p_holm")), "dz": e["dz"], "gain_class": e["gain_class"],
                     "significant": e["significant"], "suppressed": e["suppressed"]})
    return Learning.model_validate({"available": True, "overall": entry(overall.iloc[0]), "by_program": rows})


def study(tables: dict, ctx: Context, *, target_jp: float = DEFAULT_JP_TARGET, population_asn: int | None = None) -> dict:
    """Programmes, participants, facilitators, seats and budget, 20-JP coverage, data quality.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The processed tables in scope (``programs``, ``participants``,
        ``facilitators``, ``jp_records`` and ``data_quality`` when present).
    ctx : Context
        Privacy (for the JP coverage).
    target_jp : float, default 20.0
        Yearly JP target per ASN.
    population_asn : int, optional
        Number of ASN in the region (denominator of the JP coverage).

    Returns
    -------
    dict
        The ``study`` fields that the data allow (empty for no tables).

    Examples
    --------
    >>> import pandas as pd
    >>> programs = pd.DataFrame({"program_id": ["A", "B"], "name": ["Alpha", "Beta"], "jp": [30, 20],
    ...                          "cost": [60_000_000, 30_000_000], "participants": [20, 10],
    ...                          "capacity": [20, 10], "applicants": [30, 12]})
    >>> s = study({"programs": programs}, Context())
    >>> s["n_programs"], s["jp_total"], s["applicants_total"], s["demand_ratio"]
    (2, 50, 42, 1.4)
    >>> study({}, Context())
    {}
    """
    out: dict[str, Any] = {}
    programs = tables.get("programs")
    if programs is not None and len(programs):
        from kemuning_eval.stats.cost import demand_coverage

        part = tables.get("participants")
        out["programs"] = [{
            "program_id": row["program_id"], "name": text_or_none(row.get("name")),
            "field": text_or_none(row.get("field")),
            "jp": as_count(row.get("jp")), "start_date": _iso(row.get("start_date")), "end_date": _iso(row.get("end_date")),
            "capacity": as_count(row.get("capacity")), "applicants": as_count(row.get("applicants")),
            "participants": as_count(row.get("participants")) if part is not None else None, "cost": as_number(row.get("cost")),
        } for _, row in programs.sort_values("program_id").iterrows()]
        # a column without any value was not collected: its total is missing, never a zero
        have = {c: c in programs and bool(programs[c].notna().any()) for c in ("jp", "cost", "capacity", "applicants")}
        total = None
        if have["capacity"] and have["applicants"]:
            demand = demand_coverage(programs)
            total = demand[demand["program_id"] == TOTAL].iloc[0]
        n_part = len(part) if part is not None else None
        completed = None
        if part is not None and "completed" in part and part["completed"].notna().any():
            completed = int(part["completed"].fillna(False).astype(bool).sum())
        fac = tables.get("facilitators")
        from kemuning_eval.report.results.availability import derived_programs

        out.update(
            programs_source="exports" if derived_programs(programs) else "table",
            n_programs=int(len(programs)), n_participants=n_part, n_completed=completed,
            completion_rate=as_float(completed / n_part) if completed is not None and n_part else None,
            jp_total=as_count(programs["jp"].sum()) if have["jp"] else None,
            budget_total=as_number(programs["cost"].sum()) if have["cost"] else None,
            capacity_total=as_count(total["capacity"]) if total is not None else None,
            applicants_total=as_count(total["applicants"]) if total is not None else None,
            unmet_demand=as_count(total["unmet_demand"]) if total is not None else None,
            share_not_admitted=as_float(total["share_not_admitted"]) if total is not None else None,
            demand_ratio=as_float(total["applicants_per_seat"]) if total is not None else None,
            n_facilitators=int(fac["facilitator_id"].nunique()) if fac is not None else None,
        )
    elif _has(tables, "participants"):
        out["n_participants"] = int(len(tables["participants"]))
    jp = tables.get("jp_records")
    if jp is not None and len(jp):
        from kemuning_eval.stats.cost import jp_coverage

        cov = jp_coverage(jp, target=target_jp, population=population_asn, min_n=ctx.min_n).iloc[0]
        out["jp_coverage"] = {"n": as_count(cov["n"]), "count": as_count(cov["count"]), "share": as_float(cov["estimate"]),
                              "target": as_number(cov["target"]), "mean_jp": as_float(jp["jp_total"].mean())}
    dq = tables.get("data_quality")
    if dq is not None:
        sev = dq["severity"].astype(str)
        out["data_quality"] = {
            "n_checks": int(len(dq)), "n_errors": int((sev == "error").sum()),
            "n_warnings": int((sev == "warning").sum()), "n_info": int((sev == "info").sum()),
            "rows": [{"file": row["file"], "check": row["check"], "column": row["column"] if isinstance(row["column"], str) else None, "n": as_count(row["n"]),
                      "severity": row["severity"]}
                     for _, row in dq.sort_values(["severity", "file", "check", "column"]).iterrows()
                     if row["severity"] != "info" or (row.get("n") or 0) > 0],
        }
    return out


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    try:
        import pandas as pd

        if pd.isna(value):
            return None
        return pd.Timestamp(value).date().isoformat()
    except (TypeError, ValueError):
        return str(value)


def sample(tables: dict, ctx: Context) -> dict[str, Any]:
    """The required (Krejcie-Morgan) vs achieved sample and the response rates, as ``study`` fields.

    The population is the enrolled participants; the achieved sample is the
    reaction survey's respondents (:func:`kemuning_eval.stats.sampling.response_rates`).
    Response rates are given for every instrument answered by participants.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The processed tables in scope.
    ctx : Context
        Language of the instrument labels.

    Returns
    -------
    dict
        ``sample`` (``None`` without a roster or a reaction survey) and ``response_rates``.

    Examples
    --------
    >>> import pandas as pd
    >>> people = pd.DataFrame({"participant_id": [f"p{k}" for k in range(8)]})
    >>> sample({"participants": people, "reaction": people.head(3)}, Context(lang="en"))["sample"]
    {'population': 8, 'required': 8, 'achieved': 3, 'rate': 0.375, 'adequate': False}
    """
    from kemuning_eval.stats.sampling import response_rates

    out: dict[str, Any] = {"sample": None, "response_rates": []}
    people = tables.get("participants")
    if people is None or people.empty:
        return out
    for instrument in ("reaction", "facilitator_ratings", "tests", "observations"):
        frame = tables.get(instrument)
        if frame is None or frame.empty:
            continue
        if instrument == "tests":
            frame = frame.dropna(subset=["pre", "post"])
        rate = response_rates(people, frame, by=None).iloc[0]
        entry = {"instrument": instrument, "label": t(f"report.instrument.{instrument}", ctx.lang),
                 "n": as_count(rate["respondents"]), "population": as_count(rate["population"]),
                 "rate": as_float(rate["estimate"]), "required": as_count(rate["n_required"])}
        out["response_rates"].append(entry)
        if instrument == "reaction":
            out["sample"] = {"population": entry["population"], "required": entry["required"],
                             "achieved": entry["n"], "rate": entry["rate"],
                             "adequate": bool(entry["n"] >= entry["required"])}
    return out


#: participant characteristics in the respondent profile, in report order
PROFILE = ("gender", "age_band", "nip_kind", "grade")


def profile(tables: dict, ctx: Context) -> list[dict]:
    """Participants by gender, age band, ASN kind and grade (counts and shares), small cells hidden.

    Cells under ``min_n`` are hidden with their count (primary and secondary
    suppression of :func:`kemuning_eval.stats.suppression.suppress`, one
    breakdown per characteristic).

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The processed tables in scope (``participants`` is read).
    ctx : Context
        Language and ``min_n``.

    Returns
    -------
    list of dict
        ``variable``, ``label``, ``value``, ``suppressed``, ``n`` and
        ``share`` per category (``n``/``share`` ``None`` when suppressed).

    Examples
    --------
    >>> import pandas as pd
    >>> people = pd.DataFrame({"gender": ["L"] * 7 + ["P"] * 6})
    >>> [(p["value"], p["n"], round(p["share"], 3)) for p in profile({"participants": people}, Context(lang="en"))]
    [('L', 7, 0.538), ('P', 6, 0.462)]

    With two women among eight, their cell is hidden, and so is the men's
    (else it would give the women's count away):

    >>> people = pd.DataFrame({"gender": ["L"] * 6 + ["P"] * 2})
    >>> [(p["value"], p["suppressed"], p["n"]) for p in profile({"participants": people}, Context())]
    [('L', True, None), ('P', True, None)]
    """
    people = tables.get("participants")
    if people is None or people.empty:
        return []
    import pandas as pd

    from kemuning_eval.stats.suppression import suppress

    rows = []
    for var in PROFILE:
        if var not in people:
            continue
        counts = people[var].astype("string").fillna("–").value_counts(sort=False)
        for value, n in sorted(counts.items(), key=lambda kv: str(kv[0])):
            rows.append({"variable": var, "value": str(value), "n": int(n), "share": float(n) / len(people)})
    if not rows:
        return []
    table = suppress(pd.DataFrame(rows), min_n=ctx.min_n, partitions=[["variable"]], value_cols=["share"])
    return [{"variable": row["variable"], "label": t(f"report.profile.{row['variable']}", ctx.lang),
             "value": row["value"], "suppressed": bool(row["suppressed"]),
             "n": None if row["suppressed"] else int(row["n"]),
             "share": None if row["suppressed"] else as_float(row["share"])}
            for _, row in table.iterrows()]
