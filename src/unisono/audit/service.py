"""The audit service: analyse what is not analysed yet (or was, against another bible or
another content), store findings and QA scores; read findings back."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, delete, insert, or_, select
from sqlalchemy.orm import Session

from unisono.audit import models
from unisono.audit.checks import CHECKS
from unisono.audit.checks.base import AuditContext, Finding
from unisono.audit.context import RulesCache, build_contexts
from unisono.audit.scorecards import QaResult, Scorecard, score, scorecards_in_force
from unisono.core.db import in_chunks, make_engine
from unisono.core.parallel import ordered_map
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


PARALLEL_FROM = 4 * BATCH  # fewer pending interactions are checked in this process


@dataclass(frozen=True)
class Checked:
    """One interaction checked: its findings and its scores (what is stored of it)."""

    interaction: str  # external id
    language: str
    findings: list[Finding]
    scores: list[tuple[Scorecard, QaResult]]


def check_contexts(contexts: list[AuditContext], cards: list[Scorecard]) -> list[Checked]:
    """Check and score a batch of interactions."""
    checked = []
    for context in contexts:
        found = audit(context)
        scores = [(card, score(card, context, found)) for card in cards]
        checked.append(Checked(context.interaction_id, context.language, found, scores))
    return checked


@dataclass(frozen=True)
class Job:
    """A batch of interactions for a worker process: it reads them itself, so that reading
    (parsing messages, finding the standards then in force) is shared by the cores too."""

    url: str
    ids: list[int]
    cards: list[Scorecard]


_WORKER: dict[str, tuple[Engine, RulesCache]] = {}  # per worker process: its engine and rules


def check_job(job: Job) -> list[Checked]:
    """Read, check and score a batch (in a worker process)."""
    if job.url not in _WORKER:
        _WORKER[job.url] = (make_engine(job.url), RulesCache())
    engine, cache = _WORKER[job.url]
    with Session(engine) as session:
        contexts = build_contexts(session, job.ids, cache)
    return check_contexts(contexts, job.cards)


def analyze(
    *, engine: Engine, now: dt.datetime, progress: Callable[[int, int], None] | None = None
) -> AnalyzeSummary:
    """Analyse every pending interaction, a batch per transaction (a killed run keeps whole
    batches, and the next run takes up the rest). On many interactions, worker processes read
    and check batches while this one writes the results."""
    summary = AnalyzeSummary()
    with Session(engine) as session:
        bible = fingerprint(session.connection())
        ids = pending(session.connection(), bible)
        session.commit()
        cards = scorecards_in_force(session)
        batches = [list(chunk) for chunk in _batches(ids)]
        for chunk, checked in zip(batches, _checked(session, batches, cards), strict=True):
            _store(session, chunk, checked, bible=bible, now=now)
            session.commit()
            for item in checked:
                summary.findings.update(f.kind for f in item.findings)
            summary.analyzed += len(checked)
            if progress is not None:
                progress(summary.analyzed, len(ids))
    return summary


def _checked(
    session: Session, batches: list[list[int]], cards: list[Scorecard]
) -> Iterable[list[Checked]]:
    if sum(len(batch) for batch in batches) < PARALLEL_FROM:
        cache = RulesCache()
        return (check_contexts(build_contexts(session, batch, cache), cards) for batch in batches)
    url = session.connection().engine.url.render_as_string(hide_password=False)
    jobs = (Job(url, batch, cards) for batch in batches)
    return ordered_map(check_job, jobs, workers=2)


def _batches(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), BATCH):
        yield ids[start : start + BATCH]


def _store(
    session: Session,
    ids: Sequence[int],
    checked: list[Checked],
    *,
    bible: str,
    now: dt.datetime,
) -> None:
    """Replace what is stored of these interactions by what the check found."""
    connection = session.connection()
    for table in (models.Finding, models.QaScore, models.Analysis):
        for chunk in in_chunks(list(ids)):
            connection.execute(delete(table).where(table.interaction_id.in_(chunk)))
    row_ids = _row_ids(connection, [item.interaction for item in checked])
    findings, scores, analyses = [], [], []
    for item in checked:
        row = row_ids[item.interaction]
        findings += [_finding_row(row, finding) for finding in item.findings]
        scores += [_score_row(row, card, result) for card, result in item.scores]
        analyses.append(
            {
                "interaction_id": row,
                "content_hash": "",
                "bible": bible,
                "language": item.language,
                "analyzed_at": now,
            }
        )
    if findings:
        connection.execute(insert(models.Finding), findings)
    if scores:
        connection.execute(insert(models.QaScore), scores)
    if analyses:
        _stamp(connection, analyses)


def _score_row(row: int, card: Scorecard, result: QaResult) -> dict[str, Any]:
    return {
        "interaction_id": row,
        "scorecard": card.standard_id,
        "scorecard_version": card.version,
        "score": result.score,
        "score_without_critical": result.score_without_critical,
        "critical_failed": result.critical_failed,
        "criteria": result.criteria,
    }


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
    connection.execute(insert(models.Analysis), analyses)


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
