"""The Google-Forms exports: reaction survey and facilitator ratings.

Examples
--------
>>> import numpy as np
>>> from kemuning_eval.synth.truth import study_model
>>> from kemuning_eval.synth.population import make_population, roster_table, facilitator_table
>>> rng = np.random.default_rng(5)
>>> sm = study_model(2026)
>>> pop = make_population(rng, sm, participants=40)
>>> roster = roster_table(rng, pop)
>>> rx = reaction_table(rng, sm, roster)
>>> rx.columns[:5].tolist()
['Stempel waktu', 'Alamat email', 'Nama Lengkap', 'NIP', 'Pelatihan yang diikuti']
>>> fr = facilitator_form(rng, sm, roster, facilitator_table(rng, sm))
>>> fr.shape[1]
13
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kemuning_eval.synth.likert import factor_scores, messy_labels, ordered_categories
from kemuning_eval.synth.population import program_dates, program_index
from kemuning_eval.synth.questions import FAC_ITEMS, IKM_ITEMS, KUALITAS5, REACTION_ITEMS, SETUJU5
from kemuning_eval.synth.texts import suggestions
from kemuning_eval.synth.truth import TAU4, TAU5, StudyModel, reaction_latent_means

TIME_FORMAT = "%d/%m/%Y %H:%M:%S"


def _timestamps(rng: np.random.Generator, sm: StudyModel, programs: np.ndarray,
                max_days: int) -> np.ndarray:
    """Submission times: after the programme's last day, during office hours."""
    ends = program_dates(sm)
    end = pd.Series(programs).map({k: v[1] for k, v in ends.items()}).to_numpy("datetime64[s]")
    n = len(programs)
    offset = (rng.integers(0, max_days + 1, n) * 86_400 + 8 * 3600
              + rng.integers(0, 9 * 3600, n)).astype("timedelta64[s]")
    return end + offset


def _format_times(t: np.ndarray) -> np.ndarray:
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = pa.array(np.asarray(t, dtype="datetime64[s]"))
    return pc.strftime(arr, format=TIME_FORMAT).to_numpy(zero_copy_only=False)


def _nip_as_typed(rng: np.random.Generator, nip_text: np.ndarray) -> np.ndarray:
    """NIPs as respondents type them: digits only or with spaces, whatever the roster had."""
    digits = pd.Series(nip_text, dtype="str").str.replace(" ", "", regex=False).to_numpy(object)
    from kemuning_eval.synth.identity import spaced_nips

    spaced = rng.random(len(digits)) < 0.4
    return np.where(spaced, spaced_nips(digits), digits.astype(object))


def reaction_table(rng: np.random.Generator, sm: StudyModel, roster: pd.DataFrame) -> pd.DataFrame:
    """Return the reaction survey export (duplicates, mess and two invalid NIPs included).

    About 2 % of respondents submit twice, 2-15 minutes apart; the first of the
    pair is then incomplete in half of the cases and the second may change one
    answer by one step.  With at least 20 respondents two NIPs carry a typo
    (a dropped digit, a month 13).

    Parameters
    ----------
    rng : numpy.random.Generator
        Source of the draws.
    sm : StudyModel
        The study parameters (response rate, reaction and IKM models).
    roster : DataFrame
        The Peserta sheet from :func:`~kemuning_eval.synth.population.roster_table`.

    Returns
    -------
    DataFrame
        Google-Forms columns: ``Stempel waktu``, ``Alamat email``,
        ``Nama Lengkap``, ``NIP``, ``Pelatihan yang diikuti`` (programme
        name), the 16 reaction questions (labels such as ``Sangat Setuju``,
        messy), the 9 IKM questions (``"1"``-``"4"``) and ``Saran dan
        masukan``; sorted by submission time.

    Examples
    --------
    >>> import dataclasses
    >>> from kemuning_eval.synth.truth import study_model
    >>> from kemuning_eval.synth.population import make_population, roster_table
    >>> sm = dataclasses.replace(study_model(2026), population_asn=50)
    >>> roster = roster_table(np.random.default_rng(1), make_population(np.random.default_rng(0), sm, participants=20))
    >>> rx = reaction_table(np.random.default_rng(2), sm, roster)
    >>> rx.shape[1], rx.columns[-1]
    (31, 'Saran dan masukan')
    >>> valid = {label.casefold() for names in SETUJU5.values() for label in names}
    >>> sorted(set(rx.iloc[:, 5:21].stack().str.strip().str.casefold()) - valid)
    ['']
    >>> sorted(set(rx.iloc[:, 21:30].stack()))
    ['', '1', '2', '3', '4']
    """
    resp = np.flatnonzero(rng.random(len(roster)) < sm.response_rate)
    n = len(resp)
    prog_code = roster["Kode Pelatihan"].to_numpy(str)[resp]
    pidx = program_index(sm, prog_code)
    mu = np.array([[reaction_latent_means(sm, p)[v] for v, _, _, _ in REACTION_ITEMS]
                   for p in sm.programs])
    dims = list(dict.fromkeys(d for _, _, d, _ in REACTION_ITEMS))
    shared = factor_scores(rng, n, [dims.index(d) for _, _, d, _ in REACTION_ITEMS],
                           general_sd=sm.reaction_general_sd, group_sd=sm.reaction_dim_sd)
    # on the recoded scale (higher = better); the reverse item is flipped below, so its
    # raw answers correlate negatively with the other items of its dimension
    cats = ordered_categories(mu[pidx], shared, rng, item_sd=sm.reaction_item_sd, tau=TAU5)
    rev = np.array([r for _, _, _, r in REACTION_ITEMS])
    cats[:, rev] = 6 - cats[:, rev]
    ikm_mu = np.broadcast_to(np.asarray(sm.ikm_means), (n, len(IKM_ITEMS)))
    ikm_person = rng.normal(0.0, sm.ikm_person_sd, n)
    ikm = ordered_categories(ikm_mu, ikm_person, rng, item_sd=sm.ikm_item_sd, tau=TAU4)

    times = _timestamps(rng, sm, prog_code, 3)
    name = roster["Nama"].to_numpy(object)[resp]
    nip = _nip_as_typed(rng, roster["NIP"].to_numpy(str)[resp])
    email = roster["Email"].to_numpy(object)[resp]
    p_out = np.array([sm.programs[i].p_outdated_theme for i in pidx]) * 0.5
    text = suggestions(rng, p_out)

    # duplicate submissions
    dup = np.flatnonzero(rng.random(n) < 0.02)
    order = np.concatenate([np.arange(n), dup])
    cats, ikm = cats[order].copy(), ikm[order].copy()
    times = times[order].copy()
    nd = len(dup)
    times[n:] = times[n:] + rng.integers(120, 900, nd).astype("timedelta64[s]")
    change_col = rng.integers(0, cats.shape[1], nd)
    step = rng.choice([-1, 0, 1], nd)
    cats[n + np.arange(nd), change_col] = np.clip(cats[n + np.arange(nd), change_col] + step, 1, 5)
    labels = messy_labels(cats, SETUJU5, rng)
    ikm_text = ikm.astype(str).astype(object)
    ikm_text[rng.random(ikm.shape) < 0.01] = ""
    incomplete = dup[rng.random(nd) < 0.5]
    labels[incomplete, -3:] = ""
    ikm_text[incomplete, -2:] = ""
    nip = nip[order].copy()
    name = name[order].copy()
    upper = rng.random(len(name)) < 0.05
    name[upper] = np.char.upper(name[upper].astype(str))
    if n >= 20:  # two typos: a dropped digit and a month 13
        bad = rng.choice(n, 2, replace=False)
        nip[bad[0]] = str(nip[bad[0]]).replace(" ", "")[:-1]
        d = str(nip[bad[1]]).replace(" ", "")
        nip[bad[1]] = d[:4] + "13" + d[6:]
    df = pd.DataFrame({"_t": times, "Stempel waktu": _format_times(times),
                       "Alamat email": email[order], "Nama Lengkap": name,
                       "NIP": nip,
                       "Pelatihan yang diikuti": pd.Series(prog_code[order]).map(
                           {p.code: p.name for p in sm.programs}).to_numpy(object)})
    for j, (_, question, _, _) in enumerate(REACTION_ITEMS):
        df[question] = labels[:, j]
    for j, (_, question, _) in enumerate(IKM_ITEMS):
        df[question] = ikm_text[:, j]
    df["Saran dan masukan"] = text[order]
    df = df.sort_values("_t", kind="stable").drop(columns="_t")
    return df.reset_index(drop=True)


def facilitator_form(rng: np.random.Generator, sm: StudyModel, roster: pd.DataFrame,
                     facilitators: pd.DataFrame) -> pd.DataFrame:
    """Return the facilitator-rating export: each respondent rates every facilitator
    of their programme on the 9 widyaiswara dimensions (Sangat Kurang .. Sangat Baik).

    Latent rating: ``mu + leniency (respondent) + impression (respondent x
    facilitator, shared by the 9 dimensions) + item noise``.

    Parameters
    ----------
    rng : numpy.random.Generator
        Source of the draws.
    sm : StudyModel
        The study parameters (response rate, facilitator model).
    roster : DataFrame
        The Peserta sheet from :func:`~kemuning_eval.synth.population.roster_table`.
    facilitators : DataFrame
        The Fasilitator sheet from
        :func:`~kemuning_eval.synth.population.facilitator_table`.

    Returns
    -------
    DataFrame
        ``Stempel waktu``, ``NIP``, ``Kode Pelatihan``, ``Nama Fasilitator``
        and the 9 rating columns, one row per respondent and facilitator.

    Examples
    --------
    >>> import dataclasses
    >>> from kemuning_eval.synth.truth import study_model
    >>> from kemuning_eval.synth.population import make_population, roster_table
    >>> sm = dataclasses.replace(study_model(2026), population_asn=50)
    >>> roster = roster_table(np.random.default_rng(1), make_population(np.random.default_rng(0), sm, participants=20))
    >>> from kemuning_eval.synth.population import facilitator_table
    >>> fac = facilitator_table(np.random.default_rng(3), sm)
    >>> fr = facilitator_form(np.random.default_rng(4), sm, roster, fac)
    >>> fr.shape[1], fr.groupby("NIP")["Nama Fasilitator"].nunique().unique().tolist()
    (13, [3])
    >>> valid = {names[0].casefold() for names in KUALITAS5.values()} | {""}
    >>> set(fr.iloc[:, 4:].stack().str.strip().str.casefold()) <= valid
    True
    """
    resp = np.flatnonzero(rng.random(len(roster)) < sm.facilitator_response_rate)
    prog = roster["Kode Pelatihan"].to_numpy(str)[resp]
    nip = _nip_as_typed(rng, roster["NIP"].to_numpy(str)[resp])
    leniency = rng.normal(0.0, sm.fac_rater_sd, len(resp))
    times = _timestamps(rng, sm, prog, 2)
    parts = []
    for p in sm.programs:
        sel = np.flatnonzero(prog == p.code)
        fac = facilitators[facilitators["Kode Pelatihan"] == p.code]
        for slot, (fname, off) in enumerate(zip(fac["Nama"], p.facilitator_offsets, strict=True)):
            mu = (sm.fac_base + sm.reaction_shift + off + np.asarray(sm.fac_dim_offsets))
            impression = leniency[sel] + rng.normal(0.0, sm.fac_pair_sd, len(sel))
            cats = ordered_categories(np.broadcast_to(mu, (len(sel), len(mu))), impression,
                                      rng, item_sd=sm.fac_item_sd, tau=TAU5)
            labels = messy_labels(cats, KUALITAS5, rng, p_abbrev_row=0.0, p_missing=0.005)
            block = pd.DataFrame({"_row": sel, "_slot": slot,
                                  "Stempel waktu": times[sel] + np.timedelta64(slot * 40, "s"),
                                  "NIP": nip[sel], "Kode Pelatihan": p.code,
                                  "Nama Fasilitator": fname})
            for j, (_, header, _) in enumerate(FAC_ITEMS):
                block[header] = labels[:, j]
            parts.append(block)
    df = pd.concat(parts, ignore_index=True).sort_values(["Stempel waktu", "_row", "_slot"])
    df["Stempel waktu"] = _format_times(df["Stempel waktu"].to_numpy())
    return df.drop(columns=["_row", "_slot"]).reset_index(drop=True)
