"""``kemuning-eval synth``: write a synthetic study in the shapes real exports have."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "synth",
        help="generate a synthetic study (clearly labelled) for a year",
        description="Generate a seeded, clearly labelled synthetic study: raw exports, "
        "codebooks and studi.yaml, in the shapes real users have.",
    )
    p.add_argument("--year", type=int, required=True, help="study year, e.g. 2026")
    p.add_argument("--participants", type=int, default=600, help="participants (default 600)")
    p.add_argument("--seed", type=int, default=None, help="random seed (default: the year)")
    p.add_argument("--out", type=Path, default=None, help="output folder (default data/raw/YEAR)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kemuning_eval.paths import ProjectPaths
    from kemuning_eval.synth import write_study

    out = args.out or ProjectPaths.discover().raw(args.year)
    seed = args.year if args.seed is None else args.seed
    write_study(out, year=args.year, participants=args.participants, seed=seed)
    return 0
