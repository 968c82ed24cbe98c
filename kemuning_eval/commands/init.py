"""``kemuning-eval init --year Y``: a ``studi.yaml`` and codebooks from the exports in ``data/raw/<Y>/``.

The logic lives in :mod:`kemuning_eval.scaffold`; this module only wires it to the command line.

Examples
--------
>>> from kemuning_eval.cli import main
>>> main(["init", "--help"])  # doctest: +ELLIPSIS
usage: kemuning-eval init [-h] --year YEAR
...
0
"""

from __future__ import annotations

import argparse

from kemuning_eval.commands import text


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``init`` subcommand to ``sub`` (the main parser's subparsers).

    Examples
    --------
    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="kemuning-eval")
    >>> register(parser.add_subparsers())
    >>> parser.parse_args(["init", "--year", "2027"]).year
    2027
    """
    p = sub.add_parser("init", help=text("init.help"), description=text("init.description"))
    p.add_argument("--year", type=int, required=True, help=text("opt.year"))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Scaffold the year's study; return exit code 0.

    Examples
    --------
    >>> import contextlib, io, tempfile
    >>> from kemuning_eval.cli import main
    >>> with tempfile.TemporaryDirectory() as tmp, contextlib.redirect_stderr(io.StringIO()) as err:
    ...     code = main(["--root", tmp, "init", "--year", "2027"])
    >>> code, "data/raw/2027" in err.getvalue()
    (2, True)
    """
    from kemuning_eval.i18n import t
    from kemuning_eval.progress import info
    from kemuning_eval.scaffold import scaffold_year

    result = scaffold_year(args.year)
    info(t("scaffold.done", year=args.year, folder=result.folder, inputs=", ".join(
        f"{k} ({v})" for k, v in result.inputs.items()) or "–"))
    if result.unrecognised:
        info(t("scaffold.unrecognised", files=", ".join(result.unrecognised)))
    return 0
