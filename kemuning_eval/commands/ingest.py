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
    """Add the ``ingest`` subcommand to ``sub`` (the main parser's subparsers).

    Examples
    --------
    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="kemuning-eval")
    >>> register(parser.add_subparsers())
    >>> parser.parse_args(["ingest", "--year", "2026", "--force"]).force
    True
    """
    p = sub.add_parser("ingest", help=text("ingest.help"), description=text("ingest.description"))
    p.add_argument("--year", type=int, required=True, help=text("opt.year"))
    p.add_argument("--force", action="store_true", help=text("ingest.force"))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Ingest the year's raw data; return exit code 0.

    Examples
    --------
    >>> import argparse, os, tempfile
    >>> from unittest import mock
    >>> from kemuning_eval.errors import KemuningEvalError
    >>> with tempfile.TemporaryDirectory() as tmp, mock.patch.dict(os.environ, {"KEMUNING_EVAL_ROOT": tmp}):
    ...     try:
    ...         run(argparse.Namespace(year=1999, force=False))
    ...     except KemuningEvalError as exc:
    ...         print(type(exc).__name__, "1999" in str(exc))
    ConfigError True
    """
    from kemuning_eval.ingest.pipeline import ingest_study

    ingest_study(args.year, force=args.force)
    return 0
