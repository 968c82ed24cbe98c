"""The annual evaluation report: metrics, narrative, notebooks executed and published as HTML.

Content (what the report says): :mod:`~kemuning_eval.report.results.metrics`,
``narrative``, ``rules``, ``figures``, ``tables``, ``provenance``.
Engine (how it is built): :mod:`~kemuning_eval.report.engine.build` (entry point),
``execute`` (papermill), ``kernel``, ``export`` (nbconvert), ``toc``,
``images``, ``checks``, ``publish``, ``cache``, ``index``.  The contract
between them is ``docs/report-pipeline.md``.

This package imports nothing heavy; import the submodules you need.
"""
