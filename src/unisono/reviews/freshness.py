"""Knowledge freshness: standards to review not only because their date has come, but because
the work says so — facts that many agents keep contradicting (the standard may be unclear, or
the world may have changed), and scorecard criteria that auditors, or the automatic audit and
the auditors, do not agree on (the criterion may be ambiguous). `unisono bible due` lists them."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any

from sqlalchemy import BigInteger, func, select, type_coerce
from sqlalchemy.orm import Session

from unisono.audit import models as audit
from unisono.bible import models as bible
from unisono.bible.queries import due_reviews
from unisono.interactions import models as hub
from unisono.reviews import calibration
from unisono.reviews.models import CalibrationSession

WINDOW_DAYS = 90  # how far back the work is looked at
MIN_INTERACTIONS = 10  # contradictions in at least this many interactions…
MIN_AGENTS = 3  # …by at least this many agents: not one agent's habit


def standards_to_review(
    *, session: Session, as_of: dt.date, within_days: int, window_days: int = WINDOW_DAYS
) -> dict[str, Any]:
    """Reviews due by date, and the standards the work flags, with why."""
    due = [
        asdict(row) for row in due_reviews(session=session, as_of=as_of, within_days=within_days)
    ]
    signals: dict[str, list[dict[str, Any]]] = {}
    for standard, signal in _contradicted(session, as_of, window_days):
        signals.setdefault(standard, []).append(signal)
    for standard, signal in _disagreed(session, as_of, window_days):
        signals.setdefault(standard, []).append(signal)
    return {"due": due, "flagged": _describe(session, signals), "window_days": window_days}


def _contradicted(session: Session, as_of: dt.date, days: int) -> list[tuple[str, dict[str, Any]]]:
    """Standards whose facts were contradicted in many interactions, by several agents."""
    finding, interaction = audit.Finding, hub.Interaction
    end = dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time(), dt.UTC)
    start = end - dt.timedelta(days=days + 1)
    opened = type_coerce(interaction.opened_at, BigInteger)
    query = (
        select(
            finding.standard_id,
            func.count(func.distinct(finding.interaction_id)),
            func.count(func.distinct(interaction.agent_id)),
        )
        .join(interaction, interaction.id == finding.interaction_id)
        .where(finding.kind == "fact_contradiction", finding.standard_id.is_not(None))
        .where(opened >= int(start.timestamp()), opened < int(end.timestamp()))
        .group_by(finding.standard_id)
    )
    return [
        (
            standard,
            {"kind": "contradictions", "interactions": count, "agents": agents, "days": days},
        )
        for standard, count, agents in session.execute(query)
        if standard is not None and count >= MIN_INTERACTIONS and agents >= MIN_AGENTS
    ]


def _disagreed(session: Session, as_of: dt.date, days: int) -> list[tuple[str, dict[str, Any]]]:
    """Scorecards with criteria of poor agreement: in recent calibration sessions, and between
    the automatic audit and the auditors."""
    since = dt.datetime.combine(as_of - dt.timedelta(days=days), dt.time(), dt.UTC)
    found = []
    sessions = session.scalars(
        select(CalibrationSession).where(CalibrationSession.created_at >= since)
    ).all()
    for chosen in sessions:
        result = calibration.report(session=session, name=chosen.name)
        for criterion in result["criteria"]:
            if criterion["flagged"]:
                alpha = (criterion.get("krippendorff_alpha") or {}).get("ordinal")
                found.append(
                    (
                        chosen.scorecard,
                        {
                            "kind": "low_agreement",
                            "session": chosen.name,
                            "criterion": criterion["criterion"],
                            "alpha_ordinal": alpha,
                        },
                    )
                )
    for criterion in calibration.automatic_agreement(session=session)["criteria"]:
        if criterion["flagged"]:
            found.append(
                (
                    criterion["scorecard"],
                    {
                        "kind": "automatic_disagreement",
                        "criterion": criterion["criterion"],
                        "cohen_kappa": criterion.get("cohen_kappa"),
                        "pairs": criterion["units"],
                    },
                )
            )
    return found


def _describe(session: Session, signals: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    if not signals:
        return []
    version = bible.StandardVersion
    rows = session.scalars(
        select(version).where(version.valid_to.is_(None), version.standard_id.in_(signals))
    ).all()
    return [
        {
            "standard_id": row.standard_id,
            "title": row.title,
            "owner": row.owner,
            "status": row.status,
            "next_review_on": row.next_review_on,
            "signals": signals[row.standard_id],
        }
        for row in sorted(rows, key=lambda r: r.standard_id)
    ]
