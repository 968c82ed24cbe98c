"""The interviews: theme frequencies and representative scrubbed quotes (:mod:`kemuning_eval.stats.qualitative`).

Examples
--------
>>> qualitative({}, Context()).instruments
['interviews']
"""

from __future__ import annotations

from typing import Any

from kemuning_eval.report.results.availability import not_measured
from kemuning_eval.report.results.common import (
    Context,
    as_count,
    as_float,
    has_rows,
)
from kemuning_eval.report.results.model import (
    Qualitative,
    Unavailable,
)


def _theme_labels(codebook: Any, lang: str) -> dict[str, str]:
    """The study's theme labels (user data from its codebook) in ``lang``; ``{}`` without a codebook."""
    if codebook is None:
        return {}
    import pandas as pd

    from kemuning_eval.stats.qualitative import load_themes

    table = codebook if isinstance(codebook, pd.DataFrame) else load_themes(codebook)
    return dict(zip(table["code"], table[f"label_{lang}"], strict=True))


def qualitative(tables: dict, ctx: Context) -> Qualitative | Unavailable:
    """Interview themes (frequencies over all excerpts) and representative scrubbed quotes.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The processed tables in scope (``interviews`` is needed).
    ctx : Context
        Language, privacy, theme codebook and seed.

    Returns
    -------
    Qualitative or Unavailable
        ``available``, ``n_excerpts``, ``themes`` (``theme``, ``label``,
        ``n``, ``share``) and up to six ``quotes`` (theme, role, text; never
        a person); or :func:`~kemuning_eval.report.results.availability.not_measured`.

    Examples
    --------
    Coded interviews need a theme codebook; without interviews the level is
    unavailable:

    >>> qualitative({}, Context())
    Unavailable(available=False, reason='no_data', instruments=['interviews'])
    """
    if not has_rows(tables, "interviews"):
        return not_measured("no_data", "interviews")
    from kemuning_eval.stats.qualitative import representative_quotes, theme_frequencies

    iv = tables["interviews"]
    freq = theme_frequencies(iv, by=None, codebook=ctx.themes, min_n=ctx.min_n)
    freq = freq[freq["count"].fillna(0) > 0].sort_values(["rank", "theme"])
    labels = _theme_labels(ctx.themes, ctx.lang)
    quotes = representative_quotes(iv, codebook=ctx.themes, per_theme=1, min_n=ctx.min_n, seed=ctx.seed)
    return Qualitative.model_validate({
        "available": True, "n_excerpts": int(len(iv)),
        "themes": [{"theme": row["theme"], "label": labels.get(row["theme"], row["theme"]), "n": as_count(row["count"]), "share": as_float(row["share"])}
                   for _, row in freq.iterrows()],
        "quotes": [{"theme": row["theme"], "theme_label": labels.get(row["theme"], row["theme"]),
                    "role": row["role"], "text": row["text"]}
                   for _, row in quotes.sort_values(["theme", "rank"]).drop_duplicates("text").head(6).iterrows()],
    })
