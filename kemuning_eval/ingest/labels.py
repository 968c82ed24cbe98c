"""Likert scales and label matching that forgives case, spaces, punctuation and abbreviations.

Labels are normalised (lower case, punctuation -> space, spaces collapsed)
before lookup, so ``"Sangat  setuju."``, ``"SANGAT SETUJU"`` and ``"SS"`` all
score 5 on ``setuju5``.  Matching works on the *unique* values of a column,
never cell by cell.

Examples
--------
>>> normalise_label("  Sangat   SETUJU. ")
'sangat setuju'
>>> scale = builtin_scale("setuju5")
>>> [scale.score(x) for x in ["SS", "setuju", "Ragu-ragu", "5", "sts"]]
[5.0, 4.0, 3.0, 5.0, 1.0]
>>> scale.score("Sangat Stuju") is None
True
>>> scale.suggest("Sangat Stuju")
['Sangat Setuju', 'Sangat Tidak Setuju']
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

_PUNCT = re.compile(r"[^\w]+", re.UNICODE)
_LEADING_NUMBER = re.compile(r"^(\d+)\s+(.*)$")


def normalise_label(value: Any) -> str:
    """Return ``value`` lower-cased, punctuation replaced by spaces, spaces collapsed.

    Examples
    --------
    >>> normalise_label("Tidak-Setuju!")
    'tidak setuju'
    """
    text = str(value).replace("_", " ")
    return " ".join(_PUNCT.sub(" ", text.lower()).split())


def _number(text: str) -> float | None:
    try:
        return float(text.strip().replace(",", "."))
    except ValueError:
        return None


@dataclass(frozen=True)
class Scale:
    """A set of value labels with their scores.

    Parameters
    ----------
    name : str
        Scale name (``setuju5`` ...).
    min, max : float
        Lowest and highest score (used for reverse recoding).
    labels : Mapping[float, tuple[str, ...]]
        Score -> labels that mean it (first = the display label).

    Examples
    --------
    >>> s = Scale("tingkat3", 1.0, 3.0, {3.0: ("Tinggi", "T"), 2.0: ("Sedang",), 1.0: ("Rendah", "R")})
    >>> s.score("TINGGI"), s.score("t."), s.score("2"), s.score("4"), s.score("3 Tinggi")
    (3.0, 3.0, 2.0, None, 3.0)
    >>> s.display_labels(), s.reverse(1.0)
    (['Tinggi', 'Sedang', 'Rendah'], 3.0)
    >>> s.suggest("Sedeng")
    ['Sedang']
    """

    name: str
    min: float
    max: float
    labels: Mapping[float, tuple[str, ...]]
    _lookup: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        table = {}
        for score, names in self.labels.items():
            for name in names:
                table[normalise_label(name)] = float(score)
        self._lookup.update(table)

    def score(self, value: Any) -> float | None:
        """Return the score of one label (``None`` when unknown).

        Accepted: any known label or abbreviation, a number within
        ``min..max`` that is one of the scale's scores, or ``"5 Sangat Setuju"``.
        """
        key = normalise_label(value)
        if key in self._lookup:
            return self._lookup[key]
        parts = key.split()
        if len(parts) > 1 and all(len(p) == 1 for p in parts):  # "t.s." -> "ts"
            compact = "".join(parts)
            if compact in self._lookup:
                return self._lookup[compact]
        num = _number(str(value))
        if num is not None and float(num) in self.labels:
            return float(num)
        m = _LEADING_NUMBER.match(key)
        if m and float(m.group(1)) in self.labels:
            rest = m.group(2)
            if rest in self._lookup and self._lookup[rest] != float(m.group(1)):
                return None
            return float(m.group(1))
        return None

    def display_labels(self) -> list[str]:
        """Return the first (display) label of each score, highest first."""
        return [names[0] for _, names in sorted(self.labels.items(), reverse=True)]

    def suggest(self, value: Any, n: int = 2) -> list[str]:
        """Return the closest known labels to an unknown value (difflib)."""
        shown = {}
        for names in self.labels.values():
            for name in names:
                shown.setdefault(normalise_label(name), name)
        close = difflib.get_close_matches(normalise_label(value), list(shown), n=n, cutoff=0.4)
        return [shown[c] for c in close]

    def reverse(self, score: Any) -> Any:
        """Return ``min + max - score`` (works on numbers and pandas objects)."""
        return self.min + self.max - score


_BUILTIN: dict[str, dict] = {
    "setuju5": {"min": 1, "max": 5, "labels": {
        5: ["Sangat Setuju", "SS"],
        4: ["Setuju", "S"],
        3: ["Netral", "N", "Ragu-ragu", "RR", "Ragu", "Cukup Setuju", "CS"],
        2: ["Tidak Setuju", "TS", "Kurang Setuju", "KS"],
        1: ["Sangat Tidak Setuju", "STS"]}},
    "kualitas5": {"min": 1, "max": 5, "labels": {
        5: ["Sangat Baik", "SB", "Baik Sekali", "BS"],
        4: ["Baik", "B"],
        3: ["Cukup", "C", "Cukup Baik", "CB", "Sedang"],
        2: ["Kurang", "K", "Kurang Baik", "KB", "Tidak Baik", "TB"],
        1: ["Sangat Kurang", "SK", "Sangat Tidak Baik", "STB", "Kurang Sekali"]}},
    "kepuasan4": {"min": 1, "max": 4, "labels": {
        4: ["Sangat Puas", "SP"],
        3: ["Puas", "P"],
        2: ["Kurang Puas", "KP"],
        1: ["Tidak Puas", "TP", "Sangat Tidak Puas", "STP"]}},
    "ikm4": {"min": 1, "max": 4, "labels": {
        4: ["Sangat Baik", "Sangat Sesuai", "Sangat Mudah", "Sangat Cepat", "Sangat Puas",
            "Sangat Kompeten", "Sangat Sopan", "Gratis", "Dikelola dengan baik"],
        3: ["Baik", "Sesuai", "Mudah", "Cepat", "Puas", "Kompeten", "Sopan", "Murah",
            "Berfungsi kurang maksimal"],
        2: ["Kurang Baik", "Kurang Sesuai", "Kurang Mudah", "Kurang Cepat", "Kurang Puas",
            "Kurang Kompeten", "Kurang Sopan", "Cukup Mahal", "Ada tetapi tidak berfungsi"],
        1: ["Tidak Baik", "Tidak Sesuai", "Tidak Mudah", "Tidak Cepat", "Tidak Puas",
            "Tidak Kompeten", "Tidak Sopan", "Sangat Mahal", "Tidak ada"]}},
    "yatidak": {"min": 0, "max": 1, "labels": {
        1: ["Ya", "Y", "Yes", "Benar", "True", "Sudah"],
        0: ["Tidak", "T", "No", "Salah", "False", "Belum"]}},
}

#: Names of the built-in scales.
BUILTIN_SCALES = tuple(_BUILTIN)


def make_scale(name: str, spec: Mapping[str, Any]) -> Scale:
    """Build a :class:`Scale` from a codebook mapping ``{min, max, labels}``.

    ``labels`` maps a score to one label or a list of labels.

    Examples
    --------
    >>> make_scale("x", {"min": 1, "max": 3, "labels": {3: "Tinggi", 2: ["Sedang"], 1: "Rendah"}}).score("tinggi")
    3.0
    """
    labels = {}
    for score, names in dict(spec["labels"]).items():
        if isinstance(names, str | int | float):
            names = [names]
        labels[float(score)] = tuple(str(n) for n in names)
    lo = float(spec.get("min", min(labels)))
    hi = float(spec.get("max", max(labels)))
    return Scale(name=name, min=lo, max=hi, labels=labels)


def builtin_scale(name: str) -> Scale:
    """Return a built-in scale by name (``KeyError`` if unknown).

    Parameters
    ----------
    name : str
        One of :data:`BUILTIN_SCALES`.

    Returns
    -------
    Scale
        A new scale object.

    Raises
    ------
    KeyError
        If ``name`` is not a built-in scale.

    Examples
    --------
    >>> s = builtin_scale("kepuasan4")
    >>> s.min, s.max, s.display_labels()
    (1.0, 4.0, ['Sangat Puas', 'Puas', 'Kurang Puas', 'Tidak Puas'])
    >>> builtin_scale("yatidak").score("sudah")
    1.0
    >>> builtin_scale("skala10")
    Traceback (most recent call last):
    ...
    KeyError: 'skala10'
    """
    return make_scale(name, _BUILTIN[name])


def detect_scale(values: list[str]) -> str | None:
    """Return the built-in scale whose labels cover all ``values`` (textual labels only).

    Examples
    --------
    >>> detect_scale(["Sangat Puas", "puas", "Kurang Puas"])
    'kepuasan4'
    >>> detect_scale(["5", "4"]) is None
    True
    """
    texts = [v for v in values if _number(str(v)) is None]
    if not texts:
        return None
    for name in ("setuju5", "kepuasan4", "kualitas5", "yatidak", "ikm4"):
        scale = builtin_scale(name)
        if all(scale.score(v) is not None for v in texts):
            return name
    return None


def match_values(values: list[Any], mapping: Mapping[Any, Any]) -> dict[Any, Any]:
    """Map raw values to stored values through ``mapping`` keyed on normalised labels.

    Values not found are absent from the result.

    Examples
    --------
    >>> match_values(["Laki-laki", "P", "x"], {"L": "L", "Laki laki": "L", "P": "P"})
    {'Laki-laki': 'L', 'P': 'P'}
    """
    table = {normalise_label(k): v for k, v in mapping.items()}
    out = {}
    for value in values:
        key = normalise_label(value)
        if key in table:
            out[value] = table[key]
        else:
            num = _number(str(value))
            if num is not None and num.is_integer() and normalise_label(int(num)) in table:
                out[value] = table[normalise_label(int(num))]
    return out


def map_unique(values: Any, func: Any, *, dtype: str = "float64") -> Any:
    """Apply ``func`` (callable or dict) once per distinct value; missing stays missing.

    Uses :func:`pandas.factorize` (fast on Arrow-backed text) instead of
    ``Series.map``, so a million answers cost as much as their few labels.

    Examples
    --------
    >>> import pandas as pd
    >>> map_unique(pd.Series(["SS", None, "SS", "s"]), {"SS": 5.0, "s": 4.0}).tolist()
    [5.0, nan, 5.0, 4.0]
    """
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    get = func.get if isinstance(func, dict) else func
    missing = np.nan if dtype == "float64" else None
    mapped = [get(u) for u in uniques]
    table = np.array([missing if m is None else m for m in mapped] + [missing],
                     dtype=object if dtype != "float64" else "float64")
    return pd.Series(table[codes], index=values.index, dtype=dtype if dtype == "float64" else object)


def replace_regex(values: Any, pattern: str, repl: str) -> Any:
    """Regex replace on a text column, with Arrow's engine (RE2) when the column is Arrow-backed.

    pandas falls back to Python per cell for many patterns; this does not.

    Examples
    --------
    >>> import pandas as pd
    >>> replace_regex(pd.Series(["a  b", None], dtype="str"), r"\\s+", " ").tolist()
    ['a b', nan]
    """
    import pandas as pd

    text = values if pd.api.types.is_string_dtype(values) and getattr(values.dtype, "storage", "") == "pyarrow" \
        else values.astype("str")
    if getattr(text.dtype, "storage", "") != "pyarrow":
        return text.str.replace(pattern, repl, regex=True)
    import pyarrow as pa
    import pyarrow.compute as pc

    out = pc.replace_substring_regex(pa.array(text), pattern=pattern, replacement=repl)
    return pd.Series(out.to_pandas(types_mapper={pa.string(): text.dtype, pa.large_string(): text.dtype}.get),
                     index=values.index, dtype=text.dtype)



def collapse_spaces(values: Any) -> Any:
    """``replace_regex(values, r"\\s+", " ")``, skipped when no cell has a run to collapse.

    On Arrow-backed text a match is several times cheaper than a replace, and
    most columns (names, units, codes) have single spaces only.

    Examples
    --------
    >>> import pandas as pd
    >>> collapse_spaces(pd.Series(["a  b", "c\td", None], dtype="str")).tolist()
    ['a b', 'c d', nan]
    >>> collapse_spaces(pd.Series(["a b", None], dtype="str")).tolist()
    ['a b', nan]
    """
    import pandas as pd

    if pd.api.types.is_string_dtype(values) and getattr(values.dtype, "storage", "") == "pyarrow":
        import pyarrow as pa
        import pyarrow.compute as pc

        # a run of two or more, or one whitespace character that is not a space (RE2 classes)
        if not pc.any(pc.match_substring_regex(pa.array(values), pattern=r"\s\s|[^\S ]")).as_py():
            return values
    return replace_regex(values, r"\s+", " ")
