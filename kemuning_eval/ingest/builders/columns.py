"""Column conversions the builders share: typed output columns, row-based ids, raw header names.

Examples
--------
>>> import pandas as pd
>>> df = pd.DataFrame({"unit": ["A", None], "jp": ["12", "x"]})
>>> text_column(df, "unit").tolist(), number_column(df, "jp").tolist()[0], bool(text_column(df, "role").isna().all())
(['A', None], 12.0, True)
"""

from __future__ import annotations

from typing import Any

from kemuning_eval.ingest.checks import as_boolean
from kemuning_eval.ingest.labels import match_values


def per_unique(values: Any, func: Any) -> Any:
    """``values.map(func)`` with one call per distinct value (missing values included).

    Examples
    --------
    >>> import pandas as pd
    >>> per_unique(pd.Series(["A", None, float("nan"), "A"], dtype=object), str).tolist()
    ['A', 'None', 'nan', 'A']
    """
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    mapped = np.empty(len(uniques), dtype=object)
    mapped[:] = [func(u) for u in uniques]
    out = mapped[codes] if len(uniques) else np.empty(len(codes), dtype=object)
    missing = codes < 0
    if missing.any():  # None and NaN may map differently: each missing cell on its own
        out[missing] = [func(v) for v in np.asarray(values, dtype=object)[missing]]
    return pd.Series(out, index=values.index, dtype=object, name=values.name)


def row_ids(prefix: str, rows: Any) -> Any:
    """``[f"{prefix}{r:06d}" for r in rows]`` for non-negative integer rows, vectorised.

    Examples
    --------
    >>> row_ids("R2026-", [7, 1234567]).tolist()
    ['R2026-000007', 'R2026-1234567']
    """
    import numpy as np
    import pandas as pd

    text = pd.Series(np.asarray(rows, dtype="int64")).astype(str).str.zfill(6)
    return (prefix + text).to_numpy(dtype=object)


def as_text_index(values: Any) -> Any:
    """Return values as an object Index of ``str`` (as ``str(value)`` writes them).

    Examples
    --------
    >>> list(as_text_index(["ab", 12, 1.5]))
    ['ab', '12', '1.5']
    """
    import numpy as np
    import pandas as pd

    arr = np.asarray(values, dtype=object)
    if pd.api.types.infer_dtype(arr, skipna=False) != "string":
        arr = arr.astype(str).astype(object)
    return pd.Index(arr, dtype=object)


def raw_name(df: Any, variable: str) -> str:
    """Return the raw header of a variable (for messages), else the variable.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"nip": []})
    >>> df.attrs["raw_columns"] = {"nip": "NIP Peserta"}
    >>> raw_name(df, "nip"), raw_name(df, "unit")
    ('NIP Peserta', 'unit')
    """
    return df.attrs.get("raw_columns", {}).get(variable, variable)


def text_column(df: Any, name: str) -> Any:
    """``df[name]`` as object values with None for missing; all None when the column is absent.

    Examples
    --------
    >>> import pandas as pd
    >>> text_column(pd.DataFrame({"role": ["ketua", float("nan")]}), "role").tolist()
    ['ketua', None]
    """
    import pandas as pd

    if name in df:
        return df[name].astype(object).where(df[name].notna(), None)
    return pd.Series(None, index=df.index, dtype=object)


def number_column(df: Any, name: str) -> Any:
    """``df[name]`` as float64 (NaN where not a number); all NaN when the column is absent.

    Examples
    --------
    >>> import pandas as pd
    >>> number_column(pd.DataFrame({"pre": [60, None]}), "post").isna().tolist()
    [True, True]
    """
    import pandas as pd

    if name in df:
        return pd.to_numeric(df[name], errors="coerce").astype("float64")
    return pd.Series(float("nan"), index=df.index, dtype="float64")


def boolean_column(df: Any, variable: str, file: str) -> Any:
    """``df[variable]`` as nullable boolean, a clear stop on a value that is not yes/no.

    Examples
    --------
    >>> import pandas as pd
    >>> boolean_column(pd.DataFrame({"completed": [True, None]}), "completed", "peserta.csv").tolist()
    [True, <NA>]
    """
    return as_boolean(df, variable, file=file, raw_column=raw_name(df, variable))


def mapped_values(given: Any, table: dict[str, str]) -> tuple[Any, Any]:
    """Map labels through ``table`` (forgiving case and spelling); return the codes and the unknowns.

    Examples
    --------
    >>> import pandas as pd
    >>> codes, unknown = mapped_values(pd.Series(["Atasan", "x", None]), {"atasan": "supervisor"})
    >>> codes.tolist(), unknown.tolist()
    (['supervisor', nan, nan], [False, True, False])
    """
    mapped = given.map(match_values(list(given.dropna().unique()), table)).astype(object)
    return mapped, given.notna() & mapped.isna()
