"""``kemuning-eval synth``: write a synthetic study in the shapes real exports have.

Examples
--------
>>> from kemuning_eval.cli import main
>>> main(["synth", "--help"])  # doctest: +ELLIPSIS
usage: kemuning-eval synth [-h] --year YEAR ...
...
0
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kemuning_eval.commands import text


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``synth`` subcommand to ``sub``."""
    p = sub.add_parser("synth", help=text("synth.help"), description=text("synth.description"))
    p.add_argument("--year", type=int, required=True, help=text("opt.year"))
    p.add_argument("--participants", type=int, default=600, help=text("synth.participants"))
    p.add_argument("--seed", type=int, default=None, help=text("synth.seed"))
    p.add_argument("--out", type=Path, default=None, help=text("synth.out"))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Write the study; return exit code 0."""
    from kemuning_eval.paths import ProjectPaths
    from kemuning_eval.synth import write_study

    out = args.out or ProjectPaths.discover().raw(args.year)
    seed = args.year if args.seed is None else args.seed
    write_study(out, year=args.year, participants=args.participants, seed=seed)
    return 0
