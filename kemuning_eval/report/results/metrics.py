"""Assemble every result of the evaluation into one ``metrics`` dict.

``compute_metrics`` reads the processed tables of a study year, calls the
statistics of :mod:`kemuning_eval.stats` and stores each number at full
precision (the narrative rounds for display as it formats from the same
values, so the text and ``metrics.json`` always agree).  Top-level keys: ``study``, ``reaction``,
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

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from kemuning_eval.config import DEFAULT_ALPHA, DEFAULT_MIN_GROUP_SIZE
from kemuning_eval.jsonio import dumps_metrics, write_json_atomic
from kemuning_eval.report.results.availability import LEVEL_INSTRUMENT, NotMeasured, not_measured
from kemuning_eval.report.results.model import Findings, Metrics, Provenance, Study

SECTIONS = ("reaction", "learning", "behavior", "results", "cost", "qualitative")
SCHEMA_VERSION = 1


def unavailable(reason: str, instruments: tuple[str, ...] = ()) -> dict[str, Any]:
    """Return the entry of a level that could not be computed (:class:`~.availability.NotMeasured`).

    Parameters
    ----------
    reason : str
        A reason code of :data:`kemuning_eval.report.results.availability.REASONS`.
    instruments : tuple of str, default ()
        The instruments that would have measured the level.

    Examples
    --------
    >>> unavailable("no_data", ("tests",))
    {'available': False, 'reason': 'no_data', 'instruments': ['tests']}
    """
    return NotMeasured(reason, tuple(instruments)).as_dict()


def empty_metrics(year: int, *, lang: str = "id", program_id: str = "", report_date: str = "") -> dict:
    """Return a metrics skeleton with every level marked unavailable.

    Parameters
    ----------
    year : int
        Study year.
    lang : {"id", "en"}, default "id"
        Report language.
    program_id : str, default ""
        Programme of a per-programme report (``""``: whole study).
    report_date : str, default ""
        ISO date of the report.

    Returns
    -------
    dict
        ``schema_version``, ``study``, one :func:`unavailable` entry per level
        of :data:`SECTIONS`, empty ``findings`` and a ``provenance`` stub.

    Examples
    --------
    >>> m = empty_metrics(2026, program_id="PKA-01")
    >>> m["study"]["program_id"], m["study"]["report_date"], m["cost"]
    ('PKA-01', None, {'available': False, 'reason': 'no_data', 'instruments': ['costs']})
    >>> m["findings"]
    {'challenges': [], 'recommendations': [], 'comparison': None, 'comparison_status': None}
    """
    study = {
        "year": int(year), "lang": lang, "program_id": program_id or None, "report_date": report_date or None,
        "synthetic": False, "region": None, "agency": None, "population_asn": None, "previous_year": None,
        "program_name": None, "alpha": DEFAULT_ALPHA, "min_group_size": DEFAULT_MIN_GROUP_SIZE, "legal_basis": [],
        "likert_bands": [], "instruments": [], "not_measured": {}, "sample": None, "response_rates": [],
        "profile": [],
    }
    m: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "study": study}
    for name in SECTIONS:
        m[name] = unavailable("no_data", (LEVEL_INSTRUMENT[name],))
    m["findings"] = {"challenges": [], "recommendations": [], "comparison": None, "comparison_status": None}
    m["provenance"] = {"inputs": [], "package_version": None, "git_commit": None, "parameters": {
        "year": int(year), "lang": lang, "program_id": program_id, "report_date": report_date, "seed": 0}}
    return m


def as_document(metrics: Metrics | dict) -> dict:
    """``metrics`` as ``metrics.json`` holds it: plain JSON types, full precision, NaN as ``None``.

    Parameters
    ----------
    metrics : Metrics or dict
        The results model, or a metrics document (e.g. a crafted one, or a previous year's file).

    Returns
    -------
    dict

    Examples
    --------
    >>> from kemuning_eval.report.results.model import Metrics
    >>> model = Metrics.model_validate(empty_metrics(2026))
    >>> as_document(model)["cost"], as_document(model)["study"]["jp_coverage"]
    ({'available': False, 'instruments': ['costs'], 'reason': 'no_data'}, None)
    """
    import json

    if isinstance(metrics, BaseModel):
        metrics = metrics.model_dump(mode="json")
    return json.loads(dumps_metrics(metrics))


def write_metrics(metrics: Metrics | dict, path: str | Path) -> Path:
    """Write ``metrics`` to ``path`` as deterministic JSON (sorted keys, full precision, no NaN).

    The document is checked against the results model and its JSON Schema
    first; nothing is written when it does not fit.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> p = write_metrics(empty_metrics(2026), d / "metrics.json")
    >>> p.read_text(encoding="utf-8").startswith("{")
    True
    """
    document = as_document(metrics)
    _check_schema(document)
    return write_json_atomic(dumps_metrics(document), path)


DEFAULT_LEGAL_BASIS = ("report.legal.ikm", "report.legal.jp", "report.legal.pdp")


def scope_tables(tables: dict, program_id: str) -> dict:
    """Restrict the tables to one programme (``""``: unchanged).

    Tables with a ``program_id`` column keep that programme's rows; the unit
    outcomes keep its treated activities and every comparison activity; the
    region-wide JP records are left out of a programme report.

    Examples
    --------
    >>> import pandas as pd
    >>> t = {"tests": pd.DataFrame({"program_id": ["A", "B"], "pre": [1, 2]})}
    >>> scope_tables(t, "A")["tests"]["pre"].tolist()
    [1]
    """
    if not program_id:
        return dict(tables)
    out = {}
    for name, frame in tables.items():
        if name == "jp_records":
            continue
        if name == "outcomes" and "treated" in frame:
            keep = (frame["program_id"] == program_id) | ~frame["treated"].astype(bool)
            out[name] = frame[keep.fillna(False)].reset_index(drop=True)
        elif "program_id" in frame.columns:
            out[name] = frame[frame["program_id"] == program_id].reset_index(drop=True)
        else:
            out[name] = frame
    return out


#: level -> path of the count that must reach the minimum group size to be published
LEVEL_COUNTS = {
    "reaction": "reaction.n_responses",
    "learning": "learning.overall.n",
    "behavior": "behavior.applying.n",
    "qualitative": "qualitative.n_excerpts",
}


def suppress_small_levels(sections: Mapping[str, Any], min_n: int) -> dict[str, Any]:
    """The levels, each replaced by ``Unavailable("suppressed_small_group")`` when its count is below ``min_n``.

    The statistics suppress small *breakdowns*; this protects a whole report
    scope (e.g. a programme with four respondents).

    Examples
    --------
    >>> from kemuning_eval.report.results.model import Qualitative
    >>> small = Qualitative(available=True, n_excerpts=3, themes=[], quotes=[])
    >>> suppress_small_levels({"qualitative": small}, 5)["qualitative"].reason
    'suppressed_small_group'
    """
    from kemuning_eval.report.results.rules import get_path

    out = dict(sections)
    for level, path in LEVEL_COUNTS.items():
        section = out.get(level)
        if section is None or not section.available:
            continue
        try:
            n = get_path(out, path)
        except (KeyError, IndexError, TypeError):
            continue
        if n is not None and n < min_n:
            out[level] = not_measured("suppressed_small_group", LEVEL_INSTRUMENT[level])
    return out


def load_scoped_tables(year: int, *, root: str | Path | None = None, program_id: str = "") -> dict:
    """All processed tables of ``year`` restricted to one programme (``""``: the whole study).

    For exploratory notebooks: ``tables["reaction"]``, ``tables["items"]`` ...

    Parameters
    ----------
    year : int
        Study year.
    root : path, optional
        Project root (default: discovered).
    program_id : str, default ""
        Programme to keep (see :func:`scope_tables`).

    Returns
    -------
    dict of str to pandas.DataFrame
        Table name -> table.

    Raises
    ------
    DataError
        When ``data/processed/<year>`` does not exist (not ingested yet).

    Examples
    --------
    >>> import tempfile
    >>> import pandas as pd
    >>> with tempfile.TemporaryDirectory() as d:
    ...     folder = Path(d) / "data" / "processed" / "2026"
    ...     folder.mkdir(parents=True)
    ...     pd.DataFrame({"program_id": ["A", "B"], "score": [60, 80]}).to_parquet(folder / "tests.parquet")
    ...     tables = load_scoped_tables(2026, root=d, program_id="B")
    >>> sorted(tables), tables["tests"]["score"].tolist()
    (['tests'], [80])
    """
    from kemuning_eval.ingest.store import load_tables
    from kemuning_eval.paths import ProjectPaths

    paths = ProjectPaths(Path(root)) if root else ProjectPaths.discover()
    return scope_tables(load_tables(paths.processed(year)), program_id)


def scoped_table(year: int, name: str, *, root: str | Path | None = None, program_id: str = "") -> Any:
    """One processed table of ``year`` restricted to the report's scope (``None`` when absent).

    Parameters
    ----------
    year : int
        Study year.
    name : str
        Table name (``data/processed/<year>/<name>.parquet``).
    root : path, optional
        Project root (default: discovered).
    program_id : str, default ""
        Programme to keep (see :func:`scope_tables`).

    Returns
    -------
    pandas.DataFrame or None

    Examples
    --------
    >>> import tempfile
    >>> import pandas as pd
    >>> with tempfile.TemporaryDirectory() as d:
    ...     folder = Path(d) / "data" / "processed" / "2026"
    ...     folder.mkdir(parents=True)
    ...     pd.DataFrame({"program_id": ["A", "B"], "score": [60, 80]}).to_parquet(folder / "tests.parquet")
    ...     print(scoped_table(2026, "tests", root=d, program_id="A")["score"].tolist(),
    ...           scoped_table(2026, "costs", root=d))
    [60] None
    """
    from kemuning_eval.paths import ProjectPaths

    paths = ProjectPaths(Path(root)) if root else ProjectPaths.discover()
    path = paths.processed(year) / f"{name}.parquet"
    if not path.is_file():
        return None
    import pandas as pd

    return scope_tables({name: pd.read_parquet(path)}, program_id).get(name)


def program_names(tables: dict) -> dict[str, str]:
    """Programme code -> display name: the programme table, else the codes the exports carry.

    Without a programme table (e.g. a study of only a survey and test
    scores), every programme code found in a ``program_id`` column is its own
    name, so a per-programme report can still be asked for.

    Examples
    --------
    >>> import pandas as pd
    >>> program_names({"programs": pd.DataFrame({"program_id": ["A"], "name": ["Alpha"]})})
    {'A': 'Alpha'}
    >>> program_names({"tests": pd.DataFrame({"program_id": ["B", None, "A"]})})
    {'A': 'A', 'B': 'B'}
    """
    from kemuning_eval.report.results.common import text_or_none

    programs = tables.get("programs")
    if programs is not None and "program_id" in programs:
        names = programs["name"] if "name" in programs else programs["program_id"]
        return {str(code): text_or_none(name) or str(code)
                for code, name in zip(programs["program_id"], names, strict=True)}
    codes: set[str] = set()
    for name, frame in tables.items():
        if name != "outcomes" and "program_id" in getattr(frame, "columns", ()):
            codes.update(str(c) for c in frame["program_id"].dropna().unique())
    return {code: code for code in sorted(codes)}


@dataclass(frozen=True)
class _Setup:
    """What every part of one computation reads: the study's folders, configuration, tables in scope."""

    year: int
    lang: str
    program_id: str
    seed: int
    paths: Any
    cfg: Any
    report_cfg: dict
    date: str | None
    names: dict[str, str]
    tables: dict
    ctx: Any
    alpha: float


def _setup(year: int, root: str | Path | None, lang: str, program_id: str, report_date: str, seed: int,
           tables: dict | None) -> _Setup:
    from kemuning_eval import config as study_config
    from kemuning_eval.errors import UsageError
    from kemuning_eval.i18n import t
    from kemuning_eval.ingest.store import load_tables
    from kemuning_eval.paths import ProjectPaths
    from kemuning_eval.report.results import rules
    from kemuning_eval.report.results.common import Context, likert_cutoffs

    paths = ProjectPaths(Path(root)) if root else ProjectPaths.discover()
    cfg = study_config.default_study(year, paths=paths)
    report_cfg = dict(cfg.report or {})
    all_tables = tables if tables is not None else load_tables(paths.processed(year))
    names = program_names(all_tables)
    if program_id and program_id not in names:
        raise UsageError(t("results.error.unknown_program", lang, program=program_id, year=year),
                         hint=t("results.hint.programs", lang, choices=", ".join(sorted(names))))
    alpha = float(rules.thresholds(report_cfg.get("rules"))["alpha"])
    ctx = Context(lang=lang, min_n=int(cfg.privacy.min_group_size), alpha=alpha, seed=int(seed),
                         themes=str(cfg.themes) if cfg.themes else None, programs=names,
                         cutoffs=likert_cutoffs((cfg.scoring or {}).get("likert_cutoffs"), lang),
                         year=int(year), rules=rules.thresholds(report_cfg.get("rules")),
                         follow_up=dict(report_cfg.get("follow_up") or {}))
    date = report_date or str(report_cfg.get("date") or "") or None
    return _Setup(year=int(year), lang=lang, program_id=program_id, seed=int(seed), paths=paths, cfg=cfg,
                  report_cfg=report_cfg, date=date, names=names, tables=scope_tables(all_tables, program_id),
                  ctx=ctx, alpha=alpha)


def _levels(setup: _Setup) -> dict[str, Any]:
    """Every level of :data:`SECTIONS`: its record, or why it was not measured (decided once, here)."""
    from kemuning_eval.report.results import (
        availability,
        behavior,
        cost,
        learning,
        outcomes,
        qualitative,
        reaction,
    )

    tables, ctx = setup.tables, setup.ctx
    pass_mark = float(setup.cfg.setting("scoring", "pass_mark_default"))
    fitted: dict[str, Any] = {}  # the pooled DiD, fitted once for the level and its effects
    build = {
        "reaction": lambda: reaction.reaction(tables, ctx),
        "learning": lambda: learning.learning(tables, ctx, pass_mark=pass_mark),
        "behavior": lambda: behavior.behavior(tables, ctx),
        "results": lambda: outcomes.results(tables, ctx, fitted=fitted),
        "cost": lambda: cost.cost(tables, ctx),
        "qualitative": lambda: qualitative.qualitative(tables, ctx),
    }
    out = {}
    for level in SECTIONS:
        missing = availability.level_status(tables, level)
        out[level] = missing.record() if missing else build[level]()
    if out["results"].available:  # pooled and per trained programme, Holm within each scope
        from kemuning_eval.report.results.outcome_effects import outcome_effects

        effects = outcome_effects(tables, ctx, (setup.cfg.outcomes or {}).get("higher_is_better"),
                                  pooled=fitted.get("pooled"))
        out["results"] = out["results"].model_copy(update={"effects": effects})
    return out


def _study(setup: _Setup) -> dict[str, Any]:
    """The ``study`` fields: scope and settings from ``studi.yaml``, then what the tables allow."""
    from kemuning_eval.i18n import t
    from kemuning_eval.report.results import availability
    from kemuning_eval.report.results import study as sections
    from kemuning_eval.report.results.economics import demand_results

    info, ctx, lang = setup.cfg.study, setup.ctx, setup.lang
    legal = setup.report_cfg.get("legal_basis") or [t(k, lang) for k in DEFAULT_LEGAL_BASIS]
    study = empty_metrics(setup.year, lang=lang, program_id=setup.program_id, report_date=setup.date or "")["study"]
    study.update(
        region=info.region or None, agency=info.agency or None, synthetic=bool(info.synthetic),
        population_asn=info.population_asn, previous_year=info.previous_year,
        program_name=setup.names.get(setup.program_id) if setup.program_id else None,
        alpha=setup.alpha, min_group_size=ctx.min_n, legal_basis=[str(x) for x in legal],
        likert_bands=sections.likert_bands(ctx.cutoffs, lang), instruments=availability.inventory(setup.tables),
        **sections.study(setup.tables, ctx, population_asn=info.population_asn,
                       target_jp=float(setup.cfg.setting("scoring", "jp_target"))),
        **sections.sample(setup.tables, ctx), profile=sections.profile(setup.tables, ctx),
        demand=demand_results(setup.tables, ctx),
    )
    return study


def _programs_and_suggestions(m: Metrics, setup: _Setup) -> dict[str, Any]:
    """The programme decision table and the coded free-text suggestions (read after the levels they reuse)."""
    from kemuning_eval.report.results import rules
    from kemuning_eval.report.results.program_table import program_table
    from kemuning_eval.report.results.suggestions import suggestions, theme_book

    th = rules.thresholds(setup.report_cfg.get("rules"))
    return {"program_table": program_table(setup.tables, setup.ctx, m, th),
            "suggestions": suggestions(setup.tables, setup.ctx, theme_book(setup.ctx), m.qualitative)}


def _findings(m: Metrics, setup: _Setup) -> Findings:
    """The challenges and recommendations of the rules, their triangulation, and the previous year's comparison."""
    from kemuning_eval.report.results import rules
    from kemuning_eval.report.results.comparison import previous_comparison
    from kemuning_eval.report.results.suggestions import theme_book
    from kemuning_eval.report.results.triangulation import triangulate
    from kemuning_eval.report.results.year_on_year import previous_year_on_year, year_basis

    challenges = rules.derive_challenges(m, setup.report_cfg.get("rules"))
    compared, status = (None, None) if setup.program_id else previous_comparison(
        m, setup.paths, setup.year, setup.cfg.study.previous_year)
    recs = rules.derive_recommendations(challenges)
    basis = None if setup.program_id else year_basis(m, setup.tables, setup.ctx)
    yoy = previous_year_on_year(basis, setup.paths, status, rules.thresholds(setup.report_cfg.get("rules")))
    found = Findings.model_validate({"challenges": challenges, "comparison": compared, "comparison_status": status,
                                     "year_basis": basis, "year_on_year": yoy, **_actions(m, setup, recs, status)})
    th = rules.thresholds(setup.report_cfg.get("rules"))
    return found.model_copy(update={"triangulation": triangulate(m.model_copy(update={"findings": found}), th,
                                                                   theme_book(setup.ctx))})


def _actions(m: Metrics, setup: _Setup, recs: list, status: dict | None) -> dict[str, Any]:
    """The recommendations' action plan, last year's follow-up and the design's limitations."""
    from kemuning_eval.report.results import actionplan, followup, limitations
    from kemuning_eval.report.results.comparison import read_previous

    config = setup.report_cfg.get("recommendations")
    recs = [actionplan.plan(r, m, year=setup.year, config=config) for r in recs]
    # last year's recommendations only where the previous year may be compared (not a programme's report)
    comparable = status is not None and status["reason"] in (None, "nothing_comparable")
    previous = read_previous(setup.paths, status["previous_year"]) if comparable else None
    return {"recommendations": followup.mark_repeated(recs, previous),
            "followup": followup.followup(m, previous, recs) if previous else None,
            "followup_year": status["previous_year"] if previous else None,
            "limitations": limitations.limitations(m)}


def compute_metrics(
    year: int,
    *,
    root: str | Path | None = None,
    lang: str = "id",
    program_id: str = "",
    report_date: str = "",
    seed: int = 0,
    tables: dict | None = None,
) -> Metrics:
    """Compute every result of study ``year`` into the typed results model.

    Parameters
    ----------
    year : int
        Study year (``data/processed/<year>``, config ``data/raw/<year>/studi.yaml``).
    root : path, optional
        Project root (default: discovered by :class:`~kemuning_eval.paths.ProjectPaths`).
    lang : {"id", "en"}
        Report language (labels of categories and themes).
    program_id : str
        ``""`` for the whole study, else one programme's code (a shorter report).
    report_date : str
        ISO date; empty -> ``report.date`` of ``studi.yaml``.
    seed : int
        Seed for anything random (quote selection ties).
    tables : dict of str to pandas.DataFrame, optional
        The year's processed tables, already read and not scoped
        (:func:`load_scoped_tables` without a programme), so that a notebook
        which also shows them reads each parquet file once; default: read
        from ``data/processed/<year>``.

    Returns
    -------
    Metrics
        The results (see the module docstring), values at full precision.

    Raises
    ------
    UsageError
        When ``lang`` is unknown or ``program_id`` is not a programme of the year.
    ConfigError
        When ``studi.yaml`` is missing or invalid.
    DataError
        When the year has not been ingested.

    Examples
    --------
    A whole study is too slow for a doctest; arguments are checked first:

    >>> compute_metrics(2026, root=".", lang="fr")
    Traceback (most recent call last):
    ...
    kemuning_eval.errors.UsageError: bahasa 'fr' tidak dikenal; pilih salah satu dari id, en
    """
    import warnings

    from kemuning_eval.i18n import check_lang
    from kemuning_eval.provenance import build_provenance
    from kemuning_eval.report.results.availability import parts_not_measured

    check_lang(lang)
    setup = _setup(year, root, lang, program_id, report_date, seed, tables)
    # Warnings of the statistics (e.g. a low alpha) are kept in the provenance, not printed
    # into the report as stray stderr output.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        sections = suppress_small_levels(_levels(setup), setup.ctx.min_n)
        study = _study(setup)
    study["not_measured"] = parts_not_measured(study, sections, setup.tables)
    params = {"year": int(year), "lang": lang, "program_id": program_id, "report_date": setup.date or "",
              "seed": int(seed)}
    provenance = build_provenance(setup.paths.processed(year), setup.paths.root, params)
    # only the statistics' own warnings (about the data); library deprecation notices depend on
    # what the process imported before, so they would make metrics.json differ between runs
    provenance["warnings"] = sorted({str(w.message) for w in caught if w.category.__module__.startswith("kemuning_eval")})
    m = Metrics(schema_version=SCHEMA_VERSION, study=Study.model_validate(study), **sections,
                findings=Findings(challenges=[], recommendations=[], comparison=None, comparison_status=None),
                provenance=Provenance.model_validate(provenance))
    from kemuning_eval.report.results.front_matter import front_matter

    m = m.model_copy(update={**_programs_and_suggestions(m, setup),
                             "front_matter": front_matter(setup.report_cfg.get("front_matter"))})
    return m.model_copy(update={"findings": _findings(m, setup)})


def metrics_schema() -> dict:
    """Return the JSON Schema (draft 2020-12) of ``metrics.json``.

    Returns
    -------
    dict
        The schema bundled as ``kemuning_eval/schema/metrics.schema.json``.

    Examples
    --------
    >>> schema = metrics_schema()
    >>> schema["$schema"], "reaction" in schema["required"]
    ('https://json-schema.org/draft/2020-12/schema', True)
    """
    import json
    from importlib import resources

    text = (resources.files("kemuning_eval") / "schema" / "metrics.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def validate_metrics(metrics: Metrics | dict, *, lang: str | None = None) -> None:
    """Raise :class:`~kemuning_eval.errors.ReportError` when ``metrics`` breaks the schema or the model.

    Parameters
    ----------
    metrics : Metrics or dict
        The results model or a metrics document.
    lang : {"id", "en"}, optional
        Language of the error (default: :func:`kemuning_eval.i18n.default_lang`).

    Examples
    --------
    >>> validate_metrics(empty_metrics(2026, report_date="2026-12-15"))
    """
    _check_schema(as_document(metrics), lang)


def _check_schema(document: dict, lang: str | None = None) -> None:
    """Raise ReportError when ``document`` does not fit the results model, or the JSON Schema generated from it."""
    import jsonschema

    from kemuning_eval.errors import ReportError
    from kemuning_eval.i18n import t

    _check_model(document, lang)  # the source: names the field as the model does
    validator = jsonschema.Draft202012Validator(metrics_schema())
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    if errors:
        first = errors[0]
        if first.context:  # a level fits neither the measured record nor Unavailable: say where inside
            first = jsonschema.exceptions.best_match(first.context) or first
        where = "/".join(str(x) for x in first.absolute_path) or "(root)"
        raise ReportError(t("results.error.schema", lang, where=where, message=first.message),
                          hint=t("results.hint.program_bug", lang))


def _check_model(document: dict, lang: str | None = None) -> None:
    """Raise ReportError when ``document`` does not fit the typed results model (an unknown or mistyped field)."""
    from pydantic import ValidationError

    from kemuning_eval.errors import ReportError
    from kemuning_eval.i18n import t
    from kemuning_eval.report.results.model import Metrics

    try:
        Metrics.model_validate(document)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = "/".join(str(x) for x in first["loc"]) or "(root)"
        raise ReportError(t("results.error.model", lang, where=where, message=first["msg"]),
                          hint=t("results.hint.program_bug", lang)) from None
