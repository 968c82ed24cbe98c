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
