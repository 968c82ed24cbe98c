"""Level 4 per scope worded: each effect read in its outcome's direction, its size in the outcome's unit, and the table.

Reads ``results.effects`` of the typed :class:`~kemuning_eval.report.results.model.Metrics`
(:mod:`kemuning_eval.report.results.outcome_effects` decided every verdict on
unrounded values, Holm within each scope); this module only words it: an
improvement or a worsening ("membaik"/"memburuk") with its size in the
outcome's unit ("menyerap 4,2 poin persen lebih sedikit dari pagu"), an
effect not shown as such, and one table with the pre-trend test beside each effect.

Examples
--------
>>> from kemuning_eval.report.results.model import OutcomeEffect
>>> e = OutcomeEffect(program_id="PM", name="Pelayanan Masyarakat", outcome="budget_ratio",
...                   label="Rasio realisasi anggaran", higher_is_better=False, estimate=-0.042, ci_low=-0.06,
...                   ci_high=-0.024, p_val=0.00001, p_holm=0.00003, direction="decrease",
...                   significant_after_holm=True, verdict="improved", n_treated_clusters=25, n_control_clusters=40,
...                   inference="cr1", pretrend_p=0.48, parallel_trends_rejected=False, reason=None)
>>> effect_sentence(e, "id")  # doctest: +NORMALIZE_WHITESPACE
'Pelayanan Masyarakat: Rasio realisasi anggaran membaik — kegiatan yang dipimpin alumni menyerap 4,2 poin persen
lebih sedikit dari pagu (efek -0,042, IK 95% [-0,060; -0,024]; p Holm < 0,001).'
"""

from __future__ import annotations

from typing import Any

from kemuning_eval.i18n import t
from kemuning_eval.numfmt import fmt_ci, fmt_count, fmt_number, fmt_p
from kemuning_eval.report.results.model import OutcomeEffect

#: how an outcome's size is worded: outcome -> (scale to the unit of the sentence, decimals)
UNITS = {"budget_ratio": (100.0, 1), "on_time": (100.0, 1), "service_satisfaction": (1.0, 2)}


def _scope(effect: OutcomeEffect, lang: str) -> str:
    return effect.name or effect.program_id if effect.program_id else t("report.effects.pooled", lang)


def size_phrase(effect: OutcomeEffect, lang: str) -> str:
    """The effect's size in the outcome's unit: percentage points of the budget ceiling, of on-time activities, index points.

    Examples
    --------
    >>> from kemuning_eval.report.results.model import OutcomeEffect
    >>> e = OutcomeEffect.model_construct(outcome="service_satisfaction", estimate=0.894)
    >>> size_phrase(e, "en")
    'scored 0.89 points higher on the service satisfaction index'
    """
    key = effect.outcome if effect.outcome in UNITS else "other"
    scale, decimals = UNITS.get(effect.outcome, (1.0, 3))
    side = "less" if (effect.estimate or 0.0) < 0 else "more"
    value = None if effect.estimate is None else abs(effect.estimate) * scale
    return t(f"report.effects.size.{key}.{side}", lang, value=fmt_number(value, decimals, lang))


def effect_sentence(effect: OutcomeEffect, lang: str) -> str:
    """The sentence of one effect, from its stored verdict.

    Parameters
    ----------
    effect : OutcomeEffect
        One row of ``results.effects``.
    lang : {"id", "en"}
        Report language.

    Returns
    -------
    str

    Examples
    --------
    >>> from kemuning_eval.report.results.model import OutcomeEffect
    >>> e = OutcomeEffect.model_construct(program_id=None, name=None, outcome="on_time", label="On-time completion",
    ...                                   estimate=0.073, ci_low=-0.078, ci_high=0.223, p_holm=0.33,
    ...                                   verdict="not_shown")
    >>> effect_sentence(e, "en")
    'All programmes: an effect on On-time completion is not shown (effect 0.073, 95% CI [-0.078, 0.223]; Holm p 0.330).'
    """
    return t(f"report.effects.verdict.{effect.verdict}", lang, scope=_scope(effect, lang), outcome=effect.label,
             size=size_phrase(effect, lang), estimate=fmt_number(effect.estimate, 3, lang),
             ci=fmt_ci(effect.ci_low, effect.ci_high, 3, lang), p=fmt_p(effect.p_holm, lang))


def sentences(effects: list[OutcomeEffect], lang: str) -> list[str]:
    """The introduction and the sentences of the effects shown (improved or worsened) and of the pooled row.

    Every pooled effect is worded; a programme's effect only when it is shown
    (the table holds every row).

    Parameters
    ----------
    effects : list of OutcomeEffect
        ``results.effects``.
    lang : {"id", "en"}
        Report language.

    Returns
    -------
    list of str

    Examples
    --------
    >>> sentences([], "id")
    []
    """
    if not effects:
        return []
    n = len({e.outcome for e in effects})
    worded = [effect_sentence(e, lang) for e in effects if e.program_id is None or e.verdict != "not_shown"]
    return [t("report.effects.intro", lang, n=fmt_count(n, lang)), " ".join(worded)]


def table_rows(effects: list[OutcomeEffect], lang: str) -> tuple[list[dict], list[tuple[str, str, Any]]]:
    """The table of every effect: scope, indicator, better direction, effect, CI, Holm p, pre-trend test, reading.

    Examples
    --------
    >>> table_rows([], "id")[0]
    []
    """
    def pretrend(e: OutcomeEffect) -> str | None:
        if e.pretrend_p is None:
            return None
        state = "rejected" if e.parallel_trends_rejected else "not_rejected"
        return f"{fmt_p(e.pretrend_p, lang)} ({t(f'report.effects.pretrend.{state}', lang)})"

    rows = [{"scope": _scope(e, lang), "outcome": e.label,
             "better": t(f"report.effects.better.{str(e.higher_is_better).lower()}", lang),
             "estimate": fmt_number(e.estimate, 3, lang), "ci": fmt_ci(e.ci_low, e.ci_high, 3, lang),
             "p_holm": fmt_p(e.p_holm, lang), "pretrend": pretrend(e),
             "verdict": t(f"report.effects.label.{e.verdict}", lang)} for e in effects]
    columns = [("scope", "eff_scope", None), ("outcome", "eff_outcome", None), ("better", "eff_better", None),
               ("estimate", "eff_estimate", None), ("ci", "eff_ci", None), ("p_holm", "eff_p_holm", None),
               ("pretrend", "eff_pretrend", None), ("verdict", "eff_verdict", None)]
    return rows, columns


def summary_line(effects: list[OutcomeEffect], lang: str) -> str:
    """The executive summary's sentence of Level 4: what improved or worsened, and where; else not shown.

    Examples
    --------
    >>> summary_line([], "en")
    'Results: no effect on the unit indicators is shown yet (after correction across indicators).'
    """
    shown = {}
    for e in effects:
        if e.verdict != "not_shown":
            shown.setdefault((e.label, e.verdict), []).append(_scope(e, lang))
    if not shown:
        return t("report.effects.summary.none", lang)
    parts = [t(f"report.effects.summary.{verdict}", lang, outcome=label, scopes=", ".join(scopes))
             for (label, verdict), scopes in shown.items()]
    return t("report.effects.summary.text", lang, parts="; ".join(parts))
