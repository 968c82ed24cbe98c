"""The limitations section, worded from the limitations the results layer fired.

:mod:`kemuning_eval.report.results.limitations` decides which limitations the
design and data show and stores the values each rests on; this module turns
each into its catalogue sentence (``lim.<id>``, ``lim.<id>.<detail>``), the
values formatted for display.

Examples
--------
>>> from kemuning_eval.report.results.model import Limitation
>>> limitation_text(Limitation(id="observed_share", values={"observed": 90, "alumni": 120, "share": 0.75}), "en")
'Behaviour at work was observed for 90 of 120 alumni (75.0%); alumni not observed may differ from those observed.'
"""

from __future__ import annotations

from kemuning_eval.i18n import t
from kemuning_eval.report.content.wording import fmt_value
from kemuning_eval.report.results.model import Limitation, Metrics

#: how each stored value of a limitation is shown
VALUE_FORMATS = {"n": "count", "dz": "num2", "low": "num2", "high": "num2", "observed": "count", "alumni": "count",
                 "share": "pct1", "treated": "count", "control": "count", "bcr": "num2"}
#: limitations whose ``detail`` selects the whole sentence (``lim.<id>.<detail>``) rather than adding one
_DETAIL_IS_SENTENCE = ("rater_agreement",)


def limitation_text(item: Limitation, lang: str) -> str:
    """The sentence(s) of one limitation, its values formatted.

    Parameters
    ----------
    item : Limitation
        A limitation of :func:`kemuning_eval.report.results.limitations.limitations`.
    lang : {"id", "en"}
        Report language.

    Returns
    -------
    str

    Examples
    --------
    >>> text = limitation_text(Limitation(id="before_after_learning", detail="large", values={"n": 80, "dz": 1.24}), "id")
    >>> "(n = 80)" in text, text.endswith("(d_z = 1,24) tidak dapat seluruhnya dibaca sebagai efek pelatihan.")
    (True, True)
    """
    values = {k: fmt_value(v, VALUE_FORMATS.get(k, "num2"), lang) for k, v in item.values.items()}
    if item.id in _DETAIL_IS_SENTENCE:
        return t(f"lim.{item.id}.{item.detail}", lang, **values)
    text = t(f"lim.{item.id}", lang, **values)
    if item.detail:
        text = f"{text} {t(f'lim.{item.id}.{item.detail}', lang, **values)}"
    return text


def limitation_items(model: Metrics, lang: str) -> list[str]:
    """Every limitation of ``model.findings.limitations`` as a sentence, in report order.

    Examples
    --------
    >>> from kemuning_eval.report.results.metrics import empty_metrics
    >>> doc = empty_metrics(2026)
    >>> doc["findings"]["limitations"] = [{"id": "synthetic_data"}]
    >>> limitation_items(Metrics.model_validate(doc), "en")[0][:27]
    'All data of this report are'
    """
    return [limitation_text(item, lang) for item in model.findings.limitations]
