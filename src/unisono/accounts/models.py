"""Accounts: API tokens for integrations (people's accounts and roles come with the web app)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

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
