"""The interaction hub's tables: customers, agents, teams, interactions and survey answers.

Times are stored as epoch seconds (:class:`EpochSeconds`). An interaction keeps its messages as
one JSON list: they are always read, written and replaced together, and one row per interaction
instead of five makes imports several times faster (docs/architecture.md). What metrics need
from the messages (the first response) is computed once, on import, into columns.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from unisono.core.db import Base, EpochSeconds, JsonDocument


class Customer(Base):
    """A customer, known by the id of the system they come from."""

    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str | None] = mapped_column(String(300))
    email: Mapped[str | None] = mapped_column(String(300))
    phone: Mapped[str | None] = mapped_column(String(50))


class Team(Base):
    """A team of agents (``N1-Lyon``)."""

    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)


class Agent(Base):
    """An agent (conseiller), known by their login; ``team_id`` is the team last seen."""

    __tablename__ = "agents"

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str] = mapped_column(String(200), unique=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))


class Interaction(Base):
    """One contact of a customer on one channel."""

    __tablename__ = "interactions"
    __table_args__ = (
        Index("ix_interactions_customer_opened", "customer_id", "opened_at"),
        Index("ix_interactions_opened", "opened_at"),
        CheckConstraint("status IN ('open', 'pending', 'resolved', 'closed')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str] = mapped_column(String(200), unique=True)
    channel_id: Mapped[str] = mapped_column(ForeignKey("channels.id"))
    reason_id: Mapped[str | None] = mapped_column(ForeignKey("reasons.id"))
    # "record": the reason came with the interaction; "classified": Unisono's classifier gave
    # it (reason_id stays None when it found none); None: no reason, not analysed yet
    reason_origin: Mapped[str | None] = mapped_column(String(10))
    stage: Mapped[str | None] = mapped_column(String(20))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    status: Mapped[str] = mapped_column(String(10))
    opened_at: Mapped[dt.datetime] = mapped_column(EpochSeconds)
    first_response_at: Mapped[dt.datetime | None] = mapped_column(EpochSeconds)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(EpochSeconds)
    message_count: Mapped[int] = mapped_column(Integer)
    messages: Mapped[list[dict[str, Any]]] = mapped_column(JsonDocument)  # [{from, at, text}]
    source: Mapped[str] = mapped_column(String(20))  # the importer or API that wrote it
    content_hash: Mapped[str] = mapped_column(String(32))
    imported_at: Mapped[dt.datetime] = mapped_column(EpochSeconds)

    customer: Mapped[Customer] = relationship()
    agent: Mapped[Agent | None] = relationship()
    team: Mapped[Team | None] = relationship()
    surveys: Mapped[list[Survey]] = relationship(order_by="Survey.kind", viewonly=True)


class Survey(Base):
    """A survey answer about an interaction: at most one of each kind."""

    __tablename__ = "surveys"
    __table_args__ = (
        CheckConstraint("kind IN ('nps', 'csat', 'ces')", name="kind"),
        {"sqlite_with_rowid": False},
    )

    interaction_id: Mapped[int] = mapped_column(ForeignKey("interactions.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(4), primary_key=True)
    score: Mapped[int] = mapped_column(SmallInteger)
    at: Mapped[dt.datetime | None] = mapped_column(EpochSeconds)
    comment: Mapped[str | None] = mapped_column(Text)
    # "record": it came with the interaction (replaced when the interaction is); "link" or
    # "csv": collected by Unisono or imported on its own, and kept when the interaction changes
    origin: Mapped[str] = mapped_column(String(10), server_default="record")
