"""Deterministic JSON for ``metrics.json``: sorted keys, plain floats, no NaN.

The report's numbers are stored at full precision by
:mod:`kemuning_eval.report.results.metrics`; this module only makes the file
byte-stable: numpy scalars become Python numbers, NaN and infinities become
``null``, keys are sorted, and the text ends with one newline.  A base module,
written by the results layer (``metrics.json``) and the report engine (cache stamps).

Examples
--------
>>> import math
>>> dumps_metrics({"b": 1.50, "a": [math.nan, 2]})
'{\\n  "a": [\\n    null,\\n    2\\n  ],\\n  "b": 1.5\\n}\\n'
>>> to_jsonable({"x": float("inf"), "y": (1, 2)})
{'x': None, 'y': [1, 2]}
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from pathlib import Path
from typing import Any


def to_jsonable(value: Any) -> Any:
    """Return ``value`` as plain JSON types (NaN/inf -> ``None``, numpy -> Python).

    Parameters
    ----------
    value : object
        A dict, list, tuple, scalar (Python, numpy or pandas), date or any
        other object.

    Returns
    -------
    object
        Dicts (with string keys), lists, str, int, float, bool or ``None``;
        dates become ISO text and unknown objects their ``str``.

    Examples
    --------
    >>> import datetime
    >>> import numpy as np
    >>> to_jsonable({1: np.float64(2.5), "n": np.int64(3), "d": datetime.date(2026, 1, 31)})
    {'1': 2.5, 'n': 3, 'd': '2026-01-31'}
    >>> to_jsonable([np.nan, np.bool_(True)])
    [None, True]
    """
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if value is None or isinstance(value, (str, bool)):
        return value
    if hasattr(value, "item") and not isinstance(value, (int, float)):
        try:  # numpy scalar (np.float64, np.int64, np.bool_)
            value = value.item()
        except (TypeError, ValueError):
            return str(value)
        return to_jsonable(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return None if not math.isfinite(value) else float(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    try:  # pandas NA / NaT
        import pandas as pd

        if pd.isna(value):
            return None
    except (ImportError, TypeError, ValueError):
        pass
    return str(value)


def dumps_metrics(metrics: dict) -> str:
    """Serialise ``metrics`` deterministically (sorted keys, indent 2, final newline).

    Parameters
    ----------
    metrics : dict
        The metrics (any value accepted by :func:`to_jsonable`).

    Returns
    -------
    str
        JSON text, non-ASCII characters kept, ending with ``"\\n"``.

    Examples
    --------
    >>> dumps_metrics({"z": 1, "a": "é"}) == dumps_metrics({"a": "é", "z": 1})
    True
    >>> dumps_metrics({})
    '{}\\n'
    """
    return json.dumps(to_jsonable(metrics), sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def write_json_atomic(text: str, path: str | Path) -> Path:
    """Write ``text`` to ``path`` atomically (temporary file, then rename).

    Parameters
    ----------
    text : str
        The text to write (UTF-8, ``\\n`` line endings).
    path : str or Path
        Destination; missing parent folders are created.

    Returns
    -------
    Path
        ``path``.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     out = write_json_atomic(dumps_metrics({"n": 3}), Path(d) / "sub" / "metrics.json")
    ...     print(out.name, out.read_text(encoding="utf-8") == dumps_metrics({"n": 3}))
    metrics.json True
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
