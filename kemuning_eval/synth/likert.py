"""Ordered-probit Likert answers and the realistic mess of exported labels.

Examples
--------
>>> import numpy as np
>>> rng = np.random.default_rng(0)
>>> cats = ordered_categories(np.full((4, 2), 3.0), np.zeros(4), rng, item_sd=1e-9, tau=(1.5, 2.5, 3.5, 4.5))
>>> cats.tolist()
[[3, 3], [3, 3], [3, 3], [3, 3]]
>>> messy_labels(np.array([[5, 1]]), {5: ["Sangat Setuju", "SS"], 1: ["Sangat Tidak Setuju", "STS"]},
...              rng, p_mess=0.0, p_abbrev_row=0.0, p_missing=0.0).tolist()
[['Sangat Setuju', 'Sangat Tidak Setuju']]
"""

from __future__ import annotations

import numpy as np


def ordered_categories(
    latent_mean: np.ndarray,
    person: np.ndarray,
    rng: np.random.Generator,
    *,
    item_sd: float,
    tau: tuple[float, ...],
) -> np.ndarray:
    """Return integer categories ``1..len(tau)+1`` of ``latent_mean + person + N(0, item_sd)``.

    ``latent_mean`` has shape (n, k); ``person`` (n,) is shared by a respondent's items.
    """
    z = latent_mean + person[:, None] + rng.normal(0.0, item_sd, latent_mean.shape)
    return np.searchsorted(np.asarray(tau), z).astype(np.int64) + 1


def _variants(labels: dict[int, list[str]]) -> tuple[np.ndarray, int]:
    """Table [score, variant] of spellings: 0 normal, 1 lower, 2 upper, 3/4 stray spaces."""
    top = max(labels)
    table = np.full((top + 1, 6), "", dtype=object)
    for score, names in labels.items():
        full = names[0]
        abbrev = names[1] if len(names) > 1 else full
        table[score] = [full, full.lower(), full.upper(), full + " ", "  " + full, abbrev]
    return table, 5


def messy_labels(
    scores: np.ndarray,
    labels: dict[int, list[str]],
    rng: np.random.Generator,
    *,
    p_mess: float = 0.04,
    p_abbrev_row: float = 0.04,
    p_missing: float = 0.01,
) -> np.ndarray:
    """Turn scores (n, k) into exported labels with mixed case, stray spaces, abbreviations.

    A share ``p_abbrev_row`` of rows uses abbreviations (SS/S/N/TS/STS) throughout,
    ``p_mess`` of the other cells get odd case or spaces, and ``p_missing`` of
    all cells are left empty.
    """
    table, abbrev = _variants(labels)
    n, k = scores.shape
    variant = np.where(rng.random((n, k)) < p_mess, rng.integers(1, 5, (n, k)), 0)
    variant[rng.random(n) < p_abbrev_row, :] = abbrev
    out = table[scores, variant]
    out[rng.random((n, k)) < p_missing] = ""
    return out
