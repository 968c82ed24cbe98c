"""Scale benchmark: cleaning, statistics and the report at 10k, 100k and 1M participants (4.3M with --national).

A script, not a test (``make bench`` runs it after ``benchmarks/run.py``).
For each size, ``kemuning_eval.synth.write_study`` generates one synthetic
study into a temporary project (with a copy of ``notebooks/``), in a child
process; generation is timed and printed but is not part of the pipeline.  Then each stage runs in a
FRESH Python process, so that its peak memory (``ru_maxrss`` returned by
``os.wait4`` for that child: its own peak or that of a process it waited for,
e.g. the report's Jupyter kernel) belongs to that stage only:

1. clean       ``kemuning-eval ingest --year Y``
2. stats       ``kemuning_eval.report.results.metrics.compute_metrics(Y, root=...)``
               (every statistic the report computes)
3. report      ``kemuning-eval report --year Y`` (papermill + nbconvert; the
               notebook computes the metrics itself)

Targets (issue "Fast, reproducible builds", item 2): clean + stats grow
linearly (1M no more than 12x the time of 100k); end to end at 1M (clean +
report) under 120 s and under 8 GB peak memory (peak of the stages: they
run one after the other).  National scale (issue 17 item 3): 1M ingested
(``clean``) in at most 25 s; with ``--national`` also 4.3M participants (all
ASN of Indonesia), end to end (clean + report) in at most 4 minutes and
16 GB, and at most 5x the end-to-end time of 1M (cost linear in size).
``--national`` is a flag so that ``make bench`` stays under 10 minutes.

Usage::

    .venv/bin/python benchmarks/scale.py [--sizes 10000 100000 1000000] [--national] [--seed 2026] [--keep]

Results are printed and written to ``benchmarks/out/scale.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
BIN = Path(sys.executable).parent
YEAR = 2026
SIZES = (10_000, 100_000, 1_000_000)
TARGET_RATIO = 12.0
TARGET_SECONDS = 120.0
TARGET_MB = 8 * 1024.0
NATIONAL = 4_300_000
TARGET_INGEST_1M_SECONDS = 25.0
TARGET_NATIONAL_SECONDS = 240.0
TARGET_NATIONAL_MB = 16 * 1024.0
TARGET_NATIONAL_RATIO = 5.0
STATS_CODE = (
    "import sys\n"
    "from kemuning_eval.report.results.metrics import compute_metrics\n"
    "m = compute_metrics(int(sys.argv[1]), root=sys.argv[2])\n"
    "assert m.reaction.available, 'no reaction level'\n"
)

GENERATE_CODE = (
    "import sys\n"
    "from pathlib import Path\n"
    "from kemuning_eval.progress import set_quiet\n"
    "from kemuning_eval.synth import write_study\n"
    "set_quiet(True)\n"
    "write_study(Path(sys.argv[1]), year=int(sys.argv[2]), participants=int(sys.argv[3]), seed=int(sys.argv[4]))\n"
)


def environment(root: Path) -> dict[str, str]:
    """The children's environment: the project root, a pseudonym key, quiet progress."""
    env = dict(os.environ)
    env.setdefault("KEMUNING_EVAL_KEY", "scale-benchmark-key-0123456789abcdef")
    env["KEMUNING_EVAL_ROOT"] = str(root)
    env["CI"] = "1"
    return env


def measured(cmd: list[str], root: Path) -> tuple[float, float, float]:
    """Run ``cmd`` in a fresh process; return (wall seconds, peak resident MB, CPU seconds).

    The CPU seconds (user + system of the child and the processes it waited
    for) say how much work a stage did even when other jobs share the cores
    and stretch its wall time; the load average at the start is printed too.

    The peak is ``ru_maxrss`` from ``os.wait4`` for that one child: on Linux it
    is the larger of the child's own peak and the peaks of the processes it
    waited for (for ``report``: the Jupyter kernel, where the notebook runs),
    so it never includes an earlier stage.
    """
    with tempfile.TemporaryFile("w+") as log:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=root, env=environment(root), stdout=log, stderr=log, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            log.seek(0)
            raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{log.read()[-4000:]}")
    return seconds, usage.ru_maxrss / 1024.0, usage.ru_utime + usage.ru_stime  # ru_maxrss: KiB on Linux


def generate(root: Path, size: int, seed: int) -> float:
    """Write a synthetic study of ``size`` participants into project ``root``; return seconds.

    Generation runs in its own process too: this (parent) process must stay
    small, because Linux counts the parent's resident memory at ``fork`` into a
    child's ``ru_maxrss``.
    """
    (root / "data" / "processed").mkdir(parents=True, exist_ok=True)
    (root / "reports").mkdir(exist_ok=True)
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    seconds, _, _ = measured([sys.executable, "-c", GENERATE_CODE, str(root / "data" / "raw" / str(YEAR)),
                           str(YEAR), str(size), str(seed)], root)
    return seconds


def run_size(size: int, seed: int, keep: bool) -> dict:
    """Generate, then time the three stages of one size."""
    root = Path(tempfile.mkdtemp(prefix=f"kemuning-scale-{size}-"))
    try:
        record: dict = {"size": size, "generate_seconds": generate(root, size, seed)}
        print(f"  {size:>9,d}  generate (not timed as pipeline) {record['generate_seconds']:8.1f} s",
              flush=True)
        kem = str(BIN / "kemuning-eval")
        stages = {
            "clean": [kem, "--quiet", "ingest", "--year", str(YEAR)],
            "stats": [sys.executable, "-c", STATS_CODE, str(YEAR), str(root)],
            "report": [kem, "--quiet", "report", "--year", str(YEAR), "--force"],
        }
        for stage, cmd in stages.items():
            load = os.getloadavg()[0]
            seconds, peak, cpu = measured(cmd, root)
            record[stage] = {"seconds": seconds, "peak_mb": peak, "cpu_seconds": cpu, "load_before": load}
            print(f"  {size:>9,d}  {stage:8s} {seconds:8.1f} s  {peak:9.0f} MB  cpu {cpu:7.1f} s  "
                  f"(load {load:.1f})", flush=True)
        if keep:
            record["root"] = str(root)
        return record
    finally:
        if not keep:
            shutil.rmtree(root, ignore_errors=True)


def summary(records: list[dict]) -> dict:
    """Ratios and the end-to-end figures with PASS/FAIL against the targets."""
    by_size = {r["size"]: r for r in records}
    result: dict = {}
    for r in records:
        r["clean_stats_seconds"] = r["clean"]["seconds"] + r["stats"]["seconds"]
        r["end_to_end_seconds"] = r["clean"]["seconds"] + r["report"]["seconds"]
        r["end_to_end_peak_mb"] = max(r["clean"]["peak_mb"], r["report"]["peak_mb"])
    if 100_000 in by_size and 1_000_000 in by_size:
        ratio = by_size[1_000_000]["clean_stats_seconds"] / by_size[100_000]["clean_stats_seconds"]
        result["ratio_1m_100k"] = {"value": ratio, "target": TARGET_RATIO, "pass": ratio <= TARGET_RATIO}
    if 1_000_000 in by_size:
        clean = by_size[1_000_000]["clean"]["seconds"]
        result["ingest_1m"] = {"seconds": clean, "target": TARGET_INGEST_1M_SECONDS,
                               "pass": clean <= TARGET_INGEST_1M_SECONDS}
    if NATIONAL in by_size:
        nat = by_size[NATIONAL]
        result["national"] = {
            "size": NATIONAL, "seconds": nat["end_to_end_seconds"], "peak_mb": nat["end_to_end_peak_mb"],
            "target_seconds": TARGET_NATIONAL_SECONDS, "target_mb": TARGET_NATIONAL_MB,
            "pass": nat["end_to_end_seconds"] <= TARGET_NATIONAL_SECONDS
            and nat["end_to_end_peak_mb"] <= TARGET_NATIONAL_MB}
        if 1_000_000 in by_size:
            ratio = nat["end_to_end_seconds"] / by_size[1_000_000]["end_to_end_seconds"]
            result["ratio_national_1m"] = {"value": ratio, "target": TARGET_NATIONAL_RATIO,
                                           "pass": ratio <= TARGET_NATIONAL_RATIO}
    one_m = by_size.get(1_000_000)
    big = one_m or by_size.get(max(by_size))
    if big:
        result["end_to_end"] = {
            "size": big["size"], "seconds": big["end_to_end_seconds"], "peak_mb": big["end_to_end_peak_mb"],
            "target_seconds": TARGET_SECONDS, "target_mb": TARGET_MB,
            "pass": big["end_to_end_seconds"] < TARGET_SECONDS and big["end_to_end_peak_mb"] < TARGET_MB,
            "applies": big["size"] == 1_000_000,
        }
    return result



#: each target the summary checks: its key in the result and the line that states it
CHECK_LINES = (
    ("ratio_1m_100k", lambda q: f"clean+stats 1M / 100k = {q['value']:.2f}  (target <= {TARGET_RATIO:g})"),
    ("end_to_end", lambda q: f"end to end (clean + report) at {q['size']:,d}: {q['seconds']:.1f} s, "
                             f"{q['peak_mb']:.0f} MB  (target < {TARGET_SECONDS:g} s and < {TARGET_MB:g} MB)"),
    ("ingest_1m", lambda q: f"ingest (clean) at 1,000,000: {q['seconds']:.1f} s  "
                            f"(target <= {TARGET_INGEST_1M_SECONDS:g} s)"),
    ("national", lambda q: f"end to end at {NATIONAL:,d}: {q['seconds']:.1f} s, {q['peak_mb']:.0f} MB  (target <= "
                           f"{TARGET_NATIONAL_SECONDS:g} s and <= {TARGET_NATIONAL_MB:g} MB)"),
    ("ratio_national_1m", lambda q: f"end to end {NATIONAL:,d} / 1,000,000 = {q['value']:.2f}  "
                                    f"(target <= {TARGET_NATIONAL_RATIO:g})"),
)


def print_checks(result: dict) -> None:
    """Print each target the result holds with PASS or FAIL (n/a for the end-to-end target off 1M)."""
    for key, line in CHECK_LINES:
        q = result.get(key)
        if q:
            verdict = ("PASS" if q["pass"] else "FAIL") if q.get("applies", True) else "n/a (target is for 1M)"
            print(f"{line(q)}  {verdict}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--national", action="store_true",
                        help=f"also run {NATIONAL:,d} participants (all ASN of Indonesia; minutes, ~16 GB)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects")
    args = parser.parse_args(argv)
    print(f"scale benchmark, year {YEAR}, seed {args.seed}, {os.cpu_count()} cores", flush=True)
    sizes = sorted(set(args.sizes) | ({NATIONAL} if args.national else set()))
    records = [run_size(size, args.seed, args.keep) for size in sizes]
    result = {"year": YEAR, "seed": args.seed, "sizes": records, **summary(records),
              "parent_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0}
    print(f"\n{'size':>10} {'stage':12} {'seconds':>9} {'peak MB':>9} {'cpu s':>9} {'load':>5}")
    for r in records:
        for stage in ("clean", "stats", "report"):
            print(f"{r['size']:>10,d} {stage:12} {r[stage]['seconds']:9.1f} {r[stage]['peak_mb']:9.0f} "
                  f"{r[stage]['cpu_seconds']:9.1f} {r[stage]['load_before']:5.1f}")
        print(f"{r['size']:>10,d} {'clean+stats':12} {r['clean_stats_seconds']:9.1f}")
        print(f"{r['size']:>10,d} {'end to end':12} {r['end_to_end_seconds']:9.1f} {r['end_to_end_peak_mb']:9.0f}")
    print_checks(result)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "scale.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"(peak of this parent process, counted into each child's at fork: "
          f"{result['parent_peak_mb']:.0f} MB)")
    print(f"written {OUT / 'scale.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
