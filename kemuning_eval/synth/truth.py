"""The generating model of the synthetic study and its exact true effects.

Every random quantity of the synthetic study is drawn from a distribution
whose parameters are defined here (frozen dataclasses), and every "true
effect" is the *exact expected value* of what an estimator computed on the
written files targets, so no clipping or rounding distorts it:

- test scores: ``pre = 100 * Beta``, ``post = pre + g * (100 - pre)`` with the
  individual normalised gain ``g ~ Beta`` independent of ``pre``: both stay in
  0-100 without clipping, and mean, SD of the paired difference and the class
  normalised gain have closed forms;
- Likert items (reaction 1-5, IKM 1-4, facilitator 1-5, observation 1-5): an
  ordered-probit model, a normal latent score cut at fixed thresholds
  (``1.5, 2.5, ...``), whose expected category is
  ``min + sum_k Phi((mu - tau_k) / s)``.  The latent score is a factor model,
  ``mu + general + group + item noise`` (independent normals: a respondent's
  general factor, a factor shared by the items of one reaction dimension / one
  rated facilitator / one rating occasion, and the item's own noise), so it is
  normal with ``s`` the root of the summed variances (:func:`latent_sd`) and
  items of one scale correlate as real scales do (alpha about 0.8);
- outcomes: linear models with no bounds reached (budget ratio near 0.9,
  on-time probabilities between 0.5 and 0.9), so the DiD coefficient is the
  parameter itself.

Examples
--------
>>> t = true_effects(2026)
>>> t["synthetic"], sorted(t["programs"])[:2]
(True, ['KP', 'LD'])
>>> round(t["programs"]["PM"]["tests"]["mean_gain"], 2)
24.96
>>> t["programs"]["PM"]["outcomes"]["did_budget_ratio"]
-0.05
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: Ordered-probit thresholds: a latent value below 1.5 is category 1, etc.
TAU5 = (1.5, 2.5, 3.5, 4.5)
TAU4 = (1.5, 2.5, 3.5)

REACTION_DIMENSIONS = ("materi", "penyelenggaraan", "sarana", "manfaat", "kepercayaan_diri")
IKM_ELEMENTS = (
    "persyaratan", "prosedur", "waktu", "biaya", "produk",
    "kompetensi", "perilaku", "pengaduan", "sarana",
)
FAC_DIMENSIONS = 9
OBS_INDICATORS = 4
RATERS = ("supervisor", "peer", "self")
THEMES = (
    "anggaran_terbatas", "materi_usang", "kualitas_fasilitator", "dukungan_atasan",
    "teknologi", "tindak_lanjut", "kurikulum_fleksibel", "kemitraan",
)


@dataclass(frozen=True)
class ScoreModel:
    """Pre/post test: ``pre = 100*Beta(mean_pre/100*conc_pre, ...)``, gain fraction ``g ~ Beta``.

    Parameters
    ----------
    mean_pre : float
        Expected pre-test score (0-100).
    conc_pre : float
        Concentration ``a + b`` of the pre-test Beta distribution.
    mean_g : float
        Expected individual normalised gain (0-1).
    conc_g : float
        Concentration of the Beta distribution of the gain.
    pass_mark : float
        Pass mark of the post-test (0-100).

    Examples
    --------
    >>> m = ScoreModel(mean_pre=50.0, conc_pre=20.0, mean_g=0.4, conc_g=8.0, pass_mark=70.0)
    >>> round(score_truth(m)["mean_post"], 6)
    70.0
    """

    mean_pre: float
    conc_pre: float
    mean_g: float
    conc_g: float
    pass_mark: float


@dataclass(frozen=True)
class ReactionModel:
    """Latent means (recoded scale, higher = better) of the reaction dimensions.

    ``mat_4`` (reverse-worded "material is outdated") has its own latent mean
    ``mu_not_outdated`` on the recoded scale; raw answers are ``6 - category``.

    Parameters
    ----------
    materi, penyelenggaraan, sarana, manfaat, kepercayaan_diri : float
        Latent mean (1-5 scale) of the items of each reaction dimension.
    mu_not_outdated : float
        Latent mean of the recoded reverse item ``mat_4``.

    Examples
    --------
    >>> r = ReactionModel(4.0, 3.9, 3.6, 4.2, 4.0, mu_not_outdated=3.9)
    >>> r.sarana, r.mu_not_outdated
    (3.6, 3.9)
    """

    materi: float
    penyelenggaraan: float
    sarana: float
    manfaat: float
    kepercayaan_diri: float
    mu_not_outdated: float


@dataclass(frozen=True)
class BehaviourModel:
    """Observation indicators: latent mean at baseline, change at follow-up, share applying.

    Parameters
    ----------
    baseline : float
        Latent mean (1-5 scale) of an indicator at baseline (self-rating offset 0).
    change : float
        Latent change from baseline to follow-up.
    p_applies : float
        Probability that an alumnus applies what was learned (``Menerapkan``).

    Examples
    --------
    >>> b = BehaviourModel(baseline=3.0, change=0.6, p_applies=0.72)
    >>> round(b.baseline + b.change, 1)
    3.6
    """

    baseline: float
    change: float
    p_applies: float


@dataclass(frozen=True)
class OutcomeModel:
    """DiD effects of being led by an alumnus, post period vs pre periods.

    Parameters
    ----------
    did_budget_ratio : float
        Effect on realised / planned budget (a ratio, e.g. -0.05).
    did_on_time : float
        Effect on the probability of finishing on time.
    did_service : float
        Effect on the service-satisfaction index (0-100 points).

    Examples
    --------
    >>> OutcomeModel(did_budget_ratio=-0.05, did_on_time=0.15, did_service=1.0).did_on_time
    0.15
    """

    did_budget_ratio: float
    did_on_time: float
    did_service: float


@dataclass(frozen=True)
class ProgramModel:
    """Everything the generator needs about one programme.

    Parameters
    ----------
    code, name, field : str
        Programme code (``"PM"``), name and field (``"Manajerial"``).
    jp : int
        Learning hours (jam pelajaran) of the programme.
    share : float
        Relative share of the participants allocated to it.
    applicant_ratio : float
        Applicants per place of the quota.
    cost_per_participant : int
        Cost in rupiah per participant.
    start_month : int
        Month (1-12) of the first day.
    tests, reaction, behaviour, outcomes
        The :class:`ScoreModel`, :class:`ReactionModel`,
        :class:`BehaviourModel` and :class:`OutcomeModel` of the programme.
    facilitator_offsets : tuple of float
        Latent offset of each facilitator slot (one facilitator per slot).
    p_outdated_theme : float
        Probability that an interview excerpt is about outdated material.
    benefits : tuple of (str, int, float, float)
        Phillips benefits: description, annual value per participant (Rp),
        attribution and confidence (0-1).

    Examples
    --------
    >>> pm = study_model(2026).programs[0]
    >>> pm.code, pm.jp, len(pm.facilitator_offsets), pm.tests.pass_mark
    ('PM', 40, 3, 70.0)
    """

    code: str
    name: str
    field: str
    jp: int
    share: float
    applicant_ratio: float
    cost_per_participant: int
    start_month: int
    tests: ScoreModel
    reaction: ReactionModel
    behaviour: BehaviourModel
    outcomes: OutcomeModel
    facilitator_offsets: tuple[float, ...]
    p_outdated_theme: float
    benefits: tuple[tuple[str, int, float, float], ...]


@dataclass(frozen=True)
class StudyModel:
    """The parameters of one synthetic study year.

    Only ``year``, ``population_asn``, ``programs``, ``reaction_shift`` and
    ``ikm_means`` are required; the other fields are the standard deviations
    and offsets of the factor models (see the module docstring) with
    defaults.  Build the standard model with :func:`study_model`.

    Examples
    --------
    >>> import dataclasses
    >>> sm = study_model(2026)
    >>> small = dataclasses.replace(sm, population_asn=50)
    >>> small.population_asn, small.year, len(small.programs), small.response_rate
    (50, 2026, 5, 0.86)
    """

    year: int
    population_asn: int
    programs: tuple[ProgramModel, ...]
    reaction_shift: float
    ikm_means: tuple[float, ...]
    response_rate: float = 0.86
    facilitator_response_rate: float = 0.45
    #: reaction items: general satisfaction factor, dimension factor, item noise
    reaction_general_sd: float = 0.45
    reaction_dim_sd: float = 0.55
    reaction_item_sd: float = 0.5
    ikm_person_sd: float = 0.4
    ikm_item_sd: float = 0.55
    fac_dim_offsets: tuple[float, ...] = (0.25, -0.1, 0.05, -0.2, 0.15, 0.1, -0.05, 0.0, 0.05)
    fac_base: float = 3.9
    #: facilitator ratings: respondent leniency (all facilitators), respondent x
    #: facilitator impression (the 9 dimensions of one facilitator), item noise
    fac_rater_sd: float = 0.35
    fac_pair_sd: float = 0.5
    fac_item_sd: float = 0.6
    rater_offsets: tuple[float, float, float] = (0.0, 0.1, 0.4)
    #: observations: the person's performance (all raters and waves), one rating
    #: occasion (person x rater x wave, the 4 indicators of a row), item noise
    obs_person_sd: float = 0.5
    obs_rating_sd: float = 0.35
    obs_item_sd: float = 0.5
    jp_other_shape: float = 3.0
    jp_other_scale: float = 8.0
    outcome_base_ratio: float = 0.9
    outcome_period_ratio: tuple[float, ...] = (0.0, 0.01, 0.005, 0.015)
    outcome_base_on_time: float = 0.6
    outcome_period_on_time: tuple[float, ...] = (0.0, 0.02, 0.03, 0.05)
    outcome_base_service: float = 76.0
    outcome_period_service: tuple[float, ...] = (0.0, 0.5, 0.8, 1.2)


def _program_models(year: int) -> tuple[ProgramModel, ...]:
    """Programme parameters; 2026 is slightly better than 2025 (learning, materials)."""
    later = year >= 2026
    dg = 0.03 if later else 0.0
    return (
        ProgramModel(
            "PM", "Manajemen Proyek", "Manajerial", 40, 0.22, 2.1, 6_500_000, 2,
            ScoreModel(48.0, 20.0, 0.45 + dg, 8.0, 70.0),
            ReactionModel(4.0, 3.9, 3.6, 4.2, 4.0, 3.9),
            BehaviourModel(3.0, 0.6, 0.72),
            OutcomeModel(-0.05, 0.15, 1.0),
            (0.3, 0.0, -0.3), 0.10,
            (("Penghematan anggaran kegiatan", 25_000_000, 0.5, 0.7),
             ("Ketepatan waktu penyelesaian kegiatan", 6_000_000, 0.4, 0.6)),
        ),
        ProgramModel(
            "PKD", "Pengelolaan Keuangan Daerah", "Teknis", 32, 0.20, 1.8, 5_000_000, 3,
            ScoreModel(52.0, 20.0, 0.35 + dg, 8.0, 70.0),
            ReactionModel(3.8, 3.9, 3.5, 4.0, 3.9, 2.4 + (0.2 if later else 0.0)),
            BehaviourModel(3.1, 0.45, 0.65),
            OutcomeModel(-0.02, 0.05, 0.0),
            (0.2, -0.1, -0.2), 0.45,
            (("Berkurangnya temuan pemeriksaan keuangan", 18_000_000, 0.4, 0.6),),
        ),
        ProgramModel(
            "PP", "Pelayanan Publik Prima", "Pelayanan", 24, 0.22, 2.6, 3_500_000, 4,
            ScoreModel(55.0, 20.0, 0.50 + dg, 8.0, 70.0),
            ReactionModel(4.1, 4.0, 3.7, 4.2, 4.4, 3.9),
            BehaviourModel(3.0, 0.7, 0.78),
            OutcomeModel(0.0, 0.0, 0.0),
            (0.1, 0.25, -0.15), 0.08,
            (("Berkurangnya pengaduan layanan", 8_000_000, 0.5, 0.7),
             ("Waktu layanan lebih singkat", 5_000_000, 0.4, 0.6)),
        ),
        ProgramModel(
            "LD", "Literasi Digital", "Teknis", 24, 0.20, 1.6, 3_000_000, 5,
            ScoreModel(58.0, 20.0, 0.25 + dg, 8.0, 70.0),
            ReactionModel(3.7, 3.8, 3.3, 3.8, 3.9, 2.2 + (0.1 if later else 0.0)),
            BehaviourModel(3.0, 0.3, 0.55),
            OutcomeModel(0.0, 0.0, 0.0),
            (0.0, -0.25, 0.1), 0.55,
            (("Efisiensi administrasi dengan aplikasi", 12_000_000, 0.3, 0.5),),
        ),
        ProgramModel(
            "KP", "Kepemimpinan Pengawas", "Kepemimpinan", 48, 0.16, 1.5, 12_000_000, 3,
            ScoreModel(50.0, 20.0, 0.40 + dg, 8.0, 75.0),
            ReactionModel(4.0, 4.0, 3.7, 4.1, 4.1, 3.8),
            BehaviourModel(3.1, 0.5, 0.70),
            OutcomeModel(0.0, 0.0, 0.0),
            (0.2, 0.1, 0.0), 0.12,
            (("Kinerja tim unit kerja yang dipimpin", 40_000_000, 0.4, 0.6),),
        ),
    )


def study_model(year: int) -> StudyModel:
    """Return the parameters of the synthetic study for ``year``.

    Examples
    --------
    >>> study_model(2025).population_asn
    4100
    """
    later = year >= 2026
    return StudyModel(
        year=year,
        population_asn=4100 + 100 * max(0, min(year - 2025, 5)),
        programs=_program_models(year),
        reaction_shift=0.1 if later else 0.0,
        ikm_means=tuple(m + (0.05 if later else 0.0)
                        for m in (3.2, 3.1, 3.0, 3.4, 3.2, 3.3, 3.4, 2.8, 2.9)),
    )


def latent_sd(*sds: float) -> float:
    """Total SD of a latent score that is a sum of independent normal parts.

    Examples
    --------
    >>> round(latent_sd(0.3, 0.4), 6)
    0.5
    """
    return float(np.sqrt(sum(x * x for x in sds)))


def reaction_sd(sm: StudyModel) -> float:
    """Latent SD of a reaction item (general + dimension + item).

    Examples
    --------
    >>> round(reaction_sd(study_model(2026)), 3)
    0.869
    """
    return latent_sd(sm.reaction_general_sd, sm.reaction_dim_sd, sm.reaction_item_sd)


def facilitator_sd(sm: StudyModel) -> float:
    """Latent SD of a facilitator rating (leniency + impression + item).

    Parameters
    ----------
    sm : StudyModel
        The study parameters (``fac_rater_sd``, ``fac_pair_sd``, ``fac_item_sd``).

    Returns
    -------
    float
        ``sqrt(fac_rater_sd^2 + fac_pair_sd^2 + fac_item_sd^2)``.

    Examples
    --------
    >>> round(facilitator_sd(study_model(2026)), 3)  # sqrt(0.35^2 + 0.5^2 + 0.6^2)
    0.856
    """
    return latent_sd(sm.fac_rater_sd, sm.fac_pair_sd, sm.fac_item_sd)


def observation_sd(sm: StudyModel) -> float:
    """Latent SD of an observation indicator (person + rating occasion + item).

    Parameters
    ----------
    sm : StudyModel
        The study parameters (``obs_person_sd``, ``obs_rating_sd``, ``obs_item_sd``).

    Returns
    -------
    float
        ``sqrt(obs_person_sd^2 + obs_rating_sd^2 + obs_item_sd^2)``.

    Examples
    --------
    >>> round(observation_sd(study_model(2026)), 3)  # sqrt(0.5^2 + 0.35^2 + 0.5^2)
    0.789
    """
    return latent_sd(sm.obs_person_sd, sm.obs_rating_sd, sm.obs_item_sd)


def ordered_mean(mu: float | np.ndarray, sd: float, tau: tuple[float, ...]) -> np.ndarray:
    """Exact expected category (1-based) of a normal latent value cut at ``tau``.

    Examples
    --------
    >>> round(float(ordered_mean(3.0, 1e-9, TAU5)), 6)
    3.0
    >>> round(float(ordered_mean(3.0, 0.8, TAU5)), 6)  # symmetric around the middle
    3.0
    """
    from scipy.stats import norm

    mu = np.asarray(mu, dtype="float64")
    return 1.0 + sum(norm.sf((t - mu) / sd) for t in tau)


def score_truth(m: ScoreModel) -> dict[str, float]:
    """Exact moments of the pre/post model (see module docstring).

    ``D = g * (100 - pre)``: ``E[D] = E[g] E[100-pre]`` and
    ``Var(D) = E[g^2] E[(100-pre)^2] - E[D]^2`` (independence).

    Examples
    --------
    >>> tt = score_truth(ScoreModel(50.0, 20.0, 0.4, 8.0, 70.0))
    >>> round(tt["mean_gain"], 6), round(tt["hake_g_class"], 6)
    (20.0, 0.4)
    """
    p, k = m.mean_pre / 100.0, m.conc_pre
    var_pre01 = p * (1 - p) / (k + 1)
    room_mean = 100.0 * (1 - p)
    room_sq = 100.0**2 * (var_pre01 + (1 - p) ** 2)
    g, kg = m.mean_g, m.conc_g
    g_sq = g * (1 - g) / (kg + 1) + g**2
    mean_d = g * room_mean
    sd_d = float(np.sqrt(g_sq * room_sq - mean_d**2))
    return {
        "mean_pre": m.mean_pre,
        "sd_pre": float(100.0 * np.sqrt(var_pre01)),
        "mean_post": m.mean_pre + mean_d,
        "mean_gain": mean_d,
        "sd_gain": sd_d,
        "d_z": mean_d / sd_d,
        "hake_g_class": mean_d / room_mean,
    }


def reaction_item_means(sm: StudyModel, pm: ProgramModel) -> dict[str, float]:
    """Exact expected recoded score of every reaction item of a programme.

    Parameters
    ----------
    sm : StudyModel
        The study parameters.
    pm : ProgramModel
        One of ``sm.programs``.

    Returns
    -------
    dict of str to float
        Variable name -> :func:`ordered_mean` of its latent mean
        (:func:`reaction_latent_means`) with SD :func:`reaction_sd`, on the
        recoded 1-5 scale (``mat_4`` after reversing).

    Examples
    --------
    >>> sm = study_model(2026)
    >>> means = reaction_item_means(sm, sm.programs[0])
    >>> len(means), round(means["mat_1"], 3), all(1 < v < 5 for v in means.values())
    (16, 4.044, True)
    """
    s = reaction_sd(sm)
    out: dict[str, float] = {}
    for var, mu in reaction_latent_means(sm, pm).items():
        out[var] = float(ordered_mean(mu, s, TAU5))
    return out


def reaction_latent_means(sm: StudyModel, pm: ProgramModel) -> dict[str, float]:
    """Latent mean (recoded scale) of every reaction item, keyed by variable name.

    Parameters
    ----------
    sm : StudyModel
        The study parameters (its ``reaction_shift`` is added to every item).
    pm : ProgramModel
        One of ``sm.programs``.

    Returns
    -------
    dict of str to float
        ``mat_1``-``mat_4``, ``org_1``-``org_3``, ``sar_*``, ``man_*``,
        ``kpd_*`` -> latent mean; ``mat_4`` uses ``mu_not_outdated``.

    Examples
    --------
    >>> sm = study_model(2026)
    >>> mu = reaction_latent_means(sm, sm.programs[0])  # PM: materi 4.0, shift 0.1
    >>> len(mu), round(mu["mat_1"], 2), round(mu["mat_4"], 2)
    (16, 4.1, 4.0)
    """
    r, sh = pm.reaction, sm.reaction_shift
    out = {f"mat_{i}": r.materi + sh for i in (1, 2, 3)}
    out["mat_4"] = r.mu_not_outdated + sh
    out.update({f"org_{i}": r.penyelenggaraan + sh for i in (1, 2, 3)})
    out.update({f"sar_{i}": r.sarana + sh for i in (1, 2, 3)})
    out.update({f"man_{i}": r.manfaat + sh for i in (1, 2, 3)})
    out.update({f"kpd_{i}": r.kepercayaan_diri + sh for i in (1, 2, 3)})
    return out


DIMENSION_PREFIX = {"materi": "mat", "penyelenggaraan": "org", "sarana": "sar",
                    "manfaat": "man", "kepercayaan_diri": "kpd"}


def _roi_truth(pm: ProgramModel) -> dict[str, float]:
    """Phillips BCR and ROI % of one year's benefits (value x attribution x confidence).

    Costs and benefits both scale with the number of participants, so these do not
    depend on the realised enrolment.
    """
    benefit = sum(v * a * c for _, v, a, c in pm.benefits)
    bcr = benefit / pm.cost_per_participant
    return {"bcr": bcr, "roi_pct": (bcr - 1.0) * 100.0,
            "cost_per_participant": float(pm.cost_per_participant)}


def _program_truth(sm: StudyModel, pm: ProgramModel) -> dict:
    items = reaction_item_means(sm, pm)
    dims = {d: float(np.mean([v for k, v in items.items() if k.startswith(p + "_")]))
            for d, p in DIMENSION_PREFIX.items()}
    s_obs = observation_sd(sm)
    b = pm.behaviour
    behaviour = {}
    for rater, off in zip(RATERS, sm.rater_offsets, strict=True):
        base = float(ordered_mean(b.baseline + off, s_obs, TAU5))
        follow = float(ordered_mean(b.baseline + b.change + off, s_obs, TAU5))
        behaviour[rater] = {"baseline": base, "followup": follow, "change": follow - base}
    s_fac = facilitator_sd(sm)
    fac = [[float(ordered_mean(sm.fac_base + sm.reaction_shift + fo + do, s_fac, TAU5))
            for do in sm.fac_dim_offsets] for fo in pm.facilitator_offsets]
    return {
        "name": pm.name,
        "tests": score_truth(pm.tests),
        "reaction_items": items,
        "reaction_dimensions": dims,
        "reaction_mat_4_raw_mean": 6.0 - items["mat_4"],
        "facilitators_by_slot": [
            {"slot": i + 1, "mean_overall": float(np.mean(row)),
             "dimensions": {f"fac_{j + 1}": v for j, v in enumerate(row)}}
            for i, row in enumerate(fac)],
        "behaviour": behaviour,
        "share_applying": b.p_applies,
        "outcomes": {"did_budget_ratio": pm.outcomes.did_budget_ratio,
                     "did_on_time": pm.outcomes.did_on_time,
                     "did_service_satisfaction": pm.outcomes.did_service},
        "p_theme_materi_usang": pm.p_outdated_theme,
        "roi": _roi_truth(pm),
        "applicant_ratio": pm.applicant_ratio,
    }


def true_effects(year: int) -> dict:
    """Return the true effects of the synthetic study of ``year`` (JSON-ready).

    Overall reaction/IKM values are mixtures over programmes weighted by the
    programme shares (the expected respondent mix).  ``jp`` holds the
    expected share of ASN reaching 20 JP for people who did *not* attend a
    programme; every programme gives at least 24 JP, so participants always
    reach it (see :func:`expected_jp_share`).

    Examples
    --------
    >>> t = true_effects(2025)
    >>> round(t["ikm"]["converted_index"], 2)
    77.91
    """
    from scipy.stats import gamma

    sm = study_model(year)
    progs = {pm.code: _program_truth(sm, pm) for pm in sm.programs}
    shares = np.array([pm.share for pm in sm.programs]) / sum(pm.share for pm in sm.programs)
    overall = {d: float(sum(w * progs[pm.code]["reaction_dimensions"][d]
                            for w, pm in zip(shares, sm.programs, strict=True)))
               for d in REACTION_DIMENSIONS}
    s_ikm = latent_sd(sm.ikm_person_sd, sm.ikm_item_sd)
    nrr = {el: float(ordered_mean(m, s_ikm, TAU4)) for el, m in zip(IKM_ELEMENTS, sm.ikm_means, strict=True)}
    index = sum(nrr.values()) / 9.0
    p_other = float(gamma.sf(19.5, sm.jp_other_shape, scale=sm.jp_other_scale))
    return {
        "synthetic": True,
        "year": year,
        "model": "kemuning_eval.synth.truth (see docs/synthetic-data.md)",
        "programs": progs,
        "reaction_dimensions_overall": overall,
        "ikm": {"nrr": nrr, "index": index, "converted_index": 25.0 * index},
        "jp": {"p_reach_20_non_participant": p_other, "participants_reach_20": True},
        "outcomes_model": {
            "periods": [f"{year - 1}-S1", f"{year - 1}-S2", f"{year}-S1", f"{year}-S2"],
            "first_post_period": f"{year}-S2",
            "comparison": "activities not led by an alumnus (Dipimpin Alumni = Tidak)",
        },
    }


def expected_jp_share(year: int, participants: int, population: int) -> float:
    """Expected share of the population reaching 20 JP, given who attended.

    Examples
    --------
    >>> 0.55 < expected_jp_share(2026, 600, 4200) < 0.7
    True
    """
    p = true_effects(year)["jp"]["p_reach_20_non_participant"]
    return (participants + (population - participants) * p) / population
