"""Catalogue text of the statistics' language-neutral codes.

:mod:`kemuning_eval.stats` returns codes (Cohen band ``"large"``, Hake band
``"medium"``, George & Mallery band ``"acceptable"``, Likert category
``"baik"``, IKM quality ``"sangat_baik"``, IKM element ``"waktu"``); the
metrics store them; :func:`label` is the one function that turns a code into
the text a report shows (catalogue keys ``labels.<kind>.<code>``,
``kemuning_eval/catalogue/labels.yaml``), called by the wording code at the
point where it words the code (the results are never rewritten).

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


def aspect_label(text: str | None, lang: str) -> str | None:
    """A facilitator aspect as the report names it: the catalogue's name of a standard aspect, else as given.

    The aspects' names come from the codebook (``label`` of a ``fac_*``
    column) in the data's language.  The standard aspects of the LAN
    facilitator evaluation have a name in every report language
    (``labels.fac_aspect.<name>``, the Indonesian name in lower case with
    ``_`` for spaces); any other name is the study's own and is shown as written.

    Examples
    --------
    >>> aspect_label("Penguasaan materi", "en"), aspect_label("Penguasaan materi", "id")
    ('Command of the material', 'Penguasaan materi')
    >>> aspect_label("Kerapian busana", "en"), aspect_label(None, "en")
    ('Kerapian busana', None)
    """
    check_lang(lang)
    if not text:
        return text
    from kemuning_eval.i18n import catalogue

    key = "labels.fac_aspect." + "_".join(text.lower().split())
    return t(key, lang) if key in catalogue() else text
