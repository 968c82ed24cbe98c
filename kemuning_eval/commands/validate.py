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
    """Add the ``validate`` subcommand to ``sub`` (the main parser's subparsers).

    Examples
    --------
    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="kemuning-eval")
    >>> register(parser.add_subparsers())
    >>> parser.parse_args(["validate", "--year", "2025"]).year
    2025
    """
    p = sub.add_parser("validate", help=text("validate.help"), description=text("validate.description"))
    p.add_argument("--year", type=int, required=True, help=text("opt.year"))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Validate the year's raw data; return 0 (usable) or 1 (not usable).

    Examples
    --------
    A year without data is a problem with the data: exit code 1, a message, no traceback.

    >>> import contextlib, io, tempfile
    >>> from kemuning_eval.cli import main
    >>> with tempfile.TemporaryDirectory() as tmp, contextlib.redirect_stderr(io.StringIO()) as err:
    ...     code = main(["--root", tmp, "validate", "--year", "1999"])
    >>> code, "Traceback" in err.getvalue()
    (1, False)
    """
    from kemuning_eval.boundary import guard
    from kemuning_eval.config import default_study
    from kemuning_eval.errors import KemuningEvalError
    from kemuning_eval.ingest.pipeline import validate_study
    from kemuning_eval.progress import notice
    from kemuning_eval.stats.qualitative import load_themes

    cfg = default_study(args.year)
    themes_ok = True
    if cfg.themes is not None:  # read by the report only: checked here so that exit 0 means it loads
        try:
            guard(load_themes, cfg.themes, file=cfg.themes.name)
        except KemuningEvalError as exc:
            notice(f"[error] {exc}")
            themes_ok = False
    code = validate_study(args.year)
    return code if themes_ok else 1
