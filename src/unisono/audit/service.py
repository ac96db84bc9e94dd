"""The audit service: analyse what is not analysed yet (or was, against another bible or
another content), store findings and QA scores; read findings back."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, delete, or_, select
from sqlalchemy.orm import Session

from unisono.audit import models
from unisono.audit.checks import CHECKS
from unisono.audit.checks.base import AuditContext, Finding
from unisono.audit.context import RulesCache, build_contexts
from unisono.audit.scorecards import Scorecard, score, scorecards_in_force
from unisono.core.db import in_chunks
from unisono.interactions import models as hub
from unisono.metrics.rollups import fingerprint

BATCH = 1000
_FINDING_COLUMNS = (
    "interaction_id",
    "kind",
    "standard_id",
    "standard_version",
    "evidence",
    "expected",
    "found",
    "message",
    "start",
    "end",
    "detail",
)


@dataclass
class AnalyzeSummary:
    """What an analysis run did."""

    analyzed: int = 0
    findings: Counter[str] = field(default_factory=Counter)


def audit(context: AuditContext) -> list[Finding]:
    """Every finding of every check for one interaction."""
    return [finding for check in CHECKS for finding in check.run(context)]


def pending(connection: Connection, bible: str) -> list[int]:
    """The interactions to analyse: never analysed, changed since, or analysed with another
    bible (a new version of a standard, another bible.yml)."""
    analysis = models.Analysis
    query = (
        select(hub.Interaction.id)
        .outerjoin(analysis, analysis.interaction_id == hub.Interaction.id)
        .where(
            or_(
                analysis.interaction_id.is_(None),
                analysis.content_hash != hub.Interaction.content_hash,
                analysis.bible != bible,
            )
        )
        .order_by(hub.Interaction.id)
    )
    return list(connection.scalars(query))


def analyze(
    *, engine: Engine, now: dt.datetime, progress: Callable[[int, int], None] | None = None
) -> AnalyzeSummary:
    """Analyse every pending interaction, a batch per transaction (a killed run keeps whole
    batches, and the next run takes up the rest)."""
    summary = AnalyzeSummary()
    with Session(engine) as session:
        bible = fingerprint(session.connection())
        ids = pending(session.connection(), bible)
        session.commit()
        cache, cards = RulesCache(), scorecards_in_force(session)
        for chunk in _batches(ids):
            contexts = build_contexts(session, chunk, cache)
            results = [(context, audit(context)) for context in contexts]
            _store(session, chunk, results, cards, bible=bible, now=now)
            session.commit()
            for _, found in results:
                summary.findings.update(f.kind for f in found)
            summary.analyzed += len(contexts)
            if progress is not None:
                progress(summary.analyzed, len(ids))
    return summary


def _batches(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), BATCH):
        yield ids[start : start + BATCH]


def _store(
    session: Session,
    ids: Sequence[int],
    results: list[tuple[AuditContext, list[Finding]]],
    cards: list[Scorecard],
    *,
    bible: str,
    now: dt.datetime,
) -> None:
    connection = session.connection()
    for table in (models.Finding, models.QaScore, models.Analysis):
        for chunk in in_chunks(list(ids)):
            connection.execute(delete(table).where(table.interaction_id.in_(chunk)))
    row_ids = _row_ids(connection, [context.interaction_id for context, _ in results])
    findings, scores, analyses = [], [], []
    for context, found in results:
        row = row_ids[context.interaction_id]
        findings += [_finding_row(row, finding) for finding in found]
        for card in cards:
            result = score(card, context, found)
            scores.append(
                {
                    "interaction_id": row,
                    "scorecard": card.standard_id,
                    "scorecard_version": card.version,
                    "score": result.score,
                    "score_without_critical": result.score_without_critical,
                    "critical_failed": result.critical_failed,
                    "criteria": result.criteria,
                }
            )
        analyses.append(
            {
                "interaction_id": row,
                "content_hash": "",
                "bible": bible,
                "language": context.language,
                "analyzed_at": now,
            }
        )
    if findings:
        connection.execute(models.Finding.__table__.insert(), findings)  # type: ignore[attr-defined]
    if scores:
        connection.execute(models.QaScore.__table__.insert(), scores)  # type: ignore[attr-defined]
    if analyses:
        _stamp(connection, analyses)


def _stamp(connection: Connection, analyses: list[dict[str, Any]]) -> None:
    """Record the analysis with the content hash it was made on."""
    hashes = dict(
        connection.execute(
            select(hub.Interaction.id, hub.Interaction.content_hash).where(
                hub.Interaction.id.in_([a["interaction_id"] for a in analyses])
            )
        ).all()
    )
    for analysis in analyses:
        analysis["content_hash"] = hashes[analysis["interaction_id"]]
    connection.execute(models.Analysis.__table__.insert(), analyses)  # type: ignore[attr-defined]


def _row_ids(connection: Connection, external_ids: list[str]) -> dict[str, int]:
    rows = connection.execute(
        select(hub.Interaction.external_id, hub.Interaction.id).where(
            hub.Interaction.external_id.in_(external_ids)
        )
    )
    return {external_id: row_id for external_id, row_id in rows}


def _finding_row(interaction: int, finding: Finding) -> dict[str, Any]:
    return {
        "interaction_id": interaction,
        "kind": finding.kind,
        "standard_id": finding.standard_id,
        "standard_version": finding.standard_version,
        "evidence": finding.evidence,
        "expected": finding.expected,
        "found": finding.found,
        "message": finding.message,
        "start": finding.start,
        "end": finding.end,
        "detail": dict(finding.detail),
    }
