"""Heat maps for the web app: contact reason × channel and contact reason × team, one cell per
pair with interactions, each metric's mean beside its empirical-Bayes estimate and the reason's
mean, the departure in material differences (positive: the customer is worse off there), and
the cell's consistency: 100 / (1 + mean over metrics of ((shrunk − reason) / Δ)²), the same
scale as the index (both sides of the reason's mean count). Small cells are shrunk toward their
reason and marked."""

from __future__ import annotations

from typing import Any

import numpy as np

from unisono.consistency.cells import Cells
from unisono.consistency.divergences import Comparison
from unisono.consistency.metrics import METRICS
from unisono.consistency.report import shown_value
from unisono.consistency.variance import Fit, Level, by_team, shrunk

DIMENSIONS = ("channel", "team")


def heatmap(
    dimension: str, cells: Cells, fits: dict[int, Fit], flagged: list[Comparison], min_n: int
) -> dict[str, Any]:
    """The reason × ``dimension`` map: rows, columns and the cells that have interactions."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"heat map by {dimension!r}: choose one of {', '.join(DIMENSIONS)}")
    names = cells.channels if dimension == "channel" else cells.teams
    column_codes = cells.channel if dimension == "channel" else cells.team
    known = column_codes >= 0
    volume: dict[tuple[int, int], int] = {}
    for reason, column, count in zip(
        cells.reason[known], column_codes[known], cells.volume[known], strict=True
    ):
        key = (int(reason), int(column))
        volume[key] = volume.get(key, 0) + int(count)
    entries: dict[tuple[int, int], dict[str, Any]] = {
        key: {
            "reason": cells.reasons[key[0]],
            dimension: names[key[1]],
            "volume": count,
            "small_sample": count < min_n,
            "metrics": {},
        }
        for key, count in volume.items()
    }
    for row, fit in fits.items():
        level = fit.levels["channel"] if dimension == "channel" else by_team(fit)
        _add_metric(entries, row, fit, level, dimension)
    for comparison in flagged:
        column = comparison.channel if dimension == "channel" else comparison.team
        entry = entries.get((comparison.reason, column))
        if entry is not None:
            entry["divergences"] = entry.get("divergences", 0) + 1
    for entry in entries.values():
        departures = [
            d for m in entry["metrics"].values() if (d := m.pop("_departure")) is not None
        ]
        entry["consistency"] = (
            round(100 / (1 + float(np.mean(np.square(departures)))), 1) if departures else None
        )
        entry.setdefault("divergences", 0)
    reasons = sorted(
        {k[0] for k in volume}, key=lambda r: -sum(v for k, v in volume.items() if k[0] == r)
    )
    columns = sorted({k[1] for k in volume})
    return {
        "rows": [cells.reasons[r] for r in reasons],
        "columns": [names[c] for c in columns],
        "cells": [
            entries[key] for key in sorted(entries, key=lambda k: (reasons.index(k[0]), k[1]))
        ],
    }


def _add_metric(
    entries: dict[tuple[int, int], dict[str, Any]],
    row: int,
    fit: Fit,
    level: Level,
    dimension: str,
) -> None:
    metric = METRICS[row]
    estimate, centre = shrunk(level)
    grouping = level.grouping
    codes = fit.structure.channel if dimension == "channel" else fit.structure.team
    for group in range(grouping.size):
        key = (int(grouping.reason[group]), int(codes[grouping.first[group]]))
        entry = entries.get(key)
        if entry is None:
            continue
        departure = float((estimate[group] - centre[group]) / metric.material)
        counted = dimension != "channel" or metric.across_channels
        entry["metrics"][metric.id] = {
            "value": shown_value(metric, float(level.mean[group])),
            "shrunk": shown_value(metric, float(estimate[group])),
            "reason_value": shown_value(metric, float(centre[group])),
            "n": int(level.n[group]),
            # in material differences, positive when the customer is worse off than on average
            "departure": round(-departure if metric.higher_is_better else departure, 3),
            "_departure": departure if counted else None,
        }
