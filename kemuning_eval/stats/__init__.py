"""Statistics: pure functions, tidy DataFrame in, tidy DataFrame out.

Statistics I (Kirkpatrick level 1-2 and survey design):

- :mod:`~kemuning_eval.stats.likert` -- item and dimension summaries of Likert scales
- :mod:`~kemuning_eval.stats.ikm` -- Indeks Kepuasan Masyarakat (PermenPANRB 14/2017)
- :mod:`~kemuning_eval.stats.reliability` -- Cronbach's alpha and item analysis
- :mod:`~kemuning_eval.stats.learning` -- pre/post change, tests, effect sizes, gain, pass rate
- :mod:`~kemuning_eval.stats.facilitators` -- widyaiswara ratings
- :mod:`~kemuning_eval.stats.sampling` -- Krejcie-Morgan sample size and response rates
- :mod:`~kemuning_eval.stats.suppression` -- primary and secondary small-cell suppression
- :mod:`~kemuning_eval.stats.bands` -- every band, cut-off and decision rule (Cohen, Hake,
  George & Mallery, Likert categories, IKM grades, significance), returned as codes
- :mod:`~kemuning_eval.stats._common` -- shared helpers (column checks, t and Wilson intervals,
  the total-row constant ``TOTAL``)

Statistics II: ``behavior``, ``did`` (with ``wildboot``, the wild cluster bootstrap for few
treated clusters), ``groups`` (two independent groups), ``cost``, ``roi``, ``qualitative``.

This package imports nothing heavy: import the submodule you need, e.g.
``from kemuning_eval.stats.likert import summarize_items``.

Output columns are chosen once for all modules: ``n``, ``estimate``, ``sd``,
``ci_low``, ``ci_high``, ``statistic``, ``df``, ``p_val``, ``method``, the
grouping columns, and ``suppressed`` / ``suppression`` where small groups are
hidden.  Bands and categories are language-neutral codes (``band="large"``,
``category="baik"``); no function takes a language: the report's wording turns codes into text.

Examples
--------
>>> import kemuning_eval.stats
>>> "likert" in kemuning_eval.stats.__doc__
True
"""

from __future__ import annotations
