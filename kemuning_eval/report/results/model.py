"""Typed results model: every quantity ``compute_metrics`` produces.

One pydantic model per section of ``metrics.json``. Every model is frozen and
forbids unknown fields, so a mistyped field name fails loudly at construction.
The committed JSON Schema (``kemuning_eval/schema/metrics.schema.json``) is the
contract this model was derived from.

Examples
--------
>>> from kemuning_eval.report.results.model import Row
>>> Row(previous=3.5, current=3.75).current
3.75
>>> Row(previous=3.5, current=3.75, typo=1)  # doctest: +IGNORE_EXCEPTION_DETAIL
Traceback (most recent call last):
pydantic_core._pydantic_core.ValidationError: extra fields not permitted
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class ProfileRow(BaseModel):
    """One value of one participant-profile variable (suppressed below the privacy group size)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    variable: str
    label: str
    value: str
    n: int | None
    share: Share
    suppressed: bool


class RaterChange(BaseModel):
    """The behaviour change as seen by one kind of rater."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    rater: str
    n: int | None
    diff: float | None
    ci_low: float | None
    ci_high: float | None
    suppressed: bool


class EventStudyPoint(BaseModel):
    """One period of the difference-in-differences event study, relative to the first treated period."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    outcome: str
    relative: int
    estimate: float | None
    ci_low: float | None
    ci_high: float | None
    reference: bool


class ProgramCost(BaseModel):
    """The cost of one programme."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    program_id: str
    name: str | None
    participants: int | None
    cost: float | None
    cost_per_participant: float | None
    cost_per_gain_point: float | None


class FacilitatorDimension(BaseModel):
    """The mean rating of facilitators on one dimension."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    dimension: str
    label: str
    mean: float | None
    n: int | None
    category: str | None


class Facilitators(BaseModel):
    """The participants' rating of the facilitators."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    n: int | None
    dimensions: list[FacilitatorDimension]


class LikertBand(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    label: str
    lower: float


class Quote(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    theme: str
    theme_label: str | None = None
    role: str
    text: str


class Row(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    metric: str | None = None
    path: str | None = None
    previous: float
    current: float
    fmt: Literal["int", "num1", "num2", "num3", "pct1", "rupiah", "p"] | None = None


class Comparison(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    previous_year: int
    rows: list[Row]
    previous_synthetic: bool | None = None
    configured: bool | None = None


class ComparisonStatus(BaseModel):
    """
    Which previous year was considered, whether it was compared and, if not, why (no_previous_report, previous_synthetic, other_agency, nothing_comparable).
    """

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    previous_year: int
    configured: bool
    compared: bool
    synthetic: bool | None
    reason: (
        Literal[
            "no_previous_report",
            "previous_synthetic",
            "other_agency",
            "nothing_comparable",
        ]
        | None
    )


class Input(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    file: str
    kind: Literal["input", "table", "output"]
    sha256: Annotated[str, Field(pattern="^[0-9a-f]{64}$")]


class Environment(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    python: str
    libraries: dict[str, str | None]


class Provenance(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    inputs: list[Input]
    parameters: dict[str, Any]
    package_version: str | None
    environment: Environment | None = None
    git_commit: str | None
    warnings: list[str] | None = None
    fingerprint: str | None = None
    manifest_version: str | None = None


Share = Annotated[float | None, Field(ge=0.0, le=1.0)]
"""A share between 0 and 1, or None when it cannot be computed."""


class Change(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    n: Annotated[int | None, Field(ge=0)]
    diff: float | None
    ci_low: float | None
    ci_high: float | None
    p_val: Annotated[float | None, Field(ge=0.0, le=1.0)]
    direction: Literal["increase", "decrease", "none", "inconclusive"]
    significant: bool
    baseline_mean: float | None = None
    dz: float | None = None
    effect_band: str | None = None
    followup_mean: float | None = None
    gz: float | None = None


class Evidence(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    name: str
    path: Annotated[str, Field(pattern="^[a-z_]+(\\.[a-z0-9_]+)+$")]
    value: float | str | None
    fmt: Literal["int", "num1", "num2", "num3", "pct1", "rupiah", "p"]


class Program(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    program_id: str
    name: str | None
    jp: Annotated[int | None, Field(ge=0)] = None
    capacity: Annotated[int | None, Field(ge=0)] = None
    applicants: Annotated[int | None, Field(ge=0)] = None
    participants: Annotated[int | None, Field(ge=0)] = None
    cost: Annotated[int | None, Field(ge=0)] = None
    end_date: str | None = None
    field: str | None = None
    start_date: str | None = None


class JpCoverage(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    n: Annotated[int | None, Field(ge=0)]
    share: Annotated[float | None, Field(ge=0.0, le=1.0)]
    target: Annotated[int | None, Field(ge=0)]
    count: int | None = None
    mean_jp: float | None = None


class Sample(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    population: Annotated[int | None, Field(ge=0)]
    required: Annotated[int | None, Field(ge=0)]
    achieved: Annotated[int | None, Field(ge=0)]
    rate: Annotated[float | None, Field(ge=0.0, le=1.0)] = None
    adequate: bool | None = None


class ResponseRate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    instrument: Literal["reaction", "facilitator_ratings", "tests", "observations"]
    n: Annotated[int | None, Field(ge=0)]
    population: Annotated[int | None, Field(ge=0)]
    rate: Annotated[float | None, Field(ge=0.0, le=1.0)]
    label: str | None = None
    required: int | None = None


class DataQuality(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    n_checks: Annotated[int | None, Field(ge=0)]
    n_errors: Annotated[int | None, Field(ge=0)]
    n_warnings: Annotated[int | None, Field(ge=0)]
    rows: list[Any]
    n_info: int | None = None


class InstrumentModel(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    instrument: Literal[
        "roster",
        "programs",
        "costs",
        "facilitators",
        "reaction",
        "facilitator_ratings",
        "tests",
        "observations",
        "outcomes",
        "benefits",
        "interviews",
        "jp_records",
    ]
    collected: bool
    n: Annotated[int | None, Field(ge=0)]


class Dimension(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    dimension: str
    n: Annotated[int | None, Field(ge=0)]
    mean: float | None
    sd: float | None = None
    favourable: Annotated[float | None, Field(ge=0.0, le=1.0)]
    shares: dict[str, Share | None] | None = None
    category: str | None = None
    ci_high: float | None = None
    ci_low: float | None = None
    label: str | None = None


class Item(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    n: Annotated[int | None, Field(ge=0)]
    mean: float | None
    favourable: Annotated[float | None, Field(ge=0.0, le=1.0)] = None
    category: str | None = None
    dimension: str | None = None
    dimension_label: str | None = None
    label: str | None = None
    sd: float | None = None
    variable: str | None = None


class ReliabilityItem(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    n: Annotated[int | None, Field(ge=0)]
    k: Annotated[int | None, Field(ge=0)]
    alpha: float | None
    band: str | None = None
    ci_high: float | None = None
    ci_low: float | None = None
    dimension: str | None = None
    label: str | None = None
    low: bool | None = None
    missing: str | None = None


class Element(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    nrr: float | None
    element: str | None = None
    label: str | None = None
    n: int | None = None
    rank: int | None = None


class Ikm(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    converted: Annotated[float | None, Field(ge=25.0, le=100.0)]
    grade: Literal["A", "B", "C", "D"] | None
    elements: list[Element]
    category: str | None = None
    index: float | None = None
    n: int | None = None


class Reaction(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    available: Literal[True]
    n_responses: Annotated[int | None, Field(ge=0)]
    response_rate: Annotated[float | None, Field(ge=0.0, le=1.0)] = None
    mean_overall: float | None = None
    dimensions: list[Dimension]
    items: list[Item]
    reliability: list[ReliabilityItem]
    ikm: Ikm | None = None
    ikm_missing: list[str] | None = None
    """
    IKM elements missing from a survey that has some of them (no index then)
    """
    category_overall: str | None = None
    facilitators: Facilitators | None = None


class Overall(Change):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    pre_mean: float | None
    post_mean: float | None
    dz: float | None
    gz: float | None = None
    gain_class: float | None = None
    gain_band: Literal["low", "medium", "high"] | None = None
    pass_pre: Annotated[float | None, Field(ge=0.0, le=1.0)] = None
    pass_post: Annotated[float | None, Field(ge=0.0, le=1.0)] = None
    w_p: Annotated[float | None, Field(ge=0.0, le=1.0)] = None
    dz_ci_high: float | None = None
    dz_ci_low: float | None = None
    effect_band: str | None = None
    gain_individual: float | None = None
    rank_biserial: float | None = None
    suppressed: bool | None = None
    t: float | None = None
    w_method: str | None = None
    w_stat: float | None = None


class ByProgramItem(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    program_id: str
    n: Annotated[int | None, Field(ge=0)]
    diff: float | None
    suppressed: bool
    ci_high: float | None = None
    ci_low: float | None = None
    dz: float | None = None
    gain_class: float | None = None
    name: str | None = None
    p_holm: float | None = None
    p_val: float | None = None
    post_mean: float | None = None
    pre_mean: float | None = None
    significant: bool | None = None


class Learning(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    available: Literal[True]
    overall: Overall
    by_program: list[ByProgramItem]


class Applying(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    n: Annotated[int | None, Field(ge=0)]
    share: Annotated[float | None, Field(ge=0.0, le=1.0)]
    ci_low: Annotated[float | None, Field(ge=0.0, le=1.0)] = None
    ci_high: Annotated[float | None, Field(ge=0.0, le=1.0)] = None
    count: int | None = None


class ApplyingByProgramItem(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    n: Annotated[int | None, Field(ge=0)]
    share: Annotated[float | None, Field(ge=0.0, le=1.0)]
    suppressed: bool
    ci_high: float | None = None
    ci_low: float | None = None
    name: str | None = None
    program_id: str | None = None


class AgreementItem(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    n: Annotated[int | None, Field(ge=0)]
    estimate: float | None
    ci_high: float | None = None
    ci_low: float | None = None
    indicator: str | None = None
    measure: str | None = None


class Behavior(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    available: Literal[True]
    rater: Literal["supervisor", "peer", "self"]
    change: Change | None = None
    applying: Applying | None = None
    applying_by_program: list[ApplyingByProgramItem] | None = None
    agreement: list[AgreementItem] | None = None
    by_rater: list[RaterChange] | None = None


class DidItem(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    outcome: str
    estimate: float | None
    ci_low: float | None
    ci_high: float | None
    p_val: Annotated[float | None, Field(ge=0.0, le=1.0)]
    significant: bool
    direction: Literal["increase", "decrease", "none", "inconclusive"]
    inference: str | None = None
    label: str | None = None
    mean_control_post: float | None = None
    mean_control_pre: float | None = None
    mean_treated_post: float | None = None
    mean_treated_pre: float | None = None
    n: int | None = None
    n_clusters: int | None = None
    n_control_clusters: int | None = None
    n_treated_clusters: int | None = None
    pretrend_p: float | None = None
    parallel_trends_rejected: bool | None = None
    pretrend_inference: str | None = None


class Results(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    available: Literal[True]
    n_clusters: Annotated[int | None, Field(ge=0)]
    did: list[DidItem]
    event_study: list[EventStudyPoint] | None = None
    inference: str | None = None
    method: str | None = None
    n_control_clusters: int | None = None
    n_treated_clusters: int | None = None


class Cost(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    available: Literal[True]
    total_cost: Annotated[int | None, Field(ge=0)]
    n_participants: Annotated[int | None, Field(ge=0)]
    cost_per_participant: Annotated[int | None, Field(ge=0)]
    total_benefit: Annotated[int | None, Field(ge=0)] = None
    bcr: float | None = None
    roi_pct: float | None = None
    payback_months: float | None = None
    benefit_costs: float | None = None
    by_program: list[ProgramCost] | None = None
    cost_per_jp: float | None = None
    roi_method: str | None = None


class Theme(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    n: Annotated[int | None, Field(ge=0)]
    share: Annotated[float | None, Field(ge=0.0, le=1.0)]
    label: str | None = None
    theme: str | None = None


class Qualitative(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    available: Literal[True]
    n_excerpts: Annotated[int | None, Field(ge=0)]
    themes: list[Theme]
    quotes: list[Quote]
    """
    Scrubbed quotes: theme and role only, never a person or an ID.
    """


class Challenge(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    id: str
    evidence: Annotated[list[Evidence], Field(min_length=1)]
    text: dict[str, str]


class Recommendation(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    id: str
    audience: Literal["organiser", "facilitators", "agencies"]
    because: Annotated[list[str], Field(min_length=1)]
    evidence: Annotated[list[Evidence], Field(min_length=1)]
    text: dict[str, str] | None = None


class Findings(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    challenges: list[Challenge]
    recommendations: list[Recommendation]
    comparison: Comparison | None
    comparison_status: ComparisonStatus | None = None
    """
    Which previous year was considered, whether it was compared and, if not, why (no_previous_report, previous_synthetic, other_agency, nothing_comparable).
    """


class Unavailable(BaseModel):
    """
    A part of the report that was not measured or cannot be shown (kemuning_eval.report.availability.NotMeasured).
    """

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    available: Literal[False]
    reason: Literal[
        "not_collected",
        "no_data",
        "suppressed_small_group",
        "no_treated_units",
        "did_too_few_clusters",
        "did_design_incomplete",
        "ikm_incomplete",
    ]
    """
    not_collected: the instrument is not part of this year's study; no_data: collected but no usable records in scope; suppressed_small_group: fewer respondents than privacy.min_group_size; no_treated_units / did_design_incomplete: unit outcomes without the comparison design
    """
    instruments: list[
        Literal[
            "roster",
            "programs",
            "costs",
            "facilitators",
            "reaction",
            "facilitator_ratings",
            "tests",
            "observations",
            "outcomes",
            "benefits",
            "interviews",
            "jp_records",
        ]
    ]
    """
    the instruments that would have measured this part
    """


class Study(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    year: Annotated[int, Field(ge=2000, le=2100)]
    lang: Literal["id", "en"]
    program_id: str | None
    report_date: Annotated[str | None, Field(pattern="^\\d{4}-\\d{2}-\\d{2}$")]
    synthetic: bool
    alpha: Annotated[float | None, Field(gt=0.0, lt=1.0)] = None
    min_group_size: Annotated[int | None, Field(ge=1)] = None
    n_programs: Annotated[int | None, Field(ge=0)] = None
    n_participants: Annotated[int | None, Field(ge=0)] = None
    n_completed: Annotated[int | None, Field(ge=0)] = None
    completion_rate: Annotated[float | None, Field(ge=0.0, le=1.0)] = None
    jp_total: Annotated[int | None, Field(ge=0)] = None
    budget_total: Annotated[int | None, Field(ge=0)] = None
    capacity_total: Annotated[int | None, Field(ge=0)] = None
    applicants_total: Annotated[int | None, Field(ge=0)] = None
    demand_ratio: float | None = None
    share_not_admitted: Annotated[float | None, Field(ge=0.0, le=1.0)] = None
    legal_basis: list[str] | None = None
    programs: list[Program] | None = None
    jp_coverage: JpCoverage | None = None
    sample: Sample | None = None
    response_rates: list[ResponseRate] | None = None
    data_quality: DataQuality | None = None
    likert_bands: list[LikertBand] | None = None
    instruments: list[InstrumentModel] | None = None
    """
    Which instruments this year's study collected (collected: false = not part of the study) and their records in the report's scope.
    """
    not_measured: dict[str, Unavailable] | None = None
    """
    Parts below a level that have no numbers (programs, sample, profile, jp_coverage, reaction.ikm, reaction.facilitators, cost.roi), each with the reason and the instruments missing.
    """
    programs_source: Literal["table", "exports"] | None = None
    """
    table: the programme table of studi.yaml; exports: programmes derived from the codes and names the exports carry
    """
    agency: str | None = None
    n_facilitators: int | None = None
    population_asn: int | None = None
    previous_year: int | None = None
    profile: list[ProfileRow] | None = None
    program_name: str | None = None
    region: str | None = None
    unmet_demand: int | None = None


class Metrics(BaseModel):
    """
    Every number of one evaluation report, stored rounded as the report shows it (means 2 decimals, shares 0-1 with 3, p-values 3, money whole Rupiah). A level without data carries available=false and a reason. Written by kemuning_eval.report.metrics.write_metrics.
    """

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    schema_version: Literal[1]
    study: Study
    reaction: Unavailable | Reaction
    learning: Unavailable | Learning
    behavior: Unavailable | Behavior
    results: Unavailable | Results
    cost: Unavailable | Cost
    qualitative: Unavailable | Qualitative
    findings: Findings
    provenance: Provenance
