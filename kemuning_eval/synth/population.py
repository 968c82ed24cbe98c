"""The synthetic region: its ASN, the programmes, who attended, facilitators, benefits.

Examples
--------
>>> import numpy as np
>>> from kemuning_eval.synth.truth import study_model
>>> rng = np.random.default_rng(3)
>>> sm = study_model(2026)
>>> pop = make_population(rng, sm, participants=50)
>>> len(pop["nip"]) >= sm.population_asn, int(pop["program"].astype(bool).sum())
(True, 50)
>>> progs = program_table(sm, pop)
>>> bool((progs["Jumlah Pendaftar"] > progs["Kuota"]).all())
True
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kemuning_eval.synth.identity import make_emails, make_names, make_people, make_phones
from kemuning_eval.synth.truth import StudyModel

UNITS = (
    "Sekretariat Daerah", "Sekretariat DPRD", "Inspektorat", "Bappeda", "BPKAD", "Bapenda",
    "BKPSDM", "BPBD", "Dinas Pendidikan dan Kebudayaan", "Dinas Kesehatan",
    "Dinas Pekerjaan Umum dan Penataan Ruang", "Dinas Perumahan dan Kawasan Permukiman",
    "Dinas Sosial", "Dinas Kependudukan dan Pencatatan Sipil",
    "Dinas Penanaman Modal dan PTSP", "Dinas Perhubungan", "Dinas Lingkungan Hidup",
    "Dinas Pertanian dan Pangan", "Dinas Komunikasi dan Informatika",
    "Dinas Koperasi dan UKM", "Dinas Perindustrian dan Perdagangan",
    "Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "Satpol PP", "RSUD Kemuning",
    "Kecamatan Kemuning Kota", "Kecamatan Sukamaju", "Kecamatan Tanjung Sari",
    "Kecamatan Pasir Putih",
)
POSITIONS = (
    "Analis Kebijakan", "Perencana", "Pengelola Keuangan", "Analis Keuangan", "Auditor",
    "Pranata Komputer", "Pengadministrasi Umum", "Analis SDM Aparatur", "Kepala Seksi",
    "Kepala Subbagian", "Pengawas", "Penata Laporan Keuangan", "Pengelola Pengadaan",
    "Analis Pelayanan", "Verifikator Keuangan",
)
GRADES_PNS = ("II/c", "II/d", "III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b")
GRADES_PPPK = ("VII", "IX", "X")


def make_population(rng: np.random.Generator, sm: StudyModel, *, participants: int) -> dict:
    """Return every ASN of the region as arrays; ``program`` is "" for non-participants.

    The population is ``max(population_asn, ceil(1.1 * participants))`` people;
    participants are drawn at random and allocated to programmes by share.

    Parameters
    ----------
    rng : numpy.random.Generator
        Source of the draws.
    sm : StudyModel
        The study parameters (population size, programmes and their shares).
    participants : int
        Participants of all programmes together.

    Returns
    -------
    dict of str to ndarray
        The fields of :func:`~kemuning_eval.synth.identity.make_people` plus
        ``unit``, ``position``, ``grade``, ``program`` (code or ``""``) and
        ``jp_total`` (learning hours of the year, the programme's JP included).

    Examples
    --------
    >>> import dataclasses
    >>> from kemuning_eval.synth.truth import study_model
    >>> sm = dataclasses.replace(study_model(2026), population_asn=50)
    >>> pop = make_population(np.random.default_rng(0), sm, participants=20)
    >>> len(pop["nip"]), int((pop["program"] != "").sum())
    (50, 20)
    >>> jp = dict(zip([p.code for p in sm.programs], [p.jp for p in sm.programs]))
    >>> all(pop["jp_total"][i] >= jp[c] for i, c in enumerate(pop["program"]) if c)
    True
    """
    n = max(sm.population_asn, int(np.ceil(participants * 1.1)))
    people = make_people(rng, n, year=sm.year)
    people["unit"] = np.asarray(UNITS)[rng.integers(0, len(UNITS), n)]
    people["position"] = np.asarray(POSITIONS)[rng.integers(0, len(POSITIONS), n)]
    grade = np.where(people["pppk"],
                     np.asarray(GRADES_PPPK)[rng.integers(0, len(GRADES_PPPK), n)],
                     np.asarray(GRADES_PNS)[rng.integers(0, len(GRADES_PNS), n)])
    people["grade"] = grade
    shares = np.array([p.share for p in sm.programs])
    codes = np.asarray([p.code for p in sm.programs])
    program = np.full(n, "", dtype=object)
    chosen = rng.choice(n, participants, replace=False) if participants else np.array([], int)
    chosen.sort()
    program[chosen] = codes[rng.choice(len(codes), participants, p=shares / shares.sum())]
    people["program"] = program.astype(str)
    jp_prog = dict(zip(codes, [p.jp for p in sm.programs], strict=True))
    other = np.rint(rng.gamma(sm.jp_other_shape, sm.jp_other_scale, n)).astype(np.int64)
    add = pd.Series(people["program"]).map(jp_prog).fillna(0).to_numpy(np.int64)
    people["jp_total"] = other + add
    return people


def roster_table(rng: np.random.Generator, pop: dict) -> pd.DataFrame:
    """Return the Peserta sheet: one row per participant (PII included, as exported).

    About 60 % of the NIPs are written with spaces (``8 6 1 3`` digits);
    attendance is 90-100 % for nine in ten participants, else 55-89 %.

    Parameters
    ----------
    rng : numpy.random.Generator
        Source of the draws (NIP style, attendance, phone, e-mail).
    pop : dict
        The population from :func:`make_population`.

    Returns
    -------
    DataFrame
        Columns ``No``, ``Nama``, ``NIP``, ``Jenis Kelamin``, ``Unit Kerja``,
        ``Jabatan``, ``Golongan``, ``Kode Pelatihan``, ``Kehadiran (%)``,
        ``No. HP``, ``Email``.

    Examples
    --------
    >>> import dataclasses
    >>> from kemuning_eval.synth.truth import study_model
    >>> sm = dataclasses.replace(study_model(2026), population_asn=50)
    >>> pop = make_population(np.random.default_rng(0), sm, participants=20)
    >>> roster = roster_table(np.random.default_rng(1), pop)
    >>> len(roster), roster.columns[:4].tolist()
    (20, ['No', 'Nama', 'NIP', 'Jenis Kelamin'])
    >>> bool(roster["NIP"].str.replace(" ", "").str.fullmatch("[0-9]{18}").all())
    True
    """
    from kemuning_eval.synth.identity import spaced_nips

    idx = np.flatnonzero(pop["program"] != "")
    m = len(idx)
    nip = pop["nip"][idx]
    spaced = rng.random(m) < 0.6
    nip_text = np.where(spaced, spaced_nips(nip), nip.astype(object))
    attendance = np.where(rng.random(m) < 0.9, rng.integers(90, 101, m), rng.integers(55, 90, m))
    return pd.DataFrame({
        "No": np.arange(1, m + 1),
        "Nama": pop["name"][idx],
        "NIP": nip_text.astype(str),
        "Jenis Kelamin": pop["gender"][idx],
        "Unit Kerja": pop["unit"][idx],
        "Jabatan": pop["position"][idx],
        "Golongan": pop["grade"][idx],
        "Kode Pelatihan": pop["program"][idx],
        "Kehadiran (%)": attendance,
        "No. HP": make_phones(rng, m),
        "Email": make_emails(rng, pop["name"][idx]),
    })


def program_index(sm: StudyModel, codes: np.ndarray) -> np.ndarray:
    """Return the position in ``sm.programs`` of each programme code.

    Parameters
    ----------
    sm : StudyModel
        The study parameters.
    codes : array of str
        Programme codes (``Kode Pelatihan``), one per row.

    Returns
    -------
    ndarray of int64
        Index into ``sm.programs`` for each code.

    Examples
    --------
    >>> from kemuning_eval.synth.truth import study_model
    >>> program_index(study_model(2026), np.array(["PKD", "PM", "KP"])).tolist()
    [1, 0, 4]
    """
    return pd.Series(codes).map({p.code: i for i, p in enumerate(sm.programs)}).to_numpy(np.int64)


def program_dates(sm: StudyModel) -> dict[str, tuple[pd.Timestamp, pd.Timestamp]]:
    """Start and end date of every programme (daily 8 JP, weekdays ignored).

    Parameters
    ----------
    sm : StudyModel
        The study parameters: a programme starts on the 10th of its
        ``start_month`` and lasts ``ceil(jp / 8)`` days.

    Returns
    -------
    dict of str to (Timestamp, Timestamp)
        Programme code -> first and last day.

    Examples
    --------
    >>> from kemuning_eval.synth.truth import study_model
    >>> start, end = program_dates(study_model(2026))["PM"]  # 40 JP: 5 days
    >>> str(start.date()), str(end.date())
    ('2026-02-10', '2026-02-14')
    """
    out = {}
    for p in sm.programs:
        start = pd.Timestamp(sm.year, p.start_month, 10)
        out[p.code] = (start, start + pd.Timedelta(days=int(np.ceil(p.jp / 8)) - 1))
    return out


def program_table(sm: StudyModel, pop: dict) -> pd.DataFrame:
    """Return the Program sheet; capacity = classes of 30, applicants above capacity.

    Parameters
    ----------
    sm : StudyModel
        The study parameters.
    pop : dict
        The population from :func:`make_population` (participant counts).

    Returns
    -------
    DataFrame
        One row per programme: ``Kode Pelatihan``, ``Nama Pelatihan``,
        ``Bidang``, ``JP``, ``Tanggal Mulai``, ``Tanggal Selesai``, ``Kuota``
        (a multiple of 30), ``Jumlah Pendaftar`` (quota x applicant ratio),
        ``Biaya (Rp)`` (participants x cost per participant) and
        ``Nilai Kelulusan``.

    Examples
    --------
    >>> import dataclasses
    >>> from kemuning_eval.synth.truth import study_model
    >>> sm = dataclasses.replace(study_model(2026), population_asn=50)
    >>> pop = make_population(np.random.default_rng(0), sm, participants=20)
    >>> progs = program_table(sm, pop)
    >>> progs["Kode Pelatihan"].tolist(), progs["Kuota"].tolist()
    (['PM', 'PKD', 'PP', 'LD', 'KP'], [30, 30, 30, 30, 30])
    >>> n = pd.Series(pop["program"]).value_counts()
    >>> bool((progs["Biaya (Rp)"] == [n.get(p.code, 0) * p.cost_per_participant for p in sm.programs]).all())
    True
    """
    counts = pd.Series(pop["program"]).value_counts()
    dates = program_dates(sm)
    rows = []
    for p in sm.programs:
        n = int(counts.get(p.code, 0))
        quota = max(30, int(np.ceil(n / 30) * 30))
        rows.append({
            "Kode Pelatihan": p.code, "Nama Pelatihan": p.name, "Bidang": p.field, "JP": p.jp,
            "Tanggal Mulai": dates[p.code][0], "Tanggal Selesai": dates[p.code][1],
            "Kuota": quota, "Jumlah Pendaftar": int(round(quota * p.applicant_ratio)),
            "Biaya (Rp)": n * p.cost_per_participant, "Nilai Kelulusan": p.tests.pass_mark,
        })
    return pd.DataFrame(rows)


def facilitator_table(rng: np.random.Generator, sm: StudyModel) -> pd.DataFrame:
    """Return the Fasilitator sheet: each programme has one facilitator per offset slot.

    The first facilitator of ``PP`` also teaches ``KP`` (shared widyaiswara).

    Parameters
    ----------
    rng : numpy.random.Generator
        Source of the draws (names, NIPs).
    sm : StudyModel
        The study parameters (``facilitator_offsets`` of each programme).

    Returns
    -------
    DataFrame
        ``Nama``, ``NIP``, ``Kode Pelatihan``, ``Peran`` (``Widyaiswara``, the
        last slot ``Praktisi``) and ``slot`` (0-based, dropped before writing).

    Examples
    --------
    >>> from kemuning_eval.synth.truth import study_model
    >>> fac = facilitator_table(np.random.default_rng(0), study_model(2026))
    >>> len(fac), fac["NIP"].nunique(), fac.loc[fac["slot"] == 2, "Peran"].unique().tolist()
    (15, 14, ['Praktisi'])
    """
    from kemuning_eval.synth.identity import make_people

    n_slots = sum(len(p.facilitator_offsets) for p in sm.programs)
    people = make_people(rng, n_slots, year=sm.year, pppk_share=0.0)
    names = make_names(rng, people["gender"], titles=False)
    titles = np.asarray([", S.Pd., M.Si.", ", S.E., M.M.", ", M.Kom.", ", S.H., M.H."])
    names = np.asarray([f"{n}{titles[i % 4]}" for i, n in enumerate(names)])
    rows, k = [], 0
    for p in sm.programs:
        for slot in range(len(p.facilitator_offsets)):
            role = "Praktisi" if slot == len(p.facilitator_offsets) - 1 else "Widyaiswara"
            rows.append({"Nama": names[k], "NIP": people["nip"][k], "Kode Pelatihan": p.code,
                         "Peran": role, "slot": slot})
            k += 1
    df = pd.DataFrame(rows)
    pp0 = df[(df["Kode Pelatihan"] == "PP") & (df["slot"] == 0)].index[0]
    kp0 = df[(df["Kode Pelatihan"] == "KP") & (df["slot"] == 0)].index[0]
    df.loc[kp0, ["Nama", "NIP"]] = df.loc[pp0, ["Nama", "NIP"]].to_numpy()
    return df


def benefit_table(sm: StudyModel, pop: dict) -> pd.DataFrame:
    """Return the Manfaat sheet: annual value scales with the number of participants.

    Parameters
    ----------
    sm : StudyModel
        The study parameters (``benefits`` of each programme).
    pop : dict
        The population from :func:`make_population` (participant counts).

    Returns
    -------
    DataFrame
        One row per benefit: ``Kode Pelatihan``, ``Uraian Manfaat``,
        ``Nilai Manfaat per Tahun (Rp)``, ``Atribusi (%)``, ``Keyakinan (%)``.

    Examples
    --------
    >>> import dataclasses
    >>> from kemuning_eval.synth.truth import study_model
    >>> sm = dataclasses.replace(study_model(2026), population_asn=50)
    >>> pop = make_population(np.random.default_rng(0), sm, participants=20)
    >>> ben = benefit_table(sm, pop)
    >>> len(ben), ben.loc[0, ["Atribusi (%)", "Keyakinan (%)"]].tolist()
    (7, [50, 70])
    >>> int(ben.loc[0, "Nilai Manfaat per Tahun (Rp)"]) == int((pop["program"] == "PM").sum()) * 25_000_000
    True
    """
    counts = pd.Series(pop["program"]).value_counts()
    rows = []
    for p in sm.programs:
        n = int(counts.get(p.code, 0))
        for text, per_person, attr, conf in p.benefits:
            rows.append({"Kode Pelatihan": p.code, "Uraian Manfaat": text,
                         "Nilai Manfaat per Tahun (Rp)": n * per_person,
                         "Atribusi (%)": int(round(attr * 100)),
                         "Keyakinan (%)": int(round(conf * 100))})
    return pd.DataFrame(rows)


def jp_table(pop: dict) -> pd.DataFrame:
    """Return the JP records of every ASN of the region.

    Parameters
    ----------
    pop : dict
        The population from :func:`make_population`.

    Returns
    -------
    DataFrame
        ``NIP``, ``Unit Kerja``, ``Total JP``, one row per ASN.

    Examples
    --------
    >>> import dataclasses
    >>> from kemuning_eval.synth.truth import study_model
    >>> sm = dataclasses.replace(study_model(2026), population_asn=50)
    >>> pop = make_population(np.random.default_rng(0), sm, participants=20)
    >>> jp = jp_table(pop)
    >>> jp.shape, jp.columns.tolist()
    ((50, 3), ['NIP', 'Unit Kerja', 'Total JP'])
    """
    return pd.DataFrame({"NIP": pop["nip"], "Unit Kerja": pop["unit"],
                         "Total JP": pop["jp_total"]})
