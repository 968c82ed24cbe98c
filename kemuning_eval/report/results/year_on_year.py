"""Year on year: this year's key indicators against the previous year's report, with intervals and the mix decision.

Each year's report stores, in ``findings.year_basis``, the summaries of its key
indicators that a comparison needs (:func:`year_basis`): a mean with its SD
and n, a share with its count and n, the IKM with its linearised standard
error, a pooled ratio with its programmes' rates and weights.  The next year
compares with them (:func:`year_on_year`): every row has the change, its
interval (:mod:`kemuning_eval.stats.compare`: Welch, Newcombe, linearised SE),
the p-value and the significance decision of :mod:`kemuning_eval.stats.bands`,
the Kitagawa rate and mix components, and one ``verdict`` the text words:

- ``unchanged``: the same value both years (no panel, no figure);
- ``mix``: the programme-mix component is at least ``report.rules.mix_share``
  of the change, so the pooled change says nothing about the programmes (no
  significance claim);
- ``not_tested``: no sampling interval exists (a census count, a ratio of
  estimated amounts) or the previous report has no basis;
- else the direction (``increase``, ``decrease``, ``none``, ``inconclusive``).

Examples
--------
>>> now = YearBasis(indicators=[BasisIndicator(metric="n_participants", kind="count", value=600, n=None, sd=None,
...                                            count=None, se=None, parts=None)])
>>> before = {"study": {"year": 2025, "synthetic": True, "n_participants": 600},
...           "findings": {"year_basis": now.model_dump()}}
>>> row = year_on_year(now, before, alpha=0.05, mix_share_min=0.5).rows[0]
>>> row.estimate, row.verdict
(0.0, 'unchanged')
"""

from __future__ import annotations

import math
from typing import Any

from kemuning_eval.report.results.common import Context, as_float
from kemuning_eval.report.results.decisions import is_significant, significance
from kemuning_eval.report.results.model import (
    BasisIndicator,
    BasisPart,
    Metrics,
    YearBasis,
    YearOnYear,
    YearOnYearRow,
)
from kemuning_eval.report.results.rules import get_path

#: the key indicators compared: (metric id, path in the metrics, kind, format)
INDICATORS = (
    ("n_participants", "study.n_participants", "count", "int"),
    ("reaction_mean", "reaction.mean_overall", "mean", "num2"),
    ("ikm_converted", "reaction.ikm.converted", "index", "num2"),
    ("learning_diff", "learning.overall.estimate", "mean", "num2"),
    ("applying_share", "behavior.applying.share", "share", "pct1"),
    ("roi_pct", "cost.roi_pct", "ratio", "num1"),
)

#: the kinds without a sampling interval, and why (``reason`` of the row)
NO_INTERVAL = {"count": "census", "ratio": "not_sampled"}


def _value(m: Any, path: str) -> float | int | None:
    try:
        value = get_path(m, path)
    except (KeyError, IndexError, TypeError, AttributeError):
        return None
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _parts(rows: Any) -> list[BasisPart] | None:
    """``(program_id, weight, rate)`` triples as parts; None when one is missing (a suppressed programme)."""
    rows = list(rows)
    if not rows or any(w is None or r is None or not math.isfinite(w) or not math.isfinite(r) for _, w, r in rows):
        return None
    return [BasisPart(program_id=str(p), weight=float(w), rate=float(r)) for p, w, r in rows]


def _reaction_basis(tables: dict, ctx: Context) -> dict:
    """SD, n and per-programme means of the respondents' overall mean score (stats.likert definition)."""
    from kemuning_eval.report.results.reaction import survey_likert_items
    from kemuning_eval.stats.likert import summarize_dimensions

    data = tables.get("reaction")
    if data is None or data.empty or tables.get("items") is None:
        return {}
    items = survey_likert_items(data, tables["items"]).assign(dimension="overall")
    overall = summarize_dimensions(data, items, cutoffs=ctx.cutoffs).iloc[0]
    out = {"n": int(overall["n"]), "sd": as_float(overall["sd"])}
    if "program_id" in data:
        byp = summarize_dimensions(data, items, by="program_id", cutoffs=ctx.cutoffs, min_n=ctx.min_n)
        out["parts"] = _parts((r["program_id"], as_float(r["n"]), as_float(r["estimate"])) for _, r in byp.iterrows())
    return out


def _ikm_basis(tables: dict) -> dict:
    """The linearised SE of the IKM, on the converted (x 25) scale."""
    from kemuning_eval.errors import DataError
    from kemuning_eval.stats.bands import IKM_CONVERSION
    from kemuning_eval.stats.compare import ikm_index_se
    from kemuning_eval.stats.ikm import element_columns

    data, items = tables.get("reaction"), tables.get("items")
    if data is None or items is None or "ikm_element" not in items:
        return {}
    try:
        columns = element_columns(data, items)
    except DataError:
        return {}
    row = ikm_index_se(data[list(columns.values())].astype(float))
    return {"n": row["n"], "se": as_float(row["se"] * IKM_CONVERSION)}


def _learning_basis(m: Metrics, tables: dict) -> dict:
    tests = tables.get("tests")
    if tests is None or not m.learning.available:
        return {}
    d = (tests["post"] - tests["pre"]).dropna()
    parts = _parts((r.program_id, r.n, None if r.suppressed else r.estimate) for r in m.learning.by_program)
    return {"n": int(len(d)), "sd": as_float(d.std(ddof=1)) if len(d) > 1 else None, "parts": parts}


def _applying_basis(m: Metrics) -> dict:
    applying = m.behavior.applying if m.behavior.available else None
    if applying is None:
        return {}
    parts = _parts((r.program_id, r.n, None if r.suppressed else r.share)
                   for r in m.behavior.applying_by_program or [])
    return {"n": applying.n, "count": applying.count, "parts": parts}


def _roi_basis(m: Metrics, tables: dict) -> dict:
    """Per programme with benefits: its ROI (%) and its cost, the weights of the pooled ROI."""
    if not m.cost.available or m.cost.roi_pct is None or tables.get("benefits") is None:
        return {}
    from kemuning_eval.stats._common import TOTAL
    from kemuning_eval.stats.roi import roi_by_program

    programs = tables["programs"]
    roi = roi_by_program(tables["benefits"], programs[programs["cost"].notna()], total=False)
    return {"parts": _parts((r["program_id"], as_float(r["costs"]), as_float(r["roi_pct"]))
                            for _, r in roi.iterrows() if r["program_id"] != TOTAL)}


def year_basis(m: Metrics, tables: dict, ctx: Context) -> YearBasis:
    """The summaries of this year's key indicators (:data:`INDICATORS`) for next year's comparison.

    Parameters
    ----------
    m : Metrics
        This year's metrics (the levels are read).
    tables : dict of str to pandas.DataFrame
        The processed tables of the year (the spread of the means, the IKM answers, the benefits).
    ctx : Context
        Privacy (a suppressed programme leaves ``parts`` empty) and bands.

    Returns
    -------
    YearBasis
        One :class:`BasisIndicator` per indicator with a value this year.

    Examples
    --------
    >>> from kemuning_eval.report.results.metrics import empty_metrics
    >>> doc = empty_metrics(2026, report_date="2026-12-15")
    >>> doc["study"]["n_participants"] = 600
    >>> [(b.metric, b.value) for b in year_basis(Metrics.model_validate(doc), {}, Context()).indicators]
    [('n_participants', 600)]
    """
    extra = {"reaction_mean": lambda: _reaction_basis(tables, ctx), "ikm_converted": lambda: _ikm_basis(tables),
             "learning_diff": lambda: _learning_basis(m, tables), "applying_share": lambda: _applying_basis(m),
             "roi_pct": lambda: _roi_basis(m, tables)}
    out = []
    for metric, path, kind, _fmt in INDICATORS:
        value = _value(m, path)
        if value is None:
            continue
        fields = {"n": None, "sd": None, "count": None, "se": None, "parts": None}
        fields.update(extra[metric]() if metric in extra else {})
        out.append(BasisIndicator(metric=metric, kind=kind, value=value, **fields))
    return YearBasis(indicators=out)


def _interval(now: BasisIndicator, before: BasisIndicator, level: float) -> tuple[dict, str]:
    """The change and its interval by the indicator's kind, and the method's name."""
    from kemuning_eval.stats import compare

    if now.kind == "mean":
        return compare.welch_difference(now.value, now.sd, now.n, before.value, before.sd, before.n, level), "welch"
    if now.kind == "share":
        return compare.newcombe_difference(now.count, now.n, before.count, before.n, level), "newcombe"
    if now.kind == "index":
        return compare.normal_difference(now.value, now.se, before.value, before.se, level), "linearised"
    return {"estimate": float(now.value) - float(before.value), "reason": NO_INTERVAL[now.kind]}, "none"


def _mix(now: BasisIndicator, before: BasisIndicator) -> dict:
    from kemuning_eval.stats.compare import kitagawa

    if not now.parts or not before.parts:
        return {}
    out = kitagawa({p.program_id: p.rate for p in now.parts}, {p.program_id: p.weight for p in now.parts},
                   {p.program_id: p.rate for p in before.parts}, {p.program_id: p.weight for p in before.parts})
    return {} if out["reason"] == "missing" else out


def compare_indicator(now: BasisIndicator, before: BasisIndicator, *, fmt: str, alpha: float,
                      mix_share_min: float) -> YearOnYearRow:
    """One row of the comparison: change, interval, p, significance, mix components and the verdict, decided once.

    Parameters
    ----------
    now, before : BasisIndicator
        This year's and the previous year's summaries of one indicator.
    fmt : str
        Display format of the values.
    alpha : float
        Significance level; the interval's level is ``1 - alpha``.
    mix_share_min : float
        ``report.rules.mix_share``: a mix component at least this share of the change makes it ``mix``.

    Returns
    -------
    YearOnYearRow

    Examples
    --------
    >>> a = BasisIndicator(metric="applying_share", kind="share", value=0.8, n=70, sd=None, count=56, se=None,
    ...                    parts=None)
    >>> b = a.model_copy(update={"value": 0.6, "n": 80, "count": 48})
    >>> row = compare_indicator(a, b, fmt="pct1", alpha=0.05, mix_share_min=0.5)
    >>> round(row.ci_low, 4), round(row.ci_high, 4), row.method, row.verdict
    (0.0524, 0.3339, 'newcombe', 'increase')
    """
    change, method = _interval(now, before, 1.0 - alpha)
    estimate, low, high, p = (as_float(change.get(k)) for k in ("estimate", "ci_low", "ci_high", "p_val"))
    if estimate is None and now.kind == "share" and before.kind == "share":
        estimate = float(now.value) - float(before.value)
    tested = low is not None and high is not None
    direction = significance(estimate, low, high, p, alpha) if tested else None
    mix = _mix(now, before)
    share = as_float(mix.get("mix_share"))
    dominated = share is not None and share >= mix_share_min
    if float(now.value) == float(before.value):
        verdict = "unchanged"
    elif dominated:
        verdict = "mix"
    else:
        verdict = direction or "not_tested"
    return YearOnYearRow(
        metric=now.metric, kind=now.kind, fmt=fmt, previous=before.value, current=now.value, estimate=estimate,
        ci_low=low, ci_high=high, p_val=p, method=method if tested else "none", reason=change.get("reason"),
        direction=direction, significant=is_significant(estimate, low, high, p, alpha) if tested else None,
        rate_component=as_float(mix.get("rate")), mix_component=as_float(mix.get("mix")), mix_share=share,
        mix_dominated=dominated, verdict=verdict)


def _previous_basis(previous: dict) -> dict[str, BasisIndicator]:
    """The previous report's basis; an older report without one gives bare values (``no_basis``: no interval)."""
    stored = ((previous.get("findings") or {}).get("year_basis") or {}).get("indicators")
    paths = {metric: path for metric, path, _kind, _fmt in INDICATORS}
    if stored:  # the value as the report published it; the basis adds its spread
        basis = (BasisIndicator.model_validate(x) for x in stored)
        return {b.metric: b.model_copy(update={"value": _value(previous, paths[b.metric])})
                for b in basis if b.metric in paths and _value(previous, paths[b.metric]) is not None}
    out = {}
    for metric, path, kind, _fmt in INDICATORS:
        value = _value(previous, path)
        if value is not None:
            out[metric] = BasisIndicator(metric=metric, kind=kind, value=value, n=None, sd=None, count=None,
                                         se=None, parts=None)
    return out


def year_on_year(basis: YearBasis, previous: dict | None, *, alpha: float, mix_share_min: float) -> YearOnYear | None:
    """This year's key indicators against the previous year's report, every row decided once.

    Parameters
    ----------
    basis : YearBasis
        This year's summaries (:func:`year_basis`).
    previous : dict or None
        The previous year's ``metrics.json``.
    alpha : float
        Significance level (the intervals are ``1 - alpha``).
    mix_share_min : float
        ``report.rules.mix_share``.

    Returns
    -------
    YearOnYear or None
        None without a previous report or an indicator in both years.

    Examples
    --------
    >>> print(year_on_year(YearBasis(indicators=[]), None, alpha=0.05, mix_share_min=0.5))
    None
    """
    if not previous:
        return None
    before = _previous_basis(previous)
    fmts = {metric: fmt for metric, _path, _kind, fmt in INDICATORS}
    rows = []
    for now in basis.indicators:
        if now.metric in before and before[now.metric].kind == now.kind:
            row = compare_indicator(now, before[now.metric], fmt=fmts[now.metric], alpha=alpha,
                                    mix_share_min=mix_share_min)
            if not (previous.get("findings") or {}).get("year_basis") and row.kind not in NO_INTERVAL:
                row = row.model_copy(update={"reason": "no_basis"})  # an older report: values, no spread
            rows.append(row)
    if not rows:
        return None
    study = previous.get("study") or {}
    return YearOnYear(previous_year=int(study["year"]), previous_synthetic=bool(study.get("synthetic")),
                      level=1.0 - alpha, mix_share_min=mix_share_min, rows=rows)


def previous_year_on_year(basis: YearBasis | None, paths: Any, status: dict | None,
                          thresholds: dict) -> YearOnYear | None:
    """The comparison with the previous year's ``metrics.json`` when :mod:`.comparison` found it comparable.

    Parameters
    ----------
    basis : YearBasis or None
        This year's summaries (None for a programme's report).
    paths : ProjectPaths
        Project folders (``reports/<year>/metrics.json``).
    status : dict or None
        ``findings.comparison_status`` (``compared`` and ``previous_year`` are read).
    thresholds : dict
        The rule thresholds (``alpha``, ``mix_share``).

    Returns
    -------
    YearOnYear or None

    Examples
    --------
    >>> print(previous_year_on_year(None, None, None, {}))
    None
    """
    if basis is None or not status or not status.get("compared"):
        return None
    import json

    path = paths.metrics_json(int(status["previous_year"]))
    previous = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None
    return year_on_year(basis, previous, alpha=float(thresholds["alpha"]), mix_share_min=float(thresholds["mix_share"]))
