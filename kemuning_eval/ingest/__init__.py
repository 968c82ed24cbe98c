"""From raw exports to clean, pseudonymised, tidy tables.

One concern per module: :mod:`.readers` and :mod:`.headers` (CSV/XLSX/SAV),
:mod:`.codebook`, :mod:`.convert`, :mod:`.dates`, :mod:`.numparse` and
:mod:`.labels` (codebooks, typing, Likert label matching), :mod:`.checks`
(input checks), :mod:`.nip` (NIP validation), :mod:`.pseudonym` (keyed
pseudonyms), :mod:`.duplicates` and :mod:`.dedupe` (repeats, person keys),
:mod:`.link` and :mod:`.programs` (roster and programme matching),
:mod:`.reverse_check`, :mod:`.quality` (data-quality table), :mod:`.store`
(atomic output and loading) and :mod:`.template` (codebook skeletons).
:mod:`.builders` holds one builder per output table and the run state they
share; :mod:`.pipeline` orders them and holds the public entry points
:func:`~.pipeline.validate_study` and :func:`~.pipeline.ingest_study`.
Free-text scrubbing is the base module :mod:`kemuning_eval.scrub`.
"""
