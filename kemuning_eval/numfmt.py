"""Number formatting in Indonesian (``1.234,5``; ``Rp1.250.000``, EYD V) or English (``IDR 1,250,000``).

Every number shown in a report goes through these functions, so the text,
tables and ``metrics.json`` (which stores the rounded value) agree.

Examples
--------
>>> fmt_number(1234.5, 1)
'1.234,5'
>>> fmt_number(1234.5, 1, "en")
'1,234.5'
>>> fmt_rupiah(1250000)
'Rp1.250.000'
>>> fmt_pct(0.4567, 1)
'45,7%'
>>> fmt_p(0.0004)
'< 0,001'
>>> fmt_number(float("nan"), 2)
'–'
>>> fmt_count(5), fmt_count(12), fmt_count(3, "en")
('lima', '12', 'three')
"""

from __future__ import annotations

import math

_SEPARATORS = {"id": (".", ","), "en": (",", ".")}
MISSING = "–"


def _finite(x: float | int | None) -> bool:
    return x is not None and not (isinstance(x, float) and math.isnan(x))


def round_half_away(x: float, decimals: int) -> float:
    """Round half away from zero (as people and spreadsheets do), not to even.

    Examples
    --------
    >>> round_half_away(2.675, 2), round_half_away(0.125, 2), round_half_away(-1.5, 0)
    (2.68, 0.13, -2.0)
    """
    from decimal import ROUND_HALF_UP, Decimal

    q = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(float(x))).quantize(q, rounding=ROUND_HALF_UP))


def fmt_number(x: float | int | None, decimals: int = 0, lang: str = "id") -> str:
    """Format ``x`` with thousands and decimal separators of ``lang``.

    Parameters
    ----------
    x : float, int or None
        The number; ``None`` or NaN gives :data:`MISSING` (``"–"``).
    decimals : int, default 0
        Decimals shown, rounded half away from zero (:func:`round_half_away`).
    lang : {"id", "en"}, default "id"
        ``"id"``: ``1.234,5``; ``"en"``: ``1,234.5``.

    Returns
    -------
    str
        The formatted number.

    Examples
    --------
    >>> fmt_number(1234567.891, 2)
    '1.234.567,89'
    >>> fmt_number(-0.125, 2, "en")
    '-0.13'
    >>> fmt_number(None)
    '–'
    """
    if not _finite(x):
        return MISSING
    thousands, decimal = _SEPARATORS[lang]
    value = round_half_away(float(x), decimals)
    text = f"{abs(value):,.{decimals}f}"
    text = text.replace(",", "\x00").replace(".", decimal).replace("\x00", thousands)
    return ("-" if value < 0 else "") + text


def fmt_int(x: float | int | None, lang: str = "id") -> str:
    """Format a count.

    Examples
    --------
    >>> fmt_int(12345)
    '12.345'
    """
    return fmt_number(x, 0, lang)


#: numbers under ten as words (EYD V: a count under ten in running text is written in words)
COUNT_WORDS = {
    "id": ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"),
    "en": ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
}


def fmt_count(n: float | int | None, lang: str = "id") -> str:
    """Format a count for running text: under ten in words, else as :func:`fmt_int`.

    Tables keep digits (:func:`fmt_int`); measurements, scores, percentages,
    money and years are never counts.

    Parameters
    ----------
    n : float, int or None
        A whole count; ``None`` or NaN gives :data:`MISSING`, a value with a
        fraction is shown as a number.
    lang : {"id", "en"}, default "id"
        Words and separators of the language.

    Returns
    -------
    str
        ``"lima"`` / ``"five"`` for 5, ``"1.293"`` / ``"1,293"`` for 1293.

    Examples
    --------
    >>> fmt_count(0), fmt_count(9), fmt_count(10), fmt_count(1293)
    ('nol', 'sembilan', '10', '1.293')
    >>> fmt_count(4, "en"), fmt_count(1293, "en"), fmt_count(None)
    ('four', '1,293', '–')
    """
    if _finite(n) and float(n) == int(n) and 0 <= int(n) < 10:
        return COUNT_WORDS[lang][int(n)]
    return fmt_int(n, lang)


def parse_count(text: str, lang: str = "id") -> int:
    """Read back a count written by :func:`fmt_count` (words under ten, else digits).

    Examples
    --------
    >>> parse_count("lima"), parse_count("1.293"), parse_count("Three", "en"), parse_count("1,293", "en")
    (5, 1293, 3, 1293)
    """
    word = text.strip().lower()
    if word in COUNT_WORDS[lang]:
        return COUNT_WORDS[lang].index(word)
    return int(word.replace(_SEPARATORS[lang][0], ""))


def count_pattern(lang: str = "id") -> str:
    """A regex matching a count as :func:`fmt_count` writes it.

    Examples
    --------
    >>> import re
    >>> re.fullmatch(count_pattern(), "tujuh") is not None, re.fullmatch(count_pattern("en"), "1,293") is not None
    (True, True)
    """
    sep = "\\" + _SEPARATORS[lang][0]
    return "(?:" + "|".join(COUNT_WORDS[lang]) + rf"|\d{{1,3}}(?:{sep}\d{{3}})*)"


def fmt_rupiah(x: float | int | None, lang: str = "id", decimals: int = 0) -> str:
    """Format an amount of money in Rupiah.

    Parameters
    ----------
    x : float, int or None
        Amount in Rupiah; ``None`` or NaN gives ``"–"``.
    lang : {"id", "en"}, default "id"
        Separator convention (see :func:`fmt_number`).
    decimals : int, default 0
        Decimals shown.

    Returns
    -------
    str
        Indonesian: ``"Rp"`` written without a space before the amount (EYD V,
        ``Rp3.523.500.000``); English: ``"IDR "`` and the amount.  A negative
        amount has its sign before the currency.

    Examples
    --------
    >>> fmt_rupiah(1250000)
    'Rp1.250.000'
    >>> fmt_rupiah(1250000.5, "en", 1)
    'IDR 1,250,000.5'
    >>> fmt_rupiah(-2500)
    '-Rp2.500'
    >>> fmt_rupiah(float("nan"))
    '–'
    """
    if not _finite(x):
        return MISSING
    sign = "-" if x < 0 else ""
    currency = "IDR " if lang == "en" else "Rp"
    return f"{sign}{currency}{fmt_number(abs(x), decimals, lang)}"


def fmt_pct(share: float | None, decimals: int = 1, lang: str = "id") -> str:
    """Format a share (0-1) as a percentage.

    Parameters
    ----------
    share : float or None
        Share between 0 and 1 (multiplied by 100); ``None`` or NaN gives ``"–"``.
    decimals : int, default 1
        Decimals of the percentage.
    lang : {"id", "en"}, default "id"
        Separator convention (see :func:`fmt_number`).

    Returns
    -------
    str
        The percentage followed by ``%``.

    Examples
    --------
    >>> fmt_pct(0.4567)
    '45,7%'
    >>> fmt_pct(0.5, 0, "en")
    '50%'
    >>> fmt_pct(None)
    '–'
    """
    if not _finite(share):
        return MISSING
    return f"{fmt_number(100 * float(share), decimals, lang)}%"


def fmt_p(p: float | None, lang: str = "id") -> str:
    """Format a p-value: three decimals, ``< 0,001`` below that.

    Parameters
    ----------
    p : float or None
        The p-value; ``None`` or NaN gives ``"–"``.
    lang : {"id", "en"}, default "id"
        Separator convention (see :func:`fmt_number`).

    Returns
    -------
    str
        The p-value with three decimals, or ``"< 0,001"`` (``"< 0.001"``).

    Examples
    --------
    >>> fmt_p(0.04321)
    '0,043'
    >>> fmt_p(0.00001, "en")
    '< 0.001'
    >>> fmt_p(float("nan"))
    '–'
    """
    if not _finite(p):
        return MISSING
    if p < 0.001:
        return f"< {fmt_number(0.001, 3, lang)}"
    return fmt_number(p, 3, lang)


def fmt_p_expr(p: float | None, lang: str = "id") -> str:
    """Format a p-value for running text: ``p = 0,330`` or ``p < 0,001``.

    Examples
    --------
    >>> fmt_p_expr(0.33), fmt_p_expr(0.0004), fmt_p_expr(0.04, "en")
    ('p = 0,330', 'p < 0,001', 'p = 0.040')
    """
    text = fmt_p(p, lang)
    if text == MISSING:
        return f"p {MISSING}"
    return f"p {text}" if text.startswith("<") else f"p = {text}"


def fmt_ci(low: float | None, high: float | None, decimals: int = 2, lang: str = "id") -> str:
    """Format a confidence interval as ``[low; high]``.

    Examples
    --------
    >>> fmt_ci(0.12, 0.5)
    '[0,12; 0,50]'
    """
    sep = "; " if lang == "id" else ", "
    return f"[{fmt_number(low, decimals, lang)}{sep}{fmt_number(high, decimals, lang)}]"
