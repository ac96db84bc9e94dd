"""The audit service: analyse what is not analysed yet (or was, against another bible or
another content), store findings and QA scores; read findings back."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Connection, Engine, or_, select
from sqlalchemy.orm import Session

from unisono.audit import models
from unisono.audit.checks import CHECKS
from unisono.audit.checks.base import AuditContext, Finding
from unisono.audit.context import Read, RulesCache, build_contexts
from unisono.audit.scorecards import QaResult, Scorecard, score, scorecards_in_force
from unisono.core.changes import bump_data_version
from unisono.core.config import get_settings
from unisono.core.db import delete_rows, insert_rows, make_engine
from unisono.core.parallel import fewer_collections, ordered_map
from unisono.interactions import models as hub
from unisono.language.models import InteractionLanguage
from unisono.language.reasons import UNKNOWN, ReasonModel
from unisono.language.service import ReadingWriter, needs_classifier, stored_row
from unisono.language.training import kept_model, reason_model, reason_model_file
from unisono.metrics.rollups import fingerprint

BATCH = 1000
_FINDING_COLUMNS = (
    "interaction_id", "kind", "standard_id", "standard_version", "evidence", "expected", "found",
    "message", "start", "end", "detail",
)  # fmt: skip
_SCORE_COLUMNS = (
    "interaction_id", "scorecard", "scorecard_version", "score", "score_without_critical",
    "critical_failed", "criteria",
)  # fmt: skip
_ANALYSIS_COLUMNS = ("interaction_id", "content_hash", "bible", "language", "analyzed_at")


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


@dataclass
class Checked:
    """A batch checked, as the rows to store: built where it was checked (a worker process on
    many interactions), so that the process that writes only writes."""

    ids: list[int]  # the interactions' row ids
    findings: list[tuple[Any, ...]] = field(default_factory=list)  # in _FINDING_COLUMNS order
    scores: list[tuple[Any, ...]] = field(default_factory=list)  # in _SCORE_COLUMNS order
    analyses: list[tuple[Any, ...]] = field(default_factory=list)  # in _ANALYSIS_COLUMNS order
    readings: list[tuple[Any, ...]] = field(default_factory=list)  # interaction_language rows
    guessed: dict[int, str | None] = field(default_factory=dict)  # row id -> classified reason
    kinds: Counter[str] = field(default_factory=Counter)  # findings by kind


@dataclass(frozen=True)
class Stamp:
    """What every analysis row of a run records: the bible checked against, and when."""

    bible: str
    at: int  # seconds since 1970 UTC


def check_contexts(reads: list[Read], cards: list[Scorecard], stamp: Stamp) -> Checked:
    """Check and score a batch of interactions, as the rows to store."""
    checked = Checked([read.row_id for read in reads])
    for read in reads:
        context, row = read.context, read.row_id
        found = audit(context)
        checked.findings += [_finding_row(row, finding) for finding in found]
        checked.scores += [_score_row(row, card, score(card, context, found)) for card in cards]
        checked.analyses.append((row, read.content_hash, stamp.bible, context.language, stamp.at))
        checked.readings.append(stored_row(row, read.reading))
        checked.kinds.update(finding.kind for finding in found)
        if read.reading.guess is not None:
            reason = read.reading.guess.reason
            checked.guessed[row] = None if reason == UNKNOWN else reason
    return checked


@dataclass(frozen=True)
class Job:
    """A batch of interactions for a worker process: it reads them itself, so that reading
    (parsing messages, finding the standards then in force) is shared by the cores too."""

    url: str
    ids: list[int]
    cards: list[Scorecard]
    model: Path | None  # the reason classifier's file, None when no reason is to classify
    stamp: Stamp


_WORKER: dict[str, tuple[Engine, RulesCache]] = {}  # per worker process: its engine and rules
_MODELS: dict[Path, ReasonModel | None] = {}  # per worker process: the classifiers loaded


def check_job(job: Job) -> Checked:
    """Read, check and score a batch (in a worker process)."""
    with fewer_collections():  # a batch makes many short-lived objects, kept caches are large
        return _check_job(job)


def _check_job(job: Job) -> Checked:
    if job.url not in _WORKER:
        _WORKER[job.url] = (make_engine(job.url), RulesCache())
    engine, cache = _WORKER[job.url]
    with Session(engine) as session:
        reads = build_contexts(session, job.ids, cache, _classifier(job, session))
    return check_contexts(reads, job.cards, job.stamp)


def _classifier(job: Job, session: Session) -> ReasonModel | None:
    """The job's reason classifier, read once per worker process."""
    if job.model is None:
        return None
    if job.model not in _MODELS:
        _MODELS[job.model] = kept_model(job.model, session)
    return _MODELS[job.model]


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
    with Session(engine) as session, fewer_collections():
        bible = fingerprint(session.connection())
        ids = pending(session.connection(), bible)
        parallel = len(ids) >= PARALLEL_FROM
        model = _reason_model(session, data_dir, parallel=parallel) if ids else None
        session.commit()
        cards = scorecards_in_force(session)
        batches = [list(chunk) for chunk in _batches(ids)]
        stamp = Stamp(bible, int(now.timestamp()))
        writer = ReadingWriter(session.connection())
        for chunk, checked in zip(
            batches, _checked(session, batches, cards, model, stamp, parallel=parallel), strict=True
        ):
            connection = session.connection()
            _store(connection, chunk, checked)
            writer.write(connection, checked.readings, checked.guessed)
            session.commit()
            summary.findings.update(checked.kinds)
            summary.reasons.update(r or UNKNOWN for r in checked.guessed.values())
            summary.analyzed += len(checked.ids)
            if progress is not None:
                progress(summary.analyzed, len(ids))
    return summary


def _reason_model(
    session: Session, data_dir: Path | None, *, parallel: bool
) -> Path | ReasonModel | None:
    """The reason classifier, when some interaction has no reason from its record: its file
    when worker processes will read it (this one need not), else the model."""
    if not needs_classifier(session.connection()):
        return None
    folder = data_dir or get_settings().data_dir
    return reason_model_file(session, folder) if parallel else reason_model(session, folder)


def _checked(
    session: Session,
    batches: list[list[int]],
    cards: list[Scorecard],
    model: Path | ReasonModel | None,
    stamp: Stamp,
    *,
    parallel: bool,
) -> Iterable[Checked]:
    if not parallel:
        cache = RulesCache()
        classifier = model if isinstance(model, ReasonModel) else None
        return (
            check_contexts(build_contexts(session, batch, cache, classifier), cards, stamp)
            for batch in batches
        )
    url = session.connection().engine.url.render_as_string(hide_password=False)
    path = model if isinstance(model, Path) else None
    jobs = (Job(url, batch, cards, path, stamp) for batch in batches)
    return ordered_map(check_job, jobs, workers=2)


def _batches(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), BATCH):
        yield ids[start : start + BATCH]


def _store(connection: Connection, ids: Sequence[int], checked: Checked) -> None:
    """Replace what is stored of these interactions by what the check found."""
    for table in (models.Finding, models.QaScore, models.Analysis, InteractionLanguage):
        delete_rows(connection, table.__tablename__, "interaction_id", ids)
    insert_rows(connection, models.Finding.__tablename__, _FINDING_COLUMNS, checked.findings)
    insert_rows(connection, models.QaScore.__tablename__, _SCORE_COLUMNS, checked.scores)
    insert_rows(connection, models.Analysis.__tablename__, _ANALYSIS_COLUMNS, checked.analyses)
    bump_data_version(connection)


def _score_row(row: int, card: Scorecard, result: QaResult) -> tuple[Any, ...]:
    return (
        row, card.standard_id, card.version, result.score, result.score_without_critical,
        result.critical_failed, orjson.dumps(result.criteria).decode(),
    )  # fmt: skip


def _finding_row(row: int, finding: Finding) -> tuple[Any, ...]:
    return (
        row, finding.kind, finding.standard_id, finding.standard_version, finding.evidence,
        finding.expected, finding.found, finding.message, finding.start, finding.end,
        orjson.dumps(dict(finding.detail)).decode(),
    )  # fmt: skip
