"""The statistics behind honest metrics, vectorised over groups: quantiles as numpy computes
them, NPS with its variance, Wilson intervals for rates, and tests between two groups."""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

Z95 = 1.959963984540054  # the 97.5th percentile of the standard normal
Floats = NDArray[np.float64]
Ints = NDArray[np.int64]


class SortedValues:
    """One duration of every interaction of a period (-1: unknown), sorted once, so that each
    grouping of the period only has to put the sorted values in group order (a linear-time
    radix sort of small group numbers) to read its exact quantiles."""

    def __init__(self, values: NDArray[np.integer]) -> None:
        known = np.flatnonzero(values >= 0)
        self.order = known[np.argsort(values[known])]
        self.values = values[self.order].astype(np.float64)

    def quantiles(
        self, groups: NDArray[np.integer], count: int, quantiles: tuple[float, ...]
    ) -> tuple[Ints, list[Floats]]:
        """For each group: how many values, and each quantile as numpy computes it by default
        (linear interpolation between the closest ranks), to the last digit."""
        small = np.int16 if count < 2**15 else np.int32  # radix-sortable group numbers
        grouped = groups[self.order].astype(small)
        by_group = np.argsort(grouped, kind="stable")  # keeps each group's values sorted
        ordered = self.values[by_group]
        sizes = np.bincount(grouped, minlength=count).astype(np.int64)
        starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
        present = sizes > 0
        results = []
        for q in quantiles:
            position = (sizes - 1) * q
            below = np.floor(position).astype(np.int64)
            if not ordered.size:
                results.append(np.full(count, np.nan))
                continue
            low = ordered[np.where(present, starts + below, 0)]
            high = ordered[np.where(present, starts + np.minimum(below + 1, sizes - 1), 0)]
            results.append(np.where(present, _lerp(low, high, position - below), np.nan))
        return sizes, results


def _lerp(a: Floats, b: Floats, t: Floats) -> Floats:
    # numpy's own interpolation: exact at both ends, and symmetric around t = 0.5
    difference = b - a
    return np.where(t >= 0.5, b - difference * (1 - t), a + difference * t)


def nps(promoters: Ints, detractors: Ints, n: Ints) -> tuple[Floats, Floats]:
    """NPS = 100·(p − d) and its variance 100²·(p + d − (p − d)²)/n, per group."""
    with np.errstate(divide="ignore", invalid="ignore"):
        p, d = promoters / n, detractors / n
        return 100 * (p - d), 100**2 * (p + d - (p - d) ** 2) / n


def wilson(successes: Ints, n: Ints) -> tuple[Floats, Floats]:
    """The 95% Wilson score interval of a rate, in percent, per group."""
    with np.errstate(divide="ignore", invalid="ignore"):
        share = successes / n
        shrink = 1 + Z95**2 / n
        centre = (share + Z95**2 / (2 * n)) / shrink
        half = Z95 * np.sqrt(share * (1 - share) / n + Z95**2 / (4 * n**2)) / shrink
        return 100 * (centre - half), 100 * (centre + half)


def mean_interval(total: Floats, squares: Floats, n: Ints) -> tuple[Floats, Floats, Floats]:
    """Mean and its 95% interval (normal approximation, sample standard deviation)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = total / n
        variance = (squares - n * mean**2) / (n - 1)
        half = Z95 * np.sqrt(np.maximum(variance, 0) / n)
        return mean, mean - half, mean + half


def two_proportions(x1: int, n1: int, x2: int, n2: int) -> dict[str, object]:
    """Difference of two rates (percentage points), its 95% interval, and the two-sided p-value
    of the pooled two-proportion z-test."""
    if min(n1, n2) == 0:
        return {"difference": None, "ci95": None, "p_value": None, "significant": False}
    p1, p2 = x1 / n1, x2 / n2
    spread = math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
    pooled = (x1 + x2) / (n1 + n2)
    error = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    p_value = 1.0 if error == 0 else math.erfc(abs(p1 - p2) / error / math.sqrt(2))
    difference = 100 * (p1 - p2)
    return {
        "difference": difference,
        "ci95": [difference - 100 * Z95 * spread, difference + 100 * Z95 * spread],
        "p_value": p_value,
        "significant": p_value < 0.05,
    }


def nps_difference(a: tuple[float, float, int], b: tuple[float, float, int]) -> dict[str, object]:
    """Difference of two independent NPS (value, variance, n): the variances add."""
    if min(a[2], b[2]) == 0:
        return {"difference": None, "ci95": None, "significant": False}
    difference = a[0] - b[0]
    half = Z95 * math.sqrt(a[1] + b[1])
    low, high = difference - half, difference + half
    return {"difference": difference, "ci95": [low, high], "significant": low > 0 or high < 0}
