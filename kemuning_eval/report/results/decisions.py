"""The decisions the level modules store with each result, from the statistics' band module.

The level modules (:mod:`.common` for a paired change) store ``direction``, ``significant``, ``effect_band``,
``gain_band`` and a scale's ``low`` reliability, each decided once on
unrounded values by :mod:`kemuning_eval.stats.bands` (where every band and
rule is defined, with its source); the wording layer reads them and never
decides again.  This module only names them for the results layer.

Examples
--------
>>> significance(3.2, 1.1, 5.3, 0.004), significance(3.2, -0.4, 6.8, 0.08)
('increase', 'none')
>>> significance(1.2, 0.05, 2.35, 0.0496), effect_band(0.1996)
('increase', 'negligible')
"""

from __future__ import annotations

from kemuning_eval.stats.bands import (
    DEFAULT_ALPHA,
    effect_band,
    gain_band,
    is_low_reliability,
    is_significant,
    significance,
)

__all__ = ["DEFAULT_ALPHA", "effect_band", "gain_band", "is_low_reliability", "is_significant", "significance"]
