"""Catalogue text of the statistics' language-neutral codes.

:mod:`kemuning_eval.stats` returns codes (Cohen band ``"large"``, Hake band
``"medium"``, George & Mallery band ``"acceptable"``, Likert category
``"baik"``, IKM quality ``"sangat_baik"``, IKM element ``"waktu"``); the
metrics store them; this module is the one place that turns a code into the
text a report shows (catalogue keys ``labels.<kind>.<code>``,
``kemuning_eval/catalogue/labels.yaml``).

Likert categories configured in ``scoring.likert_cutoffs`` are the study's own
labels: they are shown as written.

Examples
--------
>>> label("cohen", "small", "id"), label("cohen", "small", "en")
('Kecil', 'Small')
>>> label("likert", "sangat_baik", "id"), label("likert", "Tinggi", "en"), label("ikm", None, "id")
('Sangat Baik', 'Tinggi', None)
"""

from __future__ import annotations

from kemuning_eval.i18n import check_lang, t
from kemuning_eval.stats.bands import CODES
from kemuning_eval.stats.ikm import ELEMENTS

#: The codes each kind of label knows (from the statistics' band module and the IKM elements).
KNOWN: dict[str, tuple[str, ...]] = {
    "cohen": CODES["cohen"], "hake": CODES["hake"], "alpha": CODES["alpha"],
    "likert": CODES["likert"], "ikm": CODES["ikm"], "ikm_element": ELEMENTS,
}
#: Kinds whose unknown values are user data (configured labels), shown as given.
_AS_GIVEN = frozenset({"likert"})


def label(kind: str, code: str | None, lang: str) -> str | None:
    """The text of ``code`` of ``kind`` in ``lang``; ``None`` for a missing code.

    Parameters
    ----------
    kind : {"cohen", "hake", "alpha", "likert", "ikm", "ikm_element"}
        What the code classifies.
    code : str or None
        A code stored in the metrics.  For ``"likert"`` a value that is not a
        default code is a configured label and comes back unchanged.
    lang : {"id", "en"}
        Report language.

    Returns
    -------
    str or None

    Raises
    ------
    KeyError
        For an unknown ``kind`` or an unknown code of a kind with a fixed set of codes
        (a mistyped code fails instead of printing a wrong word).

    Examples
    --------
    >>> label("alpha", "acceptable", "en"), label("ikm_element", "waktu", "id")
    ('Acceptable', 'Waktu Penyelesaian')
    >>> label("hake", "huge", "en")
    Traceback (most recent call last):
    ...
    KeyError: "no hake label for 'huge'"
    """
    check_lang(lang)
    known = KNOWN[kind]
    if code is None:
        return None
    if code not in known:
        if kind in _AS_GIVEN:
            return str(code)
        raise KeyError(f"no {kind} label for {code!r}")
    return t(f"labels.{kind}.{code}", lang)


def _relabel(rows: list | None, key: str, kind: str, lang: str) -> list | None:
    if rows is None:
        return None
    return [dict(row, **{key: label(kind, row.get(key), lang)}) if isinstance(row, dict) else row for row in rows]


def labelled(m: dict, lang: str) -> dict:
    """A copy of the metrics with the stored codes shown as text in ``lang``.

    The places where the report shows a code: Likert categories (dimensions,
    items, overall, facilitator dimensions, the method's bands), alpha bands,
    the IKM quality and element names.  Everything else is left as stored.

    Parameters
    ----------
    m : dict
        The metrics of :func:`kemuning_eval.report.results.metrics.compute_metrics`.
    lang : {"id", "en"}
        Report language.

    Returns
    -------
    dict
        A shallow copy; the metrics passed in are not changed.

    Examples
    --------
    >>> m = {"reaction": {"available": True, "category_overall": "baik",
    ...                   "dimensions": [{"dimension": "materi", "category": "sangat_baik"}],
    ...                   "ikm": {"category": "baik", "elements": [{"element": "waktu", "label": "waktu"}]}},
    ...      "study": {"likert_bands": [{"label": "kurang", "lower": 1.81}]}}
    >>> out = labelled(m, "en")
    >>> out["reaction"]["category_overall"], out["reaction"]["dimensions"][0]["category"]
    ('Good', 'Very good')
    >>> out["reaction"]["ikm"]["elements"][0]["label"], out["study"]["likert_bands"][0]["label"]
    ('Completion time', 'Poor')
    >>> m["reaction"]["category_overall"]
    'baik'
    """
    out = dict(m)
    r = m.get("reaction")
    if isinstance(r, dict) and r.get("available"):
        r = dict(r)
        r["category_overall"] = label("likert", r.get("category_overall"), lang)
        r["dimensions"] = _relabel(r.get("dimensions"), "category", "likert", lang)
        r["items"] = _relabel(r.get("items"), "category", "likert", lang)
        r["reliability"] = _relabel(r.get("reliability"), "band", "alpha", lang)
        if isinstance(r.get("ikm"), dict):
            ikm = dict(r["ikm"])
            ikm["category"] = label("ikm", ikm.get("category"), lang)
            ikm["elements"] = [dict(e, label=label("ikm_element", e.get("element"), lang))
                               for e in ikm.get("elements") or []]
            r["ikm"] = ikm
        if isinstance(r.get("facilitators"), dict):
            fac = dict(r["facilitators"])
            fac["dimensions"] = _relabel(fac.get("dimensions"), "category", "likert", lang)
            r["facilitators"] = fac
        out["reaction"] = {k: v for k, v in r.items() if v is not None or k in m["reaction"]}
    s = m.get("study")
    if isinstance(s, dict) and s.get("likert_bands"):
        out["study"] = dict(s, likert_bands=_relabel(s["likert_bands"], "label", "likert", lang))
    return out
