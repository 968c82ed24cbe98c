"""The one catalogue of user-facing texts (Bahasa Indonesia first, English on request).

Texts live in ``kemuning_eval/catalogue/*.yaml`` (read by :mod:`kemuning_eval.texts`, the
lowest module, so that errors can word their location without importing this one), one file per area (``cli``,
``ingest``, ``stats``, ``report`` ...).  Each entry is::

    area.key:
      id: "Teks dalam Bahasa Indonesia {n}"
      en: "Text in English {n}"

Keys are unique across all files (a test checks it), every entry has both
languages, and placeholders use :meth:`str.format` syntax.  Numbers are
formatted by the caller with :mod:`kemuning_eval.numfmt` so that a text and
``metrics.json`` always agree.

Examples
--------
>>> t("cli.exit.data_problem", "id")
'Masalah pada data'
>>> t("cli.exit.data_problem", "en")
'Problem with the data'
"""

from __future__ import annotations

from typing import Any

from kemuning_eval.errors import UsageError
from kemuning_eval.texts import DEFAULT_LANG, LANG_ENV, LANGS, catalogue, default_lang, text

__all__ = ["DEFAULT_LANG", "LANGS", "LANG_ENV", "catalogue", "check_lang", "default_lang", "t"]


def check_lang(lang: str) -> str:
    """Return ``lang`` if supported, else raise :class:`~kemuning_eval.errors.UsageError`.

    Parameters
    ----------
    lang : str
        Language code to check; one of :data:`LANGS`.

    Returns
    -------
    str
        ``lang`` unchanged.

    Raises
    ------
    UsageError
        If ``lang`` is not ``"id"`` or ``"en"``.

    Examples
    --------
    >>> check_lang("en")
    'en'
    >>> check_lang("fr")
    Traceback (most recent call last):
    ...
    kemuning_eval.errors.UsageError: bahasa 'fr' tidak dikenal; pilih salah satu dari id, en
    """
    if lang not in LANGS:
        raise UsageError(text("cli.error.unknown_lang", DEFAULT_LANG, lang=repr(lang), choices=", ".join(LANGS)))
    return lang


def t(key: str, lang: str | None = None, /, **values: Any) -> str:
    """Return the text for ``key`` in ``lang`` with ``values`` filled in.

    Parameters
    ----------
    key : str
        Full catalogue key, e.g. ``"report.section.summary"``.
    lang : {"id", "en"}, optional
        Language of the text (default: :func:`default_lang`).
    **values
        Placeholder values (already formatted strings for numbers).

    Returns
    -------
    str
        The text with its placeholders filled in.

    Raises
    ------
    KeyError
        If the key is not in the catalogue (a programming error).
    UsageError
        If ``lang`` is not supported.

    Examples
    --------
    >>> t("cli.where.row", "id", row=12)
    'baris 12'
    >>> t("cli.where.row", "en", row=12)
    'row 12'
    >>> t("no.such.key")
    Traceback (most recent call last):
    ...
    KeyError: 'no.such.key'
    """
    return text(key, check_lang(lang or default_lang()), **values)
