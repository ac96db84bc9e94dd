"""The reviews' pages: the list (to do, disputed, done), one review on its scorecard — scored
and submitted by its auditor, disputed by the interaction's agent, decided by a manager — and
the month's sample. Whoever acts is the signed-in user: their username is the auditor's or the
decider's login, their linked agent the agent's (docs/web.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from unisono.accounts.permissions import allowed
from unisono.bible import queries as bible_queries
from unisono.core.clock import utcnow
from unisono.interactions.detail import Detail, interaction_detail
from unisono.reviews import queries, sampling, service
from unisono.reviews.models import Review
from unisono.reviews.spotlights import SPOTLIGHTS
from unisono.web.deps import DbSession, Principal, Require
from unisono.web.highlight import conversation
from unisono.web.i18n import Formatter
from unisono.web.scoring import (
    CHOICES,
    Fields,
    FormFields,
    criteria_reasons,
    criteria_values,
    problem_text,
)
from unisono.web.templating import render

router = APIRouter(include_in_schema=False)
Reader = Annotated[Principal, Depends(Require("reviews.read"))]
Auditor = Annotated[Principal, Depends(Require("reviews.conduct"))]
Disputer = Annotated[Principal, Depends(Require("reviews.dispute"))]
Decider = Annotated[Principal, Depends(Require("reviews.decide"))]
TABS = ("todo", "done", "disputed")
PER_PAGE = 50


def _labels_of_the_bible(session: Session) -> dict[str, Any]:
    """The channels' and reasons' labels, for the pages to show instead of their ids."""
    return {
        "channels": {c.id: c.label for c in bible_queries.active_channels(session=session)},
        "reasons": {r.id: r.label for r in bible_queries.active_reasons(session=session)},
    }


def _tab_filters(tab: str, login: str) -> queries.ReviewFilters:
    if tab == "todo":
        return queries.ReviewFilters(auditor=login, status="draft")
    if tab == "disputed":
        return queries.ReviewFilters(purpose="evaluation", status="disputed")
    return queries.ReviewFilters(purpose="evaluation", statuses=("submitted", "locked"))


@router.get("/reviews", response_class=HTMLResponse)
def list_(
    request: Request, session: DbSession, reader: Reader, tab: str = "", page: int = 1
) -> HTMLResponse:
    """The reader's reviews: to do (their drafts), disputed, done — within their scope, a page
    of the newest first."""
    tabs = [t for t in TABS if t != "todo" or allowed(reader.role, "reviews.conduct")]
    tab = tab if tab in tabs else ("todo" if "todo" in tabs else "done")
    counts: dict[str, int] = {}
    rows: list[dict[str, Any]] = []
    for name in tabs:
        filters = queries.within(_tab_filters(name, reader.name), reader.scope)
        counts[name] = queries.count_reviews(session=session, filters=filters) if filters else 0
        if name == tab and filters is not None:
            pages = max(1, -(-counts[name] // PER_PAGE))
            page = min(max(page, 1), pages)
            shown = replace(filters, limit=PER_PAGE, offset=(page - 1) * PER_PAGE)
            rows = queries.list_reviews(session=session, filters=shown)
    return render(
        request, session, reader, "reviews/list.html.j2", current="reviews",
        tabs=tabs, tab=tab, counts=counts, rows=rows, page=page,
        pages=max(1, -(-counts.get(tab, 0) // PER_PAGE)), drawn=request.query_params.get("drawn"),
        **_labels_of_the_bible(session),
    )  # fmt: skip


def _sample_page(
    request: Request, session: Session, auditor: Principal, *, problem: str | None = None
) -> HTMLResponse:
    return render(
        request, session, auditor, "reviews/sample.html.j2",
        status_code=422 if problem else 200, current="reviews", problem=problem,
        spotlights=[(s.name, s.label_fr if auditor.language == "fr" else s.label_en)
                    for s in SPOTLIGHTS.values()],
    )  # fmt: skip


@router.get("/reviews/sample", response_class=HTMLResponse)
def sample_form(request: Request, session: DbSession, auditor: Auditor) -> HTMLResponse:
    """The month's sample: the same quota per agent, stratified, and spotlights."""
    return _sample_page(request, session, auditor)


def _day(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value.strip() else None


@router.post("/reviews/sample")
def sample(request: Request, session: DbSession, auditor: Auditor, fields: Fields) -> Response:
    """Draw the sample and start a review of each pick for the signed-in auditor."""
    try:
        asked = sampling.SampleRequest(
            since=_day(fields.get("since", "")),
            until=_day(fields.get("until", "")),
            per_agent=int(fields.get("per_agent") or 5),
            spotlights=tuple(name for name in SPOTLIGHTS if fields.get(f"spotlight-{name}")),
            per_spotlight=int(fields.get("per_spotlight") or 10),
        )
        drawn = sampling.draw(session=session, request=asked, assign_to=auditor.name, now=utcnow())
    except ValueError as error:
        session.rollback()
        problem = problem_text(error, Formatter(auditor.language), {})
        return _sample_page(request, session, auditor, problem=problem)
    return RedirectResponse(
        f"/reviews?tab=todo&drawn={len(drawn['reviews'])}", status.HTTP_303_SEE_OTHER
    )


def open_review(
    session: Session,
    auditor: Principal,
    interaction: str,
    *,
    calibration: str | None = None,
    scorecard: str | None = None,
) -> Response:
    """The auditor's review of an interaction (of a calibration session): the one they have,
    or a new one (an evaluation prefilled, a calibration review blank)."""
    purpose = "evaluation" if calibration is None else None
    mine = queries.ReviewFilters(auditor=auditor.name, purpose=purpose, calibration=calibration,
                                 interaction=interaction, limit=1)  # fmt: skip
    found = queries.list_reviews(session=session, filters=mine)
    if found:
        return RedirectResponse(f"/reviews/{found[0]['id']}", status.HTTP_303_SEE_OTHER)
    try:
        review = service.start_review(
            session=session, interaction=interaction, auditor=auditor.name, now=utcnow(),
            scorecard=scorecard, calibration=calibration,
        )  # fmt: skip
    except service.ReviewNotFoundError as missing:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(missing)) from None
    except ValueError as error:
        raise HTTPException(status.HTTP_409_CONFLICT, str(error)) from None
    return RedirectResponse(f"/reviews/{review.id}", status.HTTP_303_SEE_OTHER)


@router.post("/interactions/{interaction_id}/reviews")
def start(interaction_id: str, session: DbSession, auditor: Auditor, fields: Fields) -> Response:
    """Review an interaction (the automatic criteria prefilled), or open one's review of it."""
    return open_review(session, auditor, interaction_id, scorecard=fields.get("scorecard") or None)


def _visible(session: Session, review_id: int, reader: Principal) -> Review:
    """The review, if the reader may open it (404 otherwise: its existence is not told)."""
    review = session.get(Review, review_id)
    viewer = reader.name if reader.user is not None else None
    if review is None or not queries.may_see(session, review, reader.scope, viewer):
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no review #{review_id}")
    return review


def _may(review: Review, reader: Principal, detail: Detail) -> dict[str, bool]:
    """What the reader may do to this review now (the service checks it again)."""
    agent = detail.interaction.agent
    own = agent is not None and reader.user is not None and agent.external_id == reader.user.agent
    return {
        "score": review.auditor == reader.name
        and allowed(reader.role, "reviews.conduct")
        and review.status == "draft",
        "dispute": own
        and allowed(reader.role, "reviews.dispute")
        and review.purpose == "evaluation"
        and review.status == "submitted",
        "decide": allowed(reader.role, "reviews.decide") and review.status == "disputed",
    }


def _page(
    request: Request,
    session: Session,
    reader: Principal,
    review: Review,
    *,
    problem: str | None = None,
    entered: FormFields | None = None,
) -> HTMLResponse:
    shape = queries.review_shape(session, review)
    detail = interaction_detail(
        session=session, external_id=shape["interaction_id"], scope=reader.scope
    )
    if detail is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no review #{review.id}")
    automatic = next((s for s in detail.scores if s.scorecard == review.scorecard), None)
    return render(
        request, session, reader, "reviews/review.html.j2",
        status_code=422 if problem else 200, current="reviews", review=shape, detail=detail,
        row=detail.interaction, messages=conversation(detail, findings=not shape["blind"]),
        automatic=None if shape["blind"] else automatic, may=_may(review, reader, detail),
        choices=CHOICES, problem=problem, entered=entered or {},
        done=request.query_params.get("done"), **_labels_of_the_bible(session),
    )  # fmt: skip


@router.get("/reviews/{review_id}", response_class=HTMLResponse)
def show(review_id: int, request: Request, session: DbSession, reader: Reader) -> HTMLResponse:
    """A review: the scorecard beside the conversation, its disputes and its trail."""
    return _page(request, session, reader, _visible(session, review_id, reader))


def _refused(  # noqa: PLR0917 - a refusal is shown on the review's page
    request: Request,
    session: Session,
    reader: Principal,
    review_id: int,
    error: ValueError,
    fields: FormFields,
) -> HTMLResponse:
    """The review page again with what went wrong and what was entered; nothing kept."""
    session.rollback()
    review = _visible(session, review_id, reader)
    problem = problem_text(error, Formatter(reader.language), _labels(session, review))
    return _page(request, session, reader, review, problem=problem, entered=fields)


def _criteria(review: Review) -> list[str]:
    return [row.criterion for row in review.criteria]


def _labels(session: Session, review: Review) -> dict[str, str]:
    return {c["id"]: c["label"] for c in queries.review_shape(session, review)["criteria"]}


@router.post("/reviews/{review_id}")
def score(
    review_id: int, request: Request, session: DbSession, auditor: Auditor, fields: Fields
) -> Response:
    """Save the auditor's values (and reasons), and submit the review when asked."""
    review = _visible(session, review_id, auditor)
    try:
        values = criteria_values(fields, _criteria(review))
        service.score_review(
            session=session, review_id=review.id, actor=auditor.name, values=values,
            reasons=criteria_reasons(fields, list(values)), now=utcnow(),
        )  # fmt: skip
    except ValueError as error:
        return _refused(request, session, auditor, review_id, error, fields)
    done = "saved"
    if fields.get("action") == "submit":
        try:
            service.submit_review(
                session=session, review_id=review.id, actor=auditor.name, now=utcnow()
            )
        except ValueError as error:  # the values are kept: only submitting waits
            session.flush()
            problem = problem_text(error, Formatter(auditor.language), _labels(session, review))
            return _page(request, session, auditor, review, problem=problem)
        done = "submitted"
    return RedirectResponse(f"/reviews/{review.id}?done={done}", status.HTTP_303_SEE_OTHER)


def _act(  # noqa: PLR0917 - one step on a review, from a form
    request: Request,
    session: Session,
    reader: Principal,
    review_id: int,
    fields: FormFields,
    done: str,
    step: Callable[[Review], object],
) -> Response:
    """Take ``step`` on the review; its page again with the refusal, or after it is done."""
    review = _visible(session, review_id, reader)
    try:
        step(review)
    except ValueError as error:
        return _refused(request, session, reader, review_id, error, fields)
    return RedirectResponse(f"/reviews/{review.id}?done={done}", status.HTTP_303_SEE_OTHER)


@router.post("/reviews/{review_id}/dispute")
def dispute(
    review_id: int, request: Request, session: DbSession, agent: Disputer, fields: Fields
) -> Response:
    """The interaction's agent disputes the review, proposing other values."""
    login = agent.user.agent if agent.user is not None and agent.user.agent else ""
    return _act(request, session, agent, review_id, fields, "disputed", lambda review: (
        service.dispute_review(
            session=session, review_id=review.id, agent=login, reason=fields.get("why", ""),
            proposed=criteria_values(fields, _criteria(review)), now=utcnow(),
        )
    ))  # fmt: skip


@router.post("/reviews/{review_id}/decision")
def decide(
    review_id: int, request: Request, session: DbSession, decider: Decider, fields: Fields
) -> Response:
    """Accept the dispute, accept part of it, or reject it (the scores are then locked)."""
    decision = fields.get("decision", "")
    return _act(request, session, decider, review_id, fields, "decided", lambda review: (
        service.decide_dispute(
            session=session, review_id=review.id, decider=decider.name, decision=decision,
            now=utcnow(), note=fields.get("note"),
            values=criteria_values(fields, _criteria(review)) if decision == "partial" else {},
        )
    ))  # fmt: skip
