"""``kemuning-eval ingest --year Y``: raw exports -> clean, pseudonymised tables.

Examples
--------
>>> from kemuning_eval.cli import main
>>> main(["ingest", "--help"])  # doctest: +ELLIPSIS
usage: kemuning-eval ingest [-h] --year YEAR [--force]
...
0
"""

from __future__ import annotations

import argparse

from kemuning_eval.commands import text


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``ingest`` subcommand to ``sub``."""
    p = sub.add_parser("ingest", help=text("ingest.help"), description=text("ingest.description"))
    p.add_argument("--year", type=int, required=True, help=text("opt.year"))
    p.add_argument("--force", action="store_true", help=text("ingest.force"))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Ingest the year's raw data; return exit code 0."""
    from kemuning_eval.ingest.pipeline import ingest_study

    ingest_study(args.year, force=args.force)
    return 0
