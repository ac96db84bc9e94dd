"""Every metric of PRODUCT.md for groups of interactions, from their facts, vectorised.

``compute(sample, groups, count)`` gives one dict per group in the contract's shape (`metrics
--json`), each rate with its n and 95% interval, and ``small_sample`` where n is too small to
compare. Scores and yes/no facts are counted as one histogram per group (a single ``bincount``
each); durations are read from values sorted once per sample.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from unisono.metrics import stats
from unisono.metrics.facts import Facts

MIN_N = 30  # below this many answers (or interactions), a figure is not compared or ranked
Groups = NDArray[np.int64]
Table = NDArray[np.int64]


class Sample:
    """The facts of the interactions to measure, with what is worth computing once for all
    the groupings of them (the durations sorted)."""

    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self.size = int(facts.size)
        self._columns: dict[str, NDArray[Any]] = {}
        self._sorted: dict[str, stats.SortedValues] = {}

    def column(self, name: str) -> NDArray[Any]:
        """One fact of every interaction, as a contiguous array (faster to count over than a
        field of the rows)."""
        if name not in self._columns:
            self._columns[name] = np.ascontiguousarray(self.facts[name])
        return self._columns[name]

    def durations(self, name: str) -> stats.SortedValues:
        """The values of the duration ``name``, sorted."""
        if name not in self._sorted:
            self._sorted[name] = stats.SortedValues(self.column(name))
        return self._sorted[name]


def compute(
    sample: Sample, groups: Groups, count: int, *, business_hours: bool = False, min_n: int = MIN_N
) -> list[dict[str, Any]]:
    """The metrics of each of ``count`` groups (``groups[i]``: the group of interaction i)."""
    suffix = "_bh" if business_hours else ""

    def histogram(name: str, size: int) -> Table:  # per group: how many of each value -1…size-2
        keys = groups * size + (sample.column(name) + 1)
        return np.bincount(keys, minlength=count * size).reshape(count, size)

    parts = {
        "nps": _nps(histogram("nps", 12)),
        "csat": _scores(histogram("csat", 7), satisfied=4),
        "ces": _ces(histogram("ces", 9)),
        "fcr": _rate(histogram("fcr", 3)),
        "repeat_contacts": _rate(histogram("first_contact", 3)[:, [0, 2, 1]]),
        "first_response_time": _durations(sample, f"first_response{suffix}", groups, count),
        "resolution_time": _durations(sample, f"resolution{suffix}", groups, count),
        "sla": _sla(histogram(f"sla_first_response{suffix}", 3),
                    histogram(f"sla_resolution{suffix}", 3)),
    }  # fmt: skip
    volume = np.bincount(groups, minlength=count)
    return [_group(int(volume[index]), parts, index, min_n) for index in range(count)]


def _group(volume: int, parts: dict[str, Any], index: int, min_n: int) -> dict[str, Any]:
    result: dict[str, Any] = {"volume": volume}
    for name, columns in parts.items():
        result[name] = {key: _plain(value[index]) for key, value in columns.items()}
        n = result[name].get("n")
        if n is not None:
            result[name]["small_sample"] = n < min_n
    result["small_sample"] = volume < min_n
    return result


def _plain(value: Any) -> Any:
    """A JSON value: None for NaN, int for counts, [low, high] for intervals."""
    if isinstance(value, tuple):
        return [_plain(part) for part in value]
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return None if np.isnan(value) else float(value)
    return value


def _nps(table: Table) -> dict[str, Any]:
    # columns: no answer, then scores 0…10
    n = table[:, 1:].sum(axis=1)
    promoters, detractors = table[:, 10:].sum(axis=1), table[:, 1:8].sum(axis=1)
    value, variance = stats.nps(promoters, detractors, n)
    half = stats.Z95 * np.sqrt(variance)
    return {"value": value, "ci95": _pairs(value - half, value + half), "n": n,
            "promoters": promoters, "detractors": detractors}  # fmt: skip


def _moments(table: Table) -> tuple[Table, NDArray[np.float64], NDArray[np.float64]]:
    """n, sum and sum of squares of the answers of a score histogram (column 0: none)."""
    scores = np.arange(table.shape[1] - 1, dtype=np.float64)
    answered = table[:, 1:]
    total = np.asarray(answered @ scores, dtype=np.float64)
    return answered.sum(axis=1), total, np.asarray(answered @ scores**2, dtype=np.float64)


def _scores(table: Table, *, satisfied: int) -> dict[str, Any]:
    n, total, squares = _moments(table)
    top = table[:, satisfied + 1 :].sum(axis=1)
    low, high = stats.wilson(top, n)
    mean, mean_low, mean_high = stats.mean_interval(total, squares, n)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = 100 * top / n
    return {"value": value, "ci95": _pairs(low, high), "mean": mean,
            "mean_ci95": _pairs(mean_low, mean_high), "n": n}  # fmt: skip


def _ces(table: Table) -> dict[str, Any]:
    n, total, squares = _moments(table)
    easy = table[:, 6:].sum(axis=1)
    mean, mean_low, mean_high = stats.mean_interval(total, squares, n)
    low, high = stats.wilson(easy, n)
    with np.errstate(divide="ignore", invalid="ignore"):
        pct_easy = 100 * easy / n
    return {"mean": mean, "mean_ci95": _pairs(mean_low, mean_high), "pct_easy": pct_easy,
            "pct_easy_ci95": _pairs(low, high), "n": n}  # fmt: skip


def _rate(table: Table) -> dict[str, Any]:
    """A share of yes where the question applies (columns: n/a, no, yes)."""
    n, yes = table[:, 1] + table[:, 2], table[:, 2]
    low, high = stats.wilson(yes, n)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = 100 * yes / n
    return {"value": value, "ci95": _pairs(low, high), "n": n}


def _durations(sample: Sample, name: str, groups: Groups, count: int) -> dict[str, Any]:
    n, (median, p90) = sample.durations(name).quantiles(groups, count, (0.5, 0.9))
    return {"median_s": median, "p90_s": p90, "n": n}


def _sla(first_response: Table, resolution: Table) -> dict[str, Any]:
    first, resolved = _rate(first_response), _rate(resolution)
    return {
        "first_response_met": first["value"], "first_response_ci95": first["ci95"],
        "first_response_n": first["n"], "resolution_met": resolved["value"],
        "resolution_ci95": resolved["ci95"], "resolution_n": resolved["n"],
    }  # fmt: skip


def _pairs(low: NDArray[np.float64], high: NDArray[np.float64]) -> list[tuple[Any, Any]]:
    return list(zip(low, high, strict=True))
