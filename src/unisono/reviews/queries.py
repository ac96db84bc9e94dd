"""Reading reviews back: one review with its criteria, disputes and trail, and lists of reviews
(an auditor's queue, an agent's reviews)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from unisono.interactions import models as hub
from unisono.reviews.models import CalibrationSession, Review
from unisono.reviews.service import card_of


@dataclass(frozen=True)
class ReviewFilters:
    """Which reviews to list."""

    auditor: str | None = None
    agent: str | None = None
    status: str | None = None
    purpose: str | None = None
    calibration: str | None = None
    limit: int | None = 100


def review_shape(session: Session, review: Review) -> dict[str, Any]:
    """A review as `unisono review show --json` prints it."""
    card = card_of(session, review)
    criteria = {criterion.id: criterion for criterion in card.criteria}
    calibration = (
        session.get(CalibrationSession, review.calibration_id) if review.calibration_id else None
    )
    blind = calibration is not None and calibration.status == "open"
    context = session.execute(_with_context(select(*_CONTEXT)).where(Review.id == review.id)).one()
    return _summary(review, context, calibration) | {
        "criteria": [
            {
                "id": row.criterion,
                "label": criteria[row.criterion].label,
                "weight": criteria[row.criterion].weight,
                "critical": criteria[row.criterion].critical,
                "manual": criteria[row.criterion].manual,
                "automatic": None if blind else row.automatic,
                "value": None if row.source == "pending" else row.value,
                "source": row.source,
                "reason": row.reason,
            }
            for row in review.criteria
        ],
        "disputes": [
            {
                "id": d.id,
                "agent": d.agent,
                "opened_at": d.opened_at,
                "reason": d.reason,
                "proposed": d.proposed,
                "decision": d.decision,
                "decided_by": d.decided_by,
                "decided_at": d.decided_at,
                "note": d.note,
                "applied": d.applied,
            }
            for d in review.disputes
        ],
        "trail": [
            {"at": e.at, "actor": e.actor, "action": e.action, "detail": e.detail}
            for e in review.events
        ],
    }


_CONTEXT = (
    hub.Interaction.external_id,
    hub.Agent.external_id.label("agent"),
    hub.Team.name.label("team"),
    hub.Interaction.channel_id,
    hub.Interaction.reason_id,
)


def _with_context(query: Any) -> Any:
    return (
        query.select_from(Review)
        .join(hub.Interaction, hub.Interaction.id == Review.interaction_id)
        .outerjoin(hub.Agent, hub.Agent.id == hub.Interaction.agent_id)
        .outerjoin(hub.Team, hub.Team.id == hub.Interaction.team_id)
    )


def _summary(
    review: Review, context: Any, calibration: CalibrationSession | None
) -> dict[str, Any]:
    return {
        "id": review.id,
        "interaction_id": context.external_id,
        "agent": context.agent,
        "team": context.team,
        "channel": context.channel_id,
        "reason": context.reason_id,
        "scorecard": review.scorecard,
        "scorecard_version": review.scorecard_version,
        "auditor": review.auditor,
        "purpose": review.purpose,
        "calibration": calibration.name if calibration else None,
        "status": review.status,
        "sample": review.sample,
        "score": review.score,
        "score_without_critical": review.score_without_critical,
        "critical_failed": review.critical_failed,
        "created_at": review.created_at,
        "updated_at": review.updated_at,
        "submitted_at": review.submitted_at,
    }


def list_reviews(*, session: Session, filters: ReviewFilters) -> list[dict[str, Any]]:
    """Reviews, newest first (one query, whatever their number)."""
    query = _with_context(select(Review, *_CONTEXT))
    if filters.auditor is not None:
        query = query.where(Review.auditor == filters.auditor)
    if filters.status is not None:
        query = query.where(Review.status == filters.status)
    if filters.purpose is not None:
        query = query.where(Review.purpose == filters.purpose)
    if filters.agent is not None:
        query = query.where(hub.Agent.external_id == filters.agent)
    sessions = {s.id: s for s in session.scalars(select(CalibrationSession))}
    if filters.calibration is not None:
        chosen = [s.id for s in sessions.values() if s.name == filters.calibration]
        query = query.where(Review.calibration_id.in_(chosen))
    query = query.order_by(Review.id.desc())
    if filters.limit:
        query = query.limit(filters.limit)
    return [
        _summary(row[0], row, sessions.get(row[0].calibration_id or -1))
        for row in session.execute(query)
    ]
