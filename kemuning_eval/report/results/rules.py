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
                                           "Baik" band (3.41-4.20 of the 0.8-wide class bands);
                                           also a facilitator's weakest aspect
``outdated_material_share``       0.20     share of interview excerpts coded ``materi_usang``
``outdated_material_theme``       materi_usang  theme code of "outdated material"
``demand_ratio``                  1.20     applicants per seat at or above which demand exceeds the
                                           seats (the budget rule also needs full seats or funding
                                           named in the interviews, see below)
``theme_share_min``               0.20     share of excerpts/suggestions raising a theme that backs a
                                           challenge in its triangulation (``triangulation.py``)
``applying_share_min``            0.60     share of alumni applying the skill (supervisor)
``behavior_effect_min``           0.20     d_z of the behaviour change (Cohen's "small")
``ikm_nrr_min``                   3.0644   IKM element NRR below the C/B boundary (76.61 / 25);
                                           every element below it is named
``ikm_priority_high_converted``   70.80    converted value below which a weak element's
                                           follow-up has high priority (midpoint of grade C)
``gain_min``                      0.30     normalised gain of the class averages (Hake "low")
``roi_min``                       0.0      ROI % below which a programme (each named) or the
                                           pooled ROI does not pay back
``alpha``                         0.05     significance level for the DiD and learning tests
``roi_sensitivity_share``         0.20     attribution and confidence moved by +/- this share of
                                           themselves for the ROI sensitivity band
``breakeven_halfwidth``           0.05     a BCR within this of 1 is "impas" (break-even)
``seats_full_tolerance``          0.02     seats are full when participants >= capacity x (1 - it)
``budget_limit_theme``            anggaran_terbatas  interview theme naming funding as the limit
``budget_limit_theme_share``      0.20     ... in at least this share of the excerpts
``budget_limit_theme_min_count``  5        ... and in at least this many excerpts
================================  =======  ==================================================

The budget challenge (``unmet_demand``, "Anggaran membatasi jumlah peserta")
fires per programme and in total only when demand exceeds the seats **and**
the seats are full or the interviews name funding as the limit; the low-ROI
challenge names every programme below ``roi_min``.  At Level 4 the rules read
``results.effects`` (Holm across outcomes, each read in its direction): a pooled
effect not shown is ``did_not_significant`` and names the programmes where the
outcome did improve; an effect that worsened, pooled or of one programme, is
``outcome_worsened``.  Both read the decisions
the results layer stored (:mod:`~kemuning_eval.report.results.economics`).

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
    "facilitator_development": ("facilitators", ("low_facilitator_aspect",)),
    "transfer_support": ("agencies", ("weak_transfer",)),
    "cost_review": ("organiser", ("low_roi",)),
    "regular_evaluation": ("organiser", ("did_not_significant", "outcome_worsened", "low_response", "weak_transfer")),
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


def _ev(name: str, path: str, value: Any, fmt: str, program: str | None = None) -> Evidence:
    return Evidence(name=name, path=path, value=value, fmt=fmt, program=program)


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
    """The budget caps attendance, per programme and in total: the decision stored by the results layer.

    ``study.demand`` rows carry ``budget_limited`` (:mod:`~kemuning_eval.report.results.economics`): demand
    above the seats **and** seats full or funding named in the interviews; demand alone never fires it.
    """
    demand = m.study.demand
    if demand is None:
        return []
    ev: list[Evidence] = []
    for i, row in enumerate(demand.by_program):
        if row.budget_limited:
            who = row.name or row.program_id
            ev += _budget_evidence(row, [
                _ev("ratio", f"study.demand.by_program.{i}.applicants_per_seat", row.applicants_per_seat, "num2", who),
                _ev("fill", f"study.demand.by_program.{i}.seat_fill", row.seat_fill, "pct1", who),
                _ev("theme", f"study.demand.by_program.{i}.funding_theme_share", row.funding_theme_share, "pct1", who)])
    total = demand.total
    if total is not None and total.budget_limited:
        ev += _budget_evidence(total, [
            _ev("ratio", "study.demand.total.applicants_per_seat", total.applicants_per_seat, "num2"),
            _ev("fill", "study.demand.total.seat_fill", total.seat_fill, "pct1"),
            _ev("theme", "study.demand.total.funding_theme_share", total.funding_theme_share, "pct1")])
    limited = [row for row in demand.by_program if row.budget_limited]
    names = [row.name or row.program_id for row in limited]
    if not ev:
        return []
    return [_challenge("unmet_demand", ev, programs=", ".join(names)).model_copy(update={
        "programs": [row.program_id for row in limited], "overall": bool(total is not None and total.budget_limited)})]


def _budget_evidence(row: Any, ev: list[Evidence]) -> list[Evidence]:
    """Applicants per seat, plus the seat fill when the seats are full and the theme share when funding is named."""
    ratio, fill, theme = ev
    return [ratio] + ([fill] if row.seats_full else []) + ([theme] if row.funding_named else [])


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
    """One challenge per IKM element below grade B (``stats.bands.ikm_element_weak``), lowest NRR first."""
    from kemuning_eval.stats.bands import ikm_converted, ikm_element_weak, ikm_grade

    reaction = _ok(m, "reaction")
    report = reaction.ikm_report if reaction else None
    if report is not None:  # decided once in results.ikm_report
        where = {e.element: i for i, e in enumerate(report.elements)}
        weak = [(f"reaction.ikm_report.elements.{where[c]}.nrr", report.elements[where[c]]) for c in report.below_b]
    else:
        ikm = reaction.ikm if reaction else None
        rows = [(f"reaction.ikm.elements.{i}.nrr", e) for i, e in enumerate(ikm.elements if ikm else [])]
        weak = sorted(((p, e) for p, e in rows if ikm_element_weak(e.nrr, th["ikm_nrr_min"])),
                      key=lambda x: (x[1].nrr, x[1].element))
    codes = ",".join(e.element for _, e in weak)
    return [_challenge("low_ikm_element", [_ev("nrr", path, e.nrr, "num2")], element=e.element, elements=codes,
                       grade=str(getattr(e, "grade", None) or ikm_grade(ikm_converted(e.nrr))[0]))
            for path, e in weak]


def _low_facilitator(m: Metrics, th: Mapping[str, Any]) -> list[Challenge]:
    """One challenge per facilitator whose weakest aspect's mean is below ``low_dimension_mean``."""
    reaction = _ok(m, "reaction")
    report = reaction.facilitator_report if reaction else None
    weak = [(i, row) for i, row in enumerate(report.rows if report else [])
            if row.weakest_mean is not None and row.weakest_mean < th["low_dimension_mean"]]
    codes = ",".join(row.code for _, row in weak)
    return [_challenge("low_facilitator_aspect",
                       [_ev("mean", f"reaction.facilitator_report.rows.{i}.weakest_mean", row.weakest_mean, "num2")],
                       facilitator=row.code, facilitators=codes, aspect=row.weakest_label or row.weakest or "")
            for i, row in weak]


def _did(m: Metrics, th: Mapping[str, Any]) -> list[Challenge]:
    """A unit outcome whose pooled effect is not shown, naming the programmes where it did improve.

    With ``results.effects`` (Holm across outcomes, read in each outcome's direction) the pooled
    verdict decides; without them, the pooled DiD's own significance.
    """
    results = _ok(m, "results")
    if results is None:
        return []
    if results.effects:
        return _did_effects(results.effects)
    out = []
    for i, row in enumerate(results.did):
        if row.estimate is not None and not row.significant:
            out.append(_challenge("did_not_significant", [
                _ev("estimate", f"results.did.{i}.estimate", row.estimate, "num3"),
                _ev("p", f"results.did.{i}.p_val", row.p_val, "p"),
            ], outcome=row.label or row.outcome))
    return out


def _did_effects(effects: list[Any]) -> list[Challenge]:
    """Per pooled outcome not shown: ``did_not_significant`` (naming programmes where it improved); per
    effect that worsened (pooled or one programme's, after Holm): ``outcome_worsened``."""
    out = []
    for i, e in enumerate(effects):
        if e.estimate is None:
            continue
        evidence = [_ev("estimate", f"results.effects.{i}.estimate", e.estimate, "num3"),
                    _ev("p", f"results.effects.{i}.p_holm", e.p_holm, "p")]
        if e.verdict == "worsened":
            scope = {"variant": "program", "program": e.name or e.program_id} if e.program_id else {}
            out.append(_challenge("outcome_worsened", evidence, outcome=e.label or e.outcome, **scope))
        elif e.program_id is None and e.verdict == "not_shown":
            improved = [x.name or x.program_id for x in effects
                        if x.program_id is not None and x.outcome == e.outcome and x.verdict == "improved"]
            more = {"variant": "improved_in", "improved_in": ", ".join(improved)} if improved else {}
            out.append(_challenge("did_not_significant", evidence, outcome=e.label or e.outcome, **more))
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
    """ROI below ``roi_min`` per programme (each named) and pooled, from the stored ``low_roi`` decisions."""
    cost = _ok(m, "cost")
    if cost is None:
        return []
    if cost.roi is None:  # no per-programme results: the pooled ROI alone
        if cost.roi_pct is None or cost.roi_pct >= th["roi_min"]:
            return []
        return [_challenge("low_roi", [_ev("roi", "cost.roi_pct", cost.roi_pct, "num1")])]
    low = [(i, row) for i, row in enumerate(cost.roi.by_program) if row.low_roi]
    ev = [_ev("roi", f"cost.roi.by_program.{i}.roi_pct", row.roi_pct, "num1", row.name or row.program_id)
          for i, row in low]
    if cost.roi.pooled is not None and cost.roi.pooled.low_roi:
        ev.append(_ev("roi", "cost.roi.pooled.roi_pct", cost.roi.pooled.roi_pct, "num1"))
    names = ", ".join(row.name or row.program_id or "" for _, row in low)
    if not ev:
        return []
    pooled = bool(cost.roi.pooled is not None and cost.roi.pooled.low_roi)
    return [_challenge("low_roi", ev, programs=names).model_copy(update={
        "programs": [row.program_id for _, row in low if row.program_id], "overall": pooled})]


RULES: tuple[Callable[[Metrics, Mapping[str, Any]], list[Challenge]], ...] = (
    _low_dimension, _outdated, _unmet_demand, _weak_transfer, _low_ikm, _low_facilitator, _low_gain,
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
    >>> from kemuning_eval.report.results.model import Qualitative, Theme
    >>> themes = [Theme(theme="materi_usang", label="Materi usang", n=4, share=0.4)]
    >>> m = Metrics.model_validate(empty_metrics(2026)).model_copy(
    ...     update={"qualitative": Qualitative(available=True, n_excerpts=10, themes=themes, quotes=[])})
    >>> [(c.id, [e.value for e in c.evidence]) for c in derive_challenges(m)]
    [('outdated_material', [0.4, 4, 10])]
    >>> derive_challenges(m, {"outdated_material_share": 0.5})
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
