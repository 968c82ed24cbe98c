"""Cost and coverage: unit costs, unmet demand, the 20-JP target, budget scenarios.

Inputs are the processed ``programs`` table (``cost`` in Rupiah, ``participants``
enrolled, ``jp``, ``capacity`` = seats, ``applicants``), ``tests`` (for the
learning gain) and ``jp_records`` (one row per ASN of the region).

Definitions
-----------
cost per participant
    ``cost / participants`` (enrolled; NaN when none).
cost per participant-JP
    ``cost / (participants * jp)``: what one participant-hour of learning
    (1 JP = 45 minutes) costs.
cost per gain point
    ``cost per participant / mean gain``, the mean gain being the mean of
    ``post - pre`` over participants with both scores (NaN when the mean gain
    is not positive: no learning, no price per point).
unmet demand
    ``max(applicants - capacity, 0)``; share not admitted = unmet / applicants.
admission gap
    applicants not admitted = ``max(applicants - participants, 0)``, unused
    seats = ``max(capacity - participants, 0)`` and the cost of serving every
    applicant at the programme's own cost per participant (:func:`admission_gap`).
20-JP coverage
    share of ASN with ``jp_total >= target`` (default 20 JP a year).  A census
    (every ASN of the region listed) gives the exact share; a sample (``population``
    larger than the rows) adds a Wilson interval.
budget scenario
    extra seats = ``floor(budget change / cost per participant)`` (a partial
    seat cannot be bought; a cut is also floored, i.e. rounded towards more
    seats lost), seats covering unmet demand = ``min(max(extra, 0), unmet)``.

Examples
--------
>>> import pandas as pd
>>> programs = pd.DataFrame({"program_id": ["PM"], "cost": [130_000_000.0], "participants": [20],
...                          "jp": [40], "capacity": [20], "applicants": [42]})
>>> cost_summary(programs, total=False)[["cost_per_participant", "cost_per_jp"]].to_dict("records")
[{'cost_per_participant': 6500000.0, 'cost_per_jp': 162500.0}]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from kemuning_eval.errors import DataError, check_arg
from kemuning_eval.i18n import t
from kemuning_eval.stats._common import (
    DEFAULT_JP_TARGET,
    DEFAULT_LEVEL,
    DEFAULT_MIN_N,
    TOTAL,
    as_columns,
    check_amounts,
    check_level,
    check_min_n,
    drop_all,
    grouped,
    numeric_matrix,
    require_columns,
    wilson_interval,
)
from kemuning_eval.stats.suppression import suppress_small

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd



def _ratio(num, den):
    """``num / den`` as float64, NaN where ``den`` is 0 or missing."""
    import numpy as np

    num = np.asarray(num, dtype=np.float64)
    den = np.asarray(den, dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)


def _programs(programs: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    require_columns(programs, ["program_id", *columns], table="programs")
    numeric_matrix(programs, list(columns), table="programs")
    return programs[["program_id", *columns]].copy()


def cost_summary(programs: pd.DataFrame, *, tests: pd.DataFrame | None = None, total: bool = True) -> pd.DataFrame:
    """Cost per participant, per participant-JP and per point of learning gain.

    Parameters
    ----------
    programs : DataFrame
        The ``programs`` table (``program_id``, ``cost``, ``participants``, ``jp``).
    tests : DataFrame, optional
        The ``tests`` table (``program_id``, ``pre``, ``post``) for the gain.
    total : bool
        Append a row ``program_id =`` :data:`~kemuning_eval.stats._common.TOTAL` (sums; the gain pooled over all tested).

    Raises
    ------
    DataError
        A cost that is not > 0, naming the programme (the rule of every cost
        and ROI function, :func:`~kemuning_eval.stats._common.check_amounts`).

    Returns
    -------
    DataFrame
        ``program_id``, ``cost``, ``participants``, ``jp``, ``participant_jp``,
        ``cost_per_participant``, ``cost_per_jp``, ``n_tested``, ``mean_gain``,
        ``cost_per_gain_point``, ``method``.

    Examples
    --------
    >>> import pandas as pd
    >>> programs = pd.DataFrame({"program_id": ["A", "B"], "cost": [100.0, 300.0],
    ...                          "participants": [10, 20], "jp": [10, 30]})
    >>> tests = pd.DataFrame({"program_id": ["A", "A", "B"], "pre": [40, 50, 60],
    ...                       "post": [60, 60, 62]})
    >>> res = cost_summary(programs, tests=tests)
    >>> res[["program_id", "cost_per_participant", "cost_per_jp", "cost_per_gain_point"]].round(3).values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['A', 10.0, 1.0, 0.667], ['B', 15.0, 0.5, 7.5], ['__total__', 13.333, 0.571, 1.25]]
    """
    import numpy as np
    import pandas as pd

    check_amounts(programs, "cost", table="programs", positive=True)
    out = _programs(programs, ["cost", "participants", "jp"]).astype(
        {"cost": "float64", "participants": "float64", "jp": "float64"})
    out["participant_jp"] = out["participants"] * out["jp"]
    gains = pd.DataFrame(columns=["n_tested", "mean_gain"], dtype="float64")
    pooled = (0.0, np.nan)
    if tests is not None:
        require_columns(tests, ["program_id", "pre", "post"], table="tests")
        numeric_matrix(tests, ["pre", "post"], table="tests")
        gain = (tests["post"].astype("float64") - tests["pre"].astype("float64")).rename("gain")
        g = pd.concat([tests["program_id"], gain], axis=1).dropna().groupby("program_id")["gain"]
        gains = g.agg(n_tested="count", mean_gain="mean").astype("float64")
        pooled = (float(gain.notna().sum()), float(gain.mean()))
    out = out.merge(gains, left_on="program_id", right_index=True, how="left")
    out["n_tested"] = out["n_tested"].fillna(0.0)
    if total:
        tot = {"program_id": TOTAL, "cost": out["cost"].sum(), "participants": out["participants"].sum(),
               "jp": np.nan, "participant_jp": out["participant_jp"].sum(),
               "n_tested": pooled[0], "mean_gain": pooled[1]}
        out = pd.concat([out, pd.DataFrame([tot])], ignore_index=True)
    out["cost_per_participant"] = _ratio(out["cost"], out["participants"])
    out["cost_per_jp"] = _ratio(out["cost"], out["participant_jp"])
    out["cost_per_gain_point"] = _ratio(out["cost_per_participant"], out["mean_gain"])
    out["method"] = ("cost / participants enrolled; cost / (participants x JP); "
                     "cost per participant / mean(post - pre) over participants with both scores "
                     "(NaN when the mean gain is not positive)")
    return out[["program_id", "cost", "participants", "jp", "participant_jp", "cost_per_participant",
                "cost_per_jp", "n_tested", "mean_gain", "cost_per_gain_point", "method"]]


def demand_coverage(programs: pd.DataFrame, *, total: bool = True) -> pd.DataFrame:
    """Applicants against seats per programme: unmet demand and share not admitted.

    Parameters
    ----------
    programs : DataFrame
        The ``programs`` table (``program_id``, ``applicants``, ``capacity``).
    total : bool
        Append a row ``program_id =`` :data:`~kemuning_eval.stats._common.TOTAL`.

    Returns
    -------
    DataFrame
        ``program_id``, ``applicants``, ``capacity``, ``unmet_demand``
        (``max(applicants - capacity, 0)``), ``share_not_admitted``
        (unmet / applicants, exact: a census of applications), ``applicants_per_seat``.

    Examples
    --------
    >>> import pandas as pd
    >>> programs = pd.DataFrame({"program_id": ["A", "B"], "applicants": [50, 10], "capacity": [20, 20]})
    >>> demand_coverage(programs)[["program_id", "unmet_demand", "share_not_admitted"]].to_dict("records")
    [{'program_id': 'A', 'unmet_demand': 30.0, 'share_not_admitted': 0.6}, {'program_id': 'B', 'unmet_demand': 0.0, 'share_not_admitted': 0.0}, {'program_id': '__total__', 'unmet_demand': 30.0, 'share_not_admitted': 0.5}]
    """
    import numpy as np
    import pandas as pd

    out = _programs(programs, ["applicants", "capacity"]).astype({"applicants": "float64", "capacity": "float64"})
    out["unmet_demand"] = np.maximum(out["applicants"] - out["capacity"], 0.0)
    if total:
        tot = out[["applicants", "capacity", "unmet_demand"]].sum().to_dict()
        out = pd.concat([out, pd.DataFrame([{"program_id": TOTAL, **tot}])], ignore_index=True)
    out["share_not_admitted"] = _ratio(out["unmet_demand"], out["applicants"])
    out["applicants_per_seat"] = _ratio(out["applicants"], out["capacity"])
    return out


def admission_gap(programs: pd.DataFrame, *, total: bool = True) -> pd.DataFrame:
    """Applicants not admitted, unused seats and the cost of serving every applicant, per programme.

    Parameters
    ----------
    programs : DataFrame
        The ``programs`` table (``program_id``, ``applicants``, ``capacity``,
        ``participants``, ``cost``).
    total : bool
        Append a row ``program_id =`` :data:`~kemuning_eval.stats._common.TOTAL`
        (sums; the cost of all applicants is the sum of the programmes', each at
        its own unit cost, not the average).

    Returns
    -------
    DataFrame
        ``program_id``, ``applicants``, ``capacity``, ``participants``, ``cost``,
        ``not_admitted`` (``max(applicants - participants, 0)``: applicants who did not
        take part), ``unused_seats`` (``max(capacity - participants, 0)``),
        ``seat_fill`` (participants / capacity), ``applicants_per_seat``,
        ``cost_per_participant``, ``cost_all_applicants`` (applicants x cost per
        participant), ``extra_cost`` (not admitted x cost per participant), ``method``.
        Missing inputs give NaN, never 0.

    Examples
    --------
    >>> import pandas as pd
    >>> programs = pd.DataFrame({"program_id": ["A", "B"], "applicants": [50, 10], "capacity": [40, 20],
    ...                          "participants": [40, 8], "cost": [80_000_000.0, 8_000_000.0]})
    >>> res = admission_gap(programs)
    >>> res[["program_id", "not_admitted", "unused_seats", "cost_all_applicants"]].values.tolist()
    [['A', 10.0, 0.0, 100000000.0], ['B', 2.0, 12.0, 10000000.0], ['__total__', 12.0, 12.0, 110000000.0]]
    """
    import numpy as np
    import pandas as pd

    cols = ["applicants", "capacity", "participants", "cost"]
    out = _programs(programs, cols).astype({c: "float64" for c in cols})
    out["not_admitted"] = np.maximum(out["applicants"] - out["participants"], 0.0)  # NaN stays NaN
    out["unused_seats"] = np.maximum(out["capacity"] - out["participants"], 0.0)
    out["cost_per_participant"] = _ratio(out["cost"], out["participants"])
    out["cost_all_applicants"] = out["applicants"] * out["cost_per_participant"]
    out["extra_cost"] = out["not_admitted"] * out["cost_per_participant"]
    if total:
        sums = ["applicants", "capacity", "participants", "cost", "not_admitted", "unused_seats",
                "cost_all_applicants", "extra_cost"]
        tot = {c: out[c].sum() if out[c].notna().all() else np.nan for c in sums}
        out = pd.concat([out, pd.DataFrame([{"program_id": TOTAL, **tot}])], ignore_index=True)
        out.loc[out.index[-1], "cost_per_participant"] = _ratio(tot["cost"], tot["participants"])
    out["seat_fill"] = _ratio(out["participants"], out["capacity"])
    out["applicants_per_seat"] = _ratio(out["applicants"], out["capacity"])
    out["method"] = ("not admitted = max(applicants - participants, 0); unused seats = max(capacity - participants, 0); "
                     "cost of all applicants = applicants x cost / participants of each programme (summed for the total)")
    return out[["program_id", *cols, "not_admitted", "unused_seats", "seat_fill", "applicants_per_seat",
                "cost_per_participant", "cost_all_applicants", "extra_cost", "method"]]


def jp_coverage(
    jp_records: pd.DataFrame,
    *,
    target: float = DEFAULT_JP_TARGET,
    population: int | None = None,
    by: str | Sequence[str] | None = None,
    level: float = DEFAULT_LEVEL,
    min_n: int = DEFAULT_MIN_N,
) -> pd.DataFrame:
    """Share of ASN reaching the yearly competency-development target (default 20 JP).

    Parameters
    ----------
    jp_records : DataFrame
        The ``jp_records`` table (``person_id``, ``jp_total``, ``unit``).
    target : float
        JP a year counted as reaching the target (PP 17/2020: 20 JP; configurable).
    population : int, optional
        Number of ASN in the region.  When larger than the rows, the rows are a
        sample and a Wilson interval is added (overall only); otherwise the
        share is exact (census) and the interval is the share itself.
    by : str or list of str, optional
        Grouping columns (e.g. ``unit``); small groups are suppressed.
    level : float
        Confidence level of the Wilson interval.
    min_n : int
        Smallest group published.

    Returns
    -------
    DataFrame
        grouping columns, ``n``, ``count`` (reaching), ``estimate`` (share),
        ``ci_low``, ``ci_high``, ``target``, ``method``, ``suppressed``, ``suppression``.

    Examples
    --------
    >>> import pandas as pd
    >>> jp = pd.DataFrame({"person_id": [f"R{i}" for i in range(8)],
    ...                    "jp_total": [0, 12, 20, 24, 40, 8, 19.5, 32]})
    >>> jp_coverage(jp)[["n", "count", "estimate"]].to_dict("records")
    [{'n': 8, 'count': 4.0, 'estimate': 0.5}]
    """
    import numpy as np

    level = check_level(level)
    min_n = check_min_n(min_n)
    check_arg(isinstance(target, (int, float)) and not isinstance(target, bool) and target > 0,
              "target", target, "a positive number of JP (e.g. 20)")
    by_cols = as_columns(by)
    require_columns(jp_records, ["jp_total", *by_cols], table="jp_records")
    numeric_matrix(jp_records, ["jp_total"], table="jp_records")
    rows = jp_records.loc[jp_records["jp_total"].notna()]
    if population is not None:
        check_arg(isinstance(population, int) and population >= len(rows), "population", population,
                  f"an integer at least the number of records ({len(rows)})")
    sampled = population is not None and population > len(rows)
    rows = rows.assign(_reach=(rows["jp_total"].astype("float64") >= target).astype("float64"))
    rows, keys = grouped(rows, by_cols)
    out = drop_all(rows.groupby(keys, sort=True, observed=True)["_reach"].agg(n="count", count="sum").reset_index())
    n = out["n"].to_numpy(dtype=np.float64)
    c = out["count"].to_numpy(dtype=np.float64)
    out["n"] = out["n"].astype("int64")
    out["count"] = out["count"].astype("float64")
    out["estimate"] = _ratio(c, n)
    if sampled:
        out["ci_low"], out["ci_high"] = wilson_interval(c, n, level)
        how = f"sample of {len(rows)} from {population} ASN; Wilson score interval at {level:g}"
    else:
        out["ci_low"] = out["estimate"]
        out["ci_high"] = out["estimate"]
        how = "census of every ASN record: exact share, no sampling error"
    out["target"] = float(target)
    out["method"] = f"share with jp_total >= {target:g} JP a year; {how}"
    return suppress_small(out, min_n=min_n, columns=["count", "estimate", "ci_low", "ci_high"])


def budget_scenario(
    programs: pd.DataFrame,
    *,
    budget_change: float,
    program_id: str | None = None,
) -> pd.DataFrame:
    """What a budget change buys at the current cost per participant.

    Parameters
    ----------
    programs : DataFrame
        The ``programs`` table (``cost``, ``participants``, ``applicants``, ``capacity``).
    budget_change : float
        Rupiah added (positive) or cut (negative).
    program_id : str, optional
        Spend it on one programme.  Default: one row per programme (the whole
        change spent on that programme) plus :data:`~kemuning_eval.stats._common.TOTAL` at the average cost per
        participant against the total unmet demand.

    Returns
    -------
    DataFrame
        ``program_id``, ``budget_change``, ``cost_per_participant``, ``extra_seats``
        (floored), ``unmet_demand``, ``unmet_covered`` (seats that meet unmet
        demand), ``share_unmet_covered``, ``method``.

    Examples
    --------
    >>> import pandas as pd
    >>> programs = pd.DataFrame({"program_id": ["PM"], "cost": [130_000_000.0], "participants": [20],
    ...                          "capacity": [20], "applicants": [42]})
    >>> res = budget_scenario(programs, budget_change=50_000_000, program_id="PM")
    >>> res[["extra_seats", "unmet_demand", "unmet_covered"]].to_dict("records")
    [{'extra_seats': 7.0, 'unmet_demand': 22.0, 'unmet_covered': 7.0}]
    """
    import numpy as np

    ok = isinstance(budget_change, (int, float)) and not isinstance(budget_change, bool) and np.isfinite(budget_change)
    check_arg(ok, "budget_change", budget_change, "a number of Rupiah (negative for a cut)")
    costs = cost_summary(programs, total=True) if "jp" in programs.columns else cost_summary(
        programs.assign(jp=np.nan), total=True)
    demand = demand_coverage(programs, total=True)
    out = costs[["program_id", "cost_per_participant"]].merge(
        demand[["program_id", "unmet_demand"]], on="program_id", how="left")
    if program_id is not None:
        if program_id not in set(out["program_id"]):
            raise DataError(t("stats2.error.unknown_program"), column="program_id", value=program_id,
                            hint=t("stats2.hint.unknown_program",
                                   available=", ".join(map(str, programs["program_id"]))))
        out = out.loc[out["program_id"] == program_id]
    out = out.reset_index(drop=True)
    out.insert(1, "budget_change", float(budget_change))
    out["extra_seats"] = np.floor(_ratio(np.full(len(out), float(budget_change)), out["cost_per_participant"]))
    out["unmet_covered"] = np.minimum(np.maximum(out["extra_seats"], 0.0), out["unmet_demand"])
    out["share_unmet_covered"] = _ratio(out["unmet_covered"], out["unmet_demand"])
    out["method"] = ("extra seats = floor(budget change / cost per participant) at the current unit cost; "
                     "unmet demand = max(applicants - capacity, 0); the total row uses the average cost per participant")
    return out[["program_id", "budget_change", "cost_per_participant", "extra_seats", "unmet_demand",
                "unmet_covered", "share_unmet_covered", "method"]]
