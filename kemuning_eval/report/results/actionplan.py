"""The action plan of each recommendation: who acts, how it is measured, the target and the deadline.

Defaults come from :data:`kemuning_eval.config.RECOMMENDATION_DEFAULTS`, and
``studi.yaml`` ``report.recommendations.<id>.{owner, indicator, target,
deadline}`` overrides them (validated at load).  An indicator with ``*``
takes the list item of the evidence the recommendation answers (the weakest
dimension, the weakest IKM element), so the path names it by its code and
can be read again next year.  Whether this year's value already meets the
target is decided here, on the unrounded value.

Examples
--------
>>> from kemuning_eval.report.results.model import Evidence, Recommendation
>>> ev = [Evidence(name="gain", path="learning.overall.gain_class", value=0.21, fmt="num2")]
>>> rec = Recommendation(id="teaching_methods", audience="facilitators", because=["low_gain"], evidence=ev, text={})
>>> doc = {"learning": {"available": True, "overall": {"gain_class": 0.21}}}
>>> planned = plan(rec, doc, year=2026)
>>> planned.owner, planned.indicator, planned.target, planned.value, planned.target_met, planned.deadline
('widyaiswara', 'learning.overall.gain_class', 0.3, 0.21, False, '2027-S2')
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from kemuning_eval.config import (
    RECOMMENDATION_DEFAULTS,
    RECOMMENDATION_INDICATORS,
    indicator_pattern,
)
from kemuning_eval.report.results.indicators import KEY_FIELDS, resolve, stable_path
from kemuning_eval.report.results.model import Recommendation

#: a default deadline: a term of the year after the study (semester or quarter)
_TERM = re.compile(r"^(S[12]|Q[1-4])$")


def target_met(value: float | None, target: float | None, higher_is_better: bool | None) -> bool | None:
    """Whether ``value`` meets ``target`` in the indicator's good direction (None when either is missing).

    Examples
    --------
    >>> target_met(3.5, 3.41, True), target_met(1.3, 1.2, False), target_met(None, 1.2, False)
    (True, False, None)
    """
    if value is None or target is None or higher_is_better is None:
        return None
    return value >= target if higher_is_better else value <= target


def _indicator(pattern: str, rec: Recommendation, m: Any) -> str:
    """The indicator path: ``*`` filled with the item of the first evidence that matches the pattern.

    Without such evidence, the first evidence that is itself an indicator; else the pattern stays
    (its value is then not measured).
    """
    if "*" not in pattern:
        return pattern
    paths = [p for p in (stable_path(m, ev.path) for ev in rec.evidence) if p is not None]
    # a rule that fired for programmes only cites the decision table: the item is then the one its text names
    named = [pattern.replace("*", str(rec.text[key])) for key in KEY_FIELDS
             if rec.text.get(key) and "," not in str(rec.text[key])]
    return next((p for p in paths if indicator_pattern(p) == pattern),
                next((p for p in paths if indicator_pattern(p) is not None),
                     next((p for p in named if resolve(m, p)[0] is not None), pattern)))


def deadline(spec: str, year: int) -> str:
    """A configured deadline as given; a default term (``S1``, ``Q3``) as a period of the year after ``year``.

    Examples
    --------
    >>> deadline("S2", 2026), deadline("2027-06-30", 2026)
    ('2027-S2', '2027-06-30')
    """
    return f"{int(year) + 1}-{spec}" if _TERM.match(spec) else spec


def plan(rec: Recommendation, m: Any, *, year: int, config: Mapping[str, Any] | None = None) -> Recommendation:
    """``rec`` with its owner, indicator (and this year's value), target and deadline.

    Parameters
    ----------
    rec : Recommendation
        A recommendation of :func:`kemuning_eval.report.results.rules.derive_recommendations`.
    m : Metrics or dict
        This year's results (the indicator is read there).
    year : int
        The study year (a default deadline falls in the year after).
    config : mapping, optional
        ``report.recommendations`` of studi.yaml as loaded (``{id: {owner, indicator, target, deadline}}``).

    Returns
    -------
    Recommendation
        A copy with ``owner``, ``indicator``, ``indicator_item``, ``indicator_fmt``,
        ``higher_is_better``, ``value``, ``target``, ``target_met`` and ``deadline``.

    Examples
    --------
    >>> from kemuning_eval.report.results.model import Evidence
    >>> ev = [Evidence(name="ratio", path="study.demand_ratio", value=1.5, fmt="num2")]
    >>> rec = Recommendation(id="partnerships", audience="organiser", because=["unmet_demand"], evidence=ev, text={})
    >>> p = plan(rec, {"study": {"demand_ratio": 1.5}}, year=2026, config={"partnerships": {"owner": "Sekretariat"}})
    >>> p.owner, p.target, p.higher_is_better, p.target_met
    ('Sekretariat', 1.2, False, False)
    """
    spec = {**RECOMMENDATION_DEFAULTS[rec.id], **dict((config or {}).get(rec.id) or {})}
    indicator = _indicator(str(spec["indicator"]), rec, m)
    fmt, higher = RECOMMENDATION_INDICATORS[indicator_pattern(indicator) or spec["indicator"]]
    value, item = (None, None) if "*" in indicator else resolve(m, indicator)
    target = float(spec["target"])
    return rec.model_copy(update={
        "owner": str(spec["owner"]), "indicator": indicator, "indicator_item": item, "indicator_fmt": fmt,
        "higher_is_better": higher, "value": value, "target": target,
        "target_met": target_met(value, target, higher), "deadline": deadline(str(spec["deadline"]), year),
    })
