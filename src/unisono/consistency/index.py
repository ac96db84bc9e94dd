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

from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from unisono.consistency.cells import Cells
from unisono.consistency.metrics import FAMILIES, LEVELS, METRICS
from unisono.consistency.variance import Fit, estimate, simulate, structure

Floats = NDArray[Any]  # floating-point values


@dataclass(frozen=True)
class Scores:
    """Per metric (rows, in the order of METRICS) and reason (columns): the consistency and
    each source's part of D²; then the reasons' index, the points each source makes them lose,
    and the overall index."""

    consistency: Floats  # (metrics, reasons): 100 / (1 + D²ₘ); nan: not estimable
    lost: dict[str, Floats]  # level -> (metrics, reasons): τ²/Δ², the source's part of D²ₘ
    weights: Floats  # (metrics, reasons): each metric's weight in its reason's index
    reason_index: Floats  # (reasons,)
    reason_lost: dict[str, Floats]  # level -> (reasons,)
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
    reason_squared = (np.nan_to_num(squared) * weights).sum(axis=0)
    has_index = weights.sum(axis=0) > 0
    reason_index = np.where(has_index, 100 / (1 + np.maximum(reason_squared, 0)), np.nan)
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
    return Scores(consistency, lost, weights, reason_index, reason_lost, overall, overall_lost)


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


def bootstrap(
    fits: dict[int, Fit], volume: Floats, reasons: int, *, runs: int, seed: int
) -> Intervals:
    """The index recomputed on ``runs`` data sets drawn from the fitted model (every group's
    departure drawn from N(0, τ²), every cell's sampling noise from N(0, σ²/n), the groups and
    their sizes kept), read as a basic (pivotal) bootstrap interval: the estimate's errors in
    the simulated world — whose true index is the one of the fitted τ², negative ones set to
    0 — are taken off the estimate, and the interval is kept within 0–100."""
    if runs <= 0 or not fits:
        return Intervals(None, np.full((reasons, 2), np.nan), 0)
    rng = np.random.default_rng(seed)
    estimated = score(fits, volume, reasons)
    world = score({row: _without_negatives(fit) for row, fit in fits.items()}, volume, reasons)
    overall, per_reason = [], []
    for _ in range(runs):
        drawn = {
            row: estimate(fit.structure, simulate(fit, rng), fit.sigma2)
            for row, fit in fits.items()
        }
        scores = score(drawn, volume, reasons)
        overall.append(np.nan if scores.overall is None else scores.overall)
        per_reason.append(scores.reason_index)
    interval = None
    if estimated.overall is not None and world.overall is not None:
        low, high = _pivot(np.array(overall)[:, None], estimated.overall, world.overall)[0]
        interval = (float(low), float(high))
    bounds = _pivot(np.array(per_reason), estimated.reason_index, world.reason_index)
    return Intervals(interval, bounds, runs)


def _without_negatives(fit: Fit) -> Fit:
    levels = {name: replace(level, moment=level.tau2) for name, level in fit.levels.items()}
    return replace(fit, levels=levels)


def _pivot(draws: Floats, estimate_: Floats | float, truth: Floats | float) -> Floats:
    """Per column of ``draws`` (runs × quantities): [θ̂ − (q97.5 − θ), θ̂ − (q2.5 − θ)] within
    0–100, θ the simulated world's true value; nan where there is no value."""
    result = np.full((draws.shape[1], 2), np.nan)
    known = ~np.isnan(draws).all(axis=0)
    if known.any():
        low, high = np.nanpercentile(draws[:, known], [2.5, 97.5], axis=0)
        centre = np.atleast_1d(estimate_)[known]
        world = np.atleast_1d(truth)[known]
        result[known, 0] = np.clip(centre - (high - world), 0, 100)
        result[known, 1] = np.clip(centre - (low - world), 0, 100)
    return result
