"""``kemuning-eval validate --year Y``: check the raw data of a study, all problems at once.

Examples
--------
>>> from kemuning_eval.cli import main
>>> main(["validate", "--help"])  # doctest: +ELLIPSIS
usage: kemuning-eval validate [-h] --year YEAR
...
0
"""

from __future__ import annotations

import argparse

from kemuning_eval.commands import text


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``validate`` subcommand to ``sub``."""
    p = sub.add_parser("validate", help=text("validate.help"), description=text("validate.description"))
    p.add_argument("--year", type=int, required=True, help=text("opt.year"))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Validate the year's raw data; return 0 (usable) or 1 (not usable)."""
    from kemuning_eval.ingest.pipeline import validate_study

    return validate_study(args.year)
