"""``kemuning-eval ingest --year Y``: raw exports -> clean, pseudonymised tables."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "ingest",
        help="clean, validate and pseudonymise data/raw/YEAR into data/processed/YEAR",
        description="Read, validate, de-duplicate, link and pseudonymise the raw exports of "
        "a year and write tidy parquet tables, a manifest and a data-quality table to "
        "data/processed/YEAR (atomically: a failed run leaves the previous version).",
    )
    p.add_argument("--year", type=int, required=True, help="study year, e.g. 2026")
    p.add_argument("--force", action="store_true", help="rebuild even when inputs are unchanged")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kemuning_eval.ingest.pipeline import ingest_study

    ingest_study(args.year, force=args.force)
    return 0
