"""Speed check of Statistics I on a large synthetic study (a script, not a test).

Generates 1,000,000 participants (seeded numpy) with 30 Likert items in six
dimensions, the nine IKM elements, pre/post test scores and nine facilitator
ratings, then times every Statistics I step.  Target: under 30 s in total on a
2-core machine.

Run::

    .venv/bin/python benchmarks/bench_stats.py [--participants 1000000] [--seed 2026]

``--coverage`` runs the coverage simulation of the intervals instead
(`interval_coverage.py` beside this file; ``--studies`` per design, default 400)::

    .venv/bin/python benchmarks/bench_stats.py --coverage [--studies 400] [--seed 15]
"""

from __future__ import annotations

import argparse
import time
import warnings

import numpy as np
import pandas as pd

from kemuning_eval.stats.facilitators import facilitator_dimensions, facilitator_overall
from kemuning_eval.stats.ikm import ELEMENTS, ikm_elements, ikm_index
from kemuning_eval.stats.learning import learning_summary
from kemuning_eval.stats.likert import summarize_dimensions, summarize_items
from kemuning_eval.stats.reliability import ReliabilityWarning, cronbach_alpha, item_analysis
from kemuning_eval.stats.sampling import response_rates

DIMENSIONS = ("materi", "penyelenggaraan", "sarana", "manfaat", "kepercayaan_diri", "fasilitator")
N_ITEMS = 30
N_PROGRAMS = 40


def make_study(n: int, seed: int) -> dict[str, pd.DataFrame]:
    """Seeded synthetic tables shaped like data/processed/<year>/ (float64 scores)."""
    rng = np.random.default_rng(seed)
    programs = pd.DataFrame({"program_id": [f"PG{i:02d}" for i in range(N_PROGRAMS)],
                             "pass_mark": rng.choice([65.0, 70.0, 75.0], N_PROGRAMS)})
    prog = rng.integers(0, N_PROGRAMS, n)
    program_id = programs["program_id"].to_numpy()[prog]
    pid = np.char.add("P", np.arange(n).astype(str))
    participants = pd.DataFrame({"participant_id": pid, "program_id": program_id})

    trait = rng.normal(0, 0.8, (n, 1))
    likert = np.clip(np.rint(3.6 + trait + rng.normal(0, 0.9, (n, N_ITEMS))), 1, 5)
    likert[rng.random((n, N_ITEMS)) < 0.02] = np.nan
    cols = [f"{DIMENSIONS[j % len(DIMENSIONS)][:3]}_{j}" for j in range(N_ITEMS)]
    reaction = pd.DataFrame(likert, columns=cols)
    ikm = np.clip(np.rint(3.1 + 0.6 * trait + rng.normal(0, 0.6, (n, 9))), 1, 4)
    for i in range(9):
        reaction[f"ikm_u{i + 1}"] = ikm[:, i]
    reaction.insert(0, "program_id", program_id)
    reaction.insert(0, "participant_id", pid)
    items = pd.DataFrame({
        "instrument": "reaction",
        "variable": cols + [f"ikm_u{i + 1}" for i in range(9)],
        "label": cols + list(ELEMENTS),
        "dimension": [DIMENSIONS[j % len(DIMENSIONS)] for j in range(N_ITEMS)] + ["ikm"] * 9,
        "scale_min": 1, "scale_max": [5] * N_ITEMS + [4] * 9,
        "reverse": False, "ikm_element": [None] * N_ITEMS + list(ELEMENTS),
    })

    pre = np.clip(np.rint(rng.normal(58, 12, n)), 0, 100)
    post = np.clip(np.rint(pre + rng.normal(10 + prog % 5, 9, n)), 0, 100)
    tests = pd.DataFrame({"participant_id": pid, "program_id": program_id, "pre": pre,
                          "post": post})
    fac = rng.integers(0, 2000, n)
    ratings = pd.DataFrame(np.clip(np.rint(4 + 0.5 * trait + rng.normal(0, 0.7, (n, 9))), 1, 5),
                           columns=[f"fac_{k}" for k in range(9)])
    ratings.insert(0, "facilitator_id", np.char.add("F", fac.astype(str)))
    return {"participants": participants, "reaction": reaction, "items": items,
            "tests": tests, "programs": programs, "facilitator_ratings": ratings}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=None, help="default 2026 (speed), 15 (coverage)")
    parser.add_argument("--coverage", action="store_true",
                        help="simulate the coverage of the default intervals instead of timing")
    parser.add_argument("--studies", type=int, default=400, help="simulated studies per design (--coverage)")
    parser.add_argument("--only", default="", help="--coverage: only the designs whose name contains this")
    args = parser.parse_args()
    if args.coverage:
        import sys
        from pathlib import Path

        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from interval_coverage import run_coverage

        run_coverage(studies=args.studies, seed=15 if args.seed is None else args.seed, only=args.only)
        return
    args.seed = 2026 if args.seed is None else args.seed

    t0 = time.perf_counter()
    d = make_study(args.participants, args.seed)
    print(f"generate {args.participants:,} participants x {N_ITEMS} items: "
          f"{time.perf_counter() - t0:6.2f} s (not counted)")

    steps = [
        ("likert items by programme", lambda: summarize_items(
            d["reaction"], d["items"], by="program_id")),
        ("likert dimensions by programme", lambda: summarize_dimensions(
            d["reaction"], d["items"], by="program_id")),
        ("cronbach alpha (6 scales)", lambda: cronbach_alpha(d["reaction"], d["items"])),
        ("item analysis", lambda: item_analysis(d["reaction"], d["items"])),
        ("IKM index by programme", lambda: ikm_index(d["reaction"], d["items"], by="program_id")),
        ("IKM elements by programme", lambda: ikm_elements(
            d["reaction"], d["items"], by="program_id")),
        ("learning by programme (t, Wilcoxon, d_z/g_z, gain, McNemar)", lambda: learning_summary(
            d["tests"], d["programs"], by="program_id")),
        ("learning overall", lambda: learning_summary(d["tests"], d["programs"], by=None)),
        ("facilitator dimensions", lambda: facilitator_dimensions(d["facilitator_ratings"])),
        ("facilitator overall", lambda: facilitator_overall(d["facilitator_ratings"])),
        ("response rates", lambda: response_rates(d["participants"], d["reaction"])),
    ]
    total = 0.0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReliabilityWarning)
        for name, step in steps:
            start = time.perf_counter()
            result = step()
            elapsed = time.perf_counter() - start
            total += elapsed
            print(f"{name:<62} {elapsed:6.2f} s  ({len(result):,} rows)")
    verdict = "OK" if total < 30 else "SLOWER THAN TARGET"
    print(f"{'total':<62} {total:6.2f} s  (target < 30 s: {verdict})")


if __name__ == "__main__":
    main()
