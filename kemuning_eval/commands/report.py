"""``kemuning-eval report --year Y``: execute the report notebooks and publish HTML."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "report",
        help="build reports/YEAR/laporan-evaluasi-YEAR.html and metrics.json",
        description="Execute the parameterised report notebook with papermill and publish "
        "it as stand-alone HTML with nbconvert, plus metrics.json.",
    )
    p.add_argument("--year", type=int, required=True, help="study year, e.g. 2026")
    p.add_argument("--lang", choices=("id", "en"), default=None, help="report language (default from studi.yaml, else id)")
    p.add_argument("--program", default=None, metavar="ID", help="per-programme report for ID, or 'all'")
    p.add_argument("--jobs", type=int, default=None, help="parallel processes for --program all")
    p.add_argument("--force", action="store_true", help="rebuild even when nothing changed")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kemuning_eval.report.build import build_from_cli

    return build_from_cli(args)
