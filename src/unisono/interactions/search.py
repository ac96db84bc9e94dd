"""Finding interactions: filters, the reader's scope and pagination, all in SQL."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.orm import Session, selectinload

from unisono.accounts.permissions import DataScope
from unisono.audit import models as audit
from unisono.interactions import models
from unisono.language.models import InteractionLanguage
from unisono.language.sentiment import SIGNALS
from unisono.metrics import rollups
from unisono.metrics.calendar import day_number

PAGE_SIZE = 25


@dataclass(frozen=True)
class SearchFilters:
    """What to look for; a reason takes its sub-reasons too, a period is ``[since, until)``."""

    channel: str | None = None
    team: str | None = None
    agent: str | None = None
    reason: str | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None
    finding: str | None = None  # a finding kind, or "any"
    min_score: float | None = None  # QA score, 0–100
    max_score: float | None = None
    customer: str | None = None  # a customer's external id
    text: str | None = None  # an interaction id
    sentiment: int | None = None  # the customer's over the contact: -1, 0 or 1
    signal: str | None = None  # one of the analysis's SIGNALS (churn_threat…)
    reason_origin: str | None = None  # "record" or "classified"


@dataclass(frozen=True)
class Row:
    """One interaction in a result list."""

    id: str
    channel: str
    reason: str | None
    agent: str | None
    team: str | None
    customer: str
    customer_name: str | None
    opened_at: dt.datetime
    status: str
    findings: int
    score: float | None
    sentiment: int | None = None


@dataclass(frozen=True)
class Page:
    """One page of results, and how many there are in all."""

    rows: list[Row]
    total: int
    page: int
    page_size: int
    filters: SearchFilters = field(default_factory=SearchFilters)

    @property
    def pages(self) -> int:
        """How many pages the results fill (at least one)."""
        return max(1, -(-self.total // self.page_size))


def scoped(query: Select[Any], scope: DataScope) -> Select[Any]:
    """``query`` on interactions restricted to what ``scope`` may see."""
    interaction = models.Interaction
    if scope.nothing:
        return query.where(interaction.id.is_(None))
    if scope.team is not None:
        query = query.where(
            interaction.team_id.in_(select(models.Team.id).where(models.Team.name == scope.team))
        )
    if scope.agent is not None:
        query = query.where(
            interaction.agent_id.in_(
                select(models.Agent.id).where(models.Agent.external_id == scope.agent)
            )
        )
    return query


def in_scope(row: models.Interaction, scope: DataScope) -> bool:
    """Whether ``scope`` may see the interaction ``row``."""
    if scope.nothing:
        return False
    if scope.team is not None and (row.team is None or row.team.name != scope.team):
        return False
    return scope.agent is None or (row.agent is not None and row.agent.external_id == scope.agent)


def search(
    *,
    session: Session,
    filters: SearchFilters,
    scope: DataScope,
    page: int = 1,
    page_size: int = PAGE_SIZE,
) -> Page:
    """A page of the interactions matching ``filters`` within ``scope``, newest first."""
    interaction = models.Interaction
    query = _filtered(scoped(select(interaction.id), scope), filters)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    page = max(1, min(page, max(1, -(-total // page_size))))
    ids = (
        query.order_by(interaction.opened_at.desc(), interaction.id.desc())
        .limit(page_size)
        .offset((page - 1) * page_size)
        .subquery()
    )
    finding_count = (
        select(func.count())
        .where(audit.Finding.interaction_id == interaction.id)
        .correlate(interaction)
        .scalar_subquery()
    )
    best_score = (
        select(func.min(audit.QaScore.score))
        .where(audit.QaScore.interaction_id == interaction.id)
        .correlate(interaction)
        .scalar_subquery()
    )
    mood = (
        select(InteractionLanguage.sentiment)
        .where(InteractionLanguage.interaction_id == interaction.id)
        .correlate(interaction)
        .scalar_subquery()
    )
    rows = session.execute(
        select(interaction, finding_count, best_score, mood)
        .where(interaction.id.in_(select(ids.c.id)))
        .options(
            selectinload(interaction.customer),
            selectinload(interaction.agent),
            selectinload(interaction.team),
        )
        .order_by(interaction.opened_at.desc(), interaction.id.desc())
    ).all()
    return Page([_row(*row) for row in rows], total, page, page_size, filters)


def _filtered(query: Select[Any], filters: SearchFilters) -> Select[Any]:
    interaction = models.Interaction
    if filters.channel:
        query = query.where(interaction.channel_id == filters.channel)
    if filters.reason:
        query = query.where(
            or_(
                interaction.reason_id == filters.reason,
                interaction.reason_id.startswith(filters.reason + ".", autoescape=True),
            )
        )
    if filters.team:
        query = query.where(
            interaction.team_id.in_(select(models.Team.id).where(models.Team.name == filters.team))
        )
    if filters.agent:
        query = query.where(
            interaction.agent_id.in_(
                select(models.Agent.id).where(models.Agent.external_id == filters.agent)
            )
        )
    if filters.customer:
        query = query.where(
            interaction.customer_id.in_(
                select(models.Customer.id).where(models.Customer.external_id == filters.customer)
            )
        )
    if filters.text:
        query = query.where(interaction.external_id == filters.text.strip())
    if filters.since is not None:
        query = query.where(interaction.opened_at >= filters.since)
    if filters.until is not None:
        query = query.where(interaction.opened_at < filters.until)
    if filters.reason_origin:
        query = query.where(interaction.reason_origin == filters.reason_origin)
    return _read(_audited(query, filters), filters)


def _read(query: Select[Any], filters: SearchFilters) -> Select[Any]:
    """What the analysis read in the customer's messages: their mood, a signal."""
    mood = InteractionLanguage
    conditions = []
    if filters.sentiment is not None:
        conditions.append(mood.sentiment == filters.sentiment)
    if filters.signal:
        if filters.signal not in SIGNALS:
            raise ValueError(f"signal {filters.signal!r}: one of {', '.join(SIGNALS)}")
        conditions.append(getattr(mood, filters.signal).is_(True))
    if conditions:
        own = mood.interaction_id == models.Interaction.id
        query = query.where(exists().where(own, *conditions))
    return query


def _audited(query: Select[Any], filters: SearchFilters) -> Select[Any]:
    interaction, finding, score = models.Interaction, audit.Finding, audit.QaScore
    if filters.finding:
        condition = finding.interaction_id == interaction.id
        if filters.finding != "any":
            condition = condition & (finding.kind == filters.finding)
        query = query.where(exists().where(condition))
    if filters.min_score is not None:
        query = query.where(
            exists().where(score.interaction_id == interaction.id, score.score >= filters.min_score)
        )
    if filters.max_score is not None:
        query = query.where(
            exists().where(score.interaction_id == interaction.id, score.score <= filters.max_score)
        )
    return query


def _row(row: models.Interaction, findings: int, score: float | None, sentiment: int | None) -> Row:
    return Row(
        id=row.external_id,
        channel=row.channel_id,
        reason=row.reason_id,
        agent=row.agent.external_id if row.agent else None,
        team=row.team.name if row.team else None,
        customer=row.customer.external_id,
        customer_name=row.customer.name,
        opened_at=row.opened_at,
        status=row.status,
        findings=int(findings or 0),
        score=score,
        sentiment=sentiment,
    )


def period_bounds(
    *, session: Session, since: dt.date | None, until: dt.date | None
) -> tuple[dt.datetime | None, dt.datetime | None]:
    """The first instant of ``since`` and the end of ``until`` in the bible's time zone."""
    context = rollups.context(session.connection())

    def midnight(day: dt.date) -> dt.datetime:
        if context is None:
            return dt.datetime.combine(day, dt.time(), dt.UTC)
        return dt.datetime.fromtimestamp(context.calendar.midnight(day_number(day)), dt.UTC)

    return (
        midnight(since) if since else None,
        midnight(until + dt.timedelta(days=1)) if until else None,
    )


def people(*, session: Session, scope: DataScope) -> tuple[list[str], list[str]]:
    """The teams and agents a reader may filter on, by name."""
    if scope.nothing or scope.agent is not None:
        return [], []
    teams = select(models.Team.name).order_by(models.Team.name)
    agents = select(models.Agent.external_id).order_by(models.Agent.external_id)
    if scope.team is not None:
        teams = teams.where(models.Team.name == scope.team)
        agents = agents.join(models.Team, models.Team.id == models.Agent.team_id).where(
            models.Team.name == scope.team
        )
    return list(session.scalars(teams)), list(session.scalars(agents))
