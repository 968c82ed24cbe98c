"""Ordered-probit Likert answers from a factor model, and the mess of exported labels.

A respondent's latent answer to item ``j`` is ``mu_j + shared_ij + e_ij``:
``shared`` comes from :func:`factor_scores` (a general factor common to all
items plus a factor per group of items, e.g. a reaction dimension), ``e`` is
the item's own noise.  All parts are independent normals, so the latent value
stays normal with variance ``general_sd^2 + group_sd^2 + item_sd^2`` (see
:func:`kemuning_eval.synth.truth.latent_sd`).

Examples
--------
>>> import numpy as np
>>> rng = np.random.default_rng(0)
>>> cats = ordered_categories(np.full((4, 2), 3.0), np.zeros(4), rng, item_sd=1e-9, tau=(1.5, 2.5, 3.5, 4.5))
>>> cats.tolist()
[[3, 3], [3, 3], [3, 3], [3, 3]]
>>> f = factor_scores(rng, 3, [0, 0, 1], general_sd=0.0, group_sd=1.0)
>>> f.shape, bool((f[:, 0] == f[:, 1]).all()), bool((f[:, 0] == f[:, 2]).any())
((3, 3), True, False)
>>> messy_labels(np.array([[5, 1]]), {5: ["Sangat Setuju", "SS"], 1: ["Sangat Tidak Setuju", "STS"]},
...              rng, p_mess=0.0, p_abbrev_row=0.0, p_missing=0.0).tolist()
[['Sangat Setuju', 'Sangat Tidak Setuju']]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def factor_scores(
    rng: np.random.Generator,
    n: int,
    groups: Sequence[int],
    *,
    general_sd: float,
    group_sd: float,
) -> np.ndarray:
    """Return the shared part (n, k) of the latent answers of ``n`` respondents.

    Parameters
    ----------
    rng : numpy.random.Generator
        Source of the draws: one row of standard normals per respondent (the
        general factor, then one factor per group).
    n : int
        Number of respondents.
    groups : sequence of int
        Group (0-based) of each of the ``k`` items: items of one group share a
        respondent-level factor ``N(0, group_sd)``.
    general_sd, group_sd : float
        Standard deviations of the general and the group factors.

    Returns
    -------
    numpy.ndarray
        ``general[:, None] + group_factor[:, groups]``; the latent correlation
        of two items is ``(general_sd^2 + group_sd^2) / s^2`` within a group and
        ``general_sd^2 / s^2`` across groups (``s`` the total latent SD).

    Examples
    --------
    >>> import numpy as np
    >>> f = factor_scores(np.random.default_rng(1), 200_000, [0, 0, 1], general_sd=0.6, group_sd=0.8)
    >>> c = np.cov(f, rowvar=False)
    >>> round(float(c[0, 1]), 1), round(float(c[0, 2]), 1)  # 0.36 + 0.64 and 0.36
    (1.0, 0.4)
    """
    idx = np.asarray(groups, dtype=np.int64)
    z = rng.standard_normal((n, int(idx.max()) + 2))  # column 0 general, then one per group
    return general_sd * z[:, :1] + group_sd * z[:, 1:][:, idx]


def ordered_categories(
    latent_mean: np.ndarray,
    shared: np.ndarray,
    rng: np.random.Generator,
    *,
    item_sd: float,
    tau: tuple[float, ...],
) -> np.ndarray:
    """Return integer categories ``1..len(tau)+1`` of ``latent_mean + shared + N(0, item_sd)``.

    ``latent_mean`` has shape (n, k); ``shared`` is either (n,), one effect shared
    by all of a respondent's items, or (n, k), e.g. from :func:`factor_scores`.

    Parameters
    ----------
    latent_mean : ndarray, shape (n, k)
        Latent mean of each respondent's answer to each item.
    shared : ndarray, shape (n,) or (n, k)
        Shared latent part added to the mean.
    rng : numpy.random.Generator
        Source of the item noise.
    item_sd : float
        SD of the item's own normal noise.
    tau : tuple of float
        Increasing thresholds; a latent value below ``tau[0]`` is category 1.

    Returns
    -------
    ndarray of int64, shape (n, k)
        Categories ``1..len(tau)+1``.

    Examples
    --------
    With (almost) no noise the category is where the latent value falls:

    >>> rng = np.random.default_rng(0)
    >>> tau = (1.5, 2.5, 3.5, 4.5)
    >>> ordered_categories(np.array([[1.0, 3.0, 5.0]]), np.array([0.0]), rng, item_sd=1e-9, tau=tau).tolist()
    [[1, 3, 5]]
    >>> ordered_categories(np.array([[2.0, 3.0]]), np.array([[-1.0, 1.0]]), rng, item_sd=1e-9, tau=tau).tolist()
    [[1, 4]]
    """
    shared = np.asarray(shared, dtype="float64")
    if shared.ndim == 1:
        shared = shared[:, None]
    z = latent_mean + shared + rng.normal(0.0, item_sd, latent_mean.shape)
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

    Parameters
    ----------
    scores : ndarray of int, shape (n, k)
        Categories to write.
    labels : dict of int to list of str
        Score -> ``[full label, abbreviation]`` (the abbreviation is optional).
    rng : numpy.random.Generator
        Source of the draws.
    p_mess, p_abbrev_row, p_missing : float
        Probabilities of a messy cell, an abbreviated row and an empty cell.

    Returns
    -------
    ndarray (object), shape (n, k)
        The labels as exported.

    Examples
    --------
    >>> labels = {5: ["Sangat Setuju", "SS"], 4: ["Setuju", "S"], 2: ["Tidak Setuju", "TS"],
    ...           1: ["Sangat Tidak Setuju", "STS"]}
    >>> scores = np.array([[5, 1], [4, 2]])
    >>> rng = np.random.default_rng(0)
    >>> messy_labels(scores, labels, rng, p_mess=0.0, p_abbrev_row=1.0, p_missing=0.0).tolist()
    [['SS', 'STS'], ['S', 'TS']]
    >>> messy_labels(scores, labels, rng, p_mess=0.0, p_abbrev_row=0.0, p_missing=1.0).tolist()
    [['', ''], ['', '']]
    """
    table, abbrev = _variants(labels)
    n, k = scores.shape
    variant = np.where(rng.random((n, k)) < p_mess, rng.integers(1, 5, (n, k)), 0)
    variant[rng.random(n) < p_abbrev_row, :] = abbrev
    out = table[scores, variant]
    out[rng.random((n, k)) < p_missing] = ""
    return out
