"""The survey page a customer opens from a survey link: one question, an optional comment,
answered once, in French or English."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import select

from unisono.bible import models as bible
from unisono.core.clock import utcnow
from unisono.surveys.links import LinkError, read_token
from unisono.surveys.service import (
    AnswerError,
    Target,
    answered,
    find_interaction,
    record_answer,
)
from unisono.web.deps import DbSession
from unisono.web.templating import language, page

router = APIRouter(include_in_schema=False)
SCALES = {"nps": range(11), "csat": range(1, 6), "ces": range(1, 8)}


def _company(session: DbSession) -> tuple[str, str]:
    row = session.execute(
        select(bible.BibleRevision.company, bible.BibleRevision.language)
        .order_by(bible.BibleRevision.id.desc())
        .limit(1)
    ).first()
    return (row.company, row.language) if row else ("", "fr")


@router.get("/s/{token}", response_class=HTMLResponse)
def show(token: str, request: Request, session: DbSession) -> HTMLResponse:
    """The question, or why it cannot be answered."""
    company, default = _company(session)
    lang = language(request, default)
    state = _state(token, request, session)
    if isinstance(state, HTMLResponse):
        return state
    kind, target = state
    if answered(session=session, target=target, kind=kind):
        return page("survey.html.j2", lang=lang, company=company, state="done", kind=kind)
    return page("survey.html.j2", lang=lang, company=company, state="ask", kind=kind,
                scale=SCALES[kind], token=token)  # fmt: skip


@router.post("/s/{token}", response_class=HTMLResponse)
def answer(
    token: str,
    request: Request,
    session: DbSession,
    score: Annotated[int | None, Form()] = None,
    comment: Annotated[str, Form(max_length=2000)] = "",
) -> HTMLResponse:
    """Store the answer once, and thank the customer."""
    company, default = _company(session)
    lang = language(request, default)
    state = _state(token, request, session)
    if isinstance(state, HTMLResponse):
        return state
    kind, target = state
    try:
        if score is None:
            raise AnswerError("score: missing")
        stored = record_answer(session=session, target=target, kind=kind, score=score,
                               comment=comment.strip(), at=utcnow(), origin="link")  # fmt: skip
    except AnswerError:
        return page("survey.html.j2", 422, lang=lang, company=company, state="ask", kind=kind,
                    scale=SCALES[kind], token=token, missing=True)  # fmt: skip
    return page("survey.html.j2", lang=lang, company=company,
                state="thanks" if stored else "done", kind=kind)  # fmt: skip


def _state(token: str, request: Request, session: DbSession) -> tuple[str, Target] | HTMLResponse:
    company, default = _company(session)
    lang = language(request, default)
    try:
        invitation = read_token(request.app.state.settings, token)
    except LinkError:
        return page("survey.html.j2", 404, lang=lang, company=company, state="invalid")
    target = find_interaction(session=session, external_id=invitation.interaction)
    if target is None:
        return page("survey.html.j2", 404, lang=lang, company=company, state="invalid")
    return invitation.kind, target
