"""Reading the customer's side of interactions, a batch at a time: their language, their
contact reason when the record has none (one classifier call for the batch) and their mood.
``unisono analyze`` runs it in the same pass as the audit (:mod:`unisono.audit.context`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import BigInteger, Connection, exists, or_, select, type_coerce

from unisono.bible import models as bible
from unisono.core.db import in_chunks, insert_rows, placeholder
from unisono.interactions import models as hub
from unisono.language.detect import detect_language
from unisono.language.models import InteractionLanguage
from unisono.language.reasons import UNKNOWN, Guess, ReasonModel
from unisono.language.sentiment import SIGNALS, Mood, interaction_mood
from unisono.metrics import rollups

__all__ = ["Reading", "ReadingWriter", "needs_classifier", "read_interactions", "stored_row"]


@dataclass(frozen=True)
class Reading:
    """What the customer's messages of one interaction say."""

    language: str
    guess: Guess | None  # None: the record gave the reason, nothing was classified
    mood: Mood


def read_interactions(
    messages: Sequence[Sequence[dict[str, Any]]],
    needs_reason: Sequence[bool],
    model: ReasonModel | None,
    *,
    default_language: str = "fr",
) -> list[Reading]:
    """The reading of each interaction (its messages as stored); reasons are classified for
    those that need one, from the customer's first message."""
    customer = [
        [(i, m["text"]) for i, m in enumerate(found) if m.get("from") == "customer"]
        for found in messages
    ]
    wanted = [i for i, needed in enumerate(needs_reason) if needed]
    guesses: dict[int, Guess] = {}
    if wanted:
        texts = [customer[i][0][1] if customer[i] else "" for i in wanted]
        classified = (
            model.classify(texts)
            if model is not None
            else [Guess(UNKNOWN, 0.0, UNKNOWN)] * len(texts)
        )
        guesses = dict(zip(wanted, classified, strict=True))
    readings = []
    for i, said in enumerate(customer):
        guess = guesses.get(i)
        if guess is not None and not said:
            guess = Guess(UNKNOWN, 0.0, UNKNOWN)
        language = detect_language(" ".join(t for _, t in said), default=default_language)
        readings.append(Reading(language, guess, interaction_mood(said)))
    return readings


_COLUMNS = (
    "interaction_id", "language", "reason", "reason_confidence", "sentiment", "first_sentiment",
    "last_sentiment", "mood_change", *SIGNALS, "messages",
)  # fmt: skip


def stored_row(interaction_id: int, reading: Reading) -> tuple[Any, ...]:
    """The ``interaction_language`` row of a reading, in :data:`_COLUMNS` order (the messages'
    detail as JSON text: rows are written in bulk, without the ORM)."""
    mood, guess = reading.mood, reading.guess
    detail = [
        {"message": i, "sentiment": m.sentiment, "score": m.score, "signals": list(m.signals)}
        for i, m in mood.messages
    ]
    return (
        interaction_id, reading.language, None if guess is None else guess.reason,
        None if guess is None else guess.confidence, mood.sentiment, mood.first, mood.last,
        mood.change, *(signal in mood.signals for signal in SIGNALS),
        orjson.dumps(detail).decode(),
    )  # fmt: skip


def needs_classifier(connection: Connection) -> bool:
    """Whether some interaction has no reason from its record (one to classify)."""
    origin = hub.Interaction.reason_origin
    return bool(
        connection.scalar(select(exists().where(or_(origin.is_(None), origin == "classified"))))
    )


class ReadingWriter:
    """Stores readings: their rows, and the classified reasons on the interactions (with their
    journey stage), marking the metrics' days stale where a reason changed."""

    def __init__(self, connection: Connection) -> None:
        self.stages = dict(connection.execute(select(bible.Reason.id, bible.Reason.stage)).all())
        self.context = rollups.context(connection)
        mark = placeholder(connection)
        self._update = (
            f"UPDATE interactions SET reason_id = {mark}, reason_origin = 'classified', "  # noqa: S608
            f"stage = {mark} WHERE id = {mark}"
        )

    def write(
        self, connection: Connection, rows: list[tuple[Any, ...]], guessed: dict[int, str | None]
    ) -> None:
        """Store readings as :func:`stored_row` rows (their old rows are already deleted) and
        the reasons classified (row id -> reason, None: unknown)."""
        self.connection = connection
        insert_rows(connection, InteractionLanguage.__tablename__, _COLUMNS, rows)
        self._classify(guessed)

    def _classify(self, guessed: dict[int, str | None]) -> None:
        interaction = hub.Interaction
        changed, opened = [], []
        for chunk in in_chunks(sorted(guessed)):
            query = select(
                interaction.id, interaction.reason_id, interaction.reason_origin,
                type_coerce(interaction.opened_at, BigInteger),
            ).where(interaction.id.in_(chunk))  # fmt: skip
            for row_id, reason, origin, moment in self.connection.execute(query):
                new = guessed[row_id]
                if origin != "classified" or reason != new:
                    changed.append((new, self.stages.get(new) if new else None, row_id))
                    opened.append(moment)
        if changed:
            self.connection.exec_driver_sql(self._update, changed)
            if self.context is not None:
                rollups.mark_stale(self.connection, self.context, opened)
