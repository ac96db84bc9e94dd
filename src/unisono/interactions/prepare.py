"""Turning a validated interaction into the values its rows will hold (no database needed).

This is the CPU side of an import: it may run in another process than the writing, so what it
makes is plain tuples, cheap to pass along.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any, NamedTuple

import orjson

from unisono.interactions.schemas import INTERACTION, InteractionIn, Vocabulary

Contact = tuple[str | None, str | None, str | None]  # name, email, phone


class Prepared(NamedTuple):
    """An interaction ready to write: everything but the row ids of the people it names."""

    external_id: str
    digest: str
    customer: str
    contact: Contact
    agent: str | None
    team: str | None
    values: tuple[Any, ...]  # the interaction columns of PREPARED_COLUMNS, in that order
    surveys: tuple[tuple[str, int, int | None, str | None], ...]  # kind, score, at, comment


PREPARED_COLUMNS = (
    "channel_id", "reason_id", "reason_origin", "stage", "status", "opened_at", "first_response_at",
    "resolved_at", "message_count", "messages",
)  # fmt: skip


def content_hash(source: InteractionIn | bytes | dict[str, Any]) -> str:
    """A fingerprint of everything an interaction says: of its source text when there is one
    (cheaper than of the validated object; a new spelling of the same content only costs a
    harmless update), else of the validated interaction."""
    if isinstance(source, dict):
        source = orjson.dumps(source, option=orjson.OPT_SORT_KEYS)
    elif isinstance(source, InteractionIn):
        source = INTERACTION.dump_json(source)
    return hashlib.blake2b(source, digest_size=16).hexdigest()


def epoch(moment: dt.datetime | None) -> int | None:
    """Whole seconds since 1970 UTC, as Unisono stores times."""
    return None if moment is None else int(moment.timestamp())


def prepare(item: InteractionIn, digest: str, vocabulary: Vocabulary) -> Prepared:
    """The row values of a validated interaction."""
    customer = item.customer
    stage = vocabulary.reasons.get(item.reason) if item.reason else None
    origin = "record" if item.reason else None
    values = (
        item.channel, item.reason, origin, stage, item.status, epoch(item.opened_at),
        epoch(item.first_response_at), epoch(item.resolved_at), len(item.messages),
        orjson.dumps(item.messages).decode(),
    )  # fmt: skip
    surveys = tuple(
        (survey["kind"], survey["score"], epoch(survey.get("at")), survey.get("comment"))
        for survey in item.surveys
    )
    contact = (customer.get("name"), customer.get("email"), customer.get("phone"))
    return Prepared(
        item.id, digest, customer["id"], contact, item.agent, item.team, values, surveys
    )
