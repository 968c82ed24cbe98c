"""``kemuning-eval codebook template FILE``: a skeleton codebook from any raw export."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "codebook",
        help="work with codebooks (template: a skeleton codebook from a raw export)",
        description="Codebooks map raw columns to variables, labels to scores, and flag PII.",
    )
    csub = p.add_subparsers(dest="codebook_command", metavar="ACTION", required=True)
    tpl = csub.add_parser(
        "template",
        help="write a skeleton codebook (YAML) from a raw export",
        description="Read a raw export (CSV, XLSX, SAV) and write a codebook skeleton "
        "listing its columns, guessed types, scales and PII flags, for you to edit.",
    )
    tpl.add_argument("file", type=Path, help="raw export (CSV, XLSX or SPSS .sav)")
    tpl.add_argument("--out", type=Path, default=None, help="codebook to write (default: print)")
    tpl.add_argument("--instrument", default=None, help="instrument key (default: file stem)")
    tpl.add_argument("--sheet", default=None, help="XLSX sheet name")
    tpl.add_argument("--header-row", type=int, default=None, help="row of the header (1-based)")
    tpl.add_argument("--sep", default=None, help="CSV separator (default: detected)")
    tpl.add_argument("--encoding", default=None, help="CSV encoding (default: detected)")
    tpl.set_defaults(func=run_template)


def run_template(args: argparse.Namespace) -> int:
    from kemuning_eval.ingest.codebook import write_template

    write_template(
        args.file,
        out=args.out,
        instrument=args.instrument,
        sheet=args.sheet,
        header_row=args.header_row,
        sep=args.sep,
        encoding=args.encoding,
    )
    return 0
