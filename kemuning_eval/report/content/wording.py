"""The phrases every section shares: number formats, the verdict of a stored change, lists, "not available".

Display rounding happens here and nowhere else: the metrics hold full
precision and :data:`FORMATS` shows each value as the report does.  The
verdict of a change words its stored ``direction``; nothing here decides.

Examples
--------
>>> fmt_value(0.4567, "pct1", "id"), fmt_value(1250000, "rupiah", "en")
('45,7%', 'IDR 1,250,000')
>>> from kemuning_eval.report.results.model import PairedChange
>>> verdict(PairedChange(n=9, estimate=1.25, ci_low=0.5, ci_high=2.0, p_val=0.049, direction="increase",
...                      significant=True), "id")
'meningkat signifikan (selisih 1,25, IK 95% [0,50; 2,00], p = 0,049)'
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kemuning_eval.i18n import catalogue, t
from kemuning_eval.numfmt import (
    fmt_ci,
    fmt_count,
    fmt_int,
    fmt_number,
    fmt_p,
    fmt_p_expr,
    fmt_pct,
    fmt_rupiah,
)
from kemuning_eval.report.content.reading import level, min_group_size
from kemuning_eval.report.results.availability import LEVEL_INSTRUMENT
from kemuning_eval.report.results.model import Metrics

#: how each stored value is shown (the metrics hold full precision; rounding for display happens here).
FORMATS: dict[str, Callable[[Any, str], str]] = {
    "int": lambda v, lang: fmt_int(v, lang),
    "count": lambda v, lang: fmt_count(v, lang),  # running text: under ten in words
    "num1": lambda v, lang: fmt_number(v, 1, lang),
    "num2": lambda v, lang: fmt_number(v, 2, lang),
    "num3": lambda v, lang: fmt_number(v, 3, lang),
    "pct1": lambda v, lang: fmt_pct(v, 1, lang),
    "rupiah": lambda v, lang: fmt_rupiah(v, lang),
    "p": lambda v, lang: fmt_p(v, lang),
}


def fmt_value(value: Any, fmt: str, lang: str) -> str:
    """Format ``value`` with one of :data:`FORMATS`.

    Parameters
    ----------
    value : number or None
        A value stored in the metrics.
    fmt : str
        A key of :data:`FORMATS` (``int``, ``num1``-``num3``, ``pct1``,
        ``rupiah``, ``p``).
    lang : {"id", "en"}
        Number conventions (Indonesian: decimal comma, ``.`` thousands).

    Returns
    -------
    str
        The value as the report shows it.

    Raises
    ------
    KeyError
        For an unknown ``fmt``.

    Examples
    --------
    >>> fmt_value(1234.5, "num1", "id"), fmt_value(1234.5, "num1", "en"), fmt_value(0.0123, "p", "id")
    ('1.234,5', '1,234.5', '0,012')
    """
    return FORMATS[fmt](value, lang)


def verdict(change: Any, lang: str, *, fmt: str = "num2") -> str:
    """Wording of a stored change: its ``direction``, with the estimate, CI and p-value.

    Parameters
    ----------
    change : PairedChange or DidItem
        A record with ``estimate``, ``ci_low``, ``ci_high``, ``p_val`` and the
        decision ``direction`` (made on the unrounded values).
    lang : {"id", "en"}
        Report language.
    fmt : str, default "num2"
        Format of the estimate and CI (see :data:`FORMATS`).

    Returns
    -------
    str
        The ``report.sig.<direction>`` sentence with the formatted estimate,
        CI and p-value.

    Examples
    --------
    >>> from kemuning_eval.report.results.model import PairedChange
    >>> change = PairedChange(n=40, estimate=1.25, ci_low=0.5, ci_high=2.0, p_val=0.001, direction="increase",
    ...                       significant=True)
    >>> verdict(change, "en")
    'a significant increase (difference 1.25, 95% CI [0.50, 2.00], p = 0.001)'
    """
    decimals = int(fmt[-1]) if fmt[-1].isdigit() else 2
    return t(f"report.sig.{change.direction}", lang, diff=fmt_value(change.estimate, fmt, lang),
             ci=fmt_ci(change.ci_low, change.ci_high, decimals, lang), p=fmt_p_expr(change.p_val, lang))


def not_available(m: Metrics, name: str, lang: str) -> str:
    """Why a level is not reported: too few respondents (suppressed), not collected, or no data.

    Parameters
    ----------
    m : Metrics
        The results.
    name : str
        A level of the metrics (``"reaction"``, ``"learning"``...).
    lang : {"id", "en"}
        Report language.

    Returns
    -------
    str
        The catalogue sentence for the level's ``reason`` (the general
        "cannot be reported" for a level that is available but holds no
        numbers to show).

    Examples
    --------
    >>> from kemuning_eval.report.content.examples import crafted
    >>> m = crafted({"learning": {"available": False, "reason": "suppressed_small_group", "instruments": []},
    ...              "behavior": {"available": False, "reason": "not_collected", "instruments": ["observations"]}})
    >>> "fewer than five people" in not_available(m, "learning", "en")
    True
    >>> print(not_available(m, "cost", "en"))
    Costs and ROI cannot be reported: programme cost records were collected but hold no usable records within this report's scope.
    >>> print(not_available(m, "behavior", "id"))
    Level 3 (perilaku di tempat kerja) tidak diukur tahun ini (observasi kinerja oleh atasan, rekan, dan diri sendiri sebelum dan sesudah pelatihan tidak dikumpulkan).
    """
    entry = level(m, name)
    reason = None if entry.available else entry.reason
    if reason == "suppressed_small_group":
        return t("report.na_suppressed", lang, min_n=fmt_count(min_group_size(m), lang))
    if reason in ("not_collected", "no_data") and name in LEVEL_INSTRUMENT:
        instruments = entry.instruments or [LEVEL_INSTRUMENT[name]]
        return _capital(t(f"measured.na.{reason}", lang, level=t(f"measured.level.{name}", lang),
                          instruments=instrument_list(instruments, lang)))
    key = f"report.na_reason.{reason}"
    return t(key, lang) if key in catalogue() else t("report.na", lang)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def join_list(items: list[str], lang: str) -> str:
    """``a, b dan c`` / ``a, b and c`` (catalogue word for "and").

    Examples
    --------
    >>> join_list(["a"], "id"), join_list(["a", "b", "c"], "id"), join_list(["a", "b"], "en")
    ('a', 'a, b dan c', 'a and b')
    """
    items = [str(x) for x in items]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {t('measured.list_and', lang)} {items[-1]}"


def instrument_list(instruments: list[str], lang: str) -> str:
    """The instruments' names from the catalogue, joined (:func:`join_list`).

    Examples
    --------
    >>> instrument_list(["roster", "tests"], "en")
    'participant roster and pre- and post-tests'
    """
    return join_list([t(f"measured.instrument.{k}", lang) for k in instruments], lang)


def level_list(levels: list[str], lang: str) -> str:
    """The levels' names from the catalogue, joined (:func:`join_list`).

    Examples
    --------
    >>> level_list(["behavior", "cost"], "en")
    'Level 3 (behaviour at work) and costs and ROI'
    """
    return join_list([t(f"measured.level.{k}", lang) for k in levels], lang)


def unmeasured_levels(m: Metrics) -> list[str]:
    """Levels without numbers because their instrument was not collected (report order).

    Examples
    --------
    >>> from kemuning_eval.report.content.examples import crafted
    >>> unmeasured_levels(crafted({"behavior": {"available": False, "reason": "not_collected",
    ...                                         "instruments": ["observations"]}}))
    ['behavior']
    """
    return [name for name in LEVEL_INSTRUMENT if not level(m, name).available and level(m, name).reason == "not_collected"]


def fmt_date(iso: str | None, lang: str) -> str:
    """An ISO date as the report shows it: ``15 Desember 2026`` / ``15 December 2026``.

    Examples
    --------
    >>> fmt_date("2026-12-15", "id"), fmt_date("2026-03-01", "en"), fmt_date(None, "id")
    ('15 Desember 2026', '1 March 2026', '')
    """
    if not iso:
        return ""
    year, month, day = (int(x) for x in str(iso)[:10].split("-"))
    return f"{day} {t(f'report.month.{month}', lang)} {year}"
