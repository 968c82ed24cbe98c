"""Benchmarks of the report build (``make bench``; not part of ``make test``).

In one run on this machine, each build in a fresh process through the
command line's code path (imports included, as a user sees it):

(a) the bare floor, the headline: ``benchmarks/floor.ipynb`` (a trivial
    parameterised notebook importing pandas, seaborn and statsmodels) run with
    papermill's own API (``papermill.execute_notebook``, its default engine) and
    exported with nbconvert's plain ``HTMLExporter`` in one process, as a user
    who knows neither this package nor its engine would measure it;
(a') the engine floor: the same notebook built exactly like the report (same
    engine: papermill, kernel, nbconvert export, checks, publish), which already
    carries the engine's own overhead;
(b) the HTML report of the bundled study (``--year``, default 2026), ``--force``,
    the same output as the floors (``formats=("html",)``);
(c) the ratio b / a against the bare floor (target <= 1.2), and b / a' beside it;
then the full build (HTML, PDF, DOCX) with the PDF and the DOCX export each on
its own line, the rebuild with nothing changed (cache hit), and a breakdown of
(b): kernel start, each section's cells (papermill cell timings in the executed
notebook), export, publish.  Median of ``--repeat`` runs.

The bare floor's process blocks :data:`~kemuning_eval.report.engine.kernel.SLOW_OPTIONAL_MODULES`
as the engine does: ``rfc3987_syntax`` is an optional extra of jsonschema that
this environment has only because jupyterlab's ``jupyter-events`` asks for it;
papermill and nbconvert alone do not install it, yet nbformat imports it when
present (1.5 s, building a grammar at import).  Without the block the bare
floor measured *slower* than the engine floor (README before 2026-12-04).

Usage: ``python benchmarks/run.py [--year 2026] [--repeat 3]``.  Needs
``data/processed/<year>`` (run ``kemuning-eval ingest --year 2026`` first).
Results are printed and written to ``benchmarks/out/report.json``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"


def child(root: str, year: int, force: bool, formats: tuple[str, ...]) -> None:
    """Build one report in this (fresh) process and print its timings as JSON."""
    started = time.perf_counter()
    from kemuning_eval.paths import ProjectPaths
    from kemuning_eval.progress import set_quiet
    from kemuning_eval.report.engine.build import build_report

    set_quiet(True)
    imported = time.perf_counter() - started
    result = build_report(year, paths=ProjectPaths(Path(root)), force=force, formats=formats)
    print(json.dumps({
        "wall_in_process": time.perf_counter() - started,
        "engine_imports": imported,
        "reused": result.reused,
        "timings": result.timings,
        "seconds": result.seconds,
        "executed": str(result.executed),
        "html_bytes": result.html.stat().st_size,
    }))


def bare_child(root: str, year: int) -> None:
    """Run the floor notebook with papermill's API and nbconvert's HTMLExporter only."""
    started = time.perf_counter()
    for name in ("rfc3987_syntax",):  # not installed with papermill + nbconvert (module docstring)
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]
    import nbformat
    import papermill
    from nbconvert import HTMLExporter

    out_dir = Path(root) / "bare-out"
    out_dir.mkdir(exist_ok=True)
    executed = out_dir / "floor-executed.ipynb"
    papermill.execute_notebook(
        str(ROOT / "benchmarks" / "floor.ipynb"), str(executed),
        parameters={"year": year, "output_dir": str(out_dir), "project_root": root},
        kernel_name="kemuning-eval", progress_bar=False, cwd=root,
    )
    body, _ = HTMLExporter(exclude_input=True).from_notebook_node(
        nbformat.read(str(executed), as_version=4))
    (out_dir / "floor.html").write_text(body, encoding="utf-8")
    print(json.dumps({"wall_in_process": time.perf_counter() - started}))


def run_child(root: Path, year: int, force: bool, bare: bool = False,
              formats: str = "html") -> dict:
    """Run :func:`child` (or :func:`bare_child`) in a new process; add its wall-clock time."""
    cmd = [sys.executable, __file__, "--bare" if bare else "--child", str(root),
           "--year", str(year), "--formats", formats]
    if force:
        cmd.append("--force")
    started = time.perf_counter()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=root)
    record = json.loads(out.stdout.strip().splitlines()[-1])
    record["wall"] = time.perf_counter() - started
    return record


def floor_project(year: int) -> Path:
    """A throw-away project whose report notebook is ``benchmarks/floor.ipynb``."""
    root = Path(tempfile.mkdtemp(prefix="kemuning-floor-"))
    (root / "notebooks").mkdir()
    (root / "data" / "processed" / str(year)).mkdir(parents=True)
    (root / "data" / "raw" / str(year)).mkdir(parents=True)
    shutil.copy(ROOT / "benchmarks" / "floor.ipynb", root / "notebooks" / "laporan_evaluasi.ipynb")
    return root


def _time(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def breakdown(executed: Path) -> dict:
    """Kernel start and seconds per section from papermill's timings in ``executed``."""
    nb = json.loads(executed.read_text(encoding="utf-8"))
    meta = nb["metadata"]["papermill"]
    cells = [c for c in nb["cells"] if c["metadata"].get("papermill", {}).get("start_time")]
    first = min((_time(c["metadata"]["papermill"]["start_time"]) for c in cells), default=None)
    kernel = (first - _time(meta["start_time"])).total_seconds() if first else None
    sections: dict[str, float] = {}
    for index, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        duration = cell["metadata"].get("papermill", {}).get("duration") or 0.0
        tags = [tg for tg in cell["metadata"].get("tags", []) if not tg.startswith("remove")]
        first_line = next((ln.strip() for ln in source.splitlines() if ln.strip()), "")
        label = f"[{index}] " + (f"#{tags[0]} " if tags else "") + first_line
        sections[label] = float(duration)
    return {"kernel_start": kernel, "notebook_total": meta.get("duration"), "cells": sections}


def median(records: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in records)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", metavar="ROOT", help=argparse.SUPPRESS)
    parser.add_argument("--bare", metavar="ROOT", help=argparse.SUPPRESS)
    parser.add_argument("--force", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--formats", default="html", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.year, args.force, tuple(args.formats.split(",")))
        return 0
    if args.bare:
        bare_child(args.bare, args.year)
        return 0
    if not (ROOT / "data" / "processed" / str(args.year) / "manifest.json").is_file():
        print(f"run 'kemuning-eval ingest --year {args.year}' first", file=sys.stderr)
        return 1
    floor_root = floor_project(args.year)
    try:
        bares, floors, reports, fulls = [], [], [], []
        for _ in range(args.repeat):  # interleaved so that machine noise hits all alike
            bares.append(run_child(floor_root, args.year, force=True, bare=True))
            floors.append(run_child(floor_root, args.year, force=True))
            reports.append(run_child(ROOT, args.year, force=True))
        for _ in range(args.repeat):
            fulls.append(run_child(ROOT, args.year, force=True, formats="html,pdf,docx"))
        rebuild = [run_child(ROOT, args.year, force=False, formats="html,pdf,docx")
                   for _ in range(args.repeat)]
    finally:
        shutil.rmtree(floor_root, ignore_errors=True)
    a, a_engine = median(bares, "wall"), median(floors, "wall")
    b = median(reports, "wall")
    last = reports[-1]
    detail = breakdown(Path(last["executed"]))
    result = {
        "year": args.year, "repeat": args.repeat,
        "bare_floor_seconds": a, "engine_floor_seconds": a_engine, "report_seconds": b,
        "ratio": b / a, "ratio_engine_floor": b / a_engine,
        "full_build_seconds": median(fulls, "wall"),
        "pdf_export_seconds": statistics.median(r["timings"]["pdf"] for r in fulls),
        "docx_export_seconds": statistics.median(r["timings"]["docx"] for r in fulls),
        "rebuild_unchanged_seconds": median(rebuild, "wall"),
        "rebuild_reused": sum(r["reused"] for r in rebuild),
        "report_html_bytes": last["html_bytes"],
        "report_breakdown": {
            "process_start_and_engine_imports": statistics.median(
                r["wall"] - r["wall_in_process"] + r["engine_imports"] for r in reports),
            "execute": statistics.median(r["timings"]["execute"] for r in reports),
            "kernel_start": detail["kernel_start"],
            "export_and_checks": statistics.median(r["timings"]["export"] for r in reports),
            "publish": statistics.median(r["timings"]["publish"] for r in reports),
            "cells": detail["cells"],
        },
        "floor_breakdown": {
            "execute": statistics.median(r["timings"]["execute"] for r in floors),
            "export_and_checks": statistics.median(r["timings"]["export"] for r in floors),
        },
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "report.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    spread = lambda rs: f"[{min(r['wall'] for r in rs):.2f}-{max(r['wall'] for r in rs):.2f}]"  # noqa: E731
    print(f"(a)  bare floor (papermill + HTMLExporter) {a:6.2f} s  {spread(bares)}")
    print(f"(a') engine floor (same notebook, engine)  {a_engine:6.2f} s  {spread(floors)}")
    print(f"(b)  HTML report {args.year}                   {b:6.2f} s  {spread(reports)}")
    print(f"(c)  ratio b/a  (bare floor, headline)     {b / a:6.2f}   (target <= 1.2)")
    print(f"     ratio b/a' (engine floor)             {b / a_engine:6.2f}")
    print(f"    full build (HTML, PDF, DOCX)          {result['full_build_seconds']:6.2f} s  {spread(fulls)}")
    print(f"    of which PDF export                   {result['pdf_export_seconds']:6.2f} s")
    print(f"    of which DOCX export                  {result['docx_export_seconds']:6.2f} s")
    print(f"    rebuild, nothing changed              {result['rebuild_unchanged_seconds']:6.2f} s"
          f"  (reused in {result['rebuild_reused']} of {args.repeat} runs; a changed package"
          " file, e.g. in a shared tree, forces one rebuild)")
    print(f"    report HTML size                      {last['html_bytes'] / 1e6:6.2f} MB")
    bd = result["report_breakdown"]
    print("Where (b)'s time goes:")
    print(f"    process start + engine imports        {bd['process_start_and_engine_imports']:6.2f} s")
    print(f"    kernel start                          {bd['kernel_start'] or 0:6.2f} s")
    for label, seconds in sorted(bd["cells"].items(), key=lambda kv: -kv[1])[:12]:
        print(f"    cell {label[:60]:60s} {seconds:6.2f} s")
    print(f"    execute (total, incl. kernel)         {bd['execute']:6.2f} s")
    print(f"    export + checks                       {bd['export_and_checks']:6.2f} s")
    print(f"    publish                               {bd['publish']:6.2f} s")
    print(f"written {OUT / 'report.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
