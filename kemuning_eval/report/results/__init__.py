"""Computation of the report: every result and decision of the evaluation, from the processed tables.

Imports only :mod:`kemuning_eval.stats`, the processed tables and base modules; never the wording
(:mod:`kemuning_eval.report.content`) or the engine (:mod:`kemuning_eval.report.engine`).
"""
