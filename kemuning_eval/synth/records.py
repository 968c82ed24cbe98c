"""Training-system and monitoring records: tests, observations, unit outcomes.

Examples
--------
>>> import numpy as np
>>> from kemuning_eval.synth.truth import study_model
>>> from kemuning_eval.synth.population import make_population, roster_table
>>> rng = np.random.default_rng(7)
>>> sm = study_model(2025)
>>> roster = roster_table(rng, make_population(rng, sm, participants=60))
>>> tests = score_table(rng, sm, roster)
>>> bool((tests["Nilai Post-Test"].dropna() <= 100).all())
True
>>> obs = observation_table(rng, sm, roster)
>>> sorted(obs["Penilai"].unique().tolist())
[1, 2, 3]
>>> out = outcome_table(rng, sm)
>>> sorted(out["Periode"].unique())
['2024-S1', '2024-S2', '2025-S1', '2025-S2']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kemuning_eval.synth.likert import ordered_categories
from kemuning_eval.synth.population import UNITS, program_dates, program_index
from kemuning_eval.synth.questions import OBS_INDICATORS
from kemuning_eval.synth.truth import TAU5, StudyModel


def score_table(rng: np.random.Generator, sm: StudyModel, roster: pd.DataFrame) -> pd.DataFrame:
    """Return pre/post scores (0-100, one decimal); about 3 % pre and 4 % post missing.

    ``pre = 100 * Beta`` and ``post = pre + g * (100 - pre)`` with the gain
    fraction ``g ~ Beta`` (the programme's :class:`~kemuning_eval.synth.truth.ScoreModel`),
    so ``post >= pre`` and both stay within 0-100 without clipping.

    Parameters
    ----------
    rng : numpy.random.Generator
        Source of the draws.
    sm : StudyModel
        The study parameters.
    roster : DataFrame
        The Peserta sheet from :func:`~kemuning_eval.synth.population.roster_table`.

    Returns
    -------
    DataFrame
        ``No``, ``NIP`` (digits only), ``Nama Peserta``, ``Kode Pelatihan``,
        ``Nilai Pre-Test``, ``Nilai Post-Test``; one row per participant.

    Examples
    --------
    >>> import dataclasses
    >>> from kemuning_eval.synth.truth import study_model
    >>> from kemuning_eval.synth.population import make_population, roster_table
    >>> sm = dataclasses.replace(study_model(2026), population_asn=50)
    >>> roster = roster_table(np.random.default_rng(1), make_population(np.random.default_rng(0), sm, participants=20))
    >>> tests = score_table(np.random.default_rng(2), sm, roster)
    >>> len(tests), tests.columns[-2:].tolist()
    (20, ['Nilai Pre-Test', 'Nilai Post-Test'])
    >>> both = tests.dropna()
    >>> bool((both["Nilai Post-Test"] >= both["Nilai Pre-Test"]).all() and both.iloc[:, -2:].le(100).all().all())
    True
    """
    n = len(roster)
    pidx = program_index(sm, roster["Kode Pelatihan"].to_numpy(str))
    mp = np.array([p.tests.mean_pre / 100 for p in sm.programs])[pidx]
    kp = np.array([p.tests.conc_pre for p in sm.programs])[pidx]
    mg = np.array([p.tests.mean_g for p in sm.programs])[pidx]
    kg = np.array([p.tests.conc_g for p in sm.programs])[pidx]
    pre = 100.0 * rng.beta(mp * kp, (1 - mp) * kp)
    g = rng.beta(mg * kg, (1 - mg) * kg)
    post = pre + g * (100.0 - pre)
    pre, post = np.round(pre, 1), np.round(post, 1)
    pre[rng.random(n) < 0.03] = np.nan
    post[rng.random(n) < 0.04] = np.nan
    return pd.DataFrame({
        "No": np.arange(1, n + 1),
        "NIP": roster["NIP"].str.replace(" ", "", regex=False).to_numpy(object),
        "Nama Peserta": roster["Nama"].to_numpy(str),
        "Kode Pelatihan": roster["Kode Pelatihan"].to_numpy(str),
        "Nilai Pre-Test": pre, "Nilai Post-Test": post,
    })


def observation_table(rng: np.random.Generator, sm: StudyModel, roster: pd.DataFrame,
                      *, max_people: int = 1500) -> pd.DataFrame:
    """Return observation rows (SPSS codes): 40 % of participants (at most ``max_people``),
    rated by supervisor (1), peer (2) and self (3) at baseline (1) and follow-up (2,
    about 3 months after the end); 5 % have no follow-up.  ``Menerapkan`` (applies)
    is one Bernoulli draw per person, recorded on every follow-up row.

    Latent indicator: ``mu + person (all raters and waves) + occasion (person x
    rater x wave, shared by the 4 indicators of a row) + item noise``.

    Parameters
    ----------
    rng : numpy.random.Generator
        Source of the draws.
    sm : StudyModel
        The study parameters.
    roster : DataFrame
        The Peserta sheet from :func:`~kemuning_eval.synth.population.roster_table`.
    max_people : int, default 1500
        Most people observed.

    Returns
    -------
    DataFrame
        ``NIP``, ``Kode_Pelatihan``, ``Penilai``, ``Gelombang``, ``Tanggal``,
        ``Indikator_1``-``Indikator_4`` (1-5, float) and ``Menerapkan``
        (0/1 on follow-up rows, NaN at baseline), sorted by person, wave, rater.

    Examples
    --------
    >>> import dataclasses
    >>> from kemuning_eval.synth.truth import study_model
    >>> from kemuning_eval.synth.population import make_population, roster_table
    >>> sm = dataclasses.replace(study_model(2026), population_asn=50)
    >>> roster = roster_table(np.random.default_rng(1), make_population(np.random.default_rng(0), sm, participants=20))
    >>> obs = observation_table(np.random.default_rng(2), sm, roster)
    >>> obs["NIP"].nunique(), sorted(obs["Penilai"].unique().tolist())  # 40 % of 20 people
    (8, [1, 2, 3])
    >>> bool(obs.loc[obs["Gelombang"] == 1, "Menerapkan"].isna().all())
    True
    """
    m = min(int(round(0.4 * len(roster))), max_people)
    people = np.sort(rng.choice(len(roster), m, replace=False))
    codes = roster["Kode Pelatihan"].to_numpy(str)[people]
    pidx = program_index(sm, codes)
    base = np.array([p.behaviour.baseline for p in sm.programs])[pidx]
    change = np.array([p.behaviour.change for p in sm.programs])[pidx]
    applies = (rng.random(m) < np.array([p.behaviour.p_applies for p in sm.programs])[pidx])
    person = rng.normal(0.0, sm.obs_person_sd, m)
    followed = rng.random(m) >= 0.05
    dates = program_dates(sm)
    start = pd.Series(codes).map({k: v[0] for k, v in dates.items()}).to_numpy("datetime64[D]")
    end = pd.Series(codes).map({k: v[1] for k, v in dates.items()}).to_numpy("datetime64[D]")
    k = len(OBS_INDICATORS)
    parts = []
    for wave in (1, 2):
        for rater, off in zip((1, 2, 3), sm.rater_offsets, strict=True):
            sel = np.arange(m) if wave == 1 else np.flatnonzero(followed)
            mu = base[sel] + off + (change[sel] if wave == 2 else 0.0)
            occasion = person[sel] + rng.normal(0.0, sm.obs_rating_sd, len(sel))
            cats = ordered_categories(np.repeat(mu[:, None], k, axis=1), occasion, rng,
                                      item_sd=sm.obs_item_sd, tau=TAU5)
            day = (start[sel] - rng.integers(3, 10, len(sel)).astype("timedelta64[D]")
                   if wave == 1 else
                   end[sel] + rng.integers(85, 100, len(sel)).astype("timedelta64[D]"))
            block = pd.DataFrame({
                "_i": sel,
                "NIP": roster["NIP"].str.replace(" ", "", regex=False).to_numpy(object)[people[sel]],
                "Kode_Pelatihan": codes[sel], "Penilai": rater, "Gelombang": wave,
                "Tanggal": pd.to_datetime(day).date})
            for j, (raw, _, _) in enumerate(OBS_INDICATORS):
                block[raw] = cats[:, j].astype("float64")
            block["Menerapkan"] = applies[sel].astype("float64") if wave == 2 else np.nan
            parts.append(block)
    df = pd.concat(parts, ignore_index=True).sort_values(["_i", "Gelombang", "Penilai"])
    return df.drop(columns="_i").reset_index(drop=True)


def outcome_table(rng: np.random.Generator, sm: StudyModel) -> pd.DataFrame:
    """Return unit outcomes per activity and semester (two years, last one post).

    Every unit has 6 activities; 25 % are led by a PM alumnus, 15 % by a PKD
    alumnus, the rest by someone untrained.  ``budget_ratio = base + activity
    effect + period effect + 0.02 * treated + DiD * treated * post + noise``;
    on-time is Bernoulli with a linear probability of the same form.

    Parameters
    ----------
    rng : numpy.random.Generator
        Source of the draws.
    sm : StudyModel
        The study parameters (DiD effects of ``PM`` and ``PKD``, base values).

    Returns
    -------
    DataFrame
        ``Unit Kerja``, ``Kode Kegiatan``, ``Periode`` (``YYYY-S1``/``S2``),
        ``Dipimpin Alumni`` (``Ya``/``Tidak``), ``Kode Pelatihan``,
        ``Pagu (Rp)``, ``Realisasi (Rp)``, ``Tepat Waktu`` (``Ya``/``Tidak``),
        ``Indeks Kepuasan Layanan``; 6 activities per unit and 4 periods.

    Examples
    --------
    >>> from kemuning_eval.synth.truth import study_model
    >>> out = outcome_table(np.random.default_rng(0), study_model(2026))
    >>> len(out) == len(UNITS) * 6 * 4, sorted(out["Periode"].unique())
    (True, ['2025-S1', '2025-S2', '2026-S1', '2026-S2'])
    >>> sorted(out.loc[out["Dipimpin Alumni"] == "Ya", "Kode Pelatihan"].unique())
    ['PKD', 'PM']
    """
    year = sm.year
    periods = [f"{year - 1}-S1", f"{year - 1}-S2", f"{year}-S1", f"{year}-S2"]
    units = np.repeat(np.asarray(UNITS), 6)
    a = len(units)
    kind = rng.choice(3, a, p=[0.25, 0.15, 0.60])
    prog_model = {0: sm.programs[0], 1: sm.programs[1]}
    code = np.where(kind == 0, "PM", np.where(kind == 1, "PKD", ""))
    did_ratio = np.array([prog_model[k].outcomes.did_budget_ratio if k < 2 else 0.0 for k in kind])
    did_time = np.array([prog_model[k].outcomes.did_on_time if k < 2 else 0.0 for k in kind])
    did_serv = np.array([prog_model[k].outcomes.did_service if k < 2 else 0.0 for k in kind])
    treated = kind < 2
    act_ratio = rng.normal(0.0, 0.03, a)
    act_serv = rng.normal(0.0, 3.0, a)
    planned = np.round(np.exp(rng.normal(np.log(8e8), 0.6, a)), -6)
    ids = [f"KEG-{i // 6 + 1:02d}.{i % 6 + 1:02d}" for i in range(a)]
    rows = []
    for t, period in enumerate(periods):
        post = t == len(periods) - 1
        plan_t = np.round(planned * rng.uniform(0.9, 1.1, a), -5)
        ratio = (sm.outcome_base_ratio + act_ratio + sm.outcome_period_ratio[t]
                 + 0.02 * treated + did_ratio * treated * post + rng.normal(0.0, 0.03, a))
        p_time = (sm.outcome_base_on_time + sm.outcome_period_on_time[t] + 0.05 * treated
                  + did_time * treated * post)
        serv = (sm.outcome_base_service + act_serv + sm.outcome_period_service[t]
                + did_serv * treated * post + rng.normal(0.0, 2.0, a))
        rows.append(pd.DataFrame({
            "Unit Kerja": units, "Kode Kegiatan": ids,
            "Periode": period, "Dipimpin Alumni": np.where(treated, "Ya", "Tidak"),
            "Kode Pelatihan": code, "Pagu (Rp)": plan_t.astype(np.int64),
            "Realisasi (Rp)": np.round(plan_t * ratio).astype(np.int64),
            "Tepat Waktu": np.where(rng.random(a) < p_time, "Ya", "Tidak"),
            "Indeks Kepuasan Layanan": np.round(serv, 2)}))
    return pd.concat(rows, ignore_index=True)
