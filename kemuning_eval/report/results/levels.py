"""Build each level of the metrics from the processed tables via :mod:`kemuning_eval.stats`.

One function per level; each takes the tables (already restricted to the
report's scope) and a :class:`Context`, calls the statistics and returns the
level's entry with every number *rounded as the report shows it*
(:data:`kemuning_eval.report.rounding`): means 2 decimals, shares 3 (shown as
percentages with 1), p-values 3, money whole Rupiah.  Whether a change is
significant is decided on the unrounded values (``direction``).
Nothing here computes a statistic itself.

Examples
--------
>>> r(2.675, 2), r(float("nan"), 2), r(None, 1)
(2.68, None, None)
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
from kemuning_eval.numfmt import round_half_away
from kemuning_eval.report.results.decisions import effect_band, is_significant, significance
from kemuning_eval.report.results.metrics import unavailable
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


def r(x: Any, decimals: int) -> float | None:
    """Round half away from zero; ``None`` for missing values.

    Parameters
    ----------
    x : object
        A number (or anything convertible by :class:`float`).
    decimals : int
        Decimals kept.

    Returns
    -------
    float or None
        ``None`` for ``None``, NaN, infinities and non-numbers.

    Examples
    --------
    >>> r(0.125, 2), r(-0.125, 2), r("3.14159", 3), r("n/a", 1), r(float("inf"), 1)
    (0.13, -0.13, 3.142, None, None)
    """
    if x is None:
        return None
    try:
        x = float(x)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(x):
        return None
    return round_half_away(x, decimals)


def i(x: Any) -> int | None:
    """An integer count, ``None`` when missing.

    Parameters
    ----------
    x : object
        A number; rounded half away from zero.

    Returns
    -------
    int or None

    Examples
    --------
    >>> i(12.0), i(2.5), i(float("nan")), i(None)
    (12, 3, None, None)
    """
    v = r(x, 0)
    return None if v is None else int(v)


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


def reaction(tables: dict, ctx: Context) -> dict:
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
    dict
        ``available``, ``n_responses``, ``response_rate``, ``dimensions``,
        ``mean_overall``, ``category_overall``, ``items``, ``reliability``,
        ``ikm`` and ``facilitators``; or :func:`~kemuning_eval.report.results.metrics.unavailable`.

    Examples
    --------
    A full reaction survey is too large for a doctest; without the survey
    the level is unavailable:

    >>> import pandas as pd
    >>> reaction({"reaction": pd.DataFrame({"q1": [4, 5]})}, Context())
    {'available': False, 'reason': 'no_data', 'instruments': ['reaction']}
    """
    if not _has(tables, "reaction") or not _has(tables, "items"):
        return unavailable("no_data", ("reaction",))
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
    out["response_rate"] = r(len(data) / n_part, 3) if n_part else None

    dims = summarize_dimensions(data, likert_items, cutoffs=ctx.cutoffs)
    share_cols = sorted(c for c in dims.columns if c.startswith("share_"))
    out["dimensions"] = [{
        "dimension": row["dimension"], "label": dimension_label(row["dimension"], ctx.lang),
        "n": i(row["n"]), "mean": r(row["estimate"], 2), "sd": r(row["sd"], 2),
        "ci_low": r(row["ci_low"], 2), "ci_high": r(row["ci_high"], 2),
        "favourable": r(row["favourable"], 3), "category": text_or_none(row.get("category")),
        "shares": {c.removeprefix("share_"): r(row[c], 3) for c in share_cols},
    } for _, row in dims.sort_values("dimension").iterrows()]
    # overall satisfaction: each respondent's mean over all Likert items answered, summarised
    # like a dimension (stats.likert definition)
    overall = summarize_dimensions(data, likert_items.assign(dimension="overall"), cutoffs=ctx.cutoffs).iloc[0]
    out["mean_overall"] = r(overall["estimate"], 2)
    out["category_overall"] = text_or_none(overall.get("category"))

    its = summarize_items(data, likert_items, cutoffs=ctx.cutoffs)
    labels = dict(zip(likert_items["variable"], likert_items["label"], strict=True))
    out["items"] = [{
        "variable": row["item"] if "item" in row else row["variable"],
        "label": labels.get(row["item"] if "item" in row else row["variable"]),
        "dimension": row.get("dimension"), "dimension_label": dimension_label(row.get("dimension"), ctx.lang),
        "n": i(row["n"]), "mean": r(row["estimate"], 2),
        "sd": r(row["sd"], 2), "favourable": r(row["favourable"], 3), "category": text_or_none(row.get("category")),
    } for _, row in its.iterrows()]

    rel = cronbach_alpha(data, likert_items)
    out["reliability"] = [{
        "dimension": row["scale"], "label": dimension_label(row["scale"], ctx.lang), "n": i(row["n"]),
        "k": i(row["k"]), "alpha": r(row["estimate"], 2), "ci_low": r(row["ci_low"], 2),
        "ci_high": r(row["ci_high"], 2), "band": text_or_none(row.get("band")), "missing": text_or_none(row.get("missing")),
        "low": bool(row["low_reliability"]),
    } for _, row in rel.sort_values("scale").iterrows()]

    out["ikm"] = _ikm(data, items_r, ctx, ikm_index, ikm_elements)
    missing = ikm_missing_elements(data, items_r)
    if missing:  # some IKM questions, not all nine: no index (named in the text and in study.not_measured)
        out["ikm_missing"] = missing
    out["facilitators"] = _facilitators(tables, ctx)
    return out


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
        "n": i(idx.get("n")), "index": r(idx["estimate"], 2), "converted": r(idx["converted"], 2),
        "grade": text_or_none(idx.get("grade")), "category": text_or_none(idx.get("quality")),
        "elements": [{"element": row["element"], "label": row["element"],
                      "n": i(row["n"]), "nrr": r(row["nrr"], 2), "rank": i(row["rank"])}
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
        "dimension": row["item"], "label": labels.get(row["item"]) or row["item"], "n": i(row["n"]),
        "mean": r(row["estimate"], 2), "category": text_or_none(row.get("category"))} for _, row in res.iterrows()]}


def _change(row: Any, ctx: Context, *, est: str = "estimate", d: int = 2) -> dict:
    """Common fields of a paired change row (estimate, CI, p, direction)."""
    raw = (row.get(est), row.get("ci_low"), row.get("ci_high"), row.get("p_val"))
    vals = [None if v is None or (isinstance(v, float) and not math.isfinite(v)) else float(v) for v in raw]
    return {"diff": r(vals[0], d), "ci_low": r(vals[1], d), "ci_high": r(vals[2], d), "p_val": r(vals[3], 3),
            "direction": significance(*vals, ctx.alpha), "significant": is_significant(*vals, ctx.alpha)}


def behavior(tables: dict, ctx: Context) -> dict:
    """Level 3: supervisors' change of the composite, share applying, supervisor-peer agreement.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The processed tables in scope (``observations`` is needed).
    ctx : Context
        Language, privacy and significance level.

    Returns
    -------
    dict
        ``available``, ``rater``, ``change`` (paired change and d_z),
        ``by_rater``, ``applying``, ``applying_by_program`` and ``agreement``
        (ICC(2,1)) as far as the data allow; or
        :func:`~kemuning_eval.report.results.metrics.unavailable`.

    Examples
    --------
    Observations before and after training are too large for a doctest;
    without them the level is unavailable:

    >>> behavior({}, Context())
    {'available': False, 'reason': 'no_data', 'instruments': ['observations']}
    """
    if not _has(tables, "observations"):
        return unavailable("no_data", ("observations",))
    from kemuning_eval.stats.behavior import behavior_change, rater_agreement, share_applying

    obs = tables["observations"]
    out: dict[str, Any] = {"available": True, "rater": "supervisor", "change": None, "applying": None,
                           "applying_by_program": None, "agreement": None}
    ch = behavior_change(obs, by="rater", min_n=ctx.min_n)
    sup = ch[(ch["indicator"] == "obs_mean") & (ch["rater"] == "supervisor")]
    if len(sup) and not bool(sup.iloc[0].get("suppressed", False)):
        row = sup.iloc[0]
        out["change"] = {"n": i(row["n"]), "baseline_mean": r(row["baseline_mean"], 2),
                         "followup_mean": r(row["followup_mean"], 2), **_change(row, ctx),
                         "dz": r(row.get("effect_size"), 2), "gz": None,
                         "effect_band": effect_band(row.get("effect_size"))}
    out["by_rater"] = [{"rater": row["rater"], "n": i(row["n"]), "diff": r(row["estimate"], 2),
                        "ci_low": r(row["ci_low"], 2), "ci_high": r(row["ci_high"], 2),
                        "suppressed": bool(row.get("suppressed", False))}
                       for _, row in ch[ch["indicator"] == "obs_mean"].sort_values("rater").iterrows()]
    if "applies" in obs and obs["applies"].notna().any():
        a = share_applying(obs, by=None, rater="supervisor", min_n=ctx.min_n).iloc[0]
        out["applying"] = {"n": i(a["n"]), "count": i(a["count"]), "share": r(a["estimate"], 3),
                           "ci_low": r(a["ci_low"], 3), "ci_high": r(a["ci_high"], 3)}
        byp = share_applying(obs, by="program_id", rater="supervisor", min_n=ctx.min_n)
        out["applying_by_program"] = [{
            "program_id": row["program_id"], "name": ctx.programs.get(row["program_id"], row["program_id"]),
            "n": i(row["n"]), "share": r(row["estimate"], 3), "ci_low": r(row["ci_low"], 3),
            "ci_high": r(row["ci_high"], 3), "suppressed": bool(row.get("suppressed", False)),
        } for _, row in byp.sort_values("program_id").iterrows()]
    raters = set(obs["rater"].dropna())
    if {"supervisor", "peer"} <= raters:
        agr = rater_agreement(obs, raters=("supervisor", "peer"), min_n=ctx.min_n)
        icc = agr[(agr["measure"] == "icc2_1") & ~agr["suppressed"].astype(bool)]
        out["agreement"] = [{"measure": "icc2_1", "indicator": row["indicator"], "n": i(row["n"]),
                             "estimate": r(row["estimate"], 2), "ci_low": r(row["ci_low"], 2),
                             "ci_high": r(row["ci_high"], 2)}
                            for _, row in icc.sort_values("indicator").iterrows()]
    return out


def results(tables: dict, ctx: Context) -> dict:
    """Level 4: difference-in-differences per outcome, unit-clustered (t with G - 1 df).

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The processed tables in scope (``outcomes`` is needed).
    ctx : Context
        Language and significance level.

    Returns
    -------
    dict
        ``available``, ``n_clusters``, ``n_treated_clusters``,
        ``n_control_clusters``, ``inference`` (``cr1`` or ``wild_bootstrap``),
        ``did`` (one row per outcome), ``event_study`` (per outcome and
        period relative to the last pre period, when there are more than two
        periods; else empty; ``stats.event_study``), each ``did`` row with the
        pre-trend decision from the event study's pre-period coefficients
        (``parallel_trends_rejected``, ``pretrend_p``, ``pretrend_inference``;
        None with two periods or nothing to test) and ``method``; or
        :func:`~kemuning_eval.report.results.metrics.unavailable` with reason
        ``no_data``, ``no_treated_units``, ``did_too_few_clusters`` (too few
        treated or comparison units for an honest interval) or
        ``did_design_incomplete``.

    Examples
    --------
    >>> import pandas as pd
    >>> results({"outcomes": pd.DataFrame({"program_id": ["A", "A"], "treated": [False, False]})}, Context())
    {'available': False, 'reason': 'no_treated_units', 'instruments': ['outcomes']}
    """
    if not _has(tables, "outcomes"):
        return unavailable("no_data", ("outcomes",))
    import pandas as pd

    from kemuning_eval.errors import DataError
    from kemuning_eval.stats.did import TooFewClusters, did_effect
    from kemuning_eval.stats.event_study import event_study as fit_event_study

    outcomes = tables["outcomes"]
    if not outcomes["treated"].astype(bool).any():
        return unavailable("no_treated_units", ("outcomes",))
    try:
        res = did_effect(outcomes)
    except TooFewClusters:  # 1 or 2 treated (or comparison) units: no interval would be honest
        return unavailable("did_too_few_clusters", ("outcomes",))
    except DataError:  # the design is incomplete (e.g. no post period for this programme)
        return unavailable("did_design_incomplete", ("outcomes",))
    # per period, relative to the last pre period; the pre-trend decision from its pre-period coefficients
    many = outcomes["period_index"].nunique() > 2 if "period_index" in outcomes.columns else False
    events = fit_event_study(outcomes, outcomes=list(res["outcome"])) if many and len(res) else None
    pretrend = events.pretrend.set_index("outcome") if events is not None else None
    rows = []
    for _, row in res.iterrows():
        entry = _change(row, ctx, d=3)
        test = pretrend.loc[row["outcome"]] if pretrend is not None else {}
        rows.append({
            "outcome": row["outcome"], "label": t(f"report.outcome.{row['outcome']}", ctx.lang)
            if row["outcome"] in ("budget_ratio", "on_time", "service_satisfaction") else row["outcome"],
            "n": i(row["n"]), "n_clusters": i(row["n_clusters"]), "estimate": entry.pop("diff"), **entry,
            "mean_control_pre": r(row["mean_control_pre"], 3), "mean_control_post": r(row["mean_control_post"], 3),
            "mean_treated_pre": r(row["mean_treated_pre"], 3), "mean_treated_post": r(row["mean_treated_post"], 3),
            "pretrend_p": r(test.get("p_val"), 3), "pretrend_inference": test.get("inference"),
            "parallel_trends_rejected": None if pd.isna(test.get("parallel_trends_rejected", pd.NA))
            else bool(test["parallel_trends_rejected"]),
            "n_treated_clusters": i(row["n_treated_clusters"]), "n_control_clusters": i(row["n_control_clusters"]),
            "inference": row["inference"],
        })
    n_clusters = max((row["n_clusters"] or 0 for row in rows), default=None)
    first = res.iloc[0] if len(res) else {}
    coef = events.coefficients if events is not None else None
    event_study = [] if coef is None else [  # an outcome whose design is degenerate has NaN rows: left out
        {"outcome": e["outcome"], "relative": int(e["relative_period"]), "reference": bool(e["reference"]),
         "estimate": r(e["estimate"], 3), "ci_low": r(e["ci_low"], 3), "ci_high": r(e["ci_high"], 3)}
        for _, e in coef[coef.groupby("outcome")["estimate"].transform("count") > 0].iterrows()]
    if not rows:
        return unavailable("no_data", ("outcomes",))
    return {"available": True, "n_clusters": n_clusters, "did": rows,
            "n_treated_clusters": i(first.get("n_treated_clusters")),
            "n_control_clusters": i(first.get("n_control_clusters")), "inference": first.get("inference"),
            "event_study": event_study, "method": str(res["method"].iloc[0]) if len(res) else None}


def cost(tables: dict, ctx: Context) -> dict:
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
    dict
        ``available``, totals in whole Rupiah, ``by_program`` and, with
        benefits, ``total_benefit``, ``bcr``, ``roi_pct``, ``payback_months``.

    Examples
    --------
    >>> import pandas as pd
    >>> programs = pd.DataFrame({"program_id": ["A", "B"], "jp": [30, 20], "participants": [20, 10],
    ...                          "cost": [60_000_000, 30_000_000]})
    >>> roster = pd.DataFrame({"participant_id": [f"P{k}" for k in range(30)]})
    >>> c = cost({"programs": programs, "participants": roster}, Context())
    >>> c["total_cost"], c["n_participants"], c["cost_per_participant"]
    (90000000, 30, 3000000)
    >>> [(p["program_id"], p["cost_per_participant"]) for p in c["by_program"]]
    [('A', 3000000), ('B', 3000000)]

    Without a roster nobody was counted, so there is no cost per participant:

    >>> c = cost({"programs": programs}, Context())
    >>> c["total_cost"], c["n_participants"], c["cost_per_participant"]
    (90000000, None, None)
    """
    if not _has(tables, "programs") or "cost" not in tables["programs"]:
        return unavailable("no_data", ("costs",))
    from kemuning_eval.stats.cost import cost_summary
    from kemuning_eval.stats.roi import roi_by_program

    programs = tables["programs"]
    if not programs["cost"].notna().any():
        return unavailable("not_collected", ("costs",))
    enrolled = _has(tables, "participants")
    if not enrolled:  # without a roster nobody was counted: per-participant costs are not measured
        programs = programs.assign(participants=float("nan"))
    cs = cost_summary(programs[programs["cost"].notna()], tests=tables.get("tests"))
    total = cs[cs["program_id"] == TOTAL].iloc[0] if (cs["program_id"] == TOTAL).any() else cs.iloc[0]
    out: dict[str, Any] = {
        "available": True, "total_cost": i(total["cost"]),
        "n_participants": i(total["participants"]) if enrolled else None,
        "cost_per_participant": i(total["cost_per_participant"]), "cost_per_jp": i(total["cost_per_jp"]),
        "by_program": [{"program_id": row["program_id"], "name": ctx.programs.get(row["program_id"], row["program_id"]),
                        "cost": i(row["cost"]), "participants": i(row["participants"]),
                        "cost_per_participant": i(row["cost_per_participant"]),
                        "cost_per_gain_point": i(row.get("cost_per_gain_point"))}
                       for _, row in cs[cs["program_id"] != TOTAL].sort_values("program_id").iterrows()],
    }
    out.update(total_benefit=None, benefit_costs=None, bcr=None, roi_pct=None, payback_months=None, roi_method=None)
    if _has(tables, "benefits"):
        roi = roi_by_program(tables["benefits"], programs)
        tot = roi[roi["program_id"] == TOTAL].iloc[0] if (roi["program_id"] == TOTAL).any() else roi.iloc[0]
        out.update(total_benefit=i(tot["benefits"]), benefit_costs=i(tot["costs"]), bcr=r(tot["bcr"], 2),
                   roi_pct=r(tot["roi_pct"], 1), payback_months=r(tot["payback_months"], 1),
                   roi_method=str(tot.get("method")))
    return out


def _theme_labels(codebook: Any, lang: str) -> dict[str, str]:
    """The study's theme labels (user data from its codebook) in ``lang``; ``{}`` without a codebook."""
    if codebook is None:
        return {}
    import pandas as pd

    from kemuning_eval.stats.qualitative import load_themes

    table = codebook if isinstance(codebook, pd.DataFrame) else load_themes(codebook)
    return dict(zip(table["code"], table[f"label_{lang}"], strict=True))


def qualitative(tables: dict, ctx: Context) -> dict:
    """Interview themes (frequencies over all excerpts) and representative scrubbed quotes.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The processed tables in scope (``interviews`` is needed).
    ctx : Context
        Language, privacy, theme codebook and seed.

    Returns
    -------
    dict
        ``available``, ``n_excerpts``, ``themes`` (``theme``, ``label``,
        ``n``, ``share``) and up to six ``quotes`` (theme, role, text; never
        a person); or :func:`~kemuning_eval.report.results.metrics.unavailable`.

    Examples
    --------
    Coded interviews need a theme codebook; without interviews the level is
    unavailable:

    >>> qualitative({}, Context())
    {'available': False, 'reason': 'no_data', 'instruments': ['interviews']}
    """
    if not _has(tables, "interviews"):
        return unavailable("no_data", ("interviews",))
    from kemuning_eval.stats.qualitative import representative_quotes, theme_frequencies

    iv = tables["interviews"]
    freq = theme_frequencies(iv, by=None, codebook=ctx.themes, min_n=ctx.min_n)
    freq = freq[freq["count"].fillna(0) > 0].sort_values(["rank", "theme"])
    labels = _theme_labels(ctx.themes, ctx.lang)
    quotes = representative_quotes(iv, codebook=ctx.themes, per_theme=1, min_n=ctx.min_n, seed=ctx.seed)
    return {
        "available": True, "n_excerpts": int(len(iv)),
        "themes": [{"theme": row["theme"], "label": labels.get(row["theme"], row["theme"]), "n": i(row["count"]), "share": r(row["share"], 3)}
                   for _, row in freq.iterrows()],
        "quotes": [{"theme": row["theme"], "theme_label": labels.get(row["theme"], row["theme"]),
                    "role": row["role"], "text": row["text"]}
                   for _, row in quotes.sort_values(["theme", "rank"]).drop_duplicates("text").head(6).iterrows()],
    }


def learning(tables: dict, ctx: Context, *, pass_mark: float = DEFAULT_PASS_MARK) -> dict:
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
    dict
        ``available``, ``overall`` (the paired change of all participants)
        and ``by_program``; or :func:`~kemuning_eval.report.results.metrics.unavailable`.

    Examples
    --------
    >>> import pandas as pd
    >>> tests = pd.DataFrame({"program_id": ["A"] * 6, "participant_id": list("abcdef"),
    ...                       "pre": [50, 55, 60, 45, 70, 65], "post": [60, 70, 66, 58, 75, 80]})
    >>> o = learning({"tests": tests}, Context())["overall"]
    >>> o["n"], o["pre_mean"], o["post_mean"], o["diff"], o["direction"]
    (6, 57.5, 68.17, 10.67, 'increase')
    """
    tests = tables.get("tests")
    if tests is None or tests.dropna(subset=["pre", "post"]).empty:
        return unavailable("no_data", ("tests",))
    from kemuning_eval.stats.learning import learning_summary

    programs = tables.get("programs")
    overall = learning_summary(tests, programs, by=None, min_n=ctx.min_n, pass_mark=pass_mark)
    byp = learning_summary(tests, programs, by="program_id", min_n=ctx.min_n, pass_mark=pass_mark)

    def entry(row: Any) -> dict:
        change = _change({"estimate": row["mean_change"], "ci_low": row["change_ci_low"],
                          "ci_high": row["change_ci_high"], "p_val": row["t_p_val"]}, ctx)
        return {"n": i(row["n"]), "pre_mean": r(row["mean_pre"], 2), "post_mean": r(row["mean_post"], 2),
                **change, "t": r(row["t"], 2), "w_stat": r(row["wilcoxon_v"], 1), "w_p": r(row["wilcoxon_p_val"], 3),
                "w_method": text_or_none(row.get("wilcoxon_method")), "rank_biserial": r(row["rbc"], 2),
                "dz": r(row["d_z"], 2), "dz_ci_low": r(row["d_z_ci_low"], 2), "dz_ci_high": r(row["d_z_ci_high"], 2),
                "gz": r(row["g_z"], 2), "effect_band": text_or_none(row.get("effect_band")),
                "gain_class": r(row["gain_class"], 2), "gain_individual": r(row["gain_individual"], 2),
                "gain_band": text_or_none(row.get("gain_band")),
                "pass_pre": r(row["pass_pre"], 3), "pass_post": r(row["pass_post"], 3),
                "suppressed": bool(row.get("suppressed", False))}

    rows = []
    for _, row in byp.sort_values("program_id").iterrows():
        e = entry(row)
        rows.append({"program_id": row["program_id"], "name": ctx.programs.get(row["program_id"], row["program_id"]),
                     "n": e["n"], "pre_mean": e["pre_mean"], "post_mean": e["post_mean"], "diff": e["diff"],
                     "ci_low": e["ci_low"], "ci_high": e["ci_high"], "p_val": e["p_val"],
                     "p_holm": r(row.get("t_p_holm"), 3), "dz": e["dz"], "gain_class": e["gain_class"],
                     "significant": e["significant"], "suppressed": e["suppressed"]})
    return {"available": True, "overall": entry(overall.iloc[0]), "by_program": rows}


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
            "jp": i(row.get("jp")), "start_date": _iso(row.get("start_date")), "end_date": _iso(row.get("end_date")),
            "capacity": i(row.get("capacity")), "applicants": i(row.get("applicants")),
            "participants": i(row.get("participants")) if part is not None else None, "cost": i(row.get("cost")),
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
            completion_rate=r(completed / n_part, 3) if completed is not None and n_part else None,
            jp_total=i(programs["jp"].sum()) if have["jp"] else None,
            budget_total=i(programs["cost"].sum()) if have["cost"] else None,
            capacity_total=i(total["capacity"]) if total is not None else None,
            applicants_total=i(total["applicants"]) if total is not None else None,
            unmet_demand=i(total["unmet_demand"]) if total is not None else None,
            share_not_admitted=r(total["share_not_admitted"], 3) if total is not None else None,
            demand_ratio=r(total["applicants_per_seat"], 2) if total is not None else None,
            n_facilitators=int(fac["facilitator_id"].nunique()) if fac is not None else None,
        )
    elif _has(tables, "participants"):
        out["n_participants"] = int(len(tables["participants"]))
    jp = tables.get("jp_records")
    if jp is not None and len(jp):
        from kemuning_eval.stats.cost import jp_coverage

        cov = jp_coverage(jp, target=target_jp, population=population_asn, min_n=ctx.min_n).iloc[0]
        out["jp_coverage"] = {"n": i(cov["n"]), "count": i(cov["count"]), "share": r(cov["estimate"], 3),
                              "target": i(cov["target"]), "mean_jp": r(jp["jp_total"].mean(), 1)}
    dq = tables.get("data_quality")
    if dq is not None:
        sev = dq["severity"].astype(str)
        out["data_quality"] = {
            "n_checks": int(len(dq)), "n_errors": int((sev == "error").sum()),
            "n_warnings": int((sev == "warning").sum()), "n_info": int((sev == "info").sum()),
            "rows": [{"file": row["file"], "check": row["check"], "column": text_or_none(row["column"]), "n": i(row["n"]),
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


def sample(m: dict, tables: dict, ctx: Context) -> None:
    """Add the required (Krejcie-Morgan) vs achieved sample and the response rates to ``m["study"]``.

    The population is the enrolled participants; the achieved sample is the
    reaction survey's respondents (:func:`kemuning_eval.stats.sampling.response_rates`).
    Response rates are given for every instrument answered by participants.

    Parameters
    ----------
    m : dict
        The metrics; ``m["study"]`` gets ``sample`` and ``response_rates``.
    tables : dict of str to pandas.DataFrame
        The processed tables in scope.
    ctx : Context
        Language of the instrument labels.

    Returns
    -------
    None

    Examples
    --------
    >>> import pandas as pd
    >>> from kemuning_eval.report.results.metrics import empty_metrics
    >>> m = empty_metrics(2026)
    >>> people = pd.DataFrame({"participant_id": [f"p{k}" for k in range(8)]})
    >>> sample(m, {"participants": people, "reaction": people.head(3)}, Context(lang="en"))
    >>> m["study"]["sample"]
    {'population': 8, 'required': 8, 'achieved': 3, 'rate': 0.375, 'adequate': False}
    """
    from kemuning_eval.stats.sampling import response_rates

    study = m["study"]
    study["sample"], study["response_rates"] = None, []
    people = tables.get("participants")
    if people is None or people.empty:
        return
    for instrument in ("reaction", "facilitator_ratings", "tests", "observations"):
        frame = tables.get(instrument)
        if frame is None or frame.empty:
            continue
        if instrument == "tests":
            frame = frame.dropna(subset=["pre", "post"])
        rate = response_rates(people, frame, by=None).iloc[0]
        entry = {"instrument": instrument, "label": t(f"report.instrument.{instrument}", ctx.lang),
                 "n": i(rate["respondents"]), "population": i(rate["population"]), "rate": r(rate["estimate"], 3),
                 "required": i(rate["n_required"])}
        study["response_rates"].append(entry)
        if instrument == "reaction":
            study["sample"] = {"population": entry["population"], "required": entry["required"],
                               "achieved": entry["n"], "rate": entry["rate"],
                               "adequate": bool(entry["n"] >= entry["required"])}


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
    >>> [(p["value"], p["n"], p["share"]) for p in profile({"participants": people}, Context(lang="en"))]
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
             "share": None if row["suppressed"] else r(row["share"], 3)}
            for _, row in table.iterrows()]
