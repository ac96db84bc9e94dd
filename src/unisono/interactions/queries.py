"""Reading interactions back: one customer's timeline across every channel (customer 360)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from unisono.accounts.permissions import DataScope
from unisono.bible import models as bible
from unisono.interactions import models
from unisono.interactions.search import in_scope

DEFAULT_FCR_WINDOW = dt.timedelta(days=7)


@dataclass(frozen=True)
class TimelineEntry:
    """One interaction in a customer's timeline."""

    id: str
    channel: str
    reason: str | None
    stage: str | None
    status: str
    agent: str | None
    team: str | None
    opened_at: dt.datetime
    first_response_at: dt.datetime | None
    resolved_at: dt.datetime | None
    messages: list[dict[str, Any]]
    surveys: dict[str, int]
    repeat_of: str | None  # the earlier interaction for the same reason within the FCR window


@dataclass(frozen=True)
class Timeline:
    """A customer and every interaction they had, oldest first."""

    id: str
    name: str | None
    email: str | None
    phone: str | None
    fcr_window: dt.timedelta
    entries: list[TimelineEntry] = field(default_factory=list)

    @property
    def channels(self) -> list[str]:
        """The channels the customer used, most used first."""
        counts: dict[str, int] = {}
        for entry in self.entries:
            counts[entry.channel] = counts.get(entry.channel, 0) + 1
        return sorted(counts, key=lambda channel: -counts[channel])

    @property
    def repeat_contacts(self) -> int:
        """How many contacts came back for a reason within the FCR window."""
        return sum(entry.repeat_of is not None for entry in self.entries)


def fcr_window(session: Session) -> dt.timedelta:
    """The FCR window of the bible in force (7 days before any bible is loaded)."""
    seconds = session.scalar(
        select(bible.BibleRevision.fcr_window_s).order_by(bible.BibleRevision.id.desc()).limit(1)
    )
    return DEFAULT_FCR_WINDOW if seconds is None else dt.timedelta(seconds=seconds)


def customer_timeline(
    *, session: Session, customer_id: str, scope: DataScope | None = None
) -> Timeline | None:
    """The timeline of the customer with this external id; None when there is no such one, or
    when ``scope`` sees none of their interactions. Repeat contacts are found among all of them,
    and only those in ``scope`` are listed."""
    customer = session.scalars(
        select(models.Customer).where(models.Customer.external_id == customer_id)
    ).one_or_none()
    if customer is None:
        return None
    window = fcr_window(session)
    rows = session.scalars(
        select(models.Interaction)
        .where(models.Interaction.customer_id == customer.id)
        .order_by(models.Interaction.opened_at, models.Interaction.id)
        .options(
            selectinload(models.Interaction.agent),
            selectinload(models.Interaction.team),
            selectinload(models.Interaction.surveys),
        )
    ).all()
    timeline = Timeline(customer.external_id, customer.name, customer.email, customer.phone, window)
    last_by_reason: dict[str, models.Interaction] = {}
    for row in rows:
        earlier = last_by_reason.get(row.reason_id) if row.reason_id else None
        repeat = earlier if earlier and row.opened_at - earlier.opened_at <= window else None
        if scope is None or in_scope(row, scope):
            timeline.entries.append(_entry(row, repeat.external_id if repeat else None))
        if row.reason_id:
            last_by_reason[row.reason_id] = row
    if scope is not None and not scope.everything and not timeline.entries:
        return None
    return timeline


def _entry(row: models.Interaction, repeat_of: str | None) -> TimelineEntry:
    return TimelineEntry(
        id=row.external_id,
        channel=row.channel_id,
        reason=row.reason_id,
        stage=row.stage,
        status=row.status,
        agent=row.agent.external_id if row.agent else None,
        team=row.team.name if row.team else None,
        opened_at=row.opened_at,
        first_response_at=row.first_response_at,
        resolved_at=row.resolved_at,
        messages=row.messages,
        surveys={survey.kind: survey.score for survey in row.surveys},
        repeat_of=repeat_of,
    )
