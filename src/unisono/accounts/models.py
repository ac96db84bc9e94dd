"""Accounts: people who sign in (users, their sessions, failed sign-ins) and API tokens for
integrations."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from unisono.core.db import Base, EpochSeconds


class ApiToken(Base):
    """A token an integration sends as ``Authorization: Bearer …``; only its hash is kept."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(EpochSeconds)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(EpochSeconds)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(EpochSeconds)


class User(Base):
    """A person who signs in to the web app, with one role; an agent or a team lead is linked to
    the agent login or team name that interactions carry."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(
            "role IN ('admin', 'cx_head', 'quality_manager', 'team_lead', 'agent')", name="role"
        ),
        CheckConstraint("language IN ('fr', 'en')", name="language"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    agent: Mapped[str | None] = mapped_column(String(200))  # an interaction's `agent`
    team: Mapped[str | None] = mapped_column(String(200))  # an interaction's `team`
    language: Mapped[str] = mapped_column(String(2))
    created_at: Mapped[dt.datetime] = mapped_column(EpochSeconds)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(EpochSeconds)
    disabled_at: Mapped[dt.datetime | None] = mapped_column(EpochSeconds)


class WebSession(Base):
    """A signed-in browser: the cookie holds a random token, the table only its hash; logging
    out or disabling the user deletes the row, so a stolen cookie stops working at once."""

    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(EpochSeconds)
    expires_at: Mapped[dt.datetime] = mapped_column(EpochSeconds)

    user: Mapped[User] = relationship()


class LoginAttempt(Base):
    """A failed sign-in, counted to slow down password guessing (per username and per address)."""

    __tablename__ = "login_failures"
    __table_args__ = (
        Index("ix_login_failures_username_at", "username", "at"),
        Index("ix_login_failures_address_at", "address", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(100))
    address: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime] = mapped_column(EpochSeconds)
