"""The programme decision table: per programme each level's headline value, flagged against ``report.rules``.

One row per programme (:class:`~kemuning_eval.report.results.model.ProgramDecisionRow`):
demand per seat, reaction (mean of the dimension means), the survey items on
outdated material, the change of test scores with its 95 % CI, Hake's gain,
the share applying at work with its CI, the Level 4 effect (when the metrics
hold one per programme), cost per participant, BCR/ROI and the IKM grade.
Each cell is flagged here, once, on the unrounded value, against the
thresholds of ``report.rules`` (``config.REPORT_RULE_DEFAULTS``); the wording
layer only shows the stored flags.

What the levels already computed per programme is read from the metrics
(``learning.by_program``, ``behavior.applying_by_program``, ``cost.by_program``,
``study.programs``); the rest is one grouped call of the same statistics
function per measure (``summarize_dimensions``, ``summarize_items``,
``ikm_index``, ``ikm_elements``, ``roi_by_program``, ``demand_coverage``),
never a whole ``compute_metrics`` per programme.

Privacy: a programme with fewer participants (or respondents) than
``privacy.min_group_size`` has every cell that rests on people's answers or
scores suppressed (``reason = "suppressed_small_group"``); its programme-level
facts (seats, cost, monetised benefits) are published figures and stay.

Examples
--------
>>> list(TABLE_THRESHOLDS)[:3]
['demand_ratio', 'low_dimension_mean', 'gain_min']
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kemuning_eval.report.results import program_cells as cells
from kemuning_eval.report.results.common import Context, has_rows, text_or_none
from kemuning_eval.report.results.model import (
    Metrics,
    ProgramCell,
    ProgramDecisionRow,
    ProgramTable,
)

#: the thresholds of ``report.rules`` the table's flags are decided on
TABLE_THRESHOLDS: tuple[str, ...] = ("demand_ratio", "low_dimension_mean", "gain_min", "applying_share_min",
                                     "roi_min", "ikm_nrr_min", "alpha")

#: cells that rest on people's answers or scores (suppressed for a small programme), in table order
PERSON_CELLS: tuple[str, ...] = ("reaction", "material", "learning", "gain", "applying", "outcome", "ikm")

#: every flagged cell of a row, in table order (the row's ``concerns`` follow it)
FLAGGED_CELLS: tuple[str, ...] = ("demand", "reaction", "material", "gain", "applying", "outcome", "bcr", "ikm")

#: the cells the verdict rests on: how the programme performs.  Demand at or above ``demand_ratio`` is
#: flagged (unmet demand, a challenge of its own) but says nothing about whether the programme works.
VERDICT_CELLS: tuple[str, ...] = tuple(c for c in FLAGGED_CELLS if c != "demand")

def program_table(tables: dict, ctx: Context, m: Metrics, th: Mapping[str, Any]) -> ProgramTable | None:
    """The decision table of every programme of the study, flags decided against ``th``.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The processed tables in the report's scope.
    ctx : Context
        Privacy, programme names, theme codebook, bands.
    m : Metrics
        The levels already computed (their per-programme rows are reused).
    th : mapping
        The rule thresholds (:func:`kemuning_eval.report.results.rules.thresholds`).

    Returns
    -------
    ProgramTable or None
        ``None`` when the study names no programme; a programme's own report has its row only.

    Examples
    --------
    >>> import pandas as pd
    >>> from kemuning_eval.report.results.metrics import empty_metrics
    >>> from kemuning_eval.report.results.rules import thresholds
    >>> m = Metrics.model_validate(empty_metrics(2026))
    >>> programs = pd.DataFrame({"program_id": ["A"], "applicants": [30], "capacity": [20], "participants": [20]})
    >>> row = program_table({"programs": programs}, Context(programs={"A": "Alpha"}), m, thresholds()).rows[0]
    >>> row.demand.value, row.demand.flag, row.concerns, row.verdict, row.gain.reason
    (1.5, 'concern', ['demand'], 'insufficient', 'not_measured')
    """
    ids = sorted(ctx.programs) or sorted(p.program_id for p in (m.study.programs or []))
    if m.study.program_id:  # a programme's own report: its row only
        ids = [pid for pid in ids if pid == m.study.program_id]
    if not ids:
        return None
    parts, grades = _measures(tables, ctx, m, th)
    enrolled = _enrolled(tables, m)
    rows = [_row(pid, ctx, parts, grades, enrolled.get(pid)) for pid in ids]
    return ProgramTable(rows=rows, thresholds={k: float(th[k]) for k in TABLE_THRESHOLDS})


def _measures(tables: dict, ctx: Context, m: Metrics, th: Mapping[str, Any]) -> tuple[dict, dict[str, str]]:
    """Cell name -> programme -> cell, each measure computed once for all programmes; and the IKM grades."""
    ikm, grades = cells.ikm(tables, ctx, th)
    return {
        "demand": cells.demand(tables, th),
        **cells.reaction(tables, ctx, th),
        "learning": cells.learning(m),
        "gain": cells.gain(m, th),
        "applying": cells.applying(m, th),
        "outcome": cells.outcome(m, th),
        "cost_per_participant": cells.cost_per_participant(m),
        "bcr": cells.bcr(tables, th),
        "ikm": ikm,
    }, grades


def _enrolled(tables: dict, m: Metrics) -> dict[str, int | None]:
    """Participants per programme: the roster's count, else the respondents of the survey."""
    if has_rows(tables, "participants") and "program_id" in tables["participants"]:
        counts = tables["participants"]["program_id"].value_counts()
        return {str(k): int(v) for k, v in counts.items()}
    if has_rows(tables, "reaction") and "program_id" in tables["reaction"]:
        counts = tables["reaction"]["program_id"].value_counts()
        return {str(k): int(v) for k, v in counts.items()}
    return {p.program_id: p.participants for p in (m.study.programs or [])}


def _cell(by: Any, pid: str) -> ProgramCell:
    """A programme's cell of one measure: not taken, the same for every programme, or its own."""
    if by is None:
        return cells.NOT_MEASURED
    if isinstance(by, ProgramCell):
        return by
    return by.get(pid, cells.NO_DATA)


def _row(pid: str, ctx: Context, parts: dict, grades: dict[str, str], n: int | None) -> ProgramDecisionRow:
    """One programme's row: its cells (a measure not taken is ``not_measured``), flags, concerns and verdict."""
    suppressed = n is not None and n < ctx.min_n
    row = {name: cells.SUPPRESSED if suppressed and name in PERSON_CELLS else _cell(by, pid)
           for name, by in parts.items()}
    concerns = [name for name in FLAGGED_CELLS if row[name].flag == "concern"]
    judged = [name for name in VERDICT_CELLS if row[name].flag is not None]
    failing = [name for name in VERDICT_CELLS if name in concerns]
    verdict = "suppressed" if suppressed else "concern" if failing else "works" if judged else "insufficient"
    return ProgramDecisionRow(program_id=pid, name=text_or_none(ctx.programs.get(pid)) or pid, n_participants=n,
                              suppressed=suppressed, **row, ikm_grade=None if suppressed else grades.get(pid),
                              concerns=concerns, verdict=verdict)
