"""Assemble every result of the evaluation into one ``metrics`` dict.

``compute_metrics`` reads the processed tables of a study year, calls the
statistics of :mod:`kemuning_eval.stats` and stores each number *rounded as
the report shows it*, so that the narrative (which formats from this dict)
and ``metrics.json`` always agree.  Top-level keys: ``study``, ``reaction``,
``learning``, ``behavior``, ``results``, ``cost``, ``qualitative``,
``findings``, ``provenance``.  A level whose data are missing carries
``available: false`` and a ``reason`` instead of numbers.

Examples
--------
>>> m = empty_metrics(2026, lang="id", report_date="2026-12-15")
>>> sorted(m)[:3], m["reaction"]["available"]
(['behavior', 'cost', 'findings'], False)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kemuning_eval.report.jsonio import dumps_metrics, write_json_atomic

SECTIONS = ("reaction", "learning", "behavior", "results", "cost", "qualitative")
SCHEMA_VERSION = 1


def unavailable(reason: str) -> dict[str, Any]:
    """Return the entry of a level that could not be computed.

    Examples
    --------
    >>> unavailable("no_data")
    {'available': False, 'reason': 'no_data'}
    """
    return {"available": False, "reason": reason}


def empty_metrics(year: int, *, lang: str = "id", program_id: str = "", report_date: str = "") -> dict:
    """Return a metrics skeleton with every level marked unavailable."""
    study = {
        "year": int(year),
        "lang": lang,
        "program_id": program_id or None,
        "report_date": report_date or None,
        "synthetic": False,
    }
    m: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "study": study}
    for name in SECTIONS:
        m[name] = unavailable("no_data")
    m["findings"] = {"challenges": [], "recommendations": [], "comparison": None}
    m["provenance"] = {"inputs": [], "parameters": {}, "package_version": None, "git_commit": None}
    return m


def write_metrics(metrics: dict, path: str | Path) -> Path:
    """Write ``metrics`` to ``path`` as deterministic JSON (sorted keys, no NaN).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> p = write_metrics(empty_metrics(2026), d / "metrics.json")
    >>> p.read_text(encoding="utf-8").startswith("{")
    True
    """
    validate_metrics(metrics)
    return write_json_atomic(dumps_metrics(metrics), path)


def _study_yaml(raw_dir: Path) -> dict:
    """Return ``studi.yaml`` of a raw study folder as a plain dict (``{}`` when absent)."""
    import yaml

    path = raw_dir / "studi.yaml"
    if not path.is_file():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def compute_metrics(
    year: int,
    *,
    root: str | Path | None = None,
    lang: str = "id",
    program_id: str = "",
    report_date: str = "",
    seed: int = 0,
) -> dict:
    """Compute every result of study ``year`` into a metrics dict.

    Parameters
    ----------
    year : int
        Study year (``data/processed/<year>``).
    root : path, optional
        Project root (default: discovered by :class:`~kemuning_eval.paths.ProjectPaths`).
    lang : {"id", "en"}
        Report language (stored; texts are produced by the narrative).
    program_id : str
        ``""`` for the whole study, else one programme's code.
    report_date : str
        ISO date; empty -> ``report.date`` of ``studi.yaml``.
    seed : int
        Seed for anything random (bootstrap intervals).
    """
    from kemuning_eval.i18n import check_lang
    from kemuning_eval.paths import ProjectPaths
    from kemuning_eval.report.provenance import build_provenance

    check_lang(lang)
    paths = ProjectPaths(Path(root)) if root else ProjectPaths.discover()
    cfg = _study_yaml(paths.raw(year))
    report_cfg = cfg.get("report") or {}
    date = report_date or str(report_cfg.get("date") or "")
    m = empty_metrics(year, lang=lang, program_id=program_id, report_date=date)
    study_cfg = cfg.get("study") or {}
    m["study"].update(
        region=study_cfg.get("region"),
        agency=study_cfg.get("agency"),
        synthetic=bool(study_cfg.get("synthetic", False)),
        previous_year=study_cfg.get("previous_year"),
    )
    params = {
        "year": int(year), "lang": lang, "program_id": program_id,
        "report_date": date, "seed": int(seed),
    }
    m["provenance"] = build_provenance(paths.processed(year), paths.root, params)
    return m


def metrics_schema() -> dict:
    """Return the JSON Schema (draft 2020-12) of ``metrics.json``."""
    import json
    from importlib import resources

    text = (resources.files("kemuning_eval") / "schema" / "metrics.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def validate_metrics(metrics: dict) -> None:
    """Raise :class:`~kemuning_eval.errors.ReportError` when ``metrics`` breaks the schema.

    Examples
    --------
    >>> validate_metrics(empty_metrics(2026, report_date="2026-12-15"))
    """
    import json

    import jsonschema

    from kemuning_eval.errors import ReportError

    validator = jsonschema.Draft202012Validator(metrics_schema())
    errors = sorted(validator.iter_errors(json.loads(dumps_metrics(metrics))), key=lambda e: list(e.path))
    if errors:
        first = errors[0]
        where = "/".join(str(x) for x in first.absolute_path) or "(root)"
        raise ReportError(f"metrics.json tidak sesuai skema di {where}: {first.message}",
                          hint="ini kesalahan program; laporkan bersama metrics.json")
