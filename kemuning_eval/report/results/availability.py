"""Which instruments a study collected, and which parts of the report they allow.

A study may have any combination of instruments (only a reaction survey;
survey and tests; tests only; no roster, no programme table, no costs ...).
This module is the one place that decides, from the processed tables, what
was measured.  A part that was not measured is represented by a
:class:`NotMeasured` record (a reason code and the instruments that would
have measured it); :func:`NotMeasured.as_dict` is what ``metrics.json``
stores instead of numbers, so a reader (or a later typed results model) never
has to guess from a zero or a missing key.

Reason codes (:data:`REASONS`):

=========================  =====================================================
``not_collected``          the instrument is not part of this year's study
                           (no input in ``studi.yaml``, so no processed table)
``no_data``                the instrument was collected but holds no usable
                           records in the report's scope
``suppressed_small_group`` fewer respondents than ``privacy.min_group_size``
``no_treated_units``       unit outcomes without an activity led by alumni
``did_too_few_clusters``   fewer than 3 work units treated or compared
``did_design_incomplete``  unit outcomes without the before/after x
                           treated/comparison design
``ikm_incomplete``         a survey with some, not all nine, IKM elements
=========================  =====================================================

Examples
--------
>>> import pandas as pd
>>> tables = {"reaction": pd.DataFrame({"q": [4, 5]}), "tests": pd.DataFrame()}
>>> level_status(tables, "reaction") is None
True
>>> level_status(tables, "learning").as_dict()
{'available': False, 'reason': 'no_data', 'instruments': ['tests']}
>>> level_status(tables, "behavior").reason
'not_collected'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kemuning_eval.report.results.model import Metrics, Unavailable

#: every instrument of a study, in the order the method section names them
INSTRUMENTS = ("roster", "programs", "costs", "facilitators", "reaction", "facilitator_ratings", "tests",
               "observations", "outcomes", "benefits", "interviews", "jp_records")

#: processed table of each instrument (``costs`` is the ``cost`` column of ``programs``)
TABLE = {"roster": "participants", "costs": "programs"}

#: report level -> the instrument that measures it
LEVEL_INSTRUMENT = {
    "reaction": "reaction",
    "learning": "tests",
    "behavior": "observations",
    "results": "outcomes",
    "cost": "costs",
    "qualitative": "interviews",
}

REASONS = ("not_collected", "no_data", "suppressed_small_group", "no_treated_units", "did_too_few_clusters",
           "did_design_incomplete", "ikm_incomplete")


@dataclass(frozen=True)
class NotMeasured:
    """A part of the report that has no numbers, and why.

    Parameters
    ----------
    reason : str
        One of :data:`REASONS`.
    instruments : tuple of str, default ()
        The instruments (keys of :data:`INSTRUMENTS`) that would have measured it.

    Examples
    --------
    >>> NotMeasured("not_collected", ("observations",)).as_dict()
    {'available': False, 'reason': 'not_collected', 'instruments': ['observations']}
    >>> NotMeasured("bogus")
    Traceback (most recent call last):
    ...
    ValueError: unknown reason 'bogus'; use one of not_collected, no_data, suppressed_small_group, no_treated_units, did_too_few_clusters, did_design_incomplete, ikm_incomplete
    """

    reason: str
    instruments: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.reason not in REASONS:
            raise ValueError(f"unknown reason {self.reason!r}; use one of {', '.join(REASONS)}")

    def as_dict(self) -> dict[str, Any]:
        """The entry stored in the metrics: ``available`` (false), ``reason``, ``instruments``."""
        return {"available": False, "reason": self.reason, "instruments": list(self.instruments)}

    def record(self) -> Unavailable:
        """The same entry as a results-model record (:class:`~kemuning_eval.report.results.model.Unavailable`)."""
        return Unavailable.model_validate(self.as_dict())


def not_measured(reason: str, *instruments: str) -> Unavailable:
    """The record of a part that has no numbers: ``reason`` and the instruments that would have measured it.

    Examples
    --------
    >>> not_measured("no_data", "tests")
    Unavailable(available=False, reason='no_data', instruments=['tests'])
    """
    return NotMeasured(reason, instruments).record()


def _rows(frame: Any) -> int:
    return 0 if frame is None else int(len(frame))


def instrument_rows(tables: dict, instrument: str) -> int | None:
    """Records of ``instrument`` in ``tables``; ``None`` when it was not collected.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The processed tables (in the report's scope).
    instrument : str
        A key of :data:`INSTRUMENTS`.

    Returns
    -------
    int or None
        Rows of its table (for ``costs``: programmes with a cost), ``None``
        when the table is absent (for ``costs``: no cost value at all; for
        ``programs``: a table derived from the exports, not given).

    Examples
    --------
    >>> import pandas as pd
    >>> programs = pd.DataFrame({"program_id": ["A", "B"], "cost": [1e6, None]})
    >>> instrument_rows({"programs": programs}, "costs"), instrument_rows({"programs": programs}, "roster")
    (1, None)
    """
    frame = tables.get(TABLE.get(instrument, instrument))
    if frame is None:
        return None
    if instrument == "programs" and derived_programs(frame):
        return None
    if instrument == "costs":
        if "cost" not in frame or not frame["cost"].notna().any():
            return None
        return int(frame["cost"].notna().sum())
    if instrument == "tests" and {"pre", "post"} <= set(frame.columns):
        return int(frame.dropna(subset=["pre", "post"]).shape[0])
    return _rows(frame)


def derived_programs(programs: Any) -> bool:
    """True when the ``programs`` table was derived from the codes and names of the exports, not given.

    Examples
    --------
    >>> import pandas as pd
    >>> derived_programs(pd.DataFrame({"program_id": ["PM"], "source": ["exports"]}))
    True
    >>> derived_programs(pd.DataFrame({"program_id": ["PM"]}))
    False
    """
    return "source" in programs and len(programs) > 0 and bool((programs["source"] == "exports").all())


def collected(tables: dict, instrument: str) -> bool:
    """True when ``instrument`` is part of the study (its table exists), even if empty in this scope.

    Examples
    --------
    >>> import pandas as pd
    >>> collected({"tests": pd.DataFrame()}, "tests"), collected({}, "tests")
    (True, False)
    """
    if instrument in ("costs", "programs"):
        return instrument_rows(tables, instrument) is not None
    return tables.get(TABLE.get(instrument, instrument)) is not None


def level_status(tables: dict, level: str) -> NotMeasured | None:
    """``None`` when ``level`` has data, else why not (:class:`NotMeasured`).

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The processed tables in the report's scope.
    level : str
        A key of :data:`LEVEL_INSTRUMENT`.

    Returns
    -------
    NotMeasured or None

    Examples
    --------
    >>> import pandas as pd
    >>> level_status({"programs": pd.DataFrame({"cost": [None]})}, "cost").as_dict()
    {'available': False, 'reason': 'not_collected', 'instruments': ['costs']}
    """
    instrument = LEVEL_INSTRUMENT[level]
    if not collected(tables, instrument):
        return NotMeasured("not_collected", (instrument,))
    if not instrument_rows(tables, instrument):
        return NotMeasured("no_data", (instrument,))
    return None


def inventory(tables: dict) -> list[dict[str, Any]]:
    """One row per instrument: ``instrument``, ``collected`` and ``n`` (records in scope).

    Examples
    --------
    >>> import pandas as pd
    >>> rows = inventory({"reaction": pd.DataFrame({"q": [1, 2, 3]})})
    >>> [(r["instrument"], r["n"]) for r in rows if r["collected"]]
    [('reaction', 3)]
    >>> sum(not r["collected"] for r in rows) == len(INSTRUMENTS) - 1
    True
    """
    out = []
    for instrument in INSTRUMENTS:
        is_collected = collected(tables, instrument)
        out.append({"instrument": instrument, "collected": is_collected,
                    "n": instrument_rows(tables, instrument) if is_collected else None})
    return out


def measured_levels(m: Metrics) -> list[str]:
    """The levels of the results ``m`` that have numbers, in report order.

    Parameters
    ----------
    m : Metrics
        The results (each level's ``available``).

    Returns
    -------
    list of str

    Examples
    --------
    >>> from kemuning_eval.report.results.metrics import empty_metrics
    >>> from kemuning_eval.report.results.model import Qualitative
    >>> m = Metrics.model_validate(empty_metrics(2026))
    >>> measured_levels(m)
    []
    >>> measured_levels(m.model_copy(update={"qualitative": Qualitative(available=True, n_excerpts=3, themes=[],
    ...                                                                 quotes=[])}))
    ['qualitative']
    """
    return [level for level in LEVEL_INSTRUMENT if getattr(m, level).available]


def not_collected(m: Metrics) -> list[str]:
    """Instruments that measure a level and are not part of this year's study (``study.instruments``).

    Parameters
    ----------
    m : Metrics
        The results (``study.instruments``).

    Returns
    -------
    list of str

    Examples
    --------
    >>> from kemuning_eval.report.results.metrics import empty_metrics
    >>> from kemuning_eval.report.results.model import InstrumentModel
    >>> m = Metrics.model_validate(empty_metrics(2026))
    >>> rows = [InstrumentModel(instrument=k, collected=c, n=None)
    ...         for k, c in (("tests", False), ("roster", False), ("reaction", True))]
    >>> not_collected(m.model_copy(update={"study": m.study.model_copy(update={"instruments": rows})}))
    ['tests']
    """
    level_instruments = set(LEVEL_INSTRUMENT.values())
    return [row.instrument for row in m.study.instruments
            if not row.collected and row.instrument in level_instruments]


def parts_not_measured(study: Mapping[str, Any], sections: Mapping[str, Any], tables: dict) -> dict[str, Unavailable]:
    """Parts of the report below a level that have no numbers, each as an :class:`Unavailable` record.

    Keys are metric paths: ``programs`` (programme overview), ``sample`` (the
    Krejcie-Morgan check and response rates), ``profile``, ``jp_coverage``,
    ``reaction.ikm``, ``reaction.facilitators`` and ``cost.roi``; a part
    that was measured is not listed.

    Parameters
    ----------
    study : mapping
        The ``study`` fields computed so far (``sample``, ``profile``, ``jp_coverage`` are read).
    sections : mapping of str to record
        The levels already computed (``reaction`` and ``cost`` are read).
    tables : dict of str to pandas.DataFrame
        The processed tables in the report's scope.

    Returns
    -------
    dict of str to Unavailable

    Examples
    --------
    >>> import pandas as pd
    >>> sections = {"reaction": not_measured("no_data", "reaction"), "cost": not_measured("no_data", "costs")}
    >>> parts = parts_not_measured({"sample": None}, sections, {"reaction": pd.DataFrame({"q": [4]})})
    >>> sorted(parts), parts["sample"].instruments
    (['jp_coverage', 'profile', 'programs', 'sample'], ['roster'])
    """
    out: dict[str, Unavailable] = {}

    def missing(part: str, *instruments: str) -> None:
        absent = tuple(k for k in instruments if not collected(tables, k))
        out[part] = not_measured("not_collected" if absent else "no_data", *(absent or instruments))

    if not collected(tables, "programs"):
        missing("programs", "programs")
    if study.get("sample") is None:
        missing("sample", "roster", "reaction")
    if not study.get("profile"):
        missing("profile", "roster")
    if study.get("jp_coverage") is None:
        missing("jp_coverage", "jp_records")
    reaction, cost = sections.get("reaction"), sections.get("cost")
    if reaction is not None and reaction.available:
        if reaction.ikm is None:  # no item with an ikm_element, or not all nine elements
            out["reaction.ikm"] = not_measured("ikm_incomplete" if reaction.ikm_missing else "not_collected",
                                               "reaction")
        if reaction.facilitators is None:
            missing("reaction.facilitators", "facilitator_ratings")
    if cost is not None and cost.available and cost.bcr is None:
        missing("cost.roi", "benefits")
    return out
