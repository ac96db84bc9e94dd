"""Generated organisations for the consistency simulation study: contact reasons handled on three
channels by five teams of six agents, every metric drawn per interaction from a realistic
distribution, and — when asked — one divergence of known size planted in one group.

The generator feeds the same cell table (``unisono.consistency.cells``) as the database does,
so the study runs the index, the shrinkage, the tests and the correction exactly as
``unisono consistency`` runs them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from unisono.consistency.cells import CellBuilder, Cells, Keys
from unisono.consistency.metrics import BY_ID, METRICS

REASONS = 6
CHANNELS = ("phone", "email", "chat")
TEAMS = (("N1-A", 0), ("N1-B", 0), ("Mail-A", 1), ("Mail-B", 1), ("Chat", 2))  # name, channel
AGENTS_PER_TEAM = 6
ANSWERED = {"csat": 0.3, "nps": 0.2, "fcr": 0.9}  # share of interactions with a value
ANSWERS_PER_CELL = 30  # like the database path: replies compared per cell at most


@dataclass(frozen=True)
class Plant:
    """A divergence planted: ``effect`` material differences, in the worse direction, for one
    group of ``level`` (its channel, team and agent codes; -1 where the level does not use
    them) on one reason and one metric."""

    metric: str
    level: str
    reason: int
    channel: int
    team: int
    agent: int
    effect: float


@dataclass(frozen=True)
class Spread:
    """Random departures of every group (standard deviations in material differences), for
    datasets where the true index is known: 100 / (1 + Σ sd²) per metric and reason."""

    channel: float = 0.0
    team: float = 0.0
    agent: float = 0.0

    def true_index(self) -> float:
        """The index these spreads give (every metric, every reason alike)."""
        channels_too = 100 / (1 + self.channel**2 + self.team**2 + self.agent**2)
        within = 100 / (1 + self.team**2 + self.agent**2)
        by_metric = {m.id: channels_too if m.across_channels else within for m in METRICS}
        families: dict[str, list[float]] = {}
        for metric in METRICS:
            families.setdefault(metric.family, []).append(by_metric[metric.id])
        return float(np.mean([np.mean(values) for values in families.values()]))


@dataclass(frozen=True)
class Structure:
    """Who handles what: per agent its team and channel."""

    team_of_agent: NDArray[np.int64]
    channel_of_team: NDArray[np.int64]

    @classmethod
    def default(cls) -> Structure:
        """Five teams of six agents on three channels."""
        teams = np.repeat(np.arange(len(TEAMS)), AGENTS_PER_TEAM)
        return cls(teams, np.array([channel for _, channel in TEAMS]))


def organisation(
    rng: np.random.Generator,
    *,
    per_cell: float,
    plant: Plant | None = None,
    spread: Spread | None = None,
) -> Cells:
    """One period of interactions: about ``per_cell`` per agent and reason."""
    shape = Structure.default()
    agents = shape.team_of_agent.size
    reason = np.repeat(np.arange(REASONS), agents)
    agent = np.tile(np.arange(agents), REASONS)
    counts = rng.poisson(per_cell, reason.size)
    reason, agent = np.repeat(reason, counts), np.repeat(agent, counts)
    team = shape.team_of_agent[agent]
    channel = shape.channel_of_team[team]
    keys = Keys(reason, channel, team, agent)
    builder = CellBuilder([f"reason-{r}" for r in range(REASONS)], list(CHANNELS))
    builder.add_volume(keys)
    departures = _departures(rng, spread, keys)
    for metric in METRICS:
        shift = departures.get(metric.id, np.zeros(reason.size))
        if plant is not None and plant.metric == metric.id:
            shift = shift + _planted(plant, keys)
        values = _values(rng, metric.id, shift, common=spread is not None)
        if metric.family == "answers":
            values = _sampled(rng, values, keys)
        builder.add_values(metric.id, keys, values)
    names = {i: f"agent-{i:02d}" for i in range(agents)}
    return builder.build({i: name for i, (name, _) in enumerate(TEAMS)}, names)


def _planted(plant: Plant, keys: Keys) -> NDArray[np.float64]:
    """The planted shift, in material differences, for each interaction."""
    inside = (keys.reason == plant.reason) & (keys.channel == plant.channel)
    if plant.team >= 0:
        inside &= keys.team == plant.team
    if plant.agent >= 0:
        inside &= keys.agent == plant.agent
    return np.where(inside, plant.effect, 0.0)


def _departures(
    rng: np.random.Generator, spread: Spread | None, keys: Keys
) -> dict[str, NDArray[np.float64]]:
    """Random group departures (material differences) per metric and interaction."""
    if spread is None:
        return {}
    result = {}
    size = (REASONS * 64,)
    for metric in METRICS:
        channel = rng.normal(0, spread.channel, size) if metric.across_channels else np.zeros(size)
        team, agent = rng.normal(0, spread.team, size), rng.normal(0, spread.agent, size)
        result[metric.id] = (
            channel[keys.reason * 8 + keys.channel]
            + team[keys.reason * 8 + keys.team]
            + agent[keys.reason * 64 + keys.agent]
        )
    return result


def _values(
    rng: np.random.Generator, metric: str, shift: NDArray[np.float64], *, common: bool = False
) -> NDArray[np.float64]:
    """One value per interaction (nan: none), ``shift`` material differences worse. ``common``:
    for datasets whose true index is known — rates centred (rare events made common) and
    nothing clipped, so that a group's departure moves its mean by exactly that much (cut at
    0 % or 100 %, departures would be smaller than the spreads say, and the index higher)."""
    size = shift.size
    material = BY_ID[metric].material
    worse = -1.0 if BY_ID[metric].higher_is_better else 1.0
    moved = worse * shift * material
    limits = (-np.inf, np.inf) if common else (0.0, 100.0)
    if metric in ("csat", "fcr"):
        base = 0.5 if common else (0.8 if metric == "csat" else 0.85)
        values = 100.0 * (rng.random(size) < np.clip(base + moved / 100, 0.001, 0.999))
    elif metric == "nps":
        promoters, detractors = (0.4, 0.4) if common else (0.5, 0.2)
        promoter = np.clip(promoters + moved / 200, 0.01, 0.98)
        detractor = np.clip(detractors - moved / 200, 0.01, 0.98)
        draw = rng.random(size)
        values = np.where(draw < promoter, 100.0, np.where(draw > 1 - detractor, -100.0, 0.0))
    elif metric in ("escalations", "fact_contradictions"):
        base = 0.25 if common else (0.05 if metric == "escalations" else 0.02)
        values = 100.0 * (rng.random(size) < np.clip(base + moved / 100, 0.0, 0.999))
    elif metric == "resolution_time":
        values = rng.normal(np.log(4 * 3600), 1.2, size) + moved
    elif metric == "qa_score":
        failed = rng.random(size) < 0.08
        scored = np.clip(100 * rng.beta(8, 2, size) + moved, *limits)
        values = np.where(failed, moved if common else 0.0, scored)
    else:  # answer distances: 0–100 points
        mean = 40.0 if metric == "answer_distance" else 50.0
        values = np.clip(100 * rng.beta(4, 6, size) - 40 + mean + moved, *limits)
    if metric in ANSWERED:
        values = np.where(rng.random(size) < ANSWERED[metric], values, np.nan)
    return values


def _sampled(
    rng: np.random.Generator, values: NDArray[np.float64], keys: Keys
) -> NDArray[np.float64]:
    """At most ANSWERS_PER_CELL values per cell, the others left out (as the database path)."""
    cell = (keys.reason * 64 + keys.agent) * 4 + keys.channel
    order = np.lexsort((rng.random(cell.size), cell))
    ordered = cell[order]
    starts = np.r_[0, np.flatnonzero(np.diff(ordered)) + 1]
    rank = np.arange(cell.size) - np.repeat(starts, np.diff(np.r_[starts, cell.size]))
    keep = np.zeros(cell.size, dtype=bool)
    keep[order] = rank < ANSWERS_PER_CELL
    return np.where(keep, values, np.nan)


def random_plant(rng: np.random.Generator, level: str, metric: str, effect: float) -> Plant:
    """A divergence in a random group of ``level``."""
    shape = Structure.default()
    reason = int(rng.integers(REASONS))
    if level == "channel":
        channel = int(rng.integers(len(CHANNELS)))
        return Plant(metric, level, reason, channel, -1, -1, effect)
    if level == "team":  # a team with a sister team on its channel (else nothing to compare)
        team = int(rng.choice([t for t, (_, c) in enumerate(TEAMS) if c != 2]))
        return Plant(metric, level, reason, int(shape.channel_of_team[team]), team, -1, effect)
    agent = int(rng.integers(shape.team_of_agent.size))
    team = int(shape.team_of_agent[agent])
    return Plant(metric, level, reason, int(shape.channel_of_team[team]), team, agent, effect)
