"""Period labels of unit outcomes (``2025``, ``2025-S2``, ``2026-Q3``, ``2026-04``) and their start dates.

A base module: the study configuration checks ``outcomes.first_post_period``
with it at load, and ingestion orders the outcome periods with it.

Examples
--------
>>> period_start("2025-S2"), period_start("2026-Q3"), period_start("2026-04"), period_start("x")
('2025-07-01', '2026-07-01', '2026-04-01', None)
"""

from __future__ import annotations

import re
from typing import Any

_PERIOD = re.compile(r"^(\d{4})(?:[-/ ]?(?:(S|H|SEM|Q|TW|K)\s*(\d)|(\d{1,2})))?$", re.IGNORECASE)


def period_start(period: Any) -> str | None:
    """Return the ISO start date of a period label (``2025``, ``2025-S1``, ``2025-Q3``, ``2025-04``).

    Semesters may be written ``S``, ``H`` or ``SEM``; quarters ``Q``, ``TW``
    or ``K`` (triwulan, kuartal).

    Parameters
    ----------
    period : object
        The period label.

    Returns
    -------
    str or None
        ``YYYY-MM-DD`` of the first day of the period, or None when the label
        is not a period.

    Examples
    --------
    >>> period_start("2026"), period_start("2026 TW2"), period_start("2026-SEM1")
    ('2026-01-01', '2026-04-01', '2026-01-01')
    >>> period_start("2026-S3") is None, period_start("2026-13") is None
    (True, True)
    """
    m = _PERIOD.match(str(period).strip())
    if not m:
        return None
    year, kind, num, month = m.group(1), m.group(2), m.group(3), m.group(4)
    if kind:
        k = kind.upper()
        n = int(num)
        if k in ("S", "H", "SEM"):
            if n not in (1, 2):
                return None
            return f"{year}-{1 + 6 * (n - 1):02d}-01"
        if not 1 <= n <= 4:
            return None
        return f"{year}-{1 + 3 * (n - 1):02d}-01"
    if month:
        if not 1 <= int(month) <= 12:
            return None
        return f"{year}-{int(month):02d}-01"
    return f"{year}-01-01"
