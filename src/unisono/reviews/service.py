"""Reviews and disputes: an auditor starts a review (the automatic criteria prefilled from the
audit), changes a criterion with a reason, submits; the interaction's agent disputes; another
person accepts, partly accepts or rejects the dispute — after a rejection the scores are
locked. Every step is written to the review's trail. docs/reviews.md describes the rules."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from unisono.audit import models as audit
from unisono.audit.scorecards import Scorecard, combine, find_scorecard
from unisono.interactions import models as hub
from unisono.reviews import models
from unisono.reviews.models import Dispute, Review, ReviewCriterion

Values = dict[str, float | None]


class ReviewNotFoundError(LookupError):
    """No such review, interaction or calibration session."""


class ReviewStateError(ValueError):
    """The review is not in a state that allows this (locked, disputed, already submitted…)."""


class ReasonMissingError(ValueError):
    """A criterion departs from the automatic value without a reason."""

    def __init__(self, criterion: str, automatic: float | None) -> None:
        super().__init__(f"{criterion}: say why it departs from the automatic {_shown(automatic)}")
        self.criterion, self.automatic = criterion, automatic


class CriteriaPendingError(ValueError):
    """A review submitted before every criterion is scored."""

    def __init__(self, pending: list[str]) -> None:
        super().__init__(f"score these criteria first (a value, or n/a): {', '.join(pending)}")
        self.pending = pending


def check_login(login: str, who: str) -> str:
    """A person's login: not empty, no spaces."""
    cleaned = login.strip()
    if not cleaned or any(c.isspace() for c in cleaned) or len(cleaned) > 200:
        raise ValueError(f"{who} {login!r}: a login without spaces (at most 200 characters)")
    return cleaned


def find_interaction(session: Session, external_id: str) -> hub.Interaction:
    """The interaction ``external_id``, or ReviewNotFoundError."""
    found = session.scalars(
        select(hub.Interaction).where(hub.Interaction.external_id == external_id)
    ).first()
    if found is None:
        raise ReviewNotFoundError(f"no interaction {external_id!r}")
    return found


def get_review(*, session: Session, review_id: int) -> Review:
    """The review ``review_id``, or ReviewNotFoundError."""
    review = session.get(Review, review_id)
    if review is None:
        raise ReviewNotFoundError(f"no review #{review_id}")
    return review


def card_of(session: Session, review: Review) -> Scorecard:
    """The scorecard (version) a review is scored on."""
    return find_scorecard(session, review.scorecard, review.scorecard_version)


def start_review(
    *,
    session: Session,
    interaction: str,
    auditor: str,
    now: dt.datetime,
    scorecard: str | None = None,
    calibration: str | None = None,
    sample: str | None = None,
) -> Review:
    """A new review of ``interaction`` by ``auditor``. An evaluation has the automatic criteria
    prefilled from the audit; a review in the calibration session ``calibration`` starts blank
    (each auditor scores alone) on the session's scorecard."""
    auditor = check_login(auditor, "auditor")
    found = find_interaction(session, interaction)
    calibration_id = None
    if calibration is not None:
        chosen = _open_session(session, calibration, found.id)
        calibration_id, scorecard = chosen.id, chosen.scorecard
    automatic = _automatic(session, found.id, scorecard)
    card = find_scorecard(session, scorecard, automatic[1] if automatic else None)
    purpose = "calibration" if calibration_id is not None else "evaluation"
    _refuse_twice(session, found.id, card.standard_id, auditor, calibration_id)
    review = Review(
        interaction_id=found.id,
        scorecard=card.standard_id,
        scorecard_version=card.version,
        auditor=auditor,
        purpose=purpose,
        calibration_id=calibration_id,
        status="draft",
        sample=sample,
        created_at=now,
        updated_at=now,
    )
    _add_criteria(review, card, automatic[0] if automatic else {})
    _rescore(review, card)
    session.add(review)
    _trail(review, auditor, "created", {"purpose": purpose, "sample": sample}, now)
    session.flush()
    return review


def _add_criteria(review: Review, card: Scorecard, audited: dict[str, Any]) -> None:
    """The scorecard's criteria, the automatic ones prefilled from the audit (evaluations)."""
    purpose = review.purpose
    for position, criterion in enumerate(card.criteria):
        known = criterion.id in audited and not criterion.manual
        value = audited.get(criterion.id) if known else None
        prefilled = known and purpose == "evaluation"  # a calibration is scored blind
        review.criteria.append(
            ReviewCriterion(
                criterion=criterion.id,
                position=position,
                automatic=value,
                prefilled=prefilled,
                value=value if prefilled else None,
                source="automatic" if prefilled else "pending",
            )
        )


def find_session(session: Session, name: str) -> models.CalibrationSession:
    """The calibration session ``name``, or ReviewNotFoundError."""
    found = session.scalars(
        select(models.CalibrationSession).where(models.CalibrationSession.name == name)
    ).first()
    if found is None:
        raise ReviewNotFoundError(f"no calibration session {name!r}")
    return found


def _open_session(session: Session, name: str, interaction_id: int) -> models.CalibrationSession:
    found = find_session(session, name)
    if found.status != "open":
        raise ReviewStateError(f"the calibration session {name!r} is closed")
    if interaction_id not in {item.interaction_id for item in found.items}:
        raise ValueError(f"the interaction is not one of the session {name!r}'s")
    return found


def _automatic(
    session: Session, interaction_id: int, scorecard: str | None
) -> tuple[dict[str, Any], int] | None:
    """The audit's criteria values and scorecard version for the interaction, if scored."""
    query = select(audit.QaScore).where(audit.QaScore.interaction_id == interaction_id)
    if scorecard is not None:
        query = query.where(audit.QaScore.scorecard == scorecard)
    rows = session.scalars(query).all()
    if len(rows) != 1:
        return None  # not analysed yet (or several scorecards and none named)
    return rows[0].criteria, rows[0].scorecard_version


def _refuse_twice(
    session: Session, interaction_id: int, card: str, auditor: str, calibration_id: int | None
) -> None:
    existing = session.scalars(
        select(Review.id).where(
            Review.interaction_id == interaction_id,
            Review.scorecard == card,
            Review.auditor == auditor,
            Review.calibration_id.is_(None)
            if calibration_id is None
            else Review.calibration_id == calibration_id,
        )
    ).first()
    if existing is not None:
        raise ReviewStateError(f"{auditor} already reviews this interaction: review #{existing}")


def score_review(
    *,
    session: Session,
    review_id: int,
    actor: str,
    values: Values,
    reasons: dict[str, str],
    now: dt.datetime,
) -> Review:
    """Set criteria values (None: not applicable). Departing from the automatic value needs a
    reason. Only the review's auditor edits it, and only while it is neither disputed nor
    locked."""
    review = get_review(session=session, review_id=review_id)
    _editable(review, actor)
    card = card_of(session, review)
    unknown = set(reasons) - set(values)
    if unknown:
        raise ValueError(f"reasons given for criteria not set: {', '.join(sorted(unknown))}")
    changes = _apply(review, card, values, reasons, source="auditor")
    if changes:
        _rescore(review, card)
        review.updated_at = now
        _trail(review, actor, "scored", {"changes": changes}, now)
    return review


def _editable(review: Review, actor: str) -> None:
    if actor != review.auditor:
        raise ReviewStateError(f"review #{review.id} is {review.auditor}'s: {actor} cannot edit it")
    if review.status == "disputed":
        raise ReviewStateError(f"review #{review.id} is disputed: decide the dispute first")
    if review.status == "locked":
        raise ReviewStateError(f"review #{review.id} is locked: its scores can no longer change")


def _apply(
    review: Review, card: Scorecard, values: Values, reasons: dict[str, str], *, source: str
) -> list[dict[str, Any]]:
    """Set the values; what changed (criterion, before, after, reason)."""
    rows = {row.criterion: row for row in review.criteria}
    unknown = [name for name in values if name not in rows]
    if unknown:
        known = ", ".join(c.id for c in card.criteria)
        raise ValueError(f"unknown criteria {', '.join(unknown)}: the scorecard has {known}")
    changes = []
    for name, value in values.items():
        checked, row = check_value(name, value), rows[name]
        if source == "auditor" and row.source == "dispute":
            raise ReviewStateError(f"{name} was decided on a dispute ({row.reason}): it stays")
        reason = (reasons.get(name) or "").strip() or None
        new_source = source
        if source == "auditor" and row.prefilled:
            if checked == row.automatic:
                new_source, reason = "automatic", None
            elif reason is None and checked == row.value:
                reason = row.reason  # the value stays, and so does the reason given for it
            if new_source == "auditor" and reason is None:
                raise ReasonMissingError(name, row.automatic)
        if (checked, new_source, reason) == (row.value, row.source, row.reason):
            continue
        changes.append({"criterion": name, "before": row.value, "after": checked, "reason": reason})
        row.value, row.source, row.reason = checked, new_source, reason
    return changes


def check_value(name: str, value: float | None) -> float | None:
    """A criterion value: between 0 and 1, or None (not applicable)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        raise ValueError(f"{name}: a number between 0 and 1, or n/a")
    if not 0 <= value <= 1:
        raise ValueError(f"{name}: {value} is not between 0 and 1")
    return float(value)


def _shown(value: float | None) -> str:
    return "n/a" if value is None else f"{value:g}"


def _rescore(review: Review, card: Scorecard) -> None:
    values = {
        row.criterion: None if row.source == "pending" else row.value for row in review.criteria
    }
    result = combine(card, values)
    review.score, review.score_without_critical = result.score, result.score_without_critical
    review.critical_failed = result.critical_failed


def _trail(
    review: Review, actor: str, action: str, detail: dict[str, Any], now: dt.datetime
) -> None:
    review.events.append(models.ReviewEvent(at=now, actor=actor, action=action, detail=detail))


def submit_review(*, session: Session, review_id: int, actor: str, now: dt.datetime) -> Review:
    """Submit a review once every criterion is scored (or marked not applicable)."""
    review = get_review(session=session, review_id=review_id)
    _editable(review, actor)
    if review.status != "draft":
        raise ReviewStateError(f"review #{review.id} is already {review.status}")
    pending = [row.criterion for row in review.criteria if row.source == "pending"]
    if pending:
        raise CriteriaPendingError(pending)
    review.status, review.submitted_at, review.updated_at = "submitted", now, now
    _trail(review, actor, "submitted", {"score": review.score}, now)
    return review


def dispute_review(
    *,
    session: Session,
    review_id: int,
    agent: str,
    reason: str,
    proposed: Values,
    now: dt.datetime,
) -> Dispute:
    """The interaction's agent disputes a submitted evaluation, proposing other values."""
    review = get_review(session=session, review_id=review_id)
    interaction = session.get(hub.Interaction, review.interaction_id)
    own = interaction.agent.external_id if interaction and interaction.agent else None
    if agent != own:
        raise ReviewStateError(f"only the interaction's agent ({own or 'none'}) can dispute it")
    if review.purpose != "evaluation":
        raise ReviewStateError("calibration reviews are not disputed")
    if review.status != "submitted":
        raise ReviewStateError(f"review #{review.id} is {review.status}: it cannot be disputed")
    if not reason.strip():
        raise ValueError("say why the review is disputed")
    if not proposed:
        raise ValueError("propose a value for at least one criterion")
    rows = {row.criterion for row in review.criteria}
    unknown = [name for name in proposed if name not in rows]
    if unknown:
        raise ValueError(f"unknown criteria {', '.join(unknown)}")
    checked = {name: check_value(name, value) for name, value in proposed.items()}
    dispute = Dispute(agent=agent, opened_at=now, reason=reason.strip(), proposed=checked)
    review.disputes.append(dispute)
    review.status, review.updated_at = "disputed", now
    _trail(review, agent, "disputed", {"reason": dispute.reason, "proposed": checked}, now)
    session.flush()
    return dispute


def decide_dispute(
    *,
    session: Session,
    review_id: int,
    decider: str,
    decision: str,
    now: dt.datetime,
    values: Values | None = None,
    note: str | None = None,
) -> Review:
    """Accept the proposed values, accept some (``values``: those kept, for disputed
    criteria), or reject the dispute — which locks the scores."""
    review = get_review(session=session, review_id=review_id)
    decider = check_login(decider, "decider")
    if review.status != "disputed":
        raise ReviewStateError(f"review #{review.id} has no open dispute")
    dispute = review.disputes[-1]
    if decider == dispute.agent:
        raise ReviewStateError("the agent who disputed cannot decide the dispute")
    applied = _decision(dispute, decision, values or {})
    card = card_of(session, review)
    label = f"dispute #{dispute.id} {decision}"
    changes = _apply(review, card, applied, dict.fromkeys(applied, label), source="dispute")
    _rescore(review, card)
    dispute.decision, dispute.decided_by, dispute.decided_at = decision, decider, now
    dispute.note, dispute.applied = (note or "").strip() or None, applied
    review.status = "locked" if decision == "rejected" else "submitted"
    review.updated_at = now
    _trail(review, decider, f"dispute_{decision}", {"note": dispute.note, "changes": changes}, now)
    return review


def _decision(dispute: Dispute, decision: str, values: Values) -> Values:
    """The values a decision applies."""
    if decision not in models.DECISIONS:
        raise ValueError(f"decision {decision!r}: choose one of {', '.join(models.DECISIONS)}")
    if decision == "accepted":
        if values:
            raise ValueError("an accepted dispute applies the proposed values: give none")
        return dict(dispute.proposed)
    if decision == "rejected":
        if values:
            raise ValueError("a rejected dispute changes nothing: give no values")
        return {}
    if not values:
        raise ValueError("a partial decision says which values to apply")
    outside = [name for name in values if name not in dispute.proposed]
    if outside:
        raise ValueError(f"not disputed: {', '.join(outside)}")
    return {name: check_value(name, value) for name, value in values.items()}
