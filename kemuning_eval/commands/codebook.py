"""``kemuning-eval codebook template FILE``: a skeleton codebook from any raw export.

Examples
--------
>>> from kemuning_eval.cli import main
>>> main(["codebook", "template", "--help"])  # doctest: +ELLIPSIS
usage: kemuning-eval codebook template [-h] [--out OUT]...
...
0
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kemuning_eval.commands import text


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``codebook`` subcommand to ``sub`` (the main parser's subparsers).

    Examples
    --------
    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="kemuning-eval")
    >>> register(parser.add_subparsers())
    >>> parser.parse_args(["codebook", "template", "survei.csv"]).codebook_command
    'template'
    """
    p = sub.add_parser("codebook", help=text("codebook.help"), description=text("codebook.description"))
    csub = p.add_subparsers(dest="codebook_command", metavar="ACTION", required=True)
    tpl = csub.add_parser(
        "template", help=text("codebook.template.help"), description=text("codebook.template.description")
    )
    tpl.add_argument("file", type=Path, help=text("codebook.template.file"))
    tpl.add_argument("--out", type=Path, default=None, help=text("codebook.template.out"))
    tpl.add_argument("--instrument", default=None, help=text("codebook.template.instrument"))
    tpl.add_argument("--sheet", default=None, help=text("codebook.template.sheet"))
    tpl.add_argument("--header-row", type=int, default=None, help=text("codebook.template.header_row"))
    tpl.add_argument("--sep", default=None, help=text("codebook.template.sep"))
    tpl.add_argument("--encoding", default=None, help=text("codebook.template.encoding"))
    tpl.set_defaults(func=run_template)


def run_template(args: argparse.Namespace) -> int:
    """Write (or print) the skeleton codebook; return exit code 0.

    Examples
    --------
    >>> import argparse, tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     raw = Path(tmp) / "survei.csv"
    ...     _ = raw.write_text("Nama,Materi jelas\\nBudi,SS\\nSiti,S\\n", encoding="utf-8")
    ...     out = Path(tmp) / "reaksi.yaml"
    ...     code = run_template(argparse.Namespace(file=raw, out=out, instrument="reaction", sheet=None,
    ...                                            header_row=None, sep=None, encoding=None))
    ...     text = out.read_text(encoding="utf-8")
    >>> code, "pii: name" in text, "scale: setuju5" in text, "Budi" in text
    (0, True, True, False)
    """
    from kemuning_eval.boundary import guard
    from kemuning_eval.ingest.template import write_template

    guard(
        write_template,
        args.file,
        file=str(args.file),
        out=args.out,
        instrument=args.instrument,
        sheet=args.sheet,
        header_row=args.header_row,
        sep=args.sep,
        encoding=args.encoding,
    )
    return 0
