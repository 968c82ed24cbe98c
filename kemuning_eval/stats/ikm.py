"""Indeks Kepuasan Masyarakat (IKM), PermenPANRB 14/2017, for the organiser elements.

Definition used
---------------
Nine elements (unsur), each answered 1-4, **keyed by name** (implementations
disagree on the order of the last two):

======== ===========================================
name     element
======== ===========================================
persyaratan  Persyaratan
prosedur     Sistem, Mekanisme dan Prosedur
waktu        Waktu Penyelesaian
biaya        Biaya/Tarif
produk       Produk Spesifikasi Jenis Pelayanan
kompetensi   Kompetensi Pelaksana
perilaku     Perilaku Pelaksana
pengaduan    Penanganan Pengaduan, Saran dan Masukan
sarana       Sarana dan Prasarana
======== ===========================================

- ``NRR_i`` = mean of element *i* over the respondents who answered it;
- index = sum(NRR_i * 1/9) with the exact weight 1/9 (not 0.111);
- converted index = index * 25 (25-100, :func:`kemuning_eval.stats.bands.ikm_converted`);
- grade on the converted index rounded half away from zero to 2 decimals
  (the only rounding): < 65.00 D "Tidak Baik"; < 76.61 C "Kurang Baik";
  < 88.31 B "Baik"; otherwise A "Sangat Baik".

A group missing every answer to some element has no index (NaN).  Groups
with fewer than ``min_n`` respondents are suppressed (primary + secondary).

Output of :func:`ikm_index`: grouping columns, ``n`` (respondents with at
least one element answered), ``estimate`` (index 1-4), ``converted``
(25-100, unrounded), ``grade``, ``quality`` (code, :func:`kemuning_eval.stats.bands.ikm_grade`), ``weakest`` (element with
the lowest NRR), ``method``, ``suppressed``, ``suppression``.

Output of :func:`ikm_elements`: grouping columns, ``element``, ``variable``,
``n``, ``nrr``, ``nrr_weighted`` (NRR/9), ``converted``
(NRR*25), ``rank`` (1 = weakest within the group, ties share the lowest rank),
``suppressed``, ``suppression``.

On the bundled data::

    import pandas as pd
    d = "data/processed/2026/"
    ikm_index(pd.read_parquet(d + "reaction.parquet"), pd.read_parquet(d + "items.parquet"))
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from kemuning_eval.config import IKM_ELEMENTS
from kemuning_eval.errors import DataError, check_arg
from kemuning_eval.i18n import t  # error messages only
from kemuning_eval.stats._common import (
    ALL,
    DEFAULT_MIN_N,
    as_columns,
    check_min_n,
    check_range,
    drop_all,
    group_by,
    numeric_matrix,
    require_columns,
)
from kemuning_eval.stats.bands import ikm_converted, ikm_grade
from kemuning_eval.stats.suppression import suppress

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: the nine elements in the regulation's order (the table of ``config.IKM_ELEMENTS``, held there once)
ELEMENTS: tuple[str, ...] = tuple(IKM_ELEMENTS)
WEIGHT = 1 / len(ELEMENTS)
_ALIASES = {
    "sistemmekanismedanprosedur": "prosedur", "sistemmekanismeprosedur": "prosedur",
    "waktupenyelesaian": "waktu", "biayatarif": "biaya", "tarif": "biaya",
    "produkspesifikasijenispelayanan": "produk", "produk spesifikasi": "produk",
    "kompetensipelaksana": "kompetensi", "perilakupelaksana": "perilaku",
    "penangananpengaduansarandanmasukan": "pengaduan", "penangananpengaduan": "pengaduan",
    "saranadanprasarana": "sarana", "saranaprasarana": "sarana",
}
METHOD = "PermenPANRB 14/2017: NRR per element over answers, index = sum(NRR)/9, x25"


def element_key(name: str) -> str | None:
    """Canonical element name for a label or key, ``None`` if not an IKM element.

    Examples
    --------
    >>> element_key("Sistem, Mekanisme dan Prosedur"), element_key("SARANA"), element_key("x")
    ('prosedur', 'sarana', None)
    """
    flat = re.sub(r"[^a-z]", "", str(name).lower())
    if flat in ELEMENTS:
        return flat
    return _ALIASES.get(flat)


def ikm_from_nrr(nrr: Mapping[str, float]) -> pd.DataFrame:
    """IKM from the nine element means (NRR), keyed by element name.

    Examples
    --------
    Worked check of docs/domain.md section 6:

    >>> nrr = dict(zip(ELEMENTS, [3.2, 3.1, 3.4, 3.0, 3.3, 3.5, 3.6, 2.9, 3.2]))
    >>> row = ikm_from_nrr(nrr).iloc[0]
    >>> print(round(row["estimate"], 6), round(row["converted"], 2), row["grade"], row["quality"])
    3.244444 81.11 B baik
    """
    import pandas as pd

    keyed = {}
    for name, value in nrr.items():
        key = element_key(name)
        check_arg(key is not None, "nrr", name, f"keyed by element names ({', '.join(ELEMENTS)})")
        keyed[key] = float(value)
    missing = [e for e in ELEMENTS if e not in keyed]
    check_arg(not missing, "nrr", sorted(keyed), f"all nine elements (missing: {missing})")
    index = sum(keyed[e] * WEIGHT for e in ELEMENTS)
    grade, quality = ikm_grade(ikm_converted(index))
    weakest = min(ELEMENTS, key=lambda e: keyed[e])
    return pd.DataFrame([{"estimate": index, "converted": ikm_converted(index), "grade": grade,
                          "quality": quality, "weakest": weakest, "method": METHOD}])


def element_columns(
    data: pd.DataFrame, items: pd.DataFrame | None = None, *, elements: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Map each of the nine element names to its column in ``data``.

    From ``elements`` ({element name: column}) when given, else from the
    ``ikm_element`` column of the ``items`` table.

    Examples
    --------
    >>> import pandas as pd
    >>> items = pd.DataFrame({"variable": [f"ikm_u{i}" for i in range(1, 10)],
    ...                       "ikm_element": list(ELEMENTS[:7]) + ["sarana", "pengaduan"]})
    >>> data = pd.DataFrame(columns=items["variable"])
    >>> element_columns(data, items)["sarana"]
    'ikm_u8'
    """
    if elements is None:
        check_arg(items is not None, "items", None, "the items table (or pass elements=)")
        require_columns(items, ["variable", "ikm_element"], table="items")
        rows = items.dropna(subset=["ikm_element"])
        pairs = [(e, v) for e, v in zip(rows["ikm_element"], rows["variable"], strict=True)
                 if v in data.columns]
    else:
        pairs = list(elements.items())
    mapping: dict[str, str] = {}
    for name, column in pairs:
        key = element_key(name)
        if key is None:
            raise DataError(t("stats.ikm.error.unknown_element"), column="ikm_element",
                            value=name, hint=t("stats.ikm.hint.elements",
                                               elements=", ".join(ELEMENTS)))
        if key in mapping and mapping[key] != column:
            raise DataError(t("stats.ikm.error.duplicate_element"), column=column,
                            value=name, hint=t("stats.ikm.hint.elements",
                                               elements=", ".join(ELEMENTS)))
        mapping[key] = column
    missing = [e for e in ELEMENTS if e not in mapping]
    if missing:
        raise DataError(t("stats.ikm.error.missing_elements", elements=", ".join(missing)),
                        column="ikm_element", hint=t("stats.ikm.hint.elements",
                                                     elements=", ".join(ELEMENTS)))
    require_columns(data, mapping.values(), table="data")
    return {e: mapping[e] for e in ELEMENTS}


def _nrr_table(data, items, by, elements, min_n):
    """Check the arguments; per group: NRR per element (wide), answers, respondents."""
    import numpy as np
    import pandas as pd

    check_min_n(min_n)
    keys = as_columns(by)
    require_columns(data, keys, table="data")
    columns = element_columns(data, items, elements=elements)
    cols = list(columns.values())
    x = numeric_matrix(data, cols, table="data")
    check_range(x, cols, 1, 4)
    values = pd.DataFrame(x, columns=list(columns), index=data.index)
    values["_any"] = np.where(np.isnan(x).all(axis=1), np.nan, 1.0)
    g = values.groupby(group_by(data, keys), sort=True, observed=True)
    means, counts = g.mean(), g.count()
    return keys, columns, means[list(columns)], counts[list(columns)], counts["_any"]


def ikm_index(
    data: pd.DataFrame,
    items: pd.DataFrame | None = None,
    *,
    by: str | Sequence[str] | None = None,
    elements: Mapping[str, str] | None = None,
    min_n: int = DEFAULT_MIN_N,
) -> pd.DataFrame:
    """The IKM per group (or overall): index, converted index, grade, weakest element.

    Parameters
    ----------
    data : DataFrame
        The ``reaction`` table (one row per response, IKM answers 1-4).
    items : DataFrame, optional
        The ``items`` table; its ``ikm_element`` names the element of each column.
    by : str or list of str, optional
        Grouping columns.
    elements : mapping, optional
        {element name: column} instead of ``items``.
    min_n : int, default 5
        Smallest group published.

    Examples
    --------
    >>> import pandas as pd
    >>> cols = {e: f"u{i}" for i, e in enumerate(ELEMENTS, 1)}
    >>> data = pd.DataFrame({c: [3.0, 4, 3, 3, 4, 2] for c in cols.values()})
    >>> data["u8"] = [2.0, 3, 2, 3, 2, None]
    >>> out = ikm_index(data, elements=cols)
    >>> out[["n", "converted", "grade", "quality", "weakest"]].round(2).to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'n': 6, 'converted': 77.04, 'grade': 'B', 'quality': 'baik', 'weakest': 'pengaduan'}]
    """
    import numpy as np

    keys, _, means, _, respondents = _nrr_table(data, items, by, elements, min_n)
    arr = means.to_numpy()
    index = arr.sum(axis=1) * WEIGHT  # NaN if an element has no answers
    out = drop_all(means.index.to_frame(index=False))
    out["n"] = respondents.to_numpy().astype("int64")
    out["estimate"] = index
    out["converted"] = ikm_converted(index)
    graded = [ikm_grade(v) for v in out["converted"]]
    out["grade"] = [g for g, _ in graded]
    out["quality"] = [quality for _, quality in graded]
    filled = np.where(np.isnan(arr), np.inf, arr)
    out["weakest"] = [ELEMENTS[i] if np.isfinite(filled[r, i]) else None
                      for r, i in enumerate(filled.argmin(axis=1))]
    out["method"] = METHOD
    out = suppress(out, min_n=min_n, value_cols=["estimate", "converted"])
    for col in ("grade", "quality", "weakest"):
        out.loc[out["suppressed"], col] = None
    return out


def ikm_elements(
    data: pd.DataFrame,
    items: pd.DataFrame | None = None,
    *,
    by: str | Sequence[str] | None = None,
    elements: Mapping[str, str] | None = None,
    min_n: int = DEFAULT_MIN_N,
) -> pd.DataFrame:
    """NRR per element and group, with the weakest elements ranked first.

    Parameters are those of :func:`ikm_index`.

    Examples
    --------
    >>> import pandas as pd
    >>> cols = {e: f"u{i}" for i, e in enumerate(ELEMENTS, 1)}
    >>> data = pd.DataFrame({c: [3.0, 4, 3, 3, 4, 2] for c in cols.values()})
    >>> data["u8"] = [2.0, 3, 2, 3, 2, None]
    >>> out = ikm_elements(data, elements=cols)
    >>> out[["element", "n", "nrr", "converted", "rank"]].head(2).round(2).to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'element': 'pengaduan', 'n': 5, 'nrr': 2.4, 'converted': 60.0, 'rank': 1},
     {'element': 'persyaratan', 'n': 6, 'nrr': 3.17, 'converted': 79.17, 'rank': 2}]
    """
    import pandas as pd

    keys, columns, means, counts, _ = _nrr_table(data, items, by, elements, min_n)
    group_keys = keys or [ALL]
    means.columns.name = counts.columns.name = "element"
    long = pd.DataFrame({"n": counts.stack(), "nrr": means.stack()}).reset_index()
    long["n"] = long["n"].astype("int64")
    long["variable"] = long["element"].map(columns)
    long["nrr_weighted"] = long["nrr"] * WEIGHT
    long["converted"] = ikm_converted(long["nrr"])
    long["rank"] = long.groupby(group_keys)["nrr"].rank(method="min").astype("Int64")
    order = {e: i for i, e in enumerate(ELEMENTS)}
    long["_pos"] = long["element"].map(order)
    long = long.sort_values([*group_keys, "rank", "_pos"], kind="stable").reset_index(drop=True)
    cols = [*keys, "element", "variable", "n", "nrr", "nrr_weighted",
            "converted", "rank"]
    out = suppress(long[cols], min_n=min_n, partitions=[["element"]],
                   value_cols=["nrr", "nrr_weighted", "converted"])
    out.loc[out["suppressed"], "rank"] = pd.NA
    return out
