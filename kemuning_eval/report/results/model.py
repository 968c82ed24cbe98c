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
    """One value of one participant-profile variable (suppressed below the privacy group size).

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(ProfileRow.model_fields)
    ['variable', 'label', 'value', 'n', 'share', 'suppressed']
    """

    model_config = ConfigDict(extra="forbid", frozen=True)
    variable: str
    label: str
    value: str
    n: int | None
    share: Share
    suppressed: bool


class RaterChange(BaseModel):
    """The behaviour change as seen by one kind of rater.

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(RaterChange.model_fields)
    ['rater', 'n', 'diff', 'ci_low', 'ci_high', 'suppressed']
    """

    model_config = ConfigDict(extra="forbid", frozen=True)
    rater: str
    n: int | None
    diff: float | None
    ci_low: float | None
    ci_high: float | None
    suppressed: bool


class EventStudyPoint(BaseModel):
    """One period of the difference-in-differences event study, relative to the first treated period.

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(EventStudyPoint.model_fields)
    ['outcome', 'relative', 'estimate', 'ci_low', 'ci_high', 'reference']
    """

    model_config = ConfigDict(extra="forbid", frozen=True)
    outcome: str
    relative: int
    estimate: float | None
    ci_low: float | None
    ci_high: float | None
    reference: bool


class ProgramCost(BaseModel):
    """The cost of one programme.

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(ProgramCost.model_fields)
    ['program_id', 'name', 'participants', 'cost', 'cost_per_participant', 'cost_per_gain_point']
    """

    model_config = ConfigDict(extra="forbid", frozen=True)
    program_id: str
    name: str | None
    participants: int | None
    cost: float | None
    cost_per_participant: float | None
    cost_per_gain_point: float | None


class FacilitatorDimension(BaseModel):
    """The mean rating of facilitators on one dimension.

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(FacilitatorDimension.model_fields)
    ['dimension', 'label', 'mean', 'n', 'category']
    """

    model_config = ConfigDict(extra="forbid", frozen=True)
    dimension: str
    label: str
    mean: float | None
    n: int | None
    category: str | None


class Facilitators(BaseModel):
    """The participants' rating of the facilitators.

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(Facilitators.model_fields)
    ['n', 'dimensions']
    """

    model_config = ConfigDict(extra="forbid", frozen=True)
    n: int | None
    dimensions: list[FacilitatorDimension]


class LikertBand(BaseModel):
    """One likert band record of ``metrics.json`` (frozen; unknown fields are refused).

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(LikertBand.model_fields)
    ['label', 'lower']
    """

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    label: str
    lower: float


class Quote(BaseModel):
    """One quote record of ``metrics.json`` (frozen; unknown fields are refused).

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(Quote.model_fields)
    ['theme', 'theme_label', 'role', 'text']
    """

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    theme: str
    theme_label: str | None = None
    role: str
    text: str


class Row(BaseModel):
    """One row record of ``metrics.json`` (frozen; unknown fields are refused).

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(Row.model_fields)
    ['metric', 'path', 'previous', 'current', 'fmt']
    """

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
    """One comparison record of ``metrics.json`` (frozen; unknown fields are refused).

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(Comparison.model_fields)
    ['previous_year', 'rows', 'previous_synthetic', 'configured']
    """

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

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(ComparisonStatus.model_fields)
    ['previous_year', 'configured', 'compared', 'synthetic', 'reason']
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
    """One input record of ``metrics.json`` (frozen; unknown fields are refused).

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(Input.model_fields)
    ['file', 'kind', 'sha256']
    """

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    file: str
    kind: Literal["input", "table", "output"]
    sha256: Annotated[str, Field(pattern="^[0-9a-f]{64}$")]


class Environment(BaseModel):
    """One environment record of ``metrics.json`` (frozen; unknown fields are refused).

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(Environment.model_fields)
    ['python', 'libraries']
    """

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    python: str
    libraries: dict[str, str | None]


class Provenance(BaseModel):
    """One provenance record of ``metrics.json`` (frozen; unknown fields are refused).

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(Provenance.model_fields)
    ['inputs', 'parameters', 'package_version', 'environment', 'git_commit', 'warnings', 'fingerprint', 'manifest_version']
    """

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
    """One change record of ``metrics.json`` (frozen; unknown fields are refused).

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(Change.model_fields)
    ['n', 'diff', 'ci_low', 'ci_high', 'p_val', 'direction', 'significant', 'baseline_mean', 'dz', 'effect_band', 'followup_mean', 'gz']
    """

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
    """One evidence record of ``metrics.json`` (frozen; unknown fields are refused).

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(Evidence.model_fields)
    ['name', 'path', 'value', 'fmt']
    """

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    name: str
    path: Annotated[str, Field(pattern="^[a-z_]+(\\.[a-z0-9_]+)+$")]
    value: float | str | None
    fmt: Literal["int", "num1", "num2", "num3", "pct1", "rupiah", "p"]


class Program(BaseModel):
    """One program record of ``metrics.json`` (frozen; unknown fields are refused).

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(Program.model_fields)
    ['program_id', 'name', 'jp', 'capacity', 'applicants', 'participants', 'cost', 'end_date', 'field', 'start_date']
    """

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
    """One jp coverage record of ``metrics.json`` (frozen; unknown fields are refused).

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(JpCoverage.model_fields)
    ['n', 'share', 'target', 'count', 'mean_jp']
    """

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
    """One sample record of ``metrics.json`` (frozen; unknown fields are refused).

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(Sample.model_fields)
    ['population', 'required', 'achieved', 'rate', 'adequate']
    """

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
    """One response rate record of ``metrics.json`` (frozen; unknown fields are refused).

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(ResponseRate.model_fields)
    ['instrument', 'n', 'population', 'rate', 'label', 'required']
    """

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
    """One data quality record of ``metrics.json`` (frozen; unknown fields are refused).

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(DataQuality.model_fields)
    ['n_checks', 'n_errors', 'n_warnings', 'rows', 'n_info']
    """

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
    """One instrument model record of ``metrics.json`` (frozen; unknown fields are refused).

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(InstrumentModel.model_fields)
    ['instrument', 'collected', 'n']
    """

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
    """One dimension record of ``metrics.json`` (frozen; unknown fields are refused).

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(Dimension.model_fields)
    ['dimension', 'n', 'mean', 'sd', 'favourable', 'shares', 'category', 'ci_high', 'ci_low', 'label']
    """

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
    """One item record of ``metrics.json`` (frozen; unknown fields are refused).

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(Item.model_fields)
    ['n', 'mean', 'favourable', 'category', 'dimension', 'dimension_label', 'label', 'sd', 'variable']
    """

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
    """One reliability item record of ``metrics.json`` (frozen; unknown fields are refused).

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(ReliabilityItem.model_fields)
    ['n', 'k', 'alpha', 'band', 'ci_high', 'ci_low', 'dimension', 'label', 'low', 'missing']
    """

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
    """One element record of ``metrics.json`` (frozen; unknown fields are refused).

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(Element.model_fields)
    ['nrr', 'element', 'label', 'n', 'rank']
    """

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
    """One ikm record of ``metrics.json`` (frozen; unknown fields are refused).

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(Ikm.model_fields)
    ['converted', 'grade', 'elements', 'category', 'index', 'n']
    """

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
    """One reaction record of ``metrics.json`` (frozen; unknown fields are refused).

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(Reaction.model_fields)
    ['available', 'n_responses', 'response_rate', 'mean_overall', 'dimensions', 'items', 'reliability', 'ikm', 'ikm_missing', 'category_overall', 'facilitators']
    """

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
    """One overall record of ``metrics.json`` (frozen; unknown fields are refused).

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(Overall.model_fields)
    ['n', 'diff', 'ci_low', 'ci_high', 'p_val', 'direction', 'significant', 'baseline_mean', 'dz', 'effect_band', 'followup_mean', 'gz', 'pre_mean', 'post_mean', 'gain_class', 'gain_band', 'pass_pre', 'pass_post', 'w_p', 'dz_ci_high', 'dz_ci_low', 'gain_individual', 'rank_biserial', 'suppressed', 't', 'w_method', 'w_stat']
    """

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
    """One by program item record of ``metrics.json`` (frozen; unknown fields are refused).

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(ByProgramItem.model_fields)
    ['program_id', 'n', 'diff', 'suppressed', 'ci_high', 'ci_low', 'dz', 'gain_class', 'name', 'p_holm', 'p_val', 'post_mean', 'pre_mean', 'significant']
    """

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
    """One learning record of ``metrics.json`` (frozen; unknown fields are refused).

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(Learning.model_fields)
    ['available', 'overall', 'by_program']
    """

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    available: Literal[True]
    overall: Overall
    by_program: list[ByProgramItem]


class Applying(BaseModel):
    """One applying record of ``metrics.json`` (frozen; unknown fields are refused).

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(Applying.model_fields)
    ['n', 'share', 'ci_low', 'ci_high', 'count']
    """

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
    """One applying by program item record of ``metrics.json`` (frozen; unknown fields are refused).

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(ApplyingByProgramItem.model_fields)
    ['n', 'share', 'suppressed', 'ci_high', 'ci_low', 'name', 'program_id']
    """

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
    """One agreement item record of ``metrics.json`` (frozen; unknown fields are refused).

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(AgreementItem.model_fields)
    ['n', 'estimate', 'ci_high', 'ci_low', 'indicator', 'measure']
    """

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
    """One behavior record of ``metrics.json`` (frozen; unknown fields are refused).

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(Behavior.model_fields)
    ['available', 'rater', 'change', 'applying', 'applying_by_program', 'agreement', 'by_rater']
    """

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
    """One did item record of ``metrics.json`` (frozen; unknown fields are refused).

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(DidItem.model_fields)
    ['outcome', 'estimate', 'ci_low', 'ci_high', 'p_val', 'significant', 'direction', 'inference', 'label', 'mean_control_post', 'mean_control_pre', 'mean_treated_post', 'mean_treated_pre', 'n', 'n_clusters', 'n_control_clusters', 'n_treated_clusters', 'pretrend_p', 'parallel_trends_rejected', 'pretrend_inference']
    """

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
    """One results record of ``metrics.json`` (frozen; unknown fields are refused).

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(Results.model_fields)
    ['available', 'n_clusters', 'did', 'event_study', 'inference', 'method', 'n_control_clusters', 'n_treated_clusters']
    """

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
    """One cost record of ``metrics.json`` (frozen; unknown fields are refused).

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(Cost.model_fields)
    ['available', 'total_cost', 'n_participants', 'cost_per_participant', 'total_benefit', 'bcr', 'roi_pct', 'payback_months', 'benefit_costs', 'by_program', 'cost_per_jp', 'roi_method']
    """

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
    """One theme record of ``metrics.json`` (frozen; unknown fields are refused).

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(Theme.model_fields)
    ['n', 'share', 'label', 'theme']
    """

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    n: Annotated[int | None, Field(ge=0)]
    share: Annotated[float | None, Field(ge=0.0, le=1.0)]
    label: str | None = None
    theme: str | None = None


class Qualitative(BaseModel):
    """One qualitative record of ``metrics.json`` (frozen; unknown fields are refused).

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(Qualitative.model_fields)
    ['available', 'n_excerpts', 'themes', 'quotes']
    """

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
    """One challenge record of ``metrics.json`` (frozen; unknown fields are refused).

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(Challenge.model_fields)
    ['id', 'evidence', 'text']
    """

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
    )
    id: str
    evidence: Annotated[list[Evidence], Field(min_length=1)]
    text: dict[str, str]


class Recommendation(BaseModel):
    """One recommendation record of ``metrics.json`` (frozen; unknown fields are refused).

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(Recommendation.model_fields)
    ['id', 'audience', 'because', 'evidence', 'text']
    """

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
    """One findings record of ``metrics.json`` (frozen; unknown fields are refused).

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(Findings.model_fields)
    ['challenges', 'recommendations', 'comparison', 'comparison_status']
    """

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

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(Unavailable.model_fields)
    ['available', 'reason', 'instruments']
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
    """One study record of ``metrics.json`` (frozen; unknown fields are refused).

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(Study.model_fields)
    ['year', 'lang', 'program_id', 'report_date', 'synthetic', 'alpha', 'min_group_size', 'n_programs', 'n_participants', 'n_completed', 'completion_rate', 'jp_total', 'budget_total', 'capacity_total', 'applicants_total', 'demand_ratio', 'share_not_admitted', 'legal_basis', 'programs', 'jp_coverage', 'sample', 'response_rates', 'data_quality', 'likert_bands', 'instruments', 'not_measured', 'programs_source', 'agency', 'n_facilitators', 'population_asn', 'previous_year', 'profile', 'program_name', 'region', 'unmet_demand']
    """

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

    Examples
    --------
    The fields it holds, in the order of ``metrics.json``:

    >>> list(Metrics.model_fields)
    ['schema_version', 'study', 'reaction', 'learning', 'behavior', 'results', 'cost', 'qualitative', 'findings', 'provenance']
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
