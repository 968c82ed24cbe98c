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
    """Element-wise concatenation of string arrays."""
    out = parts[0].astype(object)
    for p in parts[1:]:
        out = out + p.astype(object)
    return out.astype(str)


def make_names(rng: np.random.Generator, gender: np.ndarray, *, titles: bool = True) -> np.ndarray:
    """Return fake full names (``gender`` holds ``"L"``/``"P"``)."""
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
    if values.size == 0:
        return np.asarray([], dtype=str)
    return np.char.zfill(values.astype(np.int64).astype(str), width)


def make_people(rng: np.random.Generator, n: int, *, year: int, pppk_share: float = 0.1) -> dict:
    """Return gender, age, birth date, name, NIP (unique, well-formed) and PPPK flag.

    Ages are 23-58 at the end of ``year``; CPNS appointment 20-32 years after
    birth and before ``year``; PPPK appointments 2019-``year-1``.
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
    middle = np.where(pppk, _join(_digits(tyear, 4), np.full(n, "21")),
                      _join(_digits(tyear, 4), _digits(tmonth, 2)))
    gdigit = np.where(gender == "L", "1", "2")
    birth = _join(_digits(byear, 4), _digits(bmonth, 2), _digits(bday, 2))
    seq = rng.integers(1, 1000, n)
    nip = _join(birth, middle, gdigit, _digits(seq, 3))
    for _ in range(50):  # make NIPs unique: redraw the sequence of repeats
        _, first = np.unique(nip, return_index=True)
        dup = np.ones(n, bool)
        dup[first] = False
        if not dup.any():
            break
        seq[dup] = rng.integers(1, 1000, int(dup.sum()))
        nip[dup] = _join(birth[dup], middle[dup], gdigit[dup], _digits(seq[dup], 3))
    return {"gender": gender, "age": age, "birth": birth, "name": make_names(rng, gender),
            "nip": nip, "pppk": pppk}


def format_nip(nip: str) -> str:
    """Write an 18-digit NIP the way people type it: ``8 6 1 3`` digits with spaces."""
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"


def spaced_nips(nip: np.ndarray) -> np.ndarray:
    """Vectorised :func:`format_nip`."""
    s = nip.astype(object)
    return np.asarray([f"{x[:8]} {x[8:14]} {x[14]} {x[15:]}" for x in s], dtype=object)


def make_phones(rng: np.random.Generator, n: int) -> np.ndarray:
    """Return fake mobile numbers, ``08..`` or ``+62 8..`` with some dashes."""
    op = _pick(rng, OPERATORS, n)
    a = _digits(rng.integers(0, 10_000, n), 4)
    b = _digits(rng.integers(0, 10_000, n), 4)
    style = rng.integers(0, 3, n)
    local = _join(np.full(n, "08"), op, a, b)
    dashed = _join(np.full(n, "08"), op, np.full(n, "-"), a, np.full(n, "-"), b)
    intl = _join(np.full(n, "+62 8"), op, np.full(n, " "), a, np.full(n, " "), b)
    return np.select([style == 0, style == 1], [local, dashed], intl)


def make_emails(rng: np.random.Generator, names: np.ndarray) -> np.ndarray:
    """Return e-mail addresses derived from names (lower case, no titles)."""
    base = np.asarray([nm.split(",")[0].lower().replace(" ", ".") for nm in names], dtype=object)
    num = _digits(rng.integers(0, 100, len(names)), 2)
    dom = _pick(rng, MAIL_DOMAINS, len(names))
    return _join(base.astype(str), num, np.full(len(names), "@"), dom)
