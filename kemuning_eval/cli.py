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

import kemuning_eval

#: Subcommand modules, in the order ``--help`` lists them.
COMMANDS = ("init", "synth", "codebook", "validate", "ingest", "report", "kernel")

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class _Parser(argparse.ArgumentParser):
    """ArgumentParser whose usage errors exit with code 2 (argparse's default too)."""


def build_parser() -> argparse.ArgumentParser:
    """Return the full argument parser (used by ``--help`` and the docs).

    Returns
    -------
    argparse.ArgumentParser
        The ``kemuning-eval`` parser with every subcommand of :data:`COMMANDS`.

    Examples
    --------
    >>> parser = build_parser()
    >>> args = parser.parse_args(["report", "--year", "2026", "--lang", "en"])
    >>> args.command, args.year, args.lang
    ('report', 2026, 'en')
    """
    from kemuning_eval.commands import text

    parser = _Parser(
        prog="kemuning-eval", description=text("main.description"), epilog=text("main.epilog")
    )
    parser.add_argument("--version", action="store_true", help=text("opt.version"))
    parser.add_argument("-q", "--quiet", action="store_true", help=text("opt.quiet"))
    parser.add_argument("--debug", action="store_true", help=text("opt.debug"))
    parser.add_argument("--root", metavar="DIR", help=text("opt.root"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        module = importlib.import_module(f"kemuning_eval.commands.{name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments without the program name (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        0 ok, 1 a problem with the data, 2 bad usage, 130 interrupted.

    Examples
    --------
    >>> import contextlib, io
    >>> with contextlib.redirect_stderr(io.StringIO()) as err:
    ...     code = main(["report"])
    >>> code, "--year" in err.getvalue()
    (2, True)
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help exits 0, errors exit 2
        return int(exc.code or 0)
    if args.version:
        print(f"kemuning-eval {kemuning_eval.__version__}")
        return EXIT_OK
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    from kemuning_eval.progress import set_quiet

    # --root and --quiet hold for this call only (main() is also called from Python and tests).
    previous_root = os.environ.get("KEMUNING_EVAL_ROOT")
    set_quiet(args.quiet)
    if args.root:
        os.environ["KEMUNING_EVAL_ROOT"] = os.path.abspath(args.root)
    try:
        return _run(args)
    finally:
        set_quiet(False)
        if previous_root is None:
            os.environ.pop("KEMUNING_EVAL_ROOT", None)
        else:
            os.environ["KEMUNING_EVAL_ROOT"] = previous_root


def _run(args: argparse.Namespace) -> int:
    """Run the subcommand inside the error boundary (:mod:`kemuning_eval.boundary`).

    Every failure ends in one message on stderr naming the file (and column)
    being processed and exit 1 (2 for usage errors); ``--debug`` re-raises
    instead, so the full traceback is shown.
    """
    from kemuning_eval import boundary, context

    context.reset()
    boundary.DEBUG = bool(args.debug)
    try:
        return int(args.func(args) or EXIT_OK)
    except KeyboardInterrupt:
        from kemuning_eval.commands import text

        print(text("interrupted"), file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # the one error boundary of every command
        if args.debug:
            raise
        from kemuning_eval.boundary import translate
        from kemuning_eval.commands import text

        error = translate(exc)
        print(f"kemuning-eval: {text('error.prefix')}: {error}", file=sys.stderr)
        return error.exit_code
    finally:
        context.reset()
        boundary.DEBUG = False


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
