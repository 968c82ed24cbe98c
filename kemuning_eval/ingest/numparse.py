"""Numbers as exports write them: decimal comma or point, thousands separators, ``Rp``, ``%``.

:func:`parse_numbers` reads a whole column, the fast way where pandas can and
one parse per distinct spelling otherwise; what is not a number becomes NaN
(the codebook's conversion reports it, :mod:`kemuning_eval.ingest.convert`).

Examples
--------
>>> import pandas as pd
>>> parse_numbers(pd.Series(["1.250", "(3,5)", "12%"]), decimal=",").tolist()
[1250.0, -3.5, 12.0]
"""

from __future__ import annotations

import re
from typing import Any


def _parse_number_text(text: str, decimal: str, money: bool = False) -> float | None:
    """Parse one spelling; None when it is not a number.

    Examples
    --------
    >>> _parse_number_text("Rp 1.250.000,50", ","), _parse_number_text("1,250", "."), _parse_number_text("x", ".")
    (1250000.5, 1250.0, None)
    """
    num = re.sub(r"(?i)^(rp\.?|idr)", "", text.strip()).replace(" ", "").replace("\u00a0", "")
    num = num.rstrip("%")
    if num.startswith("(") and num.endswith(")"):
        num = "-" + num[1:-1]
    if not num:
        return None
    if "," in num and "." in num:
        dec = "," if num.rfind(",") > num.rfind(".") else "."
        num = num.replace("." if dec == "," else ",", "").replace(",", ".")
    elif "." in num and (re.fullmatch(r"-?\d{1,3}(\.\d{3}){2,}", num) or (
            re.fullmatch(r"-?\d{1,3}(\.\d{3})+", num) and (decimal == "," or money))):
        num = num.replace(".", "")
    elif "," in num:
        if re.fullmatch(r"-?\d{1,3}(,\d{3})+", num) and decimal == ".":
            num = num.replace(",", "")
        else:
            num = num.replace(",", ".")
    try:
        return float(num)
    except ValueError:
        return None


def parse_numbers(values: Any, *, decimal: str = ".", money: bool = False) -> Any:
    """Parse numbers written the Indonesian or English way; unparseable -> NaN.

    Examples
    --------
    >>> import pandas as pd
    >>> parse_numbers(pd.Series(["85,5", "1.250.000", "Rp 1.250.000,50", "x", None]), decimal=",").tolist()
    [85.5, 1250000.0, 1250000.5, nan, nan]
    >>> parse_numbers(pd.Series(["Rp 900.000", "12.5"]), decimal=".", money=True).tolist()
    [900000.0, 12.5]
    """
    import pandas as pd

    text = values.astype("str").str.strip()
    if decimal == ",":
        fast = pd.to_numeric(text.str.replace(",", ".", regex=False).where(~text.str.contains(".", regex=False)),
                             errors="coerce")
    else:
        fast = pd.to_numeric(text, errors="coerce")
    todo = values.notna() & fast.isna()
    if todo.any():
        uniq = values[todo].unique()
        fixed = {u: _parse_number_text(str(u), decimal, money) for u in uniq}
        fast = fast.astype("float64")
        fast[todo] = values[todo].map(fixed).astype("float64")
    return fast.astype("float64").where(values.notna())


