"""The assist page: paste a customer message, pick a channel (and a customer, whose record fills
the placeholders), get the contact reason, the standard, the approved answer and what to say
and not to say; or search the bible with a free question. The same service as the API and
`unisono suggest`, so every channel gives the same answer."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from unisono.assist.service import (
    Match,
    Suggestion,
    UnknownChannelError,
    current_assistant,
    search,
    suggest_reply,
)
from unisono.bible.queries import active_channels
from unisono.web.deps import DbSession, Principal, Require
from unisono.web.templating import N_, render

router = APIRouter(include_in_schema=False)
Helper = Annotated[Principal, Depends(Require("assist.use"))]
MAX_MESSAGE = 20_000
MAX_QUESTION = 2_000
_PLACEHOLDER = re.compile(r"(\{[a-z_]+\})")


def answer_pieces(answer: str | None) -> list[tuple[str, bool]]:
    """The answer cut around the placeholders still to fill (``True`` for a placeholder)."""
    if not answer:
        return []
    return [
        (part, bool(_PLACEHOLDER.fullmatch(part))) for part in _PLACEHOLDER.split(answer) if part
    ]


def _page(
    request: Request,
    session: Session,
    helper: Principal,
    *,
    asked: dict[str, str],
    suggestion: Suggestion | None = None,
    matches: list[Match] | None = None,
    problem: str | None = None,
) -> HTMLResponse:
    return render(
        request, session, helper, "assist.html.j2", status_code=422 if problem else 200,
        current="assist", channels={c.id: c.label for c in active_channels(session=session)},
        asked=asked, suggestion=suggestion, matches=matches, problem=problem,
        pieces=answer_pieces(suggestion.answer if suggestion else None),
        related_pieces={m.standard_id: answer_pieces(m.answer) for m in (matches or [])},
    )  # fmt: skip


@router.get("/assist", response_class=HTMLResponse)
def show(
    request: Request, session: DbSession, helper: Helper, q: str = "", channel: str = ""
) -> HTMLResponse:
    """The two forms; with ``q``, the standards that answer that question."""
    asked = {"q": q[:MAX_QUESTION], "channel": channel}
    if not q.strip():
        return _page(request, session, helper, asked=asked)
    data_dir = request.app.state.settings.data_dir
    try:
        matches = search(
            current_assistant(session=session, data_dir=data_dir),
            question=asked["q"], channel=channel or None, limit=5,
        )  # fmt: skip
    except UnknownChannelError:
        return _page(
            request, session, helper, asked=asked, problem=N_("Choose a channel of the list.")
        )
    return _page(request, session, helper, asked=asked, matches=matches)


@router.post("/assist", response_class=HTMLResponse)
def suggest(  # noqa: PLR0917 - each field of the form
    request: Request,
    session: DbSession,
    helper: Helper,
    text: Annotated[str, Form(max_length=MAX_MESSAGE)],
    channel: Annotated[str, Form()],
    customer: Annotated[str, Form(max_length=200)] = "",
) -> HTMLResponse:
    """The suggested answer for the pasted message on the chosen channel."""
    asked = {"text": text, "channel": channel, "customer": customer.strip()}
    if not text.strip():
        return _page(
            request, session, helper, asked=asked, problem=N_("Paste the customer's message.")
        )
    try:
        found = suggest_reply(
            session=session, data_dir=request.app.state.settings.data_dir, text=text,
            channel=channel, customer_id=asked["customer"] or None,
            values={"agent_name": helper.user.display_name} if helper.user else None,
        )  # fmt: skip
    except UnknownChannelError:
        return _page(
            request, session, helper, asked=asked, problem=N_("Choose a channel of the list.")
        )
    except KeyError:
        return _page(request, session, helper, asked=asked, problem=N_("No customer has this id."))
    return _page(request, session, helper, asked=asked, suggestion=found)
