"""The audit's tables: findings, the analysis state of each interaction, and QA scores."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from unisono.core.db import Base, EpochSeconds, JsonDocument


class Analysis(Base):
    """When an interaction was last audited, and against what: re-audited when its content or
    the bible changes."""

    __tablename__ = "analyses"

    interaction_id: Mapped[int] = mapped_column(ForeignKey("interactions.id"), primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(32))
    bible: Mapped[str] = mapped_column(String(50))  # the bible fingerprint it was checked with
    language: Mapped[str] = mapped_column(String(2))
    analyzed_at: Mapped[dt.datetime] = mapped_column(EpochSeconds)


class Finding(Base):
    """One place where an interaction departs from a standard, with the evidence."""

    __tablename__ = "findings"
    __table_args__ = (Index("ix_findings_interaction", "interaction_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    interaction_id: Mapped[int] = mapped_column(ForeignKey("interactions.id"))
    kind: Mapped[str] = mapped_column(String(30), index=True)
    standard_id: Mapped[str | None] = mapped_column(String(200))
    standard_version: Mapped[int | None] = mapped_column(Integer)
    evidence: Mapped[str] = mapped_column(Text)
    expected: Mapped[str | None] = mapped_column(Text)
    found: Mapped[str | None] = mapped_column(Text)
    message: Mapped[int | None] = mapped_column(Integer)
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[dict[str, Any]] = mapped_column(JsonDocument)


class QaScore(Base):
    """An interaction's score on a scorecard (automatic criteria; manual ones once reviewed)."""

    __tablename__ = "qa_scores"

    interaction_id: Mapped[int] = mapped_column(ForeignKey("interactions.id"), primary_key=True)
    scorecard: Mapped[str] = mapped_column(String(200), primary_key=True)  # its standard id
    scorecard_version: Mapped[int] = mapped_column(Integer)
    score: Mapped[float | None] = mapped_column(Float)  # None: no criterion applied
    score_without_critical: Mapped[float | None] = mapped_column(Float)
    critical_failed: Mapped[bool] = mapped_column(default=False)
    criteria: Mapped[dict[str, Any]] = mapped_column(JsonDocument)  # id -> 1, 0 or None (N/A)
