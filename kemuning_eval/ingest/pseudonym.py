"""Keyed pseudonyms: HMAC-SHA256 of a normalised identifier with a secret key.

The key comes from the environment variable named in ``privacy.key_env``
(default ``KEMUNING_EVAL_KEY``) or from a key file outside the project
(default ``~/.config/kemuning-eval/pseudonym.key``; on Windows under
``%APPDATA%``), created on first use.  The same key gives the same
pseudonyms next year, so participants can be followed across years without
their NIP.  A key file inside the project tree is refused: it would travel
with the data.

Examples
--------
>>> import pandas as pd
>>> key = b"kunci-rahasia-contoh"
>>> ids = pseudonymise(pd.Series(["196608011988031001", None, "196608011988031001"]), key, prefix="P")
>>> ids.iloc[0] == ids.iloc[2], len(ids.iloc[0]), ids.iloc[0][0], pd.isna(ids.iloc[1])
(True, 17, 'P', True)
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import sys
from pathlib import Path
from typing import Any

from kemuning_eval.config import DEFAULT_KEY_ENV, DEFAULT_KEY_FILE
from kemuning_eval.errors import PrivacyError
from kemuning_eval.i18n import t


def default_key_file() -> Path:
    """Return the default key file (``%APPDATA%`` on Windows, ``~/.config`` elsewhere).

    Returns
    -------
    Path
        ``<APPDATA>/kemuning-eval/pseudonym.key`` on Windows, else
        ``~/.config/kemuning-eval/pseudonym.key`` with ``~`` expanded.

    Examples
    --------
    >>> path = default_key_file()
    >>> path.name, path.parent.name, path.is_absolute()
    ('pseudonym.key', 'kemuning-eval', True)
    """
    if sys.platform == "win32" and os.environ.get("APPDATA"):
        return Path(os.environ["APPDATA"]) / "kemuning-eval" / "pseudonym.key"
    return Path(DEFAULT_KEY_FILE).expanduser()


def load_key(*, key_env: str = DEFAULT_KEY_ENV, key_file: str | Path | None = None,
             project_root: Path | None = None, create: bool = True) -> bytes:
    """Return the pseudonym key.

    Parameters
    ----------
    key_env : str
        Environment variable holding the key (used first when set).
    key_file : str or Path, optional
        Key file (``~`` expanded); default :func:`default_key_file`.
    project_root : Path, optional
        The project tree; a key file inside it is refused.
    create : bool
        Create a new random key file when it does not exist (a message says where).

    Returns
    -------
    bytes
        The key (UTF-8), at least 16 characters.

    Raises
    ------
    PrivacyError
        When the key file is inside the project, empty, or missing and
        ``create`` is false.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     key_file = Path(tmp) / "keys" / "pseudonym.key"
    ...     key = load_key(key_env="NO_SUCH_KEY_VARIABLE", key_file=key_file)
    ...     again = load_key(key_env="NO_SUCH_KEY_VARIABLE", key_file=key_file, create=False)
    ...     try:
    ...         load_key(key_env="NO_SUCH_KEY_VARIABLE", key_file=key_file, project_root=Path(tmp))
    ...     except PrivacyError as exc:
    ...         refused = type(exc).__name__
    >>> len(key), key == again, refused
    (64, True, 'PrivacyError')
    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {"MY_KEY": "kunci-rahasia-contoh"}):
    ...     load_key(key_env="MY_KEY")
    b'kunci-rahasia-contoh'
    """
    from kemuning_eval.progress import notice

    value = os.environ.get(key_env)
    if value:
        if len(value) < 16:
            raise PrivacyError(t("ingest.key.env_short", env=key_env),
                               hint=t("ingest.key.env_short_hint"))
        return value.encode("utf-8")
    if key_file is None or str(key_file) in ("", DEFAULT_KEY_FILE):
        path = default_key_file()
    else:
        path = Path(os.path.expandvars(str(key_file))).expanduser()
    path = path.resolve()
    if project_root is not None:
        root = Path(project_root).resolve()
        if path == root or root in path.parents:
            raise PrivacyError(t("ingest.key.inside_project", path=path),
                               hint=t("ingest.key.inside_project_hint", default=default_key_file(), env=key_env))
    if not path.exists():
        if not create:
            raise PrivacyError(t("ingest.key.missing", path=path),
                               hint=t("ingest.key.missing_hint", env=key_env))
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(secrets.token_hex(32) + "\n")
        notice(t("ingest.key.created", path=path))
    key = path.read_text(encoding="utf-8").strip()
    if len(key) < 16:
        raise PrivacyError(t("ingest.key.short_file", path=path),
                           hint=t("ingest.key.short_file_hint"))
    return key.encode("utf-8")


def pseudonym(value: str, key: bytes, *, prefix: str = "P", domain: str = "") -> str:
    """Return ``prefix`` + the first 16 hex digits of HMAC-SHA256(key, domain + value).

    Examples
    --------
    >>> pseudonym("196608011988031001", b"kunci-rahasia-contoh")
    'P7359560b63ddd268'
    """
    digest = hmac.new(key, (domain + value).encode("utf-8"), hashlib.sha256).hexdigest()
    return prefix + digest[:16]


def hmac_many(values: list[str], key: bytes, *, prefix: str = "P", domain: str = "") -> list[str]:
    """Return :func:`pseudonym` of many values, fast (the HMAC key pads are hashed once).

    This is HMAC-SHA256 as in RFC 2104 with precomputed inner and outer
    states; it gives exactly what :mod:`hmac` gives.

    Examples
    --------
    >>> hmac_many(["196608011988031001"], b"kunci-rahasia-contoh") == [
    ...     pseudonym("196608011988031001", b"kunci-rahasia-contoh")]
    True
    """
    block = key if len(key) <= 64 else hashlib.sha256(key).digest()
    block = block.ljust(64, b"\0")
    inner = hashlib.sha256(bytes(b ^ 0x36 for b in block))
    outer = hashlib.sha256(bytes(b ^ 0x5C for b in block))
    out = []
    for value in values:
        i = inner.copy()
        i.update((domain + value).encode("utf-8"))
        o = outer.copy()
        o.update(i.digest())
        out.append(prefix + o.hexdigest()[:16])
    return out


def pseudonymise(values: Any, key: bytes, *, prefix: str = "P", domain: str = "",
                 cache: dict | None = None) -> Any:
    """Replace every value by its keyed pseudonym (one HMAC per unique value); NaN stays NaN.

    ``cache`` (a dict this function fills, one per prefix and domain) keeps
    the values already hashed, so a NIP seen in several files is hashed once.

    Parameters
    ----------
    values : pandas.Series
        Identifiers (normalised by the caller); values are hashed as ``str``.
    key : bytes
        The secret key (:func:`load_key`).
    prefix : str, default "P"
        Prepended to each pseudonym (e.g. ``"F"`` for facilitators).
    domain : str, default ""
        Prepended to each value before hashing, so that the same value in
        different domains gets unrelated pseudonyms.
    cache : dict, optional
        Filled with the values hashed so far; pass the same dict again.

    Returns
    -------
    pandas.Series
        Pseudonyms of :func:`pseudonym` (same index); None where missing.

    Examples
    --------
    >>> import pandas as pd
    >>> key = b"kunci-rahasia-contoh"
    >>> cache = {}
    >>> first = pseudonymise(pd.Series(["196608011988031001"]), key, cache=cache)
    >>> first.tolist() == [pseudonym("196608011988031001", key)]
    True
    >>> later = pseudonymise(pd.Series([None, "196608011988031001"]), key, cache=cache)
    >>> later.iloc[0] is None, later.iloc[1] == first.iloc[0], len(cache["index"])
    (True, True, 1)
    """
    import numpy as np
    import pandas as pd

    cache = {} if cache is None else cache
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    uniques = [u if type(u) is str else str(u) for u in np.asarray(uniques, dtype=object).tolist()]
    known = cache.setdefault("index", {})  # value -> pseudonym: a dict, cheap to grow and to probe
    new = list(dict.fromkeys(u for u in uniques if u not in known))
    if new:
        known.update(zip(new, hmac_many(new, key, prefix=prefix, domain=domain), strict=True))
    mapped = np.array([*map(known.__getitem__, uniques), None], dtype=object)
    return pd.Series(mapped[codes], index=values.index, dtype=object)
