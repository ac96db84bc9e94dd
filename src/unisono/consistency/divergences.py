"""Divergences: groups whose treatment of a contact reason differs from the rest of their
stratum (an agent from the rest of their team on that channel, a team from the other teams of
its channel, a channel from the other channels), significantly after correcting for the many
comparisons made.

Each group with at least ``min_n`` values (and as many in the rest) is compared with the rest:
z = (ȳ − ȳ_rest) / √(v + v_rest), the variances including the spread of the levels below (an
agent's habit is not taken for their team's). For rates, the p-value is the larger of that
z-test's and of Fisher's exact test (two-sided by doubling the smaller tail): rare events such as
wrong facts stay honest on small groups. The p-values of all the comparisons of a report are
then adjusted together (Benjamini–Hochberg); a divergence is flagged when its adjusted p-value is
at most the false discovery rate (5 % by default). Flagged divergences are ranked by their
*reach*: the group's interactions times its empirical-Bayes departure in material differences.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from unisono.consistency.metrics import LEVELS, METRICS
from unisono.consistency.variance import Fit, shrunk
from unisono.metrics.stats import Z95

Floats = NDArray[Any]  # floating-point values
Ints = NDArray[Any]  # integer codes and counts
FDR = 0.05


@dataclass(frozen=True)
class Comparison:
    """One group compared with the rest of its stratum."""

    metric: int
    level: str
    group: int  # the group's number in its level
    reason: int
    channel: int
    team: int
    agent: int
    n: int
    mean: float
    v: float
    rest_n: int
    rest_mean: float
    rest_v: float
    shrunk: float
    p_value: float
    q_value: float = 1.0
    reach: float = 0.0

    @property
    def difference(self) -> float:
        """The group's mean minus the rest's."""
        return self.mean - self.rest_mean

    @property
    def difference_ci95(self) -> tuple[float, float]:
        """The 95% interval of the difference."""
        half = Z95 * math.sqrt(self.v + self.rest_v)
        return self.difference - half, self.difference + half


@dataclass(frozen=True)
class Found:
    """Every comparison made, and the flagged ones ranked."""

    comparisons: int
    flagged: list[Comparison]


def compare(fits: dict[int, Fit], *, min_n: int, fdr: float = FDR) -> Found:
    """Compare every large enough group with the rest of its stratum; flag and rank."""
    made: list[Comparison] = []
    for row, fit in fits.items():
        for level in LEVELS:
            if level != "channel" or fit.structure.across_channels:
                made += _comparisons(row, level, fit, min_n=min_n)
    if not made:
        return Found(0, [])
    adjusted = benjamini_hochberg(np.array([c.p_value for c in made]))
    flagged = []
    for comparison, q in zip(made, adjusted, strict=True):
        if q <= fdr:
            departure = abs(comparison.shrunk - comparison.rest_mean)
            reach = comparison.n * departure / METRICS[comparison.metric].material
            flagged.append(_with(comparison, q_value=float(q), reach=float(reach)))
    flagged.sort(key=lambda c: (-c.reach, c.q_value))
    return Found(len(made), flagged)


def _with(comparison: Comparison, **changes: float) -> Comparison:
    return Comparison(**{**comparison.__dict__, **changes})


def _comparisons(row: int, name: str, fit: Fit, *, min_n: int) -> list[Comparison]:
    level = fit.levels[name]
    grouping = level.grouping
    if grouping.size == 0:
        return []
    stratum, n, mean, v = grouping.stratum, level.n, level.mean, level.v
    strata = int(stratum.max()) + 1
    total_n = np.bincount(stratum, n, strata)[stratum]
    total_sum = np.bincount(stratum, n * mean, strata)[stratum]
    total_v = np.bincount(stratum, n * n * v, strata)[stratum]
    rest_n = total_n - n
    with np.errstate(divide="ignore", invalid="ignore"):
        rest_mean = (total_sum - n * mean) / rest_n
        rest_v = (total_v - n * n * v) / rest_n**2
    worse = -mean if METRICS[row].higher_is_better else mean
    tested = (n >= min_n) & (rest_n >= min_n) & _once_per_pair(stratum, worse)
    index = np.flatnonzero(tested)
    if index.size == 0:
        return []
    z = (mean[index] - rest_mean[index]) / np.sqrt(v[index] + rest_v[index])
    from scipy.special import erfc  # noqa: PLC0415

    p = erfc(np.abs(z) / math.sqrt(2))
    if METRICS[row].binary:
        p = np.maximum(p, _fisher(n[index], mean[index], total_n[index], total_sum[index]))
    estimate, _ = shrunk(level)
    channel, team, agent = _identity(fit, name, grouping.first)
    return [
        Comparison(
            row,
            name,
            int(g),
            int(grouping.reason[g]),
            int(channel[g]),
            int(team[g]),
            int(agent[g]),
            int(n[g]),
            float(mean[g]),
            float(v[g]),
            int(rest_n[g]),
            float(rest_mean[g]),
            float(rest_v[g]),
            float(estimate[g]),
            float(p_value),
        )
        for g, p_value in zip(index, p, strict=True)
    ]


def _identity(fit: Fit, name: str, cells: Ints) -> tuple[Ints, Ints, Ints]:
    """Each group's channel, team and agent codes (-1 where the level does not use them)."""
    shape = fit.structure
    none = np.full(cells.size, -1, dtype=np.int64)
    channel, team, agent = shape.channel[cells], shape.team[cells], shape.agent[cells]
    if name == "channel":
        return channel, none, none
    if name == "team":
        return channel, team, none
    return channel, team, agent


def _once_per_pair(stratum: Ints, worse: Floats) -> NDArray[np.bool_]:
    """In a stratum of two groups, the comparison of each with the other is the same: keep the
    one of the group doing worse (``worse``: larger is worse)."""
    strata = int(stratum.max()) + 1
    groups = np.bincount(stratum, minlength=strata)[stratum]
    order = np.lexsort((np.arange(worse.size), -np.nan_to_num(worse), stratum))
    _, first = np.unique(stratum[order], return_index=True)
    smallest = np.zeros(worse.size, dtype=bool)
    smallest[order[first]] = True
    kept: NDArray[np.bool_] = (groups != 2) | smallest
    return kept


def _fisher(n: Floats, mean: Floats, total_n: Floats, total_sum: Floats) -> Floats:
    """Fisher's exact test of a rate (values 0 or 100) against the rest of its stratum."""
    from scipy.stats import hypergeom  # noqa: PLC0415

    draws = np.rint(n).astype(np.int64)
    population = np.rint(total_n).astype(np.int64)
    successes = np.rint(total_sum / 100).astype(np.int64)
    found = np.rint(n * mean / 100).astype(np.int64)
    lower = hypergeom.cdf(found, population, successes, draws)
    upper = hypergeom.sf(found - 1, population, successes, draws)
    p_values: Floats = np.minimum(1.0, 2 * np.minimum(lower, upper))
    return p_values


def benjamini_hochberg(p_values: Floats) -> Floats:
    """Benjamini–Hochberg adjusted p-values (q-values), in the order given."""
    count = p_values.size
    if count == 0:
        return p_values
    order = np.argsort(p_values)
    ranked = p_values[order] * count / np.arange(1, count + 1)
    adjusted = np.minimum.accumulate(ranked[::-1])[::-1]
    result = np.empty(count)
    result[order] = np.minimum(adjusted, 1.0)
    return result
