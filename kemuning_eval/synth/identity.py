"""Fake identities: Indonesian names, NIPs, phone numbers and e-mail addresses.

Every name is assembled from lists of common Indonesian given and family
names; no real person is meant.  All functions are vectorised and take a
:class:`numpy.random.Generator`.

NIP (PNS): birth date ``YYYYMMDD`` + CPNS appointment ``YYYYMM`` + gender
digit (1 male, 2 female) + sequence ``001``-``999``; PPPK numbers carry a
4-digit appointment year and the code ``21`` in positions 13-14 instead of
a month (documented as unverified in the domain notes).

Examples
--------
>>> rng = np.random.default_rng(1)
>>> p = make_people(rng, 5, year=2026)
>>> sorted(p)
['age', 'birth', 'gender', 'name', 'nip', 'pppk']
>>> all(len(n) == 18 and n.isdigit() for n in p["nip"])
True
>>> format_nip("196608011988031001")
'19660801 198803 1 001'
"""

from __future__ import annotations

import numpy as np

MALE = (
    "Agus", "Budi", "Dedi", "Eko", "Fajar", "Hendra", "Irwan", "Joko", "Kurniawan", "Lukman",
    "Muhammad", "Nur", "Rizki", "Slamet", "Teguh", "Wahyu", "Yusuf", "Andi", "Bambang", "Dimas",
    "Galih", "Hadi", "Imam", "Rudi", "Sigit", "Taufik", "Arif", "Bayu", "Rahmat", "Ahmad",
)
FEMALE = (
    "Ani", "Dewi", "Endah", "Fitri", "Indah", "Lestari", "Maya", "Nur", "Putri", "Ratna",
    "Sari", "Siti", "Sri", "Tuti", "Wulan", "Yuni", "Ayu", "Dian", "Eka", "Kartika",
    "Lina", "Mega", "Novi", "Rina", "Rini", "Susanti", "Tri", "Vina", "Winda", "Yanti",
)
MIDDLE = ("", "", "", "Adi", "Dwi", "Eka", "Nur", "Puspita", "Tri", "Wahyu", "Dyah", "Ari")
FAMILY_NEUTRAL = (
    "Wijaya", "Kusuma", "Siregar", "Nasution", "Lubis", "Harahap", "Simanjuntak", "Sitompul",
    "Purba", "Manurung", "Hasibuan", "Pohan", "Tanjung", "Daulay",
)
FAMILY_MALE = FAMILY_NEUTRAL + (
    "Santoso", "Saputra", "Hidayat", "Pratama", "Setiawan", "Nugroho", "Wibowo", "Susanto",
    "Hartono", "Gunawan", "Syahputra", "Ramadhan", "Firmansyah",
)
FAMILY_FEMALE = FAMILY_NEUTRAL + (
    "Rahayu", "Lestari", "Handayani", "Permata", "Anggraini", "Maharani", "Wulandari",
    "Safitri", "Utami", "Puspitasari", "Pertiwi", "Susilowati", "Kurniasih",
)
TITLES = ("", "", "", "", ", S.E.", ", S.Kom.", ", S.Sos.", ", S.H.", ", M.Si.", ", S.T.",
          ", S.Pd.", ", M.M.", ", S.AP.")
OPERATORS = ("11", "12", "13", "21", "22", "52", "53", "57", "58", "59", "77", "78", "81",
             "95", "96")
MAIL_DOMAINS = ("gmail.com", "gmail.com", "gmail.com", "yahoo.co.id", "kemuningkab.go.id")


def _pick(rng: np.random.Generator, pool: tuple[str, ...], n: int) -> np.ndarray:
    return np.asarray(pool)[rng.integers(0, len(pool), n)]


def _join(*parts: np.ndarray) -> np.ndarray:
    """Element-wise concatenation of string arrays (pyarrow; returns an object array)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if len(parts[0]) == 0:
        return np.asarray([], dtype=object)
    arrays = [pa.array(np.asarray(p, dtype=object), type=pa.string()) for p in parts]
    joined = pc.binary_join_element_wise(*arrays, "")
    return joined.to_numpy(zero_copy_only=False)


def make_names(rng: np.random.Generator, gender: np.ndarray, *, titles: bool = True) -> np.ndarray:
    """Return fake full names (``gender`` holds ``"L"``/``"P"``).

    A name is a given name of the gender, an optional middle name, a family
    name of the gender (or a neutral one) and, when ``titles``, sometimes an
    academic title (``", S.E."``).

    Parameters
    ----------
    rng : numpy.random.Generator
        Source of the draws.
    gender : ndarray of str
        ``"L"`` (male) or ``"P"`` (female) per person.
    titles : bool, default True
        Whether academic titles may be appended.

    Returns
    -------
    ndarray of str (object)
        One name per element of ``gender``.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> names = make_names(rng, np.array(["L", "P", "P"]), titles=False)
    >>> len(names), names[0].split()[0] in MALE, names[1].split()[0] in FEMALE
    (3, True, True)
    >>> any("," in n for n in names)
    False
    """
    n = len(gender)
    given = np.where(gender == "L", _pick(rng, MALE, n), _pick(rng, FEMALE, n))
    middle = _pick(rng, MIDDLE, n)
    middle = np.where(middle == "", "", " " + middle.astype(object)).astype(str)
    u = rng.integers(0, len(FAMILY_MALE) * len(FAMILY_FEMALE), n)  # one draw per person
    family = np.where(gender == "L", np.asarray(FAMILY_MALE)[u % len(FAMILY_MALE)],
                      np.asarray(FAMILY_FEMALE)[u // len(FAMILY_MALE)])
    title = _pick(rng, TITLES, n) if titles else np.full(n, "")
    return _join(given, middle, np.full(n, " "), family, title)


def _digits(values: np.ndarray, width: int) -> np.ndarray:
    """Integers as zero-padded decimal strings (object array)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if values.size == 0:
        return np.asarray([], dtype=object)
    text = pc.cast(pa.array(np.asarray(values, dtype=np.int64)), pa.string())
    return pc.utf8_lpad(text, width=width, padding="0").to_numpy(zero_copy_only=False)


def make_people(rng: np.random.Generator, n: int, *, year: int, pppk_share: float = 0.1) -> dict:
    """Return gender, age, birth date, name, NIP (unique, well-formed) and PPPK flag.

    Ages are 23-58 at the end of ``year``; CPNS appointment 20-32 years after
    birth and before ``year``; PPPK appointments 2019-``year-1``.

    Parameters
    ----------
    rng : numpy.random.Generator
        Source of the draws.
    n : int
        Number of people.
    year : int
        Reference year (ages are taken at its end).
    pppk_share : float, default 0.1
        Share of PPPK (contract) employees.

    Returns
    -------
    dict of str to ndarray
        ``gender`` (``"L"``/``"P"``), ``age``, ``birth`` (``YYYYMMDD``),
        ``name``, ``nip`` (18 digits, unique) and ``pppk`` (bool).

    Examples
    --------
    >>> p = make_people(np.random.default_rng(0), 200, year=2026, pppk_share=0.0)
    >>> len(set(p["nip"])), bool((p["age"] >= 23).all() and (p["age"] <= 58).all())
    (200, True)
    >>> all(nip[:8] == birth for nip, birth in zip(p["nip"], p["birth"]))
    True
    >>> all(nip[14] == ("1" if g == "L" else "2") for nip, g in zip(p["nip"], p["gender"]))
    True
    """
    gender = np.where(rng.random(n) < 0.52, "P", "L")
    age = rng.integers(23, 59, n)
    byear = year - age
    bmonth = rng.integers(1, 13, n)
    bday = rng.integers(1, 29, n)
    pppk = rng.random(n) < pppk_share
    tyear = np.minimum(byear + rng.integers(20, 33, n), year - 1)
    tyear = np.where(pppk, np.maximum(rng.integers(2019, year, n), byear + 20), tyear)
    tmonth = rng.choice([1, 2, 3, 4, 12], n)
    middle = tyear.astype(np.int64) * 100 + np.where(pppk, 21, tmonth)
    birth_num = byear.astype(np.int64) * 10_000 + bmonth * 100 + bday
    key = birth_num * 10**10 + middle * 10**4 + np.where(gender == "L", 1, 2) * 1000
    seq = rng.integers(1, 1000, n)
    for _ in range(50):  # make NIPs unique (as integers): redraw the sequence of repeats
        _, first = np.unique(key + seq, return_index=True)
        dup = np.ones(n, bool)
        dup[first] = False
        if not dup.any():
            break
        seq[dup] = rng.integers(1, 1000, int(dup.sum()))
    nip = _digits(key + seq, 18)
    birth = _digits(birth_num, 8)
    return {"gender": gender, "age": age, "birth": birth, "name": make_names(rng, gender),
            "nip": nip, "pppk": pppk}


def format_nip(nip: str) -> str:
    """Write an 18-digit NIP the way people type it: ``8 6 1 3`` digits with spaces.

    Parameters
    ----------
    nip : str
        18 digits.

    Returns
    -------
    str
        Birth date, appointment, gender digit and sequence separated by spaces.

    Examples
    --------
    >>> format_nip("199001012015032002")
    '19900101 201503 2 002'
    """
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"


def spaced_nips(nip: np.ndarray) -> np.ndarray:
    """Vectorised :func:`format_nip` (object array).

    Parameters
    ----------
    nip : ndarray of str
        18-digit NIPs.

    Returns
    -------
    ndarray (object)
        The NIPs written ``8 6 1 3`` with spaces.

    Examples
    --------
    >>> spaced_nips(np.array(["196608011988031001", "199001012015032002"])).tolist()
    ['19660801 198803 1 001', '19900101 201503 2 002']
    >>> len(spaced_nips(np.array([], dtype=str)))
    0
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    if len(nip) == 0:
        return np.asarray([], dtype=object)
    arr = pa.array(np.asarray(nip, dtype=object), type=pa.string())
    parts = [pc.utf8_slice_codeunits(arr, a, b) for a, b in ((0, 8), (8, 14), (14, 15), (15, 18))]
    return pc.binary_join_element_wise(*parts, " ").to_numpy(zero_copy_only=False)


def make_phones(rng: np.random.Generator, n: int) -> np.ndarray:
    """Return fake mobile numbers, ``08..`` or ``+62 8..`` with some dashes.

    Each number is written in one of three styles chosen at random:
    ``08xxxxxxxxxx``, ``08xx-xxxx-xxxx`` or ``+62 8xx xxxx xxxx``.

    Parameters
    ----------
    rng : numpy.random.Generator
        Source of the draws.
    n : int
        Number of phone numbers.

    Returns
    -------
    ndarray (object)
        ``n`` phone numbers as text.

    Examples
    --------
    >>> import re
    >>> phones = make_phones(np.random.default_rng(0), 20)
    >>> pattern = r"08[0-9]{10}|08[0-9]{2}-[0-9]{4}-[0-9]{4}|[+]62 8[0-9]{2} [0-9]{4} [0-9]{4}"
    >>> len(phones), all(re.fullmatch(pattern, p) for p in phones)
    (20, True)
    """
    op = _pick(rng, OPERATORS, n)
    a = _digits(rng.integers(0, 10_000, n), 4)
    b = _digits(rng.integers(0, 10_000, n), 4)
    style = rng.integers(0, 3, n)
    local = _join(np.full(n, "08"), op, a, b)
    dashed = _join(np.full(n, "08"), op, np.full(n, "-"), a, np.full(n, "-"), b)
    intl = _join(np.full(n, "+62 8"), op, np.full(n, " "), a, np.full(n, " "), b)
    return np.select([style == 0, style == 1], [local, dashed], intl)


def make_emails(rng: np.random.Generator, names: np.ndarray) -> np.ndarray:
    """Return e-mail addresses derived from names (lower case, no titles).

    Parameters
    ----------
    rng : numpy.random.Generator
        Source of the two-digit suffix and the domain.
    names : ndarray of str
        Full names, possibly with titles after a comma.

    Returns
    -------
    ndarray (object)
        ``given.family<NN>@<domain>`` per name.

    Examples
    --------
    >>> mails = make_emails(np.random.default_rng(0), np.array(["Budi Santoso, S.E.", "Siti Nur Rahayu"]))
    >>> [m.split("@")[0].rstrip("0123456789") for m in mails]
    ['budi.santoso', 'siti.nur.rahayu']
    >>> all(m.split("@")[1] in MAIL_DOMAINS for m in mails)
    True
    """
    base = np.asarray([nm.split(",")[0].lower().replace(" ", ".") for nm in names], dtype=object)
    num = _digits(rng.integers(0, 100, len(names)), 2)
    dom = _pick(rng, MAIL_DOMAINS, len(names))
    return _join(base.astype(str), num, np.full(len(names), "@"), dom)
