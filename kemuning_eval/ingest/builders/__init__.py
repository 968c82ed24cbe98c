"""The builders of the ingestion run: one module per output table, plus the state and helpers they share.

:mod:`.state` holds what one run shares (configuration, key, inputs read,
problems, cleaning log, caches); :mod:`.read` fills it from the raw exports.
Each builder takes that state and the tables it depends on as arguments and
returns its own table: :mod:`.roster` (``participants``), :mod:`.programs`
(``programs``), :mod:`.facilitators`, :mod:`.surveys` (``reaction``,
``facilitator_ratings``), :mod:`.scores` (``tests``), :mod:`.observations`,
:mod:`.outcomes`, :mod:`.interviews`, :mod:`.benefits`, :mod:`.jp`
(``jp_records``) and :mod:`.items`.  Shared helpers: :mod:`.ids` (NIP and
pseudonym caches), :mod:`.people` (person keys of a record), :mod:`.linking`
(the roster and linking to it), :mod:`.repeats` (duplicates), :mod:`.measures`
(answer-quality measures), :mod:`.columns` (column conversions) and
:mod:`.privacy` (the final PII check); :mod:`.examples` runs them on small
tables in memory for examples and tests.  The order of the builders is
:func:`kemuning_eval.ingest.pipeline.build_tables`.
"""
