"""Sample size (Krejcie & Morgan 1970) and the response rate achieved.

Definitions used
----------------
- **Required sample** for a population of ``N``, Krejcie & Morgan (1970), the
  formula the satisfaction-survey guideline points to::

      S = X2 * N * P(1-P) / (d^2 * (N - 1) + X2 * P(1-P))

  with X2 = 3.841 (chi-square, 1 df, 95 %), P = 0.5 and d = 0.05, rounded to
  the nearest integer (half away from zero): N = 100 -> 80, 1000 -> 278,
  10000 -> 370.
- **Response rate** per group: respondents / population, where the
  population is the enrolled participants of the group (``participants``
  table) and respondents are the distinct ``participant_id`` in the survey
  table belonging to that population (rows are counted when the survey has no
  participant ids).  ``sufficient`` is True when respondents >= required.
- :func:`flag_sample` marks the rows of any result table whose ``n`` is
  below the required sample of its group (``below_required``).

Output of :func:`response_rates`: grouping columns, ``population``,
``respondents``, ``estimate`` (response rate 0-1), ``n_required``,
``sufficient``, ``method``.

On the bundled data::

    import pandas as pd
    d = "data/processed/2026/"
    response_rates(pd.read_parquet(d + "participants.parquet"),
                   pd.read_parquet(d + "reaction.parquet"), by="program_id")
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from kemuning_eval.errors import check_arg
from kemuning_eval.stats._common import as_columns, require_columns

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    import pandas as pd

CHI2_95 = 3.841
METHOD = "Krejcie & Morgan (1970): chi2 = 3.841, P = 0.5, d = 0.05"


def krejcie_morgan(
    population: Any, *, chi2: float = CHI2_95, p: float = 0.5, margin: float = 0.05
) -> np.ndarray | int:
    """Required sample size for a population (scalar or array), rounded to nearest.

    Examples
    --------
    >>> krejcie_morgan(100), krejcie_morgan(1000), krejcie_morgan(10000)
    (80, 278, 370)
    >>> krejcie_morgan([0, 10, 50]).tolist()
    [0, 10, 44]
    """
    import numpy as np

    n = np.asarray(population, dtype=np.float64)
    check_arg(bool(np.all(n >= 0)), "population", population, "counts >= 0")
    check_arg(0 < p < 1 and 0 < margin < 1 and chi2 > 0, "p/margin/chi2", (p, margin, chi2),
              "0 < p < 1, 0 < margin < 1 and chi2 > 0")
    pq = p * (1 - p)
    with np.errstate(invalid="ignore", divide="ignore"):
        s = chi2 * n * pq / (margin**2 * np.maximum(n - 1, 0) + chi2 * pq)
    s = np.floor(s + 0.5)  # nearest, halves up (S >= 0)
    s = np.minimum(s, n).astype(np.int64)
    return int(s) if s.ndim == 0 else s


def response_rates(
    participants: pd.DataFrame,
    responses: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = "program_id",
    id_col: str = "participant_id",
) -> pd.DataFrame:
    """Population, respondents, response rate and required sample per group.

    Parameters
    ----------
    participants : DataFrame
        The population (e.g. the processed ``participants`` table).
    responses : DataFrame
        The survey (``reaction``, ``tests`` ...).
    by : str or list of str, optional
        Grouping columns present in both tables (default ``"program_id"``).
    id_col : str, default "participant_id"
        Person identifier.

    Examples
    --------
    >>> import pandas as pd
    >>> people = pd.DataFrame({"participant_id": [f"P{i}" for i in range(150)],
    ...                        "program_id": ["A"] * 100 + ["B"] * 50})
    >>> answers = pd.DataFrame({"participant_id": [f"P{i}" for i in range(0, 150, 2)],
    ...                         "program_id": ["A"] * 50 + ["B"] * 25})
    >>> rates = response_rates(people, answers)
    >>> rates[["program_id", "population", "respondents", "estimate", "n_required",
    ...        "sufficient"]].round(4).to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'program_id': 'A', 'population': 100, 'respondents': 50, 'estimate': 0.5, 'n_required': 80, 'sufficient': False},
     {'program_id': 'B', 'population': 50, 'respondents': 25, 'estimate': 0.5, 'n_required': 44, 'sufficient': False}]
    """
    import numpy as np
    import pandas as pd

    keys = as_columns(by)
    require_columns(participants, [*keys, id_col], table="participants")
    require_columns(responses, keys, table="responses")
    people = participants.drop_duplicates(id_col)
    if id_col in responses.columns:
        resp = responses.dropna(subset=[id_col]).drop_duplicates([id_col, *keys])
        resp = resp[_members(resp[id_col], people[id_col])]
    else:
        resp = responses
    if keys:
        pop = people.groupby(keys, sort=True).size().rename("population")
        got = resp.groupby(keys, sort=True).size().rename("respondents")
        out = pd.concat([pop, got], axis=1).fillna(0).astype("int64").reset_index()
    else:
        out = pd.DataFrame({"population": [len(people)], "respondents": [len(resp)]})
    with np.errstate(invalid="ignore", divide="ignore"):
        out["estimate"] = out["respondents"] / out["population"].replace(0, np.nan)
    out["n_required"] = krejcie_morgan(out["population"].to_numpy())
    out["sufficient"] = out["respondents"] >= out["n_required"]
    out["method"] = METHOD
    return out


def _members(values: pd.Series, population: pd.Series) -> np.ndarray:
    """Boolean mask of ``values`` found in ``population`` (one factorize: fast on str)."""
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(pd.concat([population, values], ignore_index=True))
    known = np.zeros(len(uniques) + 1, dtype=bool)  # last slot: missing ids (code -1)
    pop_codes = codes[: len(population)]
    known[pop_codes[pop_codes >= 0]] = True
    return known[codes[len(population):]]


def flag_sample(
    table: pd.DataFrame,
    rates: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = "program_id",
    n_col: str = "n",
) -> pd.DataFrame:
    """Add ``n_required`` and ``below_required`` to a result table.

    ``rates`` is the output of :func:`response_rates` with the same ``by``.

    Examples
    --------
    >>> import pandas as pd
    >>> rates = pd.DataFrame({"program_id": ["A", "B"], "n_required": [80, 44]})
    >>> result = pd.DataFrame({"program_id": ["A", "B"], "n": [85, 30], "estimate": [4.1, 3.9]})
    >>> flag_sample(result, rates)["below_required"].tolist()
    [False, True]
    """
    keys = as_columns(by)
    require_columns(table, [*keys, n_col], table="table")
    require_columns(rates, [*keys, "n_required"], table="rates")
    if keys:
        out = table.merge(rates[[*keys, "n_required"]], on=keys, how="left")
    else:
        out = table.copy()
        out["n_required"] = int(rates["n_required"].iloc[0])
    out["below_required"] = out[n_col] < out["n_required"]
    return out


_ROMAN = {"I": 1, "V": 5, "X": 10}  # grades run I/a-IV/e (PNS) and I-XVII (PPPK)
_GRADE = re.compile(r"^(?P<roman>[IVX]+)(?:\s*/\s*(?P<letter>[a-eA-E]))?$")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
#: levels of education in their order (Indonesian school and degree levels)
EDUCATION_ORDER = ("SD", "SMP", "SMA", "SMK", "D1", "D2", "D3", "D4", "S1", "S2", "S3")
#: prefix of a PPPK grade in a profile (``"PPPK IX"``), sorted after the PNS grades
PPPK_PREFIX = "PPPK "
#: how a category without a value is written in a profile (sorted last)
MISSING_CATEGORY = "–"


def _roman(text: str) -> int | None:
    values = [_ROMAN[c] for c in text]
    total = sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    return total if total > 0 else None


def is_pppk_grade(value: str) -> bool:
    """A PPPK grade written as a Roman numeral alone (``IX``), not a PNS grade (``III/a``) nor the sex code ``L``.

    Examples
    --------
    >>> is_pppk_grade("IX"), is_pppk_grade("III/a"), is_pppk_grade("L")
    (True, False, False)
    """
    text = str(value).strip()
    return bool(re.fullmatch(r"[IVXL]+", text)) and text != "L"


def category_order_key(value: Any) -> tuple[int, float, str]:
    """Sort key that puts profile categories in their natural order, not as text.

    Age bands by their number (``"<30"`` before ``"30-39"``, ``"50+"`` after
    ``"40-49"``), civil-service grades by their Roman numeral and
    letter (``"II/d"`` before ``"III/a"``, ``"IX"`` before ``"X"``; PPPK grades
    written ``"PPPK IX"`` after every PNS grade), education levels in
    :data:`EDUCATION_ORDER` (``"SMA"``, ``"D3"``, ``"S1"`` ...), other
    labels alphabetically after them, a missing value (``None``, ``"–"``) last.

    Parameters
    ----------
    value : object
        A category label.

    Returns
    -------
    tuple of (int, float, str)

    Examples
    --------
    >>> sorted(["50+", "30-39", "<30", "40-49"], key=category_order_key)
    ['<30', '30-39', '40-49', '50+']
    >>> sorted(["IX", "III/a", "X", "II/d", "V"], key=category_order_key)
    ['II/d', 'III/a', 'V', 'IX', 'X']
    >>> sorted(["PPPK X", "IV/a", "PPPK IX", "III/b"], key=category_order_key)
    ['III/b', 'IV/a', 'PPPK IX', 'PPPK X']
    >>> sorted(["S2", "D3", "S1", "SMA"], key=category_order_key)
    ['SMA', 'D3', 'S1', 'S2']
    >>> sorted(["P", None, "L"], key=category_order_key)
    ['L', 'P', None]
    """
    text = "" if value is None else str(value).strip()
    if not text or text == MISSING_CATEGORY or text.lower() in ("nan", "<na>", "none"):
        return (3, 0.0, "")
    if text.upper() in EDUCATION_ORDER:
        return (0, EDUCATION_ORDER.index(text.upper()) - 100.0, text)
    if text.startswith(PPPK_PREFIX):
        kind, number, rest = category_order_key(text[len(PPPK_PREFIX):])
        return (kind, number + 1000, rest) if kind == 1 else (2, 0.0, text.casefold())
    grade = _GRADE.match(text.upper())
    if grade and _roman(grade["roman"]) is not None:
        letter = grade["letter"] or ""
        return (1, _roman(grade["roman"]) + (ord(letter.lower()) - 96) / 10 if letter else _roman(grade["roman"]),
                text)
    number = _NUMBER.search(text)
    if number and number.start() <= 2:
        x = float(number.group().replace(",", "."))
        if text.startswith(("<", "≤", "kurang")):
            x -= 0.5
        elif text.startswith((">", "≥")) or text.endswith("+"):
            x += 0.5
        return (0, x, text)
    return (2, 0.0, text.casefold())
