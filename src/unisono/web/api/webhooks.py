"""The webhook endpoint: helpdesks push interactions, each request signed with HMAC-SHA256.

Headers: ``X-Unisono-Timestamp`` (Unix seconds) and ``X-Unisono-Signature: sha256=<hex>``, the
HMAC of ``"<timestamp>.<raw body>"`` with the shared secret (``UNISONO_WEBHOOK_SECRET``). A
request older than five minutes is refused, so that a captured one cannot be replayed later.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Annotated

from fastapi import APIRouter, Header, HTTPException, Request, status

from unisono.core.clock import utcnow
from unisono.web.api.intake import INTERACTION_SCHEMA_REF, IntakeResult, accept, body_of, decode
from unisono.web.deps import DbSession

router = APIRouter(tags=["webhooks"])
MAX_AGE_S = 300
BODY = body_of(
    {
        "oneOf": [
            {"$ref": INTERACTION_SCHEMA_REF},
            {"type": "array", "items": {"$ref": INTERACTION_SCHEMA_REF}},
        ]
    }
)


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The signature header value for ``body`` sent at ``timestamp``."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + digest.hexdigest()


@router.post("/webhooks/interactions", openapi_extra=BODY)
async def receive(
    request: Request,
    session: DbSession,
    x_unisono_timestamp: Annotated[str | None, Header()] = None,
    x_unisono_signature: Annotated[str | None, Header()] = None,
) -> IntakeResult:
    """Store the interaction (or list of interactions) of a signed request."""
    secret = request.app.state.settings.webhook_secret
    if not secret:
        raise HTTPException(
            status.HTTP_503_SERVICE_UNAVAILABLE,
            "webhooks are off: UNISONO_WEBHOOK_SECRET is not set",
        )
    body = await request.body()
    _check_signature(secret, x_unisono_timestamp, x_unisono_signature, body)
    payload = decode(body)
    records = payload if isinstance(payload, list) else [payload]
    return accept(session, records, source="webhook")


def _check_signature(
    secret: str, timestamp: str | None, signature: str | None, body: bytes
) -> None:
    if not timestamp or not signature:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "unsigned request: send X-Unisono-Timestamp and X-Unisono-Signature",
        )
    if not timestamp.isdigit() or abs(utcnow().timestamp() - int(timestamp)) > MAX_AGE_S:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED, "X-Unisono-Timestamp is not within five minutes of now"
        )
    if not hmac.compare_digest(sign(secret, timestamp, body), signature):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bad signature")
