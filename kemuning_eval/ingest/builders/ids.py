"""The identity caches of one run: keyed pseudonyms and classified NIPs, each value handled once.

The same people appear in the roster, the surveys and the tests: each
distinct NIP spelling is classified and pseudonymised once per run, and every
file only looks its spellings up.

Examples
--------
>>> import pandas as pd
>>> from kemuning_eval.config import NipConfig
>>> pseudo = Pseudonymiser(b"kunci-rahasia-contoh")
>>> nips = NipCache(NipConfig(), pseudo, seen=[])
>>> info = nips.info(pd.Series(["19660801 198803 1 001", None]), "P", "")
>>> info["kind"].tolist(), bool(info["_id"].iloc[0].startswith("P")), len(nips.frame)
(['PNS', 'missing'], True, 2)
"""

from __future__ import annotations

from typing import Any

from kemuning_eval.config import NipConfig


class Pseudonymiser:
    """Keyed pseudonyms of identifiers, cached per (prefix, domain) for the whole run.

    Parameters
    ----------
    key : bytes
        The secret pseudonym key.

    Examples
    --------
    >>> import pandas as pd
    >>> pseudo = Pseudonymiser(b"kunci-rahasia-contoh")
    >>> a = pseudo(pd.Series(["196608011988031001"]), "P")
    >>> b = pseudo(pd.Series(["196608011988031001"]), "R", "jp:")
    >>> a.iloc[0][:1], b.iloc[0][:1], a.iloc[0] == pseudo(pd.Series(["196608011988031001"]), "P").iloc[0]
    ('P', 'R', True)
    """

    def __init__(self, key: bytes) -> None:
        self.key = key
        self._cache: dict[tuple[str, str], dict] = {}

    def __call__(self, values: Any, prefix: str, domain: str = "") -> Any:
        """Return the pseudonyms of ``values`` (see :func:`~kemuning_eval.ingest.pseudonym.pseudonymise`)."""
        from kemuning_eval.ingest.pseudonym import pseudonymise

        cache = self._cache.setdefault((prefix, domain), {})
        return pseudonymise(values, self.key, prefix=prefix, domain=domain, cache=cache)


class NipCache:
    """:func:`~kemuning_eval.ingest.nip.classify_nip` of every NIP spelling seen, plus its pseudonyms.

    Parameters
    ----------
    settings : NipConfig
        The study's ``nip:`` section.
    pseudo : Pseudonymiser
        The run's pseudonyms.
    seen : list
        Where the normalised NIPs of new spellings are appended (the run's raw
        PII values, checked against the output at the end).

    Attributes
    ----------
    frame : pandas.DataFrame or None
        One row per spelling (row 0: what a missing NIP gives), one ``_id:``
        column per pseudonym (prefix, domain) asked for (filled for the
        spellings looked up with that prefix and domain).

    Examples
    --------
    >>> import pandas as pd
    >>> seen = []
    >>> nips = NipCache(NipConfig(), Pseudonymiser(b"kunci-rahasia-contoh"), seen)
    >>> _ = nips.info(pd.Series(["19660801 198803 1 001"]), "P", "")
    >>> _ = nips.info(pd.Series(["19660801 198803 1 001", "1966"]), "R", "jp:")
    >>> len(nips.frame), [v.tolist() for v in seen]
    (3, [['196608011988031001'], ['1966']])
    """

    def __init__(self, settings: NipConfig, pseudo: Pseudonymiser, seen: list[Any]) -> None:
        self.settings = settings
        self.pseudo = pseudo
        self.seen = seen
        self.frame: Any = None
        self._keys: Any = None  # the spellings of frame's rows 1, 2, ... (a pyarrow ChunkedArray)
        self._columns = ["nip", "kind", "reason", "birth_date", "gender"]

    def classify(self, spellings: Any) -> Any:
        """Return :func:`~kemuning_eval.ingest.nip.classify_nip` of spellings, indexed by them.

        Examples
        --------
        >>> nips = NipCache(NipConfig(), Pseudonymiser(b"kunci-rahasia-contoh"), [])
        >>> nips.classify(["1966"]).loc["1966", "kind"]
        'invalid'
        """
        import pandas as pd

        from kemuning_eval.ingest.nip import classify_nip

        s = self.settings
        found = classify_nip(pd.Series(spellings, dtype=object), mode=s.mode,
                             pppk_codes=s.pppk_codes, min_appointment_age=s.min_appointment_age)
        found.index = pd.Index(spellings, dtype=object)
        return found

    def info(self, values: Any, prefix: str, domain: str) -> Any:
        """Return the classification of NIPs with their pseudonyms (column ``_id``), same index.

        Examples
        --------
        >>> import pandas as pd
        >>> nips = NipCache(NipConfig(), Pseudonymiser(b"kunci-rahasia-contoh"), [])
        >>> info = nips.info(pd.Series(["196608011988031001", None], index=[7, 9]), "P", "")
        >>> info.index.tolist(), info["_id"].notna().tolist()
        ([7, 9], [True, False])
        """
        import numpy as np
        import pandas as pd
        import pyarrow as pa
        import pyarrow.compute as pc

        if self.frame is None:  # row 0: what a missing NIP gives
            self.frame = self.classify([None]).reset_index(drop=True)
            self._keys = pa.chunked_array([], type=pa.large_string())
        codes, uniq = pd.factorize(values, use_na_sentinel=True)
        spelled = pd.Series(uniq if isinstance(uniq, pd.api.extensions.ExtensionArray)
                            else np.asarray(uniq, dtype=object), dtype="str")
        arrow = getattr(spelled.array, "__arrow_array__", None)  # Arrow-backed text: no copy
        text = pc.cast(arrow() if arrow else pa.array(spelled.to_numpy(dtype=object), from_pandas=True),
                       pa.large_string())
        # spelling -> row of ``frame`` (key i is row i + 1), hashed by Arrow: no Python strings
        pos = pc.fill_null(pc.index_in(text, value_set=self._keys), -2).to_numpy(zero_copy_only=False)
        pos = pos.astype(np.int64) + 1
        unseen = pos < 0
        if unseen.any():
            new = self.classify(spelled[unseen].tolist())
            start = len(self.frame)
            new.index = pd.RangeIndex(start, start + len(new))
            self.seen.append(new["nip"].dropna().unique())
            self.frame = pd.concat([self.frame, new])
            pos[unseen] = new.index.to_numpy()
            added = pc.filter(pa.chunked_array([text]) if isinstance(text, pa.Array) else text,
                              pa.array(unseen))
            self._keys = pa.chunked_array(self._keys.chunks + added.chunks, type=pa.large_string())
        col = f"_id:{prefix}:{domain}"
        ids = self.frame[col].to_numpy(dtype=object, copy=True) if col in self.frame \
            else np.full(len(self.frame), None, dtype=object)
        needed = np.zeros(len(self.frame), dtype=bool)
        needed[pos] = needed[0] = True
        rows = np.flatnonzero(needed)  # only the rows this call needs are hashed
        todo = rows[pd.isna(ids[rows]) & self.frame["nip"].notna().to_numpy()[rows]]
        if len(todo):
            ids[todo] = self.pseudo(self.frame["nip"].iloc[todo], prefix, domain).to_numpy()
        self.frame[col] = pd.Series(ids, index=self.frame.index, dtype=object)
        info = self.frame[[*self._columns, col]].iloc[np.append(pos, 0)[codes]].rename(columns={col: "_id"})
        info.index = values.index
        return info
