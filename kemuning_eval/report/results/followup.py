"""Whether last year's recommendations were carried out, judged by their indicators (decided once, here).

Each recommendation of the previous year's ``metrics.json`` names an indicator
(a stable metric path, :mod:`.indicators`), its value that year and a target.
This year's value of the same indicator decides its status:

=================  =====================================================================
status             when
=================  =====================================================================
``carried_out``    this year's value meets the target (reason ``target_reached``)
``partly``         not met, but the indicator covered at least
                   :data:`~kemuning_eval.config.FOLLOWUP_PARTLY_SHARE` (half) of the
                   distance between last year's value and the target, in the good
                   direction (``half_way``)
``not_carried_out`` not met, and less than that distance covered (``not_reached``;
                   also when last year's value already met the target and this year's
                   no longer does)
``unknown``        last year's report names no indicator or target (an older
                   ``metrics.json``: ``no_target``), the indicator is not measured this
                   year (``not_measured``), or the target is not met and last year's
                   value is missing, so progress cannot be judged (``no_baseline``)
=================  =====================================================================

A file that lacks any of these fields is judged ``unknown``; it never stops the report.

Examples
--------
>>> judge(3.5, 3.0, 3.41, True)
('carried_out', 'target_reached')
>>> judge(3.25, 3.0, 3.41, True), judge(3.1, 3.0, 3.41, True)
(('partly', 'half_way'), ('not_carried_out', 'not_reached'))
>>> judge(None, 3.0, 3.41, True), judge(3.1, None, 3.41, True)
(('unknown', 'not_measured'), ('unknown', 'no_baseline'))
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kemuning_eval.config import FOLLOWUP_PARTLY_SHARE, RECOMMENDATION_INDICATORS, indicator_pattern
from kemuning_eval.report.results.actionplan import target_met
from kemuning_eval.report.results.indicators import resolve
from kemuning_eval.report.results.model import FollowUp, Recommendation


def judge(value: float | None, previous: float | None, target: float | None, higher_is_better: bool | None,
          *, partly_share: float = FOLLOWUP_PARTLY_SHARE) -> tuple[str, str]:
    """``(status, reason)`` of one recommendation from its indicator's values (see the module docstring).

    Parameters
    ----------
    value, previous : float or None
        The indicator this year and in last year's report.
    target : float or None
        Last year's target on the indicator.
    higher_is_better : bool or None
        The indicator's good direction.
    partly_share : float
        Share of the distance to the target that counts as carried out in part.

    Returns
    -------
    tuple of str

    Examples
    --------
    Lower is better (applicants per seat from 1,60 towards 1,20; 1,40 covers half the way):

    >>> judge(1.40, 1.60, 1.20, False), judge(1.15, 1.60, 1.20, False)
    (('partly', 'half_way'), ('carried_out', 'target_reached'))
    """
    if target is None or higher_is_better is None:
        return "unknown", "no_target"
    if value is None:
        return "unknown", "not_measured"
    if target_met(value, target, higher_is_better):
        return "carried_out", "target_reached"
    if previous is None:
        return "unknown", "no_baseline"
    sign = 1.0 if higher_is_better else -1.0
    gap = sign * (target - previous)
    if gap > 0 and sign * (value - previous) >= partly_share * gap:
        return "partly", "half_way"
    return "not_carried_out", "not_reached"


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _one(rec: Mapping[str, Any], m: Any, previous: Mapping[str, Any], year: int, repeated: set[str]) -> FollowUp:
    indicator = rec.get("indicator") if isinstance(rec.get("indicator"), str) else None
    pattern = indicator_pattern(indicator) if indicator else None
    known = pattern is not None and "*" not in indicator
    higher = RECOMMENDATION_INDICATORS[pattern][1] if pattern else None
    value, item = resolve(m, indicator) if known else (None, None)
    before = _number(rec.get("value"))
    if before is None and known:
        before = resolve(previous, indicator)[0]
    target = _number(rec.get("target")) if known else None
    status, reason = judge(value, before, target, higher)
    return FollowUp(id=str(rec.get("id")), previous_year=year, owner=rec.get("owner") if isinstance(
        rec.get("owner"), str) else None, indicator=indicator if known else None,
        indicator_item=item or (rec.get("indicator_item") if isinstance(rec.get("indicator_item"), str) else None),
        indicator_fmt=RECOMMENDATION_INDICATORS[pattern][0] if pattern else None, higher_is_better=higher,
        target=target, previous_value=before, value=value, status=status, reason=reason,
        repeated=str(rec.get("id")) in repeated)


def followup(m: Any, previous: Mapping[str, Any], recommendations: list[Recommendation]) -> list[FollowUp]:
    """Every recommendation of last year's report, judged by its indicator in this year's results.

    Parameters
    ----------
    m : Metrics or dict
        This year's results.
    previous : mapping
        Last year's ``metrics.json`` (any version: missing fields give ``unknown``).
    recommendations : list of Recommendation
        This year's recommendations (a repeated id is marked ``repeated``).

    Returns
    -------
    list of FollowUp
        In the order of last year's report.

    Examples
    --------
    >>> before = {"study": {"year": 2025}, "findings": {"recommendations": [
    ...     {"id": "teaching_methods", "indicator": "learning.overall.gain_class", "value": 0.2, "target": 0.3},
    ...     {"id": "partnerships"}]}}
    >>> now = {"learning": {"available": True, "overall": {"gain_class": 0.32}}}
    >>> [(f.id, f.status, f.reason) for f in followup(now, before, [])]
    [('teaching_methods', 'carried_out', 'target_reached'), ('partnerships', 'unknown', 'no_target')]
    """
    study, found = (previous.get("study"), previous.get("findings")) if isinstance(previous, Mapping) else ({}, {})
    year = study.get("year") if isinstance(study, Mapping) else None
    year = int(year) if isinstance(year, int) and not isinstance(year, bool) else 0
    recs = found.get("recommendations") if isinstance(found, Mapping) else None
    recs = recs if isinstance(recs, list) else []
    repeated = {r.id for r in recommendations}
    return [_one(r, m, previous, year, repeated) for r in recs if isinstance(r, Mapping) and r.get("id")]


def mark_repeated(recommendations: list[Recommendation], previous: Mapping[str, Any] | None) -> list[Recommendation]:
    """This year's recommendations, each marked ``repeated`` when last year's report made it too.

    Examples
    --------
    >>> from kemuning_eval.report.results.model import Evidence
    >>> ev = [Evidence(name="ratio", path="study.demand_ratio", value=1.5, fmt="num2")]
    >>> rec = Recommendation(id="partnerships", audience="organiser", because=["unmet_demand"], evidence=ev, text={})
    >>> [r.repeated for r in mark_repeated([rec], {"findings": {"recommendations": [{"id": "partnerships"}]}})]
    [True]
    """
    found = previous.get("findings") if isinstance(previous, Mapping) else None
    listed = found.get("recommendations") if isinstance(found, Mapping) else None
    before = {r.get("id") for r in (listed if isinstance(listed, list) else []) if isinstance(r, Mapping)}
    return [r.model_copy(update={"repeated": r.id in before}) for r in recommendations]
