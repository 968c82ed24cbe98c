"""The one catalogue of user-facing texts (Bahasa Indonesia first, English on request).

Texts live in ``kemuning_eval/catalogue/*.yaml``, one file per area (``cli``,
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

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

LANGS = ("id", "en")
DEFAULT_LANG = "id"
#: environment variable choosing the language of messages and help (``id`` or ``en``)
LANG_ENV = "KEMUNING_EVAL_LANG"


def default_lang() -> str:
    """Return the language of messages: ``$KEMUNING_EVAL_LANG`` when valid, else ``"id"``.

    Reports take their language from a parameter; this default serves the
    command line, validation messages and logs.

    Examples
    --------
    >>> import os
    >>> os.environ.pop(LANG_ENV, None) and None
    >>> default_lang()
    'id'
    """
    import os

    lang = os.environ.get(LANG_ENV, DEFAULT_LANG).strip().lower()
    return lang if lang in LANGS else DEFAULT_LANG


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    """Return every entry of every catalogue file, keyed by its full key.

    The result is read once and cached for the process.

    Returns
    -------
    dict of str to dict of str to str
        ``{key: {"id": text, "en": text}}`` for every key of every file.

    Raises
    ------
    RuntimeError
        If a key is defined twice or an entry lacks a language (a packaging
        bug, not a user error).

    Examples
    --------
    >>> entries = catalogue()
    >>> sorted(entries["cli.exit.data_problem"])
    ['en', 'id']
    >>> all(set(texts) == set(LANGS) for texts in entries.values())
    True
    """
    merged: dict[str, dict[str, str]] = {}
    folder = resources.files("kemuning_eval") / "catalogue"
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".yaml"):
            continue
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: 10x faster
        data = yaml.load(entry.read_text(encoding="utf-8"), Loader=loader) or {}
        for key, texts in data.items():
            if key in merged:
                raise RuntimeError(f"catalogue key {key!r} defined twice ({entry.name})")
            missing = [lang for lang in LANGS if lang not in (texts or {})]
            if missing:
                raise RuntimeError(f"catalogue key {key!r} in {entry.name} lacks {missing}")
            merged[key] = {lang: str(texts[lang]) for lang in LANGS}
    return merged


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
        from kemuning_eval.errors import UsageError

        raise UsageError(t("cli.error.unknown_lang", DEFAULT_LANG, lang=repr(lang), choices=", ".join(LANGS)))
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
    texts = catalogue()[key]
    template = texts[check_lang(lang or default_lang())]
    return template.format(**values) if values else template
