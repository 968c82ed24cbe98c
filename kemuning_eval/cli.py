"""The ``kemuning-eval`` command line.

Subcommands live in :mod:`kemuning_eval.commands`, one module each, with a
``register(subparsers)`` function.  This module owns what they share: global
options, exit codes and the translation of user errors into clear messages.

Exit codes: 0 ok, 1 a problem with the data (any
:class:`~kemuning_eval.errors.KemuningEvalError`), 2 bad usage, 130 interrupted.

Examples
--------
>>> main(["--version"])  # doctest: +ELLIPSIS
kemuning-eval ...
0
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from kemuning_eval import __version__
from kemuning_eval.errors import KemuningEvalError

#: Subcommand modules, in the order ``--help`` lists them.
COMMANDS = ("synth", "codebook", "validate", "ingest", "report")

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class _Parser(argparse.ArgumentParser):
    """ArgumentParser whose usage errors exit with code 2 (argparse's default too)."""


def build_parser() -> argparse.ArgumentParser:
    """Return the full argument parser (used by ``--help`` and the docs)."""
    parser = _Parser(
        prog="kemuning-eval",
        description=(
            "Evaluasi program pelatihan ASN (Kirkpatrick level 1-4, ROI Phillips) dan "
            "laporan evaluasi tahunan. / Evaluation of ASN training programmes and the "
            "annual evaluation report."
        ),
        epilog=(
            "Kode keluar / exit codes: 0 berhasil/ok, 1 masalah data/data problem, "
            "2 perintah salah/bad usage. Lihat/see README.md."
        ),
    )
    parser.add_argument("--version", action="store_true", help="show the version and exit")
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="no progress or status messages (default in CI and when not a terminal)"
    )
    parser.add_argument(
        "--debug", action="store_true", help="show full tracebacks (for developers)"
    )
    parser.add_argument(
        "--root",
        metavar="DIR",
        help="project root holding data/ and notebooks/ (default: found from the current folder)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        module = importlib.import_module(f"kemuning_eval.commands.{name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help exits 0, errors exit 2
        return int(exc.code or 0)
    if args.version:
        print(f"kemuning-eval {__version__}")
        return EXIT_OK
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    from kemuning_eval.progress import set_quiet

    set_quiet(args.quiet)
    if args.root:
        os.environ["KEMUNING_EVAL_ROOT"] = os.path.abspath(args.root)
    try:
        return int(args.func(args) or EXIT_OK)
    except KemuningEvalError as exc:
        if args.debug:
            raise
        from kemuning_eval.i18n import t

        print(f"kemuning-eval: {t('cli.error.prefix')}: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        from kemuning_eval.i18n import t

        print(t("cli.interrupted"), file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
