"""Calibration sessions: a quality manager picks interactions, each auditor scores them blind,
and the report shows how well they agree, criterion by criterion (Cohen's and Fleiss' kappa,
Krippendorff's alpha, Gwet's AC1), poor agreement flagged (docs/reviews.md)."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from unisono.core.clock import utcnow
from unisono.reviews import calibration, queries, service
from unisono.reviews.models import CalibrationSession
from unisono.web.deps import DbSession, Principal, Require
from unisono.web.i18n import Formatter
from unisono.web.pages.reviews import open_review
from unisono.web.scoring import Fields, problem_text
from unisono.web.templating import render

router = APIRouter(include_in_schema=False)
Reader = Annotated[Principal, Depends(Require("calibration.read"))]
Manager = Annotated[Principal, Depends(Require("calibration.manage"))]
Auditor = Annotated[Principal, Depends(Require("reviews.conduct"))]
_IDS = re.compile(r"[\s,;]+")


def _sessions(session: Session) -> list[dict[str, Any]]:
    """Every session, newest first, with who has submitted reviews in it."""
    rows = session.scalars(select(CalibrationSession).order_by(CalibrationSession.id.desc()))
    done = queries.ReviewFilters(
        purpose="calibration", statuses=("submitted", "locked"), limit=None
    )
    auditors: dict[str, set[str]] = {}
    for review in queries.list_reviews(session=session, filters=done):
        auditors.setdefault(review["calibration"], set()).add(review["auditor"])
    return [
        {"session": row, "interactions": len(row.items),
         "auditors": sorted(auditors.get(row.name, ()))}
        for row in rows
    ]  # fmt: skip


def _index(
    request: Request, session: Session, reader: Principal, *, problem: str | None = None,
    entered: dict[str, str] | None = None,
) -> HTMLResponse:  # fmt: skip
    return render(
        request, session, reader, "calibration/index.html.j2",
        status_code=422 if problem else 200, current="reviews", sessions=_sessions(session),
        candidates=calibration.candidates(session=session), problem=problem,
        entered=entered or {},
    )  # fmt: skip


@router.get("/calibration", response_class=HTMLResponse)
def index(request: Request, session: DbSession, reader: Reader) -> HTMLResponse:
    """The calibration sessions, and a new one to create."""
    return _index(request, session, reader)


@router.post("/calibration")
def create(request: Request, session: DbSession, manager: Manager, fields: Fields) -> Response:
    """A new session on the interactions ticked or typed."""
    ticked = [key.removeprefix("pick-") for key in fields if key.startswith("pick-")]
    typed = [part for part in _IDS.split(fields.get("more", "")) if part]
    try:
        created = calibration.create_session(
            session=session, name=fields.get("name", "").strip(), created_by=manager.name,
            interactions=ticked + typed, now=utcnow(),
        )  # fmt: skip
    except (ValueError, LookupError) as error:
        session.rollback()
        problem = problem_text(ValueError(str(error)), Formatter(manager.language), {})
        return _index(request, session, manager, problem=problem, entered=fields)
    return RedirectResponse(f"/calibration/{created.id}", status.HTTP_303_SEE_OTHER)


def _found(session: Session, session_id: int) -> CalibrationSession:
    found = session.get(CalibrationSession, session_id)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no calibration session #{session_id}")
    return found


@router.get("/calibration/{session_id}", response_class=HTMLResponse)
def show(session_id: int, request: Request, session: DbSession, reader: Reader) -> HTMLResponse:
    """A session: its interactions, the reader's own reviews of them, and the agreement."""
    found = _found(session, session_id)
    reviews = queries.list_reviews(
        session=session, filters=queries.ReviewFilters(calibration=found.name, limit=None)
    )
    mine = {r["interaction_id"]: r for r in reviews if r["auditor"] == reader.name}
    submitted: dict[str, int] = {}
    for review in reviews:
        if review["status"] in ("submitted", "locked"):
            submitted[review["interaction_id"]] = submitted.get(review["interaction_id"], 0) + 1
    return render(
        request, session, reader, "calibration/session.html.j2", current="reviews",
        calibration=found, items=calibration.session_interactions(session, found), mine=mine,
        submitted=submitted, report=calibration.report(session=session, name=found.name),
        closed=request.query_params.get("closed"),
    )  # fmt: skip


@router.post("/calibration/{session_id}/reviews")
def score(session_id: int, session: DbSession, auditor: Auditor, fields: Fields) -> Response:
    """Score one of the session's interactions, blind (or open one's review of it)."""
    found = _found(session, session_id)
    interaction = fields.get("interaction", "")
    return open_review(session, auditor, interaction, calibration=found.name)


@router.post("/calibration/{session_id}/close")
def close(session_id: int, session: DbSession, manager: Manager) -> Response:
    """Close the session: its reviews are locked and the automatic values shown."""
    found = _found(session, session_id)
    try:
        calibration.close_session(
            session=session, name=found.name, actor=manager.name, now=utcnow()
        )
    except service.ReviewStateError as error:
        raise HTTPException(status.HTTP_409_CONFLICT, str(error)) from None
    return RedirectResponse(f"/calibration/{found.id}?closed=1", status.HTTP_303_SEE_OTHER)
