"""The metrics' daily rollups: each day's interactions as columns of facts, kept up to date.

A rollup row holds, for one local day of the bible's time zone, one entry per interaction opened
that day: its dimensions (channel, team, agent, reason, stage) as small codes and its facts
(response and resolution times, survey scores, first contact and FCR, SLA met) as numbers, in
one binary array (``unisono.metrics.facts.FACTS``). Any period's metrics are computed from its
days' arrays with vectorised code, exactly (medians and p90 from the values, not histograms).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from unisono.core.db import Base, EpochSeconds, JsonDocument


class DailyFacts(Base):
    """One local day's interaction facts."""

    __tablename__ = "daily_facts"

    day: Mapped[int] = mapped_column(Integer, primary_key=True)  # days since 1970-01-01
    interactions: Mapped[int] = mapped_column(Integer)
    dimensions: Mapped[dict[str, Any]] = mapped_column(JsonDocument)  # code -> id, per kind
    facts: Mapped[bytes] = mapped_column(LargeBinary)
    built_at: Mapped[dt.datetime] = mapped_column(EpochSeconds)
    # which bible it was built with (its revision and newest standard version): targets,
    # business hours and the FCR window come from it, so another bible makes the row stale
    bible: Mapped[str] = mapped_column(String(50))


class StaleDay(Base):
    """A day whose rollup must be rebuilt: interactions or survey answers of it (or of days
    close enough to change its first contacts and FCR) were written since it was built."""

    __tablename__ = "stale_days"

    day: Mapped[int] = mapped_column(Integer, primary_key=True)
