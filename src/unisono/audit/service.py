"""The audit service: analyse what is not analysed yet (or was, against another bible or
another content), store findings and QA scores; read findings back."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, delete, insert, or_, select
from sqlalchemy.orm import Session

from unisono.audit import models
from unisono.audit.checks import CHECKS
from unisono.audit.checks.base import AuditContext, Finding
from unisono.audit.context import Read, RulesCache, build_contexts
from unisono.audit.scorecards import QaResult, Scorecard, score, scorecards_in_force
from unisono.core.changes import bump_data_version
from unisono.core.config import get_settings
from unisono.core.db import in_chunks, make_engine
from unisono.core.parallel import ordered_map
from unisono.interactions import models as hub
from unisono.language.models import InteractionLanguage
from unisono.language.reasons import ReasonModel
from unisono.language.reasons import load as load_model
from unisono.language.service import Reading, ReadingWriter, needs_classifier
from unisono.language.training import model_path, reason_model
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
    reasons: Counter[str] = field(default_factory=Counter)  # classified: reason -> count


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
    """One interaction checked: its findings, its scores and what its customer's messages say
    (what is stored of it)."""

    interaction: str  # external id
    language: str
    findings: list[Finding]
    scores: list[tuple[Scorecard, QaResult]]
    reading: Reading


def check_contexts(reads: list[Read], cards: list[Scorecard]) -> list[Checked]:
    """Check and score a batch of interactions."""
    checked = []
    for context, reading in ((read.context, read.reading) for read in reads):
        found = audit(context)
        scores = [(card, score(card, context, found)) for card in cards]
        checked.append(Checked(context.interaction_id, context.language, found, scores, reading))
    return checked


@dataclass(frozen=True)
class Job:
    """A batch of interactions for a worker process: it reads them itself, so that reading
    (parsing messages, finding the standards then in force) is shared by the cores too."""

    url: str
    ids: list[int]
    cards: list[Scorecard]
    model: Path | None  # the reason classifier's file, None when no reason is to classify


_WORKER: dict[str, tuple[Engine, RulesCache]] = {}  # per worker process: its engine and rules
_MODELS: dict[Path, ReasonModel | None] = {}  # per worker process: the classifiers loaded


def check_job(job: Job) -> list[Checked]:
    """Read, check and score a batch (in a worker process)."""
    if job.url not in _WORKER:
        _WORKER[job.url] = (make_engine(job.url), RulesCache())
    engine, cache = _WORKER[job.url]
    model = None
    if job.model is not None:
        if job.model not in _MODELS:
            _MODELS[job.model] = load_model(job.model)
        model = _MODELS[job.model]
    with Session(engine) as session:
        reads = build_contexts(session, job.ids, cache, model)
    return check_contexts(reads, job.cards)


def analyze(
    *,
    engine: Engine,
    now: dt.datetime,
    data_dir: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> AnalyzeSummary:
    """Analyse every pending interaction, a batch per transaction (a killed run keeps whole
    batches, and the next run takes up the rest): the customer's language, reason (when the
    record has none, before the standards are chosen) and mood, then the audit. On many
    interactions, worker processes read and check batches while this one writes the results.
    Reason classifiers are kept under ``data_dir`` (default: the configured one)."""
    summary = AnalyzeSummary()
    with Session(engine) as session:
        bible = fingerprint(session.connection())
        ids = pending(session.connection(), bible)
        model = _reason_model(session, data_dir) if ids else None
        session.commit()
        cards = scorecards_in_force(session)
        batches = [list(chunk) for chunk in _batches(ids)]
        writer = ReadingWriter(session.connection())
        for chunk, checked in zip(batches, _checked(session, batches, cards, model), strict=True):
            _store(session, chunk, checked, bible=bible, now=now)
            connection = session.connection()
            rows = _row_ids(connection, [item.interaction for item in checked])
            writer.write(connection, rows, [(item.interaction, item.reading) for item in checked])
            session.commit()
            for item in checked:
                summary.findings.update(f.kind for f in item.findings)
                if item.reading.guess is not None:
                    summary.reasons[item.reading.guess.reason] += 1
            summary.analyzed += len(checked)
            if progress is not None:
                progress(summary.analyzed, len(ids))
    return summary


def _reason_model(session: Session, data_dir: Path | None) -> tuple[Path, ReasonModel] | None:
    """The reason classifier and its file, when some interaction has no reason from its record."""
    if not needs_classifier(session.connection()):
        return None
    folder = data_dir or get_settings().data_dir
    model = reason_model(session, folder)
    return None if model is None else (model_path(folder, model.digest), model)


def _checked(
    session: Session,
    batches: list[list[int]],
    cards: list[Scorecard],
    model: tuple[Path, ReasonModel] | None,
) -> Iterable[list[Checked]]:
    if sum(len(batch) for batch in batches) < PARALLEL_FROM:
        cache = RulesCache()
        classifier = None if model is None else model[1]
        return (
            check_contexts(build_contexts(session, batch, cache, classifier), cards)
            for batch in batches
        )
    url = session.connection().engine.url.render_as_string(hide_password=False)
    jobs = (Job(url, batch, cards, None if model is None else model[0]) for batch in batches)
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
    for table in (models.Finding, models.QaScore, models.Analysis, InteractionLanguage):
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
    bump_data_version(connection)


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
