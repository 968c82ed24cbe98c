"""From raw exports to clean, pseudonymised, tidy tables.

One concern per module: :mod:`.readers` (CSV/XLSX/SAV), :mod:`.labels`
(Likert label matching), :mod:`.codebook` (codebooks, typing, templates),
:mod:`.nip` (NIP validation), :mod:`.pseudonym` (keyed pseudonyms),
:mod:`.scrub` (free-text scrubbing), :mod:`.duplicates`, :mod:`.link`,
:mod:`.quality` (data-quality table), :mod:`.store` (atomic output and
loading) and :mod:`.pipeline` (the public entry points
:func:`~.pipeline.validate_study` and :func:`~.pipeline.ingest_study`).
"""
