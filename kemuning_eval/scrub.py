"""Scrub free text (suggestions, interview quotes) of NIPs, phones, e-mails and names.

A base module: ingestion scrubs free text before it is written, and the
qualitative statistics scrub quotes again before they are shown.

Identifiers become placeholders: ``[EMAIL]``, ``[NIP]``, ``[TELEPON]`` and
``[NAMA]``.  Names are the roster's and the facilitators' names: every name
word of three letters or more (academic titles excluded) is replaced wherever
it appears, so "Pak Budi" is scrubbed even when the roster says "Budi
Santoso"; adjacent name words collapse into one ``[NAMA]``.  This errs on the
side of privacy: a common word that is also someone's name is scrubbed too.
Each unique text is scrubbed once.

Examples
--------
>>> s = Scrubber(["Budi Santoso", "Siti Aminah, S.Pd."])
>>> s.scrub("Pak Budi Santoso (0812-3456-7890, budi@mail.go.id) dan bu siti; NIP 19660801 198803 1 001")
'Pak [NAMA] ([TELEPON], [EMAIL]) dan bu [NAMA]; NIP [NIP]'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
NIP = re.compile(r"(?<!\d)(?:\d{8}[\s.]?\d{6}[\s.]?\d[\s.]?\d{3}|\d{15,})(?!\d)")
PHONE = re.compile(
    r"(?<![\w+])(?:\+62|62|0)[\s.-]?8\d{1,3}(?:[\s.-]?\d{2,5}){2,3}(?!\d)"
    r"|\(0\d{2,3}\)\s?\d{3,4}[\s.-]?\d{3,5}"
)
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")
_COLLAPSE = re.compile(r"\[NAMA\](?:\s+\[NAMA\])+")

#: Words in name fields that are not names (titles, kinship words).
NOT_NAMES = frozenset("""
drs dra ir spd mpd msi mkes mkom skom amd ssos sip ssi sst skm mm mt se sh mh st sth ssn sos mpa map
dr drg prof hj haji bin binti pak bapak ibu bu sdr sdri mba mbak mas kak dik
""".split())


def name_words(names: Iterable[Any]) -> set[str]:
    """Return the lower-case name words to scrub (three letters or more, no titles).

    Examples
    --------
    >>> sorted(name_words(["Drs. Ahmad Yani, M.Si", None]))
    ['ahmad', 'yani']
    """
    # one regex pass over all names joined by a newline (never part of a word)
    text = "\n".join(str(name) for name in names if name is not None and name == name).lower()
    return {w for w in set(_WORD.findall(text)) if len(w) >= 3 and w not in NOT_NAMES}


class Scrubber:
    """Replace identifiers in text; built once from the roster's and facilitators' names.

    Parameters
    ----------
    names : iterable, optional
        Full names (titles allowed; None/NaN ignored) whose words are scrubbed.
        Without names only e-mails, NIPs and phone numbers are replaced.

    Attributes
    ----------
    words : set of str
        The lower-case name words that are replaced by ``[NAMA]``.

    Examples
    --------
    >>> s = Scrubber(["Dewi Lestari, S.E."])
    >>> sorted(s.words)
    ['dewi', 'lestari']
    >>> s.scrub("Terima kasih bu Dewi, hubungi +62 812 3456 7890")
    'Terima kasih bu [NAMA], hubungi [TELEPON]'
    >>> import pandas as pd
    >>> s.scrub_series(pd.Series(["dewi lestari hebat", None])).tolist()
    ['[NAMA] hebat', nan]
    >>> Scrubber().scrub("Dewi: dewi@bkpsdm.go.id")
    'Dewi: [EMAIL]'
    """

    def __init__(self, names: Iterable[Any] = ()) -> None:
        self.words = name_words(names)

    def _name(self, match: re.Match) -> str:
        word = match.group(0)
        return "[NAMA]" if word.lower() in self.words else word

    def scrub(self, text: Any) -> Any:
        """Return ``text`` with e-mails, NIPs, phones and names replaced (NaN stays NaN)."""
        if text is None or text != text:
            return text
        out = EMAIL.sub("[EMAIL]", str(text))
        out = NIP.sub("[NIP]", out)
        out = PHONE.sub("[TELEPON]", out)
        if self.words:
            out = _WORD.sub(self._name, out)
            out = _COLLAPSE.sub("[NAMA]", out)
        return out

    def scrub_series(self, values: Any) -> Any:
        """Scrub a column, each unique text once."""
        uniques = values.dropna().unique()
        return values.map({u: self.scrub(u) for u in uniques}).astype(object)
