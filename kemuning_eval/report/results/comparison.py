"""This year's key indicators next to the previous year's report, and why a year is (not) compared.

The previous year is compared only when ``studi.yaml`` names it, or when it is
a real study of the same agency (:func:`comparable_previous`);
``findings.comparison_status`` says which year was considered and why not.

Examples
--------
>>> comparable_previous({"agency": "X", "synthetic": False}, None, configured=False)
'no_previous_report'
"""

from __future__ import annotations

from typing import Any

from kemuning_eval.report.results.model import Metrics
from kemuning_eval.report.results.rules import get_path

#: indicators compared with the previous year: (metric id, path, format)
COMPARISON = (
    ("n_participants", "study.n_participants", "int"),
    ("reaction_mean", "reaction.mean_overall", "num2"),
    ("ikm_converted", "reaction.ikm.converted", "num2"),
    ("learning_diff", "learning.overall.estimate", "num2"),
    ("applying_share", "behavior.applying.share", "pct1"),
    ("roi_pct", "cost.roi_pct", "num1"),
)


def comparison(m: dict, previous: dict | None) -> dict | None:
    """Key indicators of this year next to the previous report's ``metrics.json``.

    Parameters
    ----------
    m : dict
        This year's metrics.
    previous : dict or None
        The previous year's metrics.

    Returns
    -------
    dict or None
        ``{"previous_year", "rows"}`` with one row (``metric``, ``path``,
        ``previous``, ``current``, ``fmt``) per indicator of
        :data:`COMPARISON` that is a number in both years; ``None`` when
        there is no previous report or nothing to compare.

    Examples
    --------
    >>> from kemuning_eval.report.results.metrics import empty_metrics
    >>> now, before = empty_metrics(2026), empty_metrics(2025)
    >>> now["study"]["n_participants"], before["study"]["n_participants"] = 40, 35
    >>> comparison(now, before)["rows"]
    [{'metric': 'n_participants', 'path': 'study.n_participants', 'previous': 35, 'current': 40, 'fmt': 'int'}]
    >>> print(comparison(now, None))
    None
    """
    if not previous:
        return None
    rows = []
    for metric, path, fmt in COMPARISON:
        try:
            before, now = get_path(previous, path), get_path(m, path)
        except (KeyError, IndexError, TypeError):
            continue
        if isinstance(before, (int, float)) and isinstance(now, (int, float)):
            rows.append({"metric": metric, "path": path, "previous": before, "current": now, "fmt": fmt})
    return {"previous_year": previous["study"]["year"], "rows": rows} if rows else None


#: why a previous year is not compared (``findings.comparison_status.reason``)
COMPARISON_REASONS = ("no_previous_report", "previous_synthetic", "other_agency", "nothing_comparable")


def comparable_previous(current: dict, previous: dict | None, *, configured: bool) -> str | None:
    """``None`` when ``previous`` may be compared with ``current``, else the reason code.

    The previous year is compared only when ``studi.yaml`` names it
    (``study.previous_year``: ``configured``), or when it is a real study of
    the same agency; a synthetic year is compared with a real one only when
    named explicitly.

    Parameters
    ----------
    current, previous : dict
        The ``study`` entries of this year's and the previous year's metrics.
    configured : bool
        True when ``studi.yaml`` names the previous year.

    Returns
    -------
    str or None
        A code of :data:`COMPARISON_REASONS`, or ``None``.

    Examples
    --------
    >>> real = {"agency": "BPSDM X", "synthetic": False}
    >>> fake = {"agency": "BPSDM X", "synthetic": True}
    >>> comparable_previous(real, fake, configured=False), comparable_previous(real, fake, configured=True)
    ('previous_synthetic', None)
    >>> comparable_previous(real, {"agency": "BKPSDM Y", "synthetic": False}, configured=False)
    'other_agency'
    >>> comparable_previous(fake, fake, configured=False) is None
    True
    """
    if previous is None:
        return "no_previous_report"
    if configured:
        return None
    if previous.get("synthetic") and not current.get("synthetic"):
        return "previous_synthetic"

    def agency(study: dict) -> str:
        return " ".join(str(study.get("agency") or "").lower().split())

    if agency(previous) != agency(current):
        return "other_agency"
    return None


def read_previous(paths: Any, year: int) -> dict | None:
    """The ``metrics.json`` of the study ``year``'s report, or None (none, or a programme's report).

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from kemuning_eval.paths import ProjectPaths
    >>> with tempfile.TemporaryDirectory() as d:
    ...     print(read_previous(ProjectPaths(Path(d)), 2025))
    None
    """
    import json

    path = paths.metrics_json(int(year))
    previous = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None
    if previous is not None and (previous.get("study") or {}).get("program_id"):
        return None  # a programme's report is not a year's study
    return previous


def previous_comparison(m: Metrics, paths: Any, year: int, previous_year: int | None) -> tuple[dict | None, dict]:
    """The comparison with the previous year's report, and a status saying which year and why (not).

    Parameters
    ----------
    m : Metrics
        This year's metrics (``study`` is read).
    paths : ProjectPaths
        Project folders (``reports/<year>/metrics.json``).
    year : int
        This study year.
    previous_year : int or None
        ``study.previous_year`` of ``studi.yaml`` (explicit choice), else ``year - 1``.

    Returns
    -------
    tuple
        :func:`comparison` (or ``None``) and ``{"previous_year", "configured",
        "compared", "synthetic", "reason"}``.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from kemuning_eval.paths import ProjectPaths
    >>> from kemuning_eval.report.results.metrics import empty_metrics
    >>> with tempfile.TemporaryDirectory() as d:
    ...     now = Metrics.model_validate(empty_metrics(2026))
    ...     print(previous_comparison(now, ProjectPaths(Path(d)), 2026, None)[1])
    {'previous_year': 2025, 'configured': False, 'compared': False, 'synthetic': None, 'reason': 'no_previous_report'}
    """
    prev = int(previous_year or year - 1)
    previous = read_previous(paths, prev)
    configured = previous_year is not None
    reason = comparable_previous(m.study.model_dump(), (previous or {}).get("study") if previous else None,
                                 configured=configured)
    compared = comparison(m, previous) if reason is None else None
    if reason is None and compared is None:
        reason = "nothing_comparable"
    synthetic = bool(previous["study"].get("synthetic")) if previous else None
    if compared is not None:
        compared.update(previous_synthetic=synthetic, configured=configured)
    status = {"previous_year": prev, "configured": configured, "compared": compared is not None,
              "synthetic": synthetic, "reason": reason}
    return compared, status
