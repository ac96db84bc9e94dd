"""The consistency index's simulation study (see README.md here).

1. Detection: organisations with one divergence planted — in a channel, a team or an agent, on
   one contact reason and one metric, of 0.5, 1 or 2 material differences — with about 10, 30
   or 100 interactions per agent and reason. Detected: that group flagged for that metric at
   that level. Also counted: every other flag (false discoveries).
2. False alarms: organisations with nothing planted; a false alarm is a report flagging
   anything. The stated rate is the false discovery rate the reports use (5 %): with nothing
   to find, Benjamini–Hochberg keeps the chance of any flag at or below it.
3. The index's interval: organisations whose groups all depart at random with known spreads
   (so the true index is known), and the share of 95 % intervals that contain it.

Prints the tables; exits 1 when the false-alarm rate exceeds the stated rate.

Usage: python eval/consistency/evaluate.py [--runs N] [--null N] [--coverage N] [--seed S]
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections import Counter

import numpy as np
from simulate import Plant, Spread, organisation, random_plant

from unisono.consistency.cells import Cells
from unisono.consistency.divergences import FDR, Comparison, compare
from unisono.consistency.index import bootstrap, fit_all, score
from unisono.consistency.metrics import LEVELS, METRICS
from unisono.metrics.compute import MIN_N
from unisono.metrics.stats import Z95

EFFECTS = (0.5, 1.0, 2.0)
SIZES = (10, 30, 100)  # interactions per agent and reason, on average
BINS = ((0, 30), (30, 100), (100, 300), (300, 1000), (1000, 10**9))  # values in the group
SPREADS = (Spread(), Spread(0.2, 0.2, 0.3), Spread(0.4, 0.3, 0.6))
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


def coverage(rng: np.random.Generator, runs: int, spread: Spread) -> tuple[float, float, float]:
    """The share of intervals containing the true index, the mean index, the mean width."""
    truth = spread.true_index()
    covered, values, widths = 0, [], []
    for run in range(runs):
        cells = organisation(rng, per_cell=30, spread=spread)
        fits = fit_all(cells)
        volume = np.bincount(cells.reason, cells.volume).astype(np.float64)
        value = score(fits, volume, len(cells.reasons)).overall
        interval = bootstrap(fits, volume, len(cells.reasons), runs=200, seed=run).overall
        if value is None or interval is None:
            raise RuntimeError("an organisation without an index")
        covered += interval[0] <= truth <= interval[1]
        values.append(value)
        widths.append(interval[1] - interval[0])
    return covered / runs, float(np.mean(values)), float(np.mean(widths))


def wilson(successes: int, n: int) -> tuple[float, float]:
    """The 95% Wilson interval of a rate."""
    share, shrink = successes / n, 1 + Z95**2 / n
    centre = (share + Z95**2 / (2 * n)) / shrink
    half = Z95 * math.sqrt(share * (1 - share) / n + Z95**2 / (4 * n**2)) / shrink
    return centre - half, centre + half


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=60, help="organisations per cell of the grid")
    parser.add_argument("--null", type=int, default=600, help="organisations with nothing planted")
    parser.add_argument("--coverage", type=int, default=40, help="organisations per spread")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    started = time.perf_counter()

    table, flags = detection(rng, args.runs)
    print(
        f"Detection of one planted divergence ({len(METRICS)} metrics in turn; organisations of "
        "6 reasons, 3 channels, 5 teams, 30 agents, ~10, 30 or 100 interactions per agent and "
        f"reason, {args.runs} each): detected / planted, by the group's number of values"
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

    alarms, flags, comparisons = false_alarms(rng, args.null)
    rate = alarms / args.null
    low, high = wilson(alarms, args.null)
    print(
        f"\nFalse alarms with nothing planted: {alarms} of {args.null} reports flagged "
        f"anything — {rate:.1%} [95% interval {low:.1%}–{high:.1%}]; stated rate ≤ {FDR:.0%}"
    )
    print(
        f"  ({flags} flags among {comparisons:,} comparisons: {flags / max(comparisons, 1):.3%} "
        "per comparison)"
    )

    print("\nThe index's 95% interval (bootstrap, 200 runs; ~30 interactions per agent·reason)")
    head = f"{'true':>8}{'mean':>8}{'covered':>9}{'width':>8}"
    print(f"  {'spread sd (channel, team, agent)':<36}{head}")
    for spread in SPREADS:
        share, mean, width = coverage(rng, args.coverage, spread)
        label = f"{spread.channel:.1f}, {spread.team:.1f}, {spread.agent:.1f} ·Δ"
        print(f"  {label:<36}{spread.true_index():>8.1f}{mean:>8.1f}{share:>9.0%}{width:>8.1f}")
    print(f"\n{time.perf_counter() - started:.0f} s")
    if rate > FDR:
        print(
            f"FAILED: the false-alarm rate {rate:.1%} exceeds the stated {FDR:.0%}", file=sys.stderr
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
