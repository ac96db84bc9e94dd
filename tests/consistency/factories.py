"""Cell tables for tests: an organisation of reasons, channels, teams and agents, every metric
drawn per interaction, with a departure planted where asked."""

from __future__ import annotations

import numpy as np

from unisono.consistency.cells import CellBuilder, Cells, Keys
from unisono.consistency.metrics import METRICS

CHANNELS = ["phone", "email", "chat"]
TEAMS = {0: 0, 1: 0, 2: 1, 3: 1, 4: 2}  # team -> channel
AGENTS = 4  # per team


def organisation(
    *,
    seed: int,
    per_cell: int,
    reasons: int = 3,
    shift: dict[tuple[str, str, int], float] | None = None,
) -> Cells:
    """``per_cell`` interactions per agent and reason; ``shift[(metric, level, code)]`` adds
    to the metric's values of the channel, team or agent ``code`` on reason 0."""
    rng = np.random.default_rng(seed)
    agent = np.repeat(np.arange(len(TEAMS) * AGENTS), per_cell)
    agent = np.tile(agent, reasons)
    reason = np.repeat(np.arange(reasons), len(TEAMS) * AGENTS * per_cell)
    team = agent // AGENTS
    channel = np.array([TEAMS[t] for t in team])
    keys = Keys(reason, channel, team, agent)
    builder = CellBuilder([f"r{r}" for r in range(reasons)], CHANNELS)
    builder.add_volume(keys)
    codes = {"channel": channel, "team": team, "agent": agent}
    for metric in METRICS:
        if metric.binary:
            values = 100.0 * (rng.random(reason.size) < 0.3)
        else:
            values = rng.normal(50.0, 15.0, reason.size)
        for (name, level, code), size in (shift or {}).items():
            if name == metric.id:
                inside = (reason == 0) & (codes[level] == code)
                if metric.binary:
                    values[inside] = 100.0 * (rng.random(int(inside.sum())) < 0.3 + size / 100)
                else:
                    values[inside] += size
        builder.add_values(metric.id, keys, values)
    return builder.build({t: f"team{t}" for t in TEAMS}, {a: f"agent{a}" for a in range(20)})
