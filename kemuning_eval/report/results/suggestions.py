"""The theme codebook applied to the survey's own words: free-text suggestions and the wording of its items.

The reaction survey's open question (``suggestion``) is coded with the same
theme codebook as the interviews (:func:`kemuning_eval.stats.qualitative.code_suggestions`)
and counted beside them, so a theme raised by participants and by interviewees
is seen as one; quotes are scrubbed again by
:func:`~kemuning_eval.stats.qualitative.representative_quotes` (ingestion scrubbed names) and carry the role only.  The same keyword coder tells which survey items bear
on a theme (the item "Materi pelatihan sudah ketinggalan zaman" carries the
keywords of ``materi_usang``), which the triangulation of the challenges cites.

Examples
--------
>>> import pandas as pd
>>> book = pd.DataFrame({"code": ["materi_usang"], "label_id": ["Materi usang"], "label_en": ["Outdated"],
...                      "keywords": [["ketinggalan"]]})
>>> items = pd.DataFrame({"variable": ["mat_1", "mat_4"], "label": ["Materi sesuai", "Materi ketinggalan zaman"]})
>>> items_on_theme(items, book, "materi_usang")
['mat_4']
"""

from __future__ import annotations

from typing import Any

from kemuning_eval.report.results.common import Context, as_count, as_float, has_rows, text_or_none
from kemuning_eval.report.results.model import Suggestions

#: the role a suggestion is quoted with (catalogue-free: a code the wording layer translates)
SUGGESTION_ROLE = "participant"


def theme_book(ctx: Context) -> Any:
    """The study's theme codebook as a table (``None`` without one), read once per call site.

    Examples
    --------
    >>> theme_book(Context()) is None
    True
    """
    if ctx.themes is None:
        return None
    from kemuning_eval.stats.qualitative import load_themes

    return load_themes(ctx.themes)


def items_on_theme(items: Any, book: Any, theme: str) -> list[str]:
    """The survey items whose wording carries the keywords of ``theme`` (codebook order of ``items``).

    Parameters
    ----------
    items : pandas.DataFrame
        Items with ``variable`` and ``label`` (the question as the codebook gives it).
    book : pandas.DataFrame or None
        The theme codebook (:func:`theme_book`); ``None`` gives no items.
    theme : str
        A theme code of the codebook.

    Returns
    -------
    list of str
        The item variables.

    Examples
    --------
    >>> items_on_theme(None, None, "materi_usang")
    []
    """
    if book is None or items is None or len(items) == 0 or "label" not in items or theme not in set(book["code"]):
        return []
    from kemuning_eval.stats.qualitative import SEP, code_text

    codes = code_text(items["label"].map(lambda x: text_or_none(x) or ""), book[book["code"] == theme])
    hit = codes.map(lambda c: theme in str(c).split(SEP)).to_numpy(dtype=bool)
    return [str(v) for v in items["variable"][hit]]


def suggestions(tables: dict, ctx: Context, book: Any = None, interviews: Any = None) -> Suggestions | None:
    """The free-text suggestions coded with the theme codebook, counted beside the interview excerpts.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The processed tables in scope (``reaction`` with ``suggestion``; ``interviews`` when present).
    ctx : Context
        Privacy (themes of fewer suggestions than ``min_n`` are hidden), the theme codebook, seed.
    book : pandas.DataFrame, optional
        The theme codebook already read (default: read from ``ctx.themes``).
    interviews : Qualitative, optional
        The interview level already computed: its theme counts are set beside the suggestions'
        (not counted again); without it the suggestions stand alone.

    Returns
    -------
    Suggestions or None
        ``None`` without a suggestion column, a codebook or any non-empty suggestion.

    Examples
    --------
    >>> import pandas as pd
    >>> book = pd.DataFrame({"code": ["anggaran"], "label_id": ["Anggaran"], "label_en": ["Budget"],
    ...                      "keywords": [["kuota"]]})
    >>> reaction = pd.DataFrame({"response_id": [f"r{i}" for i in range(6)], "program_id": "PM",
    ...                          "suggestion": ["Kuota ditambah"] * 5 + [""]})
    >>> s = suggestions({"reaction": reaction}, Context(), book)
    >>> s.n_suggestions, [(x.theme, x.n, x.share, x.interview_n) for x in s.themes]
    (5, [('anggaran', 5, 1.0, None)])
    """
    book = theme_book(ctx) if book is None else book
    data = tables.get("reaction")
    if book is None or not has_rows(tables, "reaction") or "suggestion" not in data:
        return None
    from kemuning_eval.stats.qualitative import code_suggestions, representative_quotes

    coded = code_suggestions(data, book, role=SUGGESTION_ROLE)
    if coded.empty:
        return None
    counts = _counts(coded, book, ctx)
    beside = {x.theme: (x.n, x.share) for x in interviews.themes} if interviews is not None and interviews.available else {}
    labels = dict(zip(book["code"], book[f"label_{ctx.lang}"], strict=True))
    themes = [{"theme": code, "label": labels.get(code, code), "n": n, "share": share,
               "interview_n": beside.get(code, (None, None))[0], "interview_share": beside.get(code, (None, None))[1]}
              for code, (n, share) in counts.items() if n]
    themes.sort(key=lambda x: (-(x["n"] or 0), x["theme"]))
    quotes = representative_quotes(coded, codebook=book, per_theme=1, min_n=ctx.min_n, seed=ctx.seed)
    return Suggestions.model_validate({
        "n_responses": int(len(data)), "n_suggestions": int(len(coded)), "themes": themes,
        "quotes": [{"theme": row["theme"], "theme_label": labels.get(row["theme"], row["theme"]), "role": SUGGESTION_ROLE,
                    "text": str(row["text"])}
                   for _, row in quotes.sort_values(["theme", "rank"]).drop_duplicates("text").head(6).iterrows()],
    })


def _counts(coded: Any, book: Any, ctx: Context) -> dict[str, tuple[int | None, float | None]]:
    """Theme -> (excerpts mentioning it, their share), overall, small counts hidden (stats.qualitative)."""
    from kemuning_eval.stats.qualitative import theme_frequencies

    freq = theme_frequencies(coded, by=None, codebook=book, min_n=ctx.min_n)
    return {str(row["theme"]): (as_count(row["count"]), as_float(row["share"])) for _, row in freq.iterrows()}

