"""The consistency report as last computed, kept for the pages: computing it takes seconds on
a large organisation, reading it back a few milliseconds."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import BigInteger, Float, String
from sqlalchemy.orm import Mapped, mapped_column

from unisono.core.db import Base, EpochSeconds, JsonDocument


class StoredReport(Base):
    """A consistency report (the JSON of `unisono consistency --json`) and the state of the data
    it was computed on: the bible's fingerprint and the data version."""

    __tablename__ = "consistency_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    bible: Mapped[str] = mapped_column(String(50))
    data_version: Mapped[int] = mapped_column(BigInteger)
    computed_at: Mapped[dt.datetime] = mapped_column(EpochSeconds)
    seconds: Mapped[float] = mapped_column(Float)  # how long it took
    report: Mapped[dict[str, Any]] = mapped_column(JsonDocument)
