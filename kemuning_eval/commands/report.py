"""``kemuning-eval report --year Y``: execute the report notebooks and publish HTML, PDF and DOCX.

Examples
--------
>>> from kemuning_eval.cli import main
>>> main(["report", "--help"])  # doctest: +ELLIPSIS
usage: kemuning-eval report [-h] --year YEAR [--lang {id,en}] ...
...
0
"""

from __future__ import annotations

import argparse

from kemuning_eval.commands import text


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``report`` subcommand to ``sub`` (the main parser's subparsers).

    Examples
    --------
    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="kemuning-eval")
    >>> register(parser.add_subparsers())
    >>> parser.parse_args(["report", "--year", "2026", "--program", "all"]).program
    'all'
    """
    p = sub.add_parser("report", help=text("report.help"), description=text("report.description"))
    p.add_argument("--year", type=int, required=True, help=text("opt.year"))
    p.add_argument("--lang", choices=("id", "en"), default=None, help=text("report.lang"))
    p.add_argument("--program", default=None, metavar="ID", help=text("report.program"))
    p.add_argument("--jobs", type=int, default=None, help=text("report.jobs"))
    p.add_argument("--force", action="store_true", help=text("report.force"))
    p.add_argument("--with-previous", action="store_true", help=text("report.with_previous"))
    p.add_argument("--formats", default=None, metavar="html,pdf,docx", help=text("report.formats"))
    p.add_argument("--no-pdf", action="store_true", help=text("report.no_pdf"))
    p.add_argument("--no-docx", action="store_true", help=text("report.no_docx"))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Build the report(s); return the exit code.

    Examples
    --------
    >>> import argparse
    >>> from kemuning_eval.errors import UsageError
    >>> try:
    ...     run(argparse.Namespace(year=2026, lang=None, program="all", jobs=0, force=False))
    ... except UsageError as exc:
    ...     print("UsageError")
    UsageError
    """
    from kemuning_eval.context import processing
    from kemuning_eval.report.engine.build import build_from_cli

    # an unexpected failure names the year's processed data the report was built from
    with processing(file=f"data/processed/{args.year}", step="report"):
        return build_from_cli(args)
