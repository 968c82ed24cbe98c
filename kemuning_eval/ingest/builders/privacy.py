"""The last check of a run: no raw PII value (name, NIP, phone, e-mail) appears in any output table.

Examples
--------
>>> import numpy as np, pandas as pd
>>> tables = {"reaction": pd.DataFrame({"saran": ["Budi Santoso ramah"]})}
>>> check_no_pii(tables, [np.array(["Budi Santoso"])])  # part of a cell: the scrubber's job
>>> try:
...     check_no_pii({"tests": pd.DataFrame({"unit": ["Budi Santoso"]})}, [np.array(["Budi Santoso"])])
... except PrivacyError as exc:
...     print(type(exc).__name__)
PrivacyError
"""

from __future__ import annotations

from typing import Any

from kemuning_eval.errors import PrivacyError
from kemuning_eval.i18n import t
from kemuning_eval.ingest.builders.columns import as_text_index

#: Columns built by the run itself from HMACs and row numbers (never raw values).
MADE_IDS = frozenset({"participant_id", "facilitator_id", "person_id", "response_id", "excerpt_id"})


def check_no_pii(tables: dict[str, Any], pii_values: list[Any]) -> None:
    """Refuse to continue if any raw PII value appears as a cell of an output table.

    Vectorised: the distinct text cells (5 characters or more) of every output
    column form one lookup index, probed once per array of PII values.

    Raises
    ------
    PrivacyError
        Naming the first table and column where a PII value was found.

    Examples
    --------
    See the module's example.
    """
    import pandas as pd

    columns: list[tuple[str, str, Any]] = []
    for name, df in tables.items():
        for col in df.columns:
            if col in MADE_IDS:
                continue
            if pd.api.types.is_string_dtype(df[col]) or df[col].dtype == object:
                cells = as_text_index(df[col].dropna().unique())
                cells = cells[cells.str.len() >= 5]
                if len(cells):
                    columns.append((name, col, cells))
    if not columns:
        return
    lookup = pd.Index(pd.unique(pd.Index([]).append([c for _, _, c in columns]).to_numpy(dtype=object)))
    for values in pii_values:
        cells = as_text_index(values)
        hit = cells[cells.isin(lookup)]
        if len(hit):
            name, col = next((n, c) for n, c, u in columns if hit[0] in u)
            raise PrivacyError(t("ingest.pipe.pii_leak", table=repr(name), column=repr(col)),
                               hint=t("ingest.pipe.pii_leak_hint"))
