"""Challenges and recommendations derived from the evidence by explicit rules.

Each rule reads the metrics dict, and when its condition holds it returns a
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
>>> m = {"qualitative": {"available": True, "n_excerpts": 10,
...      "themes": [{"theme": "materi_usang", "label": "Materi usang", "n": 4, "share": 0.4}]}}
>>> [c["id"] for c in derive_challenges(m)]
['outdated_material']
>>> [r["id"] for r in derive_recommendations(derive_challenges(m))]
['flexible_curriculum']
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from kemuning_eval.config import REPORT_RULE_DEFAULTS

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


def get_path(m: Mapping[str, Any], path: str) -> Any:
    """Return the value at a dotted metric path (list positions as numbers).

    Examples
    --------
    >>> get_path({"a": {"b": [{"c": 3}]}}, "a.b.0.c")
    3
    """
    node: Any = m
    for part in path.split("."):
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def _ok(m: Mapping[str, Any], section: str) -> dict:
    entry = m.get(section) or {}
    return entry if entry.get("available") else {}


def _ev(name: str, path: str, value: Any, fmt: str) -> dict[str, Any]:
    return {"name": name, "path": path, "value": value, "fmt": fmt}


def _challenge(cid: str, evidence: list[dict], **text: str) -> dict[str, Any]:
    return {"id": cid, "evidence": evidence, "text": dict(text)}


def _low_dimension(m, th):
    dims = _ok(m, "reaction").get("dimensions") or []
    valid = [(i, d) for i, d in enumerate(dims) if d.get("mean") is not None]
    if not valid:
        return []
    i, low = min(valid, key=lambda x: (x[1]["mean"], x[1]["dimension"]))
    if low["mean"] >= th["low_dimension_mean"]:
        return []
    ev = [_ev("mean", f"reaction.dimensions.{i}.mean", low["mean"], "num2")]
    cid = "low_dimension_materi" if low["dimension"] == "materi" else "low_dimension"
    out = [_challenge("low_dimension", ev, dimension=low.get("label") or low["dimension"])]
    if cid != "low_dimension":
        out[0]["also"] = cid
    return out


def _outdated(m, th):
    qual = _ok(m, "qualitative")
    for i, theme in enumerate(qual.get("themes") or []):
        if theme["theme"] == th["outdated_material_theme"] and theme.get("share") is not None:
            if theme["share"] >= th["outdated_material_share"]:
                return [_challenge("outdated_material", [
                    _ev("share", f"qualitative.themes.{i}.share", theme["share"], "pct1"),
                    _ev("n", f"qualitative.themes.{i}.n", theme["n"], "int"),
                    _ev("total", "qualitative.n_excerpts", qual.get("n_excerpts"), "int"),
                ])]
    return []


def _unmet_demand(m, th):
    study = m.get("study") or {}
    ratio = study.get("demand_ratio")
    if ratio is None or ratio < th["demand_ratio"]:
        return []
    return [_challenge("unmet_demand", [
        _ev("applicants", "study.applicants_total", study.get("applicants_total"), "int"),
        _ev("capacity", "study.capacity_total", study.get("capacity_total"), "int"),
        _ev("ratio", "study.demand_ratio", ratio, "num2"),
    ])]


def _weak_transfer(m, th):
    beh = _ok(m, "behavior")
    ev = []
    applying = (beh.get("applying") or {}).get("share")
    if applying is not None and applying < th["applying_share_min"]:
        ev.append(_ev("share", "behavior.applying.share", applying, "pct1"))
    change = beh.get("change") or {}
    dz = change.get("dz")
    if dz is not None and (dz < th["behavior_effect_min"] or not change.get("significant")):
        ev.append(_ev("dz", "behavior.change.dz", dz, "num2"))
    return [_challenge("weak_transfer", ev)] if ev else []


def _low_ikm(m, th):
    ikm = _ok(m, "reaction").get("ikm") or {}
    elements = [(i, e) for i, e in enumerate(ikm.get("elements") or []) if e.get("nrr") is not None]
    if not elements:
        return []
    i, low = min(elements, key=lambda x: (x[1]["nrr"], x[1]["element"]))
    if low["nrr"] >= th["ikm_nrr_min"]:
        return []
    return [_challenge("low_ikm_element", [_ev("nrr", f"reaction.ikm.elements.{i}.nrr", low["nrr"], "num2")],
                       element=low.get("label") or low["element"])]


def _did(m, th):
    out = []
    for i, row in enumerate(_ok(m, "results").get("did") or []):
        if row.get("estimate") is None:
            continue
        if not row.get("significant"):
            out.append(_challenge("did_not_significant", [
                _ev("estimate", f"results.did.{i}.estimate", row["estimate"], "num3"),
                _ev("p", f"results.did.{i}.p_val", row.get("p_val"), "p"),
            ], outcome=row.get("label") or row["outcome"]))
    return out


def _low_response(m, th):
    sample = (m.get("study") or {}).get("sample") or {}
    required, achieved = sample.get("required"), sample.get("achieved")
    if required is None or achieved is None or achieved >= required:
        return []
    return [_challenge("low_response", [
        _ev("achieved", "study.sample.achieved", achieved, "int"),
        _ev("required", "study.sample.required", required, "int"),
    ])]


def _low_gain(m, th):
    overall = _ok(m, "learning").get("overall") or {}
    gain = overall.get("gain_class")
    if gain is None or gain >= th["gain_min"]:
        return []
    return [_challenge("low_gain", [_ev("gain", "learning.overall.gain_class", gain, "num2")])]


def _low_roi(m, th):
    roi = _ok(m, "cost").get("roi_pct")
    if roi is None or roi >= th["roi_min"]:
        return []
    return [_challenge("low_roi", [_ev("roi", "cost.roi_pct", roi, "num1")])]


RULES: tuple[Callable[[Mapping[str, Any], dict], list[dict]], ...] = (
    _low_dimension, _outdated, _unmet_demand, _weak_transfer, _low_ikm, _low_gain,
    _did, _low_roi, _low_response,
)


def derive_challenges(m: Mapping[str, Any], config: Mapping[str, Any] | None = None) -> list[dict]:
    """Apply every rule to the metrics ``m``; return the triggered challenges in report order.

    Each challenge: ``id``, ``evidence`` (list of ``name``, ``path``, ``value``,
    ``fmt``), ``text`` (names from the data for the sentence, e.g. the dimension).

    Parameters
    ----------
    m : mapping
        The metrics dict (sections without ``"available": True`` are skipped
        by the rules that need them).
    config : mapping, optional
        ``report.rules`` of studi.yaml as loaded (validated by :mod:`kemuning_eval.config`).

    Returns
    -------
    list of dict
        The triggered challenges (empty when no rule fires).

    Examples
    --------
    >>> m = {"study": {"demand_ratio": 1.5, "applicants_total": 150, "capacity_total": 100}}
    >>> [(c["id"], [e["value"] for e in c["evidence"]]) for c in derive_challenges(m)]
    [('unmet_demand', [150, 100, 1.5])]
    >>> derive_challenges(m, {"demand_ratio": 2.0})
    []
    """
    th = thresholds(config)
    out: list[dict] = []
    for rule in RULES:
        out.extend(rule(m, th))
    return out


def derive_recommendations(challenges: list[dict]) -> list[dict]:
    """Return the recommendations that answer the triggered ``challenges``.

    Each: ``id``, ``audience`` (organiser / facilitators / agencies),
    ``because`` (challenge ids), ``evidence`` (theirs, concatenated), ``text``
    (the names of the first challenge, e.g. the weakest dimension).

    Parameters
    ----------
    challenges : list of dict
        The output of :func:`derive_challenges`.

    Returns
    -------
    list of dict
        The recommendations, in the order of :data:`RECOMMENDATIONS`.

    Examples
    --------
    >>> ch = [{"id": "low_response", "evidence": [{"name": "achieved"}], "text": {}},
    ...       {"id": "weak_transfer", "evidence": [{"name": "share"}], "text": {}}]
    >>> [(r["id"], r["audience"], r["because"]) for r in derive_recommendations(ch)]
    [('transfer_support', 'agencies', ['weak_transfer']), ('regular_evaluation', 'organiser', ['low_response', 'weak_transfer'])]
    >>> derive_recommendations([])
    []
    """
    triggered: dict[str, list[dict]] = {}
    for ch in challenges:
        for cid in {ch["id"], ch.get("also", ch["id"])}:
            triggered.setdefault(cid, []).append(ch)
    out = []
    for rid, (audience, answers) in RECOMMENDATIONS.items():
        hits = [ch for cid in answers for ch in triggered.get(cid, [])]
        if not hits:
            continue
        unique = list({id(ch): ch for ch in hits}.values())
        out.append({
            "id": rid,
            "audience": audience,
            "because": sorted({ch["id"] for ch in unique}),
            "evidence": [ev for ch in unique for ev in ch["evidence"]],
            "text": dict(unique[0]["text"]),
        })
    return out
