"""Crafted metrics for tests: a partial metrics dict completed into a valid results model.

A test names only the numbers it is about (``{"cost": {"available": True, "roi_pct": -5.0}}``);
the completion lives with the content layer's examples
(:mod:`kemuning_eval.report.content.examples`), so doctests and tests build results the same way.
"""

from __future__ import annotations

from kemuning_eval.report.content.examples import complete, crafted

__all__ = ["complete", "crafted"]
