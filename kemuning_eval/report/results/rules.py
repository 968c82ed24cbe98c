"""Challenges and recommendations derived from the evidence by explicit rules.

Each rule reads the results model, and when its condition holds it returns a
*challenge* that cites the evidence (metric path + value) that triggered it.
Recommendations follow from the challenges: a recommendation appears only
when at least one of the challenges it answers was triggered, and it cites
their evidence.  Thresholds come from ``studi.yaml`` ``report.rules`` and
default to :data:`DEFAULT_THRESHOLDS`:

================================  =======  ==================================================
threshold                         default  meaning
================================  =======  ==================================================
``low_dimension_mean``            3.41     a reaction dimension whose mean (1-5) is below the
                                           "Baik" band (3.41-4.20 of the 0.8-wide class bands)
``outdated_material_share``       0.20     share of interview excerpts coded ``materi_usang``
``outdated_material_theme``       materi_usang  theme code of "outdated material"
``theme_share_min``               0.20     share of excerpts/suggestions raising a theme that backs a
                                           challenge in its triangulation (``triangulation.py``)
``demand_ratio``                  1.20     applicants per seat at or above which demand is unmet
``applying_share_min``            0.60     share of alumni applying the skill (supervisor)
``behavior_effect_min``           0.20     d_z of the behaviour change (Cohen's "small")
``ikm_nrr_min``                   3.0644   IKM element NRR below the C/B boundary (76.61 / 25)
``gain_min``                      0.30     normalised gain of the class averages (Hake "low")
``roi_min``                       0.0      ROI % below which the programme does not pay back
``alpha``                         0.05     significance level for the DiD and learning tests
================================  =======  ==================================================

Examples
--------
>>> from kemuning_eval.report.results.metrics import empty_metrics
>>> from kemuning_eval.report.results.model import Qualitative, Theme
>>> themes = [Theme(theme="materi_usang", label="Materi usang", n=4, share=0.4)]
>>> m = Metrics.model_validate(empty_metrics(2026)).model_copy(
...     update={"qualitative": Qualitative(available=True, n_excerpts=10, themes=themes, quotes=[])})
>>> [c.id for c in derive_challenges(m)]
['outdated_material']
>>> [r.id for r in derive_recommendations(derive_challenges(m))]
['flexible_curriculum']
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pydantic import BaseModel

from kemuning_eval.config import REPORT_RULE_DEFAULTS
from kemuning_eval.report.results.model import Challenge, Evidence, Metrics, Recommendation
from kemuning_eval.report.results.program_rules import per_program

#: the rule thresholds' defaults live in the configuration module, once
DEFAULT_THRESHOLDS: Mapping[str, Any] = REPORT_RULE_DEFAULTS

#: recommendation id -> (audience, the challenge ids it answers), in report order.
RECOMMENDATIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "flexible_curriculum": ("organiser", ("outdated_material", "low_dimension_materi")),
    "partnerships": ("organiser", ("unmet_demand",)),
    "improve_dimension": ("organiser", ("low_dimension",)),
    "ikm_followup": ("organiser", ("low_ikm_element",)),
    "teaching_methods": ("facilitators", ("low_gain",)),
    "transfer_support": ("agencies", ("weak_transfer",)),
    "cost_review": ("organiser", ("low_roi",)),
    "regular_evaluation": ("organiser", ("did_not_significant", "low_response", "weak_transfer")),
}


def thresholds(config: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Return the rule thresholds: defaults overridden by ``report.rules`` of studi.yaml.

    ``config`` is ``report.rules`` as :func:`kemuning_eval.config.load_study`
    validated it (names, types and ranges are checked there, once).

    Examples
    --------
    >>> thresholds({"demand_ratio": 1.5})["demand_ratio"]
    1.5
    """
    return {**DEFAULT_THRESHOLDS, **dict(config or {})}


def get_path(m: Any, path: str) -> Any:
    """Return the value at a dotted metric path (list positions as numbers), in the model or its JSON.

    Raises
    ------
    KeyError, IndexError
        When the path does not exist (a level that was not measured has no numbers).

    Examples
    --------
    >>> get_path({"a": {"b": [{"c": 3}]}}, "a.b.0.c")
    3
    >>> from kemuning_eval.report.results.model import Theme
    >>> get_path({"themes": [Theme(theme="t", label="T", n=4, share=0.4)]}, "themes.0.share")
    0.4
    """
    node: Any = m
    for part in path.split("."):
        if isinstance(node, list):
            node = node[int(part)]
        elif isinstance(node, Mapping):
            node = node[part]
        elif isinstance(node, BaseModel) and part in type(node).model_fields:
            node = getattr(node, part)
        else:
            raise KeyError(part)
    return node


def _ok(m: Metrics, section: str) -> Any:
    """The level ``section`` when it was measured, else ``None``."""
    entry = getattr(m, section)
    return entry if entry.available else None


def _ev(name: str, path: str, value: Any, fmt: str) -> Evidence:
    return Evidence(name=name, path=path, value=value, fmt=fmt)


def _challenge(cid: str, evidence: list[Evidence], also: str | None = None, **text: str) -> Challenge:
    return Challenge(id=cid, evidence=evidence, text=dict(text), also=also)


def _low_dimension(m: Metrics, th: Mapping[str, Any]) -> list[Challenge]:
    reaction = _ok(m, "reaction")
    valid = [(i, d) for i, d in enumerate(reaction.dimensions if reaction else []) if d.mean is not None]
    if not valid:
        return []
    i, low = min(valid, key=lambda x: (x[1].mean, x[1].dimension))
    if low.mean >= th["low_dimension_mean"]:
        return []
    ev = [_ev("mean", f"reaction.dimensions.{i}.mean", low.mean, "num2")]
    also = "low_dimension_materi" if low.dimension == "materi" else None
    return [_challenge("low_dimension", ev, also, dimension=low.label or low.dimension)]


def _outdated(m: Metrics, th: Mapping[str, Any]) -> list[Challenge]:
    qual = _ok(m, "qualitative")
    for i, theme in enumerate(qual.themes if qual else []):
        if theme.theme == th["outdated_material_theme"] and theme.share is not None:
            if theme.share >= th["outdated_material_share"]:
                return [_challenge("outdated_material", [
                    _ev("share", f"qualitative.themes.{i}.share", theme.share, "pct1"),
                    _ev("n", f"qualitative.themes.{i}.n", theme.n, "int"),
                    _ev("total", "qualitative.n_excerpts", qual.n_excerpts, "int"),
                ])]
    return []


def _unmet_demand(m: Metrics, th: Mapping[str, Any]) -> list[Challenge]:
    study = m.study
    if study.demand_ratio is None or study.demand_ratio < th["demand_ratio"]:
        return []
    return [_challenge("unmet_demand", [
        _ev("applicants", "study.applicants_total", study.applicants_total, "int"),
        _ev("capacity", "study.capacity_total", study.capacity_total, "int"),
        _ev("ratio", "study.demand_ratio", study.demand_ratio, "num2"),
    ])]


def _weak_transfer(m: Metrics, th: Mapping[str, Any]) -> list[Challenge]:
    beh = _ok(m, "behavior")
    if beh is None:
        return []
    ev = []
    applying = beh.applying.share if beh.applying else None
    if applying is not None and applying < th["applying_share_min"]:
        ev.append(_ev("share", "behavior.applying.share", applying, "pct1"))
    dz = beh.change.dz if beh.change else None
    if dz is not None and (dz < th["behavior_effect_min"] or not beh.change.significant):
        ev.append(_ev("dz", "behavior.change.dz", dz, "num2"))
    return [_challenge("weak_transfer", ev)] if ev else []


def _low_ikm(m: Metrics, th: Mapping[str, Any]) -> list[Challenge]:
    reaction = _ok(m, "reaction")
    ikm = reaction.ikm if reaction else None
    elements = [(i, e) for i, e in enumerate(ikm.elements if ikm else []) if e.nrr is not None]
    if not elements:
        return []
    i, low = min(elements, key=lambda x: (x[1].nrr, x[1].element))
    if low.nrr >= th["ikm_nrr_min"]:
        return []
    return [_challenge("low_ikm_element", [_ev("nrr", f"reaction.ikm.elements.{i}.nrr", low.nrr, "num2")],
                       element=low.label or low.element)]


def _did(m: Metrics, th: Mapping[str, Any]) -> list[Challenge]:
    results = _ok(m, "results")
    out = []
    for i, row in enumerate(results.did if results else []):
        if row.estimate is not None and not row.significant:
            out.append(_challenge("did_not_significant", [
                _ev("estimate", f"results.did.{i}.estimate", row.estimate, "num3"),
                _ev("p", f"results.did.{i}.p_val", row.p_val, "p"),
            ], outcome=row.label or row.outcome))
    return out


def _low_response(m: Metrics, th: Mapping[str, Any]) -> list[Challenge]:
    sample = m.study.sample
    if sample is None or sample.required is None or sample.achieved is None or sample.achieved >= sample.required:
        return []
    return [_challenge("low_response", [
        _ev("achieved", "study.sample.achieved", sample.achieved, "int"),
        _ev("required", "study.sample.required", sample.required, "int"),
    ])]


def _low_gain(m: Metrics, th: Mapping[str, Any]) -> list[Challenge]:
    learning = _ok(m, "learning")
    gain = learning.overall.gain_class if learning else None
    if gain is None or gain >= th["gain_min"]:
        return []
    return [_challenge("low_gain", [_ev("gain", "learning.overall.gain_class", gain, "num2")])]


def _low_roi(m: Metrics, th: Mapping[str, Any]) -> list[Challenge]:
    cost = _ok(m, "cost")
    roi = cost.roi_pct if cost else None
    if roi is None or roi >= th["roi_min"]:
        return []
    return [_challenge("low_roi", [_ev("roi", "cost.roi_pct", roi, "num1")])]


RULES: tuple[Callable[[Metrics, Mapping[str, Any]], list[Challenge]], ...] = (
    _low_dimension, _outdated, _unmet_demand, _weak_transfer, _low_ikm, _low_gain,
    _did, _low_roi, _low_response,
)


def derive_challenges(m: Metrics, config: Mapping[str, Any] | None = None) -> list[Challenge]:
    """Apply every rule to the metrics ``m``; return the triggered challenges in report order.

    Each challenge: ``id``, ``evidence`` (``name``, ``path``, ``value``,
    ``fmt`` each), ``text`` (names from the data for the sentence, e.g. the dimension),
    ``programs`` (the programmes the rule fired for, from the programme decision table,
    :mod:`~kemuning_eval.report.results.program_rules`) and ``overall`` (False: programmes only).

    Parameters
    ----------
    m : Metrics
        The results (levels that were not measured are skipped by the rules that need them).
    config : mapping, optional
        ``report.rules`` of studi.yaml as loaded (validated by :mod:`kemuning_eval.config`).

    Returns
    -------
    list of Challenge
        The triggered challenges (empty when no rule fires).

    Examples
    --------
    >>> from kemuning_eval.report.results.metrics import empty_metrics
    >>> doc = empty_metrics(2026)
    >>> doc["study"].update(demand_ratio=1.5, applicants_total=150, capacity_total=100)
    >>> m = Metrics.model_validate(doc)
    >>> [(c.id, [e.value for e in c.evidence]) for c in derive_challenges(m)]
    [('unmet_demand', [150, 100, 1.5])]
    >>> derive_challenges(m, {"demand_ratio": 2.0})
    []
    """
    th = thresholds(config)
    out: list[Challenge] = []
    for rule in RULES:
        out.extend(rule(m, th))
    return per_program(m, out)  # each rule per programme too, naming the programmes (program_rules)


def derive_recommendations(challenges: list[Challenge]) -> list[Recommendation]:
    """Return the recommendations that answer the triggered ``challenges``.

    Each: ``id``, ``audience`` (organiser / facilitators / agencies),
    ``because`` (challenge ids), ``evidence`` (theirs, concatenated), ``text``
    (the names of the first challenge, e.g. the weakest dimension).

    Parameters
    ----------
    challenges : list of Challenge
        The output of :func:`derive_challenges`.

    Returns
    -------
    list of Recommendation
        The recommendations, in the order of :data:`RECOMMENDATIONS`.

    Examples
    --------
    >>> ev = [Evidence(name="achieved", path="study.sample.achieved", value=80, fmt="int")]
    >>> ch = [Challenge(id="low_response", evidence=ev, text={}), Challenge(id="weak_transfer", evidence=ev, text={})]
    >>> [(r.id, r.audience, r.because) for r in derive_recommendations(ch)]
    [('transfer_support', 'agencies', ['weak_transfer']), ('regular_evaluation', 'organiser', ['low_response', 'weak_transfer'])]
    >>> derive_recommendations([])
    []
    """
    triggered: dict[str, list[Challenge]] = {}
    for ch in challenges:
        for cid in {ch.id, ch.also or ch.id}:
            triggered.setdefault(cid, []).append(ch)
    out = []
    for rid, (audience, answers) in RECOMMENDATIONS.items():
        hits = [ch for cid in answers for ch in triggered.get(cid, [])]
        if not hits:
            continue
        unique = list({id(ch): ch for ch in hits}.values())
        out.append(Recommendation(id=rid, audience=audience, because=sorted({ch.id for ch in unique}),
                                  evidence=[ev for ch in unique for ev in ch.evidence], text=dict(unique[0].text)))
    return out
