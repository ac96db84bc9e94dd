"""The cell table the consistency index is computed from: for each contact reason × channel ×
team × agent seen in the period, how many values of each metric, their sum and their sum of
squares (sufficient statistics: every mean, variance and test below is computed from them).

Sources add rows (one per interaction, or one per aggregate that SQL already grouped), keyed by
reason and channel codes and the database ids of the team and the agent (-1: none);
``build`` groups them into cells in one pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from unisono.consistency.metrics import INDEX, METRICS

Ints = NDArray[Any]  # integer codes and counts
Floats = NDArray[Any]  # floating-point values
NONE = -1


@dataclass(frozen=True)
class Keys:
    """Which cell each row belongs to."""

    reason: Ints
    channel: Ints
    team: Ints  # database id, -1: none
    agent: Ints

    def __post_init__(self) -> None:
        sizes = {self.reason.size, self.channel.size, self.team.size, self.agent.size}
        if len(sizes) != 1:
            raise ValueError("keys of different lengths")

    @classmethod
    def of(cls, reason: object, channel: object, team: object, agent: object) -> Keys:
        """Keys from any integer sequences."""
        arrays = [np.asarray(part, dtype=np.int64) for part in (reason, channel, team, agent)]
        return cls(*arrays)

    def take(self, mask: NDArray[np.bool_]) -> Keys:
        """The rows where ``mask`` holds."""
        return Keys(self.reason[mask], self.channel[mask], self.team[mask], self.agent[mask])


@dataclass(frozen=True)
class Cells:
    """Per cell: its codes (team and agent codes index ``teams`` and ``agents``; -1: none) and,
    per metric (rows, in the order of ``METRICS``), n, sum and sum of squares."""

    reason: Ints
    channel: Ints
    team: Ints
    agent: Ints
    n: Floats
    total: Floats
    squares: Floats
    volume: Ints  # interactions of the cell
    reasons: list[str]
    channels: list[str]
    teams: list[str]
    agents: list[str]
    team_ids: Ints  # the database id of each team code
    agent_ids: Ints

    @property
    def size(self) -> int:
        """How many cells."""
        return int(self.reason.size)

    def only_reasons(self, prefix: str) -> Cells:
        """The cells of the reason ``prefix`` and its sub-reasons."""
        wanted = [name == prefix or name.startswith(prefix + ".") for name in self.reasons]
        keep = np.array(wanted, dtype=bool)[self.reason] if self.size else np.zeros(0, bool)
        return replace(
            self,
            reason=self.reason[keep],
            channel=self.channel[keep],
            team=self.team[keep],
            agent=self.agent[keep],
            n=self.n[:, keep],
            total=self.total[:, keep],
            squares=self.squares[:, keep],
            volume=self.volume[keep],
        )


@dataclass
class CellBuilder:
    """Collects rows from the sources, then groups them into cells."""

    reasons: list[str]
    channels: list[str]
    _keys: list[Keys] = field(default_factory=list)
    _metric: list[Ints] = field(default_factory=list)
    _stats: list[tuple[Floats, Floats, Floats]] = field(default_factory=list)

    def add(self, metric: str, keys: Keys, n: object, total: object, squares: object) -> None:
        """Aggregated rows: for each, how many values of ``metric``, their sum and squares."""
        self._keys.append(keys)
        self._metric.append(np.full(keys.reason.size, INDEX[metric], dtype=np.int64))
        as_float = [np.asarray(part, dtype=np.float64) for part in (n, total, squares)]
        self._stats.append((as_float[0], as_float[1], as_float[2]))

    def add_values(self, metric: str, keys: Keys, values: Floats) -> None:
        """One value of ``metric`` per row (``nan``: none)."""
        known = ~np.isnan(values)
        kept = values[known]
        self.add(metric, keys.take(known), np.ones(kept.size), kept, kept * kept)

    def add_volume(self, keys: Keys) -> None:
        """The interactions themselves (for the cells' volumes)."""
        self._keys.append(keys)
        self._metric.append(np.full(keys.reason.size, -1, dtype=np.int64))
        zero = np.zeros(keys.reason.size)
        self._stats.append((zero, zero, zero))

    def build(self, team_names: dict[int, str], agent_names: dict[int, str]) -> Cells:
        """The cells (those with a contact reason), with the names of their teams and agents."""
        if not self._keys:
            return _empty(self.reasons, self.channels)
        reason, channel, team, agent = (
            np.concatenate([getattr(k, name) for k in self._keys])
            for name in ("reason", "channel", "team", "agent")
        )
        metric = np.concatenate(self._metric)
        n, total, squares = (np.concatenate([s[i] for s in self._stats]) for i in range(3))
        keep = (reason >= 0) & (channel >= 0)
        team_ids, team_code = _codes(team[keep])
        agent_ids, agent_code = _codes(agent[keep])
        columns = [reason[keep], channel[keep], team_code, agent_code]
        _, first, cell = np.unique(combined(columns), return_index=True, return_inverse=True)
        cell = cell.ravel()
        unique = [column[first] for column in columns]
        size = first.size
        rows = metric[keep]
        measured = rows >= 0
        flat = rows[measured] * size + cell[measured]

        def per_metric(values: Floats) -> Floats:
            return np.bincount(flat, values[keep][measured], len(METRICS) * size).reshape(
                len(METRICS), size
            )

        volume = np.bincount(cell[~measured], minlength=size).astype(np.int64)
        return Cells(
            unique[0],
            unique[1],
            unique[2],
            unique[3],
            per_metric(n),
            per_metric(total),
            per_metric(squares),
            volume,
            list(self.reasons),
            list(self.channels),
            [team_names.get(int(i), str(i)) for i in team_ids],
            [agent_names.get(int(i), str(i)) for i in agent_ids],
            team_ids,
            agent_ids,
        )


def combined(keys: list[Ints]) -> Ints:
    """One int64 per row standing for its tuple of small integer keys (-1 allowed)."""
    code = np.zeros(keys[0].size, dtype=np.int64)
    for key in keys:
        shifted = key.astype(np.int64) + 1
        code = code * (int(shifted.max(initial=0)) + 1) + shifted
    return code


def _codes(ids: Ints) -> tuple[Ints, Ints]:
    """Compact codes for database ids (-1 stays -1), and the ids the codes stand for."""
    known = np.unique(ids[ids >= 0])
    codes = np.where(ids >= 0, np.searchsorted(known, ids), NONE)
    return known, codes.astype(np.int64)


def _empty(reasons: list[str], channels: list[str]) -> Cells:
    none = np.zeros(0, dtype=np.int64)
    stats = np.zeros((len(METRICS), 0))
    return Cells(
        none, none, none, none, stats, stats, stats, none, reasons, channels, [], [], none, none
    )
