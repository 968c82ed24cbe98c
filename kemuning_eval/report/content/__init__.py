"""Wording of the report: sentences, tables, figures and HTML from the stored results.

Decides nothing: every decision is read from :mod:`kemuning_eval.report.results`; numbers are
rounded here, for display only.
"""
