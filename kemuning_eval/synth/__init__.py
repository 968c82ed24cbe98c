"""Seeded generator of clearly labelled synthetic studies and their true effects.

:func:`write_study` writes one study year in the raw shapes of
``docs/architecture.md``; :func:`true_effects` returns the parameters the
estimators should recover (also written to ``synthetic-truth.json``).

Examples
--------
>>> from kemuning_eval.synth import true_effects
>>> true_effects(2026)["synthetic"]
True
"""

from __future__ import annotations

from kemuning_eval.synth.study import write_study
from kemuning_eval.synth.truth import true_effects

__all__ = ["true_effects", "write_study"]
