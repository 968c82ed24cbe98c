"""Build the evaluation reports: the entry point of ``kemuning-eval report``.

One build = hold the year's lock -> check parameters -> execute the
notebook with papermill into a new build folder -> export and check the
HTML -> publish the whole set in one pointer swap
(:mod:`kemuning_eval.report.engine.publish`) -> regenerate ``reports/index.html``.  Unchanged inputs
reuse the previous report (see :mod:`kemuning_eval.report.engine.cache`).

Where things go (``<L>`` = ``""`` for Bahasa Indonesia, ``en/`` for English)::

    reports/<year>/<L>laporan-evaluasi-<year>.html, <L>metrics.json, <L>tabel/
    reports/<year>/<L>program/<ID>/laporan-<ID>-<year>.html, metrics.json, tabel/
    reports/<year>/executed/<stem>.ipynb            executed notebooks
    reports/<year>/executed/failed-<stem>.ipynb     the notebook of a failed build
    <report folder>/.builds/<stem>/<id>/            the versioned builds behind the above

Examples
--------
>>> spec = ReportSpec(year=2026, lang="en", program_id="PKA-01")
>>> spec.stem, spec.html_name
('laporan-PKA-01-2026-en', 'laporan-PKA-01-2026.html')
"""

from __future__ import annotations

import argparse
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kemuning_eval.errors import ReportError, UsageError
from kemuning_eval.i18n import LANGS, check_lang, t
from kemuning_eval.paths import ProjectPaths
from kemuning_eval.progress import info, is_quiet
from kemuning_eval.report.engine.formats import (
    DEFAULT_FORMATS,
    output_name,
    remove_skipped,
    require_format_tools,
    write_formats,
)

MAIN_NOTEBOOK = "laporan_evaluasi.ipynb"
PROGRAM_NOTEBOOK = "laporan_program.ipynb"
_PROGRAM_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


@dataclass(frozen=True)
class ReportSpec:
    """Which report to build: year, language, and programme (None = whole study).

    Parameters
    ----------
    year : int
        Study year.
    lang : {"id", "en"}, default "id"
        Report language.
    program_id : str, optional
        Programme of a per-programme report; ``None`` for the whole study.

    Examples
    --------
    >>> paths = ProjectPaths(Path("/proj"))
    >>> main = ReportSpec(2026)
    >>> main.stem, main.notebook_name, main.folder(paths).as_posix()
    ('laporan-evaluasi-2026', 'laporan_evaluasi.ipynb', '/proj/reports/2026')
    >>> ReportSpec(2026, "en", "P1").folder(paths).as_posix()
    '/proj/reports/2026/en/program/P1'
    """

    year: int
    lang: str = "id"
    program_id: str | None = None

    @property
    def stem(self) -> str:
        """Unique name of this report (used for executed notebooks and stamps)."""
        base = (f"laporan-evaluasi-{self.year}" if self.program_id is None
                else f"laporan-{self.program_id}-{self.year}")
        return base if self.lang == LANGS[0] else f"{base}-{self.lang}"

    @property
    def html_name(self) -> str:
        """File name of the HTML page."""
        if self.program_id is None:
            return f"laporan-evaluasi-{self.year}.html"
        return f"laporan-{self.program_id}-{self.year}.html"

    @property
    def notebook_name(self) -> str:
        """File name of the report notebook (see :meth:`ProjectPaths.notebook`)."""
        return MAIN_NOTEBOOK if self.program_id is None else PROGRAM_NOTEBOOK

    def folder(self, paths: ProjectPaths) -> Path:
        """Folder the HTML, ``metrics.json`` and ``tabel/`` are published in."""
        base = paths.reports(self.year)
        if self.lang != LANGS[0]:
            base = base / self.lang
        return base if self.program_id is None else base / "program" / self.program_id


@dataclass(frozen=True)
class BuildResult:
    """What one build produced.

    Parameters
    ----------
    spec : ReportSpec
        The report built.
    html, metrics, executed : Path
        The published page, its ``metrics.json`` and the executed notebook.
    reused : bool
        True when the previous report was up to date and kept.
    seconds : float
        Wall time of the build.
    timings : dict of str to float
        Seconds per phase: ``execute``, ``export`` (export + checks), ``formats``
        (PDF and DOCX; each also as ``pdf`` and ``docx``), ``publish`` (empty for a reused report).

    Examples
    --------
    >>> r = BuildResult(ReportSpec(2026), Path("r.html"), Path("metrics.json"),
    ...                 Path("executed/r.ipynb"), reused=True, seconds=0.1)
    >>> r.reused, r.timings, r.spec.year
    (True, {}, 2026)
    """

    spec: ReportSpec
    html: Path
    metrics: Path
    executed: Path
    reused: bool
    seconds: float
    #: seconds spent per phase: ``execute``, ``export`` (export + checks), ``publish``
    timings: dict[str, float] = field(default_factory=dict)


def study_report_settings(paths: ProjectPaths, year: int) -> dict[str, Any]:
    """Return the ``report`` mapping of ``studi.yaml`` (empty when there is no study file).

    Parameters
    ----------
    paths : ProjectPaths
        Project folders.
    year : int
        Study year.

    Returns
    -------
    dict
        The ``report`` settings (e.g. ``lang``, ``date``, ``rules``).

    Raises
    ------
    ConfigError
        When ``studi.yaml`` exists but is invalid.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     print(study_report_settings(ProjectPaths(Path(d)), 2026))
    {}
    """
    config = paths.study_config(year)
    if not config.is_file():
        return {}
    from kemuning_eval.config import load_study

    return dict(load_study(config).report)


def study_inputs(paths: ProjectPaths, year: int) -> list[Path]:
    """Files and folders a report of ``year`` depends on (for the cache key).

    Parameters
    ----------
    paths : ProjectPaths
        Project folders.
    year : int
        Study year.

    Returns
    -------
    list of Path
        ``data/processed/<year>``, the previous year's ``metrics.json`` (the
        study report compares with it; ``study.previous_year``, else
        ``year - 1``), then the study configuration and the files it names
        (when ``studi.yaml`` exists).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     print([p.relative_to(d).as_posix() for p in study_inputs(ProjectPaths(Path(d)), 2026)])
    ['data/processed/2026', 'reports/2025/metrics.json']
    """
    config = paths.study_config(year)
    if not config.is_file():
        return [paths.processed(year), paths.metrics_json(year - 1)]
    from kemuning_eval.config import load_study

    study = load_study(config)
    return [paths.processed(year), paths.metrics_json(study.study.previous_year or year - 1),
            *study.files()]


def program_ids(paths: ProjectPaths, year: int) -> list[str]:
    """Return the programme IDs of ``data/processed/<year>/programs.parquet``.

    Parameters
    ----------
    paths : ProjectPaths
        Project folders.
    year : int
        Study year.

    Returns
    -------
    list of str
        The IDs, sorted; without a programme table, the codes the exports carry.

    Raises
    ------
    ReportError
        When the year has not been ingested, or its data carry no programme code.

    Examples
    --------
    >>> import tempfile
    >>> import pandas as pd
    >>> with tempfile.TemporaryDirectory() as d:
    ...     paths = ProjectPaths(Path(d))
    ...     paths.processed(2026).mkdir(parents=True)
    ...     pd.DataFrame({"program_id": ["P2", "P1"]}).to_parquet(paths.processed(2026) / "programs.parquet")
    ...     print(program_ids(paths, 2026))
    ['P1', 'P2']
    >>> program_ids(ProjectPaths(Path("no/such/project")), 2025)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kemuning_eval.errors.ReportError: tabel programs.parquet tidak ditemukan [file ...programs.parquet] -> ...
    """
    table = paths.processed(year) / "programs.parquet"
    if not table.is_file():
        if not paths.processed(year).is_dir():
            raise ReportError(t("engine.error.no_programs"), file=str(table),
                              hint=t("engine.hint.ingest", year=year))
        # a study without a programme table: the programme codes its exports carry
        from kemuning_eval.ingest.store import load_tables
        from kemuning_eval.report.results.metrics import program_names

        codes = sorted(program_names(load_tables(paths.processed(year))))
        if not codes:
            raise ReportError(t("measured.error.no_programs", year=year), file=str(paths.processed(year)),
                              hint=t("measured.hint.no_programs"))
        return codes
    import pandas as pd

    return sorted(str(v) for v in pd.read_parquet(table, columns=["program_id"])["program_id"])


def check_program_id(program_id: str) -> str:
    """Return ``program_id`` if it is safe as a folder name, else raise UsageError.

    Examples
    --------
    >>> check_program_id("PKA-01")
    'PKA-01'
    >>> check_program_id("../x")
    Traceback (most recent call last):
    ...
    kemuning_eval.errors.UsageError: ...
    """
    if not _PROGRAM_ID.match(program_id):
        raise UsageError(t("engine.error.program_id"), value=program_id)
    return program_id


def _parameters(spec: ReportSpec, paths: ProjectPaths, report_date: str, seed: int) -> dict[str, Any]:
    return {
        "year": int(spec.year),
        "lang": spec.lang,
        "program_id": spec.program_id or "",
        "project_root": str(paths.root.resolve()),
        "output_dir": "",
        "report_date": report_date,
        "seed": int(seed),
    }


def _keep_failed(exc: ReportError, staged_nb: Path, failed: Path, lang: str) -> ReportError:
    """Keep the staged executed notebook as ``failed`` and return the error pointing to it."""
    from kemuning_eval.report.engine import publish

    publish.swap_in([(staged_nb, failed),
                     (staged_nb.with_suffix(".kernel.log"), failed.with_suffix(".kernel.log"))])
    hint = exc.hint or t("engine.hint.failed_notebook", lang, path=str(failed))
    for staged, kept in ((staged_nb.with_suffix(".kernel.log"), failed.with_suffix(".kernel.log")),
                         (staged_nb, failed)):
        hint = hint.replace(str(staged), str(kept))
    return ReportError(exc.message, file=exc.file, value=exc.value, hint=hint)


def build_one(
    spec: ReportSpec,
    *,
    paths: ProjectPaths,
    force: bool = False,
    report_date: str = "",
    seed: int = 0,
    progress_bar: bool = False,
    formats: tuple[str, ...] = DEFAULT_FORMATS,
) -> BuildResult:
    """Build (or reuse) one report; does not touch the index page.

    Parameters
    ----------
    spec : ReportSpec
        The report to build.
    paths : ProjectPaths
        Project folders.
    force : bool
        Rebuild even when the cache stamp says nothing changed.
    report_date : str
        ISO date of the report (``""``: none).
    seed : int
        Seed passed to the notebook.
    progress_bar : bool
        Show papermill's progress bar.
    formats : tuple of str
        Formats to publish besides the HTML page (see
        :func:`kemuning_eval.report.engine.formats.choose_formats`).

    Returns
    -------
    BuildResult
        The published files and timings.

    Raises
    ------
    ReportError
        Execution, export or a check failed; the previous report is unchanged
        and the failed notebook is kept as ``executed/failed-<stem>.ipynb``.

    Examples
    --------
    Executing a notebook is too slow for a doctest; a project whose data
    have not been ingested fails before anything is written:

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     build_one(ReportSpec(2026), paths=ProjectPaths(Path(d)))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kemuning_eval.errors.ReportError: data olahan tahun ini belum ada [file ...2026] -> ...
    """
    from kemuning_eval.report.engine import cache, publish

    started = time.perf_counter()
    lang = spec.lang
    notebook = _require_sources(spec, paths)
    folder = spec.folder(paths)
    executed_dir = paths.reports(spec.year) / "executed"
    html_path, metrics_path = folder / spec.html_name, folder / "metrics.json"
    executed = executed_dir / f"{spec.stem}.ipynb"
    pub = publish.report_publication(folder, spec.stem, spec.html_name, executed,
                                     extra=[output_name(spec.html_name, f) for f in formats if f != "html"])
    pub.recover()  # what a killed build left (the caller holds the year's lock)
    current = pub.current()  # the stamp is published with the build it describes
    stamp = (current or pub.builds / "none-yet") / publish.STAMP
    params = _parameters(spec, paths, report_date, seed)
    key = cache.build_key(notebook=notebook, parameters=params,
                          inputs=study_inputs(paths, spec.year), extra={"formats": list(formats)})
    if not force and cache.is_fresh(stamp, key):
        info(t("engine.status.reused", lang, path=str(html_path)))
        return BuildResult(spec, html_path, metrics_path, executed, True,
                           time.perf_counter() - started)

    from kemuning_eval.report.engine.kernel import ensure_kernel

    kernel_name = ensure_kernel(lang=lang)  # before anything is staged: a missing kernel writes nothing
    require_format_tools(formats, lang)  # likewise a missing Chromium or pandoc
    failed = executed_dir / f"failed-{spec.stem}.ipynb"
    stage = pub.new_build()
    try:
        params["output_dir"] = str(stage)
        timings = _execute_and_export(spec, paths, notebook, stage, params, failed, kernel_name,
                                      report_date=report_date, progress_bar=progress_bar)
        clock = time.perf_counter()
        made = write_formats(stage, spec.html_name, formats, lang=lang,
                             file_date=report_date or f"{spec.year}-12-31", timings=timings)
        timings["formats"] = time.perf_counter() - clock
        clock = time.perf_counter()
        publish.make_readable(stage)
        cache.write_stamp(stage / publish.STAMP, key, {
            "html": (stage / spec.html_name, html_path),
            "metrics": (stage / "metrics.json", metrics_path),
            **{fmt: (staged, folder / staged.name) for fmt, staged in made.items()}})
        pub.commit(stage)
        remove_skipped(folder, spec.html_name, formats)
        for stale in (failed, failed.with_suffix(".kernel.log"),  # an earlier failure, now fixed
                      folder / f".{spec.stem}.build.json"):  # the stamp of the old layout
            stale.unlink(missing_ok=True)
        timings["publish"] = time.perf_counter() - clock
    finally:
        pub.discard(stage)  # gone already when committed
    seconds = time.perf_counter() - started
    info(t("engine.status.done", lang, path=str(html_path), seconds=f"{seconds:.1f}"))
    return BuildResult(spec, html_path, metrics_path, executed, False, seconds, timings)


def _require_sources(spec: ReportSpec, paths: ProjectPaths) -> Path:
    """The report's notebook, after checking that it and the year's processed data exist."""
    notebook = paths.notebook(spec.notebook_name)
    if not notebook.is_file():
        raise ReportError(t("engine.error.no_notebook", spec.lang), file=str(notebook))
    if not paths.processed(spec.year).is_dir():
        raise ReportError(t("install.error.no_processed", spec.lang), file=str(paths.processed(spec.year)),
                          hint=t("engine.hint.ingest", spec.lang, year=spec.year))
    return notebook


def _execute_and_export(spec: ReportSpec, paths: ProjectPaths, notebook: Path, stage: Path,
                        params: dict[str, Any], failed: Path, kernel_name: str, *,
                        report_date: str, progress_bar: bool) -> dict[str, float]:
    """Execute the notebook into ``stage`` and write its checked HTML there; seconds per phase.

    On failure the staged notebook is kept as ``failed`` and the error points to it.
    """
    from kemuning_eval.report.engine.execute import execute_notebook
    from kemuning_eval.report.engine.export import export_checked, local_folders
    from kemuning_eval.report.engine.kernel import kernel_env

    lang = spec.lang
    staged_nb = stage / f"{spec.stem}.ipynb"
    timings: dict[str, float] = {}
    info(t("engine.status.executing", lang, notebook=notebook.name, stem=spec.stem))
    clock = time.perf_counter()
    try:
        result = execute_notebook(
            notebook, staged_nb, params, cwd=paths.root, kernel_name=kernel_name,
            env=kernel_env(report_date=report_date or None), progress_bar=progress_bar,
            lang=lang,
        )
        if not (stage / "metrics.json").is_file():
            raise ReportError(t("engine.error.no_metrics", lang), file=str(notebook),
                              hint=t("engine.hint.failed_notebook", lang, path=str(failed)))
        timings["execute"] = time.perf_counter() - clock
        info(t("engine.status.exporting", lang, stem=spec.stem))
        clock = time.perf_counter()
        page = export_checked(result.notebook, lang=lang, name=spec.html_name,
                              source_dir=notebook.parent,
                              forbidden_texts=local_folders(stage, paths.root.resolve()))
    except ReportError as exc:
        raise _keep_failed(exc, staged_nb, failed, lang) from None
    (stage / spec.html_name).write_text(page, encoding="utf-8")
    (stage / "tabel").mkdir(exist_ok=True)  # every build has the whole set of outputs
    timings["export"] = time.perf_counter() - clock
    return timings


def _build_worker(kwargs: dict[str, Any]) -> BuildResult:
    """Build one report in a worker process (one kernel per process)."""
    from kemuning_eval.progress import set_quiet

    set_quiet(True)
    return build_one(**kwargs)


def build_programs(
    year: int,
    ids: list[str],
    *,
    lang: str,
    paths: ProjectPaths,
    force: bool = False,
    jobs: int | None = None,
    report_date: str = "",
    formats: tuple[str, ...] = DEFAULT_FORMATS,
) -> list[BuildResult]:
    """Build the per-programme reports of ``ids`` in parallel processes.

    Every programme is attempted; failures are collected and raised together.

    Parameters
    ----------
    year : int
        Study year.
    ids : list of str
        Programme IDs (checked with :func:`check_program_id` first).
    lang : {"id", "en"}
        Report language.
    paths : ProjectPaths
        Project folders.
    force : bool
        Rebuild even when nothing changed.
    jobs : int, optional
        Worker processes (default: CPU count, at most one per programme).
    report_date : str
        ISO date of the reports.
    formats : tuple of str
        Formats to publish (see :func:`build_one`).

    Returns
    -------
    list of BuildResult
        One per programme, sorted by programme ID.

    Raises
    ------
    UsageError
        An ID is not safe as a folder name (before any build starts).
    ReportError
        One or more builds failed; the message lists each programme's error.

    Examples
    --------
    >>> build_programs(2026, ["P1", "../etc"], lang="id", paths=ProjectPaths(Path(".")))
    Traceback (most recent call last):
    ...
    kemuning_eval.errors.UsageError: ...
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    from kemuning_eval.progress import progress

    specs = [ReportSpec(year, lang, check_program_id(pid)) for pid in ids]
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(specs) or 1))
    results: list[BuildResult] = []
    errors: list[str] = []
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        futures = {pool.submit(_build_worker, {"spec": s, "paths": paths, "force": force,
                                               "report_date": report_date, "formats": formats}): s
                   for s in specs}
        for future in progress(as_completed(futures), t("engine.status.programs", lang),
                               total=len(futures)):
            try:
                results.append(future.result())
            except ReportError as exc:
                errors.append(f"{futures[future].program_id}: {exc}")
    if errors:
        raise ReportError(t("engine.error.programs_failed", lang, n=len(errors), total=len(specs))
                          + "\n  " + "\n  ".join(sorted(errors)))
    return sorted(results, key=lambda r: r.spec.program_id or "")


def build_report(
    year: int,
    *,
    lang: str | None = None,
    program_id: str | None = None,
    force: bool = False,
    paths: ProjectPaths | None = None,
    report_date: str | None = None,
    seed: int = 0,
    jobs: int | None = None,
    formats: tuple[str, ...] | None = None,
) -> BuildResult | list[BuildResult]:
    """Build the report of ``year`` (or of one or all programmes) and the index page.

    Parameters
    ----------
    year : int
        Study year.
    lang : {"id", "en"}, optional
        Report language (default: ``report.lang`` of ``studi.yaml``, else ``id``).
    program_id : str, optional
        A programme ID for its own report, ``"all"`` for every programme
        (returns a list), None for the whole study.
    force : bool
        Rebuild even when nothing changed.
    paths : ProjectPaths, optional
        Project folders (default: discovered).
    report_date : str, optional
        ISO date printed in the report (default: ``report.date`` of ``studi.yaml``);
        passed to the notebook, and the date embedded file formats carry.
    seed : int
        Seed passed to the notebook.
    jobs : int, optional
        Parallel processes for ``program_id="all"``.
    formats : tuple of str, optional
        Formats to publish (default: HTML, PDF and DOCX; see
        :func:`kemuning_eval.report.engine.formats.choose_formats`).

    Returns
    -------
    BuildResult or list of BuildResult
        One result, or one per programme for ``program_id="all"``.

    Raises
    ------
    UsageError
        Unknown language, malformed ``report_date`` or unsafe programme ID.
    ReportError
        A build failed (see :func:`build_one`).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     build_report(2026, paths=ProjectPaths(Path(d)), report_date="15-12-2026")
    Traceback (most recent call last):
    ...
    kemuning_eval.errors.UsageError: tanggal laporan harus berformat ISO (TTTT-BB-HH) [nilai '15-12-2026']
    """
    from kemuning_eval.report.engine.index import write_index
    from kemuning_eval.report.engine.publish import clean_old_staging
    from kemuning_eval.runlock import hold, year_lock

    paths = paths or ProjectPaths.discover()
    formats = tuple(formats or DEFAULT_FORMATS)
    settings = study_report_settings(paths, year)
    lang = check_lang(lang or str(settings.get("lang") or LANGS[0]))
    report_date = str(report_date or settings.get("date") or "")
    if report_date:
        import datetime as _dt

        try:
            _dt.date.fromisoformat(report_date)
        except ValueError:
            raise UsageError(t("engine.error.report_date", lang), value=report_date) from None
    with year_lock(paths, year, command="report", lang=lang):  # one ingest or report of a year at a time
        try:
            clean_old_staging(paths.reports(year))
            if program_id == "all":
                ids = program_ids(paths, year)
                return build_programs(year, ids, lang=lang, paths=paths, force=force, jobs=jobs,
                                      report_date=report_date, formats=formats)
            spec = ReportSpec(year, lang, check_program_id(program_id) if program_id else None)
            return build_one(spec, paths=paths, force=force, report_date=report_date, seed=seed,
                             progress_bar=not is_quiet(), formats=formats)
        finally:
            with hold(paths.reports_root / ".index.lock", command="index", lang=lang):
                write_index(paths.reports_root, lang=lang)


def build_from_cli(args: argparse.Namespace) -> int:
    """Run ``kemuning-eval report`` with parsed ``args``; return the exit code.

    Parameters
    ----------
    args : argparse.Namespace
        With ``year``, ``lang``, ``program``, ``force`` and ``jobs`` (and optionally
        ``formats``, ``no_pdf``, ``no_docx``).

    Returns
    -------
    int
        0 on success (errors are raised and mapped to exit codes by the CLI).

    Raises
    ------
    UsageError
        ``--jobs`` below 1, or any usage error of :func:`build_report`.
    ReportError
        A build failed.

    Examples
    --------
    >>> args = argparse.Namespace(year=2026, lang=None, program=None, force=False, jobs=0)
    >>> build_from_cli(args)
    Traceback (most recent call last):
    ...
    kemuning_eval.errors.UsageError: --jobs harus bilangan bulat >= 1 [nilai '0']
    """
    if args.jobs is not None and args.jobs < 1:
        raise UsageError(t("engine.error.jobs"), value=args.jobs)
    from kemuning_eval.report.engine.formats import choose_formats

    formats = choose_formats(getattr(args, "formats", None), no_pdf=getattr(args, "no_pdf", False),
                             no_docx=getattr(args, "no_docx", False))
    if getattr(args, "with_previous", False):
        build_previous(args.year, lang=args.lang, force=args.force, formats=formats)
    build_report(args.year, lang=args.lang, program_id=args.program, force=args.force,
                 jobs=args.jobs, formats=formats)
    return 0


def previous_study_year(paths: ProjectPaths, year: int) -> int:
    """Return the year the report of ``year`` compares with (``study.previous_year``, else ``year - 1``).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     print(previous_study_year(ProjectPaths(Path(d)), 2026))
    2025
    """
    config = paths.study_config(year)
    if not config.is_file():
        return year - 1
    from kemuning_eval.config import load_study

    return load_study(config).study.previous_year or year - 1


def build_previous(year: int, *, lang: str | None = None, force: bool = False,
                   paths: ProjectPaths | None = None,
                   formats: tuple[str, ...] | None = None) -> BuildResult | None:
    """Prepare ``year``'s report as ``make report`` does: last year's report first, both years ingested.

    ``kemuning-eval report --year Y --with-previous`` (the path for users
    without ``make``, e.g. Windows with Anaconda).  Ingestion skips a year
    whose inputs did not change; a previous year without ``studi.yaml`` is
    skipped (the report then has no comparison).

    Parameters
    ----------
    year : int
        The year of the report to build next.
    lang : {"id", "en"}, optional
        Language of the previous year's report.
    force : bool
        Rebuild the previous year's report even when nothing changed.
    paths : ProjectPaths, optional
        Project folders (default: discovered).
    formats : tuple of str, optional
        Formats of the previous year's report (default: all).

    Returns
    -------
    BuildResult or None
        The previous year's report, or None when that year has no study.

    Raises
    ------
    KemuningEvalError
        Ingestion or the build of either year failed.

    Examples
    --------
    Ingestion and builds are too slow for a doctest (see tests/test_install.py); a
    project without any study stops at this year's ingestion:

    >>> import tempfile
    >>> from kemuning_eval.errors import KemuningEvalError
    >>> with tempfile.TemporaryDirectory() as d:
    ...     try:
    ...         build_previous(2026, paths=ProjectPaths(Path(d)))
    ...     except KemuningEvalError as exc:
    ...         print(type(exc).__name__)
    ConfigError
    """
    from kemuning_eval.ingest.pipeline import ingest_study

    paths = paths or ProjectPaths.discover()
    previous = previous_study_year(paths, year)
    result = None
    if paths.study_config(previous).is_file():
        ingest_study(previous, paths=paths)
        built = build_report(previous, lang=lang, force=force, paths=paths, formats=formats)
        result = built if isinstance(built, BuildResult) else None
    ingest_study(year, paths=paths)
    return result
