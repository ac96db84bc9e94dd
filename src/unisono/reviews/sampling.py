"""Which interactions auditors review: a fair sample — the same quota for every agent, spread
over their channels and contact reasons in proportion to their work — and spotlights.

Per agent, the interactions not reviewed yet are laid out stratum by stratum (channel ×
reason, strata in random order) and ``quota`` of them are taken at regular steps from a random
start (systematic sampling): each stratum gets its proportional share, rounded up or down at
random, so that over months every reason and channel an agent handles gets reviewed. An agent
with fewer interactions than the quota has them all reviewed. Spotlight picks come on top,
spread over agents (round robin), never twice the same interaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import BigInteger, exists, func, select, type_coerce
from sqlalchemy.orm import Session

from unisono.core.clock import today, utcnow
from unisono.interactions import models as hub
from unisono.metrics import rollups
from unisono.metrics.calendar import day_number, day_of
from unisono.reviews.models import Review
from unisono.reviews.service import check_login, start_review
from unisono.reviews.spotlights import Bounds, spotlight

DEFAULT_DAYS = 30
STRATIFIED = "stratified"


@dataclass(frozen=True)
class SampleRequest:
    """What to sample (default period: the last 30 days with interactions)."""

    since: dt.date | None = None
    until: dt.date | None = None
    per_agent: int = 5
    spotlights: tuple[str, ...] = ()
    per_spotlight: int = 10
    seed: int | None = None


@dataclass(frozen=True)
class Pick:
    """An interaction to review, and why."""

    interaction_id: str
    agent: str
    team: str | None
    channel: str
    reason: str | None
    why: str  # "stratified" or "spotlight:<name>"


def period_bounds(
    session: Session, since: dt.date | None, until: dt.date | None
) -> tuple[dt.date, dt.date, Bounds]:
    """The period's first and last day, and its bounds in the bible's time zone."""
    context = rollups.context(session.connection())
    if context is None:
        raise ValueError("no bible loaded yet: run `unisono bible load PATH` first")
    calendar = context.calendar
    if until is None:
        latest = session.scalar(
            select(func.max(type_coerce(hub.Interaction.opened_at, BigInteger)))
        )
        found = np.array([latest], dtype=np.int64) if latest is not None else None
        last = int(calendar.days_of(found)[0]) if found is not None else day_number(today())
    else:
        last = day_number(until)
    first = day_number(since) if since else last - DEFAULT_DAYS + 1
    if first > last:
        raise ValueError(f"the period starts ({day_of(first)}) after it ends ({day_of(last)})")
    return (
        day_of(first),
        day_of(last),
        Bounds(calendar.midnight(first), calendar.midnight(last + 1)),
    )


def draw(
    *,
    session: Session,
    request: SampleRequest,
    assign_to: str | None = None,
    now: dt.datetime | None = None,
) -> dict[str, Any]:
    """The sample: picks, and how the period and the agents were covered; with
    ``assign_to``, a draft review of each pick for that auditor."""
    if request.per_agent < 0 or request.per_spotlight < 0:
        raise ValueError("quotas cannot be negative")
    chosen = [spotlight(name) for name in request.spotlights]  # unknown names fail first
    if assign_to is not None:
        assign_to = check_login(assign_to, "auditor")
    first, last, bounds = period_bounds(session, request.since, request.until)
    rng = np.random.default_rng(request.seed)
    everything = _candidates(session, bounds, None)
    picked = _stratified(everything, request.per_agent, rng)
    taken = {row[0] for row in picked}
    picks = [_pick(row, STRATIFIED) for row in picked]
    for found in chosen:
        rows = [
            row for row in _candidates(session, bounds, found.query(bounds)) if row[0] not in taken
        ]
        for row in _round_robin(rows, request.per_spotlight, rng):
            taken.add(row[0])
            picks.append(_pick(row, f"spotlight:{found.name}"))
    reviews = []
    if assign_to is not None:
        moment = now or utcnow()
        for pick in picks:
            review = start_review(
                session=session,
                interaction=pick.interaction_id,
                auditor=assign_to,
                now=moment,
                sample=pick.why,
            )
            reviews.append(review.id)
    return {
        "period": {"since": first, "until": last},
        "per_agent": request.per_agent,
        "agents": len({row[2] for row in everything}),
        "picks": [pick.__dict__ for pick in picks],
        "assigned_to": assign_to,
        "reviews": reviews,
    }


def _candidates(session: Session, bounds: Bounds, only: Any) -> list[tuple[Any, ...]]:
    """(row id, external id, agent, team, channel, reason) of the period's interactions with
    an agent that no auditor has evaluated yet."""
    interaction = hub.Interaction
    opened = type_coerce(interaction.opened_at, BigInteger)
    reviewed = exists().where(
        Review.interaction_id == interaction.id, Review.purpose == "evaluation"
    )
    query = (
        select(
            interaction.id,
            interaction.external_id,
            hub.Agent.external_id,
            hub.Team.name,
            interaction.channel_id,
            interaction.reason_id,
        )
        .join(hub.Agent, hub.Agent.id == interaction.agent_id)
        .outerjoin(hub.Team, hub.Team.id == interaction.team_id)
        .where(opened >= bounds.low, opened < bounds.high, ~reviewed)
        .order_by(interaction.id)
    )
    if only is not None:
        query = query.where(interaction.id.in_(only))
    return [tuple(row) for row in session.execute(query)]


def _codes(values: list[Any]) -> NDArray[np.int64]:
    _, codes = np.unique(np.array([str(v) for v in values], dtype=object), return_inverse=True)
    return codes.astype(np.int64).ravel()


def _stratified(
    rows: list[tuple[Any, ...]], quota: int, rng: np.random.Generator
) -> list[tuple[Any, ...]]:
    """Systematic sampling of ``quota`` interactions per agent over their strata."""
    if not rows or quota == 0:
        return []
    agent = _codes([row[2] for row in rows])
    stratum = _codes([f"{row[4]}|{row[5]}" for row in rows])
    shuffled = rng.permutation(int(stratum.max()) + 1)  # strata in random order
    order = np.lexsort((rng.random(len(rows)), shuffled[stratum], agent))
    ordered = agent[order]
    position, size = _ranks(ordered)
    sizes = np.bincount(ordered)
    take = np.minimum(quota, size)
    start = rng.random(sizes.size)[ordered]
    step_before = np.floor(position * take / size + start)
    step_after = np.floor((position + 1) * take / size + start)
    chosen = order[step_after > step_before]
    return [rows[i] for i in sorted(chosen)]


def _round_robin(
    rows: list[tuple[Any, ...]], count: int, rng: np.random.Generator
) -> list[tuple[Any, ...]]:
    """``count`` rows at random, one per agent in turn."""
    if not rows or count == 0:
        return []
    agent = _codes([row[2] for row in rows])
    by_agent = np.lexsort((rng.random(len(rows)), agent))
    rank = np.empty(len(rows), dtype=np.int64)
    rank[by_agent] = _ranks(agent[by_agent])[0]
    order = np.lexsort((rng.random(len(rows)), rank))
    return [rows[i] for i in order[:count]]


def _ranks(groups: NDArray[np.int64]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """For group numbers in sorted order: each row's rank in its group, and its group's size."""
    sizes = np.bincount(groups)
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    return np.arange(groups.size) - starts[groups], sizes[groups]


def _pick(row: tuple[Any, ...], why: str) -> Pick:
    return Pick(row[1], row[2], row[3], row[4], row[5], why)
