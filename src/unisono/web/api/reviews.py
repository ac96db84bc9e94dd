"""REST endpoints for reviews, disputes, the review sample and calibration sessions.

Changes are made by integrations (an API token), which name the person acting by their login
in the body; it is recorded in the review's trail. People review in the web app's pages, where
the acting person is the signed-in user. Signed-in people read reviews within their scope (a
team lead their team's submitted evaluations, an agent their own), calibration reports with the
managers' roles.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Query, status
from pydantic import BaseModel, Field

from unisono.core.clock import utcnow
from unisono.reviews import calibration, queries, sampling, service
from unisono.reviews.models import PURPOSES, STATUSES
from unisono.web.deps import DbSession, Principal, Require

router = APIRouter(tags=["reviews"])
T = TypeVar("T")
Login = Annotated[str, Field(min_length=1, max_length=200, description="A person's login.")]
Values = dict[str, float | None]
Reader = Annotated[Principal, Depends(Require("reviews.read"))]
CalibrationReader = Annotated[Principal, Depends(Require("calibration.read"))]
Writer = Annotated[Principal, Depends(Require("reviews.write"))]


@contextmanager
def _refusals() -> Iterator[None]:
    """Refusals as HTTP errors: 404 not found, 409 not in this state, 422 invalid."""
    try:
        yield
    except service.ReviewNotFoundError as error:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(error)) from None
    except service.ReviewStateError as error:
        raise HTTPException(status.HTTP_409_CONFLICT, str(error)) from None
    except ValueError as error:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(error)) from None


def _review(session: Any, step: Callable[[], Any]) -> dict[str, Any]:
    with _refusals():
        review = step()
        session.flush()
        return queries.review_shape(session, review)


class StartRequest(BaseModel):
    """A review to start."""

    interaction: str
    auditor: Login
    scorecard: str | None = None
    calibration: str | None = None


@router.post("/reviews", status_code=status.HTTP_201_CREATED)
def start(body: StartRequest, session: DbSession, _: Writer) -> dict[str, Any]:
    """Start a review (the automatic criteria prefilled; blank in a calibration session)."""
    return _review(
        session,
        lambda: service.start_review(
            session=session,
            interaction=body.interaction,
            auditor=body.auditor,
            now=utcnow(),
            scorecard=body.scorecard,
            calibration=body.calibration,
        ),
    )


@router.get("/reviews")
def list_reviews(  # noqa: PLR0917 - each filter is a query parameter
    session: DbSession,
    reader: Reader,
    auditor: str | None = None,
    agent: str | None = None,
    status_: Annotated[Literal[STATUSES] | None, Query(alias="status")] = None,  # type: ignore[valid-type]
    purpose: Literal[PURPOSES] | None = None,  # type: ignore[valid-type]
    calibration_name: Annotated[str | None, Query(alias="calibration")] = None,
    limit: Annotated[int, Query(ge=0, le=1000)] = 100,
) -> list[dict[str, Any]]:
    """Reviews, newest first."""
    asked = queries.ReviewFilters(auditor, agent, status_, purpose, calibration_name, limit or None)
    filters = queries.within(asked, reader.scope)
    return [] if filters is None else queries.list_reviews(session=session, filters=filters)


@router.get("/reviews/{review_id}")
def show(review_id: int, session: DbSession, reader: Reader) -> dict[str, Any]:
    """A review with its criteria, disputes and trail (within the reader's scope)."""

    def step() -> Any:
        review = service.get_review(session=session, review_id=review_id)
        viewer = reader.name if reader.user is not None else None
        if not queries.may_see(session, review, reader.scope, viewer):
            raise service.ReviewNotFoundError(f"no review #{review_id}")
        return review

    return _review(session, step)


class ScoreRequest(BaseModel):
    """Criteria to set (null: not applicable), and why they depart from the automatic value."""

    auditor: Login
    values: Values
    reasons: dict[str, str] = {}


@router.patch("/reviews/{review_id}")
def score(review_id: int, body: ScoreRequest, session: DbSession, _: Writer) -> dict[str, Any]:
    """Score criteria of a review."""
    return _review(
        session,
        lambda: service.score_review(
            session=session,
            review_id=review_id,
            actor=body.auditor,
            values=body.values,
            reasons=body.reasons,
            now=utcnow(),
        ),
    )


class ActorRequest(BaseModel):
    """Who acts."""

    auditor: Login


@router.post("/reviews/{review_id}/submit")
def submit(review_id: int, body: ActorRequest, session: DbSession, _: Writer) -> dict[str, Any]:
    """Submit a review once every criterion is scored."""
    return _review(
        session,
        lambda: service.submit_review(
            session=session, review_id=review_id, actor=body.auditor, now=utcnow()
        ),
    )


class DisputeRequest(BaseModel):
    """The agent's dispute."""

    agent: Login
    reason: str
    proposed: Values


@router.post("/reviews/{review_id}/disputes", status_code=status.HTTP_201_CREATED)
def dispute(review_id: int, body: DisputeRequest, session: DbSession, _: Writer) -> dict[str, Any]:
    """Dispute a submitted review (the interaction's agent)."""

    def step() -> Any:
        service.dispute_review(
            session=session,
            review_id=review_id,
            agent=body.agent,
            reason=body.reason,
            proposed=body.proposed,
            now=utcnow(),
        )
        return service.get_review(session=session, review_id=review_id)

    return _review(session, step)


class DecisionRequest(BaseModel):
    """A decision on the open dispute."""

    decider: Login
    decision: Literal["accepted", "partial", "rejected"]
    values: Values = {}
    note: str | None = None


@router.post("/reviews/{review_id}/disputes/decision")
def decide(review_id: int, body: DecisionRequest, session: DbSession, _: Writer) -> dict[str, Any]:
    """Accept, partly accept or reject the open dispute (rejected: the scores are locked)."""
    return _review(
        session,
        lambda: service.decide_dispute(
            session=session,
            review_id=review_id,
            decider=body.decider,
            decision=body.decision,
            now=utcnow(),
            values=body.values,
            note=body.note,
        ),
    )


class SampleRequest(BaseModel):
    """The sample to draw."""

    since: dt.date | None = None
    until: dt.date | None = None
    per_agent: int = Field(5, ge=0)
    spotlights: list[str] = []
    per_spotlight: int = Field(10, ge=0)
    seed: int | None = None
    assign_to: Login | None = None


@router.post("/reviews/sample")
def sample(body: SampleRequest, session: DbSession, _: Writer) -> dict[str, Any]:
    """A fair sample per agent over channels and reasons, and spotlights; reviews started
    for ``assign_to`` when given."""
    request = sampling.SampleRequest(
        body.since,
        body.until,
        body.per_agent,
        tuple(body.spotlights),
        body.per_spotlight,
        body.seed,
    )
    with _refusals():
        return sampling.draw(
            session=session, request=request, assign_to=body.assign_to, now=utcnow()
        )


class CalibrationRequest(BaseModel):
    """A calibration session to create."""

    name: str = Field(min_length=1, max_length=200)
    created_by: Login
    interactions: list[str]
    scorecard: str | None = None


@router.post("/calibrations", status_code=status.HTTP_201_CREATED, tags=["calibration"])
def create_calibration(body: CalibrationRequest, session: DbSession, _: Writer) -> dict[str, Any]:
    """A calibration session on these interactions."""
    with _refusals():
        found = calibration.create_session(
            session=session,
            name=body.name,
            created_by=body.created_by,
            interactions=body.interactions,
            now=utcnow(),
            scorecard=body.scorecard,
        )
        return {
            "name": found.name,
            "scorecard": found.scorecard,
            "status": found.status,
            "interactions": calibration.session_interactions(session, found),
        }


@router.get("/calibrations/automatic", tags=["calibration"])
def agreement(
    session: DbSession,
    _: CalibrationReader,
    threshold: Annotated[float, Query(gt=0, le=1)] = calibration.THRESHOLD,
) -> dict[str, Any]:
    """How well the automatic audit agrees with the auditors, per criterion."""
    return calibration.automatic_agreement(session=session, threshold=threshold)


@router.get("/calibrations/{name}/report", tags=["calibration"])
def calibration_report(
    name: str,
    session: DbSession,
    _: CalibrationReader,
    threshold: Annotated[float, Query(gt=0, le=1)] = calibration.THRESHOLD,
    automatic: bool = True,
) -> dict[str, Any]:
    """Agreement per criterion, poorly agreed criteria, auditors' distances."""
    with _refusals():
        return calibration.report(
            session=session, name=name, threshold=threshold, automatic=automatic
        )


class CloseRequest(BaseModel):
    """Who closes the session."""

    closed_by: Login


@router.post("/calibrations/{name}/close", tags=["calibration"])
def close_calibration(
    name: str, body: CloseRequest, session: DbSession, _: Writer
) -> dict[str, str]:
    """Close a session: its reviews are locked."""
    with _refusals():
        found = calibration.close_session(
            session=session, name=name, actor=body.closed_by, now=utcnow()
        )
        return {"name": found.name, "status": found.status}
