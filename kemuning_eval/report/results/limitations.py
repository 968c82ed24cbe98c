"""The limitations of the evaluation's design, each fired by the stored results (decided once, here).

=========================  ==========================================================================
limitation                 fires when
=========================  ==========================================================================
``before_after_learning``  Level 2 was measured: pre/post-test without a comparison group
                           (``detail="large"`` when Cohen's band of d_z is "large": that size is not
                           the training's effect alone)
``before_after_behavior``  Level 3's change was measured: baseline/follow-up without a comparison
                           group (``detail="large"`` as above)
``supervisor_not_blind``   Level 3 rests on supervisors' ratings (they know who was trained)
``rater_agreement``        Level 3 was measured: ``detail="measured"`` with the lowest and highest
                           supervisor-peer ICC(2,1), else ``detail="not_measured"``
``observed_share``         fewer alumni were observed at Level 3 than completed the training
``few_clusters``           the Level 4 DiD used the wild cluster bootstrap (few work units per arm)
``benefit_estimates``      a BCR/ROI was computed: benefits rest on estimated attribution and confidence
``synthetic_data``         the study's data are synthetic
=========================  ==========================================================================

Examples
--------
>>> from kemuning_eval.report.results.metrics import empty_metrics
>>> from kemuning_eval.report.results.model import Metrics
>>> doc = empty_metrics(2026)
>>> doc["study"]["synthetic"] = True
>>> [x.id for x in limitations(Metrics.model_validate(doc))]
['synthetic_data']
"""

from __future__ import annotations

from collections.abc import Callable

from kemuning_eval.report.results.model import Limitation, Metrics

#: the Cohen band whose wording a before/after design cannot carry without a caveat
LARGE = "large"


def _before_after(m: Metrics) -> list[Limitation]:
    out = []
    learning = m.learning if m.learning.available else None
    if learning is not None and learning.overall.n:
        o = learning.overall
        out.append(Limitation(id="before_after_learning", detail=LARGE if o.effect_band == LARGE else None,
                              values={"n": o.n, "dz": o.dz}))
    change = m.behavior.change if m.behavior.available else None
    if change is not None and change.n:
        out.append(Limitation(id="before_after_behavior", detail=LARGE if change.effect_band == LARGE else None,
                              values={"n": change.n, "dz": change.dz}))
    return out


def _supervisor(m: Metrics) -> list[Limitation]:
    if not m.behavior.available or m.behavior.rater != "supervisor":
        return []
    n = m.behavior.change.n if m.behavior.change else (m.behavior.applying.n if m.behavior.applying else None)
    return [Limitation(id="supervisor_not_blind", values={"n": n})]


def _agreement(m: Metrics) -> list[Limitation]:
    if not m.behavior.available:
        return []
    rows = [a for a in m.behavior.agreement or [] if a.estimate is not None]
    if not rows:
        return [Limitation(id="rater_agreement", detail="not_measured")]
    low, high = min(rows, key=lambda a: a.estimate), max(rows, key=lambda a: a.estimate)
    return [Limitation(id="rater_agreement", detail="measured",
                       values={"low": low.estimate, "high": high.estimate, "n": min(a.n or 0 for a in rows)})]


def _observed(m: Metrics) -> list[Limitation]:
    if not m.behavior.available:
        return []
    b = m.behavior
    observed = b.change.n if b.change and b.change.n else (b.applying.n if b.applying else None)
    alumni = m.study.n_completed or m.study.n_participants
    if not observed or not alumni or observed >= alumni:
        return []
    return [Limitation(id="observed_share", values={"observed": observed, "alumni": alumni,
                                                    "share": observed / alumni})]


def _clusters(m: Metrics) -> list[Limitation]:
    r = m.results if m.results.available else None
    if r is None or not any(row.inference == "wild_bootstrap" for row in r.did) and r.inference != "wild_bootstrap":
        return []
    return [Limitation(id="few_clusters", values={"treated": r.n_treated_clusters, "control": r.n_control_clusters})]


def _benefits(m: Metrics) -> list[Limitation]:
    c = m.cost if m.cost.available else None
    if c is None or c.bcr is None:
        return []
    return [Limitation(id="benefit_estimates", values={"bcr": c.bcr})]


def _synthetic(m: Metrics) -> list[Limitation]:
    return [Limitation(id="synthetic_data")] if m.study.synthetic else []


RULES: tuple[Callable[[Metrics], list[Limitation]], ...] = (
    _before_after, _supervisor, _agreement, _observed, _clusters, _benefits, _synthetic,
)


def limitations(m: Metrics) -> list[Limitation]:
    """Every limitation the stored results show, in report order.

    Parameters
    ----------
    m : Metrics
        The results (the findings are not read).

    Returns
    -------
    list of Limitation
        Each with its ``id``, the ``detail`` the data decided and the ``values`` it rests on.

    Examples
    --------
    >>> from kemuning_eval.report.results.metrics import empty_metrics
    >>> limitations(Metrics.model_validate(empty_metrics(2026)))
    []
    """
    return [x for rule in RULES for x in rule(m)]
