"""Reading the bible back: versions, history, diffs, reviews due, what is in force."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, selectinload

from unisono.bible import models
from unisono.bible.versions import Change, field_changes
from unisono.bible.vocabulary import SECTIONS


@dataclass(frozen=True)
class HistoryEntry:
    """One version of a standard, with what changed since the previous one."""

    version: int
    valid_from: dt.datetime
    valid_to: dt.datetime | None
    status: str
    title: str
    content_hash: str
    changed: list[str]


def get_version(
    *, session: Session, standard_id: str, version: int | None = None
) -> models.StandardVersion | None:
    """A version of a standard (the one in force when ``version`` is None)."""
    query = select(models.StandardVersion).where(models.StandardVersion.standard_id == standard_id)
    if version is None:
        query = query.where(models.StandardVersion.valid_to.is_(None))
    else:
        query = query.where(models.StandardVersion.version == version)
    return session.scalars(query).first()


def history(*, session: Session, standard_id: str) -> list[HistoryEntry]:
    """Every version of a standard, oldest first; empty when there is no such standard."""
    versions = session.scalars(
        select(models.StandardVersion)
        .where(models.StandardVersion.standard_id == standard_id)
        .order_by(models.StandardVersion.version)
    ).all()
    entries, previous = [], None
    for version in versions:
        if previous is None:
            changed = ["created"]
        else:
            changed = [
                change.field
                for change in field_changes(
                    previous.document, previous.body, version.document, version.body
                )
            ]
        entries.append(
            HistoryEntry(
                version.version,
                version.valid_from,
                version.valid_to,
                version.status,
                version.title,
                version.content_hash,
                changed,
            )
        )
        previous = version
    return entries


def diff(*, before: models.StandardVersion, after: models.StandardVersion) -> list[Change]:
    """The fields that differ between two versions."""
    return field_changes(before.document, before.body, after.document, after.body)


@dataclass(frozen=True)
class DueReview:
    """A standard whose review is overdue or coming up."""

    standard_id: str
    title: str
    owner: str
    status: str
    next_review_on: dt.date | None  # None: never reviewed
    days_left: int | None  # negative when overdue


def due_reviews(*, session: Session, as_of: dt.date, within_days: int) -> list[DueReview]:
    """Standards in review or published whose review is due by ``as_of`` + ``within_days``."""
    horizon = as_of + dt.timedelta(days=within_days)
    version = models.StandardVersion
    rows = session.scalars(
        select(version)
        .where(version.valid_to.is_(None), version.status.in_(("review", "published")))
        .where(version.next_review_on.is_(None) | (version.next_review_on <= horizon))
        .order_by(version.next_review_on.is_not(None), version.next_review_on, version.standard_id)
    ).all()
    return [
        DueReview(
            row.standard_id,
            row.title,
            row.owner,
            row.status,
            row.next_review_on,
            None if row.next_review_on is None else (row.next_review_on - as_of).days,
        )
        for row in rows
    ]


def current_standards(
    *, session: Session, statuses: tuple[str, ...] = ("published",)
) -> list[models.StandardVersion]:
    """The versions in force with one of ``statuses``, with their facts, SLAs, answers,
    reasons, channels and expressions to avoid."""
    version = models.StandardVersion
    return list(
        session.scalars(
            select(version)
            .where(version.valid_to.is_(None), version.status.in_(statuses))
            .options(
                selectinload(version.facts),
                selectinload(version.slas),
                selectinload(version.answers),
                selectinload(version.reasons),
                selectinload(version.channels),
                selectinload(version.forbidden),
            )
            .order_by(version.standard_id)
        )
    )


def latest_revision(*, session: Session) -> models.BibleRevision | None:
    """The bible.yml in force, None before any bible is loaded."""
    return session.scalars(
        select(models.BibleRevision).order_by(models.BibleRevision.id.desc()).limit(1)
    ).first()


def active_channels(*, session: Session) -> list[models.Channel]:
    """The channels of the bible in force, in the bible's order."""
    return list(
        session.scalars(
            select(models.Channel).where(models.Channel.active).order_by(models.Channel.position)
        )
    )


def active_reasons(*, session: Session) -> list[models.Reason]:
    """The contact reasons of the bible in force, parents before children, in the bible's order."""
    return list(
        session.scalars(
            select(models.Reason).where(models.Reason.active).order_by(models.Reason.position)
        )
    )


def browse(
    *, session: Session, section: str | None = None, reason: str | None = None,
    channel: str | None = None, status: str | None = None,
) -> list[models.StandardVersion]:  # fmt: skip
    """The standards in force, by section then title: a reason takes the standards of its
    parents and sub-reasons, a channel those written for every channel too."""
    version = models.StandardVersion
    query = select(version).where(version.valid_to.is_(None))
    if section:
        query = query.where(version.section == section)
    if status:
        query = query.where(version.status == status)
    if reason:
        linked = models.StandardReason
        parents = [reason.rsplit(".", depth)[0] for depth in range(reason.count(".") + 1)]
        query = query.where(
            exists().where(
                linked.standard_version_id == version.id,
                linked.reason_id.in_(parents)
                | linked.reason_id.startswith(reason + ".", autoescape=True),
            )
        )
    if channel:
        linked_channel = models.StandardChannel
        query = query.where(
            ~exists().where(linked_channel.standard_version_id == version.id)
            | exists().where(
                linked_channel.standard_version_id == version.id,
                linked_channel.channel_id == channel,
            )
        )
    order: dict[str, int] = {name: index for index, name in enumerate(SECTIONS)}
    found = session.scalars(query.options(selectinload(version.reasons),
                                          selectinload(version.channels))).all()  # fmt: skip
    return sorted(found, key=lambda v: (order.get(v.section, 9), v.title.lower()))
