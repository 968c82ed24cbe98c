"""How the wording layer reads the stored results: a level that was measured, the study's settings.

One place for the few reads every content module shares (narrative, render,
figures, extension), so that each module words results instead of
re-implementing how to find them.  Nothing here decides: a level is
"available" because the results say so, the minimum group size and the
significance level are the study's, and their defaults are those of
:mod:`kemuning_eval.config`.

Examples
--------
>>> m = {"study": {"year": 2026}, "reaction": {"available": False, "reason": "no_data"},
...      "learning": {"available": True, "overall": {"n": 12}}}
>>> available(m, "reaction"), available(m, "learning")["overall"]["n"]
({}, 12)
>>> min_group_size(m), alpha(m)
(5, 0.05)
"""

from __future__ import annotations

from typing import Any

from kemuning_eval.config import DEFAULT_MIN_GROUP_SIZE, REPORT_RULE_DEFAULTS


def available(m: dict, level: str) -> dict:
    """The entry of ``level`` when the results mark it available, else ``{}``.

    Parameters
    ----------
    m : dict
        The metrics.
    level : str
        A level of the metrics (``"reaction"``, ``"learning"``...).

    Returns
    -------
    dict

    Examples
    --------
    >>> available({"cost": {"available": True, "total_cost": 10}}, "cost"), available({}, "cost")
    ({'available': True, 'total_cost': 10}, {})
    """
    entry = m.get(level) or {}
    return entry if entry.get("available") else {}


def min_group_size(m: dict) -> int:
    """The smallest group the study publishes (``privacy.min_group_size``; config's default when unset).

    Examples
    --------
    >>> min_group_size({"study": {"min_group_size": 10}}), min_group_size({"study": {}})
    (10, 5)
    """
    value = m["study"].get("min_group_size")
    return int(DEFAULT_MIN_GROUP_SIZE if value is None else value)


def alpha(m: dict) -> float:
    """The study's significance level (``report.rules.alpha``; config's default when unset).

    Examples
    --------
    >>> alpha({"study": {"alpha": 0.1}}), alpha({"study": {}})
    (0.1, 0.05)
    """
    value = m["study"].get("alpha")
    return float(REPORT_RULE_DEFAULTS["alpha"] if value is None else value)


def label(row: dict, key: str) -> str:
    """A row's display label: its ``label``, else its code under ``key``.

    Examples
    --------
    >>> label({"dimension": "materi", "label": "Materi"}, "dimension"), label({"dimension": "materi"}, "dimension")
    ('Materi', 'materi')
    """
    value: Any = row.get("label") or row.get(key)
    return str(value or "")
