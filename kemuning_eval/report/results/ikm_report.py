"""The IKM laid out as PermenPANRB 14/2017 reports have it, and the follow-up plan of its weak elements.

Per element the mean score (NRR, 1-4), the weighted NRR (NRR x 1/9, the
regulation's equal weights), the converted value (NRR x 25) and its grade;
every element below grade B named (``below_b``, lowest NRR first); the
respondent profile (sex, age band, education, PNS and PPPK grades, in their
natural order); the survey period; the IKM per programme; and the follow-up
plan (rencana tindak lanjut) of the elements below B: priority, action,
deadline and unit responsible, from ``config.IKM_ELEMENTS`` and
``report.follow_up`` of studi.yaml.

Every decision (grade, below B, priority) is made here through
:mod:`kemuning_eval.stats.bands` on unrounded values; the wording layer only
shows it.

Examples
--------
>>> IKM_PROFILE
('gender', 'age_band', 'education', 'grade')
"""

from __future__ import annotations

from typing import Any

from kemuning_eval.config import IKM_ELEMENTS, REPORT_RULE_DEFAULTS
from kemuning_eval.report.results.common import Context, as_count, as_float, has_rows, text_or_none
from kemuning_eval.report.results.study import profile_table
from kemuning_eval.stats.bands import follow_up_priority, ikm_element_weak, ikm_grade
from kemuning_eval.stats.sampling import PPPK_PREFIX

#: respondent characteristics of the IKM profile, in report order (absent ones are left out)
IKM_PROFILE = ("gender", "age_band", "education", "grade")
#: last day of each quarter (the default deadline is the end of a quarter of the next year)
QUARTER_END = {1: "03-31", 2: "06-30", 3: "09-30", 4: "12-31"}


def _rule(ctx: Context, name: str) -> Any:
    """A rule threshold of the study (``report.rules``), else its default."""
    return ctx.rules.get(name, REPORT_RULE_DEFAULTS[name])


def element_rows(data: Any, items: Any, ctx: Context) -> list[dict]:
    """Per element, in the regulation's order: n, NRR, weighted NRR, converted value, grade, below B.

    Parameters
    ----------
    data, items : pandas.DataFrame
        The ``reaction`` and ``items`` tables (all nine elements present).
    ctx : Context
        ``rules["ikm_nrr_min"]`` is the boundary of a weak element (default: grade B).

    Returns
    -------
    list of dict

    Examples
    --------
    >>> import pandas as pd
    >>> from kemuning_eval.stats.ikm import ELEMENTS
    >>> cols = {e: f"u{i}" for i, e in enumerate(ELEMENTS)}
    >>> data = pd.DataFrame({c: [3.0, 3.0] for c in cols.values()})
    >>> items = pd.DataFrame({"variable": list(cols.values()), "ikm_element": list(cols)})
    >>> row = element_rows(data, items, Context())[0]
    >>> row["element"], row["nrr"], round(row["nrr_weighted"], 4), row["converted"], row["grade"], row["below_b"]
    ('persyaratan', 3.0, 0.3333, 75.0, 'C', True)
    """
    from kemuning_eval.stats.ikm import ELEMENTS, ikm_elements

    table = ikm_elements(data, items, min_n=1).set_index("element")
    nrr_min = _rule(ctx, "ikm_nrr_min")
    rows = []
    for element in ELEMENTS:
        row = table.loc[element]
        nrr = as_float(row["nrr"])
        grade, quality = ikm_grade(as_float(row["converted"]))
        rows.append({"element": element, "n": as_count(row["n"]), "nrr": nrr,
                     "nrr_weighted": as_float(row["nrr_weighted"]), "converted": as_float(row["converted"]),
                     "grade": grade, "category": quality, "below_b": ikm_element_weak(nrr, nrr_min)})
    return rows


def by_program(data: Any, items: Any, ctx: Context) -> list[dict]:
    """The IKM per programme: n, index, converted value and grade; programmes under ``min_n`` suppressed.

    The count stays visible for a hidden programme (the table says "n < 5" in its value cells).

    Examples
    --------
    >>> import pandas as pd
    >>> from kemuning_eval.stats.ikm import ELEMENTS
    >>> data = pd.DataFrame({f"u{i}": [3.0] * 15 for i in range(9)})
    >>> data["program_id"] = ["A"] * 5 + ["B"] * 6 + ["C"] * 4
    >>> items = pd.DataFrame({"variable": [f"u{i}" for i in range(9)], "ikm_element": list(ELEMENTS)})
    >>> [(r["program_id"], r["n"], r["grade"], r["suppressed"]) for r in by_program(data, items, Context())]
    [('A', 5, None, True), ('B', 6, 'C', False), ('C', 4, None, True)]

    C (4 respondents) is hidden, and A with it (secondary suppression, :mod:`kemuning_eval.stats.suppression`).
    """
    from kemuning_eval.stats.ikm import ikm_index

    if "program_id" not in data or data["program_id"].dropna().empty:
        return []
    table = ikm_index(data.dropna(subset=["program_id"]), items, by="program_id", min_n=ctx.min_n)
    rows = []
    for _, row in table.iterrows():
        hidden = bool(row["suppressed"])
        rows.append({"program_id": str(row["program_id"]), "name": ctx.programs.get(row["program_id"]),
                     "n": as_count(row["n"]),
                     "index": None if hidden else as_float(row["estimate"]),
                     "converted": None if hidden else as_float(row["converted"]),
                     "grade": None if hidden else text_or_none(row["grade"]),
                     "category": None if hidden else text_or_none(row["quality"]), "suppressed": hidden})
    return rows


def respondent_profile(tables: dict, ctx: Context) -> list[dict]:
    """The survey's respondents by sex, age band, education and grade, small cells hidden.

    A PPPK grade is stored as ``"PPPK IX"`` (:data:`~kemuning_eval.stats.sampling.PPPK_PREFIX`),
    after the PNS grades; the wording layer labels it ("PPPK golongan IX").

    Respondents are the distinct ``participant_id`` of the survey found in the
    ``participants`` table; without a roster there is no profile (``[]``).

    Examples
    --------
    >>> import pandas as pd
    >>> people = pd.DataFrame({"participant_id": list("abcdefghij"), "nip_kind": ["PNS"] * 5 + ["PPPK"] * 5,
    ...                        "grade": ["III/a"] * 5 + ["IX"] * 5})
    >>> rows = respondent_profile({"participants": people, "reaction": people[["participant_id"]]}, Context())
    >>> [(r["variable"], r["value"], r["n"]) for r in rows]
    [('grade', 'III/a', 5), ('grade', 'PPPK IX', 5)]
    """
    people, survey = tables.get("participants"), tables.get("reaction")
    if people is None or people.empty or survey is None or "participant_id" not in survey:
        return []
    respondents = people[people["participant_id"].isin(survey["participant_id"].dropna())]
    respondents = respondents.drop_duplicates("participant_id")
    if "grade" in respondents and "nip_kind" in respondents:  # PPPK grades (I-XVII) apart from PNS ones
        pppk = (respondents["nip_kind"] == "PPPK") & respondents["grade"].notna()
        respondents = respondents.assign(grade=respondents["grade"].astype("string").mask(
            pppk, PPPK_PREFIX + respondents["grade"].astype("string")))
    return profile_table(respondents, IKM_PROFILE, ctx)


def survey_period(data: Any) -> dict | None:
    """First and last response date (ISO) of the survey; None without submission times.

    Examples
    --------
    >>> import pandas as pd
    >>> survey_period(pd.DataFrame({"submitted_at": pd.to_datetime(["2026-05-02 10:00", "2026-03-01 08:00"])}))
    {'first': '2026-03-01', 'last': '2026-05-02'}
    >>> survey_period(pd.DataFrame({"x": [1]})) is None
    True
    """
    import pandas as pd

    if "submitted_at" not in data:
        return None
    times = pd.to_datetime(data["submitted_at"], errors="coerce").dropna()
    if times.empty:
        return None
    return {"first": times.min().date().isoformat(), "last": times.max().date().isoformat()}


def follow_up_plan(elements: list[dict], ctx: Context, year: int) -> list[dict]:
    """The follow-up plan (rencana tindak lanjut): every element below B, lowest NRR first.

    Priority from :func:`kemuning_eval.stats.bands.follow_up_priority`; action,
    deadline and owner from ``report.follow_up.<element>`` when configured,
    else from :data:`kemuning_eval.config.IKM_ELEMENTS` (deadline: the end of
    its quarter of ``year + 1``).

    Parameters
    ----------
    elements : list of dict
        The rows of :func:`element_rows`.
    ctx : Context
        ``rules`` (priority threshold) and ``follow_up`` (configured plan).
    year : int
        The study year.

    Returns
    -------
    list of dict

    Examples
    --------
    >>> rows = [{"element": "waktu", "nrr": 3.04, "converted": 76.0, "grade": "C", "below_b": True},
    ...         {"element": "sarana", "nrr": 2.8, "converted": 70.0, "grade": "C", "below_b": True}]
    >>> ctx = Context(follow_up={"waktu": {"owner": "Bidang Diklat", "deadline": "2027-02-15"}})
    >>> [(r["rank"], r["element"], r["priority"], r["deadline"], r["owner"]) for r in follow_up_plan(rows, ctx, 2026)]
    [(1, 'sarana', 'high', '2027-03-31', None), (2, 'waktu', 'medium', '2027-02-15', 'Bidang Diklat')]
    """
    from kemuning_eval.stats.ikm import ELEMENTS

    high_below = _rule(ctx, "ikm_priority_high_converted")
    weak = sorted((e for e in elements if e["below_b"]), key=lambda e: (e["nrr"], ELEMENTS.index(e["element"])))
    plan = []
    for rank, e in enumerate(weak, 1):
        default, given = IKM_ELEMENTS[e["element"]], dict(ctx.follow_up.get(e["element"]) or {})
        deadline = given.get("deadline") or f"{year + 1}-{QUARTER_END[int(default['quarter'])]}"
        plan.append({"element": e["element"], "rank": rank, "nrr": e["nrr"], "converted": e["converted"],
                     "grade": e["grade"], "priority": follow_up_priority(e["converted"], high_below),
                     "action": given.get("action"), "deadline": deadline,
                     "owner_code": str(default["owner"]), "owner": given.get("owner")})
    return plan


def ikm_report(tables: dict, ctx: Context) -> dict | None:
    """The :class:`~kemuning_eval.report.results.model.IkmReport` fields; None without all nine elements.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        ``reaction`` and ``items`` are needed; ``participants`` gives the profile.
    ctx : Context
        Language, ``min_n``, year, ``rules`` and ``follow_up``.

    Returns
    -------
    dict or None

    Examples
    --------
    >>> import pandas as pd
    >>> from kemuning_eval.stats.ikm import ELEMENTS
    >>> data = pd.DataFrame({f"u{i}": [3.0, 4, 3, 3, 4, 3] for i in range(9)})
    >>> data["u7"] = [2.0, 3, 2, 3, 3, 3]
    >>> items = pd.DataFrame({"variable": [f"u{i}" for i in range(9)], "ikm_element": list(ELEMENTS)})
    >>> out = ikm_report({"reaction": data, "items": items}, Context(year=2026))
    >>> out["below_b"], out["follow_up"][0]["priority"], out["follow_up"][0]["deadline"]
    (['pengaduan'], 'high', '2027-03-31')
    """
    from kemuning_eval.errors import DataError
    from kemuning_eval.stats.ikm import WEIGHT, element_columns, ikm_index

    if not has_rows(tables, "reaction") or not has_rows(tables, "items"):
        return None
    data, items = tables["reaction"], tables["items"]
    if "instrument" in items:
        items = items[items["instrument"] == "reaction"]
    if "ikm_element" not in items or items["ikm_element"].map(text_or_none).dropna().empty:
        return None
    try:
        element_columns(data, items)
    except DataError:  # not all nine elements: no index (reaction.ikm_missing names them)
        return None
    overall = ikm_index(data, items, min_n=1).iloc[0]
    elements = element_rows(data, items, ctx)
    period = survey_period(data)
    year = ctx.year or (int(period["last"][:4]) if period else None)
    below_b = sorted((e for e in elements if e["below_b"]), key=lambda e: e["nrr"])
    return {"n": as_count(overall["n"]), "weight": WEIGHT, "index": as_float(overall["estimate"]),
            "converted": as_float(overall["converted"]), "grade": text_or_none(overall["grade"]),
            "category": text_or_none(overall["quality"]), "elements": elements,
            "below_b": [row["element"] for row in below_b], "profile": respondent_profile(tables, ctx),
            "period": period, "by_program": by_program(data, items, ctx),
            "follow_up": follow_up_plan(elements, ctx, year) if year else [],
            "priority_high_below": float(_rule(ctx, "ikm_priority_high_converted"))}
