"""Inter-rater agreement, implemented with numpy: Cohen's kappa (two raters, optionally
weighted), Fleiss' kappa and Gwet's AC1 (any number of raters, missing ratings allowed, as in
Gwet's formulas), and Krippendorff's alpha (nominal, ordinal, interval or ratio values, missing
ratings allowed).

Ratings are a units × raters array of floats, ``nan`` where a rater did not rate a unit.
Definitions and references: docs/reviews.md. Each statistic is ``None`` when it is undefined
(fewer than two ratings of a unit, or no variation at all: chance agreement is then 1).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

Level = Literal["nominal", "ordinal", "interval", "ratio"]
LEVELS: tuple[Level, ...] = ("nominal", "ordinal", "interval", "ratio")
Floats = NDArray[np.float64]


def ratings_matrix(rows: ArrayLike) -> Floats:
    """Units × raters as floats, ``None`` read as missing."""
    matrix = np.array(rows, dtype=np.float64)
    if matrix.ndim != 2:
        raise ValueError("ratings must be a table of units (rows) by raters (columns)")
    return matrix


def cohen_kappa_table(
    table: ArrayLike,
    *,
    weights: Literal["linear", "quadratic"] | None = None,
    scores: Sequence[float] | None = None,
) -> float | None:
    """Cohen's kappa of a square table (rater 1's category by row, rater 2's by column).

    Weighted: 1 − Σ wᵢⱼ·oᵢⱼ / Σ wᵢⱼ·eᵢⱼ with disagreement weights wᵢⱼ = |sᵢ − sⱼ| (linear) or
    (sᵢ − sⱼ)² (quadratic), sᵢ the categories' scores (0, 1, 2… unless given)."""
    counts = np.asarray(table, dtype=np.float64)
    if counts.ndim != 2 or counts.shape[0] != counts.shape[1]:
        raise ValueError("Cohen's kappa needs a square table")
    total = counts.sum()
    if total == 0:
        return None
    observed = counts / total
    expected = np.outer(observed.sum(axis=1), observed.sum(axis=0))
    disagreement = _disagreement_weights(counts.shape[0], weights, scores)
    chance = float((disagreement * expected).sum())
    if chance == 0:
        return None
    return 1 - float((disagreement * observed).sum()) / chance


def _disagreement_weights(
    size: int, weights: Literal["linear", "quadratic"] | None, scores: Sequence[float] | None
) -> Floats:
    if weights is None:
        return 1 - np.eye(size)
    values = np.arange(size, dtype=np.float64) if scores is None else np.asarray(scores, float)
    if values.shape != (size,):
        raise ValueError(f"scores: one per category ({size}) expected")
    distance = np.abs(values[:, None] - values[None, :])
    return distance**2 if weights == "quadratic" else distance


def cohen_kappa(
    first: ArrayLike,
    second: ArrayLike,
    *,
    weights: Literal["linear", "quadratic"] | None = None,
    categories: Sequence[float] | None = None,
) -> float | None:
    """Cohen's kappa of two raters' ratings of the same units (units one of them left out
    are dropped); weighted by the distance between the values when ``weights`` is given."""
    a, b = np.asarray(first, dtype=np.float64), np.asarray(second, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError("both raters must rate the same units")
    both = ~(np.isnan(a) | np.isnan(b))
    a, b = a[both], b[both]
    values = _categories(np.concatenate([a, b]), categories)
    if values.size == 0:
        return None
    size = values.size
    cells = np.searchsorted(values, a) * size + np.searchsorted(values, b)
    table = np.bincount(cells, minlength=size * size).reshape(size, size)
    return cohen_kappa_table(table, weights=weights, scores=list(values))


def _categories(values: Floats, categories: Sequence[float] | None) -> Floats:
    """The categories: those given (every rating must be one), else those observed."""
    seen = np.unique(values[~np.isnan(values)])
    if categories is None:
        return seen
    given = np.unique(np.asarray(categories, dtype=np.float64))
    unknown = np.setdiff1d(seen, given)
    if unknown.size:
        raise ValueError(f"ratings {unknown.tolist()} are not among the categories")
    return given


def _counts(ratings: Floats, categories: Sequence[float] | None) -> tuple[Floats, Floats]:
    """Per unit, how many raters chose each category; units nobody rated are left out."""
    values = _categories(ratings.ravel(), categories)
    rated = ~np.isnan(ratings)
    keep = rated.any(axis=1)
    ratings, rated = ratings[keep], rated[keep]
    index = np.searchsorted(values, np.where(rated, ratings, values[0] if values.size else 0))
    units = np.repeat(np.arange(ratings.shape[0]), ratings.shape[1]).reshape(ratings.shape)
    size = max(values.size, 1)
    counts = np.bincount((units * size + index)[rated], minlength=ratings.shape[0] * size).reshape(
        ratings.shape[0], size
    )
    return counts.astype(np.float64), values


def _observed_agreement(counts: Floats) -> tuple[float | None, Floats]:
    """Gwet's pₐ: the mean, over units with two ratings or more, of the share of agreeing
    pairs of ratings; and each unit's number of ratings."""
    raters = counts.sum(axis=1)
    paired = raters >= 2
    if not paired.any():
        return None, raters
    agreeing = (counts * (counts - 1)).sum(axis=1)[paired]
    return float(np.mean(agreeing / (raters[paired] * (raters[paired] - 1)))), raters


def fleiss_kappa(ratings: ArrayLike, *, categories: Sequence[float] | None = None) -> float | None:
    """Fleiss' kappa of units × raters ratings (``nan``: missing), with Gwet's treatment of
    missing ratings: pₐ over units rated twice or more, πₖ the mean share of category k per
    unit, pₑ = Σ πₖ²."""
    counts, _ = _counts(ratings_matrix(ratings), categories)
    return fleiss_kappa_table(counts)


def fleiss_kappa_table(table: ArrayLike) -> float | None:
    """Fleiss' kappa from a units × categories table of counts."""
    counts = np.asarray(table, dtype=np.float64)
    agreement, raters = _observed_agreement(counts)
    if agreement is None:
        return None
    shares = (counts / raters[:, None]).mean(axis=0)
    chance = float((shares**2).sum())
    return None if chance == 1 else (agreement - chance) / (1 - chance)


def gwet_ac1(ratings: ArrayLike, *, categories: Sequence[float] | None = None) -> float | None:
    """Gwet's AC1: pₐ as for Fleiss' kappa, pₑ = Σ πₖ(1 − πₖ) / (q − 1) over the q
    categories."""
    counts, values = _counts(ratings_matrix(ratings), categories)
    agreement, raters = _observed_agreement(counts)
    if agreement is None or values.size < 2:
        return None
    shares = (counts / raters[:, None]).mean(axis=0)
    chance = float((shares * (1 - shares)).sum()) / (values.size - 1)
    return None if chance == 1 else (agreement - chance) / (1 - chance)


def krippendorff_alpha(ratings: ArrayLike, *, level: Level = "nominal") -> float | None:
    """Krippendorff's alpha = 1 − Dₒ / Dₑ from the coincidence matrix of the pairable values
    (units with two values or more), with the distance of the level of measurement."""
    if level not in LEVELS:
        raise ValueError(f"level {level!r}: choose one of {', '.join(LEVELS)}")
    counts, values = _counts(ratings_matrix(ratings), None)
    raters = counts.sum(axis=1)
    counts = counts[raters >= 2]
    if counts.size == 0:
        return None
    # o_ck = Σ_u n_uc·(n_uk − [c = k]) / (m_u − 1)
    weights = 1 / (counts.sum(axis=1) - 1)
    weighted = counts * weights[:, None]
    coincidences = weighted.T @ counts - np.diag(weighted.sum(axis=0))
    marginals = coincidences.sum(axis=1)
    total = marginals.sum()
    distance = _distances(values, marginals, level)
    observed = float((coincidences * distance).sum())
    expected = float(((np.outer(marginals, marginals) - np.diag(marginals)) * distance).sum())
    if expected == 0:
        return None
    return 1 - (float(total) - 1) * observed / expected


def _distances(values: Floats, marginals: Floats, level: Level) -> Floats:
    """δ²(c, k) between every two values, for the level of measurement."""
    c, k = values[:, None], values[None, :]
    if level == "nominal":
        different: Floats = (c != k).astype(np.float64)
        return different
    if level == "interval":
        squared: Floats = (c - k) ** 2
        return squared
    if level == "ratio":
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = ((c - k) / (c + k)) ** 2
        return np.nan_to_num(ratio, nan=0.0)
    # ordinal: (Σ_{g=c..k} n_g − (n_c + n_k)/2)², by the values' ranks
    cumulative = np.cumsum(marginals)
    low = np.minimum.outer(np.arange(values.size), np.arange(values.size))
    high = np.maximum.outer(np.arange(values.size), np.arange(values.size))
    between = cumulative[high] - cumulative[low] + marginals[low]
    return (between - (marginals[:, None] + marginals[None, :]) / 2) ** 2


def percent_agreement(ratings: ArrayLike) -> float | None:
    """The share of agreeing pairs of ratings of a unit, averaged over units rated twice or
    more (Gwet's pₐ)."""
    counts, _ = _counts(ratings_matrix(ratings), None)
    agreement, _ = _observed_agreement(counts)
    return agreement


def mean_pairwise_cohen(ratings: ArrayLike) -> float | None:
    """Cohen's kappa of every pair of raters (over the units both rated), averaged (Light's
    kappa; Cohen's own kappa when there are two raters)."""
    matrix = ratings_matrix(ratings)
    values = []
    for first in range(matrix.shape[1]):
        for second in range(first + 1, matrix.shape[1]):
            kappa = cohen_kappa(matrix[:, first], matrix[:, second])
            if kappa is not None:
                values.append(kappa)
    return float(np.mean(values)) if values else None


def summary(ratings: ArrayLike, *, categories: Sequence[float] | None = None) -> dict[str, Any]:
    """Every statistic of a units × raters table, with how many units could be compared."""
    matrix = ratings_matrix(ratings)
    paired = int((np.sum(~np.isnan(matrix), axis=1) >= 2).sum()) if matrix.size else 0
    if paired == 0:
        return {"units": 0, "raters": int(matrix.shape[1]) if matrix.ndim == 2 else 0}
    return {
        "units": paired,
        "raters": int(matrix.shape[1]),
        "percent_agreement": percent_agreement(matrix),
        "cohen_kappa": mean_pairwise_cohen(matrix),
        "fleiss_kappa": fleiss_kappa(matrix, categories=categories),
        "gwet_ac1": gwet_ac1(matrix, categories=categories),
        "krippendorff_alpha": {
            level: krippendorff_alpha(matrix, level=level)
            for level in ("nominal", "ordinal", "interval")
        },
    }
