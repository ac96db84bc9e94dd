"""Where the cell table's numbers come from: the metrics' daily rollups for the outcomes (one
value per interaction, as numpy columns), and SQL aggregates grouped by reason, channel, team
and agent for the audit results and escalations. Nothing here reads interactions one by one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import BigInteger, Connection, Select, case, exists, func, select, type_coerce

from unisono.audit import models as audit
from unisono.consistency.cells import CellBuilder, Keys
from unisono.interactions import models as hub
from unisono.metrics.facts import Facts

PERCENT = 100.0
RESOLUTION_OFFSET_S = 60  # resolution time is compared as log(seconds + 60): 0 s stays finite


@dataclass(frozen=True)
class Window:
    """The period in epoch seconds, and the FCR window (how soon a next contact counts)."""

    low: int
    high: int
    fcr_window_s: int


def add_outcomes(builder: CellBuilder, facts: Facts) -> None:
    """CSAT, NPS, FCR and resolution time of every interaction of the period, and volumes."""
    keys = Keys.of(facts["reason"], facts["channel"], facts["team"], facts["agent"])
    builder.add_volume(keys)
    csat = facts["csat"].astype(np.float64)
    builder.add_values("csat", keys, np.where(csat >= 1, PERCENT * (csat >= 4), np.nan))
    nps = facts["nps"].astype(np.float64)
    promoter = np.where(nps >= 9, PERCENT, np.where(nps <= 6, -PERCENT, 0.0))
    builder.add_values("nps", keys, np.where(nps >= 0, promoter, np.nan))
    fcr = facts["fcr"].astype(np.float64)
    builder.add_values("fcr", keys, np.where(fcr >= 0, PERCENT * fcr, np.nan))
    seconds = facts["resolution"].astype(np.float64)
    logged = np.log(np.maximum(seconds, 0) + RESOLUTION_OFFSET_S)
    builder.add_values("resolution_time", keys, np.where(seconds >= 0, logged, np.nan))


def opened_seconds() -> Any:
    """The opening time as stored: epoch seconds."""
    return type_coerce(hub.Interaction.opened_at, BigInteger)


def _cell_columns() -> tuple[Any, ...]:
    interaction = hub.Interaction
    return interaction.reason_id, interaction.channel_id, interaction.team_id, interaction.agent_id


def add_audit(builder: CellBuilder, connection: Connection, window: Window) -> None:
    """QA scores, and the share of analysed interactions with a fact contradicting the bible."""
    interaction, score = hub.Interaction, audit.QaScore
    opened = opened_seconds()
    in_period = (opened >= window.low, opened < window.high, interaction.reason_id.is_not(None))
    qa = (
        select(
            *_cell_columns(),
            func.count(score.score),
            func.sum(score.score),
            func.sum(score.score * score.score),
        )
        .join(score, score.interaction_id == interaction.id)
        .where(score.score.is_not(None), *in_period)
        .group_by(*_cell_columns())
    )
    _add_rows(builder, "qa_score", connection.execute(qa).all())
    contradicted = exists().where(
        audit.Finding.interaction_id == interaction.id, audit.Finding.kind == "fact_contradiction"
    )
    flag = func.sum(case((contradicted, PERCENT), else_=0.0))
    facts = (
        select(*_cell_columns(), func.count(), flag, flag * PERCENT)
        .join(audit.Analysis, audit.Analysis.interaction_id == interaction.id)
        .where(*in_period)
        .group_by(*_cell_columns())
    )
    _add_rows(builder, "fact_contradictions", connection.execute(facts).all())


def following_query(window: Window) -> Select[*tuple[Any, ...]]:
    """Each interaction of the period (with a team) and what followed it: ``repeated`` (100 when
    the customer came back about the same reason within the FCR window) and ``escalated`` (100
    when that next contact was handled by another team)."""
    interaction = hub.Interaction
    opened = opened_seconds()
    order: dict[str, Any] = {
        "partition_by": (interaction.customer_id, interaction.reason_id),
        "order_by": (opened, interaction.id),
    }
    following = (
        select(
            interaction.id,
            *_cell_columns(),
            opened.label("opened"),
            func.lead(interaction.team_id).over(**order).label("next_team"),
            func.lead(opened).over(**order).label("next_opened"),
        )
        .where(interaction.reason_id.is_not(None), opened >= window.low)
        .where(opened < window.high + window.fcr_window_s)
        .subquery()
    )
    soon = following.c.next_opened - following.c.opened <= window.fcr_window_s
    elsewhere = soon & (following.c.next_team != following.c.team_id)
    return select(
        following,
        case((soon, PERCENT), else_=0.0).label("repeated"),
        case((elsewhere, PERCENT), else_=0.0).label("escalated"),
    ).where(following.c.opened < window.high, following.c.team_id.is_not(None))


def add_escalations(builder: CellBuilder, connection: Connection, window: Window) -> None:
    """The share of interactions escalated, per cell."""
    rows = following_query(window).subquery()
    columns = (rows.c.reason_id, rows.c.channel_id, rows.c.team_id, rows.c.agent_id)
    query = select(
        *columns, func.count(), func.sum(rows.c.escalated), func.sum(rows.c.escalated) * PERCENT
    ).group_by(*columns)
    _add_rows(builder, "escalations", connection.execute(query).all())


def _add_rows(builder: CellBuilder, metric: str, rows: Sequence[Any]) -> None:
    """Aggregates ``(reason, channel, team, agent, n, sum, squares)`` keyed by names and ids."""
    if not rows:
        return
    reasons = {name: code for code, name in enumerate(builder.reasons)}
    channels = {name: code for code, name in enumerate(builder.channels)}
    reason, channel, team, agent, n, total, squares = zip(*rows, strict=True)
    keys = Keys.of(
        [reasons.get(r, -1) for r in reason],
        [channels.get(c, -1) for c in channel],
        [-1 if t is None else t for t in team],
        [-1 if a is None else a for a in agent],
    )
    numbers = [np.array(part, dtype=np.float64) for part in (n, total, squares)]
    builder.add(metric, keys, *numbers)


def people(connection: Connection) -> tuple[dict[int, str], dict[int, str]]:
    """Team names and agent logins by id."""
    teams = dict(connection.execute(select(hub.Team.id, hub.Team.name)).all())
    agents = dict(connection.execute(select(hub.Agent.id, hub.Agent.external_id)).all())
    return teams, agents
