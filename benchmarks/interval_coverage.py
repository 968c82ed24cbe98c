"""Coverage of the package's default intervals by simulation (a benchmark, not a test).

Each design simulates ``--studies`` data sets (default 400) with a known true
value, runs the package's public function with its defaults and counts how
often the 95 % interval covers the truth.  Coverage is printed with its Monte
Carlo standard error ``sqrt(c (1 - c) / studies)``; a refused design (the
function raises :class:`~kemuning_eval.errors.DataError`) is counted apart.

Designs
-------
DiD (``stats.did.did_effect``), the package's outcome layout: 20 work units,
3 activities per unit and period, 2 pre and 2 post periods, unit effects,
unit x period shocks (what makes clustering matter) and activity noise; all
activities of a treated unit are treated; 1, 2, 3, 4 or 10 treated units.
Also 2 units (1 treated) with one row per cell.  For comparison, the column
``CR1 + t(G-1)`` gives the coverage of the interval the package used before
(statsmodels ``cov_type="cluster"``, t on G - 1 df) on the same data, also
for the designs the package now refuses ("-" where statsmodels cannot fit it).

Size of the event-study pre-trend test (``stats.event_study``): the DiD
layout with 3 pre and 3 post periods and parallel trends by construction; the
share of studies whose joint test of the 2 pre-period effects rejects at 5 %
(printed in the coverage column; target 5 %): 4 and 10 of 20 units treated
(wild cluster bootstrap) and 15 of 30 (CR1, F(2, G - 1)).

Paired change and d_z (``stats.learning``): n = 10 and 30 pairs, D ~ normal
(mean 5, sd 8; true d_z = 0.625).  Feldt (``stats.reliability``): 5 parallel
items (true alpha 0.8), n = 60, listwise without missing answers and, with 15
% of answers missing at random, listwise and pairwise.  Wilson
(``stats._stats2.wilson_interval``, used by ``jp_coverage``): n = 50, p = 0.1
and 0.3.  Two groups (``stats.groups.compare_groups``): 15 vs 25, unequal
SDs; Welch CI of the difference and Hedges g CI.

Run::

    .venv/bin/python benchmarks/bench_stats.py --coverage [--studies 400] [--seed 15]
"""

from __future__ import annotations

import math
import time
import warnings
from collections.abc import Callable, Iterator

import numpy as np
import pandas as pd

from kemuning_eval.errors import DataError

TRUE_DID = 0.05


def _did_layout(rng: np.random.Generator, units: int, treated_units: int, activities: int = 3,
                periods: int = 4) -> pd.DataFrame:
    u = np.repeat(np.arange(units), activities * periods)
    p = np.tile(np.repeat(np.arange(periods), activities), units)
    a = np.tile(np.arange(activities), units * periods)
    treated = u < treated_units
    post = p >= periods // 2
    y = (0.9 + rng.normal(0, 0.05, units)[u] + 0.01 * p + rng.normal(0, 0.03, (units, periods))[u, p]
         + rng.normal(0, 0.04, len(u)) + TRUE_DID * (treated & post))
    return pd.DataFrame({"unit": u, "activity_id": u * 100 + a, "period_index": p, "post": post,
                         "treated": treated, "budget_ratio": y})


def _cr1_hit(data: pd.DataFrame) -> float:
    """Does CR1 + t(G-1) (statsmodels) cover the truth?  NaN when statsmodels cannot fit it."""
    from kemuning_eval.stats.did import cluster_ols

    tr, po = data["treated"].to_numpy(float), data["post"].to_numpy(float)
    x = np.column_stack([np.ones(len(data)), tr, po, tr * po])
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            fit = cluster_ols(data["budget_ratio"].to_numpy(), x, data["unit"].to_numpy())
            low, high = np.asarray(fit.conf_int(alpha=0.05))[3]
    except (ZeroDivisionError, ValueError, np.linalg.LinAlgError):
        return math.nan
    return float(low <= TRUE_DID <= high) if np.isfinite([low, high]).all() else math.nan


def _did_study(units: int, treated_units: int, activities: int, periods: int) -> Callable:
    from kemuning_eval.stats.did import did_effect

    def run(rng: np.random.Generator) -> tuple[float, float]:
        """(default interval covers, or NaN when refused; CR1 + t(G-1) covers)."""
        data = _did_layout(rng, units, treated_units, activities, periods)
        try:
            row = did_effect(data, outcomes="budget_ratio").iloc[0]
        except DataError:
            return math.nan, _cr1_hit(data)
        return float(row["ci_low"] <= TRUE_DID <= row["ci_high"]), _cr1_hit(data)
    return run


def _pretrend_study(units: int, treated_units: int, periods: int) -> Callable:
    from kemuning_eval.stats.event_study import event_study

    def run(rng: np.random.Generator) -> float:
        """Does the event-study pre-trend test reject (trends are parallel by construction)?"""
        data = _did_layout(rng, units, treated_units, periods=periods)
        row = event_study(data, outcomes="budget_ratio").pretrend.iloc[0]
        return math.nan if pd.isna(row["parallel_trends_rejected"]) else float(row["parallel_trends_rejected"])
    return run


def _paired(n: int, what: str) -> Callable:
    from kemuning_eval.stats.learning import effect_sizes, paired_change

    def run(rng: np.random.Generator) -> bool:
        pre = rng.uniform(40, 50, n)  # post stays within 0-100 (|D - 5| > 45 is a 5.6-sd event)
        tests = pd.DataFrame({"pre": pre, "post": pre + rng.normal(5, 8, n)})
        if what == "mean":
            row = paired_change(tests, min_n=1).iloc[0]
            return bool(row["ci_low"] <= 5 <= row["ci_high"])
        row = effect_sizes(tests, min_n=1).set_index("measure").loc["dz"]
        return bool(row["ci_low"] <= 5 / 8 <= row["ci_high"])
    return run


def _feldt(missing: str, share_missing: float, n: int = 60, k: int = 5, alpha: float = 0.8) -> Callable:
    from kemuning_eval.stats.reliability import cronbach_alpha

    rho = alpha / (k - alpha * (k - 1))  # parallel items: alpha = k rho / (1 + (k - 1) rho)

    def run(rng: np.random.Generator) -> bool:
        x = math.sqrt(rho) * rng.normal(0, 1, (n, 1)) + math.sqrt(1 - rho) * rng.normal(0, 1, (n, k))
        x[rng.random((n, k)) < share_missing] = np.nan
        frame = pd.DataFrame(x, columns=[f"q{j}" for j in range(k)])
        row = cronbach_alpha(frame, columns=list(frame), missing=missing).iloc[0]
        return bool(row["ci_low"] <= alpha <= row["ci_high"])
    return run


def _wilson(n: int, p: float) -> Callable:
    from kemuning_eval.stats._stats2 import wilson_interval

    def run(rng: np.random.Generator) -> bool:
        low, high = wilson_interval([rng.binomial(n, p)], [n])
        return bool(low[0] <= p <= high[0])
    return run


def _two_groups(what: str, n1: int = 15, n0: int = 25) -> Callable:
    from kemuning_eval.stats.groups import compare_groups

    def run(rng: np.random.Generator) -> bool:
        # equal SDs for g (its CI assumes them), unequal for Welch
        sd1 = 2.0 if what == "welch" else 1.0
        data = pd.DataFrame({"g": [True] * n1 + [False] * n0,
                             "y": np.concatenate([rng.normal(1.0, sd1, n1), rng.normal(0.0, 1.0, n0)])})
        row = compare_groups(data, outcome="y", group="g", min_n=1).iloc[0]
        if what == "welch":
            return bool(row["ci_low"] <= 1.0 <= row["ci_high"])
        return bool(row["g_ci_low"] <= 1.0 <= row["g_ci_high"])  # delta = 1 / 1
    return run


def designs() -> Iterator[tuple[str, Callable, bool]]:
    """(name, one-study function, is a DiD design with the CR1 comparison)."""
    for g1 in (1, 2, 3, 4, 10):
        yield f"DiD: 20 units, {g1} treated, 3 activities x 4 periods", _did_study(20, g1, 3, 4), True
    yield "DiD: 2 units, 1 treated, one row per cell", _did_study(2, 1, 1, 2), True
    for units, g1 in ((20, 4), (20, 10), (30, 15)):
        yield (f"size of the event-study pre-trend test: {units} units, {g1} treated, 3 activities, "
               "3 pre + 3 post periods", _pretrend_study(units, g1, 6), False)
    for n in (10, 30):
        yield f"paired change: mean D, n = {n}", _paired(n, "mean"), False
        yield f"paired change: d_z, n = {n}", _paired(n, "dz"), False
    yield "Feldt: listwise, no missing answers (n = 60, k = 5)", _feldt("listwise", 0.0), False
    yield "Feldt: listwise, 15 % missing at random", _feldt("listwise", 0.15), False
    yield "Feldt: pairwise, 15 % missing at random", _feldt("pairwise", 0.15), False
    yield "Wilson: n = 50, p = 0.1", _wilson(50, 0.1), False
    yield "Wilson: n = 50, p = 0.3", _wilson(50, 0.3), False
    yield "two groups: Welch CI, 15 vs 25, SD 2 vs 1", _two_groups("welch"), False
    yield "two groups: Hedges g CI, 15 vs 25, g = 1", _two_groups("g"), False


def _pct(c: float) -> str:
    return "-" if math.isnan(c) else f"{100 * c:.1f} %"


def _se(c: float, m: int) -> str:
    return "-" if m == 0 or math.isnan(c) else f"{100 * math.sqrt(c * (1 - c) / m):.1f}"


def run_coverage(studies: int = 400, seed: int = 15, only: str = "") -> list[dict]:
    """Simulate every design (or those whose name contains ``only``) and print the table."""
    from kemuning_eval.stats.reliability import ReliabilityWarning

    rows = []
    print("| design | studies | refused | coverage (default) | MC SE (pp) | CR1 + t(G-1) | seconds |")
    print("|---|---|---|---|---|---|---|")
    for number, (name, study, did) in enumerate(designs()):
        if only and only.lower() not in name.lower():
            continue
        rng = np.random.default_rng([seed, number])
        hits, cr1, refused, start = [], [], 0, time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ReliabilityWarning)
            for _ in range(studies):
                try:
                    result = study(rng)
                except DataError:
                    refused += 1
                    continue
                if did:
                    if math.isnan(result[0]):
                        refused += 1
                    else:
                        hits.append(result[0])
                    if not math.isnan(result[1]):
                        cr1.append(result[1])
                else:
                    hits.append(result)
        m = len(hits)
        cov = float(np.mean(hits)) if m else math.nan
        cov_cr1 = float(np.mean(cr1)) if cr1 else math.nan
        row = {"design": name, "studies": studies, "refused": refused, "coverage": cov, "mc_se": _se(cov, m),
               "cr1": cov_cr1, "seconds": time.perf_counter() - start}
        rows.append(row)
        print(f"| {name} | {studies} | {refused} | {_pct(cov)} | {row['mc_se']} | "
              f"{_pct(cov_cr1) if did else ''} | {row['seconds']:.0f} |", flush=True)
    return rows
