"""``kemuning-eval init DIR``: create a project folder (logic in :mod:`kemuning_eval.project`).

Examples
--------
>>> from kemuning_eval.cli import main
>>> main(["init", "--help"])  # doctest: +ELLIPSIS
usage: kemuning-eval init [-h] ...
...
0
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kemuning_eval.commands import text


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``init`` subcommand to ``sub`` (the main parser's subparsers).

    Examples
    --------
    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="kemuning-eval")
    >>> register(parser.add_subparsers())
    >>> args = parser.parse_args(["init", "proyek baru", "--with-synthetic"])
    >>> args.dir.name, args.with_synthetic, args.with_notebooks
    ('proyek baru', True, False)
    """
    p = sub.add_parser("init", help=text("init.help"), description=text("init.description"))
    p.add_argument("dir", type=Path, nargs="?", default=Path("."), metavar="DIR", help=text("init.dir"))
    p.add_argument("--with-synthetic", action="store_true", help=text("init.with_synthetic"))
    p.add_argument("--with-notebooks", action="store_true", help=text("init.with_notebooks"))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Create the project; return exit code 0.

    Examples
    --------
    >>> import argparse, tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as d:
    ...     code = run(argparse.Namespace(dir=Path(d) / "p", with_synthetic=False, with_notebooks=False))
    ...     made = (Path(d) / "p" / "data" / "raw").is_dir()
    >>> code, made
    (0, True)
    """
    from kemuning_eval.i18n import t
    from kemuning_eval.progress import info
    from kemuning_eval.project import SYNTHETIC_STUDY, init_project

    result = init_project(args.dir, with_synthetic=args.with_synthetic,
                          with_notebooks=args.with_notebooks)
    info(t("install.status.created", root=str(result.root), n=len(result.created)))
    if args.with_synthetic:
        info(t("install.status.next", root=str(result.root), year=SYNTHETIC_STUDY[-1][0]))
    else:
        info(t("install.status.next_own", root=str(result.root)))
    return 0
