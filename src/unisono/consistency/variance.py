"""How much the treatment of one contact reason varies between channels, between teams within a
channel and between agents within a team: nested variance components, estimated per reason from
the cell table, for one metric at a time.

Agents are compared within their team on a channel, teams within their channel, channels within
the reason. At each level a group's mean is noisy: by sampling (σ²/n, σ² the variance within
cells) and, above the agents, by the spread of the levels below (a channel's mean moves with its
teams' and agents' own departures). The spread between the groups of a level, τ², is the
DerSimonian–Laird moment estimate pooled over the strata of that level, with those variances:

    Q = Σ w·(ȳ − ȳ_stratum)²,  w = 1/v,  τ² = max(0, (Q − df) / Σ_strata (Σw − Σw²/Σw))

so that groups with few cases count little; a level with nothing to compare is "not estimable"
(nan). The grouping is computed once per metric (:class:`Structure`), so that simulations of the
fitted model (the bootstrap) only redo the arithmetic — on many simulated data sets at once: the
cells' means may carry a leading axis (one row per data set), and so do the estimates then.
docs/consistency.md has the derivation.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from unisono.consistency.cells import Cells, combined
from unisono.consistency.metrics import LEVELS, METRICS

Ints = NDArray[Any]  # integer codes and counts
Floats = NDArray[Any]  # floating-point values
TINY = 1e-12
FLOOR = 0.1  # a group's variance stays at least this share of its sampling variance


@dataclass(frozen=True)
class Grouping:
    """The groups of one level: each cell's group (-1: not in this level), and per group its
    stratum (the groups it is compared with), its reason and one of its cells."""

    cell_group: Ints
    stratum: Ints
    reason: Ints
    first: Ints

    @property
    def size(self) -> int:
        """How many groups."""
        return int(self.reason.size)


@dataclass(frozen=True)
class Structure:
    """One metric's cells (those with values) and their groups at each level."""

    reason: Ints
    channel: Ints
    team: Ints
    agent: Ints
    n: Floats
    reasons: int  # how many reasons there are (the length of per-reason arrays)
    levels: dict[str, Grouping]
    across_channels: bool  # whether channels are compared (see Metric.across_channels)


@dataclass(frozen=True)
class Level:
    """The groups of one level, and the spread between them per reason."""

    grouping: Grouping
    n: Floats
    mean: Floats
    v: Floats  # variance of the mean without this level's own spread (the null hypothesis)
    tau2: Floats  # per reason, at least 0; nan: no stratum with two groups to compare
    moment: Floats  # the same before it is set to 0 when negative: (Q − df) / scale
    floor: Floats  # df / scale: how far below 0 the moment can go (Q ≥ 0); its noise's scale


@dataclass(frozen=True)
class Fit:
    """One metric's variance components: σ² per reason, and each level."""

    structure: Structure
    mean: Floats  # each cell's mean
    sigma2: Floats
    levels: dict[str, Level]


def structure(cells: Cells, metric: int) -> tuple[Structure, Floats, Floats]:
    """The grouping of one metric's cells (``metric``: its row in the cell table), with the
    cells' means and σ² per reason."""
    n = cells.n[metric]
    present = n > 0
    n = n[present]
    mean = cells.total[metric][present] / n
    reason, channel = cells.reason[present], cells.channel[present]
    team, agent = cells.team[present], cells.agent[present]
    count = len(cells.reasons)
    sigma2 = _within(reason, n, mean, cells.squares[metric][present], count)
    has_agent, has_team = (agent >= 0) & (team >= 0), team >= 0
    everyone = np.ones(reason.size, dtype=bool)
    levels = {
        "agent": _grouping((reason, channel, team, agent), has_agent, (reason, channel, team)),
        "team": _grouping((reason, channel, team), has_team, (reason, channel)),
        "channel": _grouping((reason, channel), everyone, (reason,)),
    }
    across = METRICS[metric].across_channels
    return Structure(reason, channel, team, agent, n, count, levels, across), mean, sigma2


def _within(reason: Ints, n: Floats, mean: Floats, squares: Floats, count: int) -> Floats:
    """σ² per reason: the pooled variance within cells; where no cell has two values, the
    variance of all the reason's values (larger: it makes the spread between groups smaller)."""
    residual = np.maximum(squares - n * mean**2, 0)
    pooled = _ratio(np.bincount(reason, residual, count), np.bincount(reason, n - 1, count))
    total = np.bincount(reason, n, count)
    overall = _ratio(np.bincount(reason, n * mean, count), total)
    spread = _ratio(np.bincount(reason, squares, count), total) - overall**2
    spread = np.maximum(spread * _ratio(total, total - 1), 0)
    return np.where(np.isnan(pooled), spread, pooled)


def _grouping(
    keys: tuple[Ints, ...], members: NDArray[np.bool_], strata: tuple[Ints, ...]
) -> Grouping:
    cell_group = _group_index(keys, members)
    index = cell_group[members]
    size = int(index.max()) + 1 if index.size else 0
    first = np.zeros(size, dtype=np.int64)
    first[index[::-1]] = np.flatnonzero(members)[::-1]  # one cell of each group
    stratum_keys = tuple(key[first] for key in strata)
    stratum = _group_index(stratum_keys, np.ones(size, dtype=bool))
    return Grouping(cell_group, stratum, stratum_keys[0], first)


def _group_index(keys: tuple[Ints, ...], members: NDArray[np.bool_]) -> Ints:
    """A group number for each member (by its keys), -1 for the others."""
    result = np.full(members.size, -1, dtype=np.int64)
    if members.any():
        _, index = np.unique(combined([key[members] for key in keys]), return_inverse=True)
        result[members] = index.ravel()
    return result


def estimate(shape: Structure, mean: Floats, sigma2: Floats) -> Fit:
    """The components from the cells' means (one row of means per simulated data set, or one
    data set): agents first, then teams (their means move with their agents' spread), then
    channels (with their teams' and agents').

    Each cell adds to n²·v of the groups it is in: its sampling part (n²·σ²/n = n·σ²), then the
    spread of each level below the group's (a group's n_g²·τ² spread over its cells: n·n_g·τ²).
    The spreads below are added twice over: as estimated without bias (negative moments
    included: set to 0, they would make the groups above look noisier than they are and their
    own spread smaller), for the estimates; and set to 0 when negative, for the tests, which
    should rather err on the side of caution."""
    n, reason = shape.n, shape.reason
    sampling = np.nan_to_num(sigma2[reason]) * n
    cautious, unbiased = sampling, sampling
    levels: dict[str, Level] = {}
    for name in reversed(LEVELS):  # agent, team, channel
        grouping = shape.levels[name]
        level = _level(grouping, n, mean, (sampling, unbiased, cautious), shape.reasons)
        if name == "channel" and not shape.across_channels:
            none = np.full(level.moment.shape, np.nan)
            level = replace(level, tau2=none, moment=none, floor=none)
        levels[name] = level
        members = grouping.cell_group >= 0
        group_n = np.where(members, level.n[np.maximum(grouping.cell_group, 0)], 0)
        unbiased = unbiased + n * group_n * _zero(level.moment)[..., reason]
        cautious = cautious + n * group_n * _zero(level.tau2)[..., reason]
    return Fit(shape, mean, sigma2, levels)


def _level(
    grouping: Grouping, n: Floats, mean: Floats, parts: tuple[Floats, Floats, Floats], count: int
) -> Level:
    members = grouping.cell_group >= 0
    index = grouping.cell_group[members]
    size = grouping.size

    def per_group(values: Floats) -> Floats:
        return _sums(index, values[..., members], size)

    group_n = per_group(n)
    group_mean = _ratio(per_group(n * mean), group_n)
    sampling, unbiased, cautious = (_ratio(per_group(part), group_n**2) for part in parts)
    # a very negative spread below must not make a group's variance vanish
    estimated = np.maximum(unbiased, np.maximum(sampling * FLOOR, TINY))
    moment, floor = _dersimonian_laird(
        group_mean, estimated, grouping.stratum, grouping.reason, count
    )
    v = np.maximum(cautious, TINY)
    return Level(grouping, group_n, group_mean, v, np.maximum(moment, 0.0), moment, floor)


def _dersimonian_laird(
    mean: Floats, v: Floats, stratum: Ints, reason: Ints, count: int
) -> tuple[Floats, Floats]:
    """τ² per reason from the groups' means and variances, pooled over the reason's strata, as
    the moment estimate (Q − df) / scale: unbiased, and so negative when the groups differ less
    than their noise alone would make them; and df / scale, the lowest value it can take."""
    if mean.shape[-1] == 0:
        none = np.full((*mean.shape[:-1], count), np.nan)
        return none, none
    strata = int(stratum.max()) + 1
    w = 1 / v
    total_w = _sums(stratum, w, strata)
    centre = _sums(stratum, w * mean, strata) / total_w
    q = _sums(reason, w * (mean - centre[..., stratum]) ** 2, count)
    groups = np.bincount(stratum, minlength=strata)
    stratum_reason = np.zeros(strata, dtype=np.int64)
    stratum_reason[stratum] = reason
    df = np.bincount(stratum_reason, groups - 1, count)
    within = total_w - _sums(stratum, w * w, strata) / total_w
    scale = _sums(stratum_reason, within, count)
    known = (df > 0) & (scale > 0)
    moment = _ratio(np.where(known, q - df, np.nan), scale)
    return moment, _ratio(np.where(known, df, np.nan), scale)


def simulate(fit: Fit, rng: np.random.Generator, runs: int) -> Floats:
    """``runs`` data sets of cell means (one per row) drawn from the fitted model: each group's
    departure from N(0, τ²) at every level, plus each cell's sampling noise N(0, σ²/n)."""
    shape = fit.structure
    reason = shape.reason
    noise = np.sqrt(np.nan_to_num(fit.sigma2[reason]) / shape.n)
    means = rng.normal(0.0, 1.0, (runs, reason.size)) * noise
    for name, level in fit.levels.items():
        grouping = shape.levels[name]
        spread = np.sqrt(_zero(level.tau2)[grouping.reason])
        departures = rng.normal(0.0, 1.0, (runs, grouping.size)) * spread
        members = grouping.cell_group >= 0
        means[:, members] += departures[:, grouping.cell_group[members]]
    return means


def shrunk(level: Level) -> tuple[Floats, Floats]:
    """Each group's empirical-Bayes mean (its mean pulled toward its stratum's, the more so the
    noisier it is: B = τ²/(τ² + v)) and its stratum's precision-weighted mean."""
    if level.n.size == 0:
        return level.mean, level.mean
    grouping = level.grouping
    tau2 = _zero(level.tau2)[grouping.reason]
    w = 1 / (tau2 + level.v)
    strata = int(grouping.stratum.max()) + 1
    centre = (
        np.bincount(grouping.stratum, w * level.mean, strata)
        / np.bincount(grouping.stratum, w, strata)
    )[grouping.stratum]
    weight = tau2 / (tau2 + level.v)
    return centre + weight * (level.mean - centre), centre


def _sums(index: Ints, values: Floats, size: int) -> Floats:
    """``np.bincount(index, values, size)`` along the last axis, for every row at once."""
    if values.ndim == 1:
        return np.bincount(index, values, size)
    rows = values.shape[0]
    shifted = (index + size * np.arange(rows)[:, None]).ravel()
    return np.bincount(shifted, values.ravel(), rows * size).reshape(rows, size)


def _ratio(a: Floats, b: Floats) -> Floats:
    with np.errstate(divide="ignore", invalid="ignore"):
        result: Floats = np.where(b > 0, a / np.where(b > 0, b, 1), np.nan)
    return result


def _zero(values: Floats) -> Floats:
    return np.nan_to_num(values, nan=0.0)


def by_team(fit: Fit) -> Level:
    """Each team's treatment of each reason over all its channels, compared with the reason's
    other teams (for the heat map: reason × team); a team's mean moves with its agents'
    spread."""
    shape = fit.structure
    has_team = shape.team >= 0
    grouping = _grouping((shape.reason, shape.team), has_team, (shape.reason,))
    agents = fit.levels["agent"]
    sampling = np.nan_to_num(fit.sigma2[shape.reason]) * shape.n
    has_agent = shape.levels["agent"].cell_group >= 0
    lower = (agents.moment, agents.tau2)
    unbiased, cautious = (
        sampling + np.where(has_agent, shape.n**2 * _zero(tau2)[shape.reason], 0) for tau2 in lower
    )
    return _level(grouping, shape.n, fit.mean, (sampling, unbiased, cautious), shape.reasons)
