"""Triangulated challenges: every source that bears on a challenge, whether they agree, and contradictions.

A challenge belongs to a *topic* (material, facilities, service, teaching,
transfer, demand, value, impact).  :data:`TOPICS` is the one mapping of
topic -> sources: the challenges it answers, the survey dimensions, the
IKM elements, the interview and suggestion themes (the theme codebook's codes),
the survey items whose wording carries a theme's keywords (coded with the
same codebook, :func:`~kemuning_eval.report.results.suggestions.items_on_theme`)
and the measured results of the levels.  For each topic every source found in
the metrics is cited with its value and a *signal* decided here, once, against
``report.rules``:

==================  ===================================================  =========================
source              concern when                                         ok when
==================  ===================================================  =========================
survey dimension    mean < ``low_dimension_mean``                        otherwise
survey item         mean < ``low_dimension_mean`` (higher = better)      otherwise
IKM element         NRR < ``ikm_nrr_min``                                otherwise
interview theme     a problem theme raised by >= ``theme_share_min``     never (silence is no proof)
                    of the excerpts (other themes: cited, no signal)
suggestion theme    the same, of the suggestions                         never
learning            Hake gain < ``gain_min``                             otherwise
behaviour           share applying < ``applying_share_min``              otherwise
outcome             DiD not significant                                  never (direction unknown)
cost                ROI % < ``roi_min``                                  otherwise
demand              applicants per seat >= ``demand_ratio``              otherwise
==================  ===================================================  =========================

``agreement``: ``agree_concern`` (every signalling source a concern),
``agree_ok``, ``contradiction`` (both, from sources of different kinds; each
such concern/ok pair is named, e.g. the facilities dimension "Baik" on the
Likert scale but the IKM element ``sarana`` below grade B), ``mixed`` (both,
but only within one kind: one outcome significant, another not),
``single_source`` or ``no_evidence``.  A source also names the programmes where it is low (from
the programme decision table).

Examples
--------
>>> sorted(TOPICS)[:3]
['demand', 'facilities', 'impact']
>>> TOPICS["facilities"].ikm_elements
('sarana',)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kemuning_eval.report.results import triangulation_sources as src
from kemuning_eval.report.results.model import (
    Challenge,
    Contradiction,
    Metrics,
    Source,
    Triangulated,
)


@dataclass(frozen=True)
class Topic:
    """The sources of one topic of the challenges.

    Examples
    --------
    >>> Topic(challenges=("low_gain",), measures=("learning",)).dimensions
    ()
    """

    challenges: tuple[str, ...]
    """Challenge ids of the topic (``low_dimension`` and ``low_ikm_element`` join by their dimension/element)."""
    dimensions: tuple[str, ...] = ()
    ikm_elements: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    """Theme codes cited from the interviews and suggestions without a signal (a theme such as facilitator
    quality holds praise and complaints alike)."""
    concern_themes: tuple[str, ...] = ()
    """Theme codes that name a problem (outdated material, limited budget): a concern when raised often enough;
    ``{outdated_material_theme}`` is the configured one."""
    item_themes: tuple[str, ...] = ()
    """Survey items whose wording carries these themes' keywords."""
    measures: tuple[str, ...] = ()
    """Level results: ``learning``, ``behavior``, ``outcome``, ``cost``, ``demand``."""


#: the configured outdated-material theme (``report.rules.outdated_material_theme``) inside :data:`TOPICS`
CONFIGURED_THEME = "{outdated_material_theme}"

#: topic -> its sources: the one mapping of challenges to the evidence that bears on them
TOPICS: dict[str, Topic] = {
    "material": Topic(challenges=("outdated_material",), dimensions=("materi",), concern_themes=(CONFIGURED_THEME,),
                      themes=("kurikulum_fleksibel",), item_themes=(CONFIGURED_THEME,)),
    "facilities": Topic(challenges=(), dimensions=("sarana",), ikm_elements=("sarana",), themes=("teknologi",),
                        item_themes=("teknologi",)),
    "service": Topic(challenges=(), dimensions=("penyelenggaraan",),
                     ikm_elements=("persyaratan", "prosedur", "waktu", "biaya", "produk", "kompetensi", "perilaku",
                                   "pengaduan")),
    "teaching": Topic(challenges=("low_gain",), themes=("kualitas_fasilitator",), measures=("learning",)),
    "transfer": Topic(challenges=("weak_transfer",), dimensions=("manfaat",),
                      themes=("dukungan_atasan", "tindak_lanjut"), measures=("behavior",)),
    "demand": Topic(challenges=("unmet_demand",), concern_themes=("anggaran_terbatas",), themes=("kemitraan",),
                    measures=("demand",)),
    "value": Topic(challenges=("low_roi",), measures=("cost",)),
    "impact": Topic(challenges=("did_not_significant", "outcome_worsened"), measures=("outcome",)),
}


def triangulate(m: Metrics, th: Mapping[str, Any], book: Any = None) -> list[Triangulated]:
    """Every topic of :data:`TOPICS` with a source in ``m``: its sources, agreement and contradictions.

    Parameters
    ----------
    m : Metrics
        The results with their challenges (``findings.challenges``) and programme table.
    th : mapping
        The rule thresholds (:func:`kemuning_eval.report.results.rules.thresholds`).
    book : pandas.DataFrame, optional
        The theme codebook (finds the survey items on a theme); without it no item is cited.

    Returns
    -------
    list of Triangulated
        In the order of :data:`TOPICS`; topics without any source are left out.

    Examples
    --------
    >>> from kemuning_eval.report.results.metrics import empty_metrics
    >>> from kemuning_eval.report.results.rules import thresholds
    >>> triangulate(Metrics.model_validate(empty_metrics(2026)), thresholds())
    []
    """
    fired = {name: _fired(m, topic) for name, topic in TOPICS.items()}
    out = []
    for name, topic in TOPICS.items():
        sources = _sources(m, topic, th, book)
        if sources:
            agreement, contradictions = agreement_of(sources)
            out.append(Triangulated(topic=name, challenges=fired[name], sources=sources, agreement=agreement,
                                    contradictions=contradictions))
    return out


def agreement_of(sources: list[Source]) -> tuple[str, list[Contradiction]]:
    """Whether the signalling sources agree, and every concern/ok pair of sources of different kinds.

    Examples
    --------
    >>> a = Source(kind="survey_dimension", ref="sarana", label=None, path="reaction.dimensions.2.mean",
    ...            value=3.8, fmt="num2", signal="ok")
    >>> b = Source(kind="ikm_element", ref="sarana", label=None, path="reaction.ikm.elements.0.nrr",
    ...            value=2.9, fmt="num2", signal="concern")
    >>> agreement_of([a, b])
    ('contradiction', [Contradiction(concern=1, ok=0)])
    >>> agreement_of([b])
    ('single_source', [])
    """
    concern = [i for i, s in enumerate(sources) if s.signal == "concern"]
    ok = [i for i, s in enumerate(sources) if s.signal == "ok"]
    pairs = [Contradiction(concern=i, ok=j) for i in concern for j in ok if sources[i].kind != sources[j].kind]
    if concern and ok:
        return ("contradiction", pairs) if pairs else ("mixed", [])
    if len(concern) + len(ok) == 0:
        return "no_evidence", []
    if len(concern) + len(ok) == 1:
        return "single_source", []
    return ("agree_concern" if concern else "agree_ok"), []


def _fired(m: Metrics, topic: Topic) -> list[str]:
    """The challenge ids fired on ``topic`` (low dimension / IKM element by their code)."""
    out = []
    for ch in m.findings.challenges:
        if ch.id in topic.challenges or (ch.id == "low_dimension" and _codes(m, ch, "reaction") & set(topic.dimensions)) \
                or (ch.id == "low_ikm_element" and _codes(m, ch, "ikm") & set(topic.ikm_elements)):
            if ch.id not in out:
                out.append(ch.id)
    return out


def _codes(m: Metrics, ch: Challenge, cell: str) -> set[str]:
    """The dimension or element codes a challenge is about: its overall evidence and its programmes' weakest parts."""
    codes = set()
    for ev in ch.evidence:
        parts = ev.path.split(".")
        if ev.program_id is None and parts[:2] == ["reaction", "dimensions"] and m.reaction.available:
            codes.add(m.reaction.dimensions[int(parts[2])].dimension)
        elif ev.program_id is None and parts[:3] == ["reaction", "ikm", "elements"] and m.reaction.available:
            codes.add(m.reaction.ikm.elements[int(parts[3])].element)
    rows = {r.program_id: r for r in (m.program_table.rows if m.program_table else [])}
    codes.update(getattr(rows[p], cell).detail for p in ch.programs if p in rows and getattr(rows[p], cell).detail)
    return codes


def _sources(m: Metrics, topic: Topic, th: Mapping[str, Any], book: Any) -> list[Source]:
    """Every source of ``topic`` found in ``m``, in the order survey, IKM, themes, level results."""
    def configured(codes: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(str(th["outdated_material_theme"]) if c == CONFIGURED_THEME else c for c in codes)

    return [*src.dimensions(m, topic.dimensions, th), *src.items(m, configured(topic.item_themes), th, book),
            *src.ikm_elements(m, topic.ikm_elements, th), *src.themes(m, configured(topic.concern_themes), th),
            *src.themes(m, topic.themes, th, signal=False), *src.measures(m, topic.measures, th)]

