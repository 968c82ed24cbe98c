"""The recommendations table and last year's follow-up table, worded from the stored decisions.

The results layer decided the owner, the indicator and its value, the target,
the deadline, whether a recommendation repeats last year's and the status of
last year's (:mod:`kemuning_eval.report.results.actionplan`,
:mod:`kemuning_eval.report.results.followup`); this module only turns them into
table rows of text (catalogue ``recs.*``), read from the typed model's attributes.

Examples
--------
>>> owner_name("widyaiswara", "id"), owner_name("Sekretariat Badan", "id")
('Widyaiswara/Pengajar', 'Sekretariat Badan')
>>> deadline_text("2027-S1", "id"), deadline_text("2027-06-30", "en")
('akhir semester 1 tahun 2027', '30 June 2027')
"""

from __future__ import annotations

import re

from kemuning_eval.config import RECOMMENDATION_OWNERS, indicator_pattern
from kemuning_eval.i18n import t
from kemuning_eval.report.content import findings
from kemuning_eval.report.content.labels import label
from kemuning_eval.report.content.wording import fmt_date, fmt_value
from kemuning_eval.report.results.model import FollowUp, Metrics, Recommendation

#: the recommendations table: (row key, ``report.col.*`` key) -- every cell is text already
COLUMNS = [("recommendation", "recs_recommendation"), ("owner", "recs_owner"), ("action", "recs_action"),
           ("indicator", "recs_indicator"), ("target", "recs_target"), ("deadline", "recs_deadline"),
           ("evidence", "recs_evidence"), ("last_year", "recs_last_year")]
#: last year's follow-up table
FOLLOWUP_COLUMNS = [("recommendation", "recs_recommendation"), ("owner", "recs_owner"),
                    ("indicator", "recs_indicator"), ("target", "recs_target"),
                    ("previous_value", "recs_previous_value"), ("value", "recs_value"), ("status", "recs_status")]

#: the indicator of an IKM element (its item is worded from the catalogue's element names)
IKM_ELEMENT = "reaction.ikm.elements.*.nrr"
_PERIOD = re.compile(r"^(\d{4})(?:-(S|Q|TW)(\d))?$", re.IGNORECASE)


def owner_name(owner: str | None, lang: str) -> str:
    """The addressee: a unit code in words, a unit named in ``studi.yaml`` as written (escaped by the table).

    Examples
    --------
    >>> owner_name("perangkat_daerah", "en"), owner_name(None, "id")
    ("The participants' regional agencies", '–')
    """
    if owner in RECOMMENDATION_OWNERS:
        return t(f"recs.owner.{owner}", lang)
    return owner or "–"


def indicator_name(indicator: str | None, item: str | None, lang: str) -> str:
    """The indicator in words (catalogue ``recs.indicator.<path>``, ``*`` as ``item``).

    Examples
    --------
    >>> indicator_name("reaction.ikm.elements.kompetensi.nrr", "Kompetensi pelaksana", "id")
    'NRR unsur IKM Kompetensi Pelaksana (1–4)'
    """
    pattern = indicator_pattern(indicator) if indicator else None
    if pattern is None:
        return "–"
    code = next((p for k, p in zip(pattern.split("."), indicator.split("."), strict=True) if k == "*"), "")
    return t("recs.indicator." + pattern.replace("*", "item"), lang, item=item_label(pattern, code, item, lang))


def item_label(pattern: str, code: str, item: str | None, lang: str) -> str:
    """The name of the list item an indicator selects: an IKM element in the catalogue's words, else its label.

    Examples
    --------
    >>> item_label("reaction.ikm.elements.*.nrr", "waktu", "waktu", "id")
    'Waktu Penyelesaian'
    >>> item_label("reaction.dimensions.*.mean", "materi", "Materi", "id")
    'Materi'
    """
    if pattern == IKM_ELEMENT:
        try:
            return label("ikm_element", code, lang)
        except KeyError:  # an element the catalogue does not know is shown as the data name it
            pass
    return item or code


def deadline_text(deadline: str | None, lang: str) -> str:
    """A period label (``2027-S1``, ``2027-TW3``, ``2027``) or an ISO date in words.

    Examples
    --------
    >>> deadline_text("2027-TW3", "id"), deadline_text("2027", "en"), deadline_text("2027-06-30", "id")
    ('akhir triwulan 3 tahun 2027', 'end of 2027', '30 Juni 2027')
    """
    if not deadline:
        return "–"
    match = _PERIOD.match(deadline)
    if match is None:
        return fmt_date(deadline, lang) if re.match(r"^\d{4}-\d{2}-\d{2}$", deadline) else deadline
    year, kind, n = match.groups()
    if kind is None:
        return t("recs.deadline.year", lang, year=year)
    return t("recs.deadline.semester" if kind.upper() == "S" else "recs.deadline.quarter", lang, n=n, year=year)


def target_text(target: float | None, fmt: str | None, higher_is_better: bool | None, lang: str) -> str:
    """``≥ 3,41`` / ``≤ 1,20`` in the indicator's format.

    Examples
    --------
    >>> target_text(3.41, "num2", True, "id"), target_text(0.8, "pct1", True, "en"), target_text(None, "num2", True, "id")
    ('≥ 3,41', '≥ 80.0%', '–')
    """
    if target is None or fmt is None or higher_is_better is None:
        return "–"
    return t("recs.target.higher" if higher_is_better else "recs.target.lower", lang,
             value=fmt_value(target, fmt, lang))


def _indicator_cell(rec: Recommendation, lang: str) -> str:
    name = indicator_name(rec.indicator, rec.indicator_item, lang)
    if rec.value is None or rec.indicator_fmt is None:
        return t("recs.indicator_not_measured", lang, indicator=name)
    key = "recs.indicator_value_met" if rec.target_met else "recs.indicator_value"
    return t(key, lang, indicator=name, value=fmt_value(rec.value, rec.indicator_fmt, lang))


def _action(rec: Recommendation, lang: str) -> str:
    text = findings.worded_fields(dict(rec.text), lang)  # codes (elements, facilitators) as the findings word them
    return t(f"recs.action.{rec.id}", lang, **text)


def status_text(item: FollowUp, lang: str) -> str:
    """A follow-up status in words, with its reason when it could not be judged.

    Examples
    --------
    >>> item = FollowUp(id="partnerships", previous_year=2025, owner=None, indicator=None, indicator_item=None,
    ...                 indicator_fmt=None, higher_is_better=None, target=None, previous_value=None, value=None,
    ...                 status="unknown", reason="no_target", repeated=False)
    >>> status_text(item, "en")
    "cannot be judged (last year's report records no indicator and target)"
    """
    text = t(f"recs.status.{item.status}", lang)
    if item.status == "unknown":
        text = f"{text} ({t(f'recs.reason.{item.reason}', lang)})"
    return text


def _last_year(rec: Recommendation, model: Metrics, lang: str) -> str | None:
    f = model.findings
    if model.study.program_id:  # a programme's report is not compared with a year's (the column is left out)
        return None
    if f.followup is None or f.followup_year is None:
        return t("recs.no_previous", lang)
    match = next((x for x in f.followup if x.id == rec.id), None)
    if not rec.repeated or match is None:
        return t("recs.new", lang, year=f.followup_year)
    return t("recs.repeated", lang, year=f.followup_year, status=status_text(match, lang))


def recommendation_rows(model: Metrics, lang: str) -> list[dict[str, str | None]]:
    """One row of text per recommendation: the columns of :data:`COLUMNS`.

    Parameters
    ----------
    model : Metrics
        The results (``findings.recommendations`` and ``findings.followup``).
    lang : {"id", "en"}
        Report language.

    Returns
    -------
    list of dict

    Examples
    --------
    >>> from kemuning_eval.report.results.metrics import empty_metrics
    >>> from kemuning_eval.report.results.model import Evidence
    >>> ev = [Evidence(name="gain", path="learning.overall.gain_class", value=0.21, fmt="num2")]
    >>> rec = Recommendation(id="teaching_methods", audience="facilitators", because=["low_gain"], evidence=ev,
    ...                      text={}, owner="widyaiswara", indicator="learning.overall.gain_class",
    ...                      indicator_fmt="num2", higher_is_better=True, value=0.21, target=0.3, deadline="2027-S2")
    >>> doc = empty_metrics(2026)
    >>> doc["findings"]["recommendations"] = [rec.model_dump()]
    >>> row = recommendation_rows(Metrics.model_validate(doc), "id")[0]
    >>> row["owner"], row["target"], row["deadline"]
    ('Widyaiswara/Pengajar', '≥ 0,30', 'akhir semester 2 tahun 2027')
    >>> row["indicator"]
    'gain ternormalisasi (Hake) rerata kelas; tahun ini 0,21'
    """
    rows = []
    for rec in model.findings.recommendations:
        challenges = "; ".join(t(f"report.challenge_short.{c}", lang) for c in rec.because)
        rows.append({
            "recommendation": t(f"report.recommendation_short.{rec.id}", lang),
            "owner": owner_name(rec.owner, lang),
            "action": _action(rec, lang),
            "indicator": _indicator_cell(rec, lang),
            "target": target_text(rec.target, rec.indicator_fmt, rec.higher_is_better, lang),
            "deadline": deadline_text(rec.deadline, lang),
            "evidence": f"{challenges}. {findings.evidence_text(rec, lang)}",
            "last_year": _last_year(rec, model, lang),
        })
    return rows


def followup_rows(model: Metrics, lang: str) -> list[dict[str, str]]:
    """One row of text per recommendation of last year's report: the columns of :data:`FOLLOWUP_COLUMNS`.

    Examples
    --------
    >>> from kemuning_eval.report.results.metrics import empty_metrics
    >>> doc = empty_metrics(2026)
    >>> doc["findings"].update(followup_year=2025, followup=[dict(
    ...     id="teaching_methods", previous_year=2025, owner="widyaiswara", indicator="learning.overall.gain_class",
    ...     indicator_item=None, indicator_fmt="num2", higher_is_better=True, target=0.3, previous_value=0.2,
    ...     value=0.32, status="carried_out", reason="target_reached", repeated=False)])
    >>> row = followup_rows(Metrics.model_validate(doc), "id")[0]
    >>> row["previous_value"], row["value"], row["status"]
    ('0,20', '0,32', 'dilaksanakan (target tercapai)')
    """
    rows = []
    for item in model.findings.followup or []:
        fmt = item.indicator_fmt
        rows.append({
            "recommendation": t(f"report.recommendation_short.{item.id}", lang),
            "owner": owner_name(item.owner, lang),
            "indicator": indicator_name(item.indicator, item.indicator_item, lang),
            "target": target_text(item.target, fmt, item.higher_is_better, lang),
            "previous_value": fmt_value(item.previous_value, fmt, lang) if fmt else "–",
            "value": fmt_value(item.value, fmt, lang) if fmt else "–",
            "status": status_text(item, lang),
        })
    return rows


def followup_intro(model: Metrics, lang: str) -> str:
    """The sentence that states how last year's recommendations are judged (or that there were none).

    Examples
    --------
    >>> from kemuning_eval.report.results.metrics import empty_metrics
    >>> doc = empty_metrics(2026)
    >>> doc["findings"].update(followup_year=2025, followup=[])
    >>> followup_intro(Metrics.model_validate(doc), "en")
    'The 2025 report made no recommendations.'
    """
    year = model.findings.followup_year
    if not model.findings.followup:
        return t("recs.followup.none", lang, year=year)
    return t("recs.followup.intro", lang, year=year)  # "half": config.FOLLOWUP_PARTLY_SHARE (a test keeps them equal)
