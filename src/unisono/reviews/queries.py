"""Reading reviews back: one review with its criteria, disputes and trail, and lists of reviews
(an auditor's queue, an agent's reviews) within what the reader may see."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from unisono.accounts.permissions import DataScope
from unisono.interactions import models as hub
from unisono.interactions.search import in_scope
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
    offset: int = 0  # reviews skipped, newest first: for pages
    team: str | None = None
    statuses: tuple[str, ...] | None = None  # any of these
    interaction: str | None = None  # its external id


# What a team lead or an agent sees of the reviews of their scope: evaluations once submitted
# (not an auditor's draft, not a calibration exercise).
SHARED = ("submitted", "disputed", "locked")


def within(filters: ReviewFilters, scope: DataScope) -> ReviewFilters | None:
    """``filters`` narrowed to the reviews ``scope`` may see; None when it sees none."""
    if scope.everything:
        return filters
    if scope.nothing or (scope.agent and filters.agent not in (None, scope.agent)):
        return None
    if scope.team and filters.team not in (None, scope.team):
        return None
    statuses = tuple(s for s in (filters.statuses or SHARED) if s in SHARED)
    if filters.status is not None:
        statuses = tuple(s for s in statuses if s == filters.status)
    if not statuses or filters.purpose not in (None, "evaluation"):
        return None
    return replace(
        filters,
        purpose="evaluation",
        statuses=statuses,
        agent=scope.agent or filters.agent,
        team=scope.team or filters.team,
    )


def may_see(session: Session, review: Review, scope: DataScope, viewer: str | None) -> bool:
    """Whether ``viewer`` (a login; None for an integration) of ``scope`` may open ``review``:
    a review of an open calibration session is its auditor's alone (the others score blind)."""
    if viewer is not None and review.calibration_id is not None and review.auditor != viewer:
        calibration = session.get(CalibrationSession, review.calibration_id)
        if calibration is not None and calibration.status == "open":
            return False
    if scope.everything:
        return True
    if review.purpose != "evaluation" or review.status not in SHARED:
        return False
    interaction = session.get(hub.Interaction, review.interaction_id)
    return interaction is not None and in_scope(interaction, scope)


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
        "blind": blind,  # scored blind: the automatic values are not shown until it closes
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


def _filtered(query: Any, filters: ReviewFilters) -> Any:
    if filters.auditor is not None:
        query = query.where(Review.auditor == filters.auditor)
    if filters.status is not None:
        query = query.where(Review.status == filters.status)
    if filters.statuses is not None:
        query = query.where(Review.status.in_(filters.statuses))
    if filters.purpose is not None:
        query = query.where(Review.purpose == filters.purpose)
    if filters.agent is not None:
        query = query.where(hub.Agent.external_id == filters.agent)
    if filters.team is not None:
        query = query.where(hub.Team.name == filters.team)
    if filters.interaction is not None:
        query = query.where(hub.Interaction.external_id == filters.interaction)
    if filters.calibration is not None:
        chosen = select(CalibrationSession.id).where(CalibrationSession.name == filters.calibration)
        query = query.where(Review.calibration_id.in_(chosen))
    return query


def list_reviews(*, session: Session, filters: ReviewFilters) -> list[dict[str, Any]]:
    """Reviews, newest first (one query, whatever their number)."""
    query = _filtered(_with_context(select(Review, *_CONTEXT)), filters)
    sessions = {s.id: s for s in session.scalars(select(CalibrationSession))}
    query = query.order_by(Review.id.desc())
    if filters.limit:
        query = query.limit(filters.limit)
    if filters.offset:
        query = query.offset(filters.offset)
    return [
        _summary(row[0], row, sessions.get(row[0].calibration_id or -1))
        for row in session.execute(query)
    ]


def count_reviews(*, session: Session, filters: ReviewFilters) -> int:
    """How many reviews match ``filters`` (their limit aside)."""
    query = _filtered(_with_context(select(func.count())), filters)
    return session.scalar(query) or 0
