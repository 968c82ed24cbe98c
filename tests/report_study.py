"""A small synthetic study, ingested once, shared by the report-content tests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

KEY = "test-key-report-content-0123456789abcdef"


def build_study(root: Path, years: tuple[int, ...] = (2026,), participants: int = 240) -> Path:
    """Write and ingest a synthetic study under ``root`` (data/raw, data/processed, notebooks)."""
    from kemuning_eval.ingest.pipeline import ingest_study
    from kemuning_eval.paths import ProjectPaths
    from kemuning_eval.synth import write_study

    paths = ProjectPaths(root)
    (root / "notebooks").mkdir(parents=True, exist_ok=True)
    with pseudonym_key(KEY):
        for year in years:
            write_study(paths.raw(year), year=year, participants=participants, seed=year)
            ingest_study(year, paths=paths)
    return root


@contextmanager
def pseudonym_key(key: str) -> Iterator[None]:
    """Set ``KEMUNING_EVAL_KEY`` to ``key`` for the block, then restore it."""
    old = os.environ.get("KEMUNING_EVAL_KEY")
    os.environ["KEMUNING_EVAL_KEY"] = key
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("KEMUNING_EVAL_KEY", None)
        else:
            os.environ["KEMUNING_EVAL_KEY"] = old
