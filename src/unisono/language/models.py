"""The language analysis of each interaction: the customer's language, the classified contact
reason (when the record had none), and the customer's mood per message and over the contact."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Float, ForeignKey, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from unisono.core.db import Base, JsonDocument


class InteractionLanguage(Base):
    """What ``unisono analyze`` read in an interaction's customer messages (replaced with its
    audit analysis, in the same transaction)."""

    __tablename__ = "interaction_language"

    interaction_id: Mapped[int] = mapped_column(ForeignKey("interactions.id"), primary_key=True)
    language: Mapped[str] = mapped_column(String(2))  # the customer's
    # The classifier's answer when the record had no reason ("unknown" below the threshold);
    # None when the record gave the reason.
    reason: Mapped[str | None] = mapped_column(String(200))
    reason_confidence: Mapped[float | None] = mapped_column(Float)
    sentiment: Mapped[int | None] = mapped_column(SmallInteger)  # -1, 0, 1 over the contact
    first_sentiment: Mapped[int | None] = mapped_column(SmallInteger)
    last_sentiment: Mapped[int | None] = mapped_column(SmallInteger)
    mood_change: Mapped[int | None] = mapped_column(SmallInteger)  # last − first
    frustration: Mapped[bool] = mapped_column(default=False)
    urgency: Mapped[bool] = mapped_column(default=False)
    churn_threat: Mapped[bool] = mapped_column(default=False)
    escalation_threat: Mapped[bool] = mapped_column(default=False)
    gratitude: Mapped[bool] = mapped_column(default=False)
    # [{"message": index, "sentiment": -1|0|1, "score": float, "signals": [...]}]
    messages: Mapped[list[dict[str, Any]]] = mapped_column(JsonDocument)
