"""The bible's tables: revisions of bible.yml, channels, reasons, and versioned standards.

A standard version keeps its whole front matter (``document``) and body, from which history,
diffs and the handbook are made; facts, SLAs, answers and scope are also stored as rows, so that
the audit and the metrics can query them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from unisono.core.db import Base, EpochSeconds, JsonDocument


class BibleRevision(Base):
    """One version of ``bible.yml``: a new row each time its content changes."""

    __tablename__ = "bible_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    loaded_at: Mapped[dt.datetime] = mapped_column(EpochSeconds)
    source: Mapped[str] = mapped_column(String(1000))
    content_hash: Mapped[str] = mapped_column(String(64))
    company: Mapped[str] = mapped_column(String(200))
    vision: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(2))
    formality: Mapped[str | None] = mapped_column(String(4))
    fcr_window_s: Mapped[int] = mapped_column(Integer)
    document: Mapped[dict[str, Any]] = mapped_column(JsonDocument)

    forbidden: Mapped[list[ForbiddenExpression]] = relationship(
        back_populates="bible_revision", cascade="all, delete-orphan"
    )


class Channel(Base):
    """A channel customers reach us on; kept (inactive) when it leaves the bible."""

    __tablename__ = "channels"

    id: Mapped[str] = mapped_column(String(50), primary_key=True)
    label: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(default=True)


class Reason(Base):
    """A contact reason of the tree, with its journey stage; kept (inactive) when removed."""

    __tablename__ = "reasons"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("reasons.id"))
    label: Mapped[str] = mapped_column(String(200))
    stage: Mapped[str] = mapped_column(String(20))
    examples: Mapped[list[str]] = mapped_column(JsonDocument)
    position: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(default=True)


class Standard(Base):
    """A standard, across all its versions."""

    __tablename__ = "standards"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(EpochSeconds)

    versions: Mapped[list[StandardVersion]] = relationship(
        back_populates="standard", order_by="StandardVersion.version"
    )


class StandardVersion(Base):
    """One version of a standard, in force from ``valid_from`` until ``valid_to`` (None: now)."""

    __tablename__ = "standard_versions"
    __table_args__ = (
        UniqueConstraint("standard_id", "version"),
        Index(
            "ix_standard_versions_current",
            "standard_id",
            unique=True,
            sqlite_where=text("valid_to IS NULL"),
            postgresql_where=text("valid_to IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    standard_id: Mapped[str] = mapped_column(ForeignKey("standards.id"))
    version: Mapped[int] = mapped_column(Integer)
    valid_from: Mapped[dt.datetime] = mapped_column(EpochSeconds)
    valid_to: Mapped[dt.datetime | None] = mapped_column(EpochSeconds)
    content_hash: Mapped[str] = mapped_column(String(64))
    source_path: Mapped[str] = mapped_column(String(1000))
    title: Mapped[str] = mapped_column(String(300))
    section: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    owner: Mapped[str] = mapped_column(String(200))
    review_every_s: Mapped[int] = mapped_column(Integer)
    reviewed_on: Mapped[dt.date | None] = mapped_column(Date)
    next_review_on: Mapped[dt.date | None] = mapped_column(Date)
    impact: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    required: Mapped[list[str]] = mapped_column(JsonDocument)
    document: Mapped[dict[str, Any]] = mapped_column(JsonDocument)

    standard: Mapped[Standard] = relationship(back_populates="versions")
    reasons: Mapped[list[StandardReason]] = relationship(cascade="all, delete-orphan")
    channels: Mapped[list[StandardChannel]] = relationship(cascade="all, delete-orphan")
    facts: Mapped[list[StandardFact]] = relationship(cascade="all, delete-orphan")
    slas: Mapped[list[StandardSla]] = relationship(cascade="all, delete-orphan")
    answers: Mapped[list[StandardAnswer]] = relationship(cascade="all, delete-orphan")
    forbidden: Mapped[list[ForbiddenExpression]] = relationship(
        back_populates="standard_version", cascade="all, delete-orphan"
    )


class StandardReason(Base):
    """A contact reason a standard version applies to."""

    __tablename__ = "standard_reasons"

    standard_version_id: Mapped[int] = mapped_column(
        ForeignKey("standard_versions.id"), primary_key=True
    )
    reason_id: Mapped[str] = mapped_column(ForeignKey("reasons.id"), primary_key=True)


class StandardChannel(Base):
    """A channel a standard version is limited to (no rows: every channel)."""

    __tablename__ = "standard_channels"

    standard_version_id: Mapped[int] = mapped_column(
        ForeignKey("standard_versions.id"), primary_key=True
    )
    channel_id: Mapped[str] = mapped_column(ForeignKey("channels.id"), primary_key=True)


class StandardFact(Base):
    """A checkable policy value: as written, and as a number in a base unit."""

    __tablename__ = "standard_facts"
    __table_args__ = (UniqueConstraint("standard_version_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    standard_version_id: Mapped[int] = mapped_column(ForeignKey("standard_versions.id"))
    name: Mapped[str] = mapped_column(String(100))
    raw: Mapped[str] = mapped_column(String(200))
    dimension: Mapped[str] = mapped_column(String(20))
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(100))
    per: Mapped[str | None] = mapped_column(String(100))
    base_value: Mapped[float] = mapped_column(Float)
    base_unit: Mapped[str] = mapped_column(String(100))


class StandardSla(Base):
    """A first-response or resolution target, for one channel or (channel None) for all."""

    __tablename__ = "standard_slas"
    __table_args__ = (
        CheckConstraint("kind IN ('first_response', 'resolution')", name="kind"),
        UniqueConstraint("standard_version_id", "kind", "channel_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    standard_version_id: Mapped[int] = mapped_column(ForeignKey("standard_versions.id"))
    kind: Mapped[str] = mapped_column(String(20))
    channel_id: Mapped[str | None] = mapped_column(ForeignKey("channels.id"))
    target_s: Mapped[int] = mapped_column(Integer)


class StandardAnswer(Base):
    """The approved answer of a standard version for one channel, placeholders unfilled."""

    __tablename__ = "standard_answers"

    standard_version_id: Mapped[int] = mapped_column(
        ForeignKey("standard_versions.id"), primary_key=True
    )
    channel_id: Mapped[str] = mapped_column(ForeignKey("channels.id"), primary_key=True)
    text: Mapped[str] = mapped_column(Text)


class ForbiddenExpression(Base):
    """An expression to avoid: global (a bible revision's) or a standard version's own."""

    __tablename__ = "forbidden_expressions"
    __table_args__ = (
        CheckConstraint(
            "(bible_revision_id IS NULL) <> (standard_version_id IS NULL)", name="one_owner"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    bible_revision_id: Mapped[int | None] = mapped_column(ForeignKey("bible_revisions.id"))
    standard_version_id: Mapped[int | None] = mapped_column(ForeignKey("standard_versions.id"))
    expression: Mapped[str] = mapped_column(String(500))
    replacement: Mapped[str | None] = mapped_column(String(500))

    bible_revision: Mapped[BibleRevision | None] = relationship(back_populates="forbidden")
    standard_version: Mapped[StandardVersion | None] = relationship(back_populates="forbidden")
