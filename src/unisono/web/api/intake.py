"""Taking interactions in over HTTP (REST and webhooks): the same validation and writing as
file imports, with errors answered as 4xx and every good interaction of a batch kept."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import orjson
from fastapi import HTTPException, status
from pydantic import ValidationError
from sqlalchemy.orm import Session

from unisono.core.clock import utcnow
from unisono.core.validation import explain
from unisono.interactions.schemas import INTERACTION, InteractionIn, validate_interaction
from unisono.interactions.service import NoBibleError, upsert, vocabulary

MAX_BATCH = 1000
INTERACTION_SCHEMA_REF = "#/components/schemas/InteractionIn"


@dataclass
class IntakeResult:
    """What a request did: counts, and each refused interaction with its index and reason."""

    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[dict[str, Any]] = field(default_factory=list)


def decode(body: bytes) -> Any:
    """The JSON of a request body, or 400."""
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError as error:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, f"the body is not JSON: {error}") from None


def accept(session: Session, records: list[Any], *, source: str) -> IntakeResult:
    """Validate ``records`` and write the valid ones; the others are listed, not written."""
    if len(records) > MAX_BATCH:
        raise HTTPException(
            status.HTTP_413_CONTENT_TOO_LARGE,
            f"{len(records)} interactions in one request: send at most {MAX_BATCH}",
        )
    try:
        words = vocabulary(session)
    except NoBibleError as error:
        raise HTTPException(status.HTTP_409_CONFLICT, str(error)) from None
    result, valid = IntakeResult(), []
    for index, record in enumerate(records):
        try:
            valid.append(validate_interaction(record, words))
        except ValidationError as error:
            result.rejected.append({"index": index, "reason": explain(error)})
    written = upsert(session=session, items=valid, source=source, now=utcnow())
    result.imported, result.updated, result.unchanged = (
        written.inserted,
        written.updated,
        written.unchanged,
    )
    return result


def accept_one(session: Session, record: Any, *, source: str) -> tuple[str, InteractionIn]:
    """Validate and write one interaction: ``created``, ``updated`` or ``unchanged``; 422 if bad."""
    try:
        item = validate_interaction(record, vocabulary(session))
    except NoBibleError as error:
        raise HTTPException(status.HTTP_409_CONFLICT, str(error)) from None
    except ValidationError as error:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, explain(error)) from None
    written = upsert(session=session, items=[item], source=source, now=utcnow())
    outcome = "created" if written.inserted else "updated" if written.updated else "unchanged"
    return outcome, item


def interaction_schemas() -> dict[str, Any]:
    """The JSON schemas of the canonical interaction and its parts, for the OpenAPI document."""
    schema = INTERACTION.json_schema(ref_template="#/components/schemas/{model}")
    definitions: dict[str, Any] = schema.pop("$defs", {})
    return {"InteractionIn": schema, **definitions}


def body_of(schema: dict[str, Any]) -> dict[str, Any]:
    """``openapi_extra`` declaring a JSON request body of ``schema``."""
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}
