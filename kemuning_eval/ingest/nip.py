"""NIP (Nomor Induk Pegawai) normalisation and validation, vectorised.

A PNS NIP has 18 digits: birth date ``YYYYMMDD`` (1-8), CPNS appointment
``YYYYMM`` (9-14), gender ``1``/``2`` (15) and a sequence ``001``-``999``
(16-18).  Spaces, dots and dashes are tolerated.  PPPK numbers share the
birth date, gender and sequence but positions 13-14 are a two-digit code,
not a month (unverified: the allowed codes are configurable,
``nip.pppk_codes``).  ``mode="auto"`` accepts a valid PNS NIP first, then a
valid PPPK number.

Checks (each failure has a reason code): ``format`` (not 18 digits),
``birth_date`` (not a real date, or before 1900), ``appointment_year``
(earlier than birth year + ``min_appointment_age``), ``appointment_month``
(PNS: not 01-12; PPPK: not an allowed code), ``gender`` (not 1/2),
``sequence`` (000).

Examples
--------
>>> check_nip("19660801 198803 1 001")
'PNS'
>>> check_nip("19661301 198803 1 001")
'invalid'
>>> check_nip("19660801.198803.1.001", mode="pns")
'PNS'
>>> check_nip("19900215 202121 2 015", mode="auto")
'PPPK'
>>> check_nip("19900215 202121 2 015", mode="pns")
'invalid'
"""

from __future__ import annotations

from typing import Any

from kemuning_eval.config import NipConfig

_SEPARATORS = r"[\s.\-/']"

#: Reason codes, in the order they are checked.
REASONS = ("format", "birth_date", "appointment_year", "appointment_month", "gender", "sequence")


def normalise_nip(values: Any) -> Any:
    """Return NIPs as digit strings (spaces, dots, dashes, apostrophes removed).

    Examples
    --------
    >>> import pandas as pd
    >>> normalise_nip(pd.Series([" 19660801 198803 1 001", None])).tolist()
    ['196608011988031001', nan]
    """
    from kemuning_eval.ingest.labels import replace_regex

    return replace_regex(values, _SEPARATORS, "").where(values.notna())


def classify_nip(values: Any, *, mode: str = "auto", pppk_codes: tuple[str, ...] | None = None,
                 min_appointment_age: int = NipConfig.min_appointment_age) -> Any:
    """Classify NIPs as ``PNS``, ``PPPK`` or ``invalid`` with the reason and birth date.

    Parameters
    ----------
    values : pandas.Series
        Raw NIPs (any formatting); missing values are classified ``missing``.
    mode : {"auto", "pns", "pppk"}
        Which number kinds are accepted.
    pppk_codes : tuple of str, optional
        Allowed PPPK codes at positions 13-14 (None = any two digits).
    min_appointment_age : int
        The appointment year must be at least birth year + this.

    Returns
    -------
    pandas.DataFrame
        Same index: ``nip`` (digits), ``kind``, ``reason`` (None when valid),
        ``birth_date`` (datetime64, NaT when invalid), ``gender`` (``L``/``P``).

    Examples
    --------
    >>> import pandas as pd
    >>> out = classify_nip(pd.Series(["19660801 198803 1 001", "1966", "19660801 197003 1 001"]))
    >>> out[["kind", "reason"]].values.tolist()
    [['PNS', None], ['invalid', 'format'], ['invalid', 'appointment_year']]
    """
    import numpy as np
    import pandas as pd

    from kemuning_eval.errors import check_arg

    check_arg(mode in ("auto", "pns", "pppk"), "mode", mode, "'auto', 'pns' or 'pppk'")
    # work on the distinct raw spellings only, then broadcast back with the codes
    codes, raw_uniq = pd.factorize(values, use_na_sentinel=True)
    uniq = normalise_nip(pd.Series(np.asarray(raw_uniq, dtype=object), dtype="str"))
    fmt = uniq.str.fullmatch(r"\d{18}")
    digits = uniq.where(fmt, "000000000000000000")
    birth = pd.to_datetime(digits.str[:8], format="%Y%m%d", errors="coerce")
    birth = birth.where(birth.dt.year >= 1900)
    appt_year = digits.str[8:12].astype("int64")
    middle = digits.str[12:14]
    gender_digit = digits.str[14]
    seq = digits.str[15:18]
    ok_birth = birth.notna()
    ok_year = appt_year >= birth.dt.year.fillna(9999).astype("int64") + min_appointment_age
    month_ok = middle.astype("int64").between(1, 12)
    code_ok = middle.isin(pppk_codes) if pppk_codes else pd.Series(True, index=uniq.index)
    ok_gender = gender_digit.isin(["1", "2"])
    ok_seq = seq != "000"
    base = fmt & ok_birth & ok_year & ok_gender & ok_seq
    pns = (base & month_ok).to_numpy()
    pppk = (base & code_ok).to_numpy()
    if mode == "pns":
        kind = np.where(pns, "PNS", "invalid")
        middle_ok = month_ok
    elif mode == "pppk":
        kind = np.where(pppk, "PPPK", "invalid")
        middle_ok = code_ok
    else:
        kind = np.where(pns, "PNS", np.where(pppk, "PPPK", "invalid"))
        middle_ok = month_ok | code_ok
    checks = [fmt, ok_birth, ok_year, middle_ok, ok_gender, ok_seq]
    reason = np.full(len(uniq), None, dtype=object)
    for name, ok in zip(reversed(REASONS), reversed(checks), strict=True):
        reason = np.where(~ok.to_numpy(), name, reason)
    reason = np.where(kind == "invalid", reason, None)
    valid = kind != "invalid"
    gender = np.where(valid, np.where(gender_digit.to_numpy() == "1", "L", "P"), None)

    def spread(arr: Any, missing: Any) -> Any:
        arr = np.append(np.asarray(arr, dtype=object), np.array([missing], dtype=object))
        return pd.Series(arr[codes], index=values.index, dtype=object)

    out = pd.DataFrame({"nip": spread(uniq.to_numpy(dtype=object), None)}, index=values.index)
    out["nip"] = out["nip"].astype("str")
    out["kind"] = spread(kind, "missing")
    out["reason"] = spread(reason, None)
    births = birth.where(pd.Series(valid, index=birth.index)).to_numpy()
    out["birth_date"] = pd.to_datetime(np.append(births, np.datetime64("NaT"))[codes])
    out["gender"] = spread(gender, None)
    return out


def check_nip(value: str, *, mode: str = "auto", pppk_codes: tuple[str, ...] | None = None) -> str:
    """Return ``PNS``, ``PPPK`` or ``invalid`` for one NIP (see :func:`classify_nip`).

    Parameters
    ----------
    value : str
        One NIP, with or without separators.
    mode : {"auto", "pns", "pppk"}
        Which number kinds are accepted.
    pppk_codes : tuple of str, optional
        Allowed PPPK codes at positions 13-14 (None = any two digits).

    Returns
    -------
    str
        ``"PNS"``, ``"PPPK"``, ``"invalid"`` or ``"missing"`` (for None).

    Raises
    ------
    UsageError
        If ``mode`` is not one of the three.

    Examples
    --------
    >>> check_nip("19900215-202121-2-015", mode="pppk", pppk_codes=("21",))
    'PPPK'
    >>> check_nip("19900215-202121-2-015", mode="pppk", pppk_codes=("22",))
    'invalid'
    >>> check_nip("19660801 198803 1 000")
    'invalid'
    """
    import pandas as pd

    return str(classify_nip(pd.Series([value]), mode=mode, pppk_codes=pppk_codes)["kind"].iloc[0])


def age_band(birth_dates: Any, year: int) -> Any:
    """Return age bands (``<30``, ``30-39``, ``40-49``, ``50+``) at the study year.

    Only the band leaves the raw folder (data minimisation); NaT gives NaN.

    Examples
    --------
    >>> import pandas as pd
    >>> age_band(pd.Series(pd.to_datetime(["1966-08-01", "2000-01-01", None])), 2026).tolist()
    ['50+', '<30', nan]
    """
    import numpy as np
    import pandas as pd

    age = year - birth_dates.dt.year
    bands = np.select([age < 30, age < 40, age < 50, age >= 50], ["<30", "30-39", "40-49", "50+"],
                      default="")
    return pd.Series(bands, index=birth_dates.index, dtype=object).where(age.notna())
