"""The study configuration (``studi.yaml``), loaded and validated into frozen dataclasses.

Every problem is reported with the key it concerns (``inputs.tests.sep``),
unknown keys are refused (a typo must not be silently ignored), and the files
an input names must exist.  ``scoring`` and ``report`` stay open mappings
(validated to be mappings) that the statistics and report code read.

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "tes.csv").write_text("NIP;Nilai\\n", encoding="utf-8")
>>> _ = (d / "studi.yaml").write_text(
...     "study: {year: 2026}\\n"
...     "inputs:\\n  tests: {file: tes.csv, sep: ';', decimal: ','}\\n",
...     encoding="utf-8")
>>> cfg = load_study(d / "studi.yaml")
>>> cfg.year, cfg.inputs["tests"].sep, cfg.privacy.min_group_size
(2026, ';', 5)
>>> _ = (d / "studi.yaml").write_text("study: {year: 2026}\\nsurvey: {}\\n", encoding="utf-8")
>>> load_study(d / "studi.yaml")
Traceback (most recent call last):
...
kemuning_eval.errors.ConfigError: kunci tidak dikenal 'survey' ...
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from kemuning_eval.errors import ConfigError
from kemuning_eval.i18n import t

#: libyaml's safe loader when available (several times faster)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Instrument keys the ingestion understands (see docs/architecture.md).
INSTRUMENTS = (
    "roster",
    "programs",
    "facilitators",
    "benefits",
    "reaction",
    "facilitator_ratings",
    "tests",
    "observations",
    "outcomes",
    "interviews",
    "jp_records",
)
DUPLICATE_RULES = ("keep_latest_complete", "keep_first", "keep_latest")
NIP_MODES = ("pns", "pppk", "auto")
DEFAULT_KEY_ENV = "KEMUNING_EVAL_KEY"
DEFAULT_KEY_FILE = "~/.config/kemuning-eval/pseudonym.key"

_TOP_KEYS = ("study", "inputs", "privacy", "duplicates", "nip", "scoring", "themes", "report",
             "outcomes")
_STUDY_KEYS = ("year", "region", "agency", "synthetic", "population_asn", "previous_year", "title")
_INPUT_KEYS = ("file", "codebook", "sep", "decimal", "encoding", "sheet", "header_row", "thousands")
_PRIVACY_KEYS = ("key_env", "key_file", "min_group_size")
_DUP_KEYS = ("rule", "resolution_file")
_NIP_KEYS = ("mode", "pppk_codes", "min_appointment_age")


@dataclass(frozen=True)
class StudyInfo:
    """The ``study:`` section: which year, region and agency.

    Parameters
    ----------
    year : int
        Study (report) year.
    region, agency, title : str
        Shown on the report; empty when not given.
    synthetic : bool
        True for generated demonstration data.
    population_asn : int, optional
        Number of ASN in the region (for coverage).
    previous_year : int, optional
        Year to compare with.

    Examples
    --------
    >>> info = StudyInfo(year=2026, region="Kemuning")
    >>> info.year, info.region, info.synthetic, info.previous_year
    (2026, 'Kemuning', False, None)
    """

    year: int
    region: str = ""
    agency: str = ""
    synthetic: bool = False
    population_asn: int | None = None
    previous_year: int | None = None
    title: str = ""


@dataclass(frozen=True)
class InputSpec:
    """One raw file and the options to read it (``None`` = detect).

    Parameters
    ----------
    key : str
        Instrument key, one of :data:`INSTRUMENTS`.
    file : Path
        Absolute path of the raw file.
    codebook : Path, optional
        Absolute path of its codebook.
    sep, decimal, encoding, thousands : str, optional
        CSV reading options; ``None`` means detect.
    sheet : str or int, optional
        Excel sheet name or 0-based index.
    header_row : int, optional
        1-based row holding the column names.

    Examples
    --------
    >>> spec = InputSpec(key="tests", file=Path("/data/tes.csv"), sep=";", decimal=",")
    >>> spec.sep, spec.decimal, spec.encoding
    (';', ',', None)
    """

    key: str
    file: Path
    codebook: Path | None = None
    sep: str | None = None
    decimal: str | None = None
    encoding: str | None = None
    sheet: str | int | None = None
    header_row: int | None = None
    thousands: str | None = None


@dataclass(frozen=True)
class PrivacyConfig:
    """Where the pseudonym key comes from and the smallest publishable group.

    Parameters
    ----------
    key_env : str
        Environment variable holding the key.
    key_file : str
        Key file used when the variable is not set (``~`` allowed).
    min_group_size : int
        Groups smaller than this are not published.

    Examples
    --------
    >>> PrivacyConfig().min_group_size, PrivacyConfig().key_env
    (5, 'KEMUNING_EVAL_KEY')
    >>> PrivacyConfig(min_group_size=10).min_group_size
    10
    """

    key_env: str = DEFAULT_KEY_ENV
    key_file: str = DEFAULT_KEY_FILE
    min_group_size: int = 5


@dataclass(frozen=True)
class DuplicatesConfig:
    """How repeated submissions are settled and where a person's resolutions live.

    Parameters
    ----------
    rule : str
        One of :data:`DUPLICATE_RULES`.
    resolution_file : Path, optional
        CSV with a person's decisions on individual duplicates.

    Examples
    --------
    >>> DuplicatesConfig().rule
    'keep_latest_complete'
    >>> DuplicatesConfig(rule="keep_first").resolution_file is None
    True
    """

    rule: str = "keep_latest_complete"
    resolution_file: Path | None = None


@dataclass(frozen=True)
class NipConfig:
    """NIP validation: ``pns``, ``pppk`` or ``auto`` (PNS first, then PPPK).

    Parameters
    ----------
    mode : str
        One of :data:`NIP_MODES`.
    pppk_codes : tuple of str, optional
        Allowed two-digit PPPK codes at positions 13-14 (``None`` = any).
    min_appointment_age : int
        Smallest plausible age at appointment (birth date vs. TMT in the NIP).

    Examples
    --------
    >>> cfg = NipConfig(mode="pppk", pppk_codes=("21",))
    >>> cfg.mode, cfg.pppk_codes, cfg.min_appointment_age
    ('pppk', ('21',), 18)
    """

    mode: str = "auto"
    #: allowed two-digit PPPK codes at positions 13-14 (None = any; unverified rule)
    pppk_codes: tuple[str, ...] | None = None
    min_appointment_age: int = 18


@dataclass(frozen=True)
class StudyConfig:
    """A validated ``studi.yaml``.  Paths are absolute.

    Built by :func:`load_study`; ``scoring``, ``report`` and ``outcomes`` are
    read-only open mappings.

    Parameters
    ----------
    path : Path
        The ``studi.yaml`` itself.
    raw_dir : Path
        Its folder; file names in the configuration are relative to it.
    study : StudyInfo
        The ``study:`` section.
    inputs : Mapping of str to InputSpec
        Raw files by instrument key.
    privacy, duplicates, nip
        The sections of the same name.
    scoring, report, outcomes : Mapping
        Open sections read by the statistics and report code.
    themes : Path, optional
        Theme file for coding interviews.

    Examples
    --------
    >>> d = Path("/data/raw/2026")
    >>> cfg = StudyConfig(path=d / "studi.yaml", raw_dir=d, study=StudyInfo(year=2026),
    ...                   inputs={"tests": InputSpec("tests", d / "tes.csv")})
    >>> cfg.year, cfg.duplicates.rule
    (2026, 'keep_latest_complete')
    >>> [p.name for p in cfg.files()]
    ['studi.yaml', 'tes.csv']
    """

    path: Path
    raw_dir: Path
    study: StudyInfo
    inputs: Mapping[str, InputSpec]
    privacy: PrivacyConfig = field(default_factory=PrivacyConfig)
    duplicates: DuplicatesConfig = field(default_factory=DuplicatesConfig)
    nip: NipConfig = field(default_factory=NipConfig)
    scoring: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    themes: Path | None = None
    report: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    #: open mapping for the outcome design, e.g. ``first_post_period: 2026-S2``
    outcomes: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def year(self) -> int:
        """The study year."""
        return self.study.year

    def files(self) -> list[Path]:
        """Every file the configuration points to (inputs, codebooks, themes), sorted."""
        out = {self.path}
        for spec in self.inputs.values():
            out.add(spec.file)
            if spec.codebook is not None:
                out.add(spec.codebook)
        if self.themes is not None:
            out.add(self.themes)
        if self.duplicates.resolution_file is not None and self.duplicates.resolution_file.exists():
            out.add(self.duplicates.resolution_file)
        return sorted(out)


def _err(path: Path, key: str, message: str, hint: str | None = None) -> ConfigError:
    return ConfigError(t("ingest.config.at_key", message=message, key=repr(key)), file=str(path), hint=hint)


def _mapping(path: Path, key: str, value: Any) -> dict:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise _err(path, key, t("ingest.config.not_mapping", kind=type(value).__name__))
    return dict(value)


def _check_keys(path: Path, prefix: str, data: Mapping, allowed: tuple[str, ...]) -> None:
    import difflib

    for key in data:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = (t("ingest.config.did_you_mean", name=repr(close[0])) if close
                    else t("ingest.config.known_keys", keys=", ".join(allowed)))
            name = f"{prefix}.{key}" if prefix else str(key)
            raise ConfigError(t("ingest.config.unknown_key", name=repr(name)), file=str(path), hint=hint)


def _typed(path: Path, key: str, value: Any, kind: type | tuple, expected: str) -> Any:
    """Return ``value`` if of ``kind``; ``expected`` is a key ``ingest.config.expect.<expected>``."""
    if value is None:
        return None
    if kind is int and isinstance(value, bool) or not isinstance(value, kind):
        raise _err(path, key, t("ingest.config.wrong_type", expected=t(f"ingest.config.expect.{expected}"),
                                 value=repr(value)))
    return value


def _input(path: Path, raw_dir: Path, key: str, value: Any) -> InputSpec:
    if isinstance(value, str):
        value = {"file": value}
    data = _mapping(path, f"inputs.{key}", value)
    _check_keys(path, f"inputs.{key}", data, _INPUT_KEYS)
    if not data.get("file"):
        raise _err(path, f"inputs.{key}.file", t("ingest.config.file_required"))
    file = (raw_dir / str(data["file"])).resolve()
    if not file.is_file():
        raise _err(path, f"inputs.{key}.file", t("ingest.config.file_not_found", file=file),
                   t("ingest.config.file_not_found_hint"))
    codebook = None
    if data.get("codebook"):
        codebook = (raw_dir / str(data["codebook"])).resolve()
        if not codebook.is_file():
            raise _err(path, f"inputs.{key}.codebook", t("ingest.config.codebook_not_found", file=codebook),
                       t("ingest.config.codebook_not_found_hint"))
    for opt in ("sep", "decimal", "encoding", "thousands"):
        _typed(path, f"inputs.{key}.{opt}", data.get(opt), str, "text")
    if data.get("decimal") not in (None, ".", ","):
        raise _err(path, f"inputs.{key}.decimal", t("ingest.config.bad_decimal", value=repr(data["decimal"])))
    if data.get("encoding"):
        import codecs

        try:
            codecs.lookup(data["encoding"])
        except LookupError:
            raise _err(path, f"inputs.{key}.encoding", t("ingest.config.unknown_encoding", value=repr(data["encoding"])),
                       t("ingest.config.encoding_hint")) from None
    _typed(path, f"inputs.{key}.sheet", data.get("sheet"), (str, int), "sheet")
    header_row = _typed(path, f"inputs.{key}.header_row", data.get("header_row"), int, "int_min1")
    if header_row is not None and header_row < 1:
        raise _err(path, f"inputs.{key}.header_row", t("ingest.config.header_row_min", value=header_row))
    return InputSpec(key=key, file=file, codebook=codebook, sep=data.get("sep"),
                     decimal=data.get("decimal"), encoding=data.get("encoding"),
                     sheet=data.get("sheet"), header_row=header_row, thousands=data.get("thousands"))


def _freeze(value: Any) -> Any:
    if isinstance(value, Mapping):
        return MappingProxyType({k: _freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


def load_study(path: str | Path) -> StudyConfig:
    """Read and validate a ``studi.yaml``.

    Parameters
    ----------
    path : str or Path
        The configuration file; relative file names inside it are relative to
        its folder.

    Returns
    -------
    StudyConfig

    Raises
    ------
    ConfigError
        Naming the key for unknown keys, wrong types and missing files.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     d = Path(tmp)
    ...     _ = (d / "roster.csv").write_text("NIP,Nama\\n", encoding="utf-8")
    ...     _ = (d / "studi.yaml").write_text(
    ...         "study: {year: 2026, region: Kemuning}\\n"
    ...         "inputs: {roster: roster.csv}\\n"
    ...         "nip: {mode: pns}\\n", encoding="utf-8")
    ...     cfg = load_study(d / "studi.yaml")
    ...     _ = (d / "studi.yaml").write_text(
    ...         "study: {year: 2026}\\ninputs: {roster: roster.csv}\\n"
    ...         "duplicates: {rule: keep_best}\\n", encoding="utf-8")
    ...     try:
    ...         load_study(d / "studi.yaml")
    ...     except ConfigError as exc:
    ...         bad = exc.hint
    >>> cfg.study.region, cfg.inputs["roster"].file.name, cfg.nip.mode
    ('Kemuning', 'roster.csv', 'pns')
    >>> "keep_latest_complete" in bad
    True
    """
    path = Path(path).resolve()
    if not path.is_file():
        raise ConfigError(t("ingest.config.not_found", path=path), file=str(path),
                          hint=t("ingest.config.not_found_hint"))
    try:
        data = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ConfigError(t("ingest.config.bad_yaml"), file=str(path),
                          row=(mark.line + 1) if mark else None,
                          hint=str(getattr(exc, "problem", exc))) from None
    data = _mapping(path, "(root)", data)
    _check_keys(path, "", data, _TOP_KEYS)
    raw_dir = path.parent

    study = _mapping(path, "study", data.get("study"))
    _check_keys(path, "study", study, _STUDY_KEYS)
    year = _typed(path, "study.year", study.get("year"), int, "year")
    if year is None:
        raise _err(path, "study.year", t("ingest.config.year_required"))
    for key in ("population_asn", "previous_year"):
        _typed(path, f"study.{key}", study.get(key), int, "int")
    _typed(path, "study.synthetic", study.get("synthetic"), bool, "bool")
    info = StudyInfo(year=year, region=str(study.get("region") or ""),
                     agency=str(study.get("agency") or ""),
                     synthetic=bool(study.get("synthetic", False)),
                     population_asn=study.get("population_asn"),
                     previous_year=study.get("previous_year"),
                     title=str(study.get("title") or ""))

    inputs_raw = _mapping(path, "inputs", data.get("inputs"))
    if not inputs_raw:
        raise _err(path, "inputs", t("ingest.config.no_inputs"), t("ingest.config.no_inputs_hint"))
    _check_keys(path, "inputs", inputs_raw, INSTRUMENTS)
    inputs = {k: _input(path, raw_dir, k, v) for k, v in inputs_raw.items()}

    priv = _mapping(path, "privacy", data.get("privacy"))
    _check_keys(path, "privacy", priv, _PRIVACY_KEYS)
    mgs = _typed(path, "privacy.min_group_size", priv.get("min_group_size", 5), int, "int_min1")
    if mgs < 1:
        raise _err(path, "privacy.min_group_size", t("ingest.config.min_value", low=1, value=mgs))
    privacy = PrivacyConfig(
        key_env=str(_typed(path, "privacy.key_env", priv.get("key_env"), str, "text") or DEFAULT_KEY_ENV),
        key_file=str(_typed(path, "privacy.key_file", priv.get("key_file"), str, "text") or DEFAULT_KEY_FILE),
        min_group_size=mgs,
    )

    dup = _mapping(path, "duplicates", data.get("duplicates"))
    _check_keys(path, "duplicates", dup, _DUP_KEYS)
    rule = dup.get("rule", "keep_latest_complete")
    if rule not in DUPLICATE_RULES:
        raise _err(path, "duplicates.rule", t("ingest.config.unknown_rule", value=repr(rule)),
                   t("ingest.config.choose_one", choices=", ".join(DUPLICATE_RULES)))
    res_name = _typed(path, "duplicates.resolution_file", dup.get("resolution_file"), str, "file_name")
    resolution = (raw_dir / (res_name or f"resolusi-duplikat-{year}.csv")).resolve()
    duplicates = DuplicatesConfig(rule=rule, resolution_file=resolution)

    nip = _mapping(path, "nip", data.get("nip"))
    _check_keys(path, "nip", nip, _NIP_KEYS)
    mode = nip.get("mode", "auto")
    if mode not in NIP_MODES:
        raise _err(path, "nip.mode", t("ingest.config.unknown_mode", value=repr(mode)),
                   t("ingest.config.choose_one", choices=", ".join(NIP_MODES)))
    codes = nip.get("pppk_codes")
    if codes is not None:
        if not isinstance(codes, list) or not codes:
            raise _err(path, "nip.pppk_codes", t("ingest.config.pppk_codes_list", value=repr(codes)))
        codes = tuple(f"{int(c):02d}" if str(c).isdigit() else str(c) for c in codes)
        bad = [c for c in codes if not (len(c) == 2 and c.isdigit())]
        if bad:
            raise _err(path, "nip.pppk_codes", t("ingest.config.pppk_codes_digits", codes=bad))
    age = _typed(path, "nip.min_appointment_age", nip.get("min_appointment_age", 18), int, "int")
    nip_cfg = NipConfig(mode=mode, pppk_codes=codes, min_appointment_age=age)

    scoring = _mapping(path, "scoring", data.get("scoring"))
    report = _mapping(path, "report", data.get("report"))
    if "lang" in report and report["lang"] not in ("id", "en"):
        raise _err(path, "report.lang", t("ingest.config.unknown_lang", value=repr(report["lang"])),
                   t("ingest.config.choose_lang"))
    themes = None
    if data.get("themes"):
        themes = (raw_dir / str(data["themes"])).resolve()
        if not themes.is_file():
            raise _err(path, "themes", t("ingest.config.themes_not_found", file=themes))
    return StudyConfig(path=path, raw_dir=raw_dir, study=info,
                       inputs=MappingProxyType(inputs), privacy=privacy,
                       duplicates=duplicates, nip=nip_cfg, scoring=_freeze(scoring),
                       themes=themes, report=_freeze(report),
                       outcomes=_freeze(_mapping(path, "outcomes", data.get("outcomes"))))


def default_study(year: int, *, paths: Any = None) -> StudyConfig:
    """Load ``data/raw/<year>/studi.yaml`` of the project.

    Parameters
    ----------
    year : int
        Study year.
    paths : ProjectPaths, optional
        Project paths (default: discovered from the current folder).

    Returns
    -------
    StudyConfig
        As :func:`load_study` returns it.

    Raises
    ------
    ConfigError
        If the file is missing or invalid.

    Examples
    --------
    >>> import tempfile
    >>> from kemuning_eval.paths import ProjectPaths
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     paths = ProjectPaths(Path(tmp))
    ...     paths.raw(2026).mkdir(parents=True)
    ...     _ = (paths.raw(2026) / "tes.csv").write_text("NIP;Nilai\\n", encoding="utf-8")
    ...     _ = paths.study_config(2026).write_text(
    ...         "study: {year: 2026}\\ninputs: {tests: tes.csv}\\n", encoding="utf-8")
    ...     default_study(2026, paths=paths).inputs["tests"].file.name
    'tes.csv'
    """
    from kemuning_eval.paths import ProjectPaths

    paths = paths or ProjectPaths.discover()
    return load_study(paths.study_config(year))
