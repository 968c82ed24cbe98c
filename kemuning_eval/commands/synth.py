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
    """Add the ``synth`` subcommand to ``sub`` (the main parser's subparsers).

    Examples
    --------
    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="kemuning-eval")
    >>> register(parser.add_subparsers())
    >>> parser.parse_args(["synth", "--year", "2026"]).participants
    600
    """
    p = sub.add_parser("synth", help=text("synth.help"), description=text("synth.description"))
    p.add_argument("--year", type=int, required=True, help=text("opt.year"))
    p.add_argument("--participants", type=int, default=600, help=text("synth.participants"))
    p.add_argument("--seed", type=int, default=None, help=text("synth.seed"))
    p.add_argument("--out", type=Path, default=None, help=text("synth.out"))
    p.add_argument("--force", action="store_true", help=text("synth.force"))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Write the study; return exit code 0.

    Examples
    --------
    >>> import argparse, tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     args = argparse.Namespace(year=2026, participants=40, seed=1, out=Path(tmp) / "2026", force=False)
    ...     code = run(args)
    ...     written = sorted(p.name for p in (Path(tmp) / "2026").glob("*.csv"))
    >>> code, written[:2]
    (0, ['evaluasi-fasilitator-2026.csv', 'kinerja-unit-2026.csv'])
    """
    from kemuning_eval.boundary import guard
    from kemuning_eval.paths import ProjectPaths
    from kemuning_eval.synth import write_study

    out = args.out or ProjectPaths.discover().raw(args.year)
    seed = args.year if args.seed is None else args.seed
    guard(write_study, out, year=args.year, participants=args.participants, seed=seed, force=bool(args.force),
          file=str(out))
    return 0
