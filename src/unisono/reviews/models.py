"""Human reviews: an auditor's scorecard for one interaction, its criteria, the trail of who did
what and when, the agent's disputes, and calibration sessions where several auditors score the
same interactions.

People are known by a login (the auditor's, the agent's as in the interactions' ``agent``); the
web app maps its accounts onto these logins.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import CheckConstraint, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from unisono.core.db import Base, EpochSeconds, JsonDocument

STATUSES = ("draft", "submitted", "disputed", "locked")
PURPOSES = ("evaluation", "calibration")
SOURCES = ("automatic", "auditor", "dispute", "pending")
DECISIONS = ("accepted", "partial", "rejected")


class Review(Base):
    """An auditor's review of an interaction on a scorecard."""

    __tablename__ = "reviews"
    __table_args__ = (
        Index("ix_reviews_interaction", "interaction_id"),
        CheckConstraint(f"status IN {STATUSES}", name="status"),
        CheckConstraint(f"purpose IN {PURPOSES}", name="purpose"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    interaction_id: Mapped[int] = mapped_column(ForeignKey("interactions.id"))
    scorecard: Mapped[str] = mapped_column(String(200))  # the scorecard's standard id
    scorecard_version: Mapped[int] = mapped_column(Integer)
    auditor: Mapped[str] = mapped_column(String(200), index=True)
    purpose: Mapped[str] = mapped_column(String(12))
    calibration_id: Mapped[int | None] = mapped_column(ForeignKey("calibration_sessions.id"))
    status: Mapped[str] = mapped_column(String(10))
    sample: Mapped[str | None] = mapped_column(String(60))  # how it was picked, when sampled
    score: Mapped[float | None] = mapped_column(Float)
    score_without_critical: Mapped[float | None] = mapped_column(Float)
    critical_failed: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[dt.datetime] = mapped_column(EpochSeconds)
    updated_at: Mapped[dt.datetime] = mapped_column(EpochSeconds)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(EpochSeconds)

    criteria: Mapped[list[ReviewCriterion]] = relationship(
        order_by="ReviewCriterion.position", cascade="all, delete-orphan"
    )
    events: Mapped[list[ReviewEvent]] = relationship(
        order_by="ReviewEvent.id", cascade="all, delete-orphan"
    )
    disputes: Mapped[list[Dispute]] = relationship(
        order_by="Dispute.id", cascade="all, delete-orphan"
    )


class ReviewCriterion(Base):
    """One criterion of a review: the automatic audit's value beside the auditor's."""

    __tablename__ = "review_criteria"
    __table_args__ = (CheckConstraint(f"source IN {SOURCES}", name="source"),)

    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id"), primary_key=True)
    criterion: Mapped[str] = mapped_column(String(100), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    automatic: Mapped[float | None] = mapped_column(Float)  # the audit's; None: N/A or none
    prefilled: Mapped[bool] = mapped_column(default=False)  # started from the automatic value
    value: Mapped[float | None] = mapped_column(Float)  # None: not applicable (or pending)
    source: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str | None] = mapped_column(Text)  # why the auditor departed from automatic


class ReviewEvent(Base):
    """One line of a review's trail: who did what, when, with the details."""

    __tablename__ = "review_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column(EpochSeconds)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(20))
    detail: Mapped[dict[str, Any]] = mapped_column(JsonDocument)


class Dispute(Base):
    """An agent's dispute of a review, and the decision on it."""

    __tablename__ = "disputes"
    __table_args__ = (
        CheckConstraint(f"decision IS NULL OR decision IN {DECISIONS}", name="decision"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id"), index=True)
    agent: Mapped[str] = mapped_column(String(200))
    opened_at: Mapped[dt.datetime] = mapped_column(EpochSeconds)
    reason: Mapped[str] = mapped_column(Text)
    proposed: Mapped[dict[str, Any]] = mapped_column(JsonDocument)  # criterion -> value | None
    decision: Mapped[str | None] = mapped_column(String(10))
    decided_by: Mapped[str | None] = mapped_column(String(200))
    decided_at: Mapped[dt.datetime | None] = mapped_column(EpochSeconds)
    note: Mapped[str | None] = mapped_column(Text)
    applied: Mapped[dict[str, Any] | None] = mapped_column(JsonDocument)  # what was changed


class CalibrationSession(Base):
    """Several auditors scoring the same interactions on one scorecard, on their own."""

    __tablename__ = "calibration_sessions"
    __table_args__ = (CheckConstraint("status IN ('open', 'closed')", name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    scorecard: Mapped[str] = mapped_column(String(200))
    scorecard_version: Mapped[int] = mapped_column(Integer)
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(EpochSeconds)
    status: Mapped[str] = mapped_column(String(10))
    closed_at: Mapped[dt.datetime | None] = mapped_column(EpochSeconds)

    items: Mapped[list[CalibrationItem]] = relationship(
        order_by="CalibrationItem.position", cascade="all, delete-orphan"
    )


class CalibrationItem(Base):
    """An interaction of a calibration session."""

    __tablename__ = "calibration_items"

    session_id: Mapped[int] = mapped_column(ForeignKey("calibration_sessions.id"), primary_key=True)
    interaction_id: Mapped[int] = mapped_column(ForeignKey("interactions.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
