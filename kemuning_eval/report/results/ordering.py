"""The natural order of category values: age bands by age, grades by rank, Likert categories by scale.

Stored lists (the participant profile) are put in this order once, by the
results layer, so every table and figure shows ``<30`` before ``30-39`` and
``III/d`` before ``IV/a``, and PPPK grades (roman numerals without a letter,
``V`` ... ``XVII``) after the PNS grades, in rank order.

Examples
--------
>>> sorted(["50+", "30-39", "<30", "40-49"], key=natural_key)
['<30', '30-39', '40-49', '50+']
>>> sorted(["IX", "IV/a", "II/c", "VII", "X", "III/d"], key=natural_key)
['II/c', 'III/d', 'IV/a', 'VII', 'IX', 'X']
>>> sorted(["baik", "sangat_kurang", "cukup", "sangat_baik", "kurang"], key=natural_key)
['sangat_kurang', 'kurang', 'cukup', 'baik', 'sangat_baik']
"""

from __future__ import annotations

import re

#: Likert category codes from the lowest to the highest (stats.bands' default labels)
LIKERT_ORDER = ("sangat_kurang", "kurang", "cukup", "baik", "sangat_baik")

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
_PNS_GRADE = re.compile(r"^(?P<roman>[IVX]+)/(?P<letter>[a-e])$")
_PPPK_GRADE = re.compile(r"^[IVXL]+$")
_BAND = re.compile(r"^(?P<below><)?\s*(?P<low>\d+)(?:\s*[-–]\s*(?P<high>\d+))?(?P<above>\+)?$")


def roman(text: str) -> int:
    """The value of a roman numeral (``IX`` -> 9).

    Examples
    --------
    >>> roman("IV"), roman("XVII")
    (4, 17)
    """
    values = [_ROMAN[c] for c in text]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def is_pppk_grade(value: str) -> bool:
    """A PPPK grade (a roman numeral alone, ``IX``), not a PNS grade (``III/a``).

    Examples
    --------
    >>> is_pppk_grade("IX"), is_pppk_grade("III/a"), is_pppk_grade("L")
    (True, False, False)
    """
    return bool(_PPPK_GRADE.match(value)) and value != "L"  # "L" is a gender code, not grade 50


def natural_key(value: object) -> tuple:
    """Sort key putting category values in their natural order, else in text order after them.

    Examples
    --------
    >>> sorted(["P", "L", "–"], key=natural_key)
    ['L', 'P', '–']
    """
    text = str(value).strip()
    if text in LIKERT_ORDER:
        return (0, LIKERT_ORDER.index(text), 0, "")
    band = _BAND.match(text)
    if band:
        low = int(band["low"]) - (1 if band["below"] else 0)  # "<30" sorts before "30-39"
        return (1, low, int(band["high"] or low), text)
    grade = _PNS_GRADE.match(text)
    if grade:
        return (2, roman(grade["roman"]), ord(grade["letter"]), text)
    if is_pppk_grade(text):
        return (3, roman(text), 0, text)
    return (4, 0, 0, text)
