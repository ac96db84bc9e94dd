"""The consistency index: from each metric's spreads between channels, teams and agents to a
0–100 score per contact reason and overall, decomposed by source, with a bootstrap interval.

For a reason and a metric, D² = (τ²_channel + τ²_team + τ²_agent) / Δ², Δ the metric's material
difference: D is how far, in material differences, the treatment a customer gets typically
departs from the reason's average depending on who answers. The metric's consistency is
100 / (1 + D²) — 100 when nothing depends on who answers, 50 when the typical departure is one
material difference — and the points it loses are shared between the sources in proportion to
their τ². A reason's index is the mean of its metrics' consistencies, each family (outcomes,
audit, answers) weighing the same and each metric the same within its family; the overall index
is the reasons' indices weighted by their volumes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from unisono.consistency.cells import Cells
from unisono.consistency.metrics import FAMILIES, LEVELS, METRICS
from unisono.consistency.variance import Fit, estimate, simulate, structure

Floats = NDArray[Any]  # floating-point values


@dataclass(frozen=True)
class Scores:
    """Per metric (rows, in the order of METRICS) and reason (columns): the consistency (nan:
    not estimable), the points lost by each source; then the reasons' and overall index."""

    consistency: Floats  # (metrics, reasons)
    lost: dict[str, Floats]  # level -> (metrics, reasons)
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
    consistency = np.full(shape, np.nan)
    lost = {level: np.zeros(shape) for level in LEVELS}
    for row, fit in fits.items():
        spreads = np.stack([fit.levels[level].tau2 for level in LEVELS])
        estimable = ~np.isnan(spreads).all(axis=0)
        spreads = np.nan_to_num(spreads)
        total = spreads.sum(axis=0)
        value = 100 / (1 + total / METRICS[row].material ** 2)
        consistency[row] = np.where(estimable, value, np.nan)
        with np.errstate(divide="ignore", invalid="ignore"):
            shares = np.where(total > 0, spreads / np.where(total > 0, total, 1), 0)
        for position, level in enumerate(LEVELS):
            lost[level][row] = np.where(estimable, (100 - value) * shares[position], 0)
    weights = _weights(~np.isnan(consistency))
    reason_index = np.where(
        weights.sum(axis=0) > 0, (np.nan_to_num(consistency) * weights).sum(axis=0), np.nan
    )
    reason_lost = {level: (values * weights).sum(axis=0) for level, values in lost.items()}
    counted = ~np.isnan(reason_index) & (volume > 0)
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
    """95% percentile intervals of the index (overall and per reason) over bootstrap runs."""

    overall: tuple[float, float] | None
    reasons: Floats  # (reasons, 2), nan where the reason has no index
    runs: int


def bootstrap(
    fits: dict[int, Fit], volume: Floats, reasons: int, *, runs: int, seed: int
) -> Intervals:
    """The index recomputed on ``runs`` data sets drawn from the fitted model (every group's
    departure and every cell's sampling noise drawn again, the groups and their sizes kept)."""
    if runs <= 0 or not fits:
        return Intervals(None, np.full((reasons, 2), np.nan), 0)
    rng = np.random.default_rng(seed)
    overall, per_reason = [], []
    for _ in range(runs):
        drawn = {
            row: estimate(fit.structure, simulate(fit, rng), fit.sigma2)
            for row, fit in fits.items()
        }
        scores = score(drawn, volume, reasons)
        overall.append(np.nan if scores.overall is None else scores.overall)
        per_reason.append(scores.reason_index)
    values = np.array(overall)
    interval = None
    if not np.isnan(values).all():
        low, high = np.nanpercentile(values, [2.5, 97.5])
        interval = (float(low), float(high))
    table = np.array(per_reason)
    with np.errstate(all="ignore"):
        bounds = np.full((reasons, 2), np.nan)
        known = ~np.isnan(table).all(axis=0)
        if known.any():
            bounds[known] = np.nanpercentile(table[:, known], [2.5, 97.5], axis=0).T
    return Intervals(interval, bounds, runs)
