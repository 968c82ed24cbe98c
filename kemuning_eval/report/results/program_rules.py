"""Every challenge rule evaluated per programme as well as overall, naming the programmes it fired for.

The overall rules (:mod:`kemuning_eval.report.results.rules`) judge the
total; this module reads the programme decision table
(:mod:`~kemuning_eval.report.results.program_table`), whose cells were flagged
once against the same ``report.rules`` thresholds, and for each rule of
:data:`RULE_CELLS` collects the programmes whose cell is ``concern``:

* the rule fired overall too: the challenge names those programmes
  (``programs``) and cites their values as extra evidence (``program_id`` set);
* the rule fired for programmes only (the pooled gain is above ``gain_min``
  while one programme's is below it): a challenge of the same id with
  ``overall = False``, the programmes' evidence only.

The mechanism is generic: a rule takes part by naming its cell here.  The
low-ROI and budget rules are not here: the economics rules decide them per
programme from the stored ROI and demand decisions and name the programmes.

Examples
--------
>>> list(RULE_CELLS)[:3]
['low_dimension', 'outdated_material', 'weak_transfer']
"""

from __future__ import annotations

from kemuning_eval.report.results.model import Challenge, Evidence, Metrics, ProgramDecisionRow

#: challenge id -> (cell of the programme table, attribute the flag was decided on, display format),
#: in the report order of the rules
RULE_CELLS: dict[str, tuple[str, str, str]] = {
    "low_dimension": ("reaction", "basis", "num2"),
    "outdated_material": ("material", "value", "num2"),
    "weak_transfer": ("applying", "value", "pct1"),
    "low_ikm_element": ("ikm", "basis", "num2"),
    "low_gain": ("gain", "value", "num2"),
    "did_not_significant": ("outcome", "value", "num3"),
}
# ``unmet_demand`` and ``low_roi`` are decided per programme by the economics rules
# (:mod:`~kemuning_eval.report.results.economics`, stored in ``study.demand`` and ``cost.roi``), which
# name the programmes themselves: a demand above the seats alone does not make the budget a limit.

#: the name of a challenge's text field that carries a flagged cell's ``detail`` (for the sentence)
DETAIL_TEXT: dict[str, str] = {"low_dimension": "dimension", "low_ikm_element": "element",
                               "did_not_significant": "outcome"}


def program_evidence(m: Metrics, cid: str) -> list[Evidence]:
    """The evidence of rule ``cid`` per programme: one entry per programme whose cell is flagged ``concern``.

    Examples
    --------
    >>> from kemuning_eval.report.results.metrics import empty_metrics
    >>> program_evidence(Metrics.model_validate(empty_metrics(2026)), "low_gain")
    []
    """
    table = m.program_table
    if table is None or cid not in RULE_CELLS:
        return []
    cell, attr, fmt = RULE_CELLS[cid]
    return [Evidence(name=f"program_{cell}", path=f"program_table.rows.{i}.{cell}.{attr}",
                     value=getattr(getattr(row, cell), attr), fmt=fmt, program_id=row.program_id)
            for i, row in enumerate(table.rows) if getattr(row, cell).flag == "concern"]


def per_program(m: Metrics, challenges: list[Challenge]) -> list[Challenge]:
    """The overall ``challenges`` with the programmes named, plus the rules that fired for programmes only.

    Parameters
    ----------
    m : Metrics
        The results with their ``program_table``.
    challenges : list of Challenge
        The challenges of the overall rules, in report order.

    Returns
    -------
    list of Challenge
        In the order of :data:`RULE_CELLS` (rules without a cell keep their place after them).

    Examples
    --------
    >>> from kemuning_eval.report.results.metrics import empty_metrics
    >>> per_program(Metrics.model_validate(empty_metrics(2026)), [])
    []
    """
    out = list(challenges)
    for cid in RULE_CELLS:
        evidence = program_evidence(m, cid)
        if not evidence:
            continue
        ids = [ev.program_id for ev in evidence]
        first = next((k for k, ch in enumerate(out) if ch.id == cid), None)
        if first is not None:
            ch = out[first]
            out[first] = ch.model_copy(update={"programs": ids, "evidence": [*ch.evidence, *evidence]})
        else:
            text = _text(m, cid, ids[0])
            also = "low_dimension_materi" if cid == "low_dimension" and text.get("code") == "materi" else None
            out.append(Challenge(id=cid, evidence=evidence, text={k: v for k, v in text.items() if k != "code"},
                                 also=also, programs=ids, overall=False))
    order = {cid: k for k, cid in enumerate(RULE_CELLS)}
    return sorted(out, key=lambda ch: order.get(ch.id, len(order)))


def _text(m: Metrics, cid: str, pid: str) -> dict[str, str]:
    """The sentence's names of a programmes-only challenge: the first programme's weakest part."""
    key = DETAIL_TEXT.get(cid)
    row = _row(m, pid)
    detail = getattr(row, RULE_CELLS[cid][0]).detail if row is not None else None
    if key is None or not detail:
        return {}
    if cid == "low_dimension":
        from kemuning_eval.report.results.reaction import dimension_label

        return {key: dimension_label(detail, m.study.lang), "code": detail}
    return {key: detail}


def _row(m: Metrics, pid: str) -> ProgramDecisionRow | None:
    return next((r for r in (m.program_table.rows if m.program_table else []) if r.program_id == pid), None)
