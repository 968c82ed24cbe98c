"""The programme decision table, its one-paragraph summary, and the programmes a challenge names, in words.

Reads the typed results (:class:`~kemuning_eval.report.results.model.Metrics`
attributes, never dict keys): every value, flag and verdict was decided in
:mod:`kemuning_eval.report.results.program_table`; this module only formats
the numbers (:data:`~kemuning_eval.report.content.wording.FORMATS`), marks a
flagged cell with the catalogue's mark and words the verdicts
(``catalogue/report_programs.yaml``).  Programme names come from the data and
are escaped by the table writer.

Examples
--------
>>> from kemuning_eval.report.results.model import ProgramCell
>>> cell_text(ProgramCell(value=0.2684, flag="concern"), "num2", "id")
'0,27 (!)'
>>> cell_text(ProgramCell(value=None, reason="suppressed_small_group"), "num2", "en")
'hidden'
"""

from __future__ import annotations

from kemuning_eval.i18n import t
from kemuning_eval.report.content.htmlsafe import Html, join, p
from kemuning_eval.report.content.tables import html_table
from kemuning_eval.report.content.wording import FORMATS, join_list
from kemuning_eval.report.results.model import Challenge, Metrics, ProgramCell, ProgramDecisionRow
from kemuning_eval.report.results.program_table import VERDICT_CELLS

#: column of the table -> display format of its value (the order of the table)
COLUMNS: dict[str, str] = {
    "demand": "num2", "reaction": "num2", "material": "num2", "learning": "num2", "gain": "num2",
    "applying": "pct1", "outcome": "num3", "cost_per_participant": "rupiah", "bcr": "num2", "ikm": "num2",
}


def cell_text(cell: ProgramCell, fmt: str, lang: str, *, ci: bool = False, after: str = "") -> str:
    """One cell as shown: the value (with its CI, then ``after``), ``(!)`` when flagged concern, else why it is empty.

    Examples
    --------
    >>> cell_text(ProgramCell(value=0.5, ci_low=0.3, ci_high=0.7), "pct1", "id", ci=True)
    '50,0% [30,0%; 70,0%]'
    """
    if cell.value is None:
        return t(f"programs.reason.{cell.reason or 'no_data'}", lang)
    text = FORMATS[fmt](cell.value, lang)
    if ci and cell.ci_low is not None and cell.ci_high is not None:
        sep = "; " if lang == "id" else ", "
        text += f" [{FORMATS[fmt](cell.ci_low, lang)}{sep}{FORMATS[fmt](cell.ci_high, lang)}]"
    text += after
    if cell.flag == "concern":
        text += " " + t("programs.mark.concern", lang)
    return text


def _row_cells(row: ProgramDecisionRow, lang: str) -> dict[str, str]:
    grade = f" ({row.ikm_grade})" if row.ikm_grade else ""
    return {name: cell_text(getattr(row, name), fmt, lang, ci=name in ("learning", "applying", "outcome"),
                            after=grade if name == "ikm" else "")
            for name, fmt in COLUMNS.items()}


def decision_table(model: Metrics, lang: str, number: int) -> Html:
    """The decision table (Table ``number``) with its intro and notes; empty without a table.

    A column no programme has a value for because the level was not measured is left out.

    Examples
    --------
    >>> from kemuning_eval.report.results.metrics import empty_metrics
    >>> decision_table(Metrics.model_validate(empty_metrics(2026)), "id", 1)
    Html('')
    """
    import pandas as pd

    table = model.program_table
    if table is None or not table.rows:
        return Html("")
    kept = [name for name in COLUMNS if any(getattr(r, name).reason != "not_measured" for r in table.rows)]
    records = []
    for row in table.rows:
        cells = _row_cells(row, lang)
        records.append({t("programs.col.program", lang): f"{row.program_id} – {row.name or row.program_id}",
                        t("programs.col.n", lang): FORMATS["int"](row.n_participants, lang),
                        **{t(f"programs.col.{name}", lang): cells[name] for name in kept},
                        t("programs.col.verdict", lang): t(f"programs.verdict.{row.verdict}", lang)})
    parts = [p(t("programs.intro", lang)),
             html_table(pd.DataFrame(records), caption=t("programs.caption", lang, n=number), anchor=f"tabel-{number}"),
             p(_thresholds_note(model, lang), class_="note")]
    if "reaction" in kept:
        parts.append(p(t("programs.note.reaction", lang), class_="note"))
    if any(r.suppressed for r in table.rows):
        parts.append(p(t("programs.note.suppressed", lang, min_n=model.study.min_group_size), class_="note"))
    return join(parts)


def _thresholds_note(model: Metrics, lang: str) -> str:
    th = model.program_table.thresholds
    return t("programs.note.thresholds", lang, demand_ratio=FORMATS["num2"](th["demand_ratio"], lang),
             low_dimension_mean=FORMATS["num2"](th["low_dimension_mean"], lang),
             gain_min=FORMATS["num2"](th["gain_min"], lang), applying_share=FORMATS["pct1"](th["applying_share_min"], lang),
             roi_min=FORMATS["num1"](th["roi_min"], lang), bcr_min=FORMATS["num2"](1 + th["roi_min"] / 100, lang),
             ikm_nrr_min=FORMATS["num2"](th["ikm_nrr_min"], lang), alpha=FORMATS["num2"](th["alpha"], lang))


def summary_paragraph(model: Metrics, lang: str) -> Html:
    """One paragraph for the executive summary: which programmes meet the thresholds, which do not and why.

    Examples
    --------
    >>> from kemuning_eval.report.results.metrics import empty_metrics
    >>> summary_paragraph(Metrics.model_validate(empty_metrics(2026)), "id")
    Html('')
    """
    table = model.program_table
    if table is None or not table.rows:
        return Html("")
    by = {v: [r for r in table.rows if r.verdict == v] for v in ("works", "concern", "insufficient", "suppressed")}
    sentences = [t("programs.summary.lead", lang, total=FORMATS["count"](len(table.rows), lang))]
    names = lambda rows: join_list([r.name or r.program_id for r in rows], lang)  # noqa: E731
    sentences.append(t("programs.summary.works", lang, programs=names(by["works"])) if by["works"]
                     else t("programs.summary.none_works", lang))
    if by["concern"]:
        items = [t("programs.summary.item", lang, program=r.name or r.program_id, concerns=", ".join(
                 t(f"programs.concern.{c}", lang) for c in r.concerns if c in VERDICT_CELLS)) for r in by["concern"]]
        sentences.append(t("programs.summary.concern", lang, items="; ".join(items)))
    demand = [r for r in table.rows if "demand" in r.concerns]
    if demand:
        sentences.append(t("programs.summary.demand", lang, programs=names(demand)))
    if by["insufficient"]:
        sentences.append(t("programs.summary.insufficient", lang, programs=names(by["insufficient"])))
    if by["suppressed"]:
        sentences.append(t("programs.summary.suppressed", lang, count=len(by["suppressed"]),
                           min_n=model.study.min_group_size))
    sentences.append(t("programs.summary.see", lang))
    return p(" ".join(sentences))


def challenge_programs(ch: Challenge, model: Metrics | None, lang: str) -> str:
    """``Program yang terkena: Literasi Digital (0,27), ...`` for a challenge that names programmes; else ``""``.

    Examples
    --------
    >>> from kemuning_eval.report.results.model import Evidence
    >>> ev = Evidence(name="program_gain", path="program_table.rows.1.gain.value", value=0.2684, fmt="num2",
    ...               program_id="LD")
    >>> challenge_programs(Challenge(id="low_gain", evidence=[ev], text={}, programs=["LD"]), None, "id")
    'Program yang terkena: LD (0,27).'
    """
    if not ch.programs:
        return ""
    rows = {r.program_id: r for r in (model.program_table.rows if model and model.program_table else [])}
    items = [f"{(rows[ev.program_id].name if ev.program_id in rows else None) or ev.program_id} "
             f"({FORMATS[ev.fmt](ev.value, lang)})" for ev in ch.evidence if ev.program_id is not None]
    return t("programs.challenge.list", lang, items=", ".join(items))
