"""The survey page a customer opens from a survey link: one question, an optional comment,
answered once, in French or English."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

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


@dataclass(frozen=True)
class _Visit:
    """A survey link opened: who asks (company, language), and what, or None if invalid."""

    company: str
    lang: str
    kind: str | None = None
    target: Target | None = None

    def render(self, state: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        return page(
            "survey.html.j2",
            status_code,
            lang=self.lang,
            company=self.company,
            state=state,
            kind=self.kind,
            **context,
        )


def _visit(token: str, request: Request, session: DbSession) -> _Visit:
    company, default = _company(session)
    visit = _Visit(company, language(request, default))
    try:
        invitation = read_token(request.app.state.settings, token)
    except LinkError:
        return visit
    target = find_interaction(session=session, external_id=invitation.interaction)
    return _Visit(visit.company, visit.lang, invitation.kind, target)


@router.get("/s/{token}", response_class=HTMLResponse)
def show(token: str, request: Request, session: DbSession) -> HTMLResponse:
    """The question, or why it cannot be answered."""
    visit = _visit(token, request, session)
    if visit.kind is None or visit.target is None:
        return visit.render("invalid", 404)
    if answered(session=session, target=visit.target, kind=visit.kind):
        return visit.render("done")
    return visit.render("ask", scale=SCALES[visit.kind], token=token)


@router.post("/s/{token}", response_class=HTMLResponse)
def answer(
    token: str,
    request: Request,
    session: DbSession,
    score: Annotated[int | None, Form()] = None,
    comment: Annotated[str, Form(max_length=2000)] = "",
) -> HTMLResponse:
    """Store the answer once, and thank the customer."""
    visit = _visit(token, request, session)
    if visit.kind is None or visit.target is None:
        return visit.render("invalid", 404)
    try:
        if score is None:
            raise AnswerError("score: missing")
        stored = record_answer(
            session=session,
            target=visit.target,
            kind=visit.kind,
            score=score,
            comment=comment.strip(),
            at=utcnow(),
            origin="link",
        )
    except AnswerError:
        return visit.render("ask", 422, scale=SCALES[visit.kind], token=token, missing=True)
    return visit.render("thanks" if stored else "done")
