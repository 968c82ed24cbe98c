"""Qualitative evidence: theme coding, frequencies, co-occurrence, representative quotes.

Inputs are the processed ``interviews`` table (``excerpt_id``, ``role``,
``program_id``, ``text``, ``themes`` = ``;``-joined codes assigned by the
interviewer) and the free-text ``suggestion`` of the ``reaction`` table, coded
here by keyword from the theme codebook ``tema.yaml``::

    themes:
      anggaran_terbatas:
        label: {id: "Anggaran terbatas", en: "Limited budget"}
        keywords: [anggaran, dana, kuota]

Keyword rule
------------
A text mentions a theme when any of the theme's keywords occurs as a whole
word or phrase: text and keywords are compared after Unicode NFKD
decomposition with the combining marks removed (``é`` -> ``e``) and case
folding; a keyword must start and end on a word boundary (``dana`` matches
"dana," but not "danau"); spaces inside a keyword phrase match any run of
white space.  No stemming: list inflected forms (``anggaran``, ``dianggarkan``)
as separate keywords.

Privacy
-------
Quotes were scrubbed at ingest; they are scrubbed again here (e-mails, NIPs,
phone numbers with :class:`kemuning_eval.scrub.Scrubber`, plus any run of
eight or more digits).  Quotes carry only role and programme, never an ID, and
come only from role x programme cells with at least ``min_n`` excerpts.
Breakdowns by role and programme hide cells with fewer than ``min_n`` excerpts
(primary and secondary suppression of :mod:`kemuning_eval.stats.suppression`).

Examples
--------
>>> import pandas as pd
>>> book = {"themes": {"anggaran_terbatas": {"label": {"id": "Anggaran terbatas", "en": "Limited budget"},
...                                          "keywords": ["anggaran", "kuota"]},
...                    "teknologi": {"label": {"id": "Teknologi", "en": "Technology"},
...                                  "keywords": ["jaringan internet"]}}}
>>> code_text(pd.Series(["ANGGARAN kurang", "Jaringan   internet lambat", "danau", None]), book).tolist()
['anggaran_terbatas', 'teknologi', '', '']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kemuning_eval.errors import ConfigError, check_arg
from kemuning_eval.i18n import t
from kemuning_eval.stats._common import (
    ALL,
    DEFAULT_MIN_N,
    as_columns,
    check_min_n,
    require_columns,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

SEP = ";"
_DIGITS = re.compile(r"(?<!\d)\d{8,}(?!\d)")


def normalize(text: Any) -> str:
    """Case-folded text without diacritics (NFKD, combining marks dropped).

    Examples
    --------
    >>> normalize("Évaluasi  PASCA")
    'evaluasi  pasca'
    """
    if text is None or text != text:
        return ""
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def load_themes(codebook: Mapping[str, Any] | str | Path) -> pd.DataFrame:
    """The theme codebook as a table: ``code``, ``label_id``, ``label_en``, ``keywords`` (tuple).

    Parameters
    ----------
    codebook : dict or path
        ``{"themes": {code: {"label": {"id", "en"}, "keywords": [...]}}}`` (the
        ``tema.yaml`` layout), the inner mapping alone, or the YAML file's path.

    Examples
    --------
    >>> load_themes({"teknologi": {"label": {"id": "Teknologi", "en": "Technology"},
    ...                            "keywords": ["aplikasi"]}}).iloc[0].tolist()
    ['teknologi', 'Teknologi', 'Technology', ('aplikasi',)]
    """
    import pandas as pd

    from kemuning_eval.yamlsafe import read_yaml

    source = "tema.yaml"
    if isinstance(codebook, (str, Path)):
        source = Path(codebook).name
        try:
            codebook = read_yaml(Path(codebook)) or {}  # UTF-8, no repeated key, no alias bomb
        except OSError as err:
            raise ConfigError(t("stats2.error.themes_unreadable", error=err.strerror or err),
                              file=source) from err
    themes = codebook.get("themes", codebook) if isinstance(codebook, Mapping) else codebook
    if not isinstance(themes, Mapping):
        raise ConfigError(t("stats2.error.themes_not_mapping", kind=type(themes).__name__), file=source,
                          hint=t("stats2.hint.themes_not_mapping"))
    rows = []
    for code, entry in themes.items():
        entry = entry or {}
        label = entry.get("label", {}) if isinstance(entry, Mapping) else {}
        keywords = entry.get("keywords", []) if isinstance(entry, Mapping) else []
        if isinstance(label, str):
            label = {"id": label, "en": label}
        if not isinstance(label, Mapping):
            raise ConfigError(t("stats2.error.themes_not_mapping", kind=type(label).__name__), file=source,
                              column=str(code), hint=t("stats2.hint.themes_not_mapping"))
        if not isinstance(keywords, (list, tuple)) or not all(isinstance(k, str) and k.strip() for k in keywords):
            raise ConfigError(t("stats2.error.theme_keywords"), file=source, column=str(code),
                              value=keywords, hint=t("stats2.hint.theme_keywords"))
        rows.append({"code": str(code), "label_id": str(label.get("id", code)),
                     "label_en": str(label.get("en", label.get("id", code))),
                     "keywords": tuple(k.strip() for k in keywords)})
    return pd.DataFrame(rows, columns=["code", "label_id", "label_en", "keywords"])


def _pattern(keywords: Sequence[str]) -> re.Pattern | None:
    parts = [r"\s+".join(map(re.escape, normalize(k).split())) for k in keywords if normalize(k).strip()]
    if not parts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(sorted(parts, key=len, reverse=True)) + r")(?!\w)")


def code_text(texts: pd.Series, codebook: Mapping[str, Any] | str | Path | pd.DataFrame) -> pd.Series:
    """Assign theme codes to free texts by keyword (see the module's keyword rule).

    Returns a Series of ``;``-joined codes in codebook order (``""`` when none).

    Examples
    --------
    >>> import pandas as pd
    >>> book = {"kemitraan": {"label": "Kemitraan", "keywords": ["kerja sama", "mitra"]}}
    >>> code_text(pd.Series(["Perlu KERJA  SAMA dengan universitas", "kemitraan"]), book).tolist()
    ['kemitraan', '']
    """
    import numpy as np
    import pandas as pd

    table = codebook if isinstance(codebook, pd.DataFrame) else load_themes(codebook)
    values = pd.Series(texts, copy=False)
    positions, uniques = pd.factorize(values.fillna("").astype(str))  # each distinct text once
    norm = pd.Series([normalize(u) for u in uniques], dtype=object)
    hits = []
    for code, keywords in zip(table["code"], table["keywords"], strict=True):
        pat = _pattern(keywords)
        found = norm.str.contains(pat, regex=True) if pat is not None else pd.Series(False, index=norm.index)
        hits.append(np.where(found.to_numpy(dtype=bool), code, ""))
    joined = np.array([SEP.join(c for c in row if c) for row in zip(*hits, strict=True)] if hits
                      else [""] * len(uniques), dtype=object)
    return pd.Series(joined[positions] if len(joined) else np.full(len(values), "", dtype=object),
                     index=values.index, dtype=object)


def code_suggestions(
    reaction: pd.DataFrame,
    codebook: Mapping[str, Any] | str | Path | pd.DataFrame,
    *,
    role: str = "Peserta",
) -> pd.DataFrame:
    """Free-text suggestions of the reaction survey as coded excerpts.

    Returns the ``interviews`` layout (``excerpt_id`` = ``response_id``, ``role``,
    ``program_id``, ``text``, ``themes``) for non-empty suggestions, so every
    function of this module takes either.

    Examples
    --------
    >>> import pandas as pd
    >>> reaction = pd.DataFrame({"response_id": ["r1", "r2"], "program_id": "PM",
    ...                          "suggestion": ["Kuota ditambah", "  "]})
    >>> code_suggestions(reaction, {"anggaran": {"label": "Anggaran", "keywords": ["kuota"]}})[
    ...     ["excerpt_id", "role", "themes"]].to_dict("records")
    [{'excerpt_id': 'r1', 'role': 'Peserta', 'themes': 'anggaran'}]
    """
    require_columns(reaction, ["response_id", "program_id", "suggestion"], table="reaction")
    rows = reaction.loc[reaction["suggestion"].fillna("").astype(str).str.strip() != ""]
    out = rows[["response_id", "program_id", "suggestion"]].rename(
        columns={"response_id": "excerpt_id", "suggestion": "text"}).reset_index(drop=True)
    out.insert(1, "role", role)
    out["themes"] = code_text(out["text"], codebook).to_numpy()
    return out


def theme_indicators(data: pd.DataFrame, *, codes: Sequence[str] | None = None) -> pd.DataFrame:
    """0/1 matrix excerpts x themes from the ``themes`` column (codebook order when ``codes`` given).

    Examples
    --------
    >>> import pandas as pd
    >>> theme_indicators(pd.DataFrame({"themes": ["a;b", "b", None]})).to_numpy().tolist()
    [[1, 1], [0, 1], [0, 0]]
    """
    require_columns(data, ["themes"], table="interviews")
    cleaned = data["themes"].fillna("").astype(str).str.replace(r"\s*;\s*", SEP, regex=True).str.strip(SEP + " ")
    dummies = cleaned.str.get_dummies(sep=SEP)
    dummies = dummies.loc[:, [c for c in dummies.columns if c]]
    if codes is not None:
        dummies = dummies.reindex(columns=list(codes), fill_value=0)
    return dummies.astype("int64")


def _codes(codebook: Any) -> list[str]:
    """The theme codes of a codebook in its order (``[]`` without one); labels are the wording layer's."""
    import pandas as pd

    if codebook is None:
        return []
    table = codebook if isinstance(codebook, pd.DataFrame) else load_themes(codebook)
    return [str(c) for c in table["code"]]


def theme_frequencies(
    data: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = ("role", "program_id"),
    codebook: Any = None,
    min_n: int = DEFAULT_MIN_N,
) -> pd.DataFrame:
    """How many excerpts mention each theme, overall or by role and programme.

    Parameters
    ----------
    data : DataFrame
        ``interviews`` or :func:`code_suggestions` output (``themes`` column).
    by : str or list of str, optional
        Breakdown columns (default role x programme; ``None`` for overall).
    codebook : dict, path or DataFrame, optional
        Theme codebook: fixes the theme order and adds themes never mentioned
        (count 0).  Themes are returned as codes; their labels come from the
        codebook in the wording layer.
    min_n : int
        Cells with fewer excerpts are hidden (primary), plus the cells that
        would reveal them within each theme x role and theme x programme
        (secondary).

    Returns
    -------
    DataFrame
        grouping columns, ``theme`` (code), ``n`` (excerpts in the cell),
        ``count`` (mentioning the theme), ``share`` (count / n), ``rank``
        (1 = most mentioned within the cell), ``suppressed``, ``suppression``.

    Examples
    --------
    >>> import pandas as pd
    >>> data = pd.DataFrame({"role": "Pengelola", "program_id": "PM",
    ...                      "themes": ["a;b", "a", "b", "a", "a;b", "c"]})
    >>> theme_frequencies(data, by=None)[["theme", "n", "count", "share"]].round(3).to_dict("records")[0]
    {'theme': 'a', 'n': 6, 'count': 4.0, 'share': 0.667}
    """
    import pandas as pd

    from kemuning_eval.stats.suppression import suppress

    min_n = check_min_n(min_n)
    by_cols = as_columns(by)
    require_columns(data, ["themes", *by_cols], table="interviews")
    codes = _codes(codebook)
    ind = theme_indicators(data, codes=codes or None)
    keys = [data[c].reset_index(drop=True) for c in by_cols] or [pd.Series(0, index=range(len(data)), name=ALL)]
    frame = pd.concat([*keys, ind.reset_index(drop=True)], axis=1)
    names = [k.name for k in keys]
    g = frame.groupby(names, sort=True, observed=True)
    counts = g[list(ind.columns)].sum()
    sizes = g.size()
    out = counts.stack().rename("count").reset_index().rename(columns={f"level_{len(names)}": "theme"})
    out = out.rename(columns={out.columns[len(names)]: "theme"})
    out = out.merge(sizes.rename("n").reset_index(), on=names)
    out["count"] = out["count"].astype("float64")
    out["share"] = out["count"] / out["n"]
    out["rank"] = out.groupby(names)["count"].rank(method="min", ascending=False)
    out = out[[*by_cols, "theme", "n", "count", "share", "rank"]]
    partitions = [["theme", c] for c in by_cols if len(by_cols) > 1] or [["theme"]]
    return suppress(out, min_n=min_n, partitions=partitions, value_cols=["count", "share", "rank"])


def theme_cooccurrence(data: pd.DataFrame, *, codebook: Any = None) -> pd.DataFrame:
    """Co-occurrence of themes within excerpts (long table; pivot for a matrix).

    Returns
    -------
    DataFrame
        ``theme_a``, ``theme_b`` (all ordered pairs, the diagonal = the theme's
        own count), ``count`` (excerpts coded with both), ``n`` (excerpts),
        ``share`` (count / n), ``jaccard`` (count / excerpts with either).

    Examples
    --------
    >>> import pandas as pd
    >>> res = theme_cooccurrence(pd.DataFrame({"themes": ["a;b", "a", "b;a", "c"]}))
    >>> res.pivot(index="theme_a", columns="theme_b", values="count").to_numpy().tolist()
    [[3, 2, 0], [2, 2, 0], [0, 0, 1]]
    """
    import numpy as np
    import pandas as pd

    codes = _codes(codebook)
    ind = theme_indicators(data, codes=codes or None)
    x = ind.to_numpy(dtype=np.int64)
    both = x.T @ x
    own = np.diag(both)
    codes = list(ind.columns)
    a, b = np.meshgrid(np.arange(len(codes)), np.arange(len(codes)), indexing="ij")
    a, b = a.ravel(), b.ravel()
    count = both[a, b]
    either = own[a] + own[b] - count
    with np.errstate(invalid="ignore", divide="ignore"):
        jaccard = np.where(either > 0, count / np.where(either > 0, either, 1), np.nan)
    return pd.DataFrame({"theme_a": [codes[i] for i in a], "theme_b": [codes[j] for j in b],
                         "count": count.astype("int64"), "n": len(ind),
                         "share": count / len(ind) if len(ind) else np.nan, "jaccard": jaccard})


def scrub_quote(text: Any) -> Any:
    """Re-scrub a quote: e-mails, NIPs, phone numbers, then any run of 8+ digits.

    Examples
    --------
    >>> scrub_quote("hubungi 0812-3456-7890 atau a.b@mail.go.id, NIP 196608011988031001, kode 123456789")
    'hubungi [TELEPON] atau [EMAIL], NIP [NIP], kode [NIP]'
    """
    from kemuning_eval.scrub import Scrubber

    out = Scrubber().scrub(text)
    return _DIGITS.sub("[NIP]", out) if isinstance(out, str) else out


def representative_quotes(
    data: pd.DataFrame,
    *,
    codebook: Any = None,
    per_theme: int = 2,
    min_chars: int = 30,
    max_chars: int = 300,
    min_n: int = DEFAULT_MIN_N,
    seed: int = 0,
) -> pd.DataFrame:
    """A few representative quotes per theme, deterministic, attributed to role and programme only.

    Selection: excerpts coded with the theme whose scrubbed text has between
    ``min_chars`` and ``max_chars`` characters, from role x programme cells
    with at least ``min_n`` excerpts, distinct texts; ranked by *typicality*
    (number of the theme's keywords found, when a codebook is given), then by
    a seeded random order (``numpy.random.default_rng(seed)``).

    Returns
    -------
    DataFrame
        ``theme``, ``rank`` (1..per_theme), ``role``, ``program_id``, ``text``,
        ``keyword_hits``.

    Examples
    --------
    >>> import pandas as pd
    >>> data = pd.DataFrame({"excerpt_id": range(6), "role": "Pengelola", "program_id": "PM",
    ...                      "text": ["Anggaran terbatas, kuota kelas kecil sekali.", "Dana terbatas.",
    ...                               "Anggaran kurang, hubungi saya di 0812-3456-7890 ya.",
    ...                               "Internet sering putus.", "Pendaftar banyak sekali tahun ini.", "x"],
    ...                      "themes": ["anggaran", "anggaran", "anggaran", "teknologi", "anggaran", ""]})
    >>> book = {"anggaran": {"label": "Anggaran", "keywords": ["anggaran", "kuota", "dana"]}}
    >>> res = representative_quotes(data, codebook=book, per_theme=2, min_chars=20)
    >>> res.loc[res["theme"] == "anggaran", ["theme", "rank", "text"]].values.tolist()
    [['anggaran', 1, 'Anggaran terbatas, kuota kelas kecil sekali.'], ['anggaran', 2, 'Anggaran kurang, hubungi saya di [TELEPON] ya.']]
    """
    import numpy as np
    import pandas as pd

    min_n = check_min_n(min_n)
    for name, value in (("per_theme", per_theme), ("min_chars", min_chars), ("max_chars", max_chars),
                        ("seed", seed)):
        check_arg(isinstance(value, int) and not isinstance(value, bool) and value >= 0, name, value,
                  "a non-negative integer")
    check_arg(max_chars >= min_chars, "max_chars", max_chars, f"at least min_chars ({min_chars})")
    require_columns(data, ["role", "program_id", "text", "themes"], table="interviews")
    frame = data[["role", "program_id", "text", "themes"]].reset_index(drop=True)
    cell = frame.groupby(["role", "program_id"], sort=False, observed=True)["text"].transform("size")
    frame["text"] = frame["text"].map(scrub_quote)
    frame["_order"] = np.random.default_rng(seed).permutation(len(frame))
    ok = (cell >= min_n) & frame["text"].notna()
    length = frame["text"].fillna("").str.len()
    ok &= (length >= min_chars) & (length <= max_chars)
    ind = theme_indicators(frame)
    table = None
    if codebook is not None:
        table = codebook if isinstance(codebook, pd.DataFrame) else load_themes(codebook)
    norm = frame["text"].map(normalize)
    parts = []
    for code in ind.columns:
        pick = frame.loc[ok & (ind[code] == 1)].copy()
        hits = pd.Series(0, index=pick.index)
        if table is not None and code in set(table["code"]):
            for kw in table.loc[table["code"] == code, "keywords"].iloc[0]:
                pat = _pattern([kw])
                if pat is not None:
                    hits = hits + norm.loc[pick.index].str.contains(pat, regex=True).astype("int64")
        pick["keyword_hits"] = hits.astype("int64")
        pick = pick.sort_values(["keyword_hits", "_order"], ascending=[False, True])
        pick = pick.drop_duplicates("text").head(per_theme)
        pick["theme"] = code
        pick["rank"] = np.arange(1, len(pick) + 1)
        parts.append(pick)
    cols = ["theme", "rank", "role", "program_id", "text", "keyword_hits"]
    if not parts:
        return pd.DataFrame(columns=cols)
    return pd.concat(parts, ignore_index=True)[cols]
