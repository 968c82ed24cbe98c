"""``kemuning-eval validate --year Y``: check the raw data of a study, all problems at once."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "validate",
        help="check the raw data of a year; exit 1 when it cannot be used",
        description="Read every raw file of the study with its codebook and report every "
        "problem found (file, row, column, value, rule). Exit 0 (with warnings) when the "
        "data can be used, 1 when it cannot. Writes nothing to data/processed.",
    )
    p.add_argument("--year", type=int, required=True, help="study year, e.g. 2026")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kemuning_eval.ingest.pipeline import validate_study

    return validate_study(args.year)
