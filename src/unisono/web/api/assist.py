"""REST endpoints for assist: the approved answer for a customer message (the same as
`unisono suggest --json`) and search over the bible (`unisono ask --json`), so that chatbots
and self-service give the agents' answer."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, status
from pydantic import BaseModel, Field

from unisono.assist.service import UnknownChannelError, current_assistant, search, suggest_reply
from unisono.web.deps import DbSession, Principal, Require

router = APIRouter(tags=["assist"])
User = Annotated[Principal, Depends(Require("assist.use"))]


class SuggestRequest(BaseModel):
    """A customer message to answer."""

    text: str = Field(min_length=1, max_length=20_000)
    channel: str
    customer: str | None = Field(default=None, description="Its record fills placeholders.")
    values: dict[str, str] = Field(default_factory=dict, description="Placeholder values.")


@router.post("/assist/suggest")
def suggest(body: SuggestRequest, request: Request, session: DbSession, _: User) -> dict[str, Any]:
    """The reason, the standard that applies and its approved answer for the channel."""
    try:
        found = suggest_reply(
            session=session, data_dir=request.app.state.settings.data_dir, text=body.text,
            channel=body.channel, customer_id=body.customer, values=body.values,
        )  # fmt: skip
    except UnknownChannelError as error:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(error)) from error
    except KeyError as error:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no customer {body.customer!r}") from error
    return dataclasses.asdict(found)


@router.get("/assist/search")
def find(
    request: Request,
    session: DbSession,
    _: User,
    q: Annotated[str, Query(min_length=1, max_length=2000, description="The question.")],
    channel: str | None = None,
    limit: Annotated[int, Query(ge=1, le=50)] = 5,
) -> list[dict[str, Any]]:
    """The standards that answer a free-text question, best first."""
    assistant = current_assistant(session=session, data_dir=request.app.state.settings.data_dir)
    try:
        matches = search(assistant, question=q, channel=channel, limit=limit)
    except UnknownChannelError as error:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(error)) from error
    return [dataclasses.asdict(match) for match in matches]
