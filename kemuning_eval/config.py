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

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from kemuning_eval.errors import ConfigError
from kemuning_eval.i18n import t
from kemuning_eval.periods import period_start

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
#: the person's decisions on individual duplicates (``duplicates.resolution_file``), by study year
DEFAULT_RESOLUTION_FILE = "resolusi-duplikat-{year}.csv"
#: the smallest publishable group (``privacy.min_group_size``)
DEFAULT_MIN_GROUP_SIZE = 5

#: Defaults of the open sections, each held here once; ``StudyConfig.setting`` reads them.
DEFAULTS: Mapping[str, Mapping[str, Any]] = MappingProxyType({
    "scoring": MappingProxyType({
        "likert_cutoffs": None,             # None = stats.likert.DEFAULT_CUTOFFS
        "pass_mark_default": 70.0,          # a programme's pass mark when the programme table has none
        "completion_min_attendance": 80.0,  # completed = attendance >= this (%), without a `completed` column
        "jp_target": 20.0,                  # JP per ASN per year (PP 11/2017 jo. PP 17/2020)
    }),
})
#: Thresholds of the report's challenge and recommendation rules (``report.rules``).
REPORT_RULE_DEFAULTS: Mapping[str, Any] = MappingProxyType({
    "low_dimension_mean": 3.41,
    "outdated_material_share": 0.20,
    "outdated_material_theme": "materi_usang",
    "theme_share_min": 0.20,                # a theme raised by this share of excerpts/suggestions backs a challenge
    "demand_ratio": 1.20,
    "applying_share_min": 0.60,
    "behavior_effect_min": 0.20,
    "ikm_nrr_min": 3.0644,
    "ikm_priority_high_converted": 70.80,  # midpoint of IKM grade C, (65.00 + 76.60) / 2
    "gain_min": 0.30,
    "mix_share": 0.50,   # a year-on-year change whose programme-mix component is at least this share is "mix"
    "roi_min": 0.0,
    "alpha": 0.05,
    "roi_sensitivity_share": 0.20,          # attribution and confidence moved by +/- this share of themselves
    "breakeven_halfwidth": 0.05,            # a BCR within this of 1 is "impas" (break-even)
    "seats_full_tolerance": 0.02,           # seats are full when participants >= capacity x (1 - this)
    "budget_limit_theme": "anggaran_terbatas",  # interview theme naming funding as the limit
    "budget_limit_theme_share": 0.20,       # ... in at least this share of the excerpts
    "budget_limit_theme_min_count": 5,      # ... and at least this many excerpts
})
#: Allowed (inclusive) range of each numeric rule threshold; ``None`` leaves a side open.
#: ``alpha`` must lie strictly inside (0, 1).
REPORT_RULE_RANGES: Mapping[str, tuple[float | None, float | None]] = MappingProxyType({
    "low_dimension_mean": (1.0, 5.0),       # a mean on the 1-5 Likert scale
    "outdated_material_share": (0.0, 1.0),
    "theme_share_min": (0.0, 1.0),
    "demand_ratio": (0.0, None),
    "applying_share_min": (0.0, 1.0),
    "behavior_effect_min": (0.0, None),
    "ikm_nrr_min": (1.0, 4.0),              # an NRR on the 1-4 IKM scale
    "ikm_priority_high_converted": (25.0, 100.0),  # a converted IKM value
    "gain_min": (None, 1.0),                # Hake's g is at most 1
    "roi_min": (None, None),
    "alpha": (0.0, 1.0),
    "roi_sensitivity_share": (0.0, 1.0),
    "breakeven_halfwidth": (0.0, 1.0),
    "seats_full_tolerance": (0.0, 1.0),
    "budget_limit_theme_share": (0.0, 1.0),
    "budget_limit_theme_min_count": (0.0, None),
    "mix_share": (0.0, 1.0),
})

#: Whether a higher value of a unit outcome is better (``outcomes.higher_is_better``), per known outcome.
#: budget_ratio (realisasi / pagu): true. In local government the ratio is read as budget absorption
#: (penyerapan), where a low ratio usually means poor execution of the planned activities (docs/domain.md,
#: section 8); an agency that reads a lower ratio as savings for the same output sets it to false.
#: on_time (share of activities completed on time) and service_satisfaction (the unit's service index): true.
#: An outcome not listed here is taken as higher is better unless studi.yaml says otherwise.
OUTCOME_HIGHER_IS_BETTER: Mapping[str, bool] = MappingProxyType({
    "budget_ratio": True,
    "on_time": True,
    "service_satisfaction": True,
})
DEFAULT_HIGHER_IS_BETTER: bool = True


#: The nine IKM elements of PermenPANRB 14/2017, in the regulation's order, with the defaults of
#: their follow-up plan (``report.follow_up.<element>``): the unit responsible (``owner``, a code
#: worded by ``catalogue/report_follow_up.yaml``) and the deadline as a quarter of the year after the
#: study (``quarter``).  The action's default text is ``report.follow_up.action.<element>``.
IKM_ELEMENTS: Mapping[str, Mapping[str, Any]] = MappingProxyType({
    "persyaratan": MappingProxyType({"owner": "penyelenggaraan", "quarter": 2}),
    "prosedur": MappingProxyType({"owner": "penyelenggaraan", "quarter": 2}),
    "waktu": MappingProxyType({"owner": "penyelenggaraan", "quarter": 1}),
    "biaya": MappingProxyType({"owner": "sekretariat", "quarter": 2}),
    "produk": MappingProxyType({"owner": "kurikulum", "quarter": 2}),
    "kompetensi": MappingProxyType({"owner": "widyaiswara", "quarter": 2}),
    "perilaku": MappingProxyType({"owner": "widyaiswara", "quarter": 2}),
    "pengaduan": MappingProxyType({"owner": "sekretariat", "quarter": 1}),
    "sarana": MappingProxyType({"owner": "sekretariat", "quarter": 1}),
})
#: The keys of one element's follow-up in ``report.follow_up``.
FOLLOW_UP_KEYS = ("action", "deadline", "owner")
#: Units a recommendation can be addressed to (``report.recommendations.<id>.owner``); the report
#: names them from the catalogue (``recs.owner.<code>``); any other non-empty text is shown as written.
RECOMMENDATION_OWNERS = ("penyelenggaraan", "widyaiswara", "bkpsdm", "perangkat_daerah", "perencanaan_keuangan")
#: Indicators a recommendation can be measured by: metric path -> (display format, higher is better).
#: ``*`` stands for one list item, named by its code (a dimension, an IKM element, a programme, a theme):
#: a configured indicator names it (``reaction.ikm.elements.kompetensi.nrr``); a default takes the item of the
#: evidence the recommendation answers.
RECOMMENDATION_INDICATORS: Mapping[str, tuple[str, bool]] = MappingProxyType({
    "reaction.mean_overall": ("num2", True),
    "reaction.dimensions.*.mean": ("num2", True),
    "reaction.response_rate": ("pct1", True),
    "reaction.ikm.converted": ("num2", True),
    "reaction.ikm.elements.*.nrr": ("num2", True),
    "reaction.facilitator_report.rows.*.weakest_mean": ("num2", True),
    # a rule that fired for programmes only is measured on the programme's cell of the decision table
    "program_table.rows.*.reaction.basis": ("num2", True),
    "program_table.rows.*.gain.value": ("num2", True),
    "program_table.rows.*.applying.value": ("pct1", True),
    "program_table.rows.*.ikm.basis": ("num2", True),
    "learning.overall.gain_class": ("num2", True),
    "learning.overall.estimate": ("num2", True),
    "learning.overall.pass_post": ("pct1", True),
    "learning.by_program.*.gain_class": ("num2", True),
    "behavior.applying.share": ("pct1", True),
    "behavior.applying_by_program.*.share": ("pct1", True),
    "behavior.change.dz": ("num2", True),
    "cost.bcr": ("num2", True),
    "cost.roi_pct": ("num1", True),
    "cost.cost_per_participant": ("rupiah", False),
    "study.demand_ratio": ("num2", False),
    "study.share_not_admitted": ("pct1", False),
    "study.completion_rate": ("pct1", True),
    "qualitative.themes.*.share": ("pct1", False),
})
_RECOMMENDATION_KEYS = ("owner", "indicator", "target", "deadline")
_RULE = REPORT_RULE_DEFAULTS
#: Default addressee, indicator, target and deadline of each recommendation (``rules.RECOMMENDATIONS``),
#: overridable per id in ``report.recommendations``.  A default deadline is a term of the year after
#: the study (``S1``/``S2`` semester, ``Q1``-``Q4`` quarter); a configured one is a period label
#: (``2027-S2``, ``2027-Q3``, ``2027-06``) or an ISO date.  The targets are the rules' own thresholds,
#: so reaching a target ends the challenge that fired the recommendation.  An indicator whose ``*``
#: no evidence of the recommendation fills falls back to the first evidence that is an indicator
#: (the curriculum recommendation fired by a weak "materi" dimension is measured by that dimension).
RECOMMENDATION_DEFAULTS: Mapping[str, Mapping[str, Any]] = MappingProxyType({
    rid: MappingProxyType(dict(zip(_RECOMMENDATION_KEYS, spec, strict=True))) for rid, spec in {
        "flexible_curriculum": ("penyelenggaraan", "qualitative.themes.*.share", _RULE["outdated_material_share"], "S1"),
        "partnerships": ("bkpsdm", "study.demand_ratio", _RULE["demand_ratio"], "S2"),
        "improve_dimension": ("penyelenggaraan", "reaction.dimensions.*.mean", _RULE["low_dimension_mean"], "S1"),
        "ikm_followup": ("penyelenggaraan", "reaction.ikm.elements.*.nrr", _RULE["ikm_nrr_min"], "S1"),
        "teaching_methods": ("widyaiswara", "learning.overall.gain_class", _RULE["gain_min"], "S2"),
        "facilitator_development": ("widyaiswara", "reaction.facilitator_report.rows.*.weakest_mean",
                                    _RULE["low_dimension_mean"], "S2"),
        "transfer_support": ("perangkat_daerah", "behavior.applying.share", _RULE["applying_share_min"], "S2"),
        # BCR 1 + roi_min / 100 is the ROI rule's boundary
        "cost_review": ("perencanaan_keuangan", "cost.bcr", 1.0 + _RULE["roi_min"] / 100.0, "S2"),
        "regular_evaluation": ("penyelenggaraan", "reaction.response_rate", 0.80, "S2"),
    }.items()
})
#: The report's front matter (``report.front_matter``): ``title`` of the cover (None: the catalogue's
#: report title), ``logo`` (an image file relative to ``data/raw/<year>``, embedded in the page; None:
#: no logo), ``foreword`` (the kata pengantar, a list of paragraphs; None: the catalogue's text),
#: ``signatories`` (the lembar pengesahan's positions, top to bottom) and ``team`` (the tim penyusun:
#: each role with its members' names; no name: a blank line to fill in).  A role or position that is
#: a code of :data:`FRONT_ROLES` is worded by the catalogue (``front.role.<code>``); other text is shown
#: as written.
FRONT_ROLES = ("head_of_agency", "head_of_division", "responsible", "coordinator", "analyst", "member")
FRONT_MATTER_DEFAULTS: Mapping[str, Any] = MappingProxyType({
    "title": None,
    "logo": None,
    "foreword": None,
    "signatories": ("head_of_agency", "head_of_division"),
    "team": tuple(MappingProxyType({"role": role, "names": ()})
                  for role in ("responsible", "coordinator", "analyst", "member")),
})
#: Image types a cover logo may have: the file's first bytes -> its media type.
LOGO_TYPES: Mapping[bytes, str] = MappingProxyType({
    b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg", b"<svg": "image/svg+xml",
    b"<?xml": "image/svg+xml"})

#: A last year's recommendation whose indicator closed at least this share of the gap between last
#: year's value and its target (without reaching it) was carried out in part (``findings.followup``).
FOLLOWUP_PARTLY_SHARE: float = 0.5

#: The defaults other modules read (each an alias of the one value above, never a copy).
DEFAULT_ALPHA: float = REPORT_RULE_DEFAULTS["alpha"]
DEFAULT_PASS_MARK: float = DEFAULTS["scoring"]["pass_mark_default"]
DEFAULT_JP_TARGET: float = DEFAULTS["scoring"]["jp_target"]
DEFAULT_COMPLETION_MIN_ATTENDANCE: float = DEFAULTS["scoring"]["completion_min_attendance"]

def higher_is_better(outcome: str, configured: Mapping[str, bool] | None = None) -> bool:
    """Whether a higher value of ``outcome`` is better: ``outcomes.higher_is_better``, else the known default.

    Examples
    --------
    >>> higher_is_better("budget_ratio"), higher_is_better("budget_ratio", {"budget_ratio": False})
    (True, False)
    >>> higher_is_better("complaints_per_month")
    True
    """
    given = dict(configured or {})
    if outcome in given:
        return bool(given[outcome])
    return bool(OUTCOME_HIGHER_IS_BETTER.get(outcome, DEFAULT_HIGHER_IS_BETTER))


_TOP_KEYS = ("study", "inputs", "privacy", "duplicates", "nip", "scoring", "themes", "report",
             "outcomes", "linking")
_REPORT_KEYS = ("lang", "date", "legal_basis", "rules", "follow_up", "recommendations", "front_matter")
_OUTCOME_KEYS = ("first_post_period", "comparison", "higher_is_better")
_LINKING_KEYS = ("max_dropped_share",)
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
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE


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
class LinkingConfig:
    """Linking records to the roster: the largest share of an instrument's records it may drop.

    Parameters
    ----------
    max_dropped_share : float
        0-1; above it the run stops with the count and the likely cause.

    Examples
    --------
    >>> LinkingConfig().max_dropped_share
    0.2
    """

    max_dropped_share: float = 0.20


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
    linking: LinkingConfig = field(default_factory=LinkingConfig)

    def setting(self, section: str, key: str) -> Any:
        """The configured ``section.key`` (e.g. ``scoring.jp_target``), else its default in :data:`DEFAULTS`.

        Examples
        --------
        >>> d = Path("/data/raw/2026")
        >>> StudyConfig(path=d / "studi.yaml", raw_dir=d, study=StudyInfo(year=2026), inputs={},
        ...             scoring={"jp_target": 24}).setting("scoring", "jp_target")
        24
        """
        value = (getattr(self, section) or {}).get(key)
        return DEFAULTS[section][key] if value is None else value

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
    return ConfigError(t("ingest.config.at_key", message=message, key=repr(key)), file=path.name, hint=hint)


def _mapping(path: Path, key: str, value: Any) -> dict:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise _err(path, key, t("ingest.config.not_mapping", kind=type(value).__name__))
    return dict(value)


def _check_keys(path: Path, prefix: str, data: Mapping, allowed: tuple[str, ...] | Mapping) -> None:
    import difflib

    allowed = tuple(allowed)
    for key in data:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = (t("ingest.config.did_you_mean", name=repr(close[0])) if close
                    else t("ingest.config.known_keys", keys=", ".join(allowed)))
            name = f"{prefix}.{key}" if prefix else str(key)
            raise ConfigError(t("ingest.config.unknown_key", name=repr(name)), file=path.name, hint=hint)


def _typed(path: Path, key: str, value: Any, kind: type | tuple, expected: str) -> Any:
    """Return ``value`` if of ``kind``; ``expected`` is a key ``ingest.config.expect.<expected>``."""
    if value is None:
        return None
    if kind is int and isinstance(value, bool) or not isinstance(value, kind):
        raise _err(path, key, t("ingest.config.wrong_type", expected=t(f"ingest.config.expect.{expected}"),
                                 value=repr(value)))
    return value


def _number(path: Path, key: str, value: Any, low: float | None = None, high: float | None = None, *,
            example: Any = None) -> float | None:
    """A finite number within ``[low, high]`` (None stays None); booleans and text are refused.

    Every refusal names ``key`` and says what to enter (the range, or ``example``).
    """
    import math

    if value is None:
        return None
    hint = _range_hint(low, high, example)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise _err(path, key, t("ingest.config.wrong_type", expected=t("ingest.config.expect.number"),
                                 value=repr(value)), hint)
    if low is not None and high is not None and not low <= value <= high:
        raise _err(path, key, t("config.out_of_range", value=repr(value), low=low, high=high), hint)
    if low is not None and value < low:
        raise _err(path, key, t("ingest.config.min_value", low=low, value=repr(value)), hint)
    if high is not None and value > high:
        raise _err(path, key, t("config.max_value", high=high, value=repr(value)), hint)
    return float(value)


def _range_hint(low: float | None, high: float | None, example: Any = None) -> str | None:
    if low is not None and high is not None:
        return t("config.range_hint", low=low, high=high)
    if low is not None:
        return t("config.min_hint", low=low)
    return t("config.number_hint", example=example) if example is not None else None


def _integer(path: Path, key: str, value: Any, low: int, high: int | None = None) -> int | None:
    """A whole number within ``[low, high]`` (None stays None), the refusal naming ``key`` and the range."""
    number = _typed(path, key, value, int, "int")
    if number is not None:
        _number(path, key, number, low, high)
    return number


def _raw_path(path: Path, raw_dir: Path, key: str, value: Any) -> Path:
    """The configured file as an absolute path, *not* resolved (messages keep the configured name).

    A name inside the study folder must stay inside it after symlinks are
    followed; a file outside is read only when ``studi.yaml`` names it
    explicitly (an absolute path or one starting with ``..``).
    """
    text = str(value)
    file = Path(os.path.abspath(raw_dir / os.path.expanduser(text)))
    explicit = os.path.isabs(os.path.expanduser(text)) or not _inside(file, Path(os.path.abspath(raw_dir)))
    if not explicit and file.exists() and not _inside(file.resolve(), raw_dir.resolve()):
        raise _err(path, key, t("config.outside_raw", file=repr(text)), t("config.outside_raw_hint"))
    if file.is_dir():
        raise _err(path, key, t("config.is_dir", file=repr(text)), t("boundary.is_dir_hint"))
    if file.exists() and not file.is_file():
        raise _err(path, key, t("config.not_regular", file=repr(text)), t("boundary.is_dir_hint"))
    return file


def _inside(file: Path, folder: Path) -> bool:
    return file == folder or folder in file.parents


def _input(path: Path, raw_dir: Path, key: str, value: Any) -> InputSpec:
    if isinstance(value, str):
        value = {"file": value}
    data = _mapping(path, f"inputs.{key}", value)
    _check_keys(path, f"inputs.{key}", data, _INPUT_KEYS)
    if not data.get("file"):
        raise _err(path, f"inputs.{key}.file", t("ingest.config.file_required"))
    _typed(path, f"inputs.{key}.file", data["file"], str, "file_name")
    file = _raw_path(path, raw_dir, f"inputs.{key}.file", data["file"])
    if not file.is_file():
        raise _err(path, f"inputs.{key}.file", t("ingest.config.file_not_found", file=data["file"]),
                   t("ingest.config.file_not_found_hint"))
    codebook = None
    if data.get("codebook"):
        _typed(path, f"inputs.{key}.codebook", data["codebook"], str, "file_name")
        codebook = _raw_path(path, raw_dir, f"inputs.{key}.codebook", data["codebook"])
        if not codebook.is_file():
            raise _err(path, f"inputs.{key}.codebook", t("ingest.config.codebook_not_found", file=data["codebook"]),
                       t("ingest.config.codebook_not_found_hint"))
    _reader_options(path, key, data)
    return InputSpec(key=key, file=file, codebook=codebook, sep=data.get("sep"),
                     decimal=data.get("decimal"), encoding=data.get("encoding"),
                     sheet=data.get("sheet"), header_row=data.get("header_row"), thousands=data.get("thousands"))


def _reader_options(path: Path, key: str, data: Mapping) -> None:
    """Check ``sep``, ``decimal``, ``encoding``, ``thousands``, ``sheet`` and ``header_row``."""
    for opt in ("sep", "decimal", "encoding", "thousands"):
        _typed(path, f"inputs.{key}.{opt}", data.get(opt), str, "text")
    if data.get("sep") is not None and len(data["sep"]) != 1:
        raise _err(path, f"inputs.{key}.sep", t("config.bad_sep", value=repr(data["sep"])))
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


def _freeze(value: Any) -> Any:
    if isinstance(value, Mapping):
        return MappingProxyType({k: _freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


def _read_document(path: Path) -> dict:
    """``studi.yaml`` as a mapping: UTF-8, no repeated key, no alias bomb (:mod:`kemuning_eval.yamlsafe`)."""
    from kemuning_eval.boundary import guard
    from kemuning_eval.yamlsafe import read_yaml

    if path.is_dir():
        raise ConfigError(t("config.is_dir", file=repr(path.name)), file=str(path), hint=t("boundary.is_dir_hint"))
    if not path.is_file():
        raise ConfigError(t("ingest.config.not_found", path=path), file=str(path),
                          hint=t("ingest.config.not_found_hint"))
    data = guard(read_yaml, path, source=path.name, file=path.name)
    data = _mapping(path, "(root)", data)
    _check_keys(path, "", data, _TOP_KEYS)
    return data


def _study_info(path: Path, raw_dir: Path, data: Mapping) -> StudyInfo:
    study = _mapping(path, "study", data.get("study"))
    _check_keys(path, "study", study, _STUDY_KEYS)
    year = _typed(path, "study.year", study.get("year"), int, "year")
    if year is None:
        raise _err(path, "study.year", t("ingest.config.year_required"))
    folder = raw_dir.name
    if len(folder) == 4 and folder.isdigit() and int(folder) != year:
        raise _err(path, "study.year", t("config.year_folder", year=year, folder=folder),
                   t("config.year_folder_hint", folder=folder))
    _integer(path, "study.population_asn", study.get("population_asn"), 1)
    previous = _typed(path, "study.previous_year", study.get("previous_year"), int, "int")
    if previous is not None and previous >= year:
        raise _err(path, "study.previous_year", t("ingest.config.wrong_type", expected=f"< {year}",
                                                  value=repr(previous)),
                   t("config.previous_year_hint", year=year))
    _typed(path, "study.synthetic", study.get("synthetic"), bool, "bool")
    for key in ("region", "agency", "title"):
        _typed(path, f"study.{key}", study.get(key), str, "text")
    return StudyInfo(year=year, region=str(study.get("region") or ""),
                     agency=str(study.get("agency") or ""),
                     synthetic=bool(study.get("synthetic", False)),
                     population_asn=study.get("population_asn"),
                     previous_year=study.get("previous_year"),
                     title=str(study.get("title") or ""))


def _privacy(path: Path, data: Mapping) -> PrivacyConfig:
    priv = _mapping(path, "privacy", data.get("privacy"))
    _check_keys(path, "privacy", priv, _PRIVACY_KEYS)
    mgs = _integer(path, "privacy.min_group_size", priv.get("min_group_size", PrivacyConfig.min_group_size), 1)
    return PrivacyConfig(
        key_env=str(_typed(path, "privacy.key_env", priv.get("key_env"), str, "text") or PrivacyConfig.key_env),
        key_file=str(_typed(path, "privacy.key_file", priv.get("key_file"), str, "text") or PrivacyConfig.key_file),
        min_group_size=mgs,
    )


def _duplicates(path: Path, raw_dir: Path, data: Mapping, year: int) -> DuplicatesConfig:
    dup = _mapping(path, "duplicates", data.get("duplicates"))
    _check_keys(path, "duplicates", dup, _DUP_KEYS)
    rule = dup.get("rule", DuplicatesConfig.rule)
    if rule not in DUPLICATE_RULES:
        raise _err(path, "duplicates.rule", t("ingest.config.unknown_rule", value=repr(rule)),
                   t("ingest.config.choose_one", choices=", ".join(DUPLICATE_RULES)))
    res_name = _typed(path, "duplicates.resolution_file", dup.get("resolution_file"), str, "file_name")
    resolution = _raw_path(path, raw_dir, "duplicates.resolution_file",
                           res_name or DEFAULT_RESOLUTION_FILE.format(year=year))
    return DuplicatesConfig(rule=rule, resolution_file=resolution)


def _nip(path: Path, data: Mapping) -> NipConfig:
    nip = _mapping(path, "nip", data.get("nip"))
    _check_keys(path, "nip", nip, _NIP_KEYS)
    mode = nip.get("mode", NipConfig.mode)
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
    age = _integer(path, "nip.min_appointment_age", nip.get("min_appointment_age", NipConfig.min_appointment_age),
                   1, 100)
    return NipConfig(mode=mode, pppk_codes=codes, min_appointment_age=age)


def _scoring(path: Path, data: Mapping) -> dict:
    """``scoring:`` with every key known and typed, defaults from :data:`DEFAULTS` filled in."""
    scoring = _mapping(path, "scoring", data.get("scoring"))
    _check_keys(path, "scoring", scoring, DEFAULTS["scoring"])
    out = dict(DEFAULTS["scoring"])
    for key in ("pass_mark_default", "completion_min_attendance"):
        if scoring.get(key) is not None:
            out[key] = _number(path, f"scoring.{key}", scoring[key], 0, 100)
    if scoring.get("jp_target") is not None:
        out["jp_target"] = _number(path, "scoring.jp_target", scoring["jp_target"], 0)
    cutoffs = scoring.get("likert_cutoffs")
    if cutoffs is not None:
        cutoffs = _mapping(path, "scoring.likert_cutoffs", cutoffs)
        if not cutoffs:
            raise _err(path, "scoring.likert_cutoffs", t("config.cutoffs_empty"))
        out["likert_cutoffs"] = {str(label): _number(path, f"scoring.likert_cutoffs.{label}", low, 1, 5)
                                 for label, low in cutoffs.items()}
    return out


def _report(path: Path, data: Mapping, raw_dir: Path | None = None) -> dict:
    """``report:`` with every key known and typed (``rules`` against :data:`REPORT_RULE_DEFAULTS`)."""
    import datetime as dt

    report = _mapping(path, "report", data.get("report"))
    _check_keys(path, "report", report, _REPORT_KEYS)
    if "lang" in report and report["lang"] not in ("id", "en"):
        raise _err(path, "report.lang", t("ingest.config.unknown_lang", value=repr(report["lang"])),
                   t("ingest.config.choose_lang"))
    if isinstance(report.get("date"), dt.date):  # YAML reads an unquoted 2026-12-15 as a date
        report["date"] = report["date"].isoformat()[:10]
    if report.get("date") is not None:
        try:
            dt.date.fromisoformat(_typed(path, "report.date", report["date"], str, "date"))
        except ValueError:
            raise _err(path, "report.date", t("config.bad_date", value=repr(report["date"]))) from None
    legal = report.get("legal_basis")
    if legal is not None and (not isinstance(legal, list) or not all(isinstance(x, str) for x in legal)):
        raise _err(path, "report.legal_basis", t("config.text_list", value=repr(legal)))
    if "rules" in report:
        report["rules"] = _rules(path, report["rules"])
    if "follow_up" in report:
        report["follow_up"] = _follow_up(path, report["follow_up"])
    if "recommendations" in report:
        report["recommendations"] = _recommendations(path, report["recommendations"])
    report["front_matter"] = _front_matter(path, raw_dir or path.parent, report.get("front_matter"))
    return report


def _text_or_none(path: Path, key: str, value: Any) -> str | None:
    """A non-empty text, or None when not given; anything else is refused naming ``key``."""
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _err(path, key, t("ingest.config.wrong_type", expected=t("ingest.config.expect.text"),
                                 value=repr(value)))
    return value.strip()


def _text_list(path: Path, key: str, value: Any) -> tuple[str, ...]:
    """A list of non-empty texts (a single text is one item)."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list | tuple):
        raise _err(path, key, t("config.text_list", value=repr(value)))
    return tuple(_text_or_none(path, f"{key}.{i}", item) or "" for i, item in enumerate(items))


def _front_matter(path: Path, raw_dir: Path, value: Any) -> dict:
    """``report.front_matter`` with every key of :data:`FRONT_MATTER_DEFAULTS`, typed; the logo's type checked."""
    given = _mapping(path, "report.front_matter", value)
    _check_keys(path, "report.front_matter", given, FRONT_MATTER_DEFAULTS)
    out = dict(FRONT_MATTER_DEFAULTS)
    out["title"] = _text_or_none(path, "report.front_matter.title", given.get("title"))
    if given.get("foreword") is not None:
        out["foreword"] = _text_list(path, "report.front_matter.foreword", given["foreword"])
    if given.get("signatories") is not None:
        out["signatories"] = _text_list(path, "report.front_matter.signatories", given["signatories"])
    if given.get("team") is not None:
        out["team"] = _team(path, given["team"])
    if given.get("logo") is not None:
        out["logo"] = _logo(path, raw_dir, _text_or_none(path, "report.front_matter.logo", given["logo"]))
    return out


def _team(path: Path, value: Any) -> tuple[Mapping[str, Any], ...]:
    """``report.front_matter.team``: a list of ``{role: text, names: [text, ...]}``."""
    if not isinstance(value, list):
        raise _err(path, "report.front_matter.team", t("front.config.team", value=repr(value)),
                   t("front.config.team_hint"))
    team = []
    for i, entry in enumerate(value):
        key = f"report.front_matter.team.{i}"
        if not isinstance(entry, Mapping):
            raise _err(path, key, t("front.config.team", value=repr(entry)), t("front.config.team_hint"))
        _check_keys(path, key, entry, ("role", "names"))
        role = _text_or_none(path, f"{key}.role", entry.get("role"))
        if role is None:
            raise _err(path, f"{key}.role", t("front.config.team", value=repr(entry)), t("front.config.team_hint"))
        names = _text_list(path, f"{key}.names", entry.get("names") or [])
        team.append(MappingProxyType({"role": role, "names": names}))
    return tuple(team)


def _logo(path: Path, raw_dir: Path, name: str | None) -> Path:
    """The cover logo's file (relative to the study folder), refused unless a PNG, JPEG or SVG image."""
    key = "report.front_matter.logo"
    file = _raw_path(path, raw_dir, key, name)
    if not file.is_file():
        raise _err(path, key, t("front.config.logo_missing", file=repr(name)))
    with file.open("rb") as fh:
        head = fh.read(256).lstrip()
    if logo_type(head) is None:
        raise _err(path, key, t("front.config.logo_type", file=repr(name)), t("front.config.logo_hint"))
    return file


def logo_type(head: bytes) -> str | None:
    """The media type of an image from its first bytes (:data:`LOGO_TYPES`), or None.

    Examples
    --------
    >>> logo_type(b"\\x89PNG\\r\\n\\x1a\\n...."), logo_type(b"GIF89a")
    ('image/png', None)
    """
    head = head.lstrip()
    return next((kind for magic, kind in LOGO_TYPES.items() if head.startswith(magic)), None)


def _follow_up(path: Path, value: Any) -> dict:
    """``report.follow_up``: per IKM element (:data:`IKM_ELEMENTS`) its action, deadline (a date) and owner (text).

    An empty value keeps the default; the deadline is an ISO date (YAML may read it as a date).
    """
    import datetime as dt

    follow = _mapping(path, "report.follow_up", value)
    _check_keys(path, "report.follow_up", follow, IKM_ELEMENTS)
    out: dict[str, dict] = {}
    for element, given in follow.items():
        prefix = f"report.follow_up.{element}"
        entry = _mapping(path, prefix, given)
        _check_keys(path, prefix, entry, FOLLOW_UP_KEYS)
        kept = {}
        for key, text in entry.items():
            if isinstance(text, dt.date):
                text = text.isoformat()[:10]
            if text is None or (isinstance(text, str) and not text.strip()):
                continue
            if not isinstance(text, str):
                raise _err(path, f"{prefix}.{key}", t("ingest.config.wrong_type", value=repr(text),
                                                      expected=t("ingest.config.expect.text")),
                           t("config.follow_up.hint"))
            kept[key] = text.strip()
        if "deadline" in kept:
            try:
                dt.date.fromisoformat(kept["deadline"])
            except ValueError:
                raise _err(path, f"{prefix}.deadline", t("config.bad_date", value=repr(kept["deadline"])),
                           t("config.follow_up.deadline_hint")) from None
        out[element] = kept
    return out


def indicator_pattern(indicator: str) -> str | None:
    """The pattern of :data:`RECOMMENDATION_INDICATORS` a metric path matches (``*``: one item code), or None.

    Examples
    --------
    >>> indicator_pattern("reaction.ikm.elements.kompetensi.nrr"), indicator_pattern("cost.bcr")
    ('reaction.ikm.elements.*.nrr', 'cost.bcr')
    >>> print(indicator_pattern("cost.bcr.x"))
    None
    """
    parts = str(indicator).split(".")
    for pattern in RECOMMENDATION_INDICATORS:
        known = pattern.split(".")
        if len(known) == len(parts) and all(k in ("*", p) and p for k, p in zip(known, parts, strict=True)):
            return pattern
    return None


def _deadline_ok(value: Any) -> bool:
    import datetime as dt

    if isinstance(value, dt.date):
        return True
    if not isinstance(value, str):
        return False
    try:
        dt.date.fromisoformat(value)
        return True
    except ValueError:
        return period_start(value) is not None


def _recommendations(path: Path, value: Any) -> dict:
    """``report.recommendations.<id>.{owner, indicator, target, deadline}``, each checked against its defaults."""
    recs = _mapping(path, "report.recommendations", value)
    _check_keys(path, "report.recommendations", recs, RECOMMENDATION_DEFAULTS)
    out = {}
    for rid, given in recs.items():
        prefix = f"report.recommendations.{rid}"
        entry = _mapping(path, prefix, given)
        _check_keys(path, prefix, entry, _RECOMMENDATION_KEYS)
        owner = entry.get("owner")
        if owner is not None and (not isinstance(owner, str) or not owner.strip()):
            raise _err(path, f"{prefix}.owner", t("recs.config.owner", value=repr(owner)),
                       t("recs.config.owner_hint", codes=", ".join(RECOMMENDATION_OWNERS)))
        indicator = entry.get("indicator")
        if indicator is not None and (not isinstance(indicator, str) or indicator_pattern(indicator) is None):
            raise _err(path, f"{prefix}.indicator", t("recs.config.indicator", value=repr(indicator)),
                       t("recs.config.indicator_hint", paths=", ".join(RECOMMENDATION_INDICATORS)))
        if entry.get("target") is not None:
            entry["target"] = _number(path, f"{prefix}.target", entry["target"],
                                      example=RECOMMENDATION_DEFAULTS[rid]["target"])
        deadline = entry.get("deadline")
        if deadline is not None and not _deadline_ok(deadline):
            raise _err(path, f"{prefix}.deadline", t("recs.config.deadline", value=repr(deadline)),
                       t("recs.config.deadline_hint"))
        if deadline is not None:
            entry["deadline"] = str(deadline)[:10]
        out[rid] = {k: v for k, v in entry.items() if v is not None}
    return out


def _rules(path: Path, value: Any) -> dict:
    """``report.rules``: known threshold names, text for the theme, numbers in :data:`REPORT_RULE_RANGES`.

    The thresholds are checked here only; the report reads them as loaded.
    """
    rules = _mapping(path, "report.rules", value)
    _check_keys(path, "report.rules", rules, REPORT_RULE_DEFAULTS)
    for key, given in list(rules.items()):
        name = f"report.rules.{key}"
        if given is None:
            del rules[key]  # an empty key keeps the default
        elif isinstance(REPORT_RULE_DEFAULTS[key], str):
            if not isinstance(given, str) or not given.strip():
                raise _err(path, name, t("ingest.config.wrong_type", expected=t("ingest.config.expect.text"),
                                         value=repr(given)), t("config.rules.theme_hint"))
        else:
            low, high = REPORT_RULE_RANGES[key]
            rules[key] = _number(path, name, given, low, high, example=REPORT_RULE_DEFAULTS[key])
    alpha = rules.get("alpha")
    if alpha is not None and not 0 < alpha < 1:
        raise _err(path, "report.rules.alpha", t("config.open_interval", low=0, high=1, value=repr(alpha)),
                   t("config.number_hint", example=REPORT_RULE_DEFAULTS["alpha"]))
    return rules


def _outcomes(path: Path, data: Mapping) -> dict:
    outcomes = _mapping(path, "outcomes", data.get("outcomes"))
    _check_keys(path, "outcomes", outcomes, _OUTCOME_KEYS)
    for key in ("first_post_period", "comparison"):
        _typed(path, f"outcomes.{key}", outcomes.get(key), str, "text")
    if outcomes.get("higher_is_better") is not None:
        given = _mapping(path, "outcomes.higher_is_better", outcomes["higher_is_better"])
        for name, value in given.items():
            if not isinstance(value, bool):
                raise _err(path, f"outcomes.higher_is_better.{name}", t("ingest.config.wrong_type",
                           expected=t("ingest.config.expect.bool"), value=repr(value)),
                           t("config.outcomes.direction_hint"))
        outcomes["higher_is_better"] = {str(k): v for k, v in given.items()}
    first_post = outcomes.get("first_post_period")
    if first_post is not None and period_start(first_post) is None:
        # refused here, at load: ingestion would otherwise fall back to the programmes' end dates
        raise _err(path, "outcomes.first_post_period", t("config.period.unknown", value=repr(first_post)),
                   t("config.period.hint"))
    return outcomes


def _linking(path: Path, data: Mapping) -> LinkingConfig:
    linking = _mapping(path, "linking", data.get("linking"))
    _check_keys(path, "linking", linking, _LINKING_KEYS)
    share = linking.get("max_dropped_share", LinkingConfig.max_dropped_share)
    return LinkingConfig(max_dropped_share=_number(path, "linking.max_dropped_share", share, 0, 1))


def _themes(path: Path, raw_dir: Path, data: Mapping) -> Path | None:
    if not data.get("themes"):
        return None
    _typed(path, "themes", data["themes"], str, "file_name")
    themes = _raw_path(path, raw_dir, "themes", data["themes"])
    if not themes.is_file():
        raise _err(path, "themes", t("ingest.config.themes_not_found", file=data["themes"]))
    return themes


def load_study(path: str | Path) -> StudyConfig:
    """Read and validate a ``studi.yaml``.

    Every key must be known and every value typed (``scoring``, ``report``,
    ``outcomes`` and ``linking`` included); a repeated key and alias bombs
    are refused; ``study.year`` must equal the name of a ``<year>`` folder;
    files must lie inside the study folder unless named by an explicit outside
    path.  Paths are absolute but not resolved, so messages name the file as
    configured, never a symlink's target.

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
    ...     refused = []
    ...     for extra in ("duplicates: {rule: keep_best}", "scoring: {pass_mark_default: tujuh puluh}"):
    ...         _ = (d / "studi.yaml").write_text(
    ...             "study: {year: 2026}\\ninputs: {roster: roster.csv}\\n" + extra, encoding="utf-8")
    ...         try:
    ...             load_study(d / "studi.yaml")
    ...         except ConfigError as exc:
    ...             refused.append(str(exc))
    >>> cfg.study.region, cfg.inputs["roster"].file.name, cfg.nip.mode, cfg.setting("scoring", "pass_mark_default")
    ('Kemuning', 'roster.csv', 'pns', 70.0)
    >>> "keep_latest_complete" in refused[0], "scoring.pass_mark_default" in refused[1]
    (True, True)
    """
    path = Path(os.path.abspath(path))
    data = _read_document(path)
    raw_dir = path.parent
    info = _study_info(path, raw_dir, data)
    inputs_raw = _mapping(path, "inputs", data.get("inputs"))
    if not inputs_raw:
        raise _err(path, "inputs", t("ingest.config.no_inputs"), t("ingest.config.no_inputs_hint"))
    _check_keys(path, "inputs", inputs_raw, INSTRUMENTS)
    inputs = {k: _input(path, raw_dir, k, v) for k, v in inputs_raw.items()}
    return StudyConfig(path=path, raw_dir=raw_dir, study=info,
                       inputs=MappingProxyType(inputs), privacy=_privacy(path, data),
                       duplicates=_duplicates(path, raw_dir, data, info.year), nip=_nip(path, data),
                       scoring=_freeze(_scoring(path, data)), themes=_themes(path, raw_dir, data),
                       report=_freeze(_report(path, data, raw_dir)), outcomes=_freeze(_outcomes(path, data)),
                       linking=_linking(path, data))


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
