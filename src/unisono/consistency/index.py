"""The consistency index: from each metric's spreads between channels, teams and agents to a
0–100 score per contact reason and overall, decomposed by source, with a bootstrap interval.

For a reason and a metric, D²ₘ = (τ²_channel + τ²_team + τ²_agent) / Δₘ², Δₘ the metric's
material difference: Dₘ is how far, in material differences, the treatment a customer gets
typically departs from the reason's average depending on who answers. A reason's D² is the
weighted mean of its metrics' D²ₘ (each family — outcomes, audit, answers — weighing the same,
each metric the same within its family), and its index is 100 / (1 + D²): 100 when nothing
depends on who answers, 50 when the typical departure is one material difference. The τ² are
the unbiased moment estimates, negative ones included, so that noise alone averages out instead
of always lowering the index; D² is set to 0 when it comes out negative. The points a reason
loses are shared between the sources in proportion to their (positive) parts of D². The overall
index is the reasons' indices weighted by their volumes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from unisono.consistency.cells import Cells
from unisono.consistency.metrics import FAMILIES, LEVELS, METRICS
from unisono.consistency.variance import Fit, Level, estimate, simulate, structure

Floats = NDArray[Any]  # floating-point values


@dataclass(frozen=True)
class Scores:
    """Per metric (rows, in the order of METRICS) and reason (columns): the consistency and
    each source's part of D²; then the reasons' index, the points each source makes them lose,
    and the overall index."""

    consistency: Floats  # (metrics, reasons): 100 / (1 + D²ₘ); nan: not estimable
    lost: dict[str, Floats]  # level -> (metrics, reasons): τ²/Δ², the source's part of D²ₘ
    weights: Floats  # (metrics, reasons): each metric's weight in its reason's index
    reason_squared: Floats  # (reasons,): D² before it is set to 0 when negative; nan: no index
    reason_index: Floats  # (reasons,)
    reason_lost: dict[str, Floats]  # level -> (reasons,)
    share: Floats  # (reasons,): each reason's weight in the overall index (its volume's share)
    overall: float | None
    overall_lost: dict[str, float]


def fit_all(cells: Cells) -> dict[int, Fit]:
    """Every metric's components (those with values in the period)."""
    fits = {}
    for row in range(len(METRICS)):
        if cells.n[row].sum() > 0:
            shape, mean, sigma2 = structure(cells, row)
            fits[row] = estimate(shape, mean, sigma2)
    return fits


def score(fits: dict[int, Fit], volume: Floats, reasons: int) -> Scores:
    """The index from the fitted components (``volume``: interactions per reason)."""
    shape = (len(METRICS), reasons)
    parts = {level: np.full(shape, np.nan) for level in LEVELS}  # τ²/Δ² per source
    for row, fit in fits.items():
        for level in LEVELS:
            parts[level][row] = fit.levels[level].moment / METRICS[row].material ** 2
    stacked = np.stack([parts[level] for level in LEVELS])
    estimable = ~np.isnan(stacked).all(axis=0)
    squared = np.where(estimable, np.nansum(stacked, axis=0), np.nan)  # D²ₘ per reason
    consistency = 100 / (1 + np.maximum(squared, 0))
    weights = _weights(estimable)
    has_index = weights.sum(axis=0) > 0
    reason_squared = np.where(has_index, _weighted(fits, weights, _moment), np.nan)
    reason_index = 100 / (1 + np.maximum(reason_squared, 0))
    by_source = {
        level: np.maximum((np.nan_to_num(parts[level]) * weights).sum(axis=0), 0)
        for level in LEVELS
    }
    positive = sum(by_source.values())
    with np.errstate(divide="ignore", invalid="ignore"):
        reason_lost = {
            level: np.where(
                positive > 0, (100 - np.nan_to_num(reason_index, nan=100)) * value / positive, 0.0
            )
            for level, value in by_source.items()
        }
    lost = {level: np.nan_to_num(part) for level, part in parts.items()}
    counted = has_index & (volume > 0)
    share = volume * counted / max(float((volume * counted).sum()), 1.0)
    overall = float((np.nan_to_num(reason_index) * share).sum()) if counted.any() else None
    overall_lost = {level: float((values * share).sum()) for level, values in reason_lost.items()}
    return Scores(
        consistency,
        lost,
        weights,
        reason_squared,
        reason_index,
        reason_lost,
        share,
        overall,
        overall_lost,
    )


def _moment(level: Level) -> Floats:
    return level.moment


def _floor(level: Level) -> Floats:
    return level.floor


def _spread(level: Level) -> Floats:
    return level.tau2


def _weighted(fits: dict[int, Fit], weights: Floats, part: Callable[[Level], Floats]) -> Floats:
    """Per reason, Σ over metrics of weight × Σ over levels of part/Δ² (nan counting 0): a
    reason's D² from the levels' moments; with a leading axis when the fits have one."""
    total: Floats = np.zeros(weights.shape[1])
    for row, fit in fits.items():
        levels = sum(np.nan_to_num(part(fit.levels[level])) for level in LEVELS)
        total = total + weights[row] * levels / METRICS[row].material ** 2
    return total


def _weights(estimable: NDArray[np.bool_]) -> Floats:
    """Each family with an estimable metric weighs the same in a reason; each estimable metric
    the same within its family."""
    family = np.array([FAMILIES.index(metric.family) for metric in METRICS])
    per_family = np.zeros((len(FAMILIES), estimable.shape[1]))
    np.add.at(per_family, family, estimable.astype(np.float64))
    families = (per_family > 0).sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        weight = estimable / (per_family[family] * families[None, :])
    return np.nan_to_num(np.where(estimable, weight, 0.0))


@dataclass(frozen=True)
class Intervals:
    """95% intervals of the index (overall and per reason) from bootstrap runs."""

    overall: tuple[float, float] | None
    reasons: Floats  # (reasons, 2), nan where the reason has no index
    runs: int


CHUNK = 25  # bootstrap runs simulated at once (memory: runs × cells per array)


def bootstrap(
    fits: dict[int, Fit], volume: Floats, reasons: int, *, runs: int, seed: int
) -> Intervals:
    """The index's 95% intervals from ``runs`` data sets drawn from a world whose D² per reason
    is the estimate's (every group's departure drawn from N(0, τ²), every cell's sampling noise
    from N(0, σ²/n), the groups and their sizes kept), read as basic bootstrap intervals on the
    scale of log(D² + floor): docs/consistency.md, "The interval"."""
    if runs <= 0 or not fits:
        return Intervals(None, np.full((reasons, 2), np.nan), 0)
    estimated = score(fits, volume, reasons)
    known = ~np.isnan(estimated.reason_squared)
    if not known.any():  # no reason has an index: nothing to draw
        return Intervals(None, np.full((reasons, 2), np.nan), runs)
    squared = estimated.reason_squared[known]
    floor = _weighted(fits, estimated.weights, _floor)[known]
    drawn = _draws(fits, estimated.weights, runs, seed)[:, known]
    # the end toward 100 from the unbiased D² (negative values and all: with no difference at
    # all, it reaches 100 as often as it should); the other end from the reported D² (0 when
    # negative: an estimate below 0 is no sign that the groups differ less than not at all)
    upper = _reflected(squared, floor, drawn)
    lower = _reflected(np.maximum(squared, 0), floor, drawn)
    lows = np.percentile(_index(lower), 2.5, axis=0)
    highs = np.percentile(_index(upper), 97.5, axis=0)
    bounds = np.full((reasons, 2), np.nan)
    bounds[known] = [
        _holding(low, high, value)
        for low, high, value in zip(lows, highs, estimated.reason_index[known], strict=True)
    ]
    overall = None
    if estimated.overall is not None:
        share = estimated.share[known]
        low = np.percentile(_index(lower) @ share, 2.5)
        high = np.percentile(_tangent_index(upper) @ share, 97.5)
        overall = _holding(low, high, estimated.overall)
    return Intervals(overall, bounds, runs)


def _draws(fits: dict[int, Fit], weights: Floats, runs: int, seed: int) -> Floats:
    """Each reason's D² re-estimated on ``runs`` data sets drawn from the world (runs ×
    reasons), CHUNK data sets at a time."""
    world = _world(fits, weights)
    rng = np.random.default_rng(seed)
    chunks = []
    for done in range(0, runs, CHUNK):
        size = min(CHUNK, runs - done)
        drawn = {
            row: estimate(fit.structure, simulate(fit, rng, size), fit.sigma2)
            for row, fit in world.items()
        }
        chunks.append(_weighted(drawn, weights, _moment))
    return np.concatenate(chunks)


def _world(fits: dict[int, Fit], weights: Floats) -> dict[int, Fit]:
    """The fits the bootstrap draws from: each level's spread as estimated, 0 where negative,
    and scaled per reason so that the world's D² is the estimate's (0 where it is negative).
    Setting negative spreads to 0 alone would make the world's D² larger than the estimate
    (by the noise's positive part) and its draws noisier than the data."""
    positive = _weighted(fits, weights, _spread)
    wanted = np.maximum(_weighted(fits, weights, _moment), 0)
    scale = np.divide(wanted, positive, out=np.zeros_like(positive), where=positive > 0)
    return {
        row: replace(
            fit,
            levels={
                name: replace(level, tau2=level.tau2 * scale, moment=level.tau2 * scale)
                for name, level in fit.levels.items()
            },
        )
        for row, fit in fits.items()
    }


def _reflected(start: Floats, floor: Floats, drawn: Floats) -> Floats:
    """D² values the data are compatible with, one per run: ``start`` with the run's error
    taken off, as a ratio of D² + floor (the world's D² is ``start``, 0 when negative). The
    floor f is the lowest value D²'s estimate can take (each moment is (Q − df)/scale, Q ≥ 0):
    D² + f is the spread before the noise's expected share is taken off, a sum of squares whose
    errors grow with it, as a variance's do. On the log scale they are even; near 0, where f
    is large beside them, it is D²'s own scale."""
    truth = np.maximum(start, 0)
    # the draws stay well above −f (their own floors differ little); kept positive all the same
    ratio = (truth + floor) / np.maximum(drawn + floor, 1e-6 * floor)
    reflected: Floats = (start + floor) * ratio - floor
    return reflected


def _index(squared: Floats) -> Floats:
    """100 / (1 + max(0, D²))."""
    return 100 / (1 + np.maximum(squared, 0))


def _tangent_index(squared: Floats) -> Floats:
    """The index, continued past 100 along its tangent below D² = 0: 100·(1 − D²). For the
    overall's upper end: a reason whose D² falls below 0 by noise offsets one that falls above,
    so that with no difference at all the upper end reaches 100 as often as it should."""
    return np.where(squared < 0, 100 * (1 - squared), _index(squared))


def _holding(low: float, high: float, value: float) -> tuple[float, float]:
    """The interval within 0–100 and around the reported value (it always is in the
    simulations; this makes it a promise, to the last bit of a rounding error)."""
    low, high = float(np.clip(low, 0, 100)), float(np.clip(high, 0, 100))
    return min(low, float(value)), max(high, float(value))
