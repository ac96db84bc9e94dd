"""The consistency index's simulation study (see README.md here).

1. Detection: organisations with one divergence planted — in a channel, a team or an agent, on
   one contact reason and one metric, of 0.5, 1 or 2 material differences — with about 10, 30
   or 100 interactions per agent and reason. Detected: that group flagged for that metric at
   that level. Also counted: every other flag (false discoveries).
2. False alarms: organisations with nothing planted; a false alarm is a report flagging
   anything. The stated rate is the false discovery rate the reports use (5 %): with nothing
   to find, Benjamini–Hochberg keeps the chance of any flag at or below it.
3. The index's interval: organisations whose groups all depart at random with known spreads
   (so the true index is known) — none at all (the boundary: a true index of 100) to large
   ones — and the share of 95 % intervals, overall and per reason, that contain it.

Prints the tables; exits 1 when the false-alarm rate exceeds the stated rate, when an interval
does not hold the index it is reported with, or when the intervals of a scenario hold the true
index significantly less often than 95 % (the upper end of their coverage's Wilson interval
below 95 %).

Usage: python eval/consistency/evaluate.py [--runs N] [--null N] [--coverage N] [--per-cell N]
       [--seed S]
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections import Counter
from dataclasses import dataclass

import numpy as np
from simulate import Plant, Spread, organisation, random_plant

from unisono.consistency.cells import Cells
from unisono.consistency.divergences import FDR, Comparison, compare
from unisono.consistency.index import bootstrap, fit_all, score
from unisono.consistency.metrics import LEVELS, METRICS
from unisono.consistency.service import BOOTSTRAP_RUNS
from unisono.metrics.compute import MIN_N
from unisono.metrics.stats import Z95

EFFECTS = (0.5, 1.0, 2.0)
SIZES = (10, 30, 100)  # interactions per agent and reason, on average
BINS = ((0, 30), (30, 100), (100, 300), (300, 1000), (1000, 10**9))  # values in the group
SPREADS = (
    Spread(),  # the boundary: nothing depends on who answers, the true index is 100
    Spread(0.1, 0.1, 0.1),
    Spread(0.2, 0.2, 0.3),
    Spread(0.4, 0.3, 0.6),
    Spread(0.6, 0.6, 0.9),
)
NOMINAL = 0.95
ORDER = {level: position for position, level in enumerate(LEVELS)}


def _same(c: Comparison, plant: Plant) -> bool:
    return METRICS[c.metric].id == plant.metric and c.reason == plant.reason


def is_plant(c: Comparison, plant: Plant) -> bool:
    """The planted group, flagged for the planted metric at its level."""
    return (
        _same(c, plant)
        and c.level == plant.level
        and (c.channel, c.team, c.agent) == (plant.channel, plant.team, plant.agent)
    )


def echoes(c: Comparison, plant: Plant) -> bool:
    """A comparison the plant moves without being it: at the plant's level or above, in a
    stratum that holds the planted group (as the group compared, or in the rest)."""
    if not _same(c, plant) or is_plant(c, plant) or ORDER[c.level] > ORDER[plant.level]:
        return False
    return {"channel": True, "team": c.channel == plant.channel, "agent": c.team == plant.team}[
        c.level
    ]


def group_size(cells: Cells, plant: Plant) -> int:
    """How many values of the planted metric the planted group has."""
    inside = (cells.reason == plant.reason) & (cells.channel == plant.channel)
    if plant.team >= 0:
        inside &= cells.team == plant.team
    if plant.agent >= 0:
        inside &= cells.agent == plant.agent
    return int(cells.n[[m.id for m in METRICS].index(plant.metric)][inside].sum())


def _bin(size: int) -> int:
    return next(index for index, (low, high) in enumerate(BINS) if low <= size < high)


def detection(
    rng: np.random.Generator, runs: int
) -> tuple[dict[tuple[str, float, int], list[int]], Counter[str]]:
    """Per level, effect and bin of group size: [detected, planted]; and the other flags,
    echoes of the plant or not."""
    table: dict[tuple[str, float, int], list[int]] = {}
    flags: Counter[str] = Counter()  # counts, and the sum of per-report proportions
    for level in LEVELS:
        metrics = [m.id for m in METRICS if level != "channel" or m.across_channels]
        for effect in EFFECTS:
            for size in SIZES:
                for run in range(runs):
                    plant = random_plant(rng, level, metrics[run % len(metrics)], effect)
                    cells = organisation(rng, per_cell=size, plant=plant)
                    found = compare(fit_all(cells), min_n=MIN_N)
                    entry = table.setdefault(
                        (level, effect, _bin(group_size(cells, plant))), [0, 0]
                    )
                    entry[0] += any(is_plant(c, plant) for c in found.flagged)
                    entry[1] += 1
                    unrelated = sum(
                        not is_plant(c, plant) and not echoes(c, plant) for c in found.flagged
                    )
                    flags["all"] += len(found.flagged)
                    flags["echo"] += sum(echoes(c, plant) for c in found.flagged)
                    flags["unrelated"] += unrelated
                    flags["reports"] += 1
                    # the false discovery proportion of this report (what BH controls on average)
                    flags["proportion"] += unrelated / max(len(found.flagged), 1)
    return table, flags


def false_alarms(rng: np.random.Generator, runs: int) -> tuple[int, int, int]:
    """Reports with a flag, flags, and comparisons, over ``runs`` null organisations."""
    alarms = flags = comparisons = 0
    for run in range(runs):
        found = compare(fit_all(organisation(rng, per_cell=SIZES[run % len(SIZES)])), min_n=MIN_N)
        alarms += bool(found.flagged)
        flags += len(found.flagged)
        comparisons += found.comparisons
    return alarms, flags, comparisons


@dataclass(frozen=True)
class Coverage:
    """How the 95% intervals of one scenario did: overall (one per organisation) and per
    reason, against the true index and the reported one."""

    organisations: int
    covered: int  # overall intervals holding the true index
    short: int  # ... ending below it (the others that miss start above it)
    reasons: int
    reasons_covered: int
    holding: int  # intervals (overall and per reason) holding the reported index
    mean: float  # mean overall index
    width: float  # mean width, overall
    reason_width: float


def coverage(rng: np.random.Generator, runs: int, spread: Spread, per_cell: float) -> Coverage:
    """The intervals of ``runs`` organisations with ``spread``, against the true index."""
    truth = spread.true_index()
    tally: Counter[str] = Counter()
    values, widths, reason_widths = [], [], []
    for run in range(runs):
        cells = organisation(rng, per_cell=per_cell, spread=spread)
        fits = fit_all(cells)
        volume = np.bincount(cells.reason, cells.volume).astype(np.float64)
        scores = score(fits, volume, len(cells.reasons))
        intervals = bootstrap(fits, volume, len(cells.reasons), runs=BOOTSTRAP_RUNS, seed=run)
        if scores.overall is None or intervals.overall is None:
            raise RuntimeError("an organisation without an index")
        low, high = intervals.overall
        tally["covered"] += low <= truth <= high
        tally["short"] += high < truth
        tally["holding"] += low <= scores.overall <= high
        known = ~np.isnan(scores.reason_index)
        lows, highs = intervals.reasons[known].T
        tally["reasons"] += int(known.sum())
        tally["reasons_covered"] += int(((lows <= truth) & (truth <= highs)).sum())
        reported = scores.reason_index[known]
        tally["holding"] += int(((lows <= reported) & (reported <= highs)).sum())
        values.append(scores.overall)
        widths.append(high - low)
        reason_widths.extend(highs - lows)
    return Coverage(
        runs,
        tally["covered"],
        tally["short"],
        tally["reasons"],
        tally["reasons_covered"],
        tally["holding"],
        float(np.mean(values)),
        float(np.mean(widths)),
        float(np.mean(reason_widths)),
    )


def wilson(successes: int, n: int) -> tuple[float, float]:
    """The 95% Wilson interval of a rate."""
    share, shrink = successes / n, 1 + Z95**2 / n
    centre = (share + Z95**2 / (2 * n)) / shrink
    half = Z95 * math.sqrt(share * (1 - share) / n + Z95**2 / (4 * n**2)) / shrink
    return centre - half, centre + half


def detection_report(rng: np.random.Generator, runs: int) -> None:
    """Prints the detection table and the other flags."""
    table, flags = detection(rng, runs)
    print(
        f"Detection of one planted divergence ({len(METRICS)} metrics in turn; organisations of "
        "6 reasons, 3 channels, 5 teams, 30 agents, ~10, 30 or 100 interactions per agent and "
        f"reason, {runs} each): detected / planted, by the group's number of values"
    )
    header = "".join(
        f"{f'{low}–{high - 1}' if high < 10**9 else f'{low}+':>14}" for low, high in BINS
    )
    for level in LEVELS:
        print(f"\n  {level:<8}{'effect':>8}{header}")
        for effect in EFFECTS:
            row = ""
            for index in range(len(BINS)):
                hit, total = table.get((level, effect, index), [0, 0])
                row += f"{f'{hit / total:.0%} ({total})' if total else '—':>14}"
            print(f"  {'':<8}{effect:>6.1f}·Δ{row}")
    print(
        f"\n  Groups with fewer than {MIN_N} values are never compared (first column: 0% by "
        "design)."
    )
    print(
        f"  Other flags: {flags['all']} flags in all, {flags['echo']} echoes of the plant (groups "
        f"whose comparison holds the planted group, as itself or in its rest), "
        f"{flags['unrelated']} unrelated; false discovery proportion per report, on average: "
        f"{flags['proportion'] / max(flags['reports'], 1):.1%} (the stated rate: {FDR:.0%})"
    )


def false_alarm_report(rng: np.random.Generator, runs: int) -> list[str]:
    """Prints the false-alarm rate; the failure, if it exceeds the stated rate."""
    alarms, flags, comparisons = false_alarms(rng, runs)
    rate = alarms / runs
    low, high = wilson(alarms, runs)
    print(
        f"\nFalse alarms with nothing planted: {alarms} of {runs} reports flagged "
        f"anything — {rate:.1%} [95% interval {low:.1%}–{high:.1%}]; stated rate ≤ {FDR:.0%}"
    )
    print(
        f"  ({flags} flags among {comparisons:,} comparisons: {flags / max(comparisons, 1):.3%} "
        "per comparison)"
    )
    return [f"the false-alarm rate {rate:.1%} exceeds the stated {FDR:.0%}"] if rate > FDR else []


def _share(successes: int, n: int) -> str:
    low, high = wilson(successes, n)
    return f"{successes / n:.1%} [{low:.1%}–{high:.1%}]"


def interval_report(rng: np.random.Generator, runs: int, per_cell: float) -> list[str]:
    """Prints how often the index's intervals hold the true index; the failures."""
    print(
        f"\nThe index's 95% interval ({BOOTSTRAP_RUNS} bootstrap runs; ~{per_cell:g} interactions "
        f"per agent·reason; {runs} organisations of 6 reasons per row): intervals holding the "
        "true index [95% interval of that share]"
    )
    print(
        f"  {'spread sd (channel, team, agent)':<34}{'true':>6}{'mean':>7}"
        f"{'overall':>22}{'misses ↑/↓':>12}{'width':>7}{'per reason':>22}{'width':>7}"
    )
    failures, holding, intervals = [], 0, 0
    for spread in SPREADS:
        c = coverage(rng, runs, spread, per_cell)
        missed = f"{c.short}/{c.organisations - c.covered - c.short}"
        label = f"{spread.channel:.1f}, {spread.team:.1f}, {spread.agent:.1f} ·Δ"
        print(
            f"  {label:<34}{spread.true_index():>6.1f}{c.mean:>7.1f}"
            f"{_share(c.covered, c.organisations):>22}{missed:>12}{c.width:>7.1f}"
            f"{_share(c.reasons_covered, c.reasons):>22}{c.reason_width:>7.1f}"
        )
        failures += _short_of_nominal(c, spread.true_index())
        holding += c.holding
        intervals += c.organisations + c.reasons
    print(
        f"  misses ↑/↓: the true index above the interval / below it. Intervals holding the "
        f"reported index: {holding} of {intervals}."
    )
    if holding < intervals:
        failures.append(f"{intervals - holding} intervals do not hold the reported index")
    return failures


def _short_of_nominal(c: Coverage, truth: float) -> list[str]:
    """A failure for each kind of interval (overall, per reason) whose coverage is
    significantly below the nominal 95%."""
    return [
        f"the intervals{what} hold the true index {truth:.1f} in {held / total:.1%} of cases, "
        f"significantly less than {NOMINAL:.0%}"
        for held, total, what in (
            (c.covered, c.organisations, ""),
            (c.reasons_covered, c.reasons, " per reason"),
        )
        if wilson(held, total)[1] < NOMINAL
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=60, help="organisations per cell of the grid")
    parser.add_argument("--null", type=int, default=600, help="organisations with nothing planted")
    parser.add_argument("--coverage", type=int, default=300, help="organisations per spread")
    parser.add_argument(
        "--per-cell", type=float, default=30, help="interactions per agent and reason (intervals)"
    )
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    started = time.perf_counter()
    detection_report(rng, args.runs)
    failures = false_alarm_report(rng, args.null)
    failures += interval_report(rng, args.coverage, args.per_cell)
    print(f"\n{time.perf_counter() - started:.0f} s")
    for failure in failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
