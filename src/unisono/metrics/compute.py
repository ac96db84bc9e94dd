"""Every metric of PRODUCT.md for groups of interactions, from their facts, vectorised.

``compute(facts, groups, count)`` gives one dict per group in the contract's shape (`metrics
--json`), each rate with its n and 95% interval, and ``small_sample`` where n is too small to
compare."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from unisono.metrics import stats
from unisono.metrics.facts import Facts

MIN_N = 30  # below this many answers (or interactions), a figure is not compared or ranked
Groups = NDArray[np.int64]


def compute(
    facts: Facts, groups: Groups, count: int, *, business_hours: bool = False, min_n: int = MIN_N
) -> list[dict[str, Any]]:
    """The metrics of each of ``count`` groups (``groups[i]``: the group of interaction i)."""
    suffix = "_bh" if business_hours else ""
    parts = {
        "volume": np.bincount(groups, minlength=count),
        "nps": _nps(facts, groups, count),
        "csat": _csat(facts, groups, count),
        "ces": _ces(facts, groups, count),
        "fcr": _rate(facts["fcr"], groups, count),
        "repeat_contacts": _repeat(facts, groups, count),
        "first_response_time": _durations(facts[f"first_response{suffix}"], groups, count),
        "resolution_time": _durations(facts[f"resolution{suffix}"], groups, count),
        "sla": _sla(facts, groups, count, suffix),
    }
    return [_group(parts, index, min_n) for index in range(count)]


def _group(parts: dict[str, Any], index: int, min_n: int) -> dict[str, Any]:
    result: dict[str, Any] = {"volume": int(parts["volume"][index])}
    for name, columns in parts.items():
        if name == "volume":
            continue
        result[name] = {key: _plain(value[index]) for key, value in columns.items()}
        n = result[name].get("n")
        if n is not None:
            result[name]["small_sample"] = n < min_n
    result["small_sample"] = result["volume"] < min_n
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


def _count(mask: NDArray[np.bool_], groups: Groups, count: int) -> NDArray[np.int64]:
    return np.bincount(groups[mask], minlength=count).astype(np.int64)


def _sum(values: NDArray[Any], mask: NDArray[np.bool_], groups: Groups, count: int) -> Any:
    return np.bincount(groups[mask], weights=values[mask].astype(np.float64), minlength=count)


def _nps(facts: Facts, groups: Groups, count: int) -> dict[str, Any]:
    score = facts["nps"]
    n = _count(score >= 0, groups, count)
    promoters, detractors = (
        _count(score >= 9, groups, count),
        _count((score >= 0) & (score <= 6), groups, count),
    )
    value, variance = stats.nps(promoters, detractors, n)
    half = stats.Z95 * np.sqrt(variance)
    return {"value": value, "ci95": _pairs(value - half, value + half), "n": n,
            "promoters": promoters, "detractors": detractors}  # fmt: skip


def _csat(facts: Facts, groups: Groups, count: int) -> dict[str, Any]:
    score = facts["csat"]
    answered = score >= 0
    n, satisfied = _count(answered, groups, count), _count(score >= 4, groups, count)
    low, high = stats.wilson(satisfied, n)
    total = _sum(score, answered, groups, count)
    squares = _sum(score.astype(np.int64) ** 2, answered, groups, count)
    mean, mean_low, mean_high = stats.mean_interval(total, squares, n)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = 100 * satisfied / n
    return {"value": value, "ci95": _pairs(low, high), "mean": mean,
            "mean_ci95": _pairs(mean_low, mean_high), "n": n}  # fmt: skip


def _ces(facts: Facts, groups: Groups, count: int) -> dict[str, Any]:
    score = facts["ces"]
    answered = score >= 0
    n, easy = _count(answered, groups, count), _count(score >= 5, groups, count)
    total = _sum(score, answered, groups, count)
    squares = _sum(score.astype(np.int64) ** 2, answered, groups, count)
    mean, mean_low, mean_high = stats.mean_interval(total, squares, n)
    low, high = stats.wilson(easy, n)
    with np.errstate(divide="ignore", invalid="ignore"):
        pct_easy = 100 * easy / n
    return {"mean": mean, "mean_ci95": _pairs(mean_low, mean_high), "pct_easy": pct_easy,
            "pct_easy_ci95": _pairs(low, high), "n": n}  # fmt: skip


def _rate(flags: NDArray[np.int8], groups: Groups, count: int) -> dict[str, Any]:
    """A share of yes among the interactions where the question applies (flag 1/0; -1: n/a)."""
    n, yes = _count(flags >= 0, groups, count), _count(flags == 1, groups, count)
    low, high = stats.wilson(yes, n)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = 100 * yes / n
    return {"value": value, "ci95": _pairs(low, high), "n": n}


def _repeat(facts: Facts, groups: Groups, count: int) -> dict[str, Any]:
    # among interactions with a reason, those that follow one for the same reason in the window
    first = facts["first_contact"]
    flags = np.where(first >= 0, 1 - first, -1).astype(np.int8)
    return _rate(flags, groups, count)


def _durations(seconds: NDArray[np.int32], groups: Groups, count: int) -> dict[str, Any]:
    known = seconds >= 0
    n, (median, p90) = stats.grouped_quantiles(seconds[known], groups[known], count, (0.5, 0.9))
    return {"median_s": median, "p90_s": p90, "n": n}


def _sla(facts: Facts, groups: Groups, count: int, suffix: str) -> dict[str, Any]:
    first = _rate(facts[f"sla_first_response{suffix}"], groups, count)
    resolution = _rate(facts[f"sla_resolution{suffix}"], groups, count)
    return {
        "first_response_met": first["value"], "first_response_ci95": first["ci95"],
        "first_response_n": first["n"], "resolution_met": resolution["value"],
        "resolution_ci95": resolution["ci95"], "resolution_n": resolution["n"],
    }  # fmt: skip


def _pairs(low: NDArray[np.float64], high: NDArray[np.float64]) -> list[tuple[Any, Any]]:
    return list(zip(low, high, strict=True))
