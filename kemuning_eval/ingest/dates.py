"""Dates and times as exports write them, with the day/month order detected per column.

Understood without a format (one parse per distinct text):

- ISO 8601 (``2026-03-10``, ``2026-03-10T13:29:02.123+07:00``, ``...Z``), as
  KoboToolbox writes ``start``, ``end`` and ``_submission_time``;
- year first with slashes, Google Forms' own download
  (``2026/03/10 13:29:02 GMT+7``, ``2026/03/10 1:29:02 PM GMT+7``);
- day or month first (``10/03/2026 13:29:02`` Indonesian locale,
  ``3/10/2026 1:29:02 PM`` US English), two- or four-digit years, ``/``,
  ``-`` or ``.`` between the parts, ``.`` or ``:`` in the time;
- month names in Indonesian or English (``10 Maret 2026``, ``Mar 10, 2026``);
- Excel serial numbers (``46091``, ``46091.5625``; 1900 date system).

The order of day and month is decided **once per column from all its
values**: a first part above 12 means day first, a second part above 12
means month first; when no value decides it (every part <= 12) the column
is *ambiguous* and refused, unless the codebook's ``format:`` says it.

Time zones: ``GMT+7``/``UTC+07:00`` mean seven hours *ahead* of UTC (not
the POSIX ``Etc/GMT+7``).  Values with an offset are converted to the most
common offset of the column and stored as that local wall-clock time
without zone; values without an offset are taken as written (local time).

Examples
--------
>>> import pandas as pd
>>> col = parse_column(pd.Series(["2026/03/10 13:29:02 GMT+7", "2026/03/11 06:00:00 GMT+8", None]))
>>> col.values.dt.strftime("%Y-%m-%d %H:%M").tolist()[:2], col.order, col.ambiguous
(['2026-03-10 13:29', '2026-03-11 05:00'], 'ymd', None)
>>> parse_column(pd.Series(["03/04/2026", "05/06/2026"])).ambiguous
('03/04/2026', '05/06/2026')
>>> parse_column(pd.Series(["03/04/2026", "05/06/2026"]), fmt="DMY").values.dt.month.tolist()
[4, 6]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

#: ``format:`` values that only state the order (instead of a strftime format).
ORDERS = {"dmy": "dmy", "dd/mm/yyyy": "dmy", "dayfirst": "dmy", "mdy": "mdy", "mm/dd/yyyy": "mdy",
          "monthfirst": "mdy", "ymd": "ymd", "iso": "ymd", "excel": "excel"}
_TIME = (r"(?:[T\s,]+(?P<H>\d{1,2})[:.](?P<M>\d{2})(?:[:.](?P<S>\d{2})(?:[.,](?P<f>\d{1,9}))?)?"
         r"\s*(?P<ampm>[AaPp]\.?\s?[Mm]\.?)?)?")
_TZ = r"\s*(?P<tz>Z|(?:GMT|UTC)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{2}(?::?\d{2})?)?\s*$"
_NUMERIC = re.compile(r"^\s*(?P<a>\d{1,4})[-/.](?P<b>\d{1,2})[-/.](?P<c>\d{1,4})" + _TIME + _TZ)
_NAMED = re.compile(r"^\s*(?:(?P<d1>\d{1,2})[\s-]+(?P<m1>[A-Za-z]{3,10})\.?[\s-]+(?P<y1>\d{4})"
                    r"|(?P<m2>[A-Za-z]{3,10})\.?\s+(?P<d2>\d{1,2}),?\s+(?P<y2>\d{4}))" + _TIME + _TZ)
_SERIAL = re.compile(r"^\s*\d{5}(?:[.,]\d+)?\s*$")
_SERIAL_RANGE = (20000, 80000)  # 1954..2119: a five-digit number outside is not a date
_MONTHS = {"jan": 1, "januari": 1, "january": 1, "feb": 2, "februari": 2, "february": 2, "peb": 2,
           "mar": 3, "maret": 3, "march": 3, "apr": 4, "april": 4, "mei": 5, "may": 5, "jun": 6,
           "juni": 6, "june": 6, "jul": 7, "juli": 7, "july": 7, "agu": 8, "agt": 8, "agus": 8,
           "agustus": 8, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "okt": 10,
           "oktober": 10, "oct": 10, "october": 10, "nov": 11, "nopember": 11, "november": 11,
           "des": 12, "desember": 12, "dec": 12, "december": 12}


@dataclass(frozen=True)
class DateColumn:
    """A parsed date/time column.

    Parameters
    ----------
    values : pandas.Series
        ``datetime64[us]`` without zone, NaT where missing or not a date.
    order : str or None
        How numeric dates were read: ``ymd``, ``dmy``, ``mdy``, ``excel``,
        ``format`` (a strftime format given), or None (no numeric date).
    ambiguous : tuple of str, optional
        Two example values when the day/month order cannot be decided.

    Examples
    --------
    >>> import pandas as pd
    >>> DateColumn(pd.Series([], dtype="datetime64[us]"), None, None).order is None
    True
    """

    values: Any
    order: str | None
    ambiguous: tuple[str, str] | None


def offset_minutes(tz: Any) -> float:
    """Return the UTC offset in minutes of a zone suffix (NaN when there is none).

    Examples
    --------
    >>> [offset_minutes(x) for x in ["GMT+7", "UTC-03:30", "+0800", "Z", "GMT", None]]
    [420.0, -210.0, 480.0, 0.0, 0.0, nan]
    """
    if tz is None or tz != tz or tz == "":
        return float("nan")
    m = re.search(r"([+-])(\d{1,2})(?::?(\d{2}))?$", str(tz))
    if not m:
        return 0.0  # Z, GMT, UTC
    sign = -1.0 if m.group(1) == "-" else 1.0
    return sign * (int(m.group(2)) * 60 + int(m.group(3) or 0))


_DIGITS = ("a", "b", "c", "H", "M", "S", "d1", "y1", "d2", "y2")


def _extract(texts: Any, arr: Any, pattern: re.Pattern) -> Any:
    """The named groups of ``pattern`` in each text, with Arrow's RE2 engine (no Python call per text).

    Digit groups come back as float64 (NaN when absent), ``a`` also as its
    length ``alen``; the others as text (NaN when absent).
    """
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    found = pc.extract_regex(arr, pattern=pattern.pattern)
    out = {}
    for name in pattern.groupindex:
        field = found.field(name)
        field = pc.if_else(pc.equal(field, ""), pa.scalar(None, pa.string()), field)
        if name in _DIGITS:
            out[name] = pc.cast(field, pa.float64()).to_numpy(zero_copy_only=False)
            if name == "a":
                out["alen"] = pc.utf8_length(field).to_numpy(zero_copy_only=False)
        else:
            out[name] = pd.Series(field.to_pandas(), dtype="str").to_numpy(dtype=object)
    return pd.DataFrame(out, index=texts.index)


def _split(texts: Any) -> Any:
    """Return the parts of each text (one row per text): a, b, c, time, tz, month name."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = pa.array(texts.to_numpy(dtype=object), type=pa.string())
    num = _extract(texts, arr, _NUMERIC)
    named = _extract(texts, arr, _NAMED)
    use = (num["a"].isna() & (named["y1"].notna() | named["y2"].notna())).to_numpy()
    for col in ("H", "M", "S", "f", "ampm", "tz"):
        num[col] = num[col].where(~use, named[col])
    month = named["m1"].where(named["m1"].notna(), named["m2"]).astype("str").str.lower().map(_MONTHS)
    num["a"] = num["a"].where(~use, named["y1"].fillna(named["y2"]))
    num["alen"] = num["alen"].where(~use, 4)
    num["b"] = num["b"].where(~use, month.astype("float64"))
    num["c"] = num["c"].where(~use, named["d1"].fillna(named["d2"]))
    num["named"] = use
    serial = pc.match_substring_regex(arr, _SERIAL.pattern)
    num["serial"] = serial.to_numpy(zero_copy_only=False).astype(bool) & ~use & num["a"].isna().to_numpy()
    return num


def _decide(parts: Any) -> tuple[Any, str | None, bool]:
    """Return (order per row, column order, ambiguous) for the numeric dates of a column."""
    import pandas as pd

    a = pd.to_numeric(parts["a"], errors="coerce")
    b = pd.to_numeric(parts["b"], errors="coerce")
    year_first = parts["alen"].eq(4) | parts["named"]
    other = a.notna() & ~year_first
    order = pd.Series(None, index=parts.index, dtype=object)
    order[year_first] = "ymd"
    if not other.any():
        return order, ("ymd" if year_first.any() else None), False
    day_first, month_first = int((a[other] > 12).sum()), int((b[other] > 12).sum())
    if not day_first and not month_first and not (a[other] == b[other]).all():
        return order, None, True  # no value tells day from month
    chosen = "dmy" if day_first >= month_first else "mdy"  # the minority is not a date
    order[other] = chosen
    return order, chosen, False


def _assemble(parts: Any, order: Any) -> Any:
    """Build naive timestamps from the parts and the per-row order (NaT when impossible)."""
    import numpy as np
    import pandas as pd

    a, b, c = (parts[k].astype("float64") for k in ("a", "b", "c"))
    ymd, dmy = order.eq("ymd"), order.eq("dmy")
    year = np.select([ymd, dmy], [a, c], default=c)
    month = np.select([ymd, dmy], [b, b], default=a)
    day = np.select([ymd, dmy], [c, a], default=b)
    year = np.where((year < 100) & ~ymd, year + 2000, year)
    hour = parts["H"].astype("float64").fillna(0)
    ampm = parts["ampm"].astype("str").fillna("").str.lower().str[:1]
    bad_hour = ampm.ne("") & ((hour > 12) | (hour < 1))
    hour = np.where(ampm.eq("p") & (hour < 12), hour + 12, np.where(ampm.eq("a") & (hour == 12), 0, hour))
    frac = parts["f"].astype("str").fillna("0").str.ljust(6, "0").str[:6]
    frame = pd.DataFrame({"year": year, "month": month, "day": day, "hour": hour,
                          "minute": parts["M"].astype("float64").fillna(0),
                          "second": parts["S"].astype("float64").fillna(0),
                          "microsecond": pd.to_numeric(frac, errors="coerce").fillna(0)}, index=parts.index)
    ok = frame.notna().all(axis=1) & order.notna() & ~bad_hour
    out = pd.Series(pd.NaT, index=parts.index, dtype="datetime64[us]")
    if ok.any():
        out[ok] = pd.to_datetime(frame[ok].astype("int64"), errors="coerce").astype("datetime64[us]")
    return out


def _serials(texts: Any) -> Any:
    """Excel serial day numbers (1900 system, origin 1899-12-30) to timestamps."""
    import pandas as pd

    days = pd.to_numeric(texts.str.strip().str.replace(",", ".", regex=False), errors="coerce")
    days = days.where(days.between(*_SERIAL_RANGE))
    return (pd.Timestamp("1899-12-30") + pd.to_timedelta(days, unit="D")).dt.round("s").astype("datetime64[us]")


def _to_main_offset(values: Any, tz: Any) -> Any:
    """Shift values with an offset to the column's most common offset."""
    import pandas as pd

    minutes = tz.map({u: offset_minutes(u) for u in tz.dropna().unique()}).astype("float64")
    if minutes.notna().sum() == 0:
        return values
    main = minutes.mode().min()
    shift = (main - minutes).fillna(0.0)
    return values + pd.to_timedelta(shift, unit="min")


def _with_format(texts: Any, fmt: str) -> Any:
    """Parse with a strftime format after taking a zone suffix off (unless the format has one)."""
    import pandas as pd

    if "%z" in fmt or "%Z" in fmt:
        parsed = pd.to_datetime(texts, format=fmt, errors="coerce", utc=True)
        return parsed.dt.tz_localize(None).astype("datetime64[us]")
    if not texts.str.contains("GMT|UTC", regex=True).any():
        return pd.to_datetime(texts, format=fmt, errors="coerce").astype("datetime64[us]")
    tz = texts.str.extract(r"(?P<tz>\s(?:GMT|UTC)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?)\s*$")["tz"]
    body = texts.str.replace(r"\s(?:GMT|UTC)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?\s*$", "", regex=True)
    parsed = pd.to_datetime(body, format=fmt, errors="coerce").astype("datetime64[us]")
    return _to_main_offset(parsed, tz.str.strip())


_ISO = r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$"


def _iso_fast(texts: Any) -> Any:
    """All texts ISO 8601, every one or none with an offset: parsed by pandas' C parser; else None."""
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = pa.array(texts.to_numpy(dtype=object), type=pa.string())
    if not len(arr) or not pc.all(pc.match_substring_regex(arr, _ISO)).as_py():
        return None
    tz = pc.extract_regex(arr, r"(?P<tz>Z|[+-]\d{2}:?\d{2})?$").field("tz")
    with_tz = pc.sum(pc.not_equal(tz, "")).as_py() or 0
    if with_tz == 0:
        return pd.to_datetime(texts, format="ISO8601", errors="coerce").astype("datetime64[us]")
    if with_tz != len(arr):
        return None
    offsets = pd.Series(tz.to_pandas(), dtype="str")
    main = offsets.map({u: offset_minutes(u) for u in offsets.unique()}).mode().min()
    utc = pd.to_datetime(texts, format="ISO8601", errors="coerce", utc=True)
    return (utc + pd.Timedelta(minutes=float(main))).dt.tz_localize(None).astype("datetime64[us]")


def parse_unique(texts: Any, *, fmt: str | None = None) -> DateColumn:
    """Parse distinct texts (a ``str`` Series); see :func:`parse_column`.

    Examples
    --------
    >>> import pandas as pd
    >>> col = parse_unique(pd.Series(["3/10/2026 1:29:02 PM", "3/14/2026 9:00:00 AM"], dtype="str"))
    >>> col.order, col.values.dt.strftime("%d.%m %H:%M").tolist()
    ('mdy', ['10.03 13:29', '14.03 09:00'])
    """
    import pandas as pd

    texts = texts.astype("str")
    if fmt and fmt.strip().lower() not in ORDERS:
        return DateColumn(_with_format(texts, fmt), "format", None)
    forced = ORDERS.get(fmt.strip().lower()) if fmt else None
    if forced in (None, "ymd"):
        fast = _iso_fast(texts)
        if fast is not None:
            return DateColumn(fast, "ymd", None)
    parts = _split(texts)
    if forced == "excel":
        return DateColumn(_serials(texts), "excel", None)
    order, col_order, ambiguous = _decide(parts)
    if forced in ("dmy", "mdy"):
        order = order.where(order.notna() | parts["a"].isna(), forced)
        col_order, ambiguous = forced, False
    if ambiguous:
        numeric = texts[parts["a"].notna() & order.isna()]
        examples = tuple(numeric.drop_duplicates().head(2).tolist())
        return DateColumn(pd.Series(pd.NaT, index=texts.index, dtype="datetime64[us]"), None,
                          (examples + examples)[:2])
    values = _to_main_offset(_assemble(parts, order), parts["tz"])
    serial = parts["serial"]
    if serial.any():
        values[serial] = _serials(texts[serial])
        col_order = col_order or "excel"
    return DateColumn(values, col_order, None)


def parse_column(values: Any, *, fmt: str | None = None) -> DateColumn:
    """Parse a raw date/time column: one parse per distinct text, the order decided from all.

    Parameters
    ----------
    values : pandas.Series
        Raw text cells (missing = NaN/None).
    fmt : str, optional
        The codebook's ``format:``: a strftime format (``"%d/%m/%Y %H:%M:%S"``;
        a ``GMT+7``-style suffix is still honoured), or just the order
        ``DMY``/``MDY``/``YMD`` (also ``dd/mm/yyyy``, ``mm/dd/yyyy``), or
        ``excel`` for serial numbers.

    Returns
    -------
    DateColumn
        Values aligned with ``values`` (NaT where missing or unparseable).

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.Series(["10/03/2026 13:29:02", "25/03/2026 08:00:00", "46091", "x", None])
    >>> col = parse_column(s)
    >>> col.order, col.values.dt.strftime("%Y-%m-%d").tolist()
    ('dmy', ['2026-03-10', '2026-03-25', '2026-03-10', nan, nan])
    >>> parse_column(s[:2], fmt="%d/%m/%Y %H:%M:%S").values.dt.day.tolist()
    [10, 25]
    """
    import numpy as np
    import pandas as pd

    codes, uniq = pd.factorize(values, use_na_sentinel=True)
    parsed = parse_unique(pd.Series(np.asarray(uniq, dtype=object), dtype="str"), fmt=fmt)
    table = np.append(parsed.values.to_numpy(dtype="datetime64[us]"), np.datetime64("NaT", "us"))
    out = pd.Series(table[codes], index=values.index, name=values.name, dtype="datetime64[us]")
    return DateColumn(out, parsed.order, parsed.ambiguous)
