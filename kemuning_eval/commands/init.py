"""``kemuning-eval init``: a project folder, or a study year from the exports a user has.

``init DIR`` creates a project folder (logic in :mod:`kemuning_eval.project`);
``init --year Y`` writes ``studi.yaml`` and a codebook per export of
``data/raw/<Y>/`` (logic in :mod:`kemuning_eval.scaffold`).  This module only
wires them to the command line.

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
    >>> args.dir.name, args.with_synthetic, args.with_notebooks, args.year
    ('proyek baru', True, False, None)
    >>> parser.parse_args(["init", "--year", "2027"]).year
    2027
    """
    p = sub.add_parser("init", help=text("init.help"), description=text("init.description"))
    p.add_argument("dir", type=Path, nargs="?", default=None, metavar="DIR", help=text("init.dir"))
    p.add_argument("--year", type=int, default=None, help=text("init.year"))
    p.add_argument("--with-synthetic", action="store_true", help=text("init.with_synthetic"))
    p.add_argument("--with-notebooks", action="store_true", help=text("init.with_notebooks"))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Create the project, or (with ``--year``) scaffold the year's study; return exit code 0.

    Examples
    --------
    >>> import argparse, tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as d:
    ...     code = run(argparse.Namespace(dir=Path(d) / "p", year=None, with_synthetic=False, with_notebooks=False))
    ...     made = (Path(d) / "p" / "data" / "raw").is_dir()
    >>> code, made
    (0, True)

    A year without exports is a usage problem with a clear message:

    >>> import contextlib, io
    >>> from kemuning_eval.cli import main
    >>> with tempfile.TemporaryDirectory() as tmp, contextlib.redirect_stderr(io.StringIO()) as err:
    ...     code = main(["--root", tmp, "init", "--year", "2027"])
    >>> code, "data/raw/2027" in err.getvalue()
    (2, True)
    """
    from kemuning_eval.i18n import t
    from kemuning_eval.progress import info

    if args.year is not None:
        from kemuning_eval.paths import ProjectPaths
        from kemuning_eval.scaffold import scaffold_year

        result = scaffold_year(args.year, paths=ProjectPaths(args.dir) if args.dir else None)
        info(t("scaffold.done", year=args.year, folder=result.folder, inputs=", ".join(
            f"{k} ({v})" for k, v in result.inputs.items()) or "–"))
        if result.unrecognised:
            info(t("scaffold.unrecognised", files=", ".join(result.unrecognised)))
        return 0

    from kemuning_eval.project import SYNTHETIC_STUDY, init_project

    result = init_project(args.dir or Path("."), with_synthetic=args.with_synthetic,
                          with_notebooks=args.with_notebooks)
    info(t("install.status.created", root=str(result.root), n=len(result.created)))
    if args.with_synthetic:
        info(t("install.status.next", root=str(result.root), year=SYNTHETIC_STUDY[-1][0]))
    else:
        info(t("install.status.next_own", root=str(result.root)))
    return 0
