"""How the wording layer reads the stored results: a level that was measured, the study's settings.

One place for the few reads every content module shares (narrative, render,
figures, extension), so that each module words results instead of
re-implementing how to find them.  Everything is read as attributes of the
typed :class:`~kemuning_eval.report.results.model.Metrics` (a mistyped name
raises instead of printing "-").  Nothing here decides: a level is
"available" because the results say so, the minimum group size and the
significance level are the study's (validated by :mod:`kemuning_eval.config`
and stored in ``study``).

Examples
--------
>>> from kemuning_eval.report.content.examples import crafted
>>> m = crafted({"learning": {"available": True, "overall": {"n": 12}}})
>>> available(m, "reaction"), available(m, "learning").overall.n
(None, 12)
>>> min_group_size(m), alpha(m)
(5, 0.05)
"""

from __future__ import annotations

from typing import Any

from kemuning_eval.report.results.availability import LEVEL_INSTRUMENT
from kemuning_eval.report.results.model import Metrics

#: The levels of the metrics, in report order (each a measured record or ``Unavailable``).
LEVELS: tuple[str, ...] = tuple(LEVEL_INSTRUMENT)


def level(m: Metrics, name: str) -> Any:
    """The record of level ``name`` (measured or :class:`~kemuning_eval.report.results.model.Unavailable`).

    Parameters
    ----------
    m : Metrics
        The results.
    name : str
        One of :data:`LEVELS`; any other name raises ``KeyError``.

    Returns
    -------
    record

    Examples
    --------
    >>> from kemuning_eval.report.content.examples import crafted
    >>> level(crafted(), "cost").reason
    'no_data'
    >>> level(crafted(), "costs")
    Traceback (most recent call last):
    ...
    KeyError: 'costs'
    """
    if name not in LEVELS:
        raise KeyError(name)
    return getattr(m, name)


def available(m: Metrics, name: str) -> Any:
    """The record of level ``name`` when the results mark it available, else ``None``.

    Parameters
    ----------
    m : Metrics
        The results.
    name : str
        One of :data:`LEVELS`.

    Returns
    -------
    record or None

    Examples
    --------
    >>> from kemuning_eval.report.content.examples import crafted
    >>> m = crafted({"cost": {"available": True, "total_cost": 10}})
    >>> available(m, "cost").total_cost, available(m, "learning")
    (10, None)
    """
    record = level(m, name)
    return record if record.available else None


def min_group_size(m: Metrics) -> int:
    """The smallest group the study publishes (``privacy.min_group_size``, stored in ``study``).

    Examples
    --------
    >>> from kemuning_eval.report.content.examples import crafted
    >>> min_group_size(crafted({"study": {"min_group_size": 10}}))
    10
    """
    return int(m.study.min_group_size)


def alpha(m: Metrics) -> float:
    """The study's significance level (``report.rules.alpha``, stored in ``study``).

    Examples
    --------
    >>> from kemuning_eval.report.content.examples import crafted
    >>> alpha(crafted({"study": {"alpha": 0.1}}))
    0.1
    """
    return float(m.study.alpha)


def shown(text: str | None, code: str | None) -> str:
    """A row's display label: its stored ``text`` (label), else its ``code``.

    Examples
    --------
    >>> shown("Materi", "materi"), shown("", "materi"), shown(None, None)
    ('Materi', 'materi', '')
    """
    return str(text or code or "")
