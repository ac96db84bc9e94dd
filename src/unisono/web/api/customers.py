"""REST endpoint for customer 360: one customer's timeline across every channel."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, status

from unisono.interactions.queries import customer_timeline
from unisono.web.deps import DbSession, Principal, Require

router = APIRouter(tags=["customers"])
Reader = Annotated[Principal, Depends(Require("customers.read"))]


@router.get("/customers/{customer_id}")
def timeline(customer_id: str, session: DbSession, reader: Reader) -> dict[str, Any]:
    """The customer and every interaction they had, oldest first, with repeat contacts."""
    found = customer_timeline(session=session, customer_id=customer_id, scope=reader.scope)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no customer {customer_id!r}")
    return asdict(found) | {
        "fcr_window_s": int(found.fcr_window.total_seconds()),
        "repeat_contacts": found.repeat_contacts,
    }
