"""The catalogue of user-facing texts as data: read, looked up, filled in; nothing else.

This is the lowest module of the package (it imports no other package module),
so that :mod:`kemuning_eval.errors` can word the location of a problem and
:mod:`kemuning_eval.i18n` can raise those errors without an import cycle.
Texts live in ``kemuning_eval/catalogue/*.yaml``; :mod:`kemuning_eval.i18n`
describes their format and is the module callers use.

Examples
--------
>>> text("cli.where.row", "en", row=12)
'row 12'
>>> "id" in LANGS and DEFAULT_LANG == "id"
True
"""

from __future__ import annotations

import os
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
    >>> os.environ.pop(LANG_ENV, None) and None
    >>> default_lang()
    'id'
    """
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


def text(key: str, lang: str, /, **values: Any) -> str:
    """The text for ``key`` in a language already known to be one of :data:`LANGS`.

    Parameters
    ----------
    key : str
        Full catalogue key.
    lang : {"id", "en"}
        Language; callers with a user-given language use :func:`kemuning_eval.i18n.t`,
        which checks it first.
    **values
        Placeholder values.

    Raises
    ------
    KeyError
        If the key or the language is not in the catalogue (a programming error).

    Examples
    --------
    >>> text("cli.where.row", "id", row=3)
    'baris 3'
    """
    template = catalogue()[key][lang]
    return template.format(**values) if values else template
