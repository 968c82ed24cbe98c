"""Every band, cut-off and decision rule of the statistics, each defined once.

The functions return language-neutral *codes*; the wording layer
(:mod:`kemuning_eval.report.content.labels`) turns a code into catalogue text.
Each decision is made on the unrounded value unless its source prescribes a
rounding (Likert categories and IKM grades are placed on the value rounded to
2 decimals, as published).

- **Cohen's d** (Cohen 1988, *Statistical Power Analysis for the Behavioral
  Sciences*, 2nd ed.): on ``|d|``, < 0.2 ``negligible``, < 0.5 ``small``,
  < 0.8 ``medium``, otherwise ``large`` (:func:`effect_band`).
- **Normalised gain** (Hake 1998, *Am. J. Phys.* 66, 64-74): < 0.3 ``low``,
  < 0.7 ``medium``, otherwise ``high`` (:func:`gain_band`).
- **Cronbach's alpha** (George & Mallery 2003, *SPSS for Windows Step by
  Step*, 4th ed.): > .9 ``excellent``, > .8 ``good``, > .7 ``acceptable``,
  > .6 ``questionable``, > .5 ``poor``, else ``unacceptable``
  (:func:`alpha_band`); reliability is flagged low below
  :data:`LOW_RELIABILITY_BELOW` = 0.70 (:func:`is_low_reliability`).
- **Likert categories** on a 1-5 mean, the common Indonesian equal-width class
  interval (5 - 1) / 5 = 0.8: 1.00 ``sangat_kurang``, 1.81 ``kurang``,
  2.61 ``cukup``, 3.41 ``baik``, 4.21 ``sangat_baik`` (lowest mean of each
  band, :data:`LIKERT_CUTOFFS`).  Agencies differ: ``scoring.likert_cutoffs``
  in ``studi.yaml`` replaces them, and its labels are kept as given
  (:func:`likert_category`).
- **IKM** (PermenPANRB 14/2017): converted index = index x 25
  (:func:`ikm_converted`); grades on the converted index rounded to
  2 decimals: < 65.00 D ``tidak_baik``, < 76.61 C ``kurang_baik``,
  < 88.31 B ``baik``, otherwise A ``sangat_baik`` (:func:`ikm_grade`).  An
  element below B (C or D) needs a follow-up plan (:func:`ikm_below_b`,
  :func:`ikm_element_weak` with the configurable boundary, default NRR 3.0644);
  its priority is ``high`` below the converted value 70.80, the midpoint of
  grade C, else ``medium`` (:func:`follow_up_priority`).
- **Significance** (:func:`significance`): ``increase``/``decrease`` only when
  ``p < alpha`` **and** the CI excludes zero on the side of the estimate; a
  CI that includes zero is ``none`` (no evidence of a change); a p-value and
  CI that disagree, or missing values, are ``inconclusive``.  The default
  alpha is the study rules' (``config.REPORT_RULE_DEFAULTS["alpha"]``).
- **Benefit-cost ratio** (:func:`bcr_band`): ``breakeven`` ("impas") when
  ``|BCR - 1| <= halfwidth`` (default 0.05, ``report.rules.breakeven_halfwidth``),
  else ``below`` or ``above`` 1 (Phillips: BCR 1 is the break-even point).

Examples
--------
>>> effect_band(0.1996), effect_band(-0.81), gain_band(0.5), alpha_band(0.8)
('negligible', 'large', 'medium', 'acceptable')
>>> significance(1.2, 0.05, 2.35, 0.0496), is_significant(1.2, 0.05, 2.35, 0.0501)
('increase', False)
>>> ikm_grade(ikm_converted(3.2444444))
('B', 'baik')
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from kemuning_eval.config import REPORT_RULE_DEFAULTS
from kemuning_eval.numfmt import round_half_away

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    import pandas as pd

#: Significance level of every test, unless the study's ``report.rules.alpha`` says otherwise.
DEFAULT_ALPHA: float = REPORT_RULE_DEFAULTS["alpha"]

#: Cohen (1988): (upper bound exclusive on |d|, code); the last band is open.
COHEN_BANDS: tuple[tuple[float, str], ...] = (
    (0.2, "negligible"), (0.5, "small"), (0.8, "medium"), (math.inf, "large"))
#: Hake (1998): (upper bound exclusive on g, code).
HAKE_BANDS: tuple[tuple[float, str], ...] = ((0.3, "low"), (0.7, "medium"), (math.inf, "high"))
#: George & Mallery (2003): (lower bound exclusive on alpha, code), from the top.
ALPHA_BANDS: tuple[tuple[float, str], ...] = (
    (0.9, "excellent"), (0.8, "good"), (0.7, "acceptable"),
    (0.6, "questionable"), (0.5, "poor"), (-math.inf, "unacceptable"))
#: A scale with alpha below this is flagged "low reliability" (George & Mallery's "acceptable" floor).
LOW_RELIABILITY_BELOW = 0.70
#: Default Likert categories on a 1-5 mean: code -> lowest mean (rounded to 2 decimals) of the band.
LIKERT_CUTOFFS: Mapping[str, float] = {
    "sangat_kurang": 1.00, "kurang": 1.81, "cukup": 2.61, "baik": 3.41, "sangat_baik": 4.21}
#: PermenPANRB 14/2017: the converted index is the index (1-4) times this.
IKM_CONVERSION = 25
#: PermenPANRB 14/2017: (upper bound exclusive on the converted index rounded to 2 decimals, grade, quality code).
IKM_GRADES: tuple[tuple[float, str, str], ...] = (
    (65.00, "D", "tidak_baik"), (76.61, "C", "kurang_baik"),
    (88.31, "B", "baik"), (math.inf, "A", "sangat_baik"))

#: Half-width around BCR 1 read as break-even ("impas"), unless ``report.rules.breakeven_halfwidth`` says otherwise.
DEFAULT_BREAKEVEN_HALFWIDTH: float = REPORT_RULE_DEFAULTS["breakeven_halfwidth"]
BCR_BANDS: tuple[str, ...] = ("below", "breakeven", "above")

KINDS: tuple[str, ...] = ("cohen", "hake", "alpha", "likert", "ikm", "direction", "bcr")
#: The codes of each kind (for the wording layer's catalogue and its tests).
CODES: Mapping[str, tuple[str, ...]] = {
    "cohen": tuple(c for _, c in COHEN_BANDS),
    "hake": tuple(c for _, c in HAKE_BANDS),
    "alpha": tuple(c for _, c in ALPHA_BANDS),
    "likert": tuple(LIKERT_CUTOFFS),
    "ikm": tuple(c for _, _, c in IKM_GRADES),
    "direction": ("increase", "decrease", "none", "inconclusive"),
    "bcr": BCR_BANDS,
}


def _finite(value: float | None) -> bool:
    return value is not None and isinstance(value, (int, float)) and math.isfinite(value)


def _upper_band(value: float | None, bands: Sequence[tuple[float, str]]) -> str | None:
    """Code of the first band whose (exclusive) upper bound exceeds ``value``."""
    if not _finite(value):
        return None
    return next(code for bound, code in bands if value < bound)


def effect_band(d: float | None) -> str | None:
    """Cohen's (1988) band of a standardised effect size (sign ignored).

    Parameters
    ----------
    d : float or None
        The effect size, unrounded.

    Returns
    -------
    str or None
        ``"negligible"`` (< 0.2), ``"small"`` (< 0.5), ``"medium"`` (< 0.8),
        ``"large"``; ``None`` if missing or not finite.

    Examples
    --------
    >>> [effect_band(d) for d in (0.19, 0.2, -0.5, 0.8, None, float("nan"))]
    ['negligible', 'small', 'medium', 'large', None, None]
    """
    return _upper_band(abs(d) if _finite(d) else None, COHEN_BANDS)


def gain_band(g: float | None) -> str | None:
    """Hake's (1998) band of a normalised gain.

    Parameters
    ----------
    g : float or None
        The gain, unrounded.

    Returns
    -------
    str or None
        ``"low"`` (< 0.3), ``"medium"`` (< 0.7), ``"high"``; ``None`` if missing.

    Examples
    --------
    >>> [gain_band(g) for g in (0.299, 0.3, 0.7, -0.1, None)]
    ['low', 'medium', 'high', 'low', None]
    """
    return _upper_band(g, HAKE_BANDS)


def alpha_band(alpha: float | None) -> str | None:
    """George & Mallery's (2003) band of Cronbach's alpha (bounds are strict: 0.8 is acceptable).

    Parameters
    ----------
    alpha : float or None
        The coefficient, unrounded.

    Returns
    -------
    str or None
        ``"excellent"``, ``"good"``, ``"acceptable"``, ``"questionable"``,
        ``"poor"`` or ``"unacceptable"``; ``None`` if missing.

    Examples
    --------
    >>> alpha_band(0.91), alpha_band(0.9), alpha_band(0.42), alpha_band(None)
    ('excellent', 'good', 'unacceptable', None)
    """
    if not _finite(alpha):
        return None
    return next(code for bound, code in ALPHA_BANDS if alpha > bound)


def is_low_reliability(alpha: float | None) -> bool:
    """True when alpha is below :data:`LOW_RELIABILITY_BELOW` (0.70); False when missing.

    Examples
    --------
    >>> is_low_reliability(0.6999), is_low_reliability(0.70), is_low_reliability(None)
    (True, False, False)
    """
    return _finite(alpha) and alpha < LOW_RELIABILITY_BELOW


def likert_category(
    means: Sequence[float] | np.ndarray | pd.Series,
    cutoffs: Mapping[str, float] | None = None,
) -> list[str | None]:
    """Place mean scores in Likert categories; ``None`` where the mean is missing.

    Parameters
    ----------
    means : array-like of float
        Mean scores, each rounded half away from zero to 2 decimals first (as published).
    cutoffs : mapping of label -> lowest mean, optional
        Bands in strictly increasing order (``scoring.likert_cutoffs``); their
        labels are returned as given.  A mean below the first bound falls in the
        first band.  Default :data:`LIKERT_CUTOFFS` (codes).

    Returns
    -------
    list of str or None

    Raises
    ------
    kemuning_eval.errors.UsageError
        For empty or non-increasing ``cutoffs``.

    Examples
    --------
    >>> likert_category([1.8, 1.805, 3.404, 4.205, float("nan")])
    ['sangat_kurang', 'kurang', 'cukup', 'sangat_baik', None]
    >>> likert_category([2.4, 3.6], {"Rendah": 1, "Sedang": 2.5, "Tinggi": 3.5})
    ['Rendah', 'Tinggi']
    """
    import numpy as np

    from kemuning_eval.errors import check_arg

    if cutoffs is None:
        cutoffs = LIKERT_CUTOFFS
    check_arg(isinstance(cutoffs, Mapping) and len(cutoffs) > 0, "cutoffs", cutoffs,
              "a mapping of band label -> lowest mean, e.g. {'Kurang': 1, 'Baik': 3.41}")
    labels = [str(k) for k in cutoffs]
    bounds = np.array([float(v) for v in cutoffs.values()], dtype=np.float64)
    check_arg(bool(np.all(np.diff(bounds) > 0)), "cutoffs", dict(cutoffs),
              "lower bounds in strictly increasing order")
    x = np.array([round_half_away(v, 2) if np.isfinite(v) else np.nan
                  for v in np.asarray(means, dtype=np.float64)])
    pos = np.maximum(np.searchsorted(bounds, x, side="right") - 1, 0)
    return [None if np.isnan(v) else labels[i] for v, i in zip(x, pos, strict=True)]


def ikm_converted(index: Any) -> Any:
    """PermenPANRB 14/2017 converted index: the index (1-4) times 25, unrounded.

    Applies alike to the whole index and to one element's NRR.

    Parameters
    ----------
    index : float, ndarray or Series
        The index (weighted NRR sum) or an element's NRR.

    Returns
    -------
    float, ndarray or Series
        ``index * 25``, the same type as ``index``.

    Examples
    --------
    >>> round(ikm_converted(3.0644), 2), ikm_converted(4.0)
    (76.61, 100.0)
    """
    return index * IKM_CONVERSION


def ikm_grade(converted: float | None) -> tuple[str, str] | tuple[None, None]:
    """Grade letter and quality code of a converted IKM (placed on its value rounded to 2 decimals).

    Parameters
    ----------
    converted : float or None
        The converted index (25-100), unrounded.

    Returns
    -------
    (str, str) or (None, None)
        ``("A", "sangat_baik")``, ``("B", "baik")``, ``("C", "kurang_baik")``
        or ``("D", "tidak_baik")``; ``(None, None)`` if missing.

    Examples
    --------
    >>> ikm_grade(81.11), ikm_grade(76.605), ikm_grade(64.994), ikm_grade(88.31)
    (('B', 'baik'), ('B', 'baik'), ('D', 'tidak_baik'), ('A', 'sangat_baik'))
    """
    if not _finite(converted):
        return None, None
    value = round_half_away(converted, 2)
    return next((grade, code) for bound, grade, code in IKM_GRADES if value < bound)


def significance(estimate: float | None, ci_low: float | None, ci_high: float | None,
                 p: float | None, alpha: float = DEFAULT_ALPHA) -> str:
    """Direction of a change: ``increase``, ``decrease``, ``none`` or ``inconclusive``.

    Decided on unrounded values: ``increase``/``decrease`` need ``p < alpha``
    and a CI that excludes zero on the side of the estimate; a CI including
    zero is ``none``; missing values or a p-value and CI that disagree are
    ``inconclusive``.

    Parameters
    ----------
    estimate, ci_low, ci_high, p : float or None
        The estimate, its CI and its p-value.
    alpha : float, default :data:`DEFAULT_ALPHA`
        Significance level.

    Returns
    -------
    str

    Examples
    --------
    >>> significance(-2.0, -3.0, -1.0, 0.001), significance(2.0, 0.5, 3.5, 0.09)
    ('decrease', 'inconclusive')
    >>> significance(3.2, -0.4, 6.8, 0.08), significance(None, 1.0, 2.0, 0.01)
    ('none', 'inconclusive')
    """
    values = (estimate, ci_low, ci_high, p)
    if not all(_finite(v) for v in values):
        return "inconclusive"
    if not (ci_low > 0 or ci_high < 0):
        return "none"
    if p < alpha:
        if ci_low > 0 and estimate > 0:
            return "increase"
        if ci_high < 0 and estimate < 0:
            return "decrease"
    return "inconclusive"


def significant_after_holm(direction: str | None, p_holm: float | None, alpha: float = DEFAULT_ALPHA) -> bool:
    """Whether a change stays significant after Holm's correction across a family of outcomes.

    The change must be a significant ``increase`` or ``decrease`` on its own
    (:func:`significance`) and its Holm-adjusted p-value (Holm 1979) below ``alpha``.

    Examples
    --------
    >>> significant_after_holm("increase", 0.0144), significant_after_holm("increase", 0.06)
    (True, False)
    >>> significant_after_holm("none", 0.01), significant_after_holm("decrease", None)
    (False, False)
    """
    return direction in ("increase", "decrease") and _finite(p_holm) and p_holm < alpha


def outcome_verdict(direction: str | None, p_holm: float | None, higher_is_better: bool,
                    alpha: float = DEFAULT_ALPHA) -> str:
    """``improved``, ``worsened`` or ``not_shown``: a unit outcome's effect read in the outcome's direction.

    An effect is shown only when it is significant after Holm's correction
    (:func:`significant_after_holm`); it is an improvement when it moves the
    outcome the way the study declares better (``outcomes.higher_is_better``).

    Examples
    --------
    >>> outcome_verdict("decrease", 0.001, higher_is_better=False), outcome_verdict("decrease", 0.001, True)
    ('improved', 'worsened')
    >>> outcome_verdict("increase", 0.2, True)
    'not_shown'
    """
    if not significant_after_holm(direction, p_holm, alpha):
        return "not_shown"
    return "improved" if (direction == "increase") == bool(higher_is_better) else "worsened"


def is_significant(estimate: float | None, ci_low: float | None, ci_high: float | None,
                   p: float | None, alpha: float = DEFAULT_ALPHA) -> bool:
    """True for a significant increase or decrease (see :func:`significance`).

    Examples
    --------
    >>> is_significant(1.0, 0.2, 1.8, 0.01), is_significant(1.0, -0.2, 1.8, 0.01)
    (True, False)
    """
    return significance(estimate, ci_low, ci_high, p, alpha) in ("increase", "decrease")


def bcr_band(bcr: float | None, halfwidth: float = DEFAULT_BREAKEVEN_HALFWIDTH) -> str | None:
    """Where a benefit-cost ratio lies: ``below`` 1, ``breakeven`` (within ``halfwidth`` of 1) or ``above``.

    Decided on the unrounded BCR (1.0496 is break-even at the default 0.05, 1.0501 is above).

    Parameters
    ----------
    bcr : float or None
        Benefits / costs.
    halfwidth : float, default :data:`DEFAULT_BREAKEVEN_HALFWIDTH`
        Distance from 1 still read as break-even (inclusive).

    Returns
    -------
    str or None
        A code of :data:`BCR_BANDS`, ``None`` without a finite BCR.

    Examples
    --------
    >>> bcr_band(1.03), bcr_band(0.80), bcr_band(1.0501), bcr_band(0.95), bcr_band(None)
    ('breakeven', 'below', 'above', 'breakeven', None)
    """
    if not _finite(bcr):
        return None
    gap = abs(bcr - 1.0)
    if gap <= halfwidth or math.isclose(gap, halfwidth, rel_tol=1e-9, abs_tol=1e-12):  # 0.95 - 1 is not -0.05 in binary
        return "breakeven"
    return "below" if bcr < 1.0 else "above"


#: PermenPANRB 14/2017: the grades below "B" (an element or index in them needs a follow-up plan).
IKM_BELOW_B: tuple[str, ...] = ("C", "D")


def ikm_below_b(converted: float | None) -> bool | None:
    """True when a converted IKM value (25-100) grades C or D, decided by :func:`ikm_grade`.

    Parameters
    ----------
    converted : float or None
        The converted value (NRR x 25, or the index x 25), unrounded.

    Returns
    -------
    bool or None
        ``None`` when the value is missing.

    Examples
    --------
    >>> ikm_below_b(76.6025), ikm_below_b(76.6075), ikm_below_b(None)
    (True, False, None)
    """
    grade, _ = ikm_grade(converted)
    return None if grade is None else grade in IKM_BELOW_B


def ikm_element_weak(nrr: float | None, nrr_min: float = REPORT_RULE_DEFAULTS["ikm_nrr_min"]) -> bool:
    """True when an element's NRR (1-4) falls below the configured boundary (default: grade B).

    Both values are converted (x25) and placed on 2 decimals as the regulation
    grades them, so with the default boundary 3.0644 (76.61 / 25) an element
    is weak exactly when :func:`ikm_below_b` says so.

    Parameters
    ----------
    nrr : float or None
        The element's mean score (NRR), unrounded.
    nrr_min : float, default ``report.rules.ikm_nrr_min``
        The lowest NRR that is not weak.

    Returns
    -------
    bool
        False when the NRR is missing.

    Examples
    --------
    >>> ikm_element_weak(3.0641), ikm_element_weak(3.0643), ikm_element_weak(3.0645), ikm_element_weak(None)
    (True, False, False, False)
    >>> ikm_element_weak(3.2, nrr_min=3.25)
    True
    """
    if not _finite(nrr):
        return False
    value = round_half_away(ikm_converted(nrr), 2)
    return value < round_half_away(ikm_converted(nrr_min), 2)


def follow_up_priority(
    converted: float | None,
    high_below: float = REPORT_RULE_DEFAULTS["ikm_priority_high_converted"],
) -> str | None:
    """Priority of a weak IKM element in the follow-up plan: ``"high"`` or ``"medium"``.

    ``"high"`` when the converted value (rounded to 2 decimals, as graded) is
    below ``high_below`` (default 70.80, the midpoint of grade C,
    (65.00 + 76.60) / 2, so grade D and the lower half of C), else ``"medium"``.

    Parameters
    ----------
    converted : float or None
        The element's converted value (NRR x 25), unrounded.
    high_below : float, default ``report.rules.ikm_priority_high_converted``
        The converted value below which the priority is high.

    Returns
    -------
    str or None
        ``None`` when the value is missing.

    Examples
    --------
    >>> follow_up_priority(70.25), follow_up_priority(73.75), follow_up_priority(None)
    ('high', 'medium', None)
    """
    if not _finite(converted):
        return None
    return "high" if round_half_away(converted, 2) < high_below else "medium"
