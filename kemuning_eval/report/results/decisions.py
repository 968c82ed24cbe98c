"""Decisions on a change, made once on unrounded values and stored in the metrics.

:mod:`.levels` stores ``direction``, ``significant`` and ``effect_band``
with each change; the wording layer reads them and never decides again.

- **Significance** (:func:`significance`): "increase"/"decrease" only when
  ``p < alpha`` **and** the 95 % CI excludes zero on the side of the
  estimate; a CI that includes zero is "none" (no evidence of a change); a
  p-value and CI that disagree (possible when p comes from another test) or
  missing values are "inconclusive".
- **Effect size** (:func:`effect_band`): Cohen's (1988) bands on ``|d|``:
  < 0.2 negligible, < 0.5 small, < 0.8 medium, otherwise large.
- **Reliability** (:func:`is_low_reliability`): alpha below
  :data:`kemuning_eval.stats.reliability.ALPHA_MIN` (0.70).

The significance level's default is the study rules' (``config.REPORT_RULE_DEFAULTS``).
These move to the statistics' band module with the language-neutral codes.

Examples
--------
>>> significance(3.2, 1.1, 5.3, 0.004), significance(3.2, -0.4, 6.8, 0.08)
('increase', 'none')
>>> significance(1.2, 0.05, 2.35, 0.0496), effect_band(0.1996)
('increase', 'negligible')
"""

from __future__ import annotations

import math

from kemuning_eval.config import REPORT_RULE_DEFAULTS
from kemuning_eval.stats.reliability import ALPHA_MIN

DEFAULT_ALPHA: float = REPORT_RULE_DEFAULTS["alpha"]


def significance(estimate: float | None, ci_low: float | None, ci_high: float | None,
                 p: float | None, alpha: float = DEFAULT_ALPHA) -> str:
    """Classify a change: ``increase``, ``decrease``, ``none`` or ``inconclusive``.

    ``increase``/``decrease`` need ``p < alpha`` and a CI that excludes zero
    on the side of the estimate.  A CI including zero is ``none`` (no evidence
    of a change).  Missing values give ``inconclusive``.

    Examples
    --------
    >>> significance(-2.0, -3.0, -1.0, 0.001)
    'decrease'
    >>> significance(2.0, 0.5, 3.5, 0.09)
    'inconclusive'
    """
    if None in (estimate, ci_low, ci_high, p):
        return "inconclusive"
    excludes_zero = ci_low > 0 or ci_high < 0
    if not excludes_zero:
        return "none"
    if p < alpha:
        if ci_low > 0 and estimate > 0:
            return "increase"
        if ci_high < 0 and estimate < 0:
            return "decrease"
    return "inconclusive"


def is_significant(estimate, ci_low, ci_high, p, alpha: float = DEFAULT_ALPHA) -> bool:
    """True for a significant increase or decrease (see :func:`significance`).

    Parameters
    ----------
    estimate, ci_low, ci_high, p : float or None
        The estimate, its 95 % CI and its p-value.
    alpha : float, default 0.05
        Significance level.

    Returns
    -------
    bool

    Examples
    --------
    >>> is_significant(1.0, 0.2, 1.8, 0.01), is_significant(1.0, -0.2, 1.8, 0.01)
    (True, False)
    """
    return significance(estimate, ci_low, ci_high, p, alpha) in ("increase", "decrease")


def effect_band(d: float | None) -> str | None:
    """Cohen's band of an effect size: negligible / small / medium / large (``None`` if missing).

    Parameters
    ----------
    d : float or None
        A standardised effect size (sign ignored).

    Returns
    -------
    str or None
        ``"negligible"`` (< 0.2), ``"small"`` (< 0.5), ``"medium"`` (< 0.8)
        or ``"large"`` (Cohen, 1988).

    Examples
    --------
    >>> [effect_band(d) for d in (0.19, 0.2, -0.5, 0.8, None)]
    ['negligible', 'small', 'medium', 'large', None]
    """
    if d is None or not math.isfinite(d):
        return None
    size = abs(d)
    if size < 0.2:
        return "negligible"
    if size < 0.5:
        return "small"
    if size < 0.8:
        return "medium"
    return "large"


def is_low_reliability(alpha: float | None) -> bool:
    """True when a scale's alpha is below :data:`~kemuning_eval.stats.reliability.ALPHA_MIN`; False when missing.

    Examples
    --------
    >>> is_low_reliability(0.6999), is_low_reliability(0.70), is_low_reliability(float("nan")), is_low_reliability(None)
    (True, False, False, False)
    """
    return alpha is not None and math.isfinite(alpha) and alpha < ALPHA_MIN
