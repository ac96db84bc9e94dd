"""REST endpoints for interactions: create or update one, or a batch; read one back."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request, Response, status
from sqlalchemy import select

from unisono.interactions import models
from unisono.interactions.search import in_scope
from unisono.web.api.intake import (
    INTERACTION_SCHEMA_REF,
    IntakeResult,
    accept,
    accept_one,
    body_of,
    decode,
)
from unisono.web.deps import DbSession, Principal, Require

router = APIRouter(tags=["interactions"])
Writer = Annotated[Principal, Depends(Require("interactions.write"))]
Reader = Annotated[Principal, Depends(Require("interactions.read"))]
ONE = body_of({"$ref": INTERACTION_SCHEMA_REF})
MANY = body_of({"type": "array", "items": {"$ref": INTERACTION_SCHEMA_REF}, "maxItems": 1000})


@router.post("/interactions", status_code=status.HTTP_201_CREATED, openapi_extra=ONE)
async def create_or_update(
    request: Request, response: Response, session: DbSession, token: Writer
) -> dict[str, str]:
    """Store one interaction (PRODUCT.md's shape); the same id again updates it."""
    outcome, item = accept_one(session, decode(await request.body()), source=f"api:{token.name}")
    if outcome != "created":
        response.status_code = status.HTTP_200_OK
    return {"id": item.id, "result": outcome}


@router.put("/interactions/{interaction_id}", openapi_extra=ONE)
async def put(
    interaction_id: str, request: Request, response: Response, session: DbSession,
    token: Writer,
) -> dict[str, str]:  # fmt: skip
    """Create or replace the interaction with this id."""
    record = decode(await request.body())
    if isinstance(record, dict) and record.setdefault("id", interaction_id) != interaction_id:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            f"id: {record['id']!r} in the body differs from {interaction_id!r} in the address",
        )
    outcome, item = accept_one(session, record, source=f"api:{token.name}")
    if outcome == "created":
        response.status_code = status.HTTP_201_CREATED
    return {"id": item.id, "result": outcome}


@router.post("/interactions/batch", openapi_extra=MANY)
async def batch(request: Request, session: DbSession, token: Writer) -> IntakeResult:
    """Store up to 1,000 interactions; each invalid one is listed with its index and reason,
    and the valid ones are stored all the same."""
    records = decode(await request.body())
    if not isinstance(records, list):
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "expected a JSON array")
    return accept(session, records, source=f"api:{token.name}")


@router.get("/interactions/{interaction_id}")
def get(interaction_id: str, session: DbSession, reader: Reader) -> dict[str, Any]:
    """One interaction, in PRODUCT.md's shape."""
    row = session.scalars(
        select(models.Interaction).where(models.Interaction.external_id == interaction_id)
    ).one_or_none()
    if row is None or not in_scope(row, reader.scope):
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no interaction {interaction_id!r}")
    return {
        "id": row.external_id,
        "channel": row.channel_id,
        "reason": row.reason_id,
        "stage": row.stage,
        "customer": {"id": row.customer.external_id, "name": row.customer.name,
                     "email": row.customer.email, "phone": row.customer.phone},
        "agent": row.agent.external_id if row.agent else None,
        "team": row.team.name if row.team else None,
        "opened_at": row.opened_at,
        "first_response_at": row.first_response_at,
        "resolved_at": row.resolved_at,
        "status": row.status,
        "messages": row.messages,
        "surveys": [{"kind": s.kind, "score": s.score, "at": s.at, "comment": s.comment}
                    for s in row.surveys],
    }  # fmt: skip
