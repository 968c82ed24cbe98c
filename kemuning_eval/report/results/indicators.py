"""Indicator paths that stay valid from one year to the next: list items named by their code.

A recommendation is measured by a metric path (``reaction.ikm.elements.kompetensi.nrr``).
A position in a list (``elements.4``) changes when next year's report lists
other elements, so an indicator names a list item by its code (the first of
:data:`KEY_FIELDS` it holds).  The same path is read in this year's results
model and in last year's ``metrics.json`` (a dict that may lack fields: then
the value is ``None``, never an error).

Examples
--------
>>> doc = {"reaction": {"ikm": {"elements": [{"element": "persyaratan", "label": "Persyaratan", "nrr": 3.2},
...                                          {"element": "kompetensi", "label": "Kompetensi", "nrr": 2.9}]}}}
>>> stable_path(doc, "reaction.ikm.elements.1.nrr")
'reaction.ikm.elements.kompetensi.nrr'
>>> resolve(doc, "reaction.ikm.elements.kompetensi.nrr")
(2.9, 'Kompetensi')
>>> resolve(doc, "cost.bcr")
(None, None)
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

#: the field that names a list item, in the order looked for
KEY_FIELDS = ("dimension", "element", "program_id", "outcome", "theme", "variable", "rater", "code")


def _field(node: Any, name: str) -> Any:
    if isinstance(node, Mapping):
        return node.get(name)
    if isinstance(node, BaseModel):
        return getattr(node, name, None)
    return None


def item_key(item: Any) -> str | None:
    """The code that names a list item (its first field of :data:`KEY_FIELDS`), or None.

    Examples
    --------
    >>> item_key({"dimension": "materi", "mean": 3.1}), item_key({"n": 3})
    ('materi', None)
    """
    for name in KEY_FIELDS:
        value = _field(item, name)
        if isinstance(value, str) and value:
            return value
    return None


def stable_path(m: Any, path: str) -> str | None:
    """``path`` with every list position replaced by the item's code; None when a step is missing.

    Examples
    --------
    >>> stable_path({"a": [{"theme": "t1", "share": 0.3}]}, "a.0.share")
    'a.t1.share'
    >>> print(stable_path({"a": []}, "a.0.share"))
    None
    """
    node, parts = m, []
    for part in path.split("."):
        if isinstance(node, list):
            if not part.isdigit() or int(part) >= len(node):
                return None
            node = node[int(part)]
            key = item_key(node)
            if key is None:
                return None
            parts.append(key)
        else:
            node = _field(node, part)
            if node is None:
                return None
            parts.append(part)
    return ".".join(parts)


def resolve(m: Any, path: str) -> tuple[float | None, str | None]:
    """The number at a stable ``path`` and the label of the last list item on the way.

    Parameters
    ----------
    m : Metrics or dict
        This year's results model or a (possibly older) ``metrics.json`` document.
    path : str
        A metric path whose list items are named by their code (:func:`stable_path`).

    Returns
    -------
    tuple
        ``(value, label)``: the value as a float (None when a step is missing,
        the level was not measured or the value is not a finite number) and
        the ``label`` (else ``name``) of the list item the path selects.

    Examples
    --------
    >>> resolve({"learning": {"available": False, "reason": "no_data"}}, "learning.overall.gain_class")
    (None, None)
    >>> resolve({"study": {"demand_ratio": 1.3}}, "study.demand_ratio")
    (1.3, None)
    """
    node, label = m, None
    for part in path.split("."):
        if isinstance(node, list):
            node = next((x for x in node if item_key(x) == part), None)
            if node is not None:
                label = _field(node, "label") or _field(node, "name") or part
        else:
            node = _field(node, part)
        if node is None:
            return None, None
    if isinstance(node, bool) or not isinstance(node, (int, float)) or not math.isfinite(node):
        return None, None
    return float(node), label
