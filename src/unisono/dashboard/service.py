"""The dashboard: a period's metrics against the period before, the weekly trend, SLA breaches,
the audit's summary and the standards due for review, for what the reader may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import BigInteger, func, select, type_coerce
from sqlalchemy.orm import Session

from unisono.accounts.permissions import DataScope
from unisono.audit import models as audit
from unisono.audit.queries import quality
from unisono.bible.queries import DueReview, due_reviews
from unisono.interactions import models as hub
from unisono.interactions.search import scoped
from unisono.metrics import rollups
from unisono.metrics.calendar import day_number
from unisono.metrics.service import Filters, Query, compare, last_day, metrics, scoped_filters

PERIODS = (7, 30, 90)  # the lengths a reader can choose, in days
TREND_WEEKS = 12
REVIEW_HORIZON_DAYS = 30


@dataclass(frozen=True)
class Dashboard:
    """Everything the dashboard shows."""

    since: dt.date
    until: dt.date
    days: int
    current: dict[str, Any]  # metrics of the period (docs/metrics.md)
    previous: dict[str, Any]  # of the period of the same length just before
    differences: dict[str, Any]  # per rate: difference and whether it is significant
    weekly: list[dict[str, Any]]  # metrics per week, oldest first
    by_channel: list[dict[str, Any]]
    findings: dict[str, int]  # findings of the period by kind
    sla_breaches: list[dict[str, Any]]  # the latest, newest first
    quality: list[dict[str, Any]]  # IQS per scorecard
    due: list[DueReview]


def dashboard(*, session: Session, scope: DataScope, days: int, today: dt.date) -> Dashboard:
    """The dashboard of the ``days`` days up to the last day with interactions."""
    until = last_day(session=session) or today
    since = until - dt.timedelta(days=days - 1)
    before_until = since - dt.timedelta(days=1)
    before_since = before_until - dt.timedelta(days=days - 1)
    filters = scoped_filters(Filters(), scope)
    compared = compare(
        session=session,
        first=Query(since, until, filters=filters),
        second=Query(before_since, before_until, filters=filters),
    )
    first_week = until - dt.timedelta(weeks=TREND_WEEKS - 1)
    first_week -= dt.timedelta(days=first_week.weekday())  # whole weeks, Monday first
    weekly = metrics(session=session, query=Query(first_week, until, by="week", filters=filters))[
        "groups"
    ]
    channels = metrics(session=session, query=Query(since, until, by="channel", filters=filters))
    return Dashboard(
        since,
        until,
        days,
        compared["a"],
        compared["b"],
        compared["differences"],
        weekly,
        channels["groups"],
        finding_counts(session=session, scope=scope, since=since, until=until),
        latest_breaches(session=session, scope=scope, since=since, until=until),
        quality(session=session, by=None, since=since, until=until, scope=scope)["groups"],
        due_reviews(session=session, as_of=today, within_days=REVIEW_HORIZON_DAYS),
    )


def _in_period(query: Any, session: Session, since: dt.date, until: dt.date) -> Any:
    """``query`` restricted to interactions opened on those days, in the bible's time zone."""
    context = rollups.context(session.connection())
    if context is None:
        return query
    opened = type_coerce(hub.Interaction.opened_at, BigInteger)
    return query.where(
        opened >= context.calendar.midnight(day_number(since)),
        opened < context.calendar.midnight(day_number(until) + 1),
    )


def finding_counts(
    *, session: Session, scope: DataScope, since: dt.date, until: dt.date
) -> dict[str, int]:
    """How many findings of each kind the period's interactions have."""
    query = (
        select(audit.Finding.kind, func.count())
        .join(hub.Interaction, hub.Interaction.id == audit.Finding.interaction_id)
        .group_by(audit.Finding.kind)
    )
    query = scoped(_in_period(query, session, since, until), scope)
    return {str(row[0]): int(row[1]) for row in session.execute(query)}


def latest_breaches(
    *, session: Session, scope: DataScope, since: dt.date, until: dt.date, limit: int = 6
) -> list[dict[str, Any]]:
    """The period's latest SLA breaches: interaction, channel, target and what happened."""
    finding, interaction = audit.Finding, hub.Interaction
    query = (
        select(
            interaction.external_id,
            interaction.channel_id,
            interaction.opened_at,
            finding.expected,
            finding.found,
            finding.standard_id,
        )
        .join(interaction, interaction.id == finding.interaction_id)
        .where(finding.kind == "sla_breach")
        .order_by(interaction.opened_at.desc())
        .limit(limit)
    )
    query = scoped(_in_period(query, session, since, until), scope)
    return [row._asdict() for row in session.execute(query)]
