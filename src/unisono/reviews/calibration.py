"""Calibration: several auditors score the same interactions on their own; how well they agree,
criterion by criterion (Cohen's, Fleiss' kappa, Krippendorff's alpha, Gwet's AC1 — see
``unisono.audit.agreement``), which criteria agree poorly, how far each auditor is from the
others, and how well the automatic audit agrees with the auditors.

A criterion marked "not applicable" counts as no rating of that interaction (the statistics
take missing ratings); the criteria where auditors disagree on whether it applies are counted
apart. Poor agreement: Krippendorff's ordinal alpha below the threshold (0.70 by default, as
the demo bible's calibration standard says; Krippendorff advises 0.667 at the very least).
"""

from __future__ import annotations

import datetime as dt
from itertools import zip_longest
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from unisono.audit import agreement
from unisono.audit import models as audit
from unisono.audit.scorecards import find_scorecard
from unisono.interactions import models as hub
from unisono.reviews.models import (
    CalibrationItem,
    CalibrationSession,
    Review,
    ReviewCriterion,
    ReviewEvent,
)
from unisono.reviews.service import (
    ReviewStateError,
    check_login,
    find_interaction,
    find_session,
)

THRESHOLD = 0.70
AUTOMATIC = "automatic"  # the automatic audit, as a rater


def create_session(
    *,
    session: Session,
    name: str,
    created_by: str,
    interactions: list[str],
    now: dt.datetime,
    scorecard: str | None = None,
) -> CalibrationSession:
    """A calibration session on ``interactions`` (external ids), on a scorecard in force."""
    created_by = check_login(created_by, "creator")
    if not name.strip():
        raise ValueError("a calibration session needs a name")
    if session.scalars(select(CalibrationSession).where(CalibrationSession.name == name)).first():
        raise ReviewStateError(f"a calibration session {name!r} exists already")
    if len(set(interactions)) < 2:
        raise ValueError("a calibration session needs at least two interactions")
    card = find_scorecard(session, scorecard)
    found = [find_interaction(session, external) for external in dict.fromkeys(interactions)]
    calibration = CalibrationSession(
        name=name.strip(),
        scorecard=card.standard_id,
        scorecard_version=card.version,
        created_by=created_by,
        created_at=now,
        status="open",
    )
    for position, interaction in enumerate(found):
        calibration.items.append(CalibrationItem(interaction_id=interaction.id, position=position))
    session.add(calibration)
    session.flush()
    return calibration


def candidates(*, session: Session, count: int = 12) -> list[dict[str, Any]]:
    """Interactions to calibrate on: the most recent closed ones that an agent answered and the
    audit scored, the channels in turn (a session should see every channel's way of writing)."""
    interaction = hub.Interaction
    rows = session.execute(
        select(
            interaction.external_id,
            interaction.channel_id,
            interaction.reason_id,
            hub.Agent.external_id,
            func.min(audit.QaScore.score),
        )
        .join(audit.QaScore, audit.QaScore.interaction_id == interaction.id)
        .join(hub.Agent, hub.Agent.id == interaction.agent_id)
        .where(
            interaction.first_response_at.is_not(None),
            interaction.status.in_(("resolved", "closed")),
        )
        .group_by(interaction.id, hub.Agent.external_id)
        .order_by(interaction.opened_at.desc(), interaction.id.desc())
        .limit(count * 20)
    ).all()
    by_channel: dict[str, list[Any]] = {}
    for row in rows:
        by_channel.setdefault(row[1], []).append(row)
    turns = zip_longest(*by_channel.values())
    picked = [row for turn in turns for row in turn if row is not None][:count]
    return [
        {"interaction_id": r[0], "channel": r[1], "reason": r[2], "agent": r[3], "score": r[4]}
        for r in picked
    ]


def session_interactions(session: Session, calibration: CalibrationSession) -> list[str]:
    """The external ids of a session's interactions, in order."""
    ids = [item.interaction_id for item in calibration.items]
    rows = dict(
        session.execute(
            select(hub.Interaction.id, hub.Interaction.external_id).where(
                hub.Interaction.id.in_(ids)
            )
        ).all()
    )
    return [rows[i] for i in ids]


def close_session(
    *, session: Session, name: str, actor: str, now: dt.datetime
) -> CalibrationSession:
    """Close a session: its reviews are locked, and the automatic values shown."""
    actor = check_login(actor, "actor")
    calibration = find_session(session, name)
    if calibration.status == "closed":
        raise ReviewStateError(f"the calibration session {name!r} is closed already")
    calibration.status, calibration.closed_at = "closed", now
    for review in session.scalars(select(Review).where(Review.calibration_id == calibration.id)):
        review.status, review.updated_at = "locked", now
        review.events.append(
            ReviewEvent(at=now, actor=actor, action="calibration_closed", detail={})
        )
    return calibration


def report(
    *, session: Session, name: str, threshold: float = THRESHOLD, automatic: bool = True
) -> dict[str, Any]:
    """Agreement per criterion among the auditors who submitted their reviews, flagged when
    poor; each auditor's distance from the others; the automatic audit beside them."""
    calibration = find_session(session, name)
    card = find_scorecard(session, calibration.scorecard, calibration.scorecard_version)
    units = [item.interaction_id for item in calibration.items]
    reviews = session.scalars(
        select(Review)
        .where(Review.calibration_id == calibration.id, Review.status.in_(("submitted", "locked")))
        .order_by(Review.auditor)
    ).all()
    auditors = sorted({review.auditor for review in reviews})
    position = {unit: index for index, unit in enumerate(units)}
    machine = _automatic(session, units, calibration.scorecard) if automatic else {}
    criteria = []
    for criterion in card.criteria:
        humans = _matrix(reviews, auditors, position, criterion.id)
        auto = np.array([machine.get(unit, {}).get(criterion.id, np.nan) for unit in units], float)
        criteria.append(
            _criterion(
                criterion, humans, auto if automatic and not criterion.manual else None, threshold
            )
        )
    scores = _matrix_scores(reviews, auditors, position)
    return {
        "session": calibration.name,
        "scorecard": calibration.scorecard,
        "scorecard_version": calibration.scorecard_version,
        "status": calibration.status,
        "interactions": len(units),
        "auditors": auditors,
        "threshold": threshold,
        "criteria": criteria,
        "flagged": [c["criterion"] for c in criteria if c["flagged"]],
        "overall": _overall(reviews, auditors, position, card, scores),
        "auditor_distance": _distances(scores, auditors),
    }


def _automatic(session: Session, units: list[int], scorecard: str) -> dict[int, dict[str, Any]]:
    rows = session.execute(
        select(audit.QaScore.interaction_id, audit.QaScore.criteria).where(
            audit.QaScore.interaction_id.in_(units), audit.QaScore.scorecard == scorecard
        )
    )
    return {
        interaction: {k: (np.nan if v is None else v) for k, v in values.items()}
        for interaction, values in rows
    }


def _matrix(
    reviews: Any, auditors: list[str], position: dict[int, int], criterion: str
) -> NDArray[np.float64]:
    """Units × auditors values of one criterion (nan: not rated, or not applicable)."""
    matrix = np.full((len(position), len(auditors)), np.nan)
    for review in reviews:
        for row in review.criteria:
            if row.criterion == criterion and row.value is not None and row.source != "pending":
                matrix[position[review.interaction_id], auditors.index(review.auditor)] = row.value
    return matrix


def _matrix_scores(
    reviews: Any, auditors: list[str], position: dict[int, int]
) -> NDArray[np.float64]:
    matrix = np.full((len(position), len(auditors)), np.nan)
    for review in reviews:
        if review.score is not None:
            matrix[position[review.interaction_id], auditors.index(review.auditor)] = review.score
    return matrix


def _categories(*matrices: NDArray[np.float64]) -> list[float]:
    values = {float(v) for m in matrices for v in m.ravel() if not np.isnan(v)}
    return sorted(values | {0.0, 1.0})


def _criterion(
    criterion: Any, humans: NDArray[np.float64], auto: NDArray[np.float64] | None, threshold: float
) -> dict[str, Any]:
    categories = _categories(humans, *(() if auto is None else (auto,)))
    stats = agreement.summary(humans, categories=categories)
    alpha = stats.get("krippendorff_alpha", {}).get("ordinal") if stats["units"] else None
    rated = ~np.isnan(humans)
    applicability = (
        int(((rated.any(axis=1)) & (~rated.all(axis=1))).sum()) if humans.shape[1] > 1 else 0
    )
    result: dict[str, Any] = {
        "criterion": criterion.id,
        "label": criterion.label,
        "critical": criterion.critical,
        "manual": criterion.manual,
        **stats,
        "applicability_disagreements": applicability,
        "flagged": bool(stats["units"])
        and (alpha is None or alpha < threshold)
        and not _unanimous(humans),
    }
    if auto is not None:
        pairs = [
            (auto[u], humans[u, a])
            for u in range(humans.shape[0])
            for a in range(humans.shape[1])
            if not np.isnan(auto[u]) and not np.isnan(humans[u, a])
        ]
        table = np.array(pairs, dtype=np.float64).reshape(-1, 2)
        result["automatic_vs_auditors"] = agreement.summary(table, categories=categories)
    return result


def _unanimous(humans: NDArray[np.float64]) -> bool:
    """Every auditor gave every interaction the same value: perfect agreement, though the
    statistics are undefined (no variation to measure it against)."""
    values = humans[~np.isnan(humans)]
    return values.size > 0 and bool(np.all(values == values[0]))


def _overall(
    reviews: Any,
    auditors: list[str],
    position: dict[int, int],
    card: Any,
    scores: NDArray[np.float64],
) -> dict[str, Any]:
    """Agreement over every criterion at once (units: interaction × criterion), and on the QA
    scores themselves (interval alpha)."""
    stacked = (
        np.vstack([_matrix(reviews, auditors, position, c.id) for c in card.criteria])
        if card.criteria
        else np.zeros((0, len(auditors)))
    )
    return {
        "criteria_alpha_ordinal": agreement.krippendorff_alpha(stacked, level="ordinal")
        if stacked.size
        else None,
        "score_alpha_interval": agreement.krippendorff_alpha(scores, level="interval")
        if scores.size
        else None,
    }


def _distances(scores: NDArray[np.float64], auditors: list[str]) -> list[dict[str, Any]]:
    """Each auditor's mean absolute distance (QA score points) from the mean of the others."""
    result = []
    for index, auditor in enumerate(auditors):
        others = np.delete(scores, index, axis=1)
        with np.errstate(all="ignore"):
            reference = (
                np.nanmean(others, axis=1) if others.shape[1] else np.full(scores.shape[0], np.nan)
            )
        gaps = np.abs(scores[:, index] - reference)
        gaps = gaps[~np.isnan(gaps)]
        result.append(
            {
                "auditor": auditor,
                "interactions": int(gaps.size),
                "mean_distance": float(gaps.mean()) if gaps.size else None,
            }
        )
    return result


MIN_PAIRS = 20  # an automatic criterion is judged on at least this many reviewed values


def automatic_agreement(*, session: Session, threshold: float = THRESHOLD) -> dict[str, Any]:
    """How well the automatic audit agrees with the auditors' final values, per criterion, over
    every submitted evaluation. Flagged: Gwet's AC1 below ``threshold`` on at least MIN_PAIRS
    values (AC1, not kappa: the automatic value is mostly "met", and kappa then stays low however
    often both agree). Auditors saw the automatic value; calibration sessions, scored blind,
    measure the agreement without that anchor."""
    done = (Review.purpose == "evaluation", Review.status.in_(("submitted", "locked")))
    criterion = ReviewCriterion
    rows = session.execute(
        select(Review.scorecard, criterion.criterion, criterion.automatic, criterion.value)
        .join(criterion, criterion.review_id == Review.id)
        .where(*done, criterion.prefilled, criterion.automatic.is_not(None))
        .where(criterion.value.is_not(None))
    ).all()
    pairs: dict[tuple[str, str], list[tuple[Any, Any]]] = {}
    for card, name, automatic, value in rows:
        pairs.setdefault((card, name), []).append((automatic, value))
    criteria = []
    for (card, name), values in sorted(pairs.items()):
        table = np.array(values, dtype=np.float64)
        stats = agreement.summary(table, categories=_categories(table))
        ac1 = stats.get("gwet_ac1")
        poor = ac1 is None or ac1 < threshold
        changed = int((table[:, 0] != table[:, 1]).sum())
        criteria.append(
            {
                "scorecard": card,
                "criterion": name,
                **stats,
                "changed": changed,
                "flagged": bool(changed and len(values) >= MIN_PAIRS and poor),
            }
        )
    reviews = session.scalar(select(func.count()).select_from(Review).where(*done)) or 0
    return {
        "reviews": reviews,
        "threshold": threshold,
        "min_pairs": MIN_PAIRS,
        "criteria": criteria,
    }
