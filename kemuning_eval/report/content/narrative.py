"""The report's sentences, written from the metrics with catalogue texts.

This module decides nothing: every claim it makes is a decision stored in the
metrics by :mod:`kemuning_eval.report.results` on unrounded values, and every
number is formatted here, for display only, with :mod:`kemuning_eval.numfmt`.
The functions read the typed results
(:class:`~kemuning_eval.report.results.model.Metrics`) as attributes, turn a
stored code into words with :func:`.labels.label` where they word it, and
return plain text (a list of paragraphs); :mod:`.render` escapes them, so
names from the data can never inject HTML.

What is read, not decided (named so that a reader can check them):

- **Significance** (:func:`verdict`): the stored ``direction`` of a change
  (``increase``, ``decrease``, ``none`` or ``inconclusive``) picks the
  ``report.sig.<direction>`` sentence; ``significant`` picks the DiD wording.
- **Effect size**: the stored ``effect_band`` (Cohen's band of d_z) picks
  ``report.effect.<band>``; the stored ``gain_band`` (Hake) picks
  ``report.learning.band.<band>``.
- **Reliability**: the stored ``low`` flag of a scale names it as below the
  acceptable alpha; the stored ``adequate`` of the sample picks its verdict.

Shared phrases (formats, the verdict of a change, lists) live in
:mod:`.wording`; the challenges' and recommendations' sentences in
:mod:`.findings`.

Examples
--------
>>> from kemuning_eval.report.content.examples import crafted
>>> m = crafted({"learning": {"available": True, "overall": {"n": 40, "pre_mean": 60.0, "post_mean": 61.2,
...     "estimate": 1.2, "ci_low": 0.05, "ci_high": 2.35, "p_val": 0.0496, "direction": "increase",
...     "significant": True, "w_stat": 300.0, "w_p": 0.06, "dz": 0.1996, "gz": 0.195, "effect_band": "negligible"}}})
>>> text = learning(m, "en")
>>> "a significant increase" in text[0], "d_z = 0.20" in text[1], "negligible by Cohen" in text[1]
(True, True, True)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from kemuning_eval.i18n import t
from kemuning_eval.numfmt import (
    fmt_ci,
    fmt_count,
    fmt_int,
    fmt_number,
    fmt_p_expr,
    fmt_pct,
    fmt_rupiah,
)
from kemuning_eval.report.content.labels import aspect_label, label
from kemuning_eval.report.content.quality_rows import quality_sentence
from kemuning_eval.report.content.reading import alpha as study_alpha
from kemuning_eval.report.content.reading import available as _ok
from kemuning_eval.report.content.reading import min_group_size, shown
from kemuning_eval.report.content.wording import (
    fmt_value,
    instrument_list,
    join_list,
    level_list,
    not_available,
    unmeasured_levels,
    verdict,
)
from kemuning_eval.report.results.availability import (
    LEVEL_INSTRUMENT,
    measured_levels,
    not_collected,
)
from kemuning_eval.report.results.model import Metrics, Study
from kemuning_eval.stats.ikm import ELEMENTS as IKM_ELEMENTS


def _everything_measured(m: Metrics) -> bool:
    return len(measured_levels(m)) == len(LEVEL_INSTRUMENT) and not not_collected(m)


def _extremes(rows: Sequence[Any], value: Callable[[Any], Any],
              name: Callable[[Any], str] = lambda r: str(r.label)) -> tuple[Any, Any] | None:
    """The rows with the lowest and the highest ``value`` (ties: by the shown name), or None."""
    rows = [r for r in rows if value(r) is not None]
    if not rows:
        return None
    low = min(rows, key=lambda r: (value(r), name(r)))
    high = max(rows, key=lambda r: (value(r), name(r)))
    return low, high


def _element(e: Any, lang: str) -> str:
    """An IKM element's name in ``lang`` (from its stored code)."""
    return str(label("ikm_element", e.element, lang))


def summary(m: Metrics, lang: str) -> list[str]:
    """Executive summary: one sentence per level that has data, then the findings count.

    Parameters
    ----------
    m : Metrics
        The results.
    lang : {"id", "en"}
        Report language.

    Returns
    -------
    list of str
        The paragraphs.

    Examples
    --------
    >>> from kemuning_eval.report.content.examples import crafted
    >>> m = crafted({"study": {"n_programs": 2, "agency": "BPSDM", "n_participants": 40, "jp_total": 60}})
    >>> for line in summary(m, "en"):
    ...     print(line)
    This evaluation covers two training programmes run by BPSDM in 2026, with 40 participants and 60 JP in total.
    The evaluation rules found no challenge in the data measured, so no recommendation is made.
    """
    return [*_summary_scope(m.study, lang), *_summary_levels(m, lang), *_summary_findings(m, lang)]


def _summary_scope(s: Study, lang: str) -> list[str]:
    """The summary's first sentence: programmes, agency, year (and participants and JP when known)."""
    out = []
    if s.n_programs is not None and s.programs_source == "exports":
        out.append(t("measured.summary.scope_derived", lang, n_programs=fmt_count(s.n_programs, lang), year=s.year))
    elif s.n_programs is not None:
        if s.n_participants is not None and s.jp_total is not None:
            out.append(t("report.summary.scope", lang, n_programs=fmt_count(s.n_programs, lang),
                         agency=s.agency or "", year=s.year,
                         n_participants=fmt_count(s.n_participants, lang), jp=fmt_int(s.jp_total, lang)))
        elif s.agency:
            out.append(t("measured.summary.scope", lang, n_programs=fmt_count(s.n_programs, lang),
                         agency=s.agency, year=s.year))
        else:
            out.append(t("measured.summary.scope_plain", lang, n_programs=fmt_count(s.n_programs, lang), year=s.year))
    return out


def _summary_reaction(m: Metrics, lang: str) -> list[str]:
    """The reaction's summary sentence: the extreme dimensions and the IKM, else the overall mean."""
    reaction = _ok(m, "reaction")
    if reaction is None:
        return []
    ext = _extremes(reaction.dimensions, lambda d: d.mean)
    ikm = reaction.ikm
    if ext and ikm is not None and ikm.converted is not None:
        low, high = ext
        return [t("report.summary.reaction", lang, low=fmt_number(low.mean, 2, lang),
                  low_dim=shown(low.label, low.dimension), high=fmt_number(high.mean, 2, lang),
                  high_dim=shown(high.label, high.dimension), ikm=fmt_number(ikm.converted, 2, lang),
                  grade=ikm.grade or "", category=label("ikm", ikm.category, lang) or "")]
    if reaction.mean_overall is not None:
        category = label("likert", reaction.category_overall, lang)
        return [t("measured.summary.reaction" if category else "measured.summary.reaction_plain", lang,
                  mean=fmt_number(reaction.mean_overall, 2, lang), category=category or "")]
    return []


def summary_results(m: Metrics, lang: str) -> str | None:
    """The summary sentence of Level 4 from the pooled effects (None when none was estimated).

    Examples
    --------
    >>> from kemuning_eval.report.results.metrics import empty_metrics
    >>> print(summary_results(Metrics.model_validate(empty_metrics(2026)), "en"))
    None
    """
    results_ = _ok(m, "results")
    did = [r for r in results_.did if r.estimate is not None] if results_ is not None else []
    if not did:
        return None
    sig = [f"{shown(r.label, r.outcome)} ({t('report.direction.' + r.direction, lang)})"
           for r in did if r.significant]
    text = (t("report.results.summary_sig", lang, outcomes=", ".join(sig)) if sig
            else t("report.results.summary_none", lang))
    return t("report.summary.results", lang, verdict=text)


def _summary_levels(m: Metrics, lang: str) -> list[str]:
    """One summary sentence per measured level (its headline numbers and stored verdict)."""
    out = _summary_reaction(m, lang)
    learning_ = _ok(m, "learning")
    if learning_ is not None and learning_.overall.pre_mean is not None:
        overall = learning_.overall
        out.append(t("report.summary.learning", lang, pre=fmt_number(overall.pre_mean, 2, lang),
                     post=fmt_number(overall.post_mean, 2, lang), verdict=verdict(overall, lang) + "."))
    behavior_ = _ok(m, "behavior")
    if behavior_ is not None and behavior_.applying is not None and behavior_.applying.share is not None:
        out.append(t("report.summary.behavior", lang, share=fmt_pct(behavior_.applying.share, 1, lang)))
    results_line = summary_results(m, lang)
    if results_line:
        out.append(results_line)
    cost_ = _ok(m, "cost")
    if cost_ is not None and cost_.bcr is not None:
        out.append(t("report.summary.cost", lang, cost=fmt_rupiah(cost_.total_cost, lang),
                     benefit=fmt_rupiah(cost_.total_benefit, lang), bcr=fmt_number(cost_.bcr, 2, lang),
                     roi=_roi(cost_.roi_pct, lang)))
    unmeasured = unmeasured_levels(m)
    if unmeasured:
        out.append(t("measured.summary.not_measured", lang, levels=level_list(unmeasured, lang)))
    return out


def _roi(roi_pct: float | None, lang: str) -> str:
    """The stored ROI (in %) as the text shows it."""
    return fmt_pct(roi_pct / 100, 1, lang) if roi_pct is not None else fmt_number(None)


def _summary_findings(m: Metrics, lang: str) -> list[str]:
    """The findings count, then the challenges' and recommendations' short names."""
    out = []
    f = m.findings
    if f.challenges:
        out.append(t("report.summary.findings", lang, n_challenges=fmt_count(len(f.challenges), lang),
                     n_recommendations=fmt_count(len(f.recommendations), lang)))
    else:
        out.append(t("measured.summary.no_findings", lang))
    heads = list(dict.fromkeys(t(f"report.challenge_short.{c.id}", lang) for c in f.challenges))
    if heads:
        out.append(t("report.summary.challenges", lang, items="; ".join(heads)))
    recs = [t(f"report.recommendation_short.{r.id}", lang) for r in f.recommendations]
    if recs:
        out.append(t("report.summary.recommendations", lang, items="; ".join(recs)))
    return out


def introduction(m: Metrics, lang: str) -> dict[str, Any]:
    """Background, purpose, legal basis (list) and scope.

    Parameters
    ----------
    m : Metrics
        The results (``study`` is read).
    lang : {"id", "en"}
        Report language.

    Returns
    -------
    dict
        ``paragraphs`` (list of str), ``legal_intro``, ``legal`` (the
        ``study.legal_basis`` items, printed as configured).

    Examples
    --------
    >>> from kemuning_eval.report.content.examples import crafted
    >>> m = crafted({"study": {"program_id": "PKA-01", "program_name": "Pelatihan Kepemimpinan",
    ...                        "legal_basis": ["PermenPANRB 14/2017"]}})
    >>> intro = introduction(m, "en")
    >>> intro["legal"], "Pelatihan Kepemimpinan" in intro["paragraphs"][-1]
    (['PermenPANRB 14/2017'], True)
    """
    s = m.study
    complete = _everything_measured(m) and s.n_programs is not None
    measured = measured_levels(m)
    if s.program_id:
        scope = t("report.intro.scope_program", lang, program=s.program_name or s.program_id, year=s.year)
    elif complete:
        scope = t("report.intro.scope", lang, n_programs=fmt_count(s.n_programs, lang), year=s.year)
    else:
        what = (t("measured.intro.scope_programs", lang, n=fmt_count(s.n_programs, lang))
                if s.n_programs is not None else t("measured.intro.scope_training", lang))
        scope = t("measured.intro.scope", lang, what=what, year=s.year, levels=level_list(measured, lang) or "–")
    background, purpose = _background_purpose(s, measured, complete, lang)
    return {
        "paragraphs": [background, purpose, scope],
        "legal_intro": t("report.intro.legal", lang),
        "legal": list(s.legal_basis),
    }


def _background_purpose(s: Study, measured: list[str], complete: bool, lang: str) -> tuple[str, str]:
    """The introduction's background and purpose: the full wording, or only the measured levels' aims."""
    aims = join_list([t(f"measured.intro.aim.{k}", lang) for k in measured], lang)
    if (complete or not measured) and s.agency and s.region:
        return (t("report.intro.background", lang, agency=s.agency, region=s.region),
                t("report.intro.purpose", lang))
    if complete or not measured:
        return t("measured.intro.background_plain", lang, aims=aims or "–"), t("report.intro.purpose", lang)
    background = (t("measured.intro.background", lang, agency=s.agency, region=s.region, aims=aims)
                  if s.agency and s.region else t("measured.intro.background_plain", lang, aims=aims))
    items = [t(f"measured.intro.purpose.{k}", lang) for k in measured] + [t("measured.intro.purpose.recommend", lang)]
    purpose = t("measured.intro.purpose", lang, items=join_list(
        [f"({n}) {x}" for n, x in enumerate(items, start=1)], lang).replace(", (", "; ("))
    return background, purpose


def overview(m: Metrics, lang: str) -> list[str]:
    """Programmes, JP, participants, facilitators, seats and budget; the 20-JP coverage.

    Parameters
    ----------
    m : Metrics
        The results (``study`` is read).
    lang : {"id", "en"}
        Report language.

    Returns
    -------
    list of str
        The paragraphs (the "not available" sentence without programmes).

    Examples
    --------
    >>> from kemuning_eval.report.content.examples import crafted
    >>> m = crafted({"study": {"n_programs": 2, "jp_total": 60, "n_participants": 40, "n_completed": 38,
    ...     "completion_rate": 0.95, "n_facilitators": 6, "capacity_total": 40, "applicants_total": 52,
    ...     "demand_ratio": 1.3, "budget_total": 90_000_000}})
    >>> text = overview(m, "id")[0]
    >>> "95,0%" in text, "Rp90.000.000" in text
    (True, True)
    """
    s = m.study
    if s.n_programs is None:
        if s.n_participants is not None:
            return [t("measured.overview.roster_only", lang, n_participants=fmt_count(s.n_participants, lang))]
        return [t("measured.overview.none", lang)]
    facts = (s.jp_total, s.n_participants, s.n_completed, s.n_facilitators, s.capacity_total, s.applicants_total,
             s.demand_ratio, s.budget_total)
    if any(v is None for v in facts):
        return _overview_partial(s, lang)
    out = [t("report.overview.text", lang, year=s.year, n_programs=fmt_count(s.n_programs, lang),
             jp=fmt_int(s.jp_total, lang), n_participants=fmt_count(s.n_participants, lang),
             n_completed=fmt_count(s.n_completed, lang), completion=fmt_pct(s.completion_rate, 1, lang),
             n_facilitators=fmt_count(s.n_facilitators, lang), capacity=fmt_count(s.capacity_total, lang),
             applicants=fmt_count(s.applicants_total, lang), ratio=fmt_number(s.demand_ratio, 2, lang),
             budget=fmt_rupiah(s.budget_total, lang))]
    return out + _jp_coverage(s, lang)


def _jp_coverage(s: Study, lang: str) -> list[str]:
    """The 20-JP coverage sentence (empty without JP records)."""
    jp = s.jp_coverage
    if jp is None or jp.share is None:
        return []
    return [t("report.overview.jp", lang, n_asn=fmt_count(jp.n, lang), share=fmt_pct(jp.share, 1, lang),
              target=fmt_int(jp.target, lang), mean=fmt_number(jp.mean_jp, 1, lang))]


def _overview_partial(s: Study, lang: str) -> list[str]:
    """The overview from the facts that were collected, one clause each; the others named as not collected."""
    jp = t("measured.overview.jp", lang, jp=fmt_int(s.jp_total, lang)) if s.jp_total is not None else ""
    people = (t("measured.overview.participants", lang, n_participants=fmt_count(s.n_participants, lang))
              if s.n_participants is not None else "")
    key = "measured.overview.programs_derived" if s.programs_source == "exports" else "measured.overview.programs"
    text = [t(key, lang, year=s.year, n_programs=fmt_count(s.n_programs, lang), jp=jp, participants=people)]
    if s.n_completed is not None and s.completion_rate is not None:
        text.append(t("measured.overview.completed", lang, n_completed=fmt_count(s.n_completed, lang),
                      completion=fmt_pct(s.completion_rate, 1, lang)))
    if s.n_facilitators is not None:
        text.append(t("measured.overview.facilitators", lang, n_facilitators=fmt_count(s.n_facilitators, lang)))
    if None not in (s.capacity_total, s.applicants_total, s.demand_ratio):
        text.append(t("measured.overview.demand", lang, capacity=fmt_count(s.capacity_total, lang),
                      applicants=fmt_count(s.applicants_total, lang), ratio=fmt_number(s.demand_ratio, 2, lang)))
    if s.budget_total is not None:
        text.append(t("measured.overview.budget", lang, budget=fmt_rupiah(s.budget_total, lang)))
    missing = [t(f"measured.overview.{key}_item", lang) for key, absent in (
        ("jp", s.jp_total is None), ("participants", s.n_participants is None),
        ("demand", s.capacity_total is None or s.applicants_total is None),
        ("budget", s.budget_total is None)) if absent]
    if missing:
        text.append(t("measured.overview.not_collected", lang, items=join_list(missing, lang)))
    return [" ".join(text), *_jp_coverage(s, lang)]


def method(m: Metrics, lang: str) -> dict[str, Any]:
    """Model and instruments, sample (required vs achieved), response rates, methods, quality.

    Parameters
    ----------
    m : Metrics
        The results (``study`` is read).
    lang : {"id", "en"}
        Report language.

    Returns
    -------
    dict
        ``paragraphs`` (``model``: the evaluation model and instruments, then
        ``sample``: the sample size, if known), ``rates_intro``, ``rates`` (one line per instrument),
        ``stats_intro``, ``definitions`` (the named estimators) and ``after``
        (privacy and data quality).

    Examples
    --------
    >>> from kemuning_eval.report.content.examples import crafted
    >>> m = crafted({"study": {"sample": {"population": 40, "required": 36, "achieved": 38, "rate": 0.95,
    ...                                   "adequate": True}}})
    >>> out = method(m, "en")
    >>> sorted(out)
    ['after', 'definitions', 'model', 'paragraphs', 'rates', 'rates_intro', 'sample', 'stats_intro']
    >>> "the minimum sample is 36 respondents; 38 responded" in out["paragraphs"][1]
    True
    """
    s = m.study
    paragraphs = _method_model(m, lang)
    sample = s.sample
    if sample is not None and sample.required is not None:
        paragraphs.append(t("report.method.sample", lang, population=fmt_count(sample.population, lang),
                            required=fmt_count(sample.required, lang), achieved=fmt_count(sample.achieved, lang),
                            rate=fmt_pct(sample.rate, 1, lang),
                            verdict=t("report.method.sample_ok" if sample.adequate else "report.method.sample_short",
                                      lang)))
    rates = [t("report.method.response_rate_item", lang, instrument=r.label, n=fmt_int(r.n, lang),
               population=fmt_int(r.population, lang), rate=fmt_pct(r.rate, 1, lang))
             for r in s.response_rates if r.rate is not None]
    quotes = _ok(m, "qualitative") is not None or not s.instruments
    after = [t("report.method.privacy" if quotes else "measured.method.privacy", lang,
               min_n=fmt_count(min_group_size(m), lang))]
    q = s.data_quality
    if q is not None and q.n_checks is not None:  # counted from the rows Appendix B lists, so the two agree
        after.append(quality_sentence(q, lang))
    n_model = len(paragraphs) - 1 if sample is not None and sample.required is not None else len(paragraphs)
    return {"paragraphs": paragraphs, "model": paragraphs[:n_model], "sample": paragraphs[n_model:],
            "rates_intro": t("report.method.response_rates", lang), "rates": rates,
            "stats_intro": t("report.method.stats", lang), "definitions": _definitions(m, lang), "after": after}


def _method_model(m: Metrics, lang: str) -> list[str]:
    """The method's first paragraph: the evaluation model, the instruments used and those not collected."""
    s = m.study
    if _everything_measured(m) or not s.instruments:
        return [t("report.method.model", lang)]
    used = [row.instrument for row in s.instruments if row.collected]
    first = t("measured.method.model", lang, instruments=instrument_list(used, lang) or "–")
    missing = not_collected(m)
    if missing:
        first += " " + t("measured.method.not_collected", lang, instruments=instrument_list(missing, lang),
                         levels=level_list(unmeasured_levels(m), lang))
    return [first]


def _definitions(m: Metrics, lang: str) -> list[str]:
    """The estimators used, defined (with the Likert bands and the significance level where they apply)."""
    from kemuning_eval.stats._common import DID_BOOTSTRAP_BELOW
    from kemuning_eval.stats.did import DID_MIN_ARM_CLUSTERS

    used = _methods_used(m)
    limits = {"below": fmt_count(DID_BOOTSTRAP_BELOW, lang), "min": fmt_count(DID_MIN_ARM_CLUSTERS, lang)}
    definitions = [t(f"report.method.def.{k}", lang, **(limits if k == "did" else {})) for k in used]
    bands = m.study.likert_bands
    if bands and _ok(m, "reaction") is not None:
        definitions.insert(1, t("report.method.bands", lang, bands="; ".join(
            f"{label('likert', b.label, lang)} ≥ {fmt_number(b.lower, 2, lang)}" for b in bands)))
    if any(k in ("paired", "did") for k in used):
        definitions.append(t("report.method.def.significance", lang, alpha=fmt_number(study_alpha(m), 2, lang)))
    return definitions


def _methods_used(m: Metrics) -> list[str]:
    """The estimators the report uses, named in the method section (none for a level not measured)."""
    if not m.study.instruments:  # results without an inventory (crafted for an example): name them all
        return ["likert", "alpha", "ikm", "paired", "did", "roi"]
    reaction_ = _ok(m, "reaction")
    out = []
    if reaction_ is not None:
        out.append("likert")
        if reaction_.reliability:
            out.append("alpha")
        if reaction_.ikm is not None:
            out.append("ikm")
    if _ok(m, "learning") is not None or _ok(m, "behavior") is not None:
        out.append("paired")
    if _ok(m, "results") is not None:
        out.append("did")
    cost_ = _ok(m, "cost")
    if cost_ is not None and cost_.bcr is not None:
        out.append("roi")
    return out


def reaction(m: Metrics, lang: str) -> list[str]:
    """Level 1: respondents, dimensions, reliability, IKM, facilitators.

    Parameters
    ----------
    m : Metrics
        The results (``reaction`` is read).
    lang : {"id", "en"}
        Report language.

    Returns
    -------
    list of str
        The paragraphs, or the "not available" sentence.

    Examples
    --------
    >>> from kemuning_eval.report.content.examples import crafted
    >>> m = crafted({"reaction": {"available": True, "n_responses": 38, "response_rate": 0.95, "dimensions": [
    ...     {"dimension": "materi", "label": "Material", "mean": 3.9, "favourable": 0.7},
    ...     {"dimension": "fasilitas", "label": "Facilities", "mean": 4.3, "favourable": 0.85}]}})
    >>> print(reaction(m, "en")[1])
    The highest-rated dimension was Facilities (mean 4.30, 85.0% favourable); the lowest was Material (mean 3.90, 70.0% favourable).
    """
    r = _ok(m, "reaction")
    if r is None:
        return [not_available(m, "reaction", lang)]
    if r.response_rate is None:
        out = [t("measured.reaction.intro", lang, n=fmt_count(r.n_responses, lang))]
    else:
        out = [t("report.reaction.intro", lang, n=fmt_count(r.n_responses, lang), rate=fmt_pct(r.response_rate, 1, lang))]
    ext = _extremes(r.dimensions, lambda d: d.mean)
    if ext and len([d for d in r.dimensions if d.mean is not None]) == 1:
        out.append(t("measured.reaction.one_dimension", lang, dim=shown(ext[0].label, ext[0].dimension),
                     mean=fmt_number(ext[0].mean, 2, lang), fav=fmt_pct(ext[0].favourable, 1, lang)))
    elif ext:
        low, high = ext
        out.append(t("report.reaction.dimensions", lang, high_dim=shown(high.label, high.dimension),
                     high=fmt_number(high.mean, 2, lang), high_fav=fmt_pct(high.favourable, 1, lang),
                     low_dim=shown(low.label, low.dimension), low=fmt_number(low.mean, 2, lang),
                     low_fav=fmt_pct(low.favourable, 1, lang)))
    return out + _reliability(r, lang) + _ikm(r, lang) + _facilitators(r, lang)


def _reliability(r: Any, lang: str) -> list[str]:
    """The scales' alphas (range, or the one scale) and the scales whose stored ``low`` flag is set."""
    out = []
    rel = _extremes(r.reliability, lambda x: x.alpha)
    if rel and len([x for x in r.reliability if x.alpha is not None]) == 1:
        out.append(t("measured.reaction.reliability_one", lang, alpha=fmt_number(rel[0].alpha, 2, lang)))
    elif rel:
        out.append(t("report.reaction.reliability", lang, low=fmt_number(rel[0].alpha, 2, lang),
                     high=fmt_number(rel[1].alpha, 2, lang)))
    low = [shown(x.label, x.dimension) for x in r.reliability if x.low]
    if low:
        out.append(t("report.reaction.reliability_low", lang, dims=", ".join(low)))
    return out


def _ikm(r: Any, lang: str) -> list[str]:
    """The IKM with its stored grade and category, the weakest and strongest element; or the missing elements."""
    out = []
    ikm = r.ikm
    # the stored ranking (1 = weakest, on unrounded NRR)
    ext = _extremes(ikm.elements, lambda e: e.rank, lambda e: _element(e, lang)) if ikm is not None else None
    if ikm is not None and ikm.converted is not None and ext:
        weak, strong = ext
        out.append(t("report.reaction.ikm", lang, n=fmt_count(ikm.n, lang), index=fmt_number(ikm.index, 2, lang),
                     converted=fmt_number(ikm.converted, 2, lang), grade=ikm.grade or "",
                     category=label("ikm", ikm.category, lang) or "", weak=_element(weak, lang),
                     weak_nrr=fmt_number(weak.nrr, 2, lang), strong=_element(strong, lang),
                     strong_nrr=fmt_number(strong.nrr, 2, lang)))
    if r.ikm_missing:
        out.append(t("measured.reaction.ikm_incomplete", lang, n=fmt_count(len(IKM_ELEMENTS) - len(r.ikm_missing), lang),
                     missing=join_list([label("ikm_element", e, lang) for e in r.ikm_missing], lang)))
    return out


def _facilitators(r: Any, lang: str) -> list[str]:
    """The facilitators' highest and lowest rated dimension."""
    fac = r.facilitators
    ext = _extremes(fac.dimensions, lambda d: d.mean) if fac is not None else None
    if not ext:
        return []
    low, high = ext
    return [t("report.reaction.facilitators", lang, n=fmt_count(fac.n, lang),
              high_dim=aspect_label(shown(high.label, high.dimension), lang), high=fmt_number(high.mean, 2, lang),
              low_dim=aspect_label(shown(low.label, low.dimension), lang), low=fmt_number(low.mean, 2, lang))]


def learning(m: Metrics, lang: str) -> list[str]:
    """Level 2: paired change, Wilcoxon, effect size with Cohen's band, gain, pass rates.

    Parameters
    ----------
    m : Metrics
        The results (``learning.overall`` is read).
    lang : {"id", "en"}
        Report language.

    Returns
    -------
    list of str
        The paragraphs, or the "not available" sentence.

    Examples
    --------
    >>> from kemuning_eval.report.content.examples import crafted
    >>> m = crafted({"learning": {"available": True, "overall": {
    ...     "n": 38, "pre_mean": 55.0, "post_mean": 70.5, "estimate": 15.5, "ci_low": 12.1, "ci_high": 18.9,
    ...     "p_val": 0.0001, "direction": "increase", "significant": True, "w_stat": 12.0, "w_p": 0.0002,
    ...     "dz": 1.1, "gz": 1.08, "effect_band": "large"}}})
    >>> text = learning(m, "en")
    >>> "a significant increase (difference 15.50" in text[0], "large by Cohen's bands" in text[1]
    (True, True)
    """
    lv = _ok(m, "learning")
    if lv is None or lv.overall.n is None:
        return [not_available(m, "learning", lang)]
    o = lv.overall
    out = [t("report.learning.text", lang, n=fmt_count(o.n, lang), pre=fmt_number(o.pre_mean, 2, lang),
             post=fmt_number(o.post_mean, 2, lang), verdict=verdict(o, lang),
             w=fmt_number(o.w_stat, 1, lang), wp=fmt_p_expr(o.w_p, lang))]
    if o.effect_band:
        out.append(t("report.effect.sentence", lang, d=fmt_number(o.dz, 2, lang), g=fmt_number(o.gz, 2, lang),
                     word=t(f"report.effect.{o.effect_band}", lang)))
    if o.gain_band:
        out.append(t("report.learning.gain", lang, g=fmt_number(o.gain_class, 2, lang),
                     band=t(f"report.learning.band.{o.gain_band}", lang),
                     pass_pre=fmt_pct(o.pass_pre, 1, lang), pass_post=fmt_pct(o.pass_post, 1, lang)))
    return out


def behavior(m: Metrics, lang: str) -> list[str]:
    """Level 3: supervisors' change, share applying, rater agreement.

    Parameters
    ----------
    m : Metrics
        The results (``behavior`` is read).
    lang : {"id", "en"}
        Report language.

    Returns
    -------
    list of str
        The paragraphs, or the "not available" sentence.

    Examples
    --------
    >>> from kemuning_eval.report.content.examples import crafted
    >>> m = crafted({"behavior": {"available": True, "applying": {"share": 0.75, "ci_low": 0.6, "ci_high": 0.86,
    ...                                                           "n": 20}}})
    >>> print(behavior(m, "en")[0])
    According to supervisors, 75.0% of alumni (95% CI [60.0, 86.0], n = 20) were applying what they learned at work.
    """
    b = _ok(m, "behavior")
    if b is None:
        return [not_available(m, "behavior", lang)]
    out = []
    c = b.change
    if c is not None and c.n is not None:
        out.append(t("report.behavior.change", lang, n=fmt_count(c.n, lang), base=fmt_number(c.baseline_mean, 2, lang),
                     follow=fmt_number(c.followup_mean, 2, lang), verdict=verdict(c, lang)))
        if c.effect_band:
            out.append(t("report.effect.sentence_dz", lang, d=fmt_number(c.dz, 2, lang),
                         word=t(f"report.effect.{c.effect_band}", lang)))
    a = b.applying
    if a is not None and a.share is not None:
        out.append(t("report.behavior.applying", lang, share=fmt_pct(a.share, 1, lang),
                     ci=fmt_ci(100 * a.ci_low, 100 * a.ci_high, 1, lang) if a.ci_low is not None else "–",
                     n=fmt_count(a.n, lang)))
    agr = [g for g in b.agreement or [] if g.estimate is not None]
    if agr:
        low, high = min(g.estimate for g in agr), max(g.estimate for g in agr)
        out.append(t("report.behavior.agreement", lang, n=fmt_count(max(g.n for g in agr), lang),
                     k=fmt_count(len(agr), lang), low=fmt_number(low, 2, lang), high=fmt_number(high, 2, lang)))
    return out or [not_available(m, "behavior", lang)]


def results(m: Metrics, lang: str) -> list[str]:
    """Level 4: one sentence per DiD outcome, the parallel-trends caveat.

    Parameters
    ----------
    m : Metrics
        The results (``results.did`` is read).
    lang : {"id", "en"}
        Report language.

    Returns
    -------
    list of str
        Introduction, one sentence per estimated outcome, the assumption; or
        the "not available" sentence.

    Examples
    --------
    >>> from kemuning_eval.report.content.examples import crafted
    >>> row = {"outcome": "sakip", "label": "SAKIP score", "estimate": 0.123, "ci_low": 0.01, "ci_high": 0.24,
    ...        "p_val": 0.03, "significant": True, "direction": "increase"}
    >>> m = crafted({"results": {"available": True, "n_clusters": 12, "n_treated_clusters": 4,
    ...              "n_control_clusters": 8, "inference": "wild_bootstrap", "did": [row]}})
    >>> text = results(m, "en")
    >>> len(text), text[1].startswith("SAKIP score: difference-in-differences effect 0.123")
    (3, True)
    >>> "Only four work units" in text[0], "wild cluster bootstrap" in text[0]
    (True, True)
    >>> m = crafted({"results": {"available": True, "did": [dict(row, parallel_trends_rejected=True)]}})
    >>> results(m, "en")[2].startswith("The pre-trend check")
    True
    """
    r = _ok(m, "results")
    rows = [row for row in r.did if row.estimate is not None] if r is not None else []
    if not rows:
        return [not_available(m, "results", lang)]
    out = [t("report.results.intro", lang, n_clusters=fmt_count(r.n_clusters, lang))]
    if r.inference in ("cr1", "wild_bootstrap"):
        out[0] += " " + t(f"report.results.inference.{r.inference}", lang,
                          treated=fmt_count(r.n_treated_clusters, lang), control=fmt_count(r.n_control_clusters, lang))
    for row in rows:
        if row.ci_low is None and row.p_val is None:  # no variation: no interval, no test
            out.append(t("report.results.no_variation", lang, outcome=shown(row.label, row.outcome),
                         estimate=fmt_number(row.estimate, 3, lang)))
            continue
        out.append(t("report.results.row", lang, outcome=shown(row.label, row.outcome),
                     estimate=fmt_number(row.estimate, 3, lang), ci=fmt_ci(row.ci_low, row.ci_high, 3, lang),
                     p=fmt_p_expr(row.p_val, lang),
                     verdict=t(f"report.results.{row.direction}" if row.significant else "report.results.nosig",
                               lang)))
    for decision in ("rejected", "not_rejected"):  # the stored pre-trend decision, worded
        names = [shown(row.label, row.outcome) for row in rows
                 if row.parallel_trends_rejected is (decision == "rejected")]
        if names:
            out.append(t(f"report.results.pretrend.{decision}", lang, outcomes=", ".join(names)))
    out.append(t("report.results.assumption", lang))
    return out


def cost(m: Metrics, lang: str) -> list[str]:
    """Cost per participant, adjusted benefits, BCR, ROI and payback.

    Parameters
    ----------
    m : Metrics
        The results (``cost`` is read).
    lang : {"id", "en"}
        Report language.

    Returns
    -------
    list of str
        The figures and the estimate caveat, or the "not available" sentence.

    Examples
    --------
    >>> from kemuning_eval.report.content.examples import crafted
    >>> m = crafted({"cost": {"available": True, "total_cost": 90_000_000, "n_participants": 40,
    ...              "cost_per_participant": 2_250_000, "total_benefit": 120_000_000,
    ...              "bcr": 1.33, "roi_pct": 33.3, "payback_months": 9.0}})
    >>> text = cost(m, "en")[0]
    >>> "IDR 2,250,000 per participant" in text, "ROI 33.3%" in text
    (True, True)
    """
    c = _ok(m, "cost")
    if c is None or c.total_cost is None:
        return [not_available(m, "cost", lang)]
    if c.bcr is None or c.cost_per_participant is None:
        text = [t("measured.cost.total", lang, cost=fmt_rupiah(c.total_cost, lang))]
        if c.cost_per_participant is not None:
            text.append(t("measured.cost.per_participant", lang, n=fmt_count(c.n_participants, lang),
                          per=fmt_rupiah(c.cost_per_participant, lang)))
        elif c.n_participants is None:
            text.append(t("measured.cost.no_roster", lang))
        if c.bcr is None:
            text.append(t("measured.cost.no_benefits", lang))
            return [" ".join(text)]
        return [" ".join(text), t("report.cost.caveat", lang)]
    key = "report.cost.text" if c.payback_months is not None else "report.cost.text_no_payback"
    return [t(key, lang, cost=fmt_rupiah(c.total_cost, lang), n=fmt_count(c.n_participants, lang),
              per=fmt_rupiah(c.cost_per_participant, lang), benefit=fmt_rupiah(c.total_benefit, lang),
              bcr=fmt_number(c.bcr, 2, lang), roi=_roi(c.roi_pct, lang),
              payback=fmt_number(c.payback_months, 1, lang)),
            t("report.cost.caveat", lang)]


def qualitative(m: Metrics, lang: str) -> dict[str, Any]:
    """Theme frequencies and scrubbed quotes (role and theme only, never a person).

    Parameters
    ----------
    m : Metrics
        The results (``qualitative`` is read).
    lang : {"id", "en"}
        Report language.

    Returns
    -------
    dict
        ``paragraphs``, ``themes`` (one line per theme), ``quotes`` (``text``
        and ``by``: role and theme) and, with data, ``quotes_intro``.

    Examples
    --------
    >>> from kemuning_eval.report.content.examples import crafted
    >>> m = crafted({"qualitative": {"available": True, "n_excerpts": 10,
    ...     "themes": [{"theme": "materi_usang", "label": "Outdated material", "n": 4, "share": 0.4}],
    ...     "quotes": [{"text": "The cases were old.", "role": "manager", "theme": "materi_usang"}]}})
    >>> out = qualitative(m, "en")
    >>> out["themes"], out["quotes"][0]["text"]
    (['Outdated material: 40.0% of the excerpts (n = 4)'], 'The cases were old.')
    """
    q = _ok(m, "qualitative")
    if q is None:
        return {"paragraphs": [not_available(m, "qualitative", lang)], "themes": [], "quotes": []}
    themes = [t("report.qual.theme_item", lang, theme=shown(th.label, th.theme), n=fmt_int(th.n, lang),
                share=fmt_pct(th.share, 1, lang)) for th in q.themes]
    quotes = [{"text": qt.text, "by": t("report.qual.quote_role", lang, role=qt.role or "",
                                        theme=qt.theme_label or qt.theme or "")}
              for qt in q.quotes]
    return {"paragraphs": [t("report.qual.intro", lang, n=fmt_count(q.n_excerpts, lang))],
            "themes": themes, "quotes_intro": t("report.qual.quotes", lang), "quotes": quotes}


def comparison(m: Metrics, lang: str) -> list[str]:
    """This year against the previous report's metrics (when there is one).

    Parameters
    ----------
    m : Metrics
        The results (``findings.comparison`` and ``findings.comparison_status`` are read).
    lang : {"id", "en"}
        Report language.

    Returns
    -------
    list of str
        An introduction and one line per compared indicator.

    Examples
    --------
    >>> from kemuning_eval.report.content.examples import crafted
    >>> comparison(crafted(), "en")
    ['There is no previous report to compare with.']
    >>> rows = [{"metric": "n_participants", "path": "study.n_participants", "previous": 35, "current": 40,
    ...          "fmt": "int"}]
    >>> m = crafted({"findings": {"comparison": {"previous_year": 2025, "rows": rows, "previous_synthetic": True,
    ...                                          "configured": True}}})
    >>> comparison(m, "en")[0]
    'Compared with 2025 (synthetic data; the comparison year is set in studi.yaml, study.previous_year):'
    >>> m = crafted({"findings": {"comparison_status": {"previous_year": 2025, "reason": "previous_synthetic"}}})
    >>> comparison(m, "en")[0].startswith("The 2025 report is not compared because its data are synthetic")
    True
    """
    comp, status = m.findings.comparison, m.findings.comparison_status
    if comp is None:
        if status is not None and status.reason:
            return [t(f"measured.comparison.skip.{status.reason}", lang, previous=status.previous_year)]
        return [t("report.comparison.none", lang)]
    kind = "synthetic" if comp.previous_synthetic else "real"
    basis = "configured" if comp.configured else "same_agency"
    out = [t("measured.comparison.intro", lang, previous=comp.previous_year,
             kind=t(f"measured.comparison.kind.{kind}", lang), basis=t(f"measured.comparison.basis.{basis}", lang))]
    for row in comp.rows:
        out.append(t("report.comparison.row", lang, metric=t(f"report.metric.{row.metric}", lang),
                     previous=fmt_value(row.previous, row.fmt, lang), current=fmt_value(row.current, row.fmt, lang)))
    return out


def _results_conclusion(results_: Any, did: list[Any]) -> str:
    """The catalogue key of the Level 4 conclusion, from the stored Holm verdicts (pooled and per programme).

    Without stored effects (an older ``metrics.json``) the pooled DiD's significance decides.
    """
    verdicts = {e.verdict for e in results_.effects} if results_ is not None and results_.effects else None
    if verdicts is None:
        return ("report.conclusion.results_sig" if any(row.significant for row in did)
                else "report.conclusion.results_none")
    if {"improved", "worsened"} <= verdicts:
        return "report.conclusion.results_mixed"
    if "improved" in verdicts:
        return "report.conclusion.results_improved"
    if "worsened" in verdicts:
        return "report.conclusion.results_worsened"
    return "report.conclusion.results_none"


def conclusion(m: Metrics, lang: str) -> list[str]:
    """A closing paragraph that follows the evidence of each level.

    Parameters
    ----------
    m : Metrics
        The results.
    lang : {"id", "en"}
        Report language.

    Returns
    -------
    list of str
        One paragraph (the "not available" sentence without level data).

    Examples
    --------
    >>> from kemuning_eval.report.content.examples import crafted
    >>> text = conclusion(crafted({"behavior": {"available": True, "applying": {"share": 0.75}}}), "en")[0]
    >>> "most alumni apply it at work" in text, "Level 2 (learning)" in text
    (True, True)

    Without Level 3 data nothing is concluded about application at work:

    >>> m = crafted({"behavior": {"available": False, "reason": "not_collected", "instruments": ["observations"]},
    ...              "learning": {"available": True, "overall": {"estimate": 5.0, "ci_low": 2.0, "ci_high": 8.0,
    ...                                                          "p_val": 0.01, "direction": "increase"}}})
    >>> text = conclusion(m, "en")[0]
    >>> "at work" in text.replace("Level 3 (behaviour at work)", ""), "knowledge increased significantly" in text
    (False, True)
    """
    r, lv, behavior_, results_ = (_ok(m, name) for name in ("reaction", "learning", "behavior", "results"))
    dims = [d.mean for d in r.dimensions if d.mean is not None] if r is not None else []
    overall = lv.overall if lv is not None else None
    applying = behavior_.applying.share if behavior_ is not None and behavior_.applying is not None else None
    did = [row for row in results_.did if row.estimate is not None] if results_ is not None else []
    if not dims and overall is None and behavior_ is None and results_ is None:
        return [t("report.na", lang)]
    category = label("likert", r.category_overall, lang) if r is not None else None
    learning_key = ("report.conclusion.learning_up" if overall is not None and overall.direction == "increase"
                    else "report.conclusion.learning_none")
    weak = any(c.id == "weak_transfer" for c in m.findings.challenges)
    transfer_key = ("report.conclusion.transfer_ok" if applying is not None and not weak
                    else "report.conclusion.transfer_weak")
    results_key = _results_conclusion(results_, did)
    if dims and category and overall is not None and behavior_ is not None and did:
        return [t("report.conclusion.text", lang, year=m.study.year, reaction_word=str(category).lower(),
                  learning_phrase=t(learning_key, lang), transfer_phrase=t(transfer_key, lang),
                  results_phrase=t(results_key, lang))]
    # only the levels that were measured lead to a conclusion
    parts = []
    if dims and category:
        parts.append(t("measured.conclusion.reaction", lang, word=str(category).lower()))
    if overall is not None:
        parts.append(t(learning_key, lang))
    if behavior_ is not None:
        parts.append(t(transfer_key, lang))
    out = [t("measured.conclusion.text", lang, year=m.study.year, parts="; ".join(parts))] if parts else []
    if did:
        out.append(t(results_key, lang))
    missing = [name for name in ("reaction", "learning", "behavior", "results") if _ok(m, name) is None]
    if missing:
        out.append(t("measured.conclusion.not_measured", lang, levels=level_list(missing, lang)))
    return [" ".join(out)]
