"""Results for the wording layer's examples and tests: a partial metrics dict completed into a ``Metrics``.

An example names only the numbers it is about
(``{"cost": {"available": True, "roi_pct": -5.0}}``); :func:`complete` merges
them onto :func:`~kemuning_eval.report.results.metrics.empty_metrics` and fills
every other required field of each record with a neutral value (``None`` where
the model allows it, else an empty list, ``False``, ``0``, the code ``"none"``
of a decision or the first allowed code); :func:`crafted` validates the result
into the typed :class:`~kemuning_eval.report.results.model.Metrics` that the
content layer reads.  Nothing here is used to build a real report.

Examples
--------
>>> m = crafted({"learning": {"available": True, "overall": {"n": 40, "estimate": 1.5}}})
>>> m.learning.overall.n, m.learning.overall.direction, m.learning.by_program, m.cost.available
(40, 'none', [], False)
"""

from __future__ import annotations

import types
import typing
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel

from kemuning_eval.report.results.metrics import empty_metrics
from kemuning_eval.report.results.model import Metrics


def _unwrap(annotation: Any) -> Any:
    while typing.get_origin(annotation) is Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _options(annotation: Any) -> list[Any]:
    annotation = _unwrap(annotation)
    if typing.get_origin(annotation) in (Union, types.UnionType):
        return [_unwrap(a) for a in typing.get_args(annotation)]
    return [annotation]


def _neutral(annotation: Any) -> Any:
    options = _options(annotation)
    if type(None) in options:
        return None
    kind = options[0]
    origin = typing.get_origin(kind)
    if origin is list:
        return []
    if origin is dict:
        return {}
    if origin is Literal:  # a decision defaults to "none" (no change shown) where that is a choice
        codes = typing.get_args(kind)
        return "none" if "none" in codes else codes[0]
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        return _fill(kind, {})
    return {bool: False, int: 0, float: 0.0, str: ""}.get(kind)


def _fill_value(annotation: Any, value: Any) -> Any:
    for option in _options(annotation):
        origin = typing.get_origin(option)
        if origin is list and isinstance(value, list):
            return [_fill_value(typing.get_args(option)[0], v) for v in value]
        if origin is dict and isinstance(value, dict):
            return {k: _fill_value(typing.get_args(option)[1], v) for k, v in value.items()}
        if isinstance(option, type) and issubclass(option, BaseModel) and isinstance(value, dict):
            available = option.model_fields.get("available")
            if available is None or typing.get_args(available.annotation) == (value.get("available"),):
                return _fill(option, value)
    return value


def _fill(model: type[BaseModel], data: dict) -> dict:
    out = dict(data)
    for name, field in model.model_fields.items():
        if name in out:
            out[name] = _fill_value(field.annotation, out[name])
        elif field.is_required():
            out[name] = _neutral(field.annotation)
    return out


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for key, value in over.items():
        keep = out.get(key)
        both = isinstance(keep, dict) and isinstance(value, dict) and keep.get("available", True) is not False
        out[key] = _merge(keep, value) if both else value
    return out


def complete(partial: dict | None = None, *, year: int = 2026) -> dict:
    """``partial`` merged onto the skeleton of ``year``, every missing required field filled (a dict).

    Parameters
    ----------
    partial : dict, optional
        The parts of the metrics an example is about (nested like ``metrics.json``).
    year : int, default 2026
        Study year of the skeleton (report date 15 December).

    Returns
    -------
    dict
        A dict that :meth:`Metrics.model_validate` accepts.

    Examples
    --------
    >>> m = complete({"cost": {"available": True, "roi_pct": -5.0}})
    >>> m["cost"]["roi_pct"], m["cost"]["by_program"], Metrics.model_validate(m).cost.total_cost
    (-5.0, [], None)
    """
    return _fill(Metrics, _merge(empty_metrics(year, report_date=f"{year}-12-15"), partial or {}))


def crafted(partial: dict | None = None, *, year: int = 2026) -> Metrics:
    """The results model of :func:`complete` (``partial`` completed and validated).

    Parameters
    ----------
    partial : dict, optional
        The parts of the metrics an example is about.
    year : int, default 2026
        Study year.

    Returns
    -------
    Metrics

    Examples
    --------
    >>> crafted({"study": {"agency": "BPSDM"}}).study.agency
    'BPSDM'
    """
    return Metrics.model_validate(complete(partial, year=year))
