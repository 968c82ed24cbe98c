"""The study section of the results: programmes, participants, sample, respondent profile, data quality.

Examples
--------
>>> study({}, Context())
{}
"""

from __future__ import annotations

from typing import Any

from kemuning_eval.config import (
    DEFAULT_JP_TARGET,
)
from kemuning_eval.i18n import t
from kemuning_eval.report.results.common import (
    Context,
    as_count,
    as_float,
    as_number,
    has_rows,
    text_or_none,
)
from kemuning_eval.stats._common import TOTAL
from kemuning_eval.stats.bands import LIKERT_CUTOFFS


def likert_bands(cutoffs: dict | None, lang: str) -> list[dict]:
    """The category bands in force, for the method section: ``[{label, lower}]`` in increasing order.

    ``label`` is the configured label, or the code of a default band
    (:data:`kemuning_eval.stats.bands.LIKERT_CUTOFFS`) that the wording layer labels.

    Parameters
    ----------
    cutoffs : dict or None
        Bands of :func:`likert_cutoffs`; ``None`` for the default bands.
    lang : {"id", "en"}
        Report language (unused: default bands are stored as codes).

    Returns
    -------
    list of dict
        ``{"label", "lower"}`` per band.

    Examples
    --------
    >>> likert_bands({"Low": 1, "High": 3}, "en")
    [{'label': 'Low', 'lower': 1.0}, {'label': 'High', 'lower': 3.0}]
    >>> [b["label"] for b in likert_bands(None, "en")]
    ['sangat_kurang', 'kurang', 'cukup', 'baik', 'sangat_baik']
    """
    if cutoffs:
        return [{"label": label, "lower": float(lower)} for label, lower in cutoffs.items()]
    return [{"label": code, "lower": float(lower)} for code, lower in LIKERT_CUTOFFS.items()]


def study(tables: dict, ctx: Context, *, target_jp: float = DEFAULT_JP_TARGET, population_asn: int | None = None) -> dict:
    """Programmes, participants, facilitators, seats and budget, 20-JP coverage, data quality.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The processed tables in scope (``programs``, ``participants``,
        ``facilitators``, ``jp_records`` and ``data_quality`` when present).
    ctx : Context
        Privacy (for the JP coverage).
    target_jp : float, default 20.0
        Yearly JP target per ASN.
    population_asn : int, optional
        Number of ASN in the region (denominator of the JP coverage).

    Returns
    -------
    dict
        The ``study`` fields that the data allow (empty for no tables).

    Examples
    --------
    >>> import pandas as pd
    >>> programs = pd.DataFrame({"program_id": ["A", "B"], "name": ["Alpha", "Beta"], "jp": [30, 20],
    ...                          "cost": [60_000_000, 30_000_000], "participants": [20, 10],
    ...                          "capacity": [20, 10], "applicants": [30, 12]})
    >>> s = study({"programs": programs}, Context())
    >>> s["n_programs"], s["jp_total"], s["applicants_total"], s["demand_ratio"]
    (2, 50, 42, 1.4)
    >>> study({}, Context())
    {}
    """
    out: dict[str, Any] = {}
    programs = tables.get("programs")
    if programs is not None and len(programs):
        from kemuning_eval.stats.cost import demand_coverage

        part = tables.get("participants")
        out["programs"] = [{
            "program_id": row["program_id"], "name": text_or_none(row.get("name")),
            "field": text_or_none(row.get("field")),
            "jp": as_count(row.get("jp")), "start_date": _iso(row.get("start_date")), "end_date": _iso(row.get("end_date")),
            "capacity": as_count(row.get("capacity")), "applicants": as_count(row.get("applicants")),
            "participants": as_count(row.get("participants")) if part is not None else None, "cost": as_number(row.get("cost")),
        } for _, row in programs.sort_values("program_id").iterrows()]
        # a column without any value was not collected: its total is missing, never a zero
        have = {c: c in programs and bool(programs[c].notna().any()) for c in ("jp", "cost", "capacity", "applicants")}
        total = None
        if have["capacity"] and have["applicants"]:
            demand = demand_coverage(programs)
            total = demand[demand["program_id"] == TOTAL].iloc[0]
        n_part = len(part) if part is not None else None
        completed = None
        if part is not None and "completed" in part and part["completed"].notna().any():
            completed = int(part["completed"].fillna(False).astype(bool).sum())
        fac = tables.get("facilitators")
        from kemuning_eval.report.results.availability import derived_programs

        out.update(
            programs_source="exports" if derived_programs(programs) else "table",
            n_programs=int(len(programs)), n_participants=n_part, n_completed=completed,
            completion_rate=as_float(completed / n_part) if completed is not None and n_part else None,
            jp_total=as_count(programs["jp"].sum()) if have["jp"] else None,
            budget_total=as_number(programs["cost"].sum()) if have["cost"] else None,
            capacity_total=as_count(total["capacity"]) if total is not None else None,
            applicants_total=as_count(total["applicants"]) if total is not None else None,
            unmet_demand=as_count(total["unmet_demand"]) if total is not None else None,
            share_not_admitted=as_float(total["share_not_admitted"]) if total is not None else None,
            demand_ratio=as_float(total["applicants_per_seat"]) if total is not None else None,
            n_facilitators=int(fac["facilitator_id"].nunique()) if fac is not None else None,
        )
    elif has_rows(tables, "participants"):
        out["n_participants"] = int(len(tables["participants"]))
    jp = tables.get("jp_records")
    if jp is not None and len(jp):
        from kemuning_eval.stats.cost import jp_coverage

        cov = jp_coverage(jp, target=target_jp, population=population_asn, min_n=ctx.min_n).iloc[0]
        out["jp_coverage"] = {"n": as_count(cov["n"]), "count": as_count(cov["count"]), "share": as_float(cov["estimate"]),
                              "target": as_number(cov["target"]), "mean_jp": as_float(jp["jp_total"].mean())}
    dq = tables.get("data_quality")
    if dq is not None:
        sev = dq["severity"].astype(str)
        out["data_quality"] = {
            "n_checks": int(len(dq)), "n_errors": int((sev == "error").sum()),
            "n_warnings": int((sev == "warning").sum()), "n_info": int((sev == "info").sum()),
            "rows": [{"file": row["file"], "check": row["check"], "column": row["column"] if isinstance(row["column"], str) else None, "n": as_count(row["n"]),
                      "severity": row["severity"], "detail": quality_detail(row)}
                     for _, row in dq.sort_values(["severity", "file", "check", "column"]).iterrows()
                     if row["severity"] != "info" or (row.get("n") or 0) > 0],
        }
    return out


#: checks whose ``example`` holds codes of the run (the duplicates rule, the NIP reasons), never data
DETAIL_CHECKS = frozenset({"duplicate_submission", "invalid_nip"})


def quality_detail(row: Any) -> str | None:
    """The codes a data-quality finding's text names (``example`` of :data:`DETAIL_CHECKS`), else None.

    Examples
    --------
    >>> quality_detail({"check": "invalid_nip", "example": "format; gender"})
    'format; gender'
    >>> quality_detail({"check": "unknown_label", "example": "Setuju sekali"}) is None
    True
    """
    value = row.get("example") if row.get("check") in DETAIL_CHECKS else None
    return value if isinstance(value, str) and value else None


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    try:
        import pandas as pd

        if pd.isna(value):
            return None
        return pd.Timestamp(value).date().isoformat()
    except (TypeError, ValueError):
        return str(value)


def sample(tables: dict, ctx: Context) -> dict[str, Any]:
    """The required (Krejcie-Morgan) vs achieved sample and the response rates, as ``study`` fields.

    The population is the enrolled participants; the achieved sample is the
    reaction survey's respondents (:func:`kemuning_eval.stats.sampling.response_rates`).
    Response rates are given for every instrument answered by participants.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The processed tables in scope.
    ctx : Context
        Language of the instrument labels.

    Returns
    -------
    dict
        ``sample`` (``None`` without a roster or a reaction survey) and ``response_rates``.

    Examples
    --------
    >>> import pandas as pd
    >>> people = pd.DataFrame({"participant_id": [f"p{k}" for k in range(8)]})
    >>> sample({"participants": people, "reaction": people.head(3)}, Context(lang="en"))["sample"]
    {'population': 8, 'required': 8, 'achieved': 3, 'rate': 0.375, 'adequate': False}
    """
    from kemuning_eval.stats.sampling import response_rates

    out: dict[str, Any] = {"sample": None, "response_rates": []}
    people = tables.get("participants")
    if people is None or people.empty:
        return out
    for instrument in ("reaction", "facilitator_ratings", "tests", "observations"):
        frame = tables.get(instrument)
        if frame is None or frame.empty:
            continue
        if instrument == "tests":
            frame = frame.dropna(subset=["pre", "post"])
        rate = response_rates(people, frame, by=None).iloc[0]
        entry = {"instrument": instrument, "label": t(f"report.instrument.{instrument}", ctx.lang),
                 "n": as_count(rate["respondents"]), "population": as_count(rate["population"]),
                 "rate": as_float(rate["estimate"]), "required": as_count(rate["n_required"])}
        out["response_rates"].append(entry)
        if instrument == "reaction":
            out["sample"] = {"population": entry["population"], "required": entry["required"],
                             "achieved": entry["n"], "rate": entry["rate"],
                             "adequate": bool(entry["n"] >= entry["required"])}
    return out


#: participant characteristics in the respondent profile, in report order
PROFILE = ("gender", "age_band", "nip_kind", "grade")


def profile(tables: dict, ctx: Context) -> list[dict]:
    """Participants by gender, age band, ASN kind and grade (counts and shares), small cells hidden.

    Cells under ``min_n`` are hidden with their count (primary and secondary
    suppression of :func:`kemuning_eval.stats.suppression.suppress`, one
    breakdown per characteristic).

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The processed tables in scope (``participants`` is read).
    ctx : Context
        Language and ``min_n``.

    Returns
    -------
    list of dict
        ``variable``, ``label``, ``value``, ``suppressed``, ``n`` and
        ``share`` per category (``n``/``share`` ``None`` when suppressed).

    Examples
    --------
    >>> import pandas as pd
    >>> people = pd.DataFrame({"gender": ["L"] * 7 + ["P"] * 6})
    >>> [(p["value"], p["n"], round(p["share"], 3)) for p in profile({"participants": people}, Context(lang="en"))]
    [('L', 7, 0.538), ('P', 6, 0.462)]

    With two women among eight, their cell is hidden, and so is the men's
    (else it would give the women's count away):

    >>> people = pd.DataFrame({"gender": ["L"] * 6 + ["P"] * 2})
    >>> [(p["value"], p["suppressed"], p["n"]) for p in profile({"participants": people}, Context())]
    [('L', True, None), ('P', True, None)]
    """
    return profile_table(tables.get("participants"), PROFILE, ctx)


def profile_table(people: Any, variables: tuple[str, ...], ctx: Context) -> list[dict]:
    """Counts and shares of each of ``variables`` in ``people``, categories in natural order, small cells hidden.

    Categories are ordered by :func:`kemuning_eval.stats.sampling.category_order_key`
    (age bands by number, grades by their Roman numeral); a missing value is
    its own category, last.  Suppression as in :func:`profile`.

    Parameters
    ----------
    people : pandas.DataFrame or None
        One row per person.
    variables : tuple of str
        The columns to count, in report order (absent ones are skipped).
    ctx : Context
        Language and ``min_n``.

    Returns
    -------
    list of dict
        The rows of :func:`profile`.

    Examples
    --------
    >>> import pandas as pd
    >>> people = pd.DataFrame({"age_band": ["<30"] * 5 + ["30-39"] * 6})
    >>> [p["value"] for p in profile_table(people, ("age_band",), Context())]
    ['<30', '30-39']
    """
    if people is None or people.empty:
        return []
    import pandas as pd

    from kemuning_eval.stats.sampling import MISSING_CATEGORY, category_order_key
    from kemuning_eval.stats.suppression import suppress

    rows = []
    for var in variables:
        if var not in people:
            continue
        counts = people[var].astype("string").fillna(MISSING_CATEGORY).value_counts(sort=False)
        for value, n in sorted(counts.items(), key=lambda kv: category_order_key(kv[0])):
            rows.append({"variable": var, "value": str(value), "n": int(n), "share": float(n) / len(people)})
    if not rows:
        return []
    table = suppress(pd.DataFrame(rows), min_n=ctx.min_n, partitions=[["variable"]], value_cols=["share"])
    return [{"variable": row["variable"], "label": t(f"report.profile.{row['variable']}", ctx.lang),
             "value": row["value"], "suppressed": bool(row["suppressed"]),
             "n": None if row["suppressed"] else int(row["n"]),
             "share": None if row["suppressed"] else as_float(row["share"])}
            for _, row in table.iterrows()]
