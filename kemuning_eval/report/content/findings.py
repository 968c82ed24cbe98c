"""The sentences of the challenges and recommendations the rules fired, with their evidence.

The rules (:mod:`kemuning_eval.report.results.rules`) decide which challenge
or recommendation applies and store its evidence (a value and its format);
this module only words them: the catalogue sentence with the evidence values
formatted, and the basis named in words (``report.basis.<path>``).

Examples
--------
>>> from kemuning_eval.report.results.model import Challenge
>>> ch = Challenge(id="low_roi", text={}, evidence=[{"name": "roi", "path": "cost.roi_pct", "value": -12.5,
...                                                   "fmt": "num1"}])
>>> evidence_text(ch, "en")
'Basis: overall ROI (%) = -12.5.'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from kemuning_eval.i18n import t
from kemuning_eval.numfmt import fmt_p_expr
from kemuning_eval.report.content import economics
from kemuning_eval.report.content.wording import FORMATS, fmt_value, join_list
from kemuning_eval.report.results.model import Challenge, Evidence, Recommendation

#: how a value reads inside a sentence where that differs from :data:`FORMATS` (the ``path = value``
#: basis and the tables): a p-value becomes an expression, ``p = 0,330`` / ``p < 0,001``.
SENTENCE_FORMATS: dict[str, Callable[[Any, str], str]] = {
    "p": lambda v, lang: fmt_p_expr(v, lang),
}


#: challenges whose evidence is cited per programme: worded by the cost section's module
PER_PROGRAM: dict[str, Callable[[Challenge, str], str]] = {
    "low_roi": economics.low_roi_text,
    "unmet_demand": economics.demand_challenge_text,
}


def _evidence_values(items: list[Evidence], lang: str) -> dict[str, str]:
    return {ev.name: SENTENCE_FORMATS.get(ev.fmt, FORMATS[ev.fmt])(ev.value, lang) for ev in items}


def worded_fields(text: dict, lang: str) -> dict[str, str]:
    """The names a rule stored for the sentence, as the reader sees them.

    ``element`` (an IKM element code) becomes its label; ``elements`` (the
    comma-joined codes of every element the rule named) their labels separated
    by semicolons (the labels hold commas); ``facilitators`` a list in words.

    Examples
    --------
    >>> worded_fields({"element": "sarana", "elements": "waktu,sarana", "facilitators": "FAS-01,FAS-03"}, "en")
    {'element': 'Facilities and infrastructure', 'elements': 'Completion time; Facilities and infrastructure', 'facilitators': 'FAS-01 and FAS-03'}
    """
    from kemuning_eval.report.content.labels import label
    from kemuning_eval.stats.ikm import ELEMENTS

    out = dict(text)
    if out.get("element") in ELEMENTS:
        out["element"] = label("ikm_element", out["element"], lang)
    if out.get("elements"):
        out["elements"] = "; ".join(label("ikm_element", c, lang) if c in ELEMENTS else c
                                    for c in out["elements"].split(","))
    if out.get("facilitators"):
        out["facilitators"] = join_list(out["facilitators"].split(","), lang)
    return out


def challenge_text(ch: Challenge, lang: str) -> str:
    """The sentence of one challenge, its evidence values formatted.

    Parameters
    ----------
    ch : Challenge
        A challenge of :func:`kemuning_eval.report.results.rules.derive_challenges`.
    lang : {"id", "en"}
        Report language.

    Returns
    -------
    str

    Examples
    --------
    >>> ch = Challenge.model_validate({"id": "low_gain", "text": {}, "evidence": [
    ...     {"name": "gain", "path": "learning.overall.gain_class", "value": 0.214, "fmt": "num2"}]})
    >>> challenge_text(ch, "en")
    'Knowledge gains are low (normalised gain 0.21).'
    """
    if ch.id in PER_PROGRAM:  # evidence cited per programme, each named (economics)
        return PER_PROGRAM[ch.id](ch, lang)
    if ch.overall is False:  # the rule fired for programmes only: their names follow (content/program_table)
        return t(f"programs.challenge.{ch.id}", lang, **ch.text)
    evidence = [ev for ev in ch.evidence if not ev.program_id]  # the total's evidence
    values = _evidence_values(evidence, lang)
    if ch.id == "weak_transfer":
        parts = [t(f"report.evidence.{ev.name}", lang, value=values[ev.name]) for ev in evidence]
        return t("report.challenge.weak_transfer", lang, evidence="; ".join(parts))
    # a variant of the sentence the rule chose (e.g. a pooled effect not shown although programmes improved)
    variant = ch.text.get("variant")
    key = f"report.challenge.{ch.id}" + (f"_{variant}" if variant else "")
    return t(key, lang, **values, **worded_fields(ch.text, lang))


def evidence_text(item: Challenge | Recommendation, lang: str) -> str:
    """``Dasar: path = value; ...`` for a challenge or recommendation (values as formatted in the text).

    Parameters
    ----------
    item : Challenge or Recommendation
        A challenge or recommendation with ``evidence``.
    lang : {"id", "en"}
        Report language.

    Returns
    -------
    str

    Each value is named in words (catalogue ``report.basis.<path>``, the
    metric's path in ``metrics.json`` without list positions); the path itself
    stays in ``metrics.json`` for machine readers and is never shown.

    Examples
    --------
    >>> ch = Challenge(id="low_roi", text={}, evidence=[{"name": "roi", "path": "cost.roi_pct", "value": -12.5,
    ...                                                   "fmt": "num1"}])
    >>> evidence_text(ch, "id")
    'Dasar: ROI keseluruhan (%) = -12,5.'
    >>> ch = Challenge(id="no_impact", text={}, evidence=[{"name": "p", "path": "results.did.0.p_val", "value": 0.33,
    ...                                                     "fmt": "p"}])
    >>> evidence_text(ch, "en")
    'Basis: effect on the outcome, p = 0.330.'
    """
    basis = "; ".join(_basis_part(ev, lang) for ev in item.evidence)
    return t("report.recommendation.because", lang, evidence=basis)


def _basis_part(ev: Evidence, lang: str) -> str:
    label = t("report.basis." + re.sub(r"\.\d+(?=\.)", "", ev.path), lang)
    if ev.program:  # a value of one programme: named beside its label
        label = f"{label} {ev.program}"
    elif ev.program_id:  # a programme's value (program_rules): its code, as the decision table shows it
        label = f"{label} {ev.program_id}"
    if ev.fmt in SENTENCE_FORMATS:  # already an expression such as "p = 0,330"
        return f"{label}, {SENTENCE_FORMATS[ev.fmt](ev.value, lang)}"
    return f"{label} = {fmt_value(ev.value, ev.fmt, lang)}"


def recommendation_text(rec: Recommendation, lang: str) -> tuple[str, str, str]:
    """``(audience, recommendation, basis)`` of one recommendation.

    Parameters
    ----------
    rec : Recommendation
        A recommendation of :func:`kemuning_eval.report.results.rules.derive_recommendations`.
    lang : {"id", "en"}
        Report language.

    Returns
    -------
    tuple of str
        The audience, the recommendation sentence and its evidence
        (:func:`evidence_text`).

    Examples
    --------
    >>> rec = Recommendation(id="partnerships", audience="organiser", text={}, because=["unmet_demand"],
    ...                      evidence=[{"name": "ratio", "path": "study.demand_ratio", "value": 1.3, "fmt": "num2"}])
    >>> audience, body, basis = recommendation_text(rec, "en")
    >>> audience, basis
    ('Organiser', 'Basis: applicants per seat = 1.30.')
    """
    body = t(f"report.recommendation.{rec.id}", lang, **worded_fields(rec.text, lang))
    return t(f"report.audience.{rec.audience}", lang), body, evidence_text(rec, lang)
